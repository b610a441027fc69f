"""What a signed-in member's home page leads with: their drafts and the lessons sent back to
them, lessons waiting for their review, and what is new in what they follow. Each list asks its
own rule (where a lesson stands, who is asked to review, what a member hears about)."""

from datetime import timedelta

from django.utils import timezone

from accounts.roles import is_site_editor
from following.digests import new_items
from lessons.models import LessonPage
from lessons.moderation.workflow import Status, lessons_by_status
from network.models import NetworkPage

NEWS_DAYS = 30
SHOWN = 5


def member_home(user):
    by_status = lessons_by_status(user)
    to_review = LessonPage.objects.awaiting_review_by(user).select_related("network")
    return {
        "drafts": by_status[Status.DRAFT][:SHOWN],
        "more_drafts": len(by_status[Status.DRAFT]) > SHOWN,
        "changes_requested": by_status[Status.CHANGES_REQUESTED],
        "to_review": list(to_review.order_by("latest_revision_created_at", "pk")[:SHOWN]),
        "is_reviewer": is_site_editor(user) or NetworkPage.objects.facilitated_by(user).exists(),
        "news": new_items(user, since=timezone.now() - timedelta(days=NEWS_DAYS))[:SHOWN],
        "news_days": NEWS_DAYS,
    }
