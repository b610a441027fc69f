from django.urls import path

from search import unanswered_views, views

app_name = "search"
urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("similar/", views.similar, name="similar"),
    path("insights/", views.insights_view, name="insights"),
    path("insights/networks/<id:network_id>/", unanswered_views.queue, name="unanswered"),
    path(
        "insights/networks/<id:network_id>/answer/",
        unanswered_views.answer,
        name="unanswered_answer",
    ),
    path("insights/networks/<id:network_id>/ask/", unanswered_views.ask, name="unanswered_ask"),
    path(
        "insights/networks/<id:network_id>/asks/<id:ask_id>/withdraw/",
        unanswered_views.withdraw,
        name="unanswered_withdraw",
    ),
]
