"""URLs of the Studio, under /studio/."""

from django.urls import path

from suar.studio import calendar_views, media_views, views

app_name = "studio"

urlpatterns = [
    path("", views.index, name="index"),
    path("baru/", views.compose, name="compose"),
    path("periksa/", views.check, name="check"),
    path("ubah-teks/", views.edit_text, name="edit_text"),
    path("kalender/", calendar_views.month_calendar, name="calendar"),
    path("kalender/<int:year>/<int:month>/", calendar_views.month_calendar, name="calendar_month"),
    path("pos/<int:pk>/", views.post_detail, name="post_detail"),
    path("pos/<int:pk>/gambar/", views.upload_media, name="upload_media"),
    path("pos/<int:pk>/platform/", views.save_variants, name="save_variants"),
    path("pos/<int:pk>/ajukan/", views.submit, name="submit"),
    path("pos/<int:pk>/setujui/", views.approve, name="approve"),
    path("pos/<int:pk>/minta-perubahan/", views.request_changes, name="request_changes"),
    path("pos/<int:pk>/jadwalkan/", views.schedule, name="schedule"),
    path("pos/<int:pk>/batalkan/", views.cancel, name="cancel"),
    path("pos/<int:pk>/kirim-ulang/<int:delivery_pk>/", views.retry, name="retry"),
    path("pos/<int:pk>/komentar/", views.comment, name="comment"),
    path("pos/<int:pk>/tautan/", views.add_link, name="add_link"),
    path("gambar/<int:pk>/", media_views.media_file, name="media_file"),
    path("gambar/<int:pk>/hapus/", media_views.delete_media, name="delete_media"),
    path("l/<str:code>/", views.short_link, name="short_link"),
]
