"""Platform previews: counted the platform's way, folded and cut where the platform does."""

from __future__ import annotations

from suar.studio.previews import PreviewImage, build_preview


def test_x_counts_links_as_23_and_marks_the_overflow() -> None:
    text = "a" * 270 + " https://example.org/a/very/long/path/that/keeps/going"
    preview = build_preview("x", text)
    assert preview.length == 270 + 1 + 23
    assert preview.remaining == -14
    assert preview.overflow  # shown in red: X refuses the post
    assert any("Too long for X" in p for p in preview.problems)


def test_bluesky_counts_graphemes() -> None:
    preview = build_preview("bluesky", "Semangat 👍🏽 ya")
    assert preview.length == len("Semangat ") + 1 + len(" ya")


def test_instagram_folds_after_125_characters_and_needs_media() -> None:
    text = ("Kamu hebat sudah bertahan sejauh ini. " * 6).strip()
    preview = build_preview("instagram", text)
    assert preview.folded
    assert sum(len(s.text) for s in preview.visible) <= 125
    assert "Instagram needs an image or a video." in preview.problems


def test_hashtags_and_links_become_segments() -> None:
    preview = build_preview("mastodon", "Baca ini https://suar.example/l/abc #PulihBersama")
    kinds = [(s.kind, s.text) for s in preview.visible]
    assert ("link", "suar.example/l/abc") in kinds
    assert ("tag", "#PulihBersama") in kinds
    assert preview.link_card == "suar.example"


def test_instagram_links_are_plain_text() -> None:
    preview = build_preview("instagram", "Info https://suar.example/x")
    assert all(s.kind != "link" for s in preview.visible)


def test_image_without_alt_text_is_a_problem_and_tiktok_has_no_alt_field() -> None:
    preview = build_preview("mastodon", "Halo", images=[PreviewImage("/i.jpg", "")])
    assert any("no alt text" in p for p in preview.problems)
    tiktok = build_preview("tiktok", "Halo", images=[PreviewImage("/i.jpg", "Pantai")])
    assert not tiktok.alt_text_supported and not tiktok.problems
