"""The sitemap: Wagtail's (live, public pages, each page's own get_sitemap_urls deciding), with
every address at SITE_URL (core/addresses.py), whatever the Site record says, and a lastmod in
every entry; and robots.txt, which names it."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from core.addresses import absolute_url, at_site_url


class Sitemap(WagtailSitemap):
    def _urls(self, page, protocol, domain):
        urls = [
            {**url, "location": at_site_url(url["location"])}
            for url in super()._urls(page, protocol, domain)
        ]
        # A page never published through a revision (the home page and the section indexes
        # that migrate builds) has no date of its own: it changes when what it lists does,
        # so it takes the latest of the entries below it, else the latest of all.
        dated = [url for url in urls if url.get("lastmod")]
        latest = max((url["lastmod"] for url in dated), default=None)
        for url in urls:
            if not url.get("lastmod"):
                below = [u["lastmod"] for u in dated if u["location"].startswith(url["location"])]
                url["lastmod"] = max(below, default=latest)
        if latest:
            self.latest_lastmod = latest
        return urls


ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /accounts/

Sitemap: {sitemap}
"""


@require_GET
def robots_txt(request):
    return HttpResponse(
        ROBOTS.format(sitemap=absolute_url("/sitemap.xml")),
        content_type="text/plain; charset=utf-8",
    )
