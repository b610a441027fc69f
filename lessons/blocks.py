from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.blocks.list_block import ListValue

from lessons.vocabulary import MAX_WHYS, FactorType


def named(block):
    """A field block whose input names itself (aria-label) with the block's label. In a
    StreamField or a ListBlock, Wagtail shows that label beside the input but points no
    <label> at it, which axe's "label" rule and screen readers need. Block paths are
    unchanged, so migrations are too."""
    block.field.widget.attrs["aria-label"] = str(block.label)
    return block


class FactorBlock(blocks.StructBlock):
    """A success factor or barrier, followed down its chain of whys to a root cause."""

    type = blocks.ChoiceBlock(choices=FactorType.choices, default=FactorType.SUCCESS_FACTOR)
    statement = blocks.CharBlock(
        max_length=255,
        help_text="The factor as people first say it, for example “Effective communication”.",
    )
    whys = blocks.ListBlock(
        named(blocks.CharBlock(label="Why?")),
        min_num=1,
        max_num=MAX_WHYS,
        help_text=(
            "Ask “why?” of the statement, then of each answer, until you reach something a team "
            "elsewhere could act on. Usually up to five steps."
        ),
    )
    root_cause = blocks.TextBlock(
        required=False, help_text="Where the chain of whys ends: the cause underneath."
    )
    actions = blocks.ListBlock(
        named(blocks.TextBlock(label="Action", required=False)),
        default=[],
        help_text="The concrete things people did that lie behind the statement.",
    )

    class Meta:
        icon = "list-ol"
        template = "lessons/blocks/factor_block.html"

    def clean(self, value):
        value = super().clean(value)
        # An action box left empty is not an action.
        actions = self.child_blocks["actions"]
        value["actions"] = ListValue(
            actions, values=[text for text in value["actions"] if text.strip()]
        )
        return value


class RecommendationBlock(blocks.TextBlock):
    """A recommendation, in a list of them. In a StreamField, Wagtail shows a text block's
    label in the block's header but points no <label> at its textarea, so the textarea names
    itself (aria-label): axe's "label" rule, and what a screen reader announces."""

    class Meta:
        icon = "tick"
        label = "Recommendation"

    @cached_property
    def field(self):
        field = super().field
        field.widget.attrs["aria-label"] = str(self.meta.label)
        return field
