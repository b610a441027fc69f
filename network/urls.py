from django.urls import path

from network import views

app_name = "network"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("<int:pk>/", views.profile_detail, name="profile"),
    path("<int:pk>/photo/", views.profile_photo, name="profile_photo"),
]
