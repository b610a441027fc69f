import datetime
import zoneinfo

import pytest

from network.models import EventPage, NetworkPage
from tests.conftest import lesson

LONDON = zoneinfo.ZoneInfo("Europe/London")


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
