from django import template

from core.highlight import highlight as _highlight

register = template.Library()


@register.filter
def highlight(text, phrases):
    """{{ lesson.title|highlight:result.phrases }}: the words the search matched, marked."""
    return _highlight(text or "", phrases)
