from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("organisations/<id:pk>/", views.organisation, name="organisation"),
    path("organisations/<id:pk>/units/new/", views.unit_new, name="unit_new"),
    path("organisations/<id:pk>/invite/", views.invite, name="invite"),
    path(
        "organisations/<id:pk>/participants/<id:participant>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("organisations/<id:pk>/start/", views.start, name="start"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<id:pk>/", views.assessment, name="assessment"),
    path("<id:pk>/session-mode/", views.session_mode, name="session_mode"),
    path("<id:pk>/outcomes/<id:position>/", views.answer, name="answer"),
    path("<id:pk>/close/", views.close, name="close"),
    path("<id:pk>/results/", views.results, name="results"),
    path("evidence-files/<id:pk>/", views.evidence_file, name="evidence_file"),
]
