from django.urls import path

from suar.community import views

app_name = "community"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("g/<slug:org>/<slug:slug>/", views.group_detail, name="group_detail"),
    path("cerita/<int:pk>/", views.story_detail, name="story_detail"),
]
