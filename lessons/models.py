from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

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
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PagePermissionTester, WorkflowState
from wagtail.query import PageQuerySet
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import model_from_serializable_data
from taggit.models import TaggedItemBase

from core.blocks import LinkBlock
from core.text import MaxLineLengthValidator, lines
from core.vocabulary import (
    LINE_MAX_LENGTH,
    MAX_TEAM_YEARS,
    MAX_YEARS_EXPERIENCE,
    LevelField,
    OrganisationType,
    Region,
    Scale,
    Visibility,
    slug_errors,
)
from lessons import tasks
from lessons.blocks import FactorBlock, RecommendationBlock
from lessons.moderation import ReviewByNetworkTask  # noqa: F401 (a model: registered here)
from lessons.vocabulary import QUESTIONS, REPORTED_RESULTS, FactorType, Kind, Relation, Result
from maturity.models import Level
from network.models import Membership, NetworkPage

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

    def in_review(self):
        """Lessons whose review is in progress (submitted, not yet approved or sent back)."""
        submitted = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
        ).values_list("object_id", flat=True)
        return self.filter(pk__in=[int(pk) for pk in submitted])

    def facilitated_by(self, user, action="change"):
        """The lessons a facilitator reviews, and so may open, edit and publish (approve) in the
        admin: those in review in the networks they facilitate, never their own. A network's
        other lessons are not theirs to change: drafts belong to their champions until they are
        submitted, and published lessons change through a new review. Wagtail's tree
        permissions cannot say this (lessons live under /lessons/, not under their network);
        LessonPermissionTester gives it to the admin."""
        if action not in FACILITATOR_ACTIONS or not user.is_authenticated:
            return self.none()
        return (
            self.in_review()
            .filter(network__in=NetworkPage.facilitated_by(user))
            .exclude(owner=user.pk)
        )

    def learned(self):
        """The lessons marked *learned*: applied somewhere, with a result reported (anything
        but "too early to tell"). LessonPage.is_learned asks the same for one lesson."""
        return self.filter(_has_reported_result())

    def with_application_summary(self):
        """Each lesson with `applied_count` and `is_learned`, for cards and lists, in the
        same query (is_learned then needs no query of its own)."""
        return self.annotate(applied_count=_application_count(), is_learned=_has_reported_result())

    def order_by_applied(self):
        """The most applied first, then the newest."""
        return self.order_by(_application_count().desc(), "-date", "-pk")

    def most_applied(self):
        """Lessons applied at least once, the most applied first, then the newest."""
        applied = Exists(Application.objects.filter(lesson=OuterRef("pk")))
        return self.filter(applied).order_by_applied()


FACILITATOR_ACTIONS = ("change", "publish")


def _has_reported_result():
    """The learned rule, as SQL: one of the lesson's applications has a reported result."""
    return Exists(Application.objects.filter(lesson=OuterRef("pk"), result__in=REPORTED_RESULTS))


