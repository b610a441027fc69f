from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.vocabulary import Visibility


class NetworkIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.NetworkPage"]
    max_count = 1

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

    purpose = models.TextField(help_text="The shared purpose that brings members together.")
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
        from network.sections import NETWORK_PAGE, sections_for

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
            sections=sections_for(NETWORK_PAGE, request, self),
            members=[m.user.profile for m in with_profiles]
            if membership or user.is_superuser
            else None,
        )
        if shared:
            now = timezone.now()
            events = EventPage.objects.child_of(self).live()
            context.update(
                upcoming_events=events.filter(end__gte=now).order_by("start")[:5],
                past_events=events.filter(end__lt=now).order_by("-start")[:5],
                resources=ResourcePage.objects.child_of(self).live().order_by("title"),
                research_summaries=ResearchSummaryPage.objects.child_of(self)
                .live()
                .order_by("title"),
                trend=NetworkReview.trend_for(self),
            )
        return context

    @path("join/", name="join")
    def join(self, request):
        from network import views

        return views.join(request, self)

    @path("leave/", name="leave")
    def leave(self, request):
        from network import views

        return views.leave(request, self)

    @path("requests/", name="join_requests")
    def join_requests_view(self, request):
        from network import views

        return views.join_requests(request, self)

    @path("requests/<int:request_id>/<str:decision>/", name="decide_request")
    def decide_request(self, request, request_id, decision):
        from network import views

        return views.decide_request(request, self, request_id, decision)

    @path("members/add/", name="add_member")
    def add_member(self, request):
        from network import views

        return views.add_member(request, self)

    @path("reviews/add/", name="add_review")
    def add_review(self, request):
        from network import views

        return views.add_review(request, self)

    @path("calendar/", name="events_feed")
    def events_feed(self, request):
        from network import calendar

        return calendar.network_feed(request, self)


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
