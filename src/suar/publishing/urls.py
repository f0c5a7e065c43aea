"""URLs of the publishing app, under /publikasi/."""

from django.urls import URLPattern, URLResolver, path

from suar.publishing import views

app_name = "publishing"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("sambung/<slug:platform>/", views.connect, name="connect"),
    path("sambung/<slug:platform>/kembali/", views.callback, name="callback"),
    path("akun/<int:pk>/putuskan/", views.disconnect, name="disconnect"),
    path("<int:pk>/coba-lagi/", views.retry, name="retry"),
    path("<int:pk>/batal/", views.cancel, name="cancel"),
    path("<int:pk>/ekspor/", views.export_bundle, name="export_bundle"),
    path("media/<str:token>/", views.public_media, name="public_media"),
    # atproto OAuth: the client_id is this document's URL (oauth_bluesky.METADATA_PATH).
    path(
        "oauth/bluesky/client-metadata.json",
        views.bluesky_client_metadata,
        name="bluesky_client_metadata",
    ),
    path("oauth/bluesky/jwks.json", views.bluesky_jwks, name="bluesky_jwks"),
]
