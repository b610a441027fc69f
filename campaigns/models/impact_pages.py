"""The impact section (/impact/), the case study of the month and the value proposition's key
messages.

- Facilitators nominate a public case study for a month (`CaseStudyNomination.nominate`);
  site editors pick one per month (`MonthlyPick.pick`). Only a published, public case study
  may be nominated or picked: the home page shows it to everyone.
- `case_study_of_the_month(month)`: the month's pick while it stays public and live, else the
  most recent public case study.
- Key messages are numbered, each with its source, kept by site editors (a snippet), each
  with its own page at /impact/messages/<number>/.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from accounts.roles import is_site_editor
from core.pages import SectionIndexPage
from lessons.models import LessonPage
from lessons.vocabulary import Kind
from network.models import NetworkPage


def _views():
    """The one hop from the impact page to the code that serves its routes (as
    wagtail.contrib.forms reaches its views): campaigns/views.py imports these models."""
    from campaigns import views  # noqa: PLC0415 (see above)

    return views


def first_of_month(day):
    return day.replace(day=1)


def showable_case_studies():
    """Case studies anyone may read: the only ones a month may show."""
    return LessonPage.objects.readable_by(AnonymousUser()).filter(kind=Kind.CASE_STUDY)


def _check_showable(lesson):
    if not showable_case_studies().filter(pk=lesson.pk).exists():
        raise ValidationError(
            {"lesson": "Only a published case study that everyone may read can be shown."}
        )


class ImpactIndexPage(RoutablePageMixin, SectionIndexPage):
    default_slug = "impact"
    default_title = "Impact"
    default_intro = (
        "What knowledge mobilisation changed, from the case studies our members publish: "
        "staff time given back, money saved and decisions informed."
    )
    subpage_types = []

    @path("", name="index")
    def index_route(self, request):
        return _views().impact(request, self)

    @path("download/", name="download")
    def download_route(self, request):
        return _views().impact_csv(request, self)

    @path("showcase/", name="showcase")
    def showcase_route(self, request):
        return _views().showcase(request, self)

    @path("showcase/nominate/", name="nominate")
    def nominate_route(self, request):
        return _views().nominate(request, self)

    @path("messages/<id:number>/", name="message")
    def message_route(self, request, number):
        return _views().key_message(request, self, number)


class KeyMessage(models.Model):
    """One numbered message of the value proposition, with the source that backs it."""

    number = models.PositiveSmallIntegerField(unique=True)
    text = models.TextField(max_length=1000)
    source_title = models.CharField("source", max_length=255)
    source_url = models.URLField("source address", max_length=2000, blank=True)

    panels = [
        FieldPanel("number"),
        FieldPanel("text"),
        FieldPanel("source_title"),
        FieldPanel("source_url"),
    ]

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"

    def get_absolute_url(self):
        index = ImpactIndexPage.objects.live().first()
        return index.url + index.reverse_subpage("message", args=[self.number]) if index else ""


class CaseStudyNomination(models.Model):
    """A facilitator's suggestion of a case study for a month's showcase."""

    month = models.DateField(help_text="The first day of the month.")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="nominations")
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["month", "lesson"], name="one_nomination_per_month")
        ]

    def __str__(self):
        return f"{self.lesson.title} for {self.month:%B %Y}"

    @staticmethod
    def may_nominate(user):
        """Facilitators of any network, and site editors."""
        return user.is_authenticated and (
            is_site_editor(user) or NetworkPage.objects.facilitated_by(user).exists()
        )

    @classmethod
    def nominate(cls, by, lesson, month, reason=""):
        """`by` (a facilitator of any network, or a site editor) nominates `lesson`."""
        if not cls.may_nominate(by):
            raise PermissionDenied("Only facilitators nominate case studies.")
        _check_showable(lesson)
        nomination, _ = cls.objects.get_or_create(
            month=first_of_month(month),
            lesson=lesson,
            defaults={"nominated_by": by, "reason": reason},
        )
        return nomination


class MonthlyPick(models.Model):
    """The case study of the month, picked by a site editor."""

    month = models.DateField(unique=True, help_text="The first day of the month.")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="monthly_picks")
    picked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("month"), FieldPanel("lesson")]

    class Meta:
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%B %Y}: {self.lesson.title}"

    def clean(self):
        super().clean()
        if self.month:
            self.month = first_of_month(self.month)
        if self.lesson_id:
            _check_showable(self.lesson)

    @classmethod
    def pick(cls, by, lesson, month):
        """A site editor makes `lesson` the case study of `month` (replacing any pick)."""
        if not is_site_editor(by):
            raise PermissionDenied("Only site editors pick the case study of the month.")
        _check_showable(lesson)
        with transaction.atomic():
            chosen, _ = cls.objects.update_or_create(
                month=first_of_month(month), defaults={"lesson": lesson, "picked_by": by}
            )
        return chosen


def case_study_of_the_month(today=None):
    """(case study, whether it was picked): the month's pick while everyone may read it, else
    the most recent public case study (by its date, then newest first). (None, False) when
    there is none. One query: of two candidates, each found from an index (the pick's month;
    the lessons' kind and date), the pick sorts first; sorting every case study with the pick
    first could use no index."""
    month = first_of_month(today or datetime.date.today())
    picked = MonthlyPick.objects.filter(month=month, lesson=models.OuterRef("pk"))
    showable = showable_case_studies()
    # The newest with a date, and the newest of all (for when none has one): each read from
    # an index, which an order with its nulls last could not be on PostgreSQL.
    dated = showable.filter(date__isnull=False).order_by("-date", "-pk").values("pk")[:1]
    newest = showable.order_by("-pk").values("pk")[:1]
    picks = MonthlyPick.objects.filter(month=month).values("lesson")
    candidates = models.Q(pk__in=dated) | models.Q(pk__in=newest) | models.Q(pk__in=picks)
    lesson = (
        showable.filter(candidates)
        .annotate(is_pick=models.Exists(picked))
        .order_by("-is_pick", models.F("date").desc(nulls_last=True), "-pk")
        .first()
    )
    return lesson, bool(lesson and lesson.is_pick)


def past_picks(today=None):
    """The picks up to this month whose case studies everyone may still read, newest first."""
    month = first_of_month(today or datetime.date.today())
    return MonthlyPick.objects.filter(
        month__lte=month, lesson__in=showable_case_studies()
    ).select_related("lesson")
