from django.contrib.auth.models import Permission

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from core import page_cache
from core.models import ThesaurusEntry


class ThesaurusViewSet(ModelViewSet):
    """Site editors keep the search thesaurus: what they save is what the next search expands
    to. Who may is the permission policy registered for ThesaurusEntry (core/apps.py)."""

    model = ThesaurusEntry
    icon = "search"
    menu_label = "Search thesaurus"
    add_to_settings_menu = True
    list_display = ["__str__", "source", "changed_at"]
    list_filter = ["one_way"]
    search_fields = ["terms", "source"]
    # Here, not on the model: core.models stays importable without Wagtail's admin (the
    # search backend's test suite, tests/modelsearch_suite/, runs without it).
    panels = [FieldPanel("terms"), FieldPanel("one_way"), FieldPanel("source")]
    search_backend_name = None  # the table's own text, not the full-text index
    copy_view_enabled = False

    def get_permissions_to_register(self):
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_thesaurus_viewset():
    return ThesaurusViewSet("thesaurus")


@hooks.register("before_serve_page")
def declare_pages_shown(page, request, serve_args, serve_kwargs):
    """Every page shows pages (its own, its ancestors, navigation and listings): its cached
    copy is purged when any page is published, unpublished, moved or deleted."""
    page_cache.tag(request, page_cache.PAGES)
