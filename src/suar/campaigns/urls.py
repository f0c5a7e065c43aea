from django.urls import URLPattern, URLResolver, path

from suar.campaigns import views

app_name = "campaigns"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.campaign_list, name="campaign_list"),
    path("kelola/", views.manage, name="manage"),
    path("<slug:slug>/", views.campaign_detail, name="campaign_detail"),
    path("<slug:slug>/penghitung/", views.counter, name="counter"),
    path("<slug:slug>/widget/", views.widget, name="widget"),
    path("<slug:slug>/laporan.csv", views.report, name="report"),
    path("<slug:slug>/kelola/", views.manage_campaign, name="manage_campaign"),
]
