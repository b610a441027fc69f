"""Networks: members, profiles, and the pages a network holds (events, resources, research
summaries)."""

import datetime
import zoneinfo

from django.utils import timezone

from accounts.models import User
from network.models import (
    EventPage,
    Membership,
    NetworkPage,
    Profile,
    ResearchSummaryPage,
    ResourcePage,
)
from tests.builders.accounts import make_user

LONDON = zoneinfo.ZoneInfo("Europe/London")
WHEN = datetime.datetime(2027, 1, 20, 13, tzinfo=LONDON)


def make_member(network_slug, email="member@example.nhs.uk", role="member"):
    """A member (or facilitator) of the network, making the account when there is none."""
    user = User.objects.filter(email=email).first() or make_user(email)
    Membership.objects.create(
        network=NetworkPage.objects.get(slug=network_slug), user=user, role=role
    )
    return user


def make_profile(user, visibility="everyone", **fields):
    fields.setdefault("display_name", user.email.split("@")[0].replace(".", " ").title())
    return Profile.objects.create(user=user, visibility=visibility, **fields)


def add_event(network, slug, title, themes=(), days=30):
    """A published event of the network, `days` from now, an hour long."""
    start = timezone.now() + datetime.timedelta(days=days)
    event = EventPage(
        title=title,
        slug=slug,
        start=start,
        end=start + datetime.timedelta(hours=1),
        description=f"{title}: an hour for network leads.",
    )
    event.themes.set(list(themes))
    network.add_child(instance=event)
    event.save_revision().publish()
    return event


def add_resource(network, slug, title, themes=()):
    resource = ResourcePage(title=title, slug=slug, summary=f"{title}, ready to use.")
    resource.themes.set(list(themes))
    network.add_child(instance=resource)
    resource.save_revision().publish()
    return resource


def add_child(network, page, publish=True):
    """The page put under the network, published unless publish=False (a draft)."""
    page.live = publish
    network.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def event_page(slug):
    return EventPage(
        title=slug, slug=slug, start=WHEN, end=WHEN + datetime.timedelta(hours=1), description="x"
    )


def resource_page(slug):
    return ResourcePage(title=slug, slug=slug, summary="x")


def research_summary_page(slug):
    return ResearchSummaryPage(
        title=slug,
        slug=slug,
        question="x",
        findings="x",
        reliability="x",
        applies_to="x",
        citation="x",
    )
