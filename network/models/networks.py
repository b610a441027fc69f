from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

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


class NetworkPage(RoutablePageMixin, Page):
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

    content_panels = Page.content_panels + [FieldPanel("purpose"), FieldPanel("visibility")]
    search_fields = Page.search_fields + [index.SearchField("purpose")]
    parent_page_types = ["network.NetworkIndexPage"]
    subpage_types = ["network.EventPage", "network.ResourcePage", "network.ResearchSummaryPage"]

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

    @classmethod
    def facilitated_by(cls, user):
        """The networks this person facilitates (every network, for a superuser). The one rule
        for who facilitates; is_facilitated_by asks it for one network."""
        if not user.is_authenticated:
            return cls.objects.none()
        if user.is_superuser:
            return cls.objects.all()
        return cls.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.FACILITATOR
        )

    def is_facilitated_by(self, user):
        return NetworkPage.facilitated_by(user).filter(pk=self.pk).exists()

    @classmethod
    def shared_with(cls, user):
        """The live networks whose events, resources and member lists this person may see:
        the same rule as shares_with(), for many networks at once."""
        networks = cls.objects.live()
        if user.is_authenticated and user.is_superuser:
            return networks
        rule = models.Q(visibility=Visibility.PUBLIC)
        if user.is_authenticated:
            rule |= models.Q(memberships__user=user)
        return networks.filter(rule).distinct()

    def shares_with(self, user, membership=None):
        """Whether this person may see the network's events, resources and member list."""
        if self.is_public:
            return True
        if membership is None:
            membership = self.membership_for(user)
        return membership is not None or (user.is_authenticated and user.is_superuser)

    def get_context(self, request, *args, **kwargs):
        from network.models import (
            EventPage,
            NetworkReview,
            Profile,
            ResearchSummaryPage,
            ResourcePage,
        )
        from network.sections import NETWORK_PAGE, NETWORK_PAGE_ACTIONS, feeds_of, sections_for

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        visible_profiles = Profile.objects.visible_to(user)
        memberships = list(
            self.memberships.select_related("user").prefetch_related(
                Prefetch("user__profile", queryset=visible_profiles)
            )
        )
        membership = next((m for m in memberships if m.user_id == user.pk), None)
        shared = self.shares_with(user, membership)
        # People appear only through profiles the reader may see; leaders to everyone.
        with_profiles = [m for m in memberships if _visible_profile(m.user) is not None]
        sections = sections_for(NETWORK_PAGE, request, self)
        context.update(
            membership=membership,
            is_facilitator=user.is_authenticated
            and (user.is_superuser or bool(membership and membership.is_facilitator)),
            shared=shared,
            member_count=len(memberships),
            leaders=[m for m in with_profiles if m.role != Membership.Role.MEMBER],
            pending_request=(
                membership is None
                and user.is_authenticated
                and self.join_requests.filter(user=user, status=JoinRequest.Status.PENDING).exists()
            ),
            sections=sections,
            actions=sections_for(NETWORK_PAGE_ACTIONS, request, self),
            feeds=feeds_of(sections),
            members=[m.user.profile for m in with_profiles]
            if membership or user.is_superuser
            else None,
        )
        if shared:
            now = timezone.now()
            events = EventPage.readable_by(user, shared=[self])
            context.update(
                upcoming_events=events.filter(end__gte=now).order_by("start")[:5],
                past_events=events.filter(end__lt=now).order_by("-start")[:5],
                resources=ResourcePage.readable_by(user, shared=[self]).order_by("title"),
                research_summaries=ResearchSummaryPage.readable_by(user, shared=[self]).order_by(
                    "title"
                ),
                trend=NetworkReview.trend_for(self),
            )
        return context

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

    # Routes: each checks the request and hands over to the network's views.

    @path("join/", name="join")
    def join_view(self, request):
        return _views().join(request, self)

    @path("leave/", name="leave")
    def leave_view(self, request):
        return _views().leave(request, self)

    @path("requests/", name="join_requests")
    def join_requests_view(self, request):
        return _views().join_requests(request, self)

    @path("requests/<int:request_id>/<str:decision>/", name="decide_request")
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
    """The one hop from page models to their view code (as wagtail.contrib.forms does it):
    the views import these models, so the models reach the views only when serving."""
    from network import views

    return views


def _visible_profile(user):
    """The prefetched profile of a member, if the reader may see it (else None)."""
    try:
        return user.profile
    except models.ObjectDoesNotExist:
        return None


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
