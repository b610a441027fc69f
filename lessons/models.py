from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import model_from_serializable_data
from taggit.models import TaggedItemBase

from core.blocks import LinkBlock
from core.text import lines
from core.vocabulary import (
    MAX_YEARS_EXPERIENCE,
    LevelField,
    OrganisationType,
    Region,
    Scale,
    Visibility,
)
from lessons.blocks import FactorBlock, RecommendationBlock
from lessons.moderation import LessonPermissionTester, ReviewByNetworkTask  # noqa: F401
from lessons.vocabulary import QUESTIONS, FactorType, Kind, Relation, Result
from network.models import Membership

LESSONS_PER_PAGE = 12
# /lessons/share/ is the form to share a lesson (lessons/urls.py), so no lesson may take it.
RESERVED_SLUGS = {"share"}


class LessonPageQuerySet(PageQuerySet):
    def readable_by(self, user):
        """The lessons this person may read: live, and public or members-only lessons of a
        network they belong to. Every surface that shows lessons asks this (or, for one
        lesson, LessonPage.is_readable_by, which applies the same rule and is tested equal)."""
        rule = Q(visibility=Visibility.PUBLIC)
        # A list, not a subquery: search backends such as Elasticsearch can filter on it.
        if their_networks := _networks_of(user):
            rule |= Q(visibility=Visibility.MEMBERS, network__in=their_networks)
        return self.live().filter(rule)


def _networks_of(user):
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).values_list("network_id", flat=True))


LessonPageManager = PageManager.from_queryset(LessonPageQuerySet)


class LessonIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["lessons.LessonPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(_views().lesson_listing(request, self))
        return context


def _views():
    """The one hop from page models to their view code (as wagtail.contrib.forms does it):
    the views import these models, so the models reach the views only when serving."""
    from lessons import views

    return views


class LessonTheme(TaggedItemBase):
    content_object = ParentalKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="tagged_themes"
    )


