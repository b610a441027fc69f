from django import template

from questions.text import as_html

register = template.Library()


@register.filter
def post_html(text):
    """A post's plain text as paragraphs with http(s) links (questions/text.py)."""
    return as_html(text)
