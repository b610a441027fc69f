from django.urls import path

from lessons.sharing import checking, views

app_name = "lessons"
urlpatterns = [
    path("members/me/lessons/", checking.my_lessons, name="my_lessons"),
    # Before Wagtail's pages: /lessons/share/ is the form, never a lesson (its slug is reserved).
    path("lessons/share/", views.start, name="share"),
    path("lessons/share/<int:pk>/check/", checking.check, name="share_check"),
    path("lessons/share/<int:pk>/preview/", checking.preview, name="share_preview"),
    path("lessons/share/<int:pk>/submit/", checking.submit, name="share_submit"),
    path("lessons/share/<int:pk>/sent/", checking.sent, name="share_sent"),
    path("lessons/share/<int:pk>/withdraw/", checking.withdraw, name="share_withdraw"),
    path("lessons/share/<int:pk>/factors/<str:block_id>/", views.factor, name="share_factor"),
    path("lessons/share/<int:pk>/maturity/<slug:code>/", views.maturity_level, name="share_level"),
    path("lessons/share/<int:pk>/<slug:slug>/", views.step, name="share_step"),
]
