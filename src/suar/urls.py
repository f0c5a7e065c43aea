"""Suar's URL map."""

from django.contrib import admin
from django.urls import include, path

from suar.api import api

handler403 = "suar.core.views.permission_denied"
handler404 = "suar.core.views.page_not_found"
handler500 = "suar.core.views.server_error"

urlpatterns = [
    path("", include("suar.core.urls")),
    path("akun/", include("suar.accounts.urls")),
    path("komunitas/", include("suar.community.urls")),
    path("tanya-jawab/", include("suar.qa.urls")),
    path("tantangan/", include("suar.challenges.urls")),
    path("polling/", include("suar.polls.urls")),
    path("moderasi/", include("suar.moderation.urls")),
    path("studio/", include("suar.studio.urls")),
    path("publikasi/", include("suar.publishing.urls")),
    path("kampanye/", include("suar.campaigns.urls")),
    path("bantuan/", include("suar.help.urls")),
    path("dampak/", include("suar.analytics.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
