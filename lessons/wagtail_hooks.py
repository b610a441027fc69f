from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.forms import CheckboxSelectMultiple
from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.filters import MultipleUserFilter
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.pages.listing import EditedByFilter, GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import PageLogEntry

from lessons.feeds import network_alternates
from lessons.models import LessonMaturityLink, LessonPage
from lessons.moderation import admin_scope, admin_views
from lessons.sharing import rules as sharing
from network.sections import FACILITATOR_CARD, NETWORK_PAGE, PROFILE_PAGE, Section

NETWORK_PAGE_LESSONS = 6


# What a lesson card (includes/lesson_card.html) shows, and the page's address: the network
# page reads only these columns of its lessons, and their maturity links (not their themes,
# which the card does not show).
CARD_FIELDS = (
    "title",
    "url_path",
    "kind",
    "visibility",
    "summary",
    "organisation_type",
    "region",
    "date",
    "applied_count",
)


@hooks.register(NETWORK_PAGE)
def network_lessons(request, network):
    lessons = list(
        LessonPage.objects.readable_by(request.user, request)
        .filter(network=network)
        .with_application_summary()
        .only(*CARD_FIELDS)
        .prefetch_related(Prefetch("maturity_links", queryset=LessonMaturityLink.labelled()))
        .order_by("-date", "title")[:NETWORK_PAGE_LESSONS]
    )
    feeds = network_alternates(network)
    # The invitation names the network only to those who may share with it; others are
    # invited to share with the whole site.
    invited_to = network if sharing.may_share_with(request.user, network, request) else None
    return Section(
        "lessons/sections/network_lessons.html",
        {"lessons": lessons, "feeds": feeds, "invited_to": invited_to},
        feeds,
    )


@hooks.register(FACILITATOR_CARD)
def lessons_waiting_for_review(request, network):
    """The network's lessons this facilitator may review (the review rule), oldest first."""
    waiting = list(
        LessonPage.objects.reviewable_by(request.user)
        .filter(network=network)
        .order_by("latest_revision_created_at", "pk")
    )
    return Section("lessons/sections/facilitator_reviews.html", {"lessons": waiting})


@hooks.register(PROFILE_PAGE)
def profile_lessons(request, profile):
    lessons = LessonPage.with_reading_relations(
        LessonPage.objects.readable_by(request.user)
        .filter(owner=profile.user_id)
        .order_by("-date", "title")
    )
    return Section("lessons/sections/profile_lessons.html", {"lessons": lessons})


# The admin shows each person the pages lessons.moderation.admin_scope gives them, and nothing else.


@hooks.register("construct_page_chooser_queryset")
def choosable_pages_only(pages, request):
    return pages.filter(pk__in=admin_scope.choosable_pages(request.user).values("pk"))


@hooks.register("construct_explorer_page_queryset")
def navigable_pages_only(parent_page, pages, request):
    # Wagtail's explorer already asks the policy; the admin API behind the explorer menu, and
    # the explorer's search when WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS is off, ask this.
    return pages.filter(pk__in=admin_scope.navigable_pages(request.user).values("pk"))


class AdminPageFilterSet(GenericPageFilterSet):
    """The explorer's filters, offering as owners and editors only the people behind the pages
    of the person's admin (Wagtail offers everyone who owns or edited any page)."""

    owner = MultipleUserFilter(
        label="Owner",
        queryset=lambda request: get_user_model().objects.filter(
            pk__in=admin_scope.pages_in_admin(request.user).values("owner")
        ),
        widget=CheckboxSelectMultiple,
    )
    edited_by = EditedByFilter(
        label="Edited by",
        queryset=lambda request: get_user_model().objects.filter(
            pk__in=PageLogEntry.objects.filter(
                action="wagtail.edit",
                page__in=admin_scope.pages_in_admin(request.user).values("pk"),
            ).values("user")
        ),
        widget=CheckboxSelectMultiple,
    )


class AdminPageViewSet(PageViewSet):
    """Wagtail's views of pages, with the explorer's filters above, each refusing a page outside
    the person's admin before anything else (admin_views.within_admin_scope): the explorer,
    editor, previews, history, revisions, usage, workflow views, copy, move, delete, unpublish,
    lock, privacy and the rest, whichever page type they are for. Registered after Wagtail's own
    viewset for every page type, so it takes its place."""

    filterset_class = AdminPageFilterSet

    def construct_view(self, view_class, **kwargs):
        return admin_views.within_admin_scope(super().construct_view(view_class, **kwargs))


@hooks.register("register_admin_viewset")
def register_admin_page_viewset():
    return AdminPageViewSet()


# Wagtail's page bulk actions list the pages they are given by title, those one may not act on
# included: ours keep to the pages of the person's admin. Registered after Wagtail's (order=1),
# so they take their places.
for bulk_action in (DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction):
    hooks.register("register_bulk_action", admin_views.in_admin_scope(bulk_action), order=1)


@hooks.register("construct_admin_api")
def admin_api_publishing_only_what_one_may(router):
    router.register_endpoint("pages", admin_views.AdminPagesAPIViewSet)


class AdminPagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count: the pages of the person's admin, not of the whole site."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pages = admin_scope.pages_in_admin(self.request.user).exclude(depth=1)
        context["total_pages"] = pages.count()
        return context


@hooks.register("construct_homepage_summary_items")
def count_only_pages_in_admin(request, summary_items):
    summary_items[:] = [
        AdminPagesSummaryItem(request) if type(item) is PagesSummaryItem else item
        for item in summary_items
    ]


@hooks.register("insert_editor_js")
def name_the_tag_inputs():
    """The tag fields' text boxes get a name (static/js/admin-labels.js): Wagtail's tag-it
    widget adds an input that no label points to."""
    return format_html('<script src="{}"></script>', static("js/admin-labels.js"))
