from django.urls import path

from assessments import compare_views, plan_views, round_views, views

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

# After an assessment closes: development opportunities, the discussion, feedback, the action
# plan; compare and track (plan_views.py, compare_views.py).
urlpatterns += [
    path(
        "<id:pk>/opportunities/",
        plan_views.development_opportunities,
        name="opportunities",
    ),
    path("<id:pk>/discussion/", plan_views.discussion, name="discussion"),
    path("<id:pk>/feedback/", plan_views.feedback, name="feedback"),
    path("<id:pk>/plan/", plan_views.plan, name="plan"),
    path("<id:pk>/plan/print/", plan_views.plan_print, name="plan_print"),
    path("<id:pk>/plan/action-plan.csv", plan_views.plan_csv, name="plan_csv"),
    path("<id:pk>/plan/actions/<id:action>/", plan_views.action_edit, name="action"),
    path(
        "<id:pk>/plan/actions/<id:action>/applied/<id:lesson>/",
        plan_views.applied,
        name="applied",
    ),
    path("organisations/<id:pk>/compare/", compare_views.compare, name="compare"),
    path("organisations/<id:pk>/track/", compare_views.track, name="track"),
]

# Submission rounds, the benchmark and headline reports (assessments/round_views.py).
urlpatterns += [
    path("rounds/", round_views.round_list, name="rounds"),
    path("rounds/<id:pk>/", round_views.round_detail, name="round"),
    path(
        "rounds/<id:pk>/organisations/<id:organisation>/return/",
        round_views.submit_return,
        name="round_return",
    ),
    path(
        "rounds/<id:pk>/organisations/<id:organisation>/position/",
        round_views.position,
        name="round_position",
    ),
    path("rounds/<id:pk>/report/", round_views.headline_report, name="round_report"),
    path("benchmark/", round_views.benchmark_page, name="benchmark"),
    path("benchmark/csv/", round_views.benchmark_csv, name="benchmark_csv"),
]
