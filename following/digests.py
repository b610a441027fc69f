"""What a member is emailed about: new lessons in the themes, networks and people they follow,
and new events in the networks they follow. Only what they may read when the email is built
(the read rule, the network's sharing rule, profile visibility), and never a page they have
been sent before (SentItem).

The functions take `now` so that a digest can be built for any moment (tests, the simulation in
the report); the tasks in following/tasks.py call them with the current time.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import get_text_list

from accounts.models import User
from core.addresses import absolute_url
from following.models import (
    Follow,
    Frequency,
    NotificationPreference,
    SentItem,
    unsubscribe_token,
)
from lessons.models import LessonPage
from network.models import EventPage, NetworkPage, Profile
from themes.models import ThemePage, ThemePick, ThemeTag


@dataclass
class NewItem:
    page: LessonPage | EventPage
    reasons: list[str] = field(default_factory=list)

    @property
    def url(self):
        return absolute_url(self.page)

    @property
    def because(self):
        return get_text_list(self.reasons, "and")


def new_items(member, since=None, until=None, only=None):
    """The lessons and events this member should hear about, oldest first: published in
    (since, until], or only these page ids; readable by them now; not sent to them before."""
    follows = list(member.follows.select_related("theme", "network", "person"))
    themes = [f.theme for f in follows if f.theme_id and f.theme.live]
    followed_networks = [f.network_id for f in follows if f.network_id]
    networks = list(
        NetworkPage.objects.sharing_content_with(member).filter(pk__in=followed_networks)
    )
    people = list(Profile.objects.visible_to(member).filter(pk__in=[f.person_id for f in follows]))
    if not (themes or networks or people):
        return []

    window = Q()
    if since is not None:
        window &= Q(first_published_at__gt=since)
    if until is not None:
        window &= Q(first_published_at__lte=until)
    if only is not None:
        window &= Q(pk__in=only)
    sent = SentItem.objects.filter(member=member).values("page_id")

    followed = Q(pk__in=[])
    if themes:
        followed |= ThemePage.lessons_in(themes)
    if networks:
        followed |= Q(network__in=networks)
    if people:
        followed |= Q(owner__in=[profile.user_id for profile in people])
    lessons = (
        LessonPage.objects.readable_by(member)
        .filter(followed)
        .filter(window)
        .exclude(pk__in=sent)
        .distinct()
        .prefetch_related("tagged_themes")
        .order_by("first_published_at", "pk")
    )
    events = []
    if networks:
        events = (
            EventPage.objects.readable_by(member, shared=networks)
            .filter(window)
            .exclude(pk__in=sent)
            .order_by("first_published_at", "pk")
        )
    reasons = _Reasons(themes, networks, people)
    return [NewItem(lesson, reasons.for_lesson(lesson)) for lesson in lessons] + [
        NewItem(event, reasons.for_event(event)) for event in events
    ]


class _Reasons:
    """Why each item is in an email: the followed things that brought it."""

    def __init__(self, themes, networks, people):
        self.themes, self.networks, self.people = themes, networks, people
        self.theme_tags, self.theme_picks = defaultdict(set), defaultdict(set)
        for tag in ThemeTag.objects.filter(content_object__in=themes):
            self.theme_tags[tag.content_object_id].add(tag.tag_id)
        for pick in ThemePick.objects.filter(theme__in=themes):
            self.theme_picks[pick.theme_id].add(pick.page_id)

    def for_lesson(self, lesson):
        tags = {tagged.tag_id for tagged in lesson.tagged_themes.all()}
        return [
            *(
                f"the theme “{theme.title}”"
                for theme in self.themes
                if self.theme_tags[theme.pk] & tags or lesson.pk in self.theme_picks[theme.pk]
            ),
            *(network.title for network in self.networks if network.pk == lesson.network_id),
            *(
                profile.display_name
                for profile in self.people
                if profile.user_id == lesson.owner_id
            ),
        ]

    def for_event(self, event):
        return [network.title for network in self.networks if event.path.startswith(network.path)]


# Sending


def send_digest(member, frequency, now):
    """Email this member their digest, unless it would be empty or they no longer want it.
    Returns the number of items sent."""
    with transaction.atomic():
        preference, _ = NotificationPreference.objects.select_for_update().get_or_create(
            member=member
        )
        if preference.frequency != frequency or not member.is_active:
            return 0
        items = new_items(member, since=preference.digest_starts(now), until=now)
        if items:
            lessons = [item for item in items if isinstance(item.page, LessonPage)]
            events = [item for item in items if isinstance(item.page, EventPage)]
            _send(
                member,
                "following/email/digest.txt",
                {
                    "frequency": frequency,
                    "period": "day" if frequency == Frequency.DAILY else "week",
                    "counts": _counts(lessons, events),
                    "lessons": lessons,
                    "events": events,
                },
            )
            _record(member, items)
        preference.last_digest_at = now
        preference.save(update_fields=["last_digest_at"])
    return len(items)


def immediate_followers(page):
    """Members who want an email as soon as this lesson or event is published, and follow
    something that could bring it to them (new_items decides whether it does)."""
    if isinstance(page, LessonPage):
        brings = Q(theme__in=ThemePage.containing(page))
        if page.network_id:
            brings |= Q(network_id=page.network_id)
        if page.owner_id:
            brings |= Q(person__user_id=page.owner_id)
    else:
        brings = Q(network_id=page.get_parent().pk)
    return User.objects.filter(
        is_active=True,
        notification_preference__frequency=Frequency.IMMEDIATE,
        pk__in=Follow.objects.filter(brings).values("follower"),
    )


def send_new_item(member, page):
    """Email one member about one newly published page, if it is for them and new to them."""
    with transaction.atomic():
        items = new_items(member, only=[page.pk])
        if not items:
            return 0
        item = items[0]
        kind = "event" if isinstance(item.page, EventPage) else "lesson"
        _send(member, "following/email/new_item.txt", {"item": item, "kind": kind})
        _record(member, items)
    return 1


def _counts(lessons, events):
    parts = []
    if lessons:
        parts.append(f"{len(lessons)} new lesson{'s' if len(lessons) != 1 else ''}")
    if events:
        parts.append(f"{len(events)} new event{'s' if len(events) != 1 else ''}")
    return " and ".join(parts)


def _record(member, items):
    SentItem.objects.bulk_create(
        [SentItem(member=member, page_id=item.page.pk) for item in items], ignore_conflicts=True
    )


def _send(member, template, context):
    """A plain-text email with a one-click unsubscribe link (RFC 2369 and RFC 8058)."""
    unsubscribe_url = absolute_url(
        reverse("following:unsubscribe", args=[unsubscribe_token(member)])
    )
    context = {
        **context,
        "following_url": absolute_url(reverse("following:list")),
        "unsubscribe_url": unsubscribe_url,
    }
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    EmailMessage(
        subject=subject.strip(),
        body=body.strip() + "\n",
        to=[member.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()