def _application_count():
    """How many times the lesson has been applied, as SQL (a subquery, so that it combines
    with any filter or join of the query it is used in)."""
    counted = (
        Application.objects.filter(lesson=OuterRef("pk"))
        .order_by()
        .values("lesson")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


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


class LessonPage(RoutablePageMixin, Page):
    """A lesson learned, case study or review, with the context that lets others judge it.

    Its routes (apply/, result/<id>/, useful/) let members record that they applied it, what
    happened, and that they found it useful: each hands over to lessons.views."""

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
        self.count_team()
        return super().save(*args, **kwargs)

    def count_team(self):
        team = list(self.team_members.all())
        self.team_size = len(team)
        self.team_years = sum(member.years_experience or 0 for member in team)

    def clean(self):
        super().clean()
        errors = {}
        if messages := slug_errors(self.slug):
            errors["slug"] = messages
        if self.slug in RESERVED_SLUGS:
            errors.setdefault("slug", []).append(
                "This address is the form to share a lesson: choose another slug."
            )
        if self.visibility == Visibility.MEMBERS and not self.network_id:
            errors["network"] = "A members-only lesson must belong to a network: choose one."
        if errors:
            raise ValidationError(errors)

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

    def facilitator_actions(self, user):
        """The rule of LessonPageQuerySet.facilitated_by, for this one lesson: the admin actions
        this person may take on it as a facilitator of its network."""
        if not (user.is_authenticated and self.network_id) or self.owner_id == user.pk:
            return set()
        if not NetworkPage.facilitated_by(user).filter(pk=self.network_id).exists():
            return set()
        return set(FACILITATOR_ACTIONS) if self.workflow_in_progress else set()

    def permissions_for_user(self, user):
        return LessonPermissionTester(user, self)

    @cached_property
    def is_learned(self):
        """The rule of LessonPageQuerySet.learned, for this one lesson. Listings annotate it
        (with_application_summary), which replaces this property on each lesson they load."""
        return LessonPage.objects.learned().filter(pk=self.pk).exists()

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
        """Prefetch what a listing shows for each lesson, and count its applications."""
        return queryset.with_application_summary().prefetch_related(
            "themes",
            Prefetch("maturity_links", queryset=LessonMaturityLink.labelled()),
        )

    # Applying the lesson elsewhere, and finding it useful: the transitions, used by the
    # views, the demo loader and the tests alike.

    def record_application(self, by, *, applied_on, what_we_did, notify=True, **context):
        """`by` records that their team applied this lesson: when, what they did and adapted,
        and their context (organisation_type, setting, region, scale, team_years). The
        lesson's author and its network's facilitators are emailed once it is saved, unless
        `notify` is false (the demo loader records old applications)."""
        if not (by.is_authenticated and self.is_readable_by(by)):
            raise PermissionDenied("Only members who may read this lesson can say they applied it.")
        application = Application(
            lesson=self, applier=by, applied_on=applied_on, what_we_did=what_we_did, **context
        )
        application.full_clean()
        with transaction.atomic():
            application.save()
            if notify:
                transaction.on_commit(lambda: tasks.email_lesson_applied.enqueue(application.pk))
        return application

    def set_useful(self, by, useful):
        """Mark (or unmark) the lesson as useful to `by`: one mark per member. Setting a state,
        rather than flipping it, makes a second click of the same button harmless."""
        if not (by.is_authenticated and self.is_readable_by(by)):
            raise PermissionDenied("Only members who may read this lesson can mark it useful.")
        if not useful:
            self.useful_marks.filter(user=by).delete()
            return
        try:
            with transaction.atomic():
                UsefulMark.objects.get_or_create(lesson=self, user=by)
        except IntegrityError:
            pass  # marked by a request that ran at the same moment: the mark is there

    def useful_count_for(self, reader):
        """(how many members found the lesson useful, whether `reader` is one), in one query."""
        mine = {"mine": Count("pk", filter=Q(user=reader))} if reader.is_authenticated else {}
        counts = self.useful_marks.aggregate(total=Count("pk"), **mine)
        return counts["total"], bool(counts.get("mine"))

    # Routes: each hands over to the lesson views (LessonPage.serve has already checked that
    # the reader may read the lesson).

    @path("apply/", name="apply")
    def apply_view(self, request):
        return _views().apply(request, self)

    @path("result/<int:application_id>/", name="record_result")
    def record_result_view(self, request, application_id):
        return _views().record_result(request, self, application_id)

    @path("useful/", name="useful")
    def useful_view(self, request):
        return _views().useful(request, self)


class LessonPermissionTester(PagePermissionTester):
    """Wagtail's page permissions for a lesson (from the page tree: editors hold them at the
    root), plus what a facilitator of the lesson's network may do to it. Facilitators review
    lessons; they do not delete, move or restrict them."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.facilitator_grants = set()
        if user.is_active and not user.is_superuser:
            self.facilitator_grants = page.facilitator_actions(user) - self.permissions
            self.permissions = self.permissions | self.facilitator_grants

    def can_delete(self, ignore_bulk=False):
        return not self.facilitator_grants and super().can_delete(ignore_bulk)

    def can_set_view_restrictions(self):
        return not self.facilitator_grants and super().can_set_view_restrictions()


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

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["lesson", "target"], name="one_link_per_pair")
        ]

    def __str__(self):
        return f"{self.get_relation_display()} {self.target.title}"


class ApplicationQuerySet(models.QuerySet):
    def due_for_reminder(self, now=None):
        """Applications whose applier should now be asked for the result: recorded (and
        started) at least APPLICATION_REMINDER_AFTER ago, with no result yet, and never
        reminded before."""
        cutoff = (now or timezone.now()) - settings.APPLICATION_REMINDER_AFTER
        return self.filter(
            applier__isnull=False,
            result="",
            reminder_sent_at__isnull=True,
            created_at__lte=cutoff,
            applied_on__lte=timezone.localdate(cutoff),
        )


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
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_TEAM_YEARS)],
        help_text="The team's years of experience, added together.",
    )
    applied_on = models.DateField(help_text="When you started applying it.")
    what_we_did = models.TextField(help_text="What you did, and what you adapted.")
    result = models.CharField(max_length=20, choices=Result.choices, blank=True)
    result_note = models.TextField(blank=True)
    result_on = models.DateField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_on", "-pk"]

    def __str__(self):
        return f"{self.lesson.title}, applied {self.applied_on:%d %B %Y}"

    def clean(self):
        super().clean()
        if self.applied_on and self.applied_on > timezone.localdate():
            raise ValidationError(
                {"applied_on": "The date you started must be today or in the past."}
            )

    @property
    def has_reported_result(self):
        return self.result in REPORTED_RESULTS

    @property
    def context_parts(self):
        """The applier's context in words, as the lesson page and emails show it."""
        parts = [
            self.get_organisation_type_display() if self.organisation_type else "",
            self.setting,
            self.get_region_display() if self.region else "",
            self.get_scale_display().lower() if self.scale else "",
        ]
        if self.team_years is not None:
            parts.append(f"{self.team_years} years of experience in the team")
        return [part for part in parts if part]

    def record_result(self, by, result, note="", on=None):
        """Whoever applied the lesson says what happened: at any time, and again if it
        changes (a result "too early to tell" often becomes one)."""
        if not (by.is_authenticated and by.pk == self.applier_id):
            raise PermissionDenied("Only the member who applied the lesson can record its result.")
        if result not in Result.values:
            raise ValidationError({"result": "Choose one of the results."})
        self.result, self.result_note = result, note
        self.result_on = on or timezone.localdate()
        self.save(update_fields=["result", "result_note", "result_on", "updated_at"])

    def send_reminder(self, now=None):
        """Ask the applier, once, for the result. The row is claimed by a conditional update,
        so two runs of the reminder command at once still send one email. Returns whether this
        call claimed it."""
        claimed = Application.objects.filter(
            pk=self.pk, result="", reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now or timezone.now())
        if claimed:
            transaction.on_commit(lambda: tasks.email_result_reminder.enqueue(self.pk))
        return bool(claimed)


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
