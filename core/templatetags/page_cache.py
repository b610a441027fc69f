from django import template

from core import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def page_cache_tags(context, *tags):
    """`{% page_cache_tags "applications" %}`: this page shows what the tags name, so a cached
    copy is purged when it changes (core/page_cache.py). Renders nothing."""
    page_cache.tag(context.get("request"), *tags)
    return ""
