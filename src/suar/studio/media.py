"""Image uploads: checked with Pillow, size-limited, re-encoded so EXIF (GPS, camera) is gone."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024  # Instagram and X accept 8 MB / 5 MB; 8 MB is a ceiling we check
MAX_PIXELS = 40_000_000  # decompression-bomb guard, well under Pillow's own limit
MAX_SIDE = 4096
# Pillow format -> (extension, content type). GIF is left out: animated GIFs re-encode badly.
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


@dataclass(frozen=True)
class CleanImage:
    file: ContentFile[bytes]
    width: int
    height: int
    content_type: str
    size: int


def clean_image(upload: UploadedFile) -> CleanImage:
    """Return a re-encoded copy without metadata, or raise ValidationError saying what to do."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(_("The image is larger than 8 MB: please make it smaller."))
    data = upload.read()
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The image is larger than 8 MB: please make it smaller."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        opened = Image.open(io.BytesIO(data))
        fmt = opened.format or ""
        if fmt not in FORMATS:
            raise ValidationError(_("Use a JPEG, PNG or WebP image."))
        if opened.width * opened.height > MAX_PIXELS:
            raise ValidationError(_("The image has too many pixels: please make it smaller."))
        opened.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This file is not an image Suar can read.")) from exc
    # Apply the EXIF rotation before dropping EXIF, or portrait photos turn sideways.
    image: Image.Image = ImageOps.exif_transpose(opened) or opened
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    # A fresh save without exif=/pnginfo= writes no metadata at all.
    image.save(out, format=fmt, **({"quality": 88} if fmt in ("JPEG", "WEBP") else {}))
    ext, content_type = FORMATS[fmt]
    payload = out.getvalue()
    return CleanImage(
        file=ContentFile(payload, name=f"image.{ext}"),
        width=image.width,
        height=image.height,
        content_type=content_type,
        size=len(payload),
    )
