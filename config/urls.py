from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search import api as search_api
from search import tags as search_tags

urlpatterns = [
    # The admin signs people in through allauth (rate-limited), never through its own form.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # Wagtail's tag autocomplete offers every tag; ours only those the admin user may see.
    path("admin/tag-autocomplete/", search_tags.autocomplete),
    path("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/", search_tags.autocomplete),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("maturity/", include("lessons.maturity_urls")),
    path("members/", include("network.urls")),
    path("search/", include("search.urls")),
    path("api/lessons/search/", search_api.search, name="api_lessons_search"),
    path("api/lessons/similar/", search_api.similar, name="api_lessons_similar"),
    path("sitemap.xml", sitemap),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
