from django.urls import path

from lessons import maturity_views as views

app_name = "maturity"
urlpatterns = [
    path("", views.framework_list, name="frameworks"),
    path("outcome/<slug:code>/", views.dimension_detail, name="dimension"),
    path("<slug:slug>/", views.framework_detail, name="framework"),
]
