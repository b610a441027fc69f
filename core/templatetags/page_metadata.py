"""{% page_metadata %}: the page's metadata tags (core/metadata.py), written by base.html."""

from django import template

from core.metadata import PageMetadata

register = template.Library()


@register.inclusion_tag("includes/page_metadata.html", takes_context=True)
def page_metadata(context):
    page, request = context.get("page"), context.get("request")
    if isinstance(page, PageMetadata) and request is not None:
        metadata = page.metadata(request)
        return {"metadata": metadata, "description": metadata.description if metadata else ""}
    # Pages without the mechanism keep what base.html always gave them: the editor's description.
    return {"metadata": None, "description": getattr(page, "search_description", "")}
