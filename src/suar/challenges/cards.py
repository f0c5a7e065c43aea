"""Milestone cards (PNG) for social media: the challenge, the milestone, a name only if chosen."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
Colour = tuple[int, int, int]

SIZE = 1080  # square: fits Instagram, WhatsApp status and X previews
BACKGROUND: Colour = (255, 253, 248)
ACCENT: Colour = (180, 83, 11)
INK: Colour = (31, 35, 40)
MUTED: Colour = (87, 96, 106)


def _font(size: int) -> Font:
    # Pillow's bundled font: no system font needed on the server.
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines[:3]


def _centred(draw: ImageDraw.ImageDraw, y: int, text: str, font: Font, fill: Colour) -> None:
    width = draw.textlength(text, font=font)
    draw.text(((SIZE - width) / 2, y), text, font=font, fill=fill)


def milestone_card(
    *, challenge_title: str, days_line: str, caption: str, name: str | None, brand: str = "Suar"
) -> bytes:
    """The card as PNG bytes; `days_line` and `caption` come translated from the caller."""
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([(0, 0), (SIZE, 24)], fill=ACCENT)
    draw.rectangle([(0, SIZE - 24), (SIZE, SIZE)], fill=ACCENT)
    title_font, big_font, text_font = _font(64), _font(150), _font(48)
    y = 170
    for line in _wrap(draw, challenge_title, title_font, SIZE - 160):
        _centred(draw, y, line, title_font, INK)
        y += 84
    _centred(draw, 430, days_line, big_font, ACCENT)
    y = 640
    for line in _wrap(draw, caption, text_font, SIZE - 120)[:2]:
        _centred(draw, y, line, text_font, INK)
        y += 64
    if name:
        _centred(draw, y + 30, name, text_font, MUTED)
    _centred(draw, SIZE - 150, brand, _font(56), ACCENT)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
