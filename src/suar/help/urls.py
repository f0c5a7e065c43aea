from django.urls import path

from suar.help import views

app_name = "help"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("layanan/<int:pk>/", views.detail, name="detail"),
    path("kapan-mencari-bantuan/", views.when_to_seek_help, name="when"),
    path("sekarang/", views.crisis, name="crisis"),
    path("kelola/", views.manage, name="manage"),
    path("kelola/baru/", views.edit, name="create"),
    path("kelola/<int:pk>/", views.edit, name="edit"),
]
