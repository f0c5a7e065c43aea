"""Each platform's documented posting limits in one table, and how each platform counts length."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class PlatformLimits:
    key: str
    name: str
    max_chars: int
    max_hashtags: int | None
    max_links: int | None
    url_counts_as: int | None  # a URL counts as this many characters whatever its length
    max_images: int
    max_videos: int
    alt_text: bool
    alt_text_max: int | None
    requires_media: bool
    source_url: str  # where the limit is documented
    # Extra facts the checks need; defaults keep the contract's constructor valid.
    mixes_images_and_video: bool = False
    counting: str = "graphemes"  # graphemes | x_weighted | utf16 | codepoints
    # Media rules. Images of another type or over the size are re-encoded by Suar before
    # they are sent (publishing.media_fit), so they never block scheduling; an aspect ratio
    # out of range or a video of another type cannot be fixed without the person, so they do.
    image_types: frozenset[str] = frozenset({"image/jpeg", "image/png", "image/webp"})
    max_image_bytes: int | None = None
    aspect_ratio: tuple[float, float] | None = None  # width / height, inclusive
    video_types: frozenset[str] = frozenset({"video/mp4", "video/quicktime", "video/webm"})


JPEG_PNG_WEBP = frozenset({"image/jpeg", "image/png", "image/webp"})
MP4_MOV = frozenset({"video/mp4", "video/quicktime"})


PLATFORM_LIMITS: dict[str, PlatformLimits] = {
    # Default server limit; an instance may raise it (its /api/v2/instance says so). URLs
    # count as 23 whatever their length (configuration.statuses.characters_reserved_per_url).
    "mastodon": PlatformLimits(
        key="mastodon",
        name="Mastodon",
        max_chars=500,
        max_hashtags=None,
        max_links=None,
        url_counts_as=23,
        max_images=4,
        max_videos=1,
        alt_text=True,
        alt_text_max=1500,
        requires_media=False,
        source_url="https://docs.joinmastodon.org/entities/Instance/#statuses",
        # configuration.media_attachments: image_size_limit 16 MB on a default server.
        max_image_bytes=16 * 1024 * 1024,
        image_types=JPEG_PNG_WEBP | {"image/gif"},
    ),
    # app.bsky.feed.post: text maxGraphemes 300; app.bsky.embed.images: at most 4 images.
    "bluesky": PlatformLimits(
        key="bluesky",
        name="Bluesky",
        max_chars=300,
        max_hashtags=None,
        max_links=None,
        url_counts_as=None,
        max_images=4,
        max_videos=1,
        alt_text=True,
        alt_text_max=2000,  # the Bluesky app's limit; the lexicon sets none
        requires_media=False,
        source_url="https://docs.bsky.app/docs/advanced-guides/post-richtext",
        # app.bsky.embed.images#image: image blob accept image/*, maxSize 1,000,000 bytes;
        # app.bsky.embed.video: video/mp4.
        max_image_bytes=1_000_000,
        video_types=frozenset({"video/mp4"}),
    ),
    # twitter-text v3: 280 weighted characters, CJK and emoji weigh 2, every URL counts 23.
    "x": PlatformLimits(
        key="x",
        name="X",
        max_chars=280,
        max_hashtags=None,
        max_links=None,
        url_counts_as=23,
        max_images=4,
        max_videos=1,
        alt_text=True,
        alt_text_max=1000,
        requires_media=False,
        source_url="https://docs.x.com/resources/fundamentals/counting-characters",
        counting="x_weighted",
        # docs.x.com media best practices: images up to 5 MB (JPEG, PNG, WebP, GIF).
        max_image_bytes=5 * 1024 * 1024,
        image_types=JPEG_PNG_WEBP | {"image/gif"},
        video_types=MP4_MOV,
    ),
    "facebook": PlatformLimits(
        key="facebook",
        name="Facebook",
        max_chars=63206,
        max_hashtags=None,
        max_links=None,
        url_counts_as=None,
        max_images=10,
        max_videos=1,
        alt_text=True,  # Page photos accept alt_text_custom
        alt_text_max=None,
        requires_media=False,
        source_url="https://developers.facebook.com/docs/graph-api/reference/page/feed/",
        counting="codepoints",
        # Page photos: JPEG, PNG, GIF, TIFF, HEIF or WebP, under 4 MB.
        max_image_bytes=4 * 1024 * 1024,
        image_types=JPEG_PNG_WEBP | {"image/gif", "image/tiff", "image/heif"},
    ),
    # Captions: 2,200 characters, 30 hashtags; carousels of up to 10 items; alt_text on
    # image containers since 2025-03-24. Links in captions are not clickable.
    "instagram": PlatformLimits(
        key="instagram",
        name="Instagram",
        max_chars=2200,
        max_hashtags=30,
        max_links=None,
        url_counts_as=None,
        max_images=10,
        max_videos=1,
        alt_text=True,
        alt_text_max=None,
        requires_media=True,
        source_url=(
            "https://developers.facebook.com/docs/instagram-platform/"
            "instagram-graph-api/reference/ig-user/media"
        ),
        mixes_images_and_video=True,
        counting="codepoints",
        # ig-user/media: image_url must be a JPEG of at most 8 MB, aspect ratio from 4:5 to
        # 1.91:1; REELS/VIDEO: MP4 or MOV.
        image_types=frozenset({"image/jpeg"}),
        max_image_bytes=8 * 1024 * 1024,
        aspect_ratio=(0.8, 1.91),
        video_types=MP4_MOV,
    ),
    # Direct Post: video title up to 2,200 UTF-16 code units; photo posts up to 35 images.
    # No alt text field; text-only posts are impossible.
    "tiktok": PlatformLimits(
        key="tiktok",
        name="TikTok",
        max_chars=2200,
        max_hashtags=None,
        max_links=None,
        url_counts_as=None,
        max_images=35,
        max_videos=1,
        alt_text=False,
        alt_text_max=None,
        requires_media=True,
        source_url="https://developers.tiktok.com/doc/content-posting-api-reference-direct-post",
        counting="utf16",
        # Photo posts: JPEG or WebP, at most 20 MB each; videos MP4, WebM or MOV.
        image_types=frozenset({"image/jpeg", "image/webp"}),
        max_image_bytes=20 * 1024 * 1024,
    ),
    # A ready-to-post bundle for accounts without API access: generous, not unlimited.
    "export": PlatformLimits(
        key="export",
        name="Export bundle",
        max_chars=100_000,
        max_hashtags=None,
        max_links=None,
        url_counts_as=None,
        max_images=20,
        max_videos=5,
        alt_text=True,
        alt_text_max=None,
        requires_media=False,
        source_url="docs/publishing.md",
        mixes_images_and_video=True,
    ),
}

URL_RE = re.compile(r"https?://[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]", re.IGNORECASE)
HASHTAG_RE = re.compile(r"(?<![\w#&/])#(\w*[^\W\d_]\w*)")
# Mastodon counts a remote mention @user@domain as "@user".
_MENTION_DOMAIN_RE = re.compile(r"(@\w+)@[\w.-]+\w")

# twitter-text v3 ranges that weigh 1 (everything else weighs 2).
_X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_ZWJ = "\u200d"
_REGIONAL = range(0x1F1E6, 0x1F200)
_SKIN = range(0x1F3FB, 0x1F400)
_TAGS = range(0xE0020, 0xE0080)


def graphemes(text: str) -> list[str]:
    """Split into user-perceived characters (an approximation of UAX #29 good enough for
    counting: combining marks, variation selectors, skin tones, ZWJ sequences, flags)."""
    clusters: list[str] = []
    joined = False
    for char in text:
        code = ord(char)
        extends = (
            unicodedata.combining(char) != 0
            or unicodedata.category(char) in {"Mn", "Me", "Mc"}
            or 0xFE00 <= code <= 0xFE0F
            or code in _SKIN
            or code in _TAGS
            or char == _ZWJ
        )
        flag_pair = (
            code in _REGIONAL
            and clusters
            and len(clusters[-1]) == 1
            and ord(clusters[-1]) in _REGIONAL
        )
        if clusters and (extends or joined or flag_pair):
            clusters[-1] += char
        else:
            clusters.append(char)
        joined = char == _ZWJ
    return clusters


def _x_weight(cluster: str) -> int:
    code = ord(cluster[0])
    if len(cluster) > 1 and unicodedata.category(cluster[1]) not in {"Mn", "Me", "Mc"}:
        return 2  # an emoji sequence
    return 1 if any(lo <= code <= hi for lo, hi in _X_LIGHT_RANGES) else 2


def limits_for(platform: str) -> PlatformLimits:
    try:
        return PLATFORM_LIMITS[platform]
    except KeyError:
        raise ValueError(f"unknown platform {platform!r}") from None


def measure(text: str, platform: str) -> int:
    """The text's length the way the platform counts it against `max_chars`."""
    limits = limits_for(platform)
    text = unicodedata.normalize("NFC", text)
    urls = 0
    if limits.url_counts_as is not None:
        text, urls = URL_RE.subn("", text)
    if platform == "mastodon":
        text = _MENTION_DOMAIN_RE.sub(r"\1", text)
    url_length = urls * (limits.url_counts_as or 0)
    if limits.counting == "x_weighted":
        return url_length + sum(_x_weight(cluster) for cluster in graphemes(text))
    if limits.counting == "utf16":
        return url_length + len(text.encode("utf-16-le")) // 2
    if limits.counting == "codepoints":
        return url_length + len(text)
    return url_length + len(graphemes(text))


