from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from api import oai
from campaigns.campaign_views import stop_updates as stop_campaign_updates
from campaigns.feeds import CAMPAIGN_FEED, CampaignNewsFeed
from core import health
from core.feeds import feed_paths
from core.sitemaps import Sitemap, robots_txt
from lessons.feeds import LESSONS_FEED, NETWORK_FEED, LessonsFeed, NetworkLessonsFeed
from questions.feeds import QUESTIONS_FEED, QuestionsFeed
from questions.sitemaps import QuestionSitemap
from search import tags as search_tags
from themes.feeds import ThemeFeed
from themes.models import THEME_FEED

urlpatterns = [
    # For load balancers and compose (core/health.py): live asks nothing, ready asks the services.
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    # allauth is the only sign-in. The admin's and Wagtail's own login forms are Django login
    # views that bypass its rate limits and email verification, so their paths never reach them.
    path("admin/login/", accounts_views.admin_sign_in, name="admin_sign_in"),
    path("_util/login/", accounts_views.sign_in),  # wagtail.urls' "sign in to see this page"
    # Wagtail's tag autocomplete offers every tag; ours only those the admin user may see.
    path("admin/tag-autocomplete/", search_tags.autocomplete),
    path("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/", search_tags.autocomplete),
    # Admin views that show pages, narrowed to the pages the person may see there.
    path("admin/", include("lessons.moderation.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("maturity/", include("lessons.maturity_urls")),
    # Never in search, feeds, the sitemap or the API: assessments are no pages.
    path("assessments/", include("assessments.urls")),
    # /members/me/lessons/ before the directory's /members/; /lessons/share/ before the pages.
    path("", include("lessons.urls")),
    path("", include("following.urls")),  # /members/me/following/, /emails/unsubscribe/…
    path("members/", include("network.urls")),
    path(
        "emails/campaign-updates/<str:token>/",
        stop_campaign_updates,
        name="campaign_updates_stop",
    ),
    path("search/", include("search.urls")),
    path("questions/", include("questions.urls")),
    path("api/", include("api.urls")),  # the described API (contract 3), OpenAPI and docs
    path("oai/", oai.endpoint, name="oai"),  # OAI-PMH 2.0
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": Sitemap, "questions": QuestionSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Feeds (contract 4): RSS at each path, Atom at atom/, JSON Feed at json/.
    *feed_paths("feeds/lessons/", LessonsFeed, LESSONS_FEED),
    *feed_paths("feeds/themes/<slug:slug>/", ThemeFeed, THEME_FEED),
    *feed_paths("feeds/networks/<slug:slug>/", NetworkLessonsFeed, NETWORK_FEED),
    *feed_paths("feeds/campaigns/<slug:slug>/", CampaignNewsFeed, CAMPAIGN_FEED),
    *feed_paths("feeds/questions/", QuestionsFeed, QUESTIONS_FEED),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
