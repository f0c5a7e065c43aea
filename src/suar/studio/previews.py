"""Server-rendered previews that imitate how each platform shows a post in its feed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from suar.publishing.limits import HASHTAG_RE, PLATFORM_LIMITS, URL_RE, check_variant, measure

# How much of a caption the feed shows before "more" (observed in each app's feed; the
# platforms do not document it): Instagram ~125 characters, Facebook ~480, TikTok ~100.
FEED_FOLD = {"instagram": 125, "facebook": 480, "tiktok": 100}
# Platforms that turn the first link into a card under the text.
LINK_CARD = frozenset({"mastodon", "bluesky", "facebook", "x"})
# Instagram and TikTok captions do not make links clickable.
PLAIN_LINKS = frozenset({"instagram", "tiktok"})
_TOKEN_RE = re.compile(f"(?P<link>{URL_RE.pattern})|(?P<tag>{HASHTAG_RE.pattern})", re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    kind: str  # "text", "tag", "link"
    text: str
    href: str = ""


@dataclass(frozen=True)
class PreviewImage:
    url: str
    alt_text: str


@dataclass
class Preview:
    platform: str
    name: str
    handle: str
    length: int
    max_chars: int
    visible: list[Segment] = field(default_factory=list)
    folded: list[Segment] = field(default_factory=list)  # behind "more"
    overflow: str = ""  # past the hard limit: the platform refuses it
    link_card: str = ""  # domain of the first link, when the platform shows a card
    images: list[PreviewImage] = field(default_factory=list)
    alt_text_supported: bool = True
    problems: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        return self.max_chars - self.length


def _display_link(url: str, platform: str) -> str:
    # X and Mastodon show links without the scheme, cut to about 23-30 characters.
    if platform in ("x", "mastodon", "bluesky"):
        bare = url.split("://", 1)[-1]
        return bare if len(bare) <= 30 else bare[:29] + "…"
    return url


def segments(text: str, platform: str) -> list[Segment]:
    out: list[Segment] = []
    at = 0
    for match in _TOKEN_RE.finditer(text):
        if match.start() > at:
            out.append(Segment("text", text[at : match.start()]))
        if match.group("link"):
            url = match.group("link")
            if platform in PLAIN_LINKS:
                out.append(Segment("text", url))
            else:
                out.append(Segment("link", _display_link(url, platform), href=url))
        else:
            out.append(Segment("tag", match.group(0)))
        at = match.end()
    if at < len(text):
        out.append(Segment("text", text[at:]))
    return out


def _fits(text: str, platform: str, limit: int) -> int:
    """The longest prefix length (in characters) whose platform length is within `limit`."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid], platform) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


def build_preview(
    platform: str,
    text: str,
    *,
    handle: str = "",
    images: list[PreviewImage] | None = None,
) -> Preview:
    limits = PLATFORM_LIMITS[platform]
    images = list(images or [])
    length = measure(text, platform)
    shown, overflow = text, ""
    if length > limits.max_chars:
        cut = _fits(text, platform, limits.max_chars)
        shown, overflow = text[:cut], text[cut:]
    fold = FEED_FOLD.get(platform)
    visible_text, folded_text = shown, ""
    if fold is not None and len(shown) > fold:
        # Fold at a word boundary, as the apps do.
        cut = shown.rfind(" ", 0, fold)
        cut = cut if cut > fold // 2 else fold
        visible_text, folded_text = shown[:cut], shown[cut:]
    links = URL_RE.findall(text)
    card = ""
    if links and platform in LINK_CARD and not images:
        card = urlsplit(links[0]).netloc
    return Preview(
        platform=platform,
        name=limits.name,
        handle=handle,
        length=length,
        max_chars=limits.max_chars,
        visible=segments(visible_text, platform),
        folded=segments(folded_text, platform),
        overflow=overflow,
        link_card=card,
        images=images[: limits.max_images],
        alt_text_supported=limits.alt_text,
        problems=check_variant(
            text, platform, images=len(images), alt_texts=[i.alt_text for i in images]
        ),
    )
