from django.urls import path

from suar.moderation import crisis_views, member_views, views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/putuskan/", views.decide, name="decide"),
    path("<int:pk>/setujui/", views.approve, name="approve"),
    path("<int:pk>/sembunyikan/", views.hide, name="hide"),
    path("<int:pk>/identitas/", views.unmask, name="unmask"),
    path("sanksi/<int:pk>/cabut/", views.lift_sanction, name="lift_sanction"),
    path("audit/", views.audit_log, name="audit"),
    path("angka/", views.dashboard, name="dashboard"),
    path("laporkan/<str:kind>/<int:pk>/", member_views.report, name="report"),
    path("pesan/", member_views.notices, name="notices"),
    path("pesan/<int:pk>/", member_views.notice, name="notice"),
    path("keputusan/<int:pk>/banding/", member_views.appeal, name="appeal"),
    path("banding/", member_views.appeals, name="appeals"),
    path("banding/<int:pk>/", member_views.appeal_decide, name="appeal_decide"),
    path("krisis/", crisis_views.alerts, name="alerts"),
    path("krisis/<int:pk>/", crisis_views.alert, name="alert"),
    path("tugas/", crisis_views.duty, name="duty"),
    path("lencana/", crisis_views.badge, name="badge"),
]
