"""After an assessment closes: the discussion of its outcomes, the region's lead's feedback and
the action plan.

Who reads what is the assessment's read rule, whole or without the region's lead:
- the discussion record and the action plan are the organisation's own work, read as its
  notes are (`Assessment.objects.with_notes_readable_by`: its leads, the unit's participants,
  site editors; never the region's lead);
- feedback is read by whoever may read the assessment (`Assessment.objects.readable_by`): the
  organisation's leads and the unit's participants, the region's leads, site editors.
Only the organisation's leads record the discussion and keep the plan; only a lead of the
organisation's region leaves feedback; all of it once the assessment is closed.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from lessons.models import Application, LessonPage
from network.models.roles import is_regional_lead

from .assessments import Answer, Assessment


def may_keep_plans(assessment, user):
    """Whether `user` records the discussion and keeps the action plan of `assessment`."""
    return assessment.is_closed and assessment.organisation.is_led_by(user)


def may_give_feedback(assessment, user):
    return bool(
        assessment.is_closed
        and user.is_authenticated
        and user.is_active
        and is_regional_lead(user, assessment.organisation.region)
    )


def plans_are_readable_by(assessment, user):
    """The discussion record and the action plan: the notes' rule."""
    return assessment.notes_are_readable_by(user)


class Discussion(models.Model):
    """The discussion of the outcomes and development opportunities: who took part, and what
    was decided on each outcome."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="discussion"
    )
    held_on = models.DateField("date of the discussion")
    took_part = models.TextField("who took part", help_text="Names and roles, one a line.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Discussion of {self.assessment}"

    @property
    def people(self):
        return [line.strip() for line in self.took_part.splitlines() if line.strip()]

    @classmethod
    def record(cls, assessment, by, *, held_on, took_part, decided):
        """Record (or revise) the discussion; `decided` maps each answer's id to what was
        decided on its outcome ("" for nothing)."""
        if not may_keep_plans(assessment, by):
            raise PermissionDenied
        with transaction.atomic():
            discussion, _ = cls.objects.update_or_create(
                assessment=assessment,
                defaults={"held_on": held_on, "took_part": took_part, "recorded_by": by},
            )
            for answer in assessment.answers.filter(pk__in=decided):
                text = decided[answer.pk].strip()
                if text:
                    Decision.objects.update_or_create(
                        discussion=discussion, answer=answer, defaults={"decided": text}
                    )
                else:
                    Decision.objects.filter(discussion=discussion, answer=answer).delete()
        return discussion


class Decision(models.Model):
    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="decisions")
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="+", verbose_name="outcome"
    )
    decided = models.TextField("what was decided")

    class Meta:
        ordering = ["answer__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["discussion", "answer"], name="one_decision_per_outcome"
            )
        ]

    def __str__(self):
        return self.decided


class Feedback(models.Model):
    """What the region's lead says about a closed assessment, for the organisation."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("feedback")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"Feedback on {self.assessment}"

    @classmethod
    def leave(cls, assessment, by, text):
        if not may_give_feedback(assessment, by):
            raise PermissionDenied
        return cls.objects.create(assessment=assessment, author=by, text=text)


class ActionPlan(models.Model):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="action_plan"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Action plan of {self.assessment}"


class Action(models.Model):
    """One action of a plan: on one outcome, with its owner, due date, status and the lessons
    it draws on."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="+", verbose_name="outcome"
    )
    description = models.TextField("action")
    owner = models.CharField(
        max_length=255, blank=True, help_text="Who sees it through: a name or a role."
    )
    due_on = models.DateField("due date", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    done_on = models.DateField(null=True, blank=True, editable=False)
    lessons = models.ManyToManyField(LessonPage, through="ActionLesson", related_name="+")

    class Meta:
        ordering = ["answer__position", "pk"]

    def __str__(self):
        return self.description

    @property
    def is_done(self):
        return self.status == self.Status.DONE

    def is_overdue(self, today=None):
        return bool(
            self.due_on and not self.is_done and self.due_on < (today or timezone.localdate())
        )


class ActionLesson(models.Model):
    """A lesson an action draws on, and the application recorded from the plan once the
    action is done ("we applied this")."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="lesson_links")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "lesson"], name="one_link_per_lesson")
        ]

    def __str__(self):
        return f"{self.action} draws on {self.lesson}"
