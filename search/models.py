from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from accounts.roles import is_site_editor
from core.addresses import absolute_url
from core.models import TERM, ThesaurusEntry, split_terms


class SearchQuery(models.Model):
    """How often a query was searched on a day, and how often it found nothing."""

    query = models.CharField(max_length=200)
    day = models.DateField()
    searches = models.PositiveIntegerField(default=0)
    without_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="one_row_per_query_per_day")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"“{self.query}” on {self.day}: {self.searches}"


class MemberSearch(models.Model):
    """A member of a network searched for a query on a day. The searcher is a keyed hash of
    the query and the person (see search/insights.py), never the person: it only tells
    different searchers apart. Kept for search.insights.KEEP_DAYS days."""

    network = models.ForeignKey("network.NetworkPage", on_delete=models.CASCADE, related_name="+")
    query = models.CharField(max_length=200)
    day = models.DateField()
    searcher = models.CharField(max_length=64)
    searches = models.PositiveIntegerField(default=0)
    without_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "query", "day", "searcher"],
                name="one_row_per_member_search_per_day",
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"“{self.query}” in network {self.network_id} on {self.day}: {self.searches}"


class AnswerProposal(models.Model):
    """A facilitator's word to site editors that a search their network's members made, which
    found nothing, is answered by other words (a thesaurus entry) or by a page (an editors'
    pick). Site editors accept it, which makes the entry or the pick, or decline it
    (search/unanswered.py)."""

    class Answer(models.TextChoices):
        WORDS = "words", "Other words for the same thing (a thesaurus entry)"
        PAGE = "page", "A page on this site (an editors’ pick)"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for site editors"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    network = models.ForeignKey("network.NetworkPage", on_delete=models.CASCADE, related_name="+")
    query = models.CharField(max_length=200)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    terms = models.TextField(
        blank=True,
        help_text="Words or phrases a search for the query should also look for, separated "
        "by commas.",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, help_text="Anything the facilitator told the editors.")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = "proposed answer to a search"
        verbose_name_plural = "proposed answers to searches"

    def __str__(self):
        return f"“{self.query}” ({self.network})"

    def thesaurus_entry(self):
        """The entry accepting this proposal makes (unsaved): one way, from the query to the
        proposed words, so it changes no other search."""
        return ThesaurusEntry(
            # The query as a term: its words and what joins them, without the rest ("?").
            terms=", ".join([" ".join(TERM.findall(self.query)), *split_terms(self.terms)]),
            one_way=True,
            source=f"Proposed by a facilitator of {self.network.title}",
        )

    def accept(self, by):
        """Make the thesaurus entry or the editors' pick, at once for every search."""
        self._check_decidable(by)
        with transaction.atomic():
            if self.answer == self.Answer.WORDS:
                entry = self.thesaurus_entry()
                entry.full_clean()
                entry.save()
            else:
                if self.page_id is None:
                    raise ValidationError("The page proposed no longer exists.")
                query, _ = Query.objects.get_or_create(
                    query_string=normalise_query_string(self.query)
                )
                last = query.editors_picks.aggregate(last=models.Max("sort_order"))["last"]
                SearchPromotion.objects.create(
                    query=query,
                    page_id=self.page_id,
                    sort_order=(last or 0) + 1,
                )
            self._decide(by, self.Status.ACCEPTED)

    def decline(self, by):
        self._check_decidable(by)
        self._decide(by, self.Status.DECLINED)

    def _check_decidable(self, by):
        if not is_site_editor(by):
            raise PermissionDenied("Only site editors decide on proposed answers.")
        if self.status != self.Status.PROPOSED:
            raise ValidationError("This proposal has been decided already.")

    def _decide(self, by, status):
        self.status, self.decided_by, self.decided_at = status, by, timezone.now()
        self.save(update_fields=["status", "decided_by", "decided_at"])


class LessonRequestQuerySet(models.QuerySet):
    def standing(self):
        """Those not withdrawn: only these are shown or sent to anyone."""
        return self.filter(withdrawn_at__isnull=True)


class LessonRequest(models.Model):
    """A facilitator asks their network for a lesson that answers a search its members made
    and found nothing: an invitation to share, naming the question, on the network page and
    in the next digest of those who follow the network. A facilitator may withdraw it before
    its time is up; asking again puts it back as new."""

    network = models.ForeignKey("network.NetworkPage", on_delete=models.CASCADE, related_name="+")
    query = models.CharField(max_length=200)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LessonRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["network", "query"], name="one_request_per_query")
        ]

    def __str__(self):
        return f"A lesson on “{self.query}” ({self.network})"

    @property
    def title(self):
        """How emails name it ("New request for a lesson: A lesson on “…”")."""
        return f"A lesson on “{self.query}”"

    @property
    def share_url(self):
        """The address of the form to share a lesson, with the network chosen."""
        query = urlencode({"network": self.network.slug})
        return absolute_url(f"{reverse('lessons:share')}?{query}")
