"""What a lesson is made of besides its own fields: its team, its links to maturity levels,
and its links to earlier lessons. Each is part of the lesson's revisions."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey

from core.text import MaxLineLengthValidator, lines
from core.vocabulary import LINE_MAX_LENGTH, MAX_YEARS_EXPERIENCE, LevelField
from lessons.models.pages import LessonPage
from lessons.vocabulary import Relation
from maturity.models import Level


def in_order(children):
    """Child rows numbered in the order given. Orderable sorts by `sort_order`, which only
    Wagtail's editor fills in; rows assigned in code would otherwise come back in whatever order
    the database finds them (PostgreSQL's differs from insertion order once rows are deleted)."""
    for position, child in enumerate(children):
        child.sort_order = position
    return children


class InOrder(Orderable.Meta):
    # Rows saved before they were numbered keep the order they were written in.
    ordering = ["sort_order", "pk"]


class TeamMember(Orderable):
    lesson = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="team_members")
    role = models.CharField(max_length=255, help_text="For example “Ward sister”.")
    years_experience = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(
                MAX_YEARS_EXPERIENCE,
                f"Years of experience must be a whole number from 0 to {MAX_YEARS_EXPERIENCE}",
            )
        ],
        help_text=f"Years of experience in this kind of work (0–{MAX_YEARS_EXPERIENCE}).",
    )
    specialisms = models.TextField(
        blank=True,
        validators=[MaxLineLengthValidator(LINE_MAX_LENGTH)],
        help_text="One per line, for example “infection prevention and control”.",
    )
    training = models.TextField(
        blank=True,
        validators=[MaxLineLengthValidator(LINE_MAX_LENGTH)],
        help_text="Improvement or knowledge management training, one per line.",
    )

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("years_experience")]),
        FieldRowPanel([FieldPanel("specialisms"), FieldPanel("training")]),
    ]

    class Meta(InOrder):
        pass

    def __str__(self):
        return self.role

    @property
    def specialism_list(self):
        return lines(self.specialisms)

    @property
    def training_list(self):
        return lines(self.training)


class LessonMaturityLink(Orderable):
    lesson = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="maturity_links")
    dimension = models.ForeignKey(
        "maturity.Dimension", on_delete=models.PROTECT, related_name="lesson_links"
    )
    level = LevelField()

    panels = [FieldRowPanel([FieldPanel("dimension"), FieldPanel("level")])]

    class Meta(InOrder):
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "dimension"], name="one_level_per_dimension_per_lesson"
            )
        ]

    def __str__(self):
        return self.label

    @classmethod
    def labelled(cls):
        """Links with what their labels need, in the same query: the dimension, its framework
        and the level's short descriptor."""
        short_descriptor = Level.objects.filter(
            dimension=OuterRef("dimension"), number=OuterRef("level")
        ).values("short_descriptor")[:1]
        return cls.objects.select_related("dimension__framework").annotate(
            level_short_descriptor=Coalesce(Subquery(short_descriptor), Value(""))
        )

    @property
    def label(self):
        """“QIOF Outcome 2 · level 2: delivering to teams”."""
        short_descriptor = getattr(self, "level_short_descriptor", None)  # from labelled()
        return self.dimension.level_label(self.level, short_descriptor)

    @property
    def level_url(self):
        return f"{self.dimension.get_absolute_url()}#level-{self.level}"


class LessonRelation(Orderable):
    """A link a champion made from their lesson to an earlier one. Part of the lesson's
    revisions, so a link appears only when the lesson that makes it is published."""

    lesson = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="linked_from")
    relation = models.CharField(max_length=20, choices=Relation.choices)

    panels = [FieldRowPanel([FieldPanel("relation"), FieldPanel("target")])]

    class Meta(InOrder):
        constraints = [
            models.UniqueConstraint(fields=["lesson", "target"], name="one_link_per_pair")
        ]

    def __str__(self):
        return f"{self.get_relation_display()} {self.target.title}"
