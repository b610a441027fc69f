from django.urls import path

from lessons import sharing_views

app_name = "lessons"
urlpatterns = [
    path("members/me/lessons/", sharing_views.my_lessons, name="my_lessons"),
]
