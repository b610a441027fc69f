"""Networks, themes and events in the described API, each within its read rule: every live
network and theme (as /networks/ and /themes/ list them), and the events the caller may read
(EventPage.objects.readable_by: live, of a network that shares its content with them)."""

import datetime

from django.core.paginator import Paginator

from ninja import Field, Query, Router, Schema

from api.main import bad_request
from api.schemas import Errors, TooMany
from core.addresses import absolute_url
from core.numbers import parse_whole_number
from core.ratelimits import limited_json
from network.models import EventPage, NetworkPage
from themes.models import ThemePage

router = Router(tags=["networks, themes and events"])
EVENTS_PER_PAGE = 50


class Network(Schema):
    slug: str
    title: str
    url: str
    purpose: str
    visibility: str = Field(description="public, or members: its content is for members only.")


class Theme(Schema):
    slug: str
    title: str
    url: str
    introduction: str


class Event(Schema):
    slug: str
    title: str
    url: str
    network: str = Field(description="The slug of the network that runs it.")
    start: datetime.datetime
    end: datetime.datetime
    online: bool
    venue: str
    description: str


class EventList(Schema):
    count: int
    results: list[Event]


class Page(Schema):
    page: str = Field("1", description=f"Pages of {EVENTS_PER_PAGE}, from 1.")


@router.get("/networks/", response={200: list[Network], 429: TooMany}, url_name="networks")
@limited_json("api")
def networks(request):
    """Every live network, public and members-only, as /networks/ lists them."""
    return [
        {
            "slug": network.slug,
            "title": network.title,
            "url": absolute_url(network),
            "purpose": network.purpose,
            "visibility": network.visibility,
        }
        for network in NetworkPage.objects.live().order_by("title")
    ]


@router.get("/themes/", response={200: list[Theme], 429: TooMany}, url_name="themes")
@limited_json("api")
def themes(request):
    """Every live theme, as /themes/ lists them."""
    return [
        {
            "slug": theme.slug,
            "title": theme.title,
            "url": absolute_url(theme),
            "introduction": theme.introduction,
        }
        for theme in ThemePage.objects.live().order_by("title")
    ]


@router.get(
    "/events/",
    response={200: EventList, 400: Errors, 429: TooMany},
    url_name="events",
)
@limited_json("api")
def events(request, params: Query[Page]):
    """The events the caller may read, soonest first, 50 a page."""
    number = parse_whole_number(request.GET.get("page", "1"), minimum=1)
    if not number:
        return bad_request({"page": ["The page must be a whole number from 1."]})
    shared = list(NetworkPage.objects.sharing_content_with(request.user))
    network_at = {network.path: network.slug for network in shared}
    readable = EventPage.objects.readable_by(request.user, shared=shared)
    paginator = Paginator(readable.order_by("start", "pk"), EVENTS_PER_PAGE)
    found = paginator.page(number).object_list if number <= paginator.num_pages else []
    return {
        "count": paginator.count,
        "results": [
            {
                "slug": event.slug,
                "title": event.title,
                "url": absolute_url(event),
                "network": network_at[event.path[: -EventPage.steplen]],
                "start": event.start,
                "end": event.end,
                "online": event.online,
                "venue": event.venue,
                "description": event.description,
            }
            for event in found
        ],
    }
