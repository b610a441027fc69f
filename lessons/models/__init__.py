"""The lessons app's models: lesson pages and their parts, applications, the review task.

Modules: querysets (which lessons a query returns), pages (the index and lesson pages),
authors (the champion and co-authors), parts (team members, maturity links, related
lessons), revisions (rebuilding a lesson from a revision), applications ("we applied
this", "this was useful"), review (the workflow task).
"""

from lessons.models.applications import Application, ApplicationQuerySet, UsefulMark
from lessons.models.authors import CoAuthor
from lessons.models.evidence import EvidenceFile
from lessons.models.pages import (
    LESSONS_PER_PAGE,
    RESERVED_SLUGS,
    LessonIndexPage,
    LessonPage,
    LessonPermissionTester,
    LessonTheme,
)
from lessons.models.parts import LessonMaturityLink, LessonRelation, TeamMember, in_order
from lessons.models.querysets import FACILITATOR_ACTIONS, LessonPageQuerySet
from lessons.models.review import ReviewByNetworkTask, ReviewReminder, may_review
from lessons.models.similar import SimilarBox, SimilarityGeneration

__all__ = [
    "in_order",
    "FACILITATOR_ACTIONS",
    "LESSONS_PER_PAGE",
    "RESERVED_SLUGS",
    "Application",
    "CoAuthor",
    "EvidenceFile",
    "ApplicationQuerySet",
    "LessonIndexPage",
    "LessonMaturityLink",
    "LessonPage",
    "LessonPageQuerySet",
    "LessonPermissionTester",
    "LessonRelation",
    "LessonTheme",
    "ReviewByNetworkTask",
    "SimilarBox",
    "SimilarityGeneration",
    "ReviewReminder",
    "TeamMember",
    "UsefulMark",
    "may_review",
]
