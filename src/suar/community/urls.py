from django.urls import path

from suar.community import group_views, privacy_views, search, views
from suar.community.controls import views as control_views
from suar.community.notices import views as notice_views

app_name = "community"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("beranda/", views.feed, name="feed"),
    path("cari/", search.search_page, name="search"),
    path("notifikasi/", notice_views.notification_list, name="notifications"),
    path("notifikasi/dibaca/", notice_views.mark_read, name="notifications_read"),
    path("grup-baru/", group_views.group_create, name="group_create"),
    path("g/<slug:org>/<slug:slug>/", views.group_detail, name="group_detail"),
    path("g/<slug:org>/<slug:slug>/tulis/", views.story_create, name="story_create"),
    path("g/<slug:org>/<slug:slug>/gabung/", views.group_join, name="group_join"),
    path("g/<slug:org>/<slug:slug>/keluar/", views.group_leave, name="group_leave"),
    path("g/<slug:org>/<slug:slug>/ikuti/", views.group_follow, name="group_follow"),
    path("g/<slug:org>/<slug:slug>/undang/", views.group_invite, name="group_invite"),
    path("g/<slug:org>/<slug:slug>/atur/", group_views.group_edit, name="group_edit"),
    path("undangan/<str:token>/", views.invitation, name="invitation"),
    path("permintaan/<int:pk>/", views.join_request_decide, name="join_request_decide"),
    path("cerita/<int:pk>/", views.story_detail, name="story_detail"),
    path("cerita/<int:pk>/gambar/", views.story_image, name="story_image"),
    path("cerita/<int:pk>/balas/", views.reply_create, name="reply_create"),
    path("cerita/<int:pk>/reaksi/", views.story_react, name="story_react"),
    path("cerita/<int:pk>/hapus/", views.story_delete, name="story_delete"),
    path("bantuan/", views.help_page, name="help"),
    path("kotak-balas/", views.inbox, name="inbox"),
    path("pengaturan/", control_views.controls_page, name="controls"),
    path("blokir/<int:user_id>/", control_views.block_person, name="block"),
    path("bisukan/<int:user_id>/", control_views.mute_person, name="mute"),
    path("waktu/", control_views.tick, name="tick"),
    path("privasi/", privacy_views.privacy_page, name="privacy"),
    path("privasi/ekspor/", privacy_views.export, name="export"),
    path("privasi/hapus-akun/", privacy_views.delete, name="delete_account"),
]