def hashtags(text: str) -> list[str]:
    return HASHTAG_RE.findall(text)


def links(text: str) -> list[str]:
    return URL_RE.findall(text)


def check_variant(
    text: str,
    platform: str,
    *,
    images: int = 0,
    videos: int = 0,
    alt_texts: list[str] | None = None,
    max_chars: int | None = None,
    media: list[dict[str, Any]] | None = None,
) -> list[str]:
    """Human-readable problems that would make the platform refuse (or mangle) this post.

    `max_chars` overrides the platform default for one account (a Mastodon server's limit);
    `media` items ({mime, width, height, ...}) are checked against the platform's media rules.
    """
    limits = limits_for(platform)
    problems: list[str] = []
    values = {"platform": limits.name}
    length = measure(text, platform)
    limit = max_chars or limits.max_chars
    if not text.strip() and not (images or videos):
        problems.append(_("The text is empty."))
    if length > limit:
        problems.append(
            _("Too long for %(platform)s: %(count)d of %(limit)d characters.")
            % {**values, "count": length, "limit": limit}
        )
    tags = len(hashtags(text))
    if limits.max_hashtags is not None and tags > limits.max_hashtags:
        problems.append(
            _("Too many hashtags for %(platform)s: %(count)d, at most %(limit)d.")
            % {**values, "count": tags, "limit": limits.max_hashtags}
        )
    url_count = len(links(text))
    if limits.max_links is not None and url_count > limits.max_links:
        problems.append(
            _("Too many links for %(platform)s: %(count)d, at most %(limit)d.")
            % {**values, "count": url_count, "limit": limits.max_links}
        )
    if limits.requires_media and not (images or videos):
        problems.append(_("%(platform)s needs an image or a video.") % values)
    if images > limits.max_images:
        problems.append(
            _("Too many images for %(platform)s: %(count)d, at most %(limit)d.")
            % {**values, "count": images, "limit": limits.max_images}
        )
    if videos > limits.max_videos:
        problems.append(
            _("Too many videos for %(platform)s: %(count)d, at most %(limit)d.")
            % {**values, "count": videos, "limit": limits.max_videos}
        )
    if images and videos and not limits.mixes_images_and_video:
        problems.append(_("%(platform)s cannot post images and a video together.") % values)
    problems.extend(_check_alt_texts(limits, images, alt_texts))
    problems.extend(check_media(limits, media or []))
    return problems


