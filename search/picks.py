"""Editors' picks: Wagtail's search promotions (Settings → Promoted search results), shown
above a search's results for the query they were made for, each only to readers who may read
it. A pick of a lesson the reader may not read (members-only in another network, unpublished
since it was picked) or of a page behind a view restriction is left out for them; an external
link, which the editor wrote, is shown to all.

Looked up without Wagtail's Query.get, which would write a row for every query searched."""

from urllib.parse import urlsplit

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from core.addresses import site_host

MAX_PICKS = 3


def readable_picks(request, query):
    """(title, url, description) of the picks for this query the person asking may read."""
    user = request.user
    if not (query or "").strip():
        return []
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    shown = []
    for pick in picks:
        if pick.page_id is None:
            if pick.external_link_url:
                shown.append((pick.external_link_text, pick.external_link_url, pick.description))
        elif readable(pick.page.specific, user):
            shown.append((pick.page.title, pick.page.get_url(request), pick.description))
        if len(shown) == MAX_PICKS:
            break
    return shown


def page_at(address, user):
    """The live page at this address of the site ("/lessons/x/", or the full URL at SITE_URL),
    if this person may read it; else None. For a facilitator naming a page to pick."""
    parts = urlsplit(address.strip())
    if parts.netloc and parts.hostname != site_host():
        return None
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    path = "/".join(segment for segment in parts.path.split("/") if segment)
    url_path = site.root_page.url_path + (f"{path}/" if path else "")
    page = Page.objects.live().filter(url_path=url_path).first()
    if page is None or not readable(page.specific, user):
        return None
    return page


def readable(page, user):
    if hasattr(page, "is_readable_by"):  # lessons, and a network's events and resources
        return page.is_readable_by(user)
    return page.live and not page.get_view_restrictions().exists()
