"""Signed, expiring URLs through which Instagram and TikTok fetch a publication's media.

Studio media are private; these platforms pull files from a public URL, so each file gets a
link that works only for a publication that is due or published, and only for a day.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "suar.publishing.media"
MAX_AGE = 24 * 3600


def media_token(publication_id: int, index: int) -> str:
    return signing.dumps([publication_id, index], salt=SALT, compress=True)


def read_media_token(token: str) -> tuple[int, int]:
    """(publication id, media index); raises signing.BadSignature when forged or expired."""
    publication_id, index = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    return int(publication_id), int(index)


def public_media_url(publication_id: int, index: int) -> str:
    path = reverse("publishing:public_media", args=[media_token(publication_id, index)])
    return f"{settings.SITE_URL}{path}"
