from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from accounts.roles import is_site_editor
from core.metadata import PageMetadata
from core.pages import SectionIndexPage
from core.vocabulary import Visibility, slug_errors
from network import tasks


class NetworkIndexPage(SectionIndexPage):
    subpage_types = ["network.NetworkPage"]
    default_slug = "networks"
    default_title = "Networks"
    default_intro = "Communities of people who mobilise knowledge, and what they share."

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = (
            NetworkPage.objects.child_of(self)
            .live()
            .annotate(member_count=models.Count("memberships"))
            .order_by("title")
        )
        return context

    def route(self, request, path_components):
        """Its children are networks: one is read as a NetworkPage in one query, where
        Wagtail's own route reads the page and then its network row. Anything else goes the
        usual way (and a slug that is no network's is a 404 there)."""
        if path_components:
            try:
                network = NetworkPage.objects.child_of(self).get(slug=path_components[0])
            except NetworkPage.DoesNotExist:
                return super().route(request, path_components)
            network._cached_parent_obj = self
            return network.route(request, path_components[1:])
        return super().route(request, path_components)


class NetworkPageQuerySet(PageQuerySet):
    """Networks, for many at once: the queryset forms of NetworkPage's rules."""

    def facilitated_by(self, user):
        """The networks this person facilitates (every network, for a site editor). The one
        rule for who facilitates; NetworkPage.is_facilitated_by asks it for one network."""
        if not user.is_authenticated:
            return self.none()
        if is_site_editor(user):
            return self.all()
        return self.filter(memberships__user=user, memberships__role=Membership.Role.FACILITATOR)

    def sharing_content_with(self, user):
        """The live networks whose events, resources and member lists this person may see:
        public ones, and the members-only ones they belong to (every one, for a site editor).
        NetworkPage.shares_content_with is the same rule for one network."""
        networks = self.live()
        if is_site_editor(user):
            return networks
        rule = models.Q(visibility=Visibility.PUBLIC)
        if user.is_authenticated:
            rule |= models.Q(pk__in=Membership.objects.filter(user=user).values("network"))
        return networks.filter(rule)


class NetworkPage(PageMetadata, RoutablePageMixin, Page):
    """A community with a shared purpose: its people, events, resources and learning."""

    purpose = models.TextField(
        blank=True, help_text="The shared purpose that brings members together."
    )
    visibility = models.CharField(
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=(
            "Anyone may join a public network. People ask to join a members-only network and a "
            "facilitator decides; only its members see its members-only lessons, events, "
            "resources and member list."
        ),
    )

    objects = PageManager.from_queryset(NetworkPageQuerySet)()

    content_panels = Page.content_panels + [FieldPanel("purpose"), FieldPanel("visibility")]
    search_fields = Page.search_fields + [index.SearchField("purpose")]
    parent_page_types = ["network.NetworkIndexPage"]
    subpage_types = ["network.EventPage", "network.ResourcePage", "network.ResearchSummaryPage"]

    description_field = "purpose"  # its metadata (core/metadata.py)

    class Meta:
        verbose_name = "network"

    def clean(self):
        super().clean()
        if messages := slug_errors(self.slug):
            raise ValidationError({"slug": messages})

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC

    def membership_for(self, user):
        if not user.is_authenticated:
            return None
        return self.memberships.filter(user=user).first()

    def is_facilitated_by(self, user, request=None):
        """The rule of NetworkPageQuerySet.facilitated_by, for this one network. `request`:
        the one being answered for `user`, which keeps the answer (facilitates)."""
        return facilitates(user, self.pk, request)

    def shares_content_with(self, user, membership=None):
        """Whether this person may see the network's events, resources and member list: the
        rule of NetworkPageQuerySet.sharing_content_with, for this one network (tested equal).
        An unpublished network shares nothing, not even with its members: its pages go with
        it. `membership` is the person's membership when the caller already has it."""
        if not self.live:
            return False
        if self.is_public or is_site_editor(user):
            return True
        if membership is None:
            membership = self.membership_for(user)
        return membership is not None

    def is_readable_by_anyone(self):
        """For its metadata: a members-only network keeps its member list, events and
        resources from anyone outside it, so its page is not one for everyone."""
        return self.shares_content_with(AnonymousUser())

    def json_ld(self, url, request=None):
        return {
            "@type": "Organization",
            "name": self.title,
            "description": self.metadata_description(),
            "url": url,
        }

    # Membership: the one place where people join, leave, ask and are added or decided.

    def join(self, user):
        """Join a public network (members-only networks are asked to join instead)."""
        if not self.is_public:
            raise PermissionDenied("Ask to join a members-only network.")
        membership, _ = Membership.objects.get_or_create(network=self, user=user)
        return membership

    def leave(self, user):
        """Leave the network; returns whether the person was a member."""
        deleted, _ = self.memberships.filter(user=user).delete()
        return bool(deleted)

    def ask_to_join(self, user, message=""):
        """(request, created): a pending request to join, whose facilitators are emailed once
        it is saved. Asking again returns the request already waiting."""
        try:
            with transaction.atomic():
                join_request = JoinRequest.objects.create(network=self, user=user, message=message)
        except IntegrityError:
            return self.join_requests.get(user=user, status=JoinRequest.Status.PENDING), False
        transaction.on_commit(lambda: tasks.email_join_request.enqueue(join_request.pk))
        return join_request, True

    def facilitator_memberships(self):
        return self.memberships.filter(role=Membership.Role.FACILITATOR)

    def add_member(self, user, by):
        """A facilitator adds someone directly."""
        if not self.is_facilitated_by(by):
            raise PermissionDenied("Only the network's facilitators can add members.")
        membership, _ = Membership.objects.get_or_create(network=self, user=user)
        return membership

    # Routes: each hands the request over to the network's views.

    @path("")
    def index_route(self, request):
        """The network page itself (its context: network.presenters.network_page_context)."""
        return _views().network_page(request, self)

    @path("join/", name="join")
    def join_view(self, request):
        return _views().join(request, self)

    @path("leave/", name="leave")
    def leave_view(self, request):
        return _views().leave(request, self)

    @path("requests/", name="join_requests")
    def join_requests_view(self, request):
        return _views().join_requests(request, self)

    @path("requests/<id:request_id>/<str:decision>/", name="decide_request")
    def decide_request_view(self, request, request_id, decision):
        return _views().decide_request(request, self, request_id, decision)

    @path("members/add/", name="add_member")
    def add_member_view(self, request):
        return _views().add_member(request, self)

    @path("reviews/add/", name="add_review")
    def add_review_view(self, request):
        return _views().add_review(request, self)

    @path("calendar/", name="events_feed")
    def events_feed(self, request):
        return _views().network_calendar(request, self)


