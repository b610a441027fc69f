"""Members follow themes, networks and people, and choose how often they hear about them.

What a member may follow is the rule for what they may see: a live theme, a network that shares
its content with them (NetworkPage.objects.sharing_content_with / shares_content_with), a
profile visible to them (Profile.objects.visible_to / is_visible_to) other than their own. The
same rules apply again when an email is built, so nothing reaches a member who may no longer
see it.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Q

from accounts.models import User
from network.models import NetworkPage, Profile
from themes.models import ThemePage


@dataclass(frozen=True)
class Target:
    """One kind of thing a member may follow: the Follow field that holds it, its model, and
    who may follow which (for many at once, and for one)."""

    field: str
    model: type
    noun: str

    def followable(self, user):
        if self.model is ThemePage:
            return ThemePage.objects.live()
        if self.model is NetworkPage:
            return NetworkPage.objects.sharing_content_with(user)
        return Profile.objects.visible_to(user).exclude(user=user)

    def may_follow(self, user, target):
        if self.model is ThemePage:
            return target.live
        if self.model is NetworkPage:
            return target.shares_content_with(user)
        return target.is_visible_to(user) and target.user_id != user.pk


TARGETS = {
    "theme": Target("theme", ThemePage, "theme"),
    "network": Target("network", NetworkPage, "network"),
    "person": Target("person", Profile, "person"),
}


class Follow(models.Model):
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    theme = models.ForeignKey(
        "themes.ThemePage", null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    network = models.ForeignKey(
        "network.NetworkPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    person = models.ForeignKey(
        "network.Profile", null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(theme__isnull=False, network__isnull=True, person__isnull=True)
                    | Q(theme__isnull=True, network__isnull=False, person__isnull=True)
                    | Q(theme__isnull=True, network__isnull=True, person__isnull=False)
                ),
                name="follow_exactly_one_thing",
            ),
            *(
                models.UniqueConstraint(
                    fields=["follower", name],
                    condition=Q(**{f"{name}__isnull": False}),
                    name=f"follow_a_{name}_once",
                )
                for name in TARGETS
            ),
        ]

    def __str__(self):
        return f"{self.follower} follows {self.target}"

    @property
    def kind(self):
        return next(name for name in TARGETS if getattr(self, f"{name}_id"))

    @property
    def target(self):
        return getattr(self, self.kind)

    @classmethod
    def start(cls, follower, kind, target):
        """Follow something this person may see; following it again changes nothing."""
        if not TARGETS[kind].may_follow(follower, target):
            raise PermissionDenied("You cannot follow that.")
        NotificationPreference.of(follower)
        try:
            with transaction.atomic():
                return cls.objects.get_or_create(follower=follower, **{kind: target})[0]
        except IntegrityError:  # the same follow saved meanwhile by another request
            return cls.objects.get(follower=follower, **{kind: target})

    @classmethod
    def stop(cls, follower, kind, target_id):
        """Stop following; returns whether the person was following it."""
        deleted, _ = cls.objects.filter(follower=follower, **{f"{kind}_id": target_id}).delete()
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
        chosen = Q(notification_preference__frequency=frequency)
        if frequency == Frequency.WEEKLY:
            chosen |= Q(notification_preference__isnull=True)
        members = User.objects.filter(is_active=True, pk__in=Follow.objects.values("follower"))
        return members.filter(chosen)

    def digest_starts(self, now):
        """Where this member's digest window starts: one period back, or the last digest if
        that was longer ago (a late or missed run), never more than two periods back. Items
        already sent are left out whatever the window."""
        period = DIGEST_PERIODS[self.frequency]
        start = now - period
        if self.last_digest_at is not None:
            start = min(start, self.last_digest_at)
        return max(start, now - 2 * period)


class SentItem(models.Model):
    """A page a member has been emailed about: no email mentions it to them again."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "page"], name="send_each_page_once")
        ]

    def __str__(self):
        return f"{self.member} was sent page {self.page_id}"


def unsubscribe_token(member):
    return signing.dumps(member.pk, salt=UNSUBSCRIBE_SALT)


def member_for_token(token):
    """The member an unsubscribe token was made for, or None if it is not one of ours."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).first()
