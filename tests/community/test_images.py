"""Story images: alt text required, checked by content, size-limited, EXIF removed."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from suar.community.models import Story
from tests.community.factories import make_group, make_person

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # camera make
    exif[0x8825] = {2: (6.0, 10.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def _post(client, organisation, **files):  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri")
    make_group(organisation, members=(putri,))
    client.force_login(putri, backend="django.contrib.auth.backends.ModelBackend")
    data = {"title": "Foto pagi", "body": "Pagi yang tenang.", "visibility": "group", "token": "i1"}
    return client.post(
        reverse("community:story_create", args=["pulih", "pulih-bersama"]), {**data, **files}
    )


def test_an_image_is_saved_without_its_exif_and_served_with_its_alt_text(
    client, organisation
) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("pagi.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    response = _post(client, organisation, image=upload, image_alt="Matahari terbit")
    assert response.status_code == 302
    story = Story.objects.get()
    with story.image.open("rb") as handle:
        saved = handle.read()
    assert b"KameraRahasia" not in saved
    assert not Image.open(io.BytesIO(saved)).getexif()
    page = client.get(response["Location"]).content.decode()
    assert 'alt="Matahari terbit"' in page
    assert client.get(reverse("community:story_image", args=[story.pk])).status_code == 200


def test_an_image_without_alt_text_is_refused_with_a_message(client, organisation) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("pagi.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    response = _post(client, organisation, image=upload)
    assert response.status_code == 422 and "errorlist" in response.content.decode()
    assert "Pagi yang tenang." in response.content.decode()
    assert not Story.objects.exists()


def test_a_file_that_only_pretends_to_be_an_image_is_refused(client, organisation) -> None:  # type: ignore[no-untyped-def]
    fake = SimpleUploadedFile("foto.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = _post(client, organisation, image=fake, image_alt="Foto")
    assert response.status_code == 422 and "errorlist" in response.content.decode()
    assert not Story.objects.exists()


def test_an_oversized_image_is_refused(client, organisation) -> None:  # type: ignore[no-untyped-def]
    big = SimpleUploadedFile("besar.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 10))
    response = _post(client, organisation, image=big, image_alt="Besar")
    assert response.status_code == 422 and "5 MB" in response.content.decode()
