from django.urls import path

from network import views

app_name = "network"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("<id:pk>/", views.profile_detail, name="profile"),
    path("<id:pk>/photo/", views.profile_photo, name="profile_photo"),
]
