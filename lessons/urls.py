from django.urls import path

from lessons.moderation import correcting, reviewing
from lessons.sharing import checking, co_authors, evidence_files, views

app_name = "lessons"
urlpatterns = [
    path("members/me/lessons/", checking.my_lessons, name="my_lessons"),
    path("members/me/reviews/", reviewing.queue, name="reviews"),
    path("members/me/reviews/<id:pk>/", reviewing.review, name="review"),
    path("members/me/reviews/<id:pk>/approve/", reviewing.approve, name="review_approve"),
    path(
        "members/me/reviews/<id:pk>/ask-for-changes/",
        reviewing.ask_for_changes,
        name="review_ask_for_changes",
    ),
    path("members/me/corrections/<id:pk>/", correcting.correction, name="correct"),
    # Before Wagtail's pages: /lessons/share/ is the form, never a lesson (its slug is reserved).
    path("lessons/share/", views.start, name="share"),
    path("lessons/share/<id:pk>/check/", checking.check, name="share_check"),
    path("lessons/share/<id:pk>/preview/", checking.preview, name="share_preview"),
    path("lessons/share/<id:pk>/submit/", checking.submit, name="share_submit"),
    path("lessons/share/<id:pk>/sent/", checking.sent, name="share_sent"),
    path("lessons/share/<id:pk>/withdraw/", checking.withdraw, name="share_withdraw"),
    path("lessons/evidence-files/<id:pk>/", evidence_files.evidence_file, name="evidence_file"),
    path("lessons/share/<id:pk>/files/", evidence_files.evidence_files, name="share_files"),
    path("lessons/share/<id:pk>/co-authors/", co_authors.co_authors, name="share_co_authors"),
    path("lessons/share/<id:pk>/factors/<str:block_id>/", views.factor, name="share_factor"),
    path("lessons/share/<id:pk>/maturity/<slug:code>/", views.maturity_level, name="share_level"),
    path("lessons/share/<id:pk>/<slug:slug>/", views.step, name="share_step"),
]
