"""The sitemap: Wagtail's (live, public pages, each page's own get_sitemap_urls deciding), with
every address at SITE_URL (core/addresses.py), whatever the Site record says."""

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from core.addresses import at_site_url


class Sitemap(WagtailSitemap):
    def _urls(self, page, protocol, domain):
        return [
            {**url, "location": at_site_url(url["location"])}
            for url in super()._urls(page, protocol, domain)
        ]
