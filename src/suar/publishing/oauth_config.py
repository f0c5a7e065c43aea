"""The OAuth apps the operator registers with each platform, read from the environment."""

from __future__ import annotations

import os

from django.conf import settings

# Environment variable names per platform: (client id, client secret).
ENV = {
    "x": ("SUAR_X_CLIENT_ID", "SUAR_X_CLIENT_SECRET"),
    "facebook": ("SUAR_FACEBOOK_APP_ID", "SUAR_FACEBOOK_APP_SECRET"),
    "instagram": ("SUAR_FACEBOOK_APP_ID", "SUAR_FACEBOOK_APP_SECRET"),
    "tiktok": ("SUAR_TIKTOK_CLIENT_KEY", "SUAR_TIKTOK_CLIENT_SECRET"),
}


def client_credentials(platform: str) -> tuple[str, str]:
    id_name, secret_name = ENV[platform]
    return os.environ.get(id_name, "").strip(), os.environ.get(secret_name, "").strip()


def is_configured(platform: str) -> bool:
    if platform in ("mastodon", "bluesky", "export"):
        return True  # Mastodon apps are registered per server on the fly; no app for the rest
    client_id, client_secret = client_credentials(platform)
    return bool(client_id and client_secret) or (platform == "x" and bool(client_id))


def redirect_uri(platform: str) -> str:
    return f"{settings.SITE_URL}/publikasi/sambung/{platform}/kembali/"
