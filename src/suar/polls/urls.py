from django.urls import path

from suar.polls import views

app_name = "polls"

urlpatterns = [
    path("", views.poll_list, name="poll_list"),
    path("baru/", views.poll_create, name="poll_create"),
    path("<int:pk>/", views.poll_detail, name="poll_detail"),
    path("<int:pk>/pilih/", views.vote, name="vote"),
]