def check_media(limits: PlatformLimits, media: list[dict[str, Any]]) -> list[str]:
    """What the person must change in the media themselves (see PlatformLimits: types and
    sizes of images are fixed by Suar on the way out)."""
    problems: list[str] = []
    for number, item in enumerate(media, start=1):
        mime = str(item.get("mime", ""))
        values = {"number": number, "platform": limits.name}
        if mime.startswith("video/") and mime not in limits.video_types:
            kinds = ", ".join(sorted(t.split("/")[1].upper() for t in limits.video_types))
            problems.append(
                _("Media %(number)d: %(platform)s accepts these videos only: %(kinds)s.")
                % {**values, "kinds": kinds.replace("QUICKTIME", "MOV")}
            )
        elif not mime.startswith(("image/", "video/")):
            problems.append(
                _("Media %(number)d is neither an image nor a video: %(platform)s cannot post it.")
                % values
            )
        width, height = int(item.get("width") or 0), int(item.get("height") or 0)
        if mime.startswith("image/") and limits.aspect_ratio and width and height:
            low, high = limits.aspect_ratio
            if not low <= width / height <= high:
                problems.append(
                    _(
                        "Image %(number)d is %(width)dx%(height)d px: %(platform)s accepts images "
                        "from 4:5 (portrait) to 1.91:1 (landscape). Crop it."
                    )
                    % {**values, "width": width, "height": height}
                )
    return problems


def _check_alt_texts(limits: PlatformLimits, images: int, alt_texts: list[str] | None) -> list[str]:
    # Suar asks for alt text on every image, even where the platform has no field for it:
    # the export bundle and the text itself can carry the description.
    if not images:
        return []
    given = list(alt_texts or [])
    problems: list[str] = []
    missing = [n for n in range(1, images + 1) if n > len(given) or not given[n - 1].strip()]
    if missing:
        problems.append(
            _("Image %(number)d has no alt text: describe it for people who cannot see it.")
            % {"number": missing[0]}
        )
    if limits.alt_text_max is not None:
        for number, alt in enumerate(given, start=1):
            if len(alt) > limits.alt_text_max:
                problems.append(
                    _(
                        "The alt text of image %(number)d is too long for %(platform)s: "
                        "%(count)d of %(limit)d characters."
                    )
                    % {
                        "number": number,
                        "platform": limits.name,
                        "count": len(alt),
                        "limit": limits.alt_text_max,
                    }
                )
    return problems
