from wagtail import blocks
from wagtail.blocks.list_block import ListValue

from lessons.vocabulary import MAX_WHYS, FactorType


class FactorBlock(blocks.StructBlock):
    """A success factor or barrier, followed down its chain of whys to a root cause."""

    type = blocks.ChoiceBlock(choices=FactorType.choices, default=FactorType.SUCCESS_FACTOR)
    statement = blocks.CharBlock(
        max_length=255,
        help_text="The factor as people first say it, for example “Effective communication”.",
    )
    whys = blocks.ListBlock(
        blocks.CharBlock(label="Why?"),
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
        blocks.TextBlock(label="Action", required=False),
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
    class Meta:
        icon = "tick"
        label = "Recommendation"
