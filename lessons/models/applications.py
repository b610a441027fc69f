"""Lessons applied elsewhere ("we applied this") and found useful."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils import timezone

from core.vocabulary import MAX_TEAM_YEARS, OrganisationType, Region, Scale
from lessons import tasks
from lessons.models.pages import LessonPage
from lessons.vocabulary import REPORTED_RESULTS, Result


class ApplicationQuerySet(models.QuerySet):
    def due_for_reminder(self, now=None):
        """Applications whose applier should now be asked for the result: recorded (and
        started) at least APPLICATION_REMINDER_AFTER ago, with no result yet, and never
        reminded before."""
        cutoff = (now or timezone.now()) - settings.APPLICATION_REMINDER_AFTER
        return self.filter(
            applier__isnull=False,
            result="",
            reminder_sent_at__isnull=True,
            created_at__lte=cutoff,
            applied_on__lte=timezone.localdate(cutoff),
        )


class Application(models.Model):
    """A team applied a lesson elsewhere: their context, what they did, and what happened.
    Imported applications (lessons/v1 `applications`) have no applier."""

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="applications")
    applier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    organisation_type = models.CharField(
        max_length=30, choices=OrganisationType.choices, blank=True
    )
    setting = models.CharField(max_length=255, blank=True)
    region = models.CharField(max_length=30, choices=Region.choices, blank=True)
    scale = models.CharField(max_length=20, choices=Scale.choices, blank=True)
    team_years = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(
                MAX_TEAM_YEARS,
                "Years of experience in the team must be a whole number "
                f"from 0 to {MAX_TEAM_YEARS}",
            )
        ],
        help_text="The team's years of experience, added together.",
    )
    applied_on = models.DateField(help_text="When you started applying it.")
    what_we_did = models.TextField(help_text="What you did, and what you adapted.")
    result = models.CharField(max_length=20, choices=Result.choices, blank=True)
    result_note = models.TextField(blank=True)
    result_on = models.DateField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    # The fields, named once for every surface: the applier's context; what a member records
    # ("we applied this", the demo loader); and everything, which lessons/v1 `applications[]`
    # carries and which together say whether two entries are the same application.
    CONTEXT_FIELDS = ("organisation_type", "setting", "region", "scale", "team_years")
    RECORDED_FIELDS = (*CONTEXT_FIELDS, "applied_on", "what_we_did")
    EXCHANGED_FIELDS = (*RECORDED_FIELDS, "result", "result_note", "result_on")

    class Meta:
        ordering = ["-applied_on", "-pk"]
        constraints = [
            # One application per member, lesson and setting (LessonPage.record_application
            # edits it when it is recorded again); imported ones name nobody and are exempt.
            models.UniqueConstraint(
                fields=["lesson", "applier", "setting"],
                condition=models.Q(applier__isnull=False),
                name="one_application_per_member_and_setting",
            )
        ]

    def __str__(self):
        return f"{self.lesson.title}, applied {self.applied_on:%d %B %Y}"

    def save(self, *args, **kwargs):
        """A new application counts on its lesson (LessonPage.applied_count) in the same
        transaction, whoever saves it: "we applied this", the importer, the demo loader."""
        if not self._state.adding:
            return super().save(*args, **kwargs)
        lesson = LessonPage.objects.filter(pk=self.lesson_id)
        with transaction.atomic():
            lesson.lock_rows()
            super().save(*args, **kwargs)
            lesson.count_applications()

    def clean(self):
        super().clean()
        if self.applied_on and self.applied_on > timezone.localdate():
            raise ValidationError(
                {"applied_on": "The date you started must be today or in the past."}
            )

    @property
    def has_reported_result(self):
        return self.result in REPORTED_RESULTS

    @property
    def context_parts(self):
        """The applier's context in words, as the lesson page and emails show it."""
        parts = [
            self.get_organisation_type_display() if self.organisation_type else "",
            self.setting,
            self.get_region_display() if self.region else "",
            self.get_scale_display().lower() if self.scale else "",
        ]
        if self.team_years is not None:
            parts.append(f"{self.team_years} years of experience in the team")
        return [part for part in parts if part]

    def record_result(self, by, result, note="", on=None):
        """Whoever applied the lesson says what happened: at any time, and again if it
        changes (a result "too early to tell" often becomes one)."""
        if not (by.is_authenticated and by.pk == self.applier_id):
            raise PermissionDenied("Only the member who applied the lesson can record its result.")
        if result not in Result.values:
            raise ValidationError({"result": "Choose one of the results."})
        self.result, self.result_note = result, note
        self.result_on = on or timezone.localdate()
        self.save(update_fields=["result", "result_note", "result_on", "updated_at"])

    def send_reminder(self, now=None):
        """Ask the applier, once, for the result. The row is claimed by a conditional update,
        so two runs of the reminder command at once still send one email. Returns whether this
        call claimed it."""
        claimed = Application.objects.filter(
            pk=self.pk, result="", reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now or timezone.now())
        if claimed:
            transaction.on_commit(lambda: tasks.email_result_reminder.enqueue(self.pk))
        return bool(claimed)


def _counted_out(sender, instance, **kwargs):
    # Sent inside the deletion's transaction, for each application deleted (one by one, in a
    # queryset's delete, or with its lesson).
    LessonPage.objects.filter(pk=instance.lesson_id).recount_applications()


post_delete.connect(_counted_out, sender=Application, dispatch_uid="lessons.applied_count")


class UsefulMark(models.Model):
    """A member found a lesson useful: one per member per lesson, counted."""

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="useful_marks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="useful_marks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lesson", "user"], name="one_useful_mark_per_member")
        ]

    def __str__(self):
        return f"{self.user} found {self.lesson.title} useful"