class LessonPage(Page):
    """A lesson learned, case study or review, with the context that lets others judge it."""

    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.LESSON)
    summary = models.TextField(
        max_length=1000,
        help_text="One paragraph: what was learned, where, and why it matters to others.",
    )
    date = models.DateField(null=True, blank=True, help_text="When the work happened.")
    network = models.ForeignKey(
        "network.NetworkPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
    )
    visibility = models.CharField(
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text="Members-only lessons are seen only by signed-in members of its network.",
    )

    organisation_type = models.CharField(
        max_length=30, choices=OrganisationType.choices, blank=True
    )
    setting = models.CharField(
        max_length=255,
        blank=True,
        help_text="The care or service setting, for example “inpatient wards” or “GP practices”.",
    )
    region = models.CharField(max_length=30, choices=Region.choices, blank=True)
    scale = models.CharField(max_length=20, choices=Scale.choices, blank=True)

    intended = models.TextField(blank=True)
    what_happened = models.TextField(blank=True)
    outcome = models.TextField(blank=True)

    factors = StreamField([("factor", FactorBlock())], blank=True, use_json_field=True)
    recommendations = StreamField(
        [("recommendation", RecommendationBlock())],
        blank=True,
        use_json_field=True,
        help_text="What you would tell someone trying this elsewhere.",
    )
    evidence = StreamField([("link", LinkBlock())], blank=True, use_json_field=True)
    themes = ClusterTaggableManager(through=LessonTheme, blank=True)

    # Kept in step with the team on every save, so that similar-context ranking can compare
    # teams in one SQL query instead of loading every team member.
    team_size = models.PositiveSmallIntegerField(default=0, editable=False)
    team_years = models.PositiveIntegerField(default=0, editable=False)

    objects = LessonPageManager()

    parent_page_types = ["lessons.LessonIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("setting"),
        index.SearchField("intended"),
        index.SearchField("what_happened"),
        index.SearchField("outcome"),
        index.SearchField("recommendations"),
        index.SearchField("factors"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("visibility"),
        index.FilterField("network"),
        index.FilterField("organisation_type"),
        index.FilterField("region"),
        index.FilterField("scale"),
        index.FilterField("date"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    story_panels = [
        TitleFieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("date"),
        HelpPanel(
            content=(
                "<p>Write the story under the questions its kind asks. A lesson: what you set "
                "out to do, what happened, the outcome and how you measured it. A before action "
                "review: intended results, foreseeable challenges, what will make the biggest "
                "difference. An after action review: what was meant to happen, what happened, "
                "why they differ. A retrospect: objectives, what was and was not achieved, what "
                "went well and what you would do differently.</p>"
            )
        ),
        FieldPanel("intended", heading="Intended (results, objectives, what was meant to happen)"),
        FieldPanel("what_happened", heading="What happened (or the challenges foreseen)"),
        FieldPanel("outcome", heading="Outcome (and how it was measured, or what differs)"),
        FieldPanel("recommendations"),
        FieldPanel("evidence"),
    ]
    context_panels = [
        HelpPanel(
            content=(
                "<p>Readers judge whether your lesson applies to them from its context. "
                "Job titles are not context: experience is. “Two nurses” says little; “two "
                "nurses with thirty years between them, one an infection-prevention specialist, "
                "one trained in measurement for improvement” says a lot.</p>"
            )
        ),
        FieldRowPanel([FieldPanel("organisation_type"), FieldPanel("region")]),
        FieldRowPanel([FieldPanel("setting"), FieldPanel("scale")]),
        InlinePanel("team_members", heading="The team", label="Team member"),
    ]
    factor_panels = [
        HelpPanel(
            content=(
                "<p>Statements such as “effective communication” or “engaged leadership” only "
                "help others when the actions behind them are written down. For each success "
                "factor or barrier, ask “why?” up to five times to reach its root cause, then "
                "record the concrete actions.</p>"
            )
        ),
        FieldPanel("factors", heading="Success factors and barriers"),
    ]
    maturity_panels = [
        InlinePanel(
            "maturity_links",
            heading="Maturity outcomes",
            label="Maturity link",
            help_text="The framework outcomes and levels this story speaks to.",
        ),
        FieldPanel("themes"),
        InlinePanel(
            "related_links",
            heading="Related lessons",
            label="Related lesson",
            help_text="Earlier lessons this one builds on or contrasts with.",
        ),
        MultiFieldPanel(
            [FieldPanel("network"), FieldPanel("visibility")], heading="Network and visibility"
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(story_panels, heading="Story"),
            ObjectList(context_panels, heading="Context and team"),
            ObjectList(factor_panels, heading="Factors and whys"),
            ObjectList(maturity_panels, heading="Maturity and themes"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    class Meta:
        verbose_name = "lesson"
        permissions = [("review_lessons", "Can review lessons shared without a network")]

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """A lesson as a revision holds it. modelcluster checks that each child's foreign keys
        still exist with one query per child (two dozen for a full lesson, every time a draft
        is opened); the children here are checked in one query per kind of key instead, with
        the same outcome, and keep the objects they point to."""
        if not check_fks:
            return super().from_serializable_data(data, check_fks, strict_fks)
        data = dict(data)
        children = {
            name: _children_checked_together(cls, name, data.pop(name))
            for name in CHECKED_TOGETHER
            if name in data
        }
        lesson = super().from_serializable_data(data, check_fks, strict_fks)
        if lesson is not None:
            for name, objects in children.items():
                setattr(lesson, name, objects)
        return lesson

    def save(self, *args, **kwargs):
        team = list(self.team_members.all())
        self.team_size = len(team)
        self.team_years = sum(member.years_experience or 0 for member in team)
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": "This address is the form to share a lesson: choose another slug."}
            )
        if self.visibility == Visibility.MEMBERS and not self.network_id:
            raise ValidationError(
                {"network": "A members-only lesson must belong to a network: choose one."}
            )

    # Reading

    @property
    def questions(self):
        return QUESTIONS[self.kind]

    @property
    def story(self):
        """(heading, text) for each part of the story that has been written."""
        texts = (self.intended, self.what_happened, self.outcome)
        return [(q, text) for q, text in zip(self.questions, texts, strict=True) if text]

    @property
    def success_factors(self):
        return [f.value for f in self.factors if f.value["type"] == FactorType.SUCCESS_FACTOR]

    @property
    def barriers(self):
        return [f.value for f in self.factors if f.value["type"] == FactorType.BARRIER]

    def is_readable_by(self, user):
        """The rule of LessonPageQuerySet.readable_by, for this one lesson."""
        if not self.live:
            return False
        if self.visibility == Visibility.PUBLIC:
            return True
        return self.network_id is not None and self.network_id in _networks_of(user)

    def permissions_for_user(self, user):
        return LessonPermissionTester(user, self)

    def can_be_previewed_by(self, user):
        return self.permissions_for_user(user).can_edit()

    def serve(self, request, *args, **kwargs):
        if not (self.is_readable_by(request.user) or self.can_be_previewed_by(request.user)):
            raise Http404("No such lesson")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(_views().lesson_page_context(request, self))
        return context

    def get_sitemap_urls(self, request=None):
        # Sitemaps are fetched without signing in.
        if not self.is_readable_by(AnonymousUser()):
            return []
        return super().get_sitemap_urls(request)

    @classmethod
    def with_reading_relations(cls, queryset):
        """Prefetch what a listing shows for each lesson."""
        return queryset.prefetch_related(
            "themes",
            Prefetch(
                "maturity_links",
                queryset=LessonMaturityLink.objects.select_related("dimension"),
            ),
        )


CHECKED_TOGETHER = ("team_members", "maturity_links", "related_links", "tagged_themes")


def _children_checked_together(lesson_model, relation_name, items):
    """Child objects from their serialised form, as modelcluster builds them with check_fks
    (a child whose key points at a deleted object is dropped, or its key nulled, according to
    on_delete), but with one query per foreign key rather than one per child."""
    model = lesson_model._meta.get_field(relation_name).related_model
    keys = [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and not isinstance(field, ParentalKey)
    ]
    found = {}
    for field in keys:
        target = field.remote_field.model._meta.get_field(field.remote_field.field_name)
        values = {target.to_python(item[field.name]) for item in items if item.get(field.name)}
        found[field.name] = field.remote_field.model._default_manager.in_bulk(
            values, field_name="pk" if target.primary_key else target.name
        )
    children = []
    for item in items:
        item = dict(item)
        for field in keys:
            value = item.get(field.name)
            if value is None or found[field.name].get(_to_python(field, value)) is not None:
                continue
            if field.remote_field.on_delete is models.CASCADE:
                item = None  # as modelcluster does with strict_fks for children
                break
            if field.remote_field.on_delete is models.SET_NULL:
                item[field.name] = None
            elif field.remote_field.on_delete is not models.DO_NOTHING:
                raise ValueError(f"{model.__name__}.{field.name} points at a missing object")
        if item is None:
            continue
        child = model_from_serializable_data(model, item, check_fks=False, strict_fks=True)
        for field in keys:
            if (value := getattr(child, field.attname)) is not None:
                setattr(child, field.name, found[field.name][value])
        children.append(child)
    return children


def _to_python(field, value):
    target = field.remote_field.model._meta.get_field(field.remote_field.field_name)
    return target.to_python(value)


class TeamMember(Orderable):
    lesson = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="team_members")
    role = models.CharField(max_length=255, help_text="For example “Ward sister”.")
    years_experience = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_YEARS_EXPERIENCE)],
        help_text="Years of experience in this kind of work (0–60).",
    )
    specialisms = models.TextField(
        blank=True, help_text="One per line, for example “infection prevention and control”."
    )
    training = models.TextField(
        blank=True,
        help_text="Improvement or knowledge management training, one per line.",
    )

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("years_experience")]),
        FieldRowPanel([FieldPanel("specialisms"), FieldPanel("training")]),
    ]

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

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "dimension"], name="one_level_per_dimension_per_lesson"
            )
        ]

    def __str__(self):
        return f"{self.dimension.short_title}, level {self.level}"

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

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["lesson", "target"], name="one_link_per_pair")
        ]

    def __str__(self):
        return f"{self.get_relation_display()} {self.target.title}"


class Application(models.Model):
    """A team applied a lesson elsewhere: their context, what they did, and what happened.
    Imported applications (lessons/v1 `applications`) have no applier."""

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="applications")
    applier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    organisation_type = models.CharField(
        max_length=30, choices=OrganisationType.choices, blank=True
    )
    setting = models.CharField(max_length=255, blank=True)
    region = models.CharField(max_length=30, choices=Region.choices, blank=True)
    scale = models.CharField(max_length=20, choices=Scale.choices, blank=True)
    team_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The team's years of experience, added together."
    )
    applied_on = models.DateField(help_text="When you started applying it.")
    what_we_did = models.TextField(help_text="What you did, and what you adapted.")
    result = models.CharField(max_length=20, choices=Result.choices, blank=True)
    result_note = models.TextField(blank=True)
    result_on = models.DateField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-applied_on", "-pk"]

    def __str__(self):
        return f"{self.lesson.title}, applied {self.applied_on:%d %B %Y}"


class UsefulMark(models.Model):
    """A member found a lesson useful: one per member per lesson, counted."""

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="useful_marks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="useful_marks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lesson", "user"], name="one_useful_mark_per_member")
        ]

    def __str__(self):
        return f"{self.user} found {self.lesson.title} useful"
