"""Template tags of the page cache (core/page_cache.py): declaring what a page shows, and
fragments shared by every reader whose read rules give the same answer."""

import hashlib

from django import template
from django.conf import settings

from core import page_cache

register = template.Library()

FRAGMENT_KEY = "page-cache:fragment:{}"


@register.simple_tag(takes_context=True)
def page_cache_tags(context, *tags):
    """`{% page_cache_tags "applications" %}`: this page shows what the tags name, so a cached
    copy is purged when it changes. Renders nothing."""
    page_cache.tag(context.get("request"), *tags)
    return ""


@register.tag
def shared_fragment(parser, token):
    """`{% shared_fragment "name" key ... %}…{% endshared_fragment %}`: kept once for every
    reader with the same keys. The keys must hold everything the fragment's read rules use
    (e.g. the lesson and `reader_key`, what the lessons read rule depends on); what it shows
    is declared inside with page_cache_tags, and purging any of those tags makes it stale.
    Never put a per-person part inside: a fragment whose output holds a CSRF token is not kept.
    Not kept while previewing, nor when PAGE_CACHE_SECONDS is 0."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        if settings.PAGE_CACHE_SECONDS <= 0 or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = repr([part.resolve(context) for part in self.parts])
        key = FRAGMENT_KEY.format(hashlib.sha256(parts.encode()).hexdigest())
        stored = page_cache.store().get(key)
        if stored is not None and page_cache.still_current(stored["tags"]):
            page_cache.tag(request, *stored["tags"])  # the page still shows what it shows
            return stored["html"]
        with page_cache.collecting(request) as shown:
            html = self.nodelist.render(context)
        if "csrfmiddlewaretoken" not in html:
            entry = {"tags": page_cache.versions(shown), "html": html}
            page_cache.store().set(key, entry, settings.PAGE_CACHE_SECONDS)
        return html
