from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from maturity.models import Dimension, Framework


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    icon = "table"
    menu_label = "Frameworks"
    list_display = ["title", "short_title", "slug"]


class DimensionViewSet(SnippetViewSet):
    model = Dimension
    icon = "list-ul"
    menu_label = "Outcomes and levels"
    list_display = ["code", "short_title", "title", "framework"]
    list_filter = ["framework"]
    search_fields = ["code", "title", "short_title"]


class MaturityViewSetGroup(SnippetViewSetGroup):
    items = (FrameworkViewSet, DimensionViewSet)
    menu_icon = "table"
    menu_label = "Maturity frameworks"
    menu_name = "maturity"


register_snippet(MaturityViewSetGroup)
