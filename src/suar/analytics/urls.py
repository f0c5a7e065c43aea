"""URLs of the impact pages, under /dampak/."""

from django.urls import URLPattern, path

from suar.analytics import manage_views, views

app_name = "analytics"

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("daftar/<slug:org>/<slug:slug>/", manage_views.signup, name="signup"),
    path("<slug:org>/", views.dashboard, name="dashboard"),
    path("<slug:org>/laporan.pdf", views.report_pdf, name="report_pdf"),
    path("<slug:org>/laporan.csv", views.report_csv, name="report_csv"),
    path("<slug:org>/pos/<int:pk>/", views.post_detail, name="post"),
    path("<slug:org>/komentar/", views.comment_list, name="comments"),
    path("<slug:org>/komentar/<int:pk>/", views.comment_decide, name="comment_decide"),
    path("<slug:org>/komentar/<int:pk>/blokir/", views.comment_block, name="comment_block"),
    path("<slug:org>/tautan/", manage_views.links, name="links"),
    path("<slug:org>/program/", manage_views.programmes, name="programmes"),
    path("<slug:org>/program/<slug:slug>/", manage_views.programme_detail, name="programme"),
    path("<slug:org>/impor/", manage_views.import_file, name="import"),
    path("<slug:org>/token/", manage_views.tokens, name="tokens"),
    path("<slug:org>/token/<int:pk>/cabut/", manage_views.revoke_token, name="revoke_token"),
    path("<slug:org>/pengaturan/", manage_views.site_settings, name="settings"),
]
