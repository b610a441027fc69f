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
    """Four networks: public and members-only, each published and unpublished, each with an
    event, a resource, a research summary and a draft event. The pages under the unpublished
    ones stay live, as they do when an editor unpublishes only the network."""
    module_lessons(lesson())
    public, board = (NetworkPage.objects.get(slug=s) for s in ("south-west-km", "board-leads"))
    index = public.get_parent()
    gone = index.add_child(instance=NetworkPage(title="Gone", slug="gone-km"))
    gone_board = index.add_child(
        instance=NetworkPage(title="Gone board", slug="gone-board", visibility="members")
    )
    for network, prefix in [
        (public, "open"),
        (board, "board"),
        (gone, "unpublished"),
        (gone_board, "unpublished-members"),
    ]:
        add_child(network, event_page(f"{prefix}-event"))
        add_child(network, resource_page(f"{prefix}-resource"))
        add_child(network, research_summary_page(f"{prefix}-summary"))
        add_child(network, event_page(f"{prefix}-draft-event"), publish=False)
    gone.unpublish()
    gone_board.unpublish()
    return {"public": public, "board": board, "gone": gone, "gone board": gone_board}
