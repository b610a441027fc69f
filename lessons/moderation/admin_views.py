"""Wagtail admin views that show pages without asking Wagtail's page permission policy, each
narrowed to what admin_scope lets the person see. admin_urls.py (beside this module) puts them
in front of the originals, at the same addresses; lessons/wagtail_hooks.py puts
`within_admin_scope` in front of every view of a page by id, and registers the page bulk actions
made with `in_admin_scope` in place of Wagtail's."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Count, F, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.urls import path

from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views import chooser
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
    get_users_for_filter,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet, WorkflowView
from wagtail.models import Page, WorkflowState

from core.numbers import parse_whole_number
from lessons.moderation.admin_scope import (
    choosable_pages,
    may_see_in_admin,
    navigable_pages,
    pages_in_admin,
)

# The names Wagtail's page views give the ids of the pages they show or act on
# (wagtail/admin/urls/pages.py: "pk" in the revisions comparison).
PAGE_ID_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")


def within_admin_scope(view):
    """The view, answering "not found" for a page outside the person's admin before it looks at
    the page at all: Wagtail's explorer shows any page below the explorer's start, and its
    workflow views name the page in a message before asking anything."""

    @functools.wraps(view)
    def view_of_a_page_in_scope(request, *args, **kwargs):
        ids = [parse_whole_number(kwargs[name]) for name in PAGE_ID_ARGUMENTS if name in kwargs]
        if ids and (None in ids or not may_see_in_admin(request.user, *ids)):
            raise Http404
        return view(request, *args, **kwargs)

    return view_of_a_page_in_scope


class PagesInAdminScope:
    """For a page bulk action: only the pages of the person's admin are listed or acted on
    (Wagtail lists the others by title, as pages one may not act on)."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        ids = {page.pk for page in [*objects, *extra["items_with_no_access"]]}
        seen = set(
            navigable_pages(self.request.user).filter(pk__in=ids).values_list("pk", flat=True)
        )
        objects = [page for page in objects if page.pk in seen]
        extra["items_with_no_access"] = [
            page for page in extra["items_with_no_access"] if page.pk in seen
        ]
        if not objects and not extra["items_with_no_access"]:
            raise Http404
        return objects, extra


def in_admin_scope(bulk_action_class):
    """The page bulk action, keeping to the pages of the person's admin."""
    return type(
        bulk_action_class.__name__,
        (PagesInAdminScope, bulk_action_class),
        {"__module__": __name__},
    )


class PublishPageWhenAllowedAPIAction(PublishPageAPIAction):
    """The admin API's "publish" action, asking whether one may publish the page before
    anything else (Wagtail's saves a first revision of a page that has none, and only then
    finds out the person may not publish it)."""

    def _action_from_data(self, instance, data):
        if not instance.permissions_for_user(self.request.user).can_publish():
            raise PermissionDenied
        return super()._action_from_data(instance, data)


class AdminPagesAPIViewSet(PagesAdminAPIViewSet):
    """The admin API behind the explorer menu, with the publish action above, at Wagtail's
    addresses with ids read by the project's whole-number converter (core/numbers.py)."""

    actions = {**PagesAdminAPIViewSet.actions, "publish": PublishPageWhenAllowedAPIAction}

    @classmethod
    def get_urlpatterns(cls):
        return [
            path(str(pattern.pattern).replace("<int:", "<id:"), pattern.callback, name=pattern.name)
            for pattern in super().get_urlpatterns()
        ]


class PageChooserBrowseView(chooser.BrowseView):
    """The page chooser's browser: it lists the children the construct_page_chooser_queryset
    hook leaves, and names the page being browsed, which must be one the person may choose
    from (or the root)."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            parent = Page.objects.filter(pk=parent_page_id)
            if not (
                parent.filter(depth=1).exists()
                or choosable_pages(request.user).filter(pk=parent_page_id).exists()
            ):
                raise Http404
        return super().get(request, parent_page_id)


class PageChosenMultipleView(chooser.ChosenMultipleView):
    """Titles of the pages picked in a multiple chooser: only pages the person may choose."""

    def get(self, request):
        # Never the root: Wagtail's view names each page's parent, and the root has none.
        allowed = (
            choosable_pages(request.user)
            .filter(pk__in=_ints(request.GET.getlist("id")))
            .exclude(depth=1)
        )
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in allowed.values_list("pk", flat=True)])
        return super().get(request)


def _ints(values):
    return [n for n in map(parse_whole_number, values) if n is not None]


class AdminPageTypesUsageReportView(PageTypesUsageReportView):
    """How many pages of each type there are and which was edited last, counting only the
    pages of the person's admin."""

    def get_queryset(self):
        queryset = ContentType.objects.filter(model__in=self.page_models)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)
        pages = pages_in_admin(self.request.user).exclude(depth=1)
        if language_code := self.filters.form.cleaned_data.get("page_locale"):
            pages = pages.filter(locale__language_code=language_code)
        if site_root_path := self.filters.form.cleaned_data.get("site"):
            pages = pages.filter(path__startswith=site_root_path)
        last_edited = pages.filter(content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        in_scope = Page.objects.filter(content_type=OuterRef("pk"), pk__in=pages.values("pk"))
        return queryset.annotate(
            count=Coalesce(
                Subquery(
                    in_scope.order_by().values("content_type").annotate(n=Count("pk")).values("n")
                ),
                0,
            ),
            last_edited_page_id=Subquery(last_edited.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")


def _workflow_requesters(request):
    """People who submitted the pages of this person's admin for moderation."""
    User = get_user_model()
    pages = pages_in_admin(request.user).values_list(Cast("pk", CharField()), flat=True)
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=pages
    )
    return User.objects.filter(pk__in=states.values("requested_by")).order_by(User.USERNAME_FIELD)


class AdminWorkflowReportFilterSet(WorkflowReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["requested_by"].queryset = _workflow_requesters


class AdminWorkflowView(WorkflowView):
    """The workflows report, whose "requested by" filter names only those who submitted pages
    of the person's admin (it lists everyone who ever submitted anything otherwise)."""

    filterset_class = AdminWorkflowReportFilterSet


class AdminSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        # Wagtail offers everyone who ever acted on any page here; offer those behind the
        # entries this person may see (what its unused get_user_choices meant to do).
        return get_users_for_filter(self.request.user)


class AdminSiteHistoryView(LogEntriesView):
    """Site history, whose "user" filter names only people behind entries one may see."""

    filterset_class = AdminSiteHistoryFilterSet
