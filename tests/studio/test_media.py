"""Image uploads: alt text required, only real images, EXIF stripped."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from suar.studio import services
from suar.studio.models import PostMedia

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "orange")
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x8825] = {2: (6.0, 10.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_upload_keeps_the_image_and_drops_exif(login_as, writer, make_post) -> None:
    post = make_post()
    upload = SimpleUploadedFile("foto.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    login_as(writer).post(
        f"/studio/pos/{post.pk}/gambar/", {"image": upload, "alt_text": "Matahari terbit di pantai"}
    )
    media = PostMedia.objects.get()
    assert media.alt_text == "Matahari terbit di pantai" and media.width == 64
    with Image.open(media.image.path) as stored:
        assert not stored.getexif()
    assert b"KameraRahasia" not in media.image.open("rb").read()


def test_image_without_alt_text_is_refused(login_as, writer, make_post) -> None:
    post = make_post()
    upload = SimpleUploadedFile("foto.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    client = login_as(writer)
    client.cookies["suar_language"] = "en"
    response = client.post(
        f"/studio/pos/{post.pk}/gambar/", {"image": upload, "alt_text": " "}, follow=True
    )
    assert not PostMedia.objects.exists()
    assert "This field is required." in response.content.decode()


def test_a_file_that_is_not_an_image_is_refused(login_as, writer, make_post) -> None:
    post = make_post()
    upload = SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg")
    login_as(writer).post(f"/studio/pos/{post.pk}/gambar/", {"image": upload, "alt_text": "x"})
    assert not PostMedia.objects.exists()


def test_images_are_served_only_to_the_team(client, login_as, writer, member, make_post) -> None:
    post = make_post()
    upload = SimpleUploadedFile("foto.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    team = login_as(writer)
    team.post(f"/studio/pos/{post.pk}/gambar/", {"image": upload, "alt_text": "Pantai"})
    url = f"/studio/gambar/{PostMedia.objects.get().pk}/"
    assert team.get(url).status_code == 200
    assert login_as(member).get(url).status_code == 403


def test_image_over_8_mb_is_refused(writer, make_post) -> None:
    upload = SimpleUploadedFile("big.jpg", b"0" * (8 * 1024 * 1024 + 1), content_type="image/jpeg")
    with pytest.raises(ValidationError, match="larger than 8 MB"):
        services.add_media(actor=writer, post=make_post(), upload=upload, alt_text="Besar")
