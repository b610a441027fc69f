from django.urls import path

from questions import comment_views, views

app_name = "questions"
urlpatterns = [
    path("", views.index, name="index"),
    path("suggest/", views.suggest, name="suggest"),
    path("ask/", views.ask, name="ask"),
    path("reports/", views.reports, name="reports"),
    path("<id:pk>/", views.question, name="question"),
    path("<id:pk>/answer/", views.answer, name="answer"),
    path("<id:pk>/answers/<id:answer_id>/helpful/", views.helpful, name="helpful"),
    path("<id:pk>/answers/<id:answer_id>/useful/", views.useful, name="useful"),
    path(
        "<id:pk>/answers/<id:answer_id>/lesson/",
        views.turn_into_a_lesson,
        name="turn_into_a_lesson",
    ),
    path("comments/lesson/<id:lesson_id>/", comment_views.comment, name="comment"),
    path("<str:kind>/<id:pk>/report/", views.report, name="report"),
    path("<str:kind>/<id:pk>/<str:action>/", views.moderate, name="moderate"),
]
