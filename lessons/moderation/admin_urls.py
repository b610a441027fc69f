"""Admin views that replace Wagtail's own at the same addresses (lessons/moderation/admin_views.py).

Wagtail appends the URLs of its register_admin_urls hook after its own, where they can add
views but never replace one; config/urls.py includes these in front of the admin instead, with
the admin's own guards: signed in with admin access, never cached.
"""

from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from lessons.moderation import admin_views

urlpatterns = [
    path("choose-page/", admin_views.PageChooserBrowseView.as_view()),
    # Django's int, as Wagtail's own pattern: ours must match every address Wagtail's does (a
    # narrower <id:…> would hand the rest to Wagtail's view, which no scope narrows).
    path("choose-page/<int:parent_page_id>/", admin_views.PageChooserBrowseView.as_view()),
    path("choose-page/chosen-multiple/", admin_views.PageChosenMultipleView.as_view()),
    path("reports/page-types-usage/", admin_views.AdminPageTypesUsageReportView.as_view()),
    path(
        "reports/page-types-usage/results/",
        admin_views.AdminPageTypesUsageReportView.as_view(results_only=True),
    ),
    path("reports/site-history/", admin_views.AdminSiteHistoryView.as_view()),
    path(
        "reports/site-history/results/",
        admin_views.AdminSiteHistoryView.as_view(results_only=True),
    ),
    path("reports/workflow/", admin_views.AdminWorkflowView.as_view()),
    path("reports/workflow/results/", admin_views.AdminWorkflowView.as_view(results_only=True)),
]

urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
