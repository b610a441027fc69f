"""The site's address, SITE_URL: the one source of every absolute URL the site gives out.

Sitemaps, feeds, calendars, emails and the JSON API ask `absolute_url`, never the request's Host
nor Wagtail's Site record (which `migrate` keeps equal to SITE_URL: home/site_tree.py). Inside
the site, templates link with paths (`{% pageurl %}`, `{% url %}`), which need no address.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page


def absolute_url(target, request=None):
    """The address at SITE_URL of a page, or of a path of this site ("/lessons/share/").
    None for a page that has no address (one not under the site's home page)."""
    if isinstance(target, Page):
        parts = target.get_url_parts(request=request)
        if parts is None or parts[2] is None:
            return None
        target = parts[2]  # the page's path from the site's root, whatever the Site's host
    if not target.startswith("/"):
        raise ValueError(f"Expected a page or a path starting with '/', not {target!r}.")
    return settings.SITE_URL + target


def at_site_url(url):
    """An absolute URL Wagtail built from its Site record, moved to SITE_URL (the same path)."""
    parts = urlsplit(url)
    return absolute_url(parts._replace(scheme="", netloc="").geturl() or "/")


def site_host():
    """The site's host name, as SITE_URL has it (without a port)."""
    return urlsplit(settings.SITE_URL).hostname
