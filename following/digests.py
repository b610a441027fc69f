"""What a member is emailed about: what is new in what they follow, as the apps that own it say
(core/follows.py: lessons in themes, networks and people; events in networks). Only what they
may follow and read when the email is built (each kind's and each item's rule), and never an
item they have been sent before (SentItem).

The functions take `now` so that a digest can be built for any moment (tests, the simulation in
the report); the tasks in following/tasks.py call them with the current time.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import get_text_list

from accounts import mail
from accounts.models import User
from core import follows
from core.addresses import absolute_url
from core.text import as_one_line
from following.models import (
    Follow,
    Frequency,
    NotificationPreference,
    SentItem,
    unsubscribe_token,
)


@dataclass
class NewItem:
    object: models.Model  # the lesson, the event
    kind: follows.ItemKind
    _reasons: dict = field(default_factory=dict)  # (kind name, thing's pk) -> its reason

    def brought_by(self, kind, thing):
        """This followed thing brings the item (once, however many news bring it)."""
        self._reasons.setdefault((kind.name, thing.pk), kind.reason(thing))

    @property
    def reasons(self):
        return list(self._reasons.values())

    @property
    def url(self):
        """The item's address, for emails."""
        return absolute_url(self.object)

    @property
    def because(self):
        return get_text_list(self.reasons, "and")


@dataclass
class Group:
    """The items of one kind in a digest."""

    kind: follows.ItemKind
    items: list


def followed_by(member):
    """[(kind, [things])]: what this member follows and may follow now, in the kinds' order,
    each kind's things in the order they were followed."""
    found = []
    for kind, ids in member.follows.by_kind():
        if ids:
            things = kind.followable(member).in_bulk(ids)
            if things := [things[pk] for pk in ids if pk in things]:
                found.append((kind, things))
    return found


def followed_kinds():
    """What members may follow, in words: "themes, networks and people"."""
    return get_text_list([kind.plural for kind in follows.kinds()], "and")


def new_items(member, since=None, until=None, only=None):
    """What this member should hear about: items published in (since, until], or only the
    item `only`; readable by them now; not sent to them before; and published after the member
    began following a thing that brings it (a first digest is not a theme's, network's or
    person's back catalogue). In the item kinds' order, then oldest first."""
    started = member.follows.started()
    if not started:
        return []
    # Nothing published before the first follow can be news: the database need not look.
    earliest = min(started.values())
    window = follows.Window(earliest if since is None else max(since, earliest), until, only)
    found = {}
    for kind, things in followed_by(member):
        for news in follows.news_in(kind.name):
            if only is not None and not isinstance(only, news.model):
                continue
            for item, thing in news.items(member, things, window):
                item_kind = follows.item_kind(type(item))
                published = attrgetter(item_kind.published)(item)
                if published is None or published <= started[kind.model, thing.pk]:
                    continue  # news in this thing from before the member followed it
                new = found.setdefault((item_kind.model, item.pk), NewItem(item, item_kind))
                new.brought_by(kind, thing)
    if not found:
        return []
    ids = defaultdict(list)
    for model, pk in found:
        ids[model].append(pk)
    sent = Q(pk__in=[])
    for model, pks in ids.items():
        sent |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=pks)
    for model_id, pk in (
        SentItem.objects.filter(member=member)
        .filter(sent)
        .values_list("content_type_id", "object_id")
    ):
        found.pop((ContentType.objects.get_for_id(model_id).model_class(), pk), None)
    return sorted(
        found.values(),
        key=lambda new: (
            new.kind.order,
            attrgetter(new.kind.published)(new.object),
            new.object.pk,
        ),
    )


# Sending


def _wanted(member, frequency):
    """The member's preference, locked, if they want a digest this often (else None)."""
    preference, _ = NotificationPreference.objects.select_for_update().get_or_create(member=member)
    if preference.frequency != frequency or not member.is_active:
        return None
    return preference


def digest_due(member, frequency, now):
    """How many items this member's digest would hold now (`manage.py send_digests` enqueues
    a digest for those with any). With nothing new this counts as their digest: the next
    one starts from now, as it would after an email."""
    with transaction.atomic():
        preference = _wanted(member, frequency)
        if preference is None:
            return 0
        count = len(new_items(member, since=preference.digest_starts(now), until=now))
        if not count:
            preference.last_digest_at = now
            preference.save(update_fields=["last_digest_at"])
    return count


def send_digest(member, frequency, now):
    """Email this member their digest, unless it would be empty or they no longer want it.
    Returns the number of items sent."""
    with transaction.atomic():
        preference = _wanted(member, frequency)
        if preference is None:
            return 0
        items = new_items(member, since=preference.digest_starts(now), until=now)
        if items:
            groups = []
            for item in items:
                if not groups or groups[-1].kind is not item.kind:
                    groups.append(Group(item.kind, []))
                groups[-1].items.append(item)
            _send(
                member,
                "following/email/digest.txt",
                {
                    "frequency": frequency,
                    "period": "day" if frequency == Frequency.DAILY else "week",
                    "counts": _counts(groups),
                    "followed": followed_kinds(),
                    "groups": groups,
                },
            )
            _record(member, items)
        preference.last_digest_at = now
        preference.save(update_fields=["last_digest_at"])
    return len(items)


def immediate_followers(item, followed_kinds=None):
    """Members who want an email as soon as this item is published, and follow something it
    is news in (new_items decides whether it is news to them). `followed_kinds`
    (kinds_followed_immediately()), if given, spares asking for the sources of news in
    kinds that no such member follows anything of."""
    brings = Q(pk__in=[])
    for news in follows.news_of(item):
        kind = follows.kind(news.kind)
        if kind is None:
            continue
        content_type = ContentType.objects.get_for_model(kind.model)
        if followed_kinds is not None and content_type.pk not in followed_kinds:
            continue
        brings |= Q(content_type=content_type, object_id__in=news.sources(item))
    return User.objects.filter(
        is_active=True,
        notification_preference__frequency=Frequency.IMMEDIATE,
        pk__in=Follow.objects.filter(brings).values("follower"),
    )


def kinds_followed_immediately():
    """The content types of the things followed by members who want emails at once."""
    return set(
        Follow.objects.filter(
            follower__is_active=True,
            follower__notification_preference__frequency=Frequency.IMMEDIATE,
        )
        .values_list("content_type", flat=True)
        .distinct()
    )


def send_new_item(member, item):
    """Email one member about one newly published item, if it is for them and new to them."""
    with transaction.atomic():
        items = new_items(member, only=item)
        if not items:
            return 0
        _send(member, "following/email/new_item.txt", {"item": items[0]})
        _record(member, items)
    return 1


def _counts(groups):
    return " and ".join(
        f"{len(group.items)} new {group.kind.noun if len(group.items) == 1 else group.kind.plural}"
        for group in groups
    )


def _record(member, items):
    SentItem.objects.bulk_create(
        [
            SentItem(
                member=member,
                content_type=ContentType.objects.get_for_model(item.kind.model),
                object_id=item.object.pk,
            )
            for item in items
        ],
        ignore_conflicts=True,
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
    message = EmailMessage(
        subject=as_one_line(subject),
        body=body.strip() + "\n",
        to=[member.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    mail.send(message)  # with headers unfolded, for the one-click unsubscribe
