"""What every section of the site has in common: its index page (/lessons/, /networks/,
/themes/, and those the apps to come add). `migrate` creates each section's index under the home
page when it is missing (home/site_tree.py), from the defaults its class names. Like every
page anyone may read, it describes itself to other systems (core/metadata.py)."""

from django.apps import apps
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.metadata import PageMetadata


class SectionIndexPage(PageMetadata, Page):
    intro = models.TextField(blank=True)
    description_field = "intro"

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    # The section as a new site gets it: its address under the home page, title and intro.
    default_slug = ""
    default_title = ""
    default_intro = ""
    # What a child's page shows of its foreign keys, read with it when routing to it.
    child_related = ()

    class Meta:
        abstract = True

    def route(self, request, path_components):
        # A section holds pages of one type (subpage_types): its child is read as that type
        # in one query, where Page.route reads the page and then its specific row.
        children = self.allowed_subpage_models()
        if not path_components or len(children) != 1:
            return super().route(request, path_components)
        try:
            found = children[0].objects.child_of(self).select_related(*self.child_related)
            child = found.get(slug=path_components[0])
        except children[0].DoesNotExist:
            return super().route(request, path_components)
        child._cached_parent_obj = self  # as Page.route: its get_parent() asks nothing
        return child.route(request, path_components[1:])


def section_index_models():
    """Every concrete SectionIndexPage of the installed apps, in the order of INSTALLED_APPS."""
    return [model for model in apps.get_models() if issubclass(model, SectionIndexPage)]
