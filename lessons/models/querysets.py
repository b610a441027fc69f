"""Which lessons a query returns: the read rule, the review rule, and the applications summary.
Each rule also has a form for one lesson on LessonPage, tested equal."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from wagtail.models import Page, WorkflowState
from wagtail.query import PageQuerySet

from accounts.roles import is_site_editor
from core.vocabulary import Visibility
from lessons.models.authors import CoAuthor, authored_by
from lessons.vocabulary import REPORTED_RESULTS
from network.models import Membership, NetworkPage, networks_joined

# What a facilitator may do to a lesson of their network while it is in review.
FACILITATOR_ACTIONS = ("change", "publish")
# What a link to a page reads of it (LessonPageQuerySet.for_links).
LINK_FIELDS = ("id", "title", "url_path")


class LessonPageQuerySet(PageQuerySet):
    def readable_by(self, user, request=None):
        """The lessons this person may read: live, and public or members-only lessons of a
        network they belong to. Every surface that shows lessons asks this (or, for one
        lesson, LessonPage.is_readable_by, which applies the same rule and is tested equal).
        `request`: the one being answered for `user`, which keeps their networks (networks_of)."""
        return self.readable_by_members_of(networks_of(user, request))

    def readable_by_members_of(self, networks):
        """readable_by for anyone who belongs to exactly these networks (a list of ids; none
        for someone signed out), for what is worked out once for all such readers."""
        rule = Q(visibility=Visibility.PUBLIC)
        # A list, not a subquery: search backends such as Elasticsearch can filter on it.
        if networks:
            rule |= Q(visibility=Visibility.MEMBERS, network__in=networks)
        return self.live().filter(rule)

    def for_links(self):
        """Only what a link to a lesson shows, its title and address ({% pageurl %} reads the
        url_path): a whole lesson costs several times as much to read and build."""
        return self.only(*LINK_FIELDS)

    def authored_by(self, user):
        """The lessons this person wrote: as their champion or a co-author (lessons/models/
        authors.py). LessonPage.is_author is the same rule for one lesson (tested equal)."""
        return self.filter(authored_by(user))

    def in_review(self):
        """Lessons whose review is in progress (submitted, not yet approved or sent back)."""
        submitted = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
        ).values_list("object_id", flat=True)
        return self.filter(pk__in=[int(pk) for pk in submitted])

    def reviewable_by(self, user):
        """The lessons this person may review: those in review (submitted, not yet approved or
        sent back) in the networks they facilitate, and every one for a site editor; never
        their own. The one rule of who reviews: the review queue and page, the workflow task,
        the admin (facilitated_by below) and the emails ask it, or its form for one lesson,
        LessonPage.is_reviewable_by (tested equal)."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        lessons = self.in_review().exclude(authored_by(user))
        if is_site_editor(user):
            return lessons
        return lessons.filter(network__in=NetworkPage.objects.facilitated_by(user))

    def awaiting_review_by(self, user):
        """Of the lessons this person may review, those they are asked to review: their own
        networks' (as a facilitator), and, for a site editor, those that have no other reviewer
        (no network, or no active facilitator but the author). LessonPage.reviewers is the same
        rule for one lesson (tested equal); the emails and reminders go to those people."""
        lessons = self.reviewable_by(user)
        if not user.is_authenticated:
            return lessons
        facilitators = Membership.objects.filter(role=Membership.Role.FACILITATOR)
        asked = Q(network__in=facilitators.filter(user=user.pk).values("network"))
        if is_site_editor(user):
            other_reviewers = facilitators.filter(
                network=OuterRef("network"), user__is_active=True
            ).exclude(user=Coalesce(OuterRef("owner"), Value(0)))
            other_reviewers = other_reviewers.exclude(
                user__in=CoAuthor.objects.filter(lesson=OuterRef(OuterRef("pk"))).values("user")
            )
            asked |= ~Exists(other_reviewers)
        return lessons.filter(asked)

    def correctable_by(self, user):
        """The published lessons this person may correct on the site: those of the networks
        they facilitate (every network's, for a site editor), unless they are in review (then
        they are reviewed) or hold a draft not yet sent (the champion's, which a correction
        would overwrite). Corrections by someone who did not write the lesson are published at
        once; on their own lesson they go to review (LessonPage.correction_goes_to_review).
        LessonPage.is_correctable_by is the same rule for one lesson (tested equal)."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return (
            self.live()
            .filter(
                network__in=NetworkPage.objects.facilitated_by(user), has_unpublished_changes=False
            )
            .exclude(pk__in=self.in_review().values_list("pk", flat=True))
        )

    def facilitated_by(self, user, action="change"):
        """The lessons a facilitator may open, edit and publish (approve) in the admin: those
        they may review (reviewable_by). A network's other lessons are not theirs to change:
        drafts belong to their champions until they are submitted, and published lessons change
        through a new review. Wagtail's tree permissions cannot say this (lessons live under
        /lessons/, not under their network); LessonPermissionTester gives it to the admin."""
        if action not in FACILITATOR_ACTIONS:
            return self.none()
        return self.reviewable_by(user)

    def learned(self):
        """The lessons marked *learned*: applied somewhere, with a result reported (anything
        but "too early to tell"). LessonPage.is_learned asks the same for one lesson."""
        return self.filter(_has_reported_result())

    def with_application_summary(self):
        """Each lesson with `is_learned`, for cards and lists, in the same query (is_learned
        then needs no query of its own). How many times it was applied is a column of its own,
        `applied_count`."""
        return self.annotate(is_learned=_has_reported_result())

    def order_by_applied(self):
        """The most applied first, then the newest."""
        return self.order_by("-applied_count", "-date", "-pk")

    def most_applied(self):
        """Lessons applied at least once, the most applied first, then the newest."""
        return self.filter(applied_count__gt=0).order_by_applied()

    # applied_count is kept by whatever adds or deletes an application (Application.save, a
    # deletion's signal), or saves a whole lesson (LessonPage.save), in its own transaction:
    # lock_rows, then write, then count_applications. Code that writes applications without
    # those (bulk_create, a raw update) calls recount_applications on the lessons it touched.

    def recount_applications(self):
        """Set these lessons' applied_count from their applications, under their row locks."""
        with transaction.atomic():
            self.lock_rows()
            self.count_applications()

    def lock_rows(self):
        """Lock these lessons' rows until the transaction ends, so that a count taken after it
        sees every application committed by whoever held the lock before (PostgreSQL; SQLite's
        IMMEDIATE transactions hold the database's write lock from their start). No-key:
        inserting an application takes a key-share lock on its lesson, which this must not
        wait for."""
        if connection.features.has_select_for_update:
            locking = self.select_for_update(no_key=True, of=("self",)).order_by("pk")
            list(locking.values_list("pk", flat=True))

    def count_applications(self):
        counted = (
            _applications()
            .filter(lesson=OuterRef("pk"))
            .order_by()
            .values("lesson")
            .annotate(n=Count("pk"))
            .values("n")
        )
        self.update(applied_count=Coalesce(Subquery(counted), 0))


def _has_reported_result():
    """The learned rule, as SQL: one of the lesson's applications has a reported result."""
    return Exists(_applications().filter(lesson=OuterRef("pk"), result__in=REPORTED_RESULTS))


def reader_key(user, networks=None):
    """What the read rule (readable_by) asks of a person, and nothing else: a cache shared by
    readers (core.page_cache's fragments) keys on it, so two readers share a copy only when
    the rule gives them the same lessons. Change it with the rule."""
    networks = networks_of(user) if networks is None else networks  # given: already asked
    return ("networks", tuple(sorted(networks)))


def networks_of(user, request=None):
    """The networks this person belongs to, as a list of ids: read once a request when given
    the request (network.models.networks_joined)."""
    return sorted(networks_joined(user, request))


def _applications():
    # By name: the application model refers to the lesson page, which uses this queryset.
    return apps.get_model("lessons", "Application").objects
