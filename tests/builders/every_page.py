"""One live page of every page type of ours, in the public South West network (over the
site tree that tests/builders/lessons.py's default network document gives)."""

from wagtail.models import Page, get_page_models

from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.campaigns import add_campaign, add_news
from tests.builders.network import add_child, add_event, research_summary_page, resource_page
from tests.builders.themes import add_theme


def one_of_each_page_type(exclude_below=None):
    """Add what the lessons' site lacks and return one live page of each of our page models
    (none from below `exclude_below`); fail naming a model with none, so a new page type must
    be added here."""
    network = NetworkPage.objects.get(slug="south-west-km")
    add_event(network, "webinar", "Webinar", days=7)
    add_child(network, resource_page("toolkit"))
    add_child(network, research_summary_page("summary"))
    add_theme("huddles", "Huddles", tags=["huddles"], picks=[(LessonPage.objects.first(), "")])
    add_news(add_campaign(), "launch", "The campaign launches")
    ours = [model for model in get_page_models() if not model.__module__.startswith("wagtail")]
    pages = []
    for model in ours:
        found = Page.objects.type(model).live().exact_type(model)
        if exclude_below is not None:
            found = found.not_descendant_of(exclude_below)
        pages.append(found.first())
    assert all(pages), [m.__name__ for m, p in zip(ours, pages, strict=True) if p is None]
    return pages
