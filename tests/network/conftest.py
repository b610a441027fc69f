import datetime

import pytest

from network.models import EventPage, NetworkPage
from tests.builders.lessons import lesson
from tests.builders.network import add_child, event_page, research_summary_page, resource_page


@pytest.fixture
def networks(import_lessons):
    import_lessons(lesson())
    return {network.slug: network for network in NetworkPage.objects.all()}


@pytest.fixture
def add_event():
    def _add(network, slug, start, hours=1, **fields):
        event = EventPage(
            title=fields.pop("title", slug.replace("-", " ").capitalize()),
            slug=slug,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            description=fields.pop("description", "A webinar for network leads."),
            **fields,
        )
        network.add_child(instance=event)
        event.save_revision().publish()
        return event

    return _add


@pytest.fixture(scope="module")
def children(module_lessons):
    """Each network's event, resource and research summary, and a draft event."""
    module_lessons(lesson())
    public, board = (NetworkPage.objects.get(slug=s) for s in ("south-west-km", "board-leads"))
    for network, prefix in [(public, "open"), (board, "board")]:
        add_child(network, event_page(f"{prefix}-event"))
        add_child(network, resource_page(f"{prefix}-resource"))
        add_child(network, research_summary_page(f"{prefix}-summary"))
        add_child(network, event_page(f"{prefix}-draft-event"), publish=False)
    return {"public": public, "board": board}
