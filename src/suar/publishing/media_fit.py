"""Images made to fit a platform's media rules on the way out: another format where the
platform takes only some (Instagram: JPEG), smaller where it caps the size (Bluesky: 1 MB)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from suar.publishing.limits import limits_for

# Re-encoding steps tried in order until the file fits: JPEG quality, then longest side.
QUALITIES = (88, 80, 70, 60)
SIDES = (4096, 3072, 2048, 1600, 1200, 800)


class CannotFit(ValueError):
    """The image cannot be made to fit (it is not an image Pillow can read)."""


def _encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        # Transparency has no place in a JPEG: lay it on white, as the platforms would.
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.save(out, format=fmt, quality=quality)
    return out.getvalue()


def fit_image(data: bytes, mime: str, platform: str) -> tuple[bytes, str]:
    """(bytes, mime) the platform accepts: the file unchanged when it already fits."""
    limits = limits_for(platform)
    cap = limits.max_image_bytes
    if mime in limits.image_types and (cap is None or len(data) <= cap):
        return data, mime
    target = "image/jpeg" if "image/jpeg" in limits.image_types else sorted(limits.image_types)[0]
    fmt = {"image/jpeg": "JPEG", "image/webp": "WEBP", "image/png": "PNG"}.get(target, "JPEG")
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = opened.copy()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        # Pillow reports a damaged file with any of these.
        raise CannotFit("not an image Suar can read") from exc
    for side in SIDES:
        if max(image.size) > side:
            image.thumbnail((side, side))
        for quality in QUALITIES:
            encoded = _encode(image, fmt, quality)
            if cap is None or len(encoded) <= cap:
                return encoded, target
    raise CannotFit(f"the image stays over {cap} bytes even at {SIDES[-1]} px")


def fit_file(path: Path, mime: str, platform: str) -> tuple[bytes, str]:
    return fit_image(path.read_bytes(), mime, platform)
