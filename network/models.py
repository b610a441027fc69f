"""Networks and who belongs to them. Issue 3 grows profiles, events and reviews on this."""

from django.conf import settings
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index


class Visibility(models.TextChoices):
    PUBLIC = "public", "Everyone"
    MEMBERS = "members", "Members of the network only"


class NetworkIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.NetworkPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = NetworkPage.objects.child_of(self).live().order_by("title")
        return context


class NetworkPage(RoutablePageMixin, Page):
    purpose = models.TextField(help_text="The shared purpose that brings members together.")
    visibility = models.CharField(
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=(
            "Anyone may join a public network. People join a members-only network when a "
            "facilitator adds them, and only its members see its members-only lessons."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("purpose"), FieldPanel("visibility")]
    search_fields = Page.search_fields + [index.SearchField("purpose")]
    parent_page_types = ["network.NetworkIndexPage"]
    subpage_types = []

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC

    def membership_for(self, user):
        if not user.is_authenticated:
            return None
        return self.memberships.filter(user=user).first()

    def get_context(self, request, *args, **kwargs):
        from lessons.models import LessonPage

        context = super().get_context(request, *args, **kwargs)
        membership = self.membership_for(request.user)
        context["membership"] = membership
        context["is_facilitator"] = bool(membership and membership.is_facilitator)
        context["member_count"] = self.memberships.count()
        context["lessons"] = (
            LessonPage.objects.live()
            .visible_to(request.user)
            .filter(network=self)
            .order_by("-date", "title")[:20]
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

    @path("members/add/", name="add_member")
    def add_member(self, request):
        from network import views

        return views.add_member(request, self)


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        FACILITATOR = "facilitator", "Facilitator"

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
