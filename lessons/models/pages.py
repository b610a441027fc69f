"""The lessons index and lesson pages: what a lesson holds, how the admin edits it, and the
rules for one lesson (the same as the queryset's, in querysets.py)."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
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
from wagtail.models import Page, PageManager, PagePermissionTester
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from core.blocks import LinkBlock
from core.metadata import PageMetadata
from core.pages import SectionIndexPage
from core.vocabulary import OrganisationType, Region, Scale, Visibility, slug_errors
from lessons import tasks
from lessons.blocks import FactorBlock, RecommendationBlock
from lessons.models.authors import Authorship
from lessons.models.impact import Impact
from lessons.models.linked_data import lesson_json_ld
from lessons.models.querysets import LessonPageQuerySet, networks_of
from lessons.models.review import Reviewing
from lessons.models.revisions import CHECKED_TOGETHER, children_checked_together
from lessons.vocabulary import QUESTIONS, FactorType, Kind

LESSONS_PER_PAGE = 12
# /lessons/share/ is the form to share a lesson (lessons/urls.py), so no lesson may take it.
RESERVED_SLUGS = {"share"}

LessonPageManager = PageManager.from_queryset(LessonPageQuerySet)


def _presenters():
    """The one hop from these page models to the code that builds their pages' context and
    serves their routes (as wagtail.contrib.forms reaches its views): that code imports these
    models, so the models reach it only when serving. lessons/presenters.py builds context;
    lessons/views.py serves the routes."""
    from lessons import presenters  # noqa: PLC0415 (see above)

    return presenters


def _views():
    """The route half of the hop described in _presenters."""
    from lessons import views  # noqa: PLC0415 (see _presenters)

    return views


class LessonIndexPage(SectionIndexPage):
    subpage_types = ["lessons.LessonPage"]
    child_related = ("network",)  # its page names and links its network
    default_slug = "lessons"
    default_title = "Lessons learned"
    default_intro = (
        "Lessons, case studies and reviews from teams across the NHS, each with the context you "
        "need to judge whether it applies to you."
    )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(_presenters().lesson_listing(request, self))
        return context


class LessonTheme(TaggedItemBase):
    content_object = ParentalKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="tagged_themes"
    )


class LessonPage(Authorship, Reviewing, Impact, PageMetadata, RoutablePageMixin, Page):
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
    # Whether the champion answered the share form's network question: no network means
    # "the whole site" only once they chose it, so that skipping the question sends nobody's
    # lesson to the wrong reviewers.
    network_chosen = models.BooleanField(default=False, editable=False)
    visibility = models.CharField(
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text="Members-only lessons are seen only by signed-in members of its network.",
    )

    organisation_type = models.CharField(
        max_length=30,
        choices=OrganisationType.choices,
        blank=True,
        db_index=True,  # similar lessons' first candidates (lessons/similarity.py)
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

    factors = StreamField([("factor", FactorBlock())], blank=True)
    recommendations = StreamField(
        [("recommendation", RecommendationBlock())],
        blank=True,
        help_text="What you would tell someone trying this elsewhere.",
    )
    evidence = StreamField([("link", LinkBlock())], blank=True)
    themes = ClusterTaggableManager(through=LessonTheme, blank=True)

    # Kept in step with the team on every save, so that similar-context ranking can compare
    # teams in one SQL query instead of loading every team member.
    team_size = models.PositiveSmallIntegerField(default=0, editable=False)
    team_years = models.PositiveIntegerField(default=0, editable=False)
    # How many times the lesson was applied, kept by Application (lessons/models/applications.py)
    # in the transaction that adds or deletes one, so listings sort and filter on a column.
    applied_count = models.PositiveIntegerField(default=0, editable=False)

    objects = LessonPageManager()

    # Its metadata (core/metadata.py): shown only while anyone may read it (is_readable_by).
    metadata_type = "article"
    description_field = "summary"

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
        index.SearchField("impact_outcome"),
        index.SearchField("impact_vignette"),
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
            ObjectList(Impact.impact_panels, heading="Impact"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    class Meta:
        verbose_name = "lesson"
        # What the busiest listings sort and filter on, so that a page of them is read in
        # order from an index instead of sorting every lesson: the newest (home, /lessons/,
        # a network's lessons, a kind's: the case study of the month) and the most applied.
        indexes = [
            models.Index(fields=["date", "page_ptr"], name="lesson_by_date"),
            models.Index(fields=["network", "date"], name="lesson_network_by_date"),
            models.Index(fields=["kind", "date"], name="lesson_kind_by_date"),
            models.Index(fields=["applied_count", "date", "page_ptr"], name="lesson_by_applied"),
        ]

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
            name: children_checked_together(cls, name, data.pop(name))
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
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "applied_count" not in update_fields:
            return super().save(*args, **kwargs)
        # A whole save writes the applied_count this object was loaded with, perhaps from a
        # revision: counted again under the row lock the save took.
        with transaction.atomic():
            saved = super().save(*args, **kwargs)
            LessonPage.objects.filter(pk=self.pk).count_applications()
        return saved

    def with_content_json(self, content):
        lesson = super().with_content_json(content)
        lesson.applied_count = self.applied_count  # the lesson's, not the revision's
        return lesson

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
        return self.network_id is not None and self.network_id in networks_of(user)

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
        context.update(_presenters().lesson_page(request, self))
        return context

    def get_sitemap_urls(self, request=None):
        # Sitemaps are fetched without signing in.
        if not self.is_readable_by(AnonymousUser()):
            return []
        return super().get_sitemap_urls(request)

    def json_ld(self, url, request=None):
        return lesson_json_ld(self, url, request)

    @classmethod
    def with_reading_relations(cls, queryset):
        """Prefetch what a listing shows for each lesson, and count its applications."""
        return queryset.with_application_summary().prefetch_related(
            "themes",
            Prefetch("maturity_links", queryset=_maturity_links()),
        )

    # Applying the lesson elsewhere, and finding it useful: the transitions, used by the
    # views, the demo loader and the tests alike.

    def record_application(self, by, *, applied_on, what_we_did, notify=True, **context):
        """`by` records that their team applied this lesson: when, what they did and adapted,
        and their context (organisation_type, setting, region, scale, team_years). The
        lesson's author and its network's facilitators are emailed once it is saved, unless
        `notify` is false (the demo loader records old applications).

        A member has one application of a lesson per setting (a librarian applying it on two
        wards records two): recording it again for the same setting edits it (its result
        stays) and emails nobody. Repeats at the same moment make one application: the
        second insert meets the unique constraint and edits what the first saved."""
        if not (by.is_authenticated and self.is_readable_by(by)):
            raise PermissionDenied("Only members who may read this lesson can say they applied it.")
        recorded = {"applied_on": applied_on, "what_we_did": what_we_did, **context}
        application = self.applications.model(lesson=self, applier=by, **recorded)
        application.full_clean(validate_constraints=False)
        same = {"lesson": self, "applier": by, "setting": application.setting}
        with transaction.atomic():
            existing = self.applications.model.objects.select_for_update().filter(**same).first()
            if existing is None:
                try:
                    with transaction.atomic():
                        application.save()
                except IntegrityError:  # recorded by a request at the same moment
                    existing = self.applications.model.objects.get(**same)
                else:
                    if notify:
                        transaction.on_commit(
                            lambda: tasks.email_lesson_applied.enqueue(application.pk)
                        )
                    return application
            for name, value in recorded.items():
                setattr(existing, name, value)
            existing.save(update_fields=[*recorded, "updated_at"])
        return existing

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
                self.useful_marks.get_or_create(user=by)
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

    @path("result/<id:application_id>/", name="record_result")
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
        # As Wagtail's tester: a superuser has every permission, and no set of them.
        if user.is_active and not user.is_superuser:
            self.facilitator_grants = page.facilitator_actions(user) - self.permissions
            self.permissions = self.permissions | self.facilitator_grants

    def can_delete(self, ignore_bulk=False):
        return not self.facilitator_grants and super().can_delete(ignore_bulk)

    def can_set_view_restrictions(self):
        return not self.facilitator_grants and super().can_set_view_restrictions()


def _maturity_links():
    """The lesson's maturity links with their labels (LessonMaturityLink.labelled)."""
    return LessonPage._meta.get_field("maturity_links").related_model.labelled()