def _views():
    """The one hop from page models to their view code (as wagtail.contrib.forms does it),
    for route methods only (NetworkPage's and EventPage's): the views import these models, so
    the models reach the views only when serving. import-linter allows this import and no
    other from a model module to the views (pyproject.toml)."""
    from network import views

    return views


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        FACILITATOR = "facilitator", "Facilitator"
        SPONSOR = "sponsor", "Sponsor"
        CORE_GROUP = "core_group", "Core group"

    network = models.ForeignKey(NetworkPage, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["network__title", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="one_membership_per_network"),
        ]

    def __str__(self):
        return f"{self.user} in {self.network} ({self.get_role_display()})"

    @property
    def is_facilitator(self):
        return self.role == self.Role.FACILITATOR


class JoinRequest(models.Model):
    """Someone asking to join a members-only network; a facilitator approves or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a facilitator"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    network = models.ForeignKey(NetworkPage, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_network",
            )
        ]

    def __str__(self):
        return f"{self.user} asks to join {self.network}"

    def approve(self, by):
        """A facilitator lets the person in; they are emailed once it is saved."""
        with transaction.atomic():
            self._decide(self.Status.APPROVED, by)
            membership, _ = Membership.objects.get_or_create(network=self.network, user=self.user)
        return membership

    def decline(self, by):
        with transaction.atomic():
            self._decide(self.Status.DECLINED, by)

    def _decide(self, status, by):
        if not self.network.is_facilitated_by(by):
            raise PermissionDenied("Only the network's facilitators can decide requests.")
        if self.status != self.Status.PENDING:
            raise PermissionDenied("This request has already been decided.")
        self.status, self.decided_by, self.decided_at = status, by, timezone.now()
        self.save(update_fields=["status", "decided_by", "decided_at"])
        transaction.on_commit(lambda: tasks.email_join_decision.enqueue(self.pk))


class FacilitatorGroup(models.Model):
    """The Wagtail group whose page permissions give a network's facilitators its pages in the
    admin. Tied to the network by key, so renaming the network's slug or title changes nothing."""

    network = models.OneToOneField(
        NetworkPage, on_delete=models.CASCADE, related_name="facilitator_group"
    )
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return self.group.name


def facilitates_a_network(user):
    """Whether this person facilitates any network (every site editor does, when there is one):
    NetworkPageQuerySet.facilitated_by, asked for any network at all."""
    return NetworkPage.objects.facilitated_by(user).exists()


def networks_joined(user, request=None):
    """The ids of the networks this person belongs to (none for someone signed out). Given the
    request being answered for `user`, read once a request however many rules ask it: a
    network page asks it for its lessons (the read rule), for whether to invite the reader to
    share with it and for whether they may ask it a question."""
    if not user.is_authenticated:
        return frozenset()
    asked = {} if request is None or request.user is not user else request.__dict__
    if "_networks_joined" not in asked:
        # Unordered: Membership's own order (by network title and email) would join two tables.
        joined = Membership.objects.filter(user=user).order_by().values_list("network", flat=True)
        asked["_networks_joined"] = frozenset(joined)
    return asked["_networks_joined"]


def facilitates(user, network_id, request=None):
    """NetworkPage.is_facilitated_by, for a network by its id. Given the request being answered
    for `user`, asked once a request however many parts of its page ask it (a lesson's page:
    may the reader correct the lesson, do they moderate its comments)."""
    asked = (
        {}
        if request is None or request.user is not user
        else request.__dict__.setdefault("_facilitated_networks", {})
    )
    if network_id not in asked:
        asked[network_id] = NetworkPage.objects.facilitated_by(user).filter(pk=network_id).exists()
    return asked[network_id]
