"""Members follow what the apps register as followable (core/follows.py: themes, networks and
people today), and choose how often they hear about it.

A follow points at its thing by content type and id, as a sent item points at its item: this
app may not import the models it stores (they live in apps below it, and in apps to come above
it). What a member may follow is the kind's rule (`followable(user)`, `may_follow(user, thing)`);
the same rules apply again when an email is built, so nothing reaches a member who may no longer
see it.
"""

import base64
import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.models import User
from core import follows
from core.numbers import parse_whole_number


def pointing_at(model, pk):
    """The lookup of the rows that point at this thing (follows) or item (sent items)."""
    return Q(content_type=ContentType.objects.get_for_model(model), object_id=pk)


class FollowQuerySet(models.QuerySet):
    def of(self, thing):
        """The follows of this thing."""
        return self.filter(pointing_at(type(thing), thing.pk))

    def by_kind(self):
        """[(kind, [ids])]: every registered kind, in order, with the ids of the things of it
        these follows point at, in the order they were followed."""
        ids = {}
        for content_type_id, object_id in self.order_by("created_at", "pk").values_list(
            "content_type_id", "object_id"
        ):
            ids.setdefault(content_type_id, []).append(object_id)
        return [
            (kind, ids.get(ContentType.objects.get_for_model(kind.model).pk, []))
            for kind in follows.kinds()
        ]

    def started(self):
        """{(model, pk): when the follow began}: nothing published before a member began
        following a thing is news to them in it."""
        return {
            (ContentType.objects.get_for_id(content_type_id).model_class(), object_id): created_at
            for content_type_id, object_id, created_at in self.values_list(
                "content_type_id", "object_id", "created_at"
            )
        }


class Follow(models.Model):
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["follower", "content_type", "object_id"], name="follow_a_thing_once"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="follows_of_a_thing")]

    def __str__(self):
        return f"{self.follower} follows {self.target}"

    @property
    def kind(self):
        """The registered kind of what is followed (None if its app no longer registers it)."""
        return follows.kind_of(ContentType.objects.get_for_id(self.content_type_id).model_class())

    @classmethod
    def start(cls, follower, kind, target):
        """Follow something this person may follow; following it again changes nothing."""
        if not follows.kind(kind).may_follow(follower, target):
            raise PermissionDenied("You cannot follow that.")
        NotificationPreference.of(follower)
        key = {
            "follower": follower,
            "content_type": ContentType.objects.get_for_model(follows.kind(kind).model),
            "object_id": target.pk,
        }
        try:
            with transaction.atomic():
                return cls.objects.get_or_create(**key)[0]
        except IntegrityError:  # the same follow saved meanwhile by another request
            return cls.objects.get(**key)

    @classmethod
    def stop(cls, follower, kind, target_id):
        """Stop following; returns whether the person was following it."""
        deleted, _ = (
            cls.objects.filter(follower=follower)
            .filter(pointing_at(follows.kind(kind).model, target_id))
            .delete()
        )
        return bool(deleted)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As soon as something new is published (one email each)"
    DAILY = "daily", "A daily digest"
    WEEKLY = "weekly", "A weekly digest"
    NONE = "none", "No emails: I will look on the site"


DIGEST_PERIODS = {
    Frequency.DAILY: datetime.timedelta(days=1),
    Frequency.WEEKLY: datetime.timedelta(weeks=1),
}
UNSUBSCRIBE_SALT = "following.unsubscribe"


class NotificationPreference(models.Model):
    """How often a member hears about what they follow. Weekly unless they choose otherwise:
    members of other NHS platforms complain of too many emails."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    frequency = models.CharField(
        "how often we email you",
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self):
        return f"{self.member}: {self.get_frequency_display()}"

    @classmethod
    def of(cls, member):
        """The member's preference, saved (weekly) if they had none: a first save by another
        request at the same moment is found, not saved twice (get_or_create looks again when
        its insert meets the unique constraint)."""
        return cls.objects.get_or_create(member=member)[0]

    @classmethod
    def choose(cls, member, frequency):
        """Save how often the member hears from us. Their first choice made twice at once (two
        tabs, a double click) is saved once, and the other request changes that row."""
        preference = cls.of(member)
        preference.frequency = frequency
        preference.save(update_fields=["frequency"])
        return preference

    @classmethod
    def members_with(cls, frequency):
        """Active members who follow something and want emails this often."""
        return _followers().filter(_chose(frequency), is_active=True)

    @classmethod
    def not_emailed(cls, frequency):
        """(members who chose no emails, inactive accounts that chose this frequency): both
        follow something, and no digest goes to either."""
        return (
            _followers().filter(_chose(Frequency.NONE), is_active=True).count(),
            _followers().filter(_chose(frequency), is_active=False).count(),
        )

    def digest_starts(self, now):
        """Where this member's digest window starts: one period back, or the last digest if
        that was longer ago (a late or missed run), never more than two periods back. Items
        already sent are left out whatever the window."""
        period = DIGEST_PERIODS[self.frequency]
        start = now - period
        if self.last_digest_at is not None:
            start = min(start, self.last_digest_at)
        return max(start, now - 2 * period)


def _followers():
    return User.objects.filter(pk__in=Follow.objects.values("follower"))


def _chose(frequency):
    """Members who chose this frequency (weekly: also those who never chose)."""
    chosen = Q(notification_preference__frequency=frequency)
    if frequency == Frequency.WEEKLY:
        chosen |= Q(notification_preference__isnull=True)
    return chosen


class SentItem(models.Model):
    """An item (a lesson, an event) a member has been emailed about: no email mentions it to
    them again."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "content_type", "object_id"], name="send_each_item_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="sent_items_of_an_item")]

    def __str__(self):
        return f"{self.member} was sent {self.content_type.model} {self.object_id}"


def unsubscribe_token(member):
    """A short token for the member's unsubscribe link: their id and a keyed hash of it, so
    the link fits on one line of a `List-Unsubscribe` header (RFC 8058) and cannot be made up."""
    return f"{member.pk}.{_unsubscribe_mac(member.pk)}"


def _unsubscribe_mac(pk):
    digest = salted_hmac(UNSUBSCRIBE_SALT, str(pk), algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


def member_for_token(token):
    """The member an unsubscribe token was made for, or None if it is not one of ours. Links
    sent before the tokens were short (`django.core.signing`) keep working."""
    pk, dot, mac = token.partition(".")
    if dot:
        pk = parse_whole_number(pk)
        if pk is None or not constant_time_compare(mac, _unsubscribe_mac(pk)):
            return None
    else:
        try:
            pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        except signing.BadSignature:
            return None
    return User.objects.filter(pk=pk).first()
