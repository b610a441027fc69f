"""iCalendar (.ics) files: one per event, and a feed of each network's events."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.utils import timezone

from icalendar import Calendar, Event

from core.addresses import absolute_url, site_host
from network.models import EventPage

PRODUCT = "-//Knowledge Mobilisation Network//Events//EN"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def uid(event):
    """The event's identity for calendar apps: the same whoever fetches it, by whatever host."""
    return f"event-{event.pk}@{site_host()}"


def _event(request, event):
    entry = Event()
    entry.add("uid", uid(event))
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.start)
    entry.add("dtend", event.end)
    entry.add("summary", event.title)
    entry.add("description", event.description)
    entry.add("url", absolute_url(event, request))
    entry.add("location", (event.joining_link or "Online") if event.online else event.venue)
    return entry


def _response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_file(request, event):
    if not event.is_readable_by(request.user):
        raise Http404("No such event")
    calendar = _calendar(event.title)
    calendar.add_component(_event(request, event))
    return _response(calendar, f"{event.slug}.ics")


def network_feed(request, network):
    """Every event of a network, for calendar apps to subscribe to. Feeds are fetched without
    signing in, so a members-only network's events are never in one."""
    if not network.is_public:
        raise Http404("No public calendar")
    calendar = _calendar(f"{network.title} events")
    for event in EventPage.objects.readable_by(AnonymousUser()).child_of(network).order_by("start"):
        calendar.add_component(_event(request, event))
    return _response(calendar, f"{network.slug}-events.ics")
