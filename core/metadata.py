"""Page metadata: what a page tells link previews, search engines and other systems about
itself. Its title, description and canonical address, Open Graph and Twitter card tags (with a
picture, where it has one) and, where its type defines one, a schema.org description in JSON-LD.

One mechanism for every page type: a page model mixes in PageMetadata (before Page) and may
name the field that describes it and give its JSON-LD; `templates/includes/page_metadata.html`,
included once by base.html through `{% page_metadata %}`, writes the tags. Wagtail's
`seo_title` and `search_description` (the editor's Promote tab) come first.

A page says nothing of itself unless anyone may read it: it asks its own read rule for a
reader who is not signed in (a members-only lesson or network, a draft being previewed, a page
behind Wagtail's privacy setting has none), and only at its own address (not a route below it
such as a lesson's apply/, nor the form's preview of a draft), unless its type describes a
route itself (`route_metadata`: a campaign's quote pages). Addresses are absolute, from
settings.SITE_URL (core.addresses.absolute_url).
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.addresses import absolute_url

DESCRIPTION_LENGTH = 300  # characters: what link previews and search results show
# As django.utils.html.json_script: nothing in the data can close the script element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Metadata:
    title: str
    description: str
    url: str  # absolute: the canonical address
    type: str = "website"  # Open Graph's og:type
    json_ld: dict | None = None  # schema.org, without "@context"
    image: str = ""  # absolute: a picture for link previews (og:image), 1200×630
    image_alt: str = ""

    @property
    def site_name(self):
        return settings.WAGTAIL_SITE_NAME

    @property
    def json_ld_script(self):
        """The JSON-LD as a script element, escaped as json_script escapes (<, > and &)."""
        if not self.json_ld:
            return ""
        data = {"@context": "https://schema.org", **self.json_ld}
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
        return format_html(
            '<script type="application/ld+json">{}</script>',
            mark_safe(text.translate(_SCRIPT_ESCAPES)),  # escaped: safe inside <script>
        )


class PageMetadata:
    """Mixed into a page model, before Page: the page's Metadata for a request, or None."""

    metadata_type = "website"  # og:type
    description_field = None  # the field that describes the page, after search_description

    def is_readable_by_anyone(self):
        """Whether a reader who is not signed in may read the page, by its own read rule:
        is_readable_by if it has one, else live. A page type whose rule is not is_readable_by
        overrides this."""
        rule = getattr(self, "is_readable_by", None)
        return rule(AnonymousUser()) if rule else self.live

    def get_view_restrictions(self):
        """Page.get_view_restrictions, read once for this page object: serving the page asks
        it (Wagtail's check_view_restrictions), then its metadata asks it while the template
        renders, and the second asking reads the first's rows. Each request routes to a page
        object of its own, so a change of the setting is seen by the next request."""
        if "_view_restrictions" not in self.__dict__:
            ancestors = _routed_ancestors(self)
            if ancestors is None:
                restrictions = super().get_view_restrictions()
            else:  # Wagtail's own query, without reading the ancestors routing gave the page
                from wagtail.models import PageViewRestriction  # noqa: PLC0415

                pages = {_restricted_by(page).pk for page in (self, *ancestors)}
                restrictions = PageViewRestriction.objects.filter(page_id__in=pages)
            self.__dict__["_view_restrictions"] = restrictions
        return self.__dict__["_view_restrictions"]

    def metadata(self, request):
        """What this page says of itself when served to `request`: None in a preview, at any
        address but the page's own, and for a page not everyone may read."""
        if getattr(request, "is_preview", False):
            return None
        parts = self.get_url_parts(request=request)
        path = parts[2] if parts else None
        if path is None:
            return None
        if request.path != path:
            if not (request.path.startswith(path) and self.has_route_metadata):
                return None
            if not self.is_readable_by_anyone() or _behind_privacy_setting(self):
                return None
            return self.route_metadata(request, path)
        if not self.is_readable_by_anyone() or _behind_privacy_setting(self):
            return None
        url = absolute_url(path)
        return Metadata(
            title=self.seo_title or self.title,
            description=self.metadata_description(),
            url=url,
            type=self.metadata_type,
            json_ld=self.json_ld(url, request),
        )

    @property
    def has_route_metadata(self):
        """Whether routes below the page describe themselves (route_metadata)."""
        return type(self).route_metadata is not PageMetadata.route_metadata

    def route_metadata(self, request, path):
        """The Metadata of a route below the page (`path`, the page's own, is a prefix of
        request.path), for a page anyone may read; None unless a page type gives it."""
        return None

    def metadata_description(self):
        text = self.search_description or (
            getattr(self, self.description_field) if self.description_field else ""
        )
        return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)

    def json_ld(self, url, request=None):
        """The schema.org description of the page (a dict with its "@type"), or None. `url` is
        the page's absolute address; `request` the one being answered (for other pages'
        addresses, which it keeps the site's root paths for)."""
        return None


def _routed_ancestors(page):
    """The page's ancestors up to the tree's root as routing left them (each page's parent is
    its _cached_parent_obj: Page.route, core/routing.py), or None unless they all are there."""
    ancestors = []
    while page.depth > 1:
        parent = page.__dict__.get("_cached_parent_obj")
        if (
            parent is None
            or parent.depth != page.depth - 1
            or parent.path != page.path[: -page.steplen]
        ):
            return None
        ancestors.append(parent)
        page = parent
    return ancestors


def _restricted_by(page):
    """The page whose privacy setting applies to `page`: an alias's source (as Wagtail's
    Page.get_view_restrictions), else the page itself."""
    while page.alias_of_id:
        page = page.alias_of
    return page


def _behind_privacy_setting(page):
    """Whether Wagtail's privacy setting (a password, sign-in or groups) covers the page or
    one of its ancestors (an alias's source pages' settings included)."""
    return page.get_view_restrictions().exists()
