"""Story images: checked by their content, size-limited, re-encoded without metadata."""

from __future__ import annotations

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000  # larger images are either mistakes or decompression bombs
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def clean_image(upload: UploadedFile) -> ContentFile[bytes]:
    """A copy of the image without EXIF (location, camera) or other metadata."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(_("The image is larger than 5 MB. Choose a smaller one."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The image is larger than 5 MB. Choose a smaller one."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format or ""
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("This file is not an image Suar can read (JPEG, PNG, WebP, GIF).")
        ) from exc
    if fmt not in FORMATS:
        raise ValidationError(_("Only JPEG, PNG, WebP and GIF images are accepted."))
    if width * height > MAX_PIXELS:
        raise ValidationError(_("The image has too many pixels. Choose a smaller one."))
    with Image.open(io.BytesIO(data)) as image:
        # Apply the camera's rotation before its EXIF block is dropped.
        upright = ImageOps.exif_transpose(image) or image
        if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        # Saving without exif=/pnginfo= writes pixels only: no GPS, no camera, no comments.
        upright.save(out, format=fmt)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[fmt]}")
