from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("similar/", views.similar, name="similar"),
    path("insights/", views.insights_view, name="insights"),
]
