"""Images leave Suar in a form each platform takes: Instagram pulls a JPEG even when the post
has a PNG, TikTok never gets a PNG, and what already fits is sent byte for byte."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from PIL import Image

from suar.publishing.media_fit import fit_image
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.public_media import public_media_url


def png(size: tuple[int, int] = (40, 40), mode: str = "RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (10, 120, 200, 128) if mode == "RGBA" else "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_what_fits_is_left_alone() -> None:
    data = png()
    assert fit_image(data, "image/png", "mastodon") == (data, "image/png")


def test_instagram_and_tiktok_get_a_jpeg_for_a_png() -> None:
    for platform in ("instagram", "tiktok"):
        data, mime = fit_image(png(), "image/png", platform)
        assert mime == "image/jpeg"
        assert Image.open(io.BytesIO(data)).format == "JPEG"


@pytest.mark.django_db
def test_instagram_pulls_a_jpeg_from_the_public_media_url(
    client: Client,
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
    settings: Any,
) -> None:
    (settings.MEDIA_ROOT / "studio" / "real.png").write_bytes(png())
    media = [{**image_file, "path": "studio/real.png"}]
    publication = make_publication(make_account("instagram"), media=media)

    path = urlsplit(public_media_url(publication.pk, 0)).path
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(response.content)).format == "JPEG"


@pytest.mark.django_db
def test_a_damaged_image_is_not_found_rather_than_an_error(
    client: Client,
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    publication = make_publication(make_account("instagram"), media=[image_file])  # broken PNG

    response = client.get(urlsplit(public_media_url(publication.pk, 0)).path)

    assert response.status_code == 404
