"""Each platform's length counting and the checks the Studio shows before scheduling."""

from __future__ import annotations

from suar.publishing.limits import PLATFORM_LIMITS, check_variant, measure


def test_every_platform_has_a_documented_source() -> None:
    assert set(PLATFORM_LIMITS) == {
        "mastodon",
        "bluesky",
        "x",
        "facebook",
        "instagram",
        "tiktok",
        "export",
    }
    assert all(limits.source_url for limits in PLATFORM_LIMITS.values())


def test_x_counts_urls_as_23_and_emoji_and_cjk_as_2() -> None:
    text = "hello https://example.com/a/very/long/path/indeed 👍🏽 日本"
    assert measure(text, "x") == 6 + 23 + 1 + 2 + 1 + 4


def test_mastodon_counts_urls_as_23_and_remote_mentions_without_domain() -> None:
    assert measure("Halo @budi@mastodon.social https://a.example/x", "mastodon") == 11 + 23


def test_bluesky_counts_graphemes() -> None:
    assert measure("🇮🇩 é👨‍👩‍👧", "bluesky") == 4
    assert measure("a" * 300, "bluesky") == 300


def test_tiktok_counts_utf16_code_units() -> None:
    assert measure("😀", "tiktok") == 2


def test_too_long_text_is_reported_with_counts() -> None:
    problems = check_variant("a" * 281, "x")
    assert problems == ["Too long for X: 281 of 280 characters."]


def test_instagram_needs_media_and_at_most_30_hashtags() -> None:
    text = " ".join(f"#tag{n}" for n in range(31))
    problems = check_variant(text, "instagram")
    assert "Too many hashtags for Instagram: 31, at most 30." in problems
    assert "Instagram needs an image or a video." in problems


def test_images_need_alt_text_and_respect_the_count() -> None:
    problems = check_variant("ok", "bluesky", images=5, alt_texts=["a", "", "c", "d", "e"])
    assert "Too many images for Bluesky: 5, at most 4." in problems
    assert "Image 2 has no alt text: describe it for people who cannot see it." in problems


def test_a_fitting_post_has_no_problems() -> None:
    assert check_variant("Kamu tidak sendiri. #pulih", "mastodon", images=1, alt_texts=["x"]) == []


def test_media_rules_stop_what_suar_cannot_fix_itself() -> None:
    tall = {"mime": "image/jpeg", "width": 1080, "height": 1920, "alt_text": "x"}
    square = {"mime": "image/png", "width": 1080, "height": 1080, "alt_text": "x"}
    webm = {"mime": "video/webm"}
    assert check_variant("ok", "instagram", images=1, alt_texts=["x"], media=[square]) == []
    assert check_variant("ok", "instagram", images=1, alt_texts=["x"], media=[tall]) == [
        "Image 1 is 1080x1920 px: Instagram accepts images from 4:5 (portrait) to 1.91:1 "
        "(landscape). Crop it."
    ]
    assert check_variant("ok", "tiktok", videos=1, media=[webm]) == []
    assert check_variant("ok", "instagram", videos=1, media=[webm]) == [
        "Media 1: Instagram accepts these videos only: MP4, MOV."
    ]
    assert check_variant("ok", "bluesky", media=[{"mime": "application/pdf"}]) == [
        "Media 1 is neither an image nor a video: Bluesky cannot post it."
    ]
