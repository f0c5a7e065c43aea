from django.urls import path

from suar.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/setujui/", views.approve, name="approve"),
    path("<int:pk>/sembunyikan/", views.hide, name="hide"),
    path("<int:pk>/identitas/", views.unmask, name="unmask"),
]
