from django.urls import path

from following import views

app_name = "following"
urlpatterns = [
    path("members/me/following/", views.following, name="list"),
    path("members/me/following/emails/", views.preferences, name="preferences"),
    path("members/me/following/follow/", views.follow, name="follow"),
    path("members/me/following/stop/", views.unfollow, name="unfollow"),
    path("emails/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
