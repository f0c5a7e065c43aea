"""New accounts' links wait for a moderator; floods and repeats are throttled; crisis passes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from suar.accounts.models import User
from suar.community.models import Status
from suar.community.services import submit_reply, submit_story
from suar.moderation import trust
from suar.moderation.models import QueueItem
from tests.community.factories import make_person, make_story
from tests.moderation.conftest import CRISIS_TEXT

pytestmark = pytest.mark.django_db

LINK = "Aku nemu tulisan bagus soal tidur: https://contoh.example.com/tidur"


def _trusted(author, group) -> None:  # type: ignore[no-untyped-def]
    """Three published stories from last week: no longer a new account."""
    for i in range(3):
        make_story(group, author, title=f"Lama {i}", body=f"Cerita lama nomor {i}")
    from suar.community.models import Story

    Story.objects.filter(author=author).update(created_at=timezone.now() - timedelta(days=7))


def _newcomer(organisation, group):  # type: ignore[no-untyped-def]
    person = make_person(organisation, "baru")
    group.members.add(person)
    return person


def test_a_new_accounts_first_post_with_a_link_is_held(organisation, group) -> None:  # type: ignore[no-untyped-def]
    newcomer = _newcomer(organisation, group)
    submission = submit_story(author=newcomer, group=group, title="Tautan", body=LINK)
    assert submission.item is not None and submission.item.status == Status.HELD
    entry = QueueItem.objects.get()
    assert entry.category == "spam"
    plain = submit_story(author=newcomer, group=group, title="Tanpa", body="Hari ini cerah sekali.")
    assert plain.item is not None and plain.item.status == Status.PUBLISHED


def test_a_trusted_member_posts_links_freely(author, group) -> None:  # type: ignore[no-untyped-def]
    _trusted(author, group)
    submission = submit_story(author=author, group=group, title="Tautan", body=LINK)
    assert submission.item is not None and submission.item.status == Status.PUBLISHED


def test_the_same_text_again_is_throttled_but_short_kind_words_are_not(
    author, group, reader
) -> None:  # type: ignore[no-untyped-def]
    _trusted(author, group)
    body = "Jual followers murah meriah, hubungi aku sekarang juga ya kakak semua"
    submit_story(author=author, group=group, title="Satu", body=body)
    with pytest.raises(ValidationError, match="already posted exactly this"):
        submit_story(author=author, group=group, title="Dua", body=body.upper() + "  ")
    story = make_story(group, reader)
    submit_reply(author=author, story=story, body="Peluk!")
    assert submit_reply(author=author, story=story, body="Peluk!").item is not None


def test_a_flood_is_throttled_with_the_time_to_wait(author, group, reader) -> None:  # type: ignore[no-untyped-def]
    _trusted(author, group)
    story = make_story(group, reader)
    for i in range(trust.BURST_POSTS):
        submit_reply(author=author, story=story, body=f"Balasan nomor {i} untukmu")
    with pytest.raises(ValidationError, match=r"post again in about \d+ minute"):
        submit_reply(author=author, story=story, body="Satu lagi ya")


def test_new_accounts_have_a_daily_limit(organisation, group) -> None:  # type: ignore[no-untyped-def]
    newcomer = _newcomer(organisation, group)
    for i in range(trust.NEW_DAILY["story"]):
        submit_story(author=newcomer, group=group, title=f"Cerita {i}", body=f"Isi cerita ke {i}.")
        # Spread out so that the burst rule is not the one that fires.
        from suar.community.models import Story

        Story.objects.filter(author=newcomer).update(created_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="New accounts can post a few times"):
        submit_story(author=newcomer, group=group, title="Lagi", body="Satu cerita lagi.")
    User.objects.filter(pk=newcomer.pk).update(date_joined=timezone.now() - timedelta(days=2))
    newcomer.refresh_from_db()
    assert submit_story(author=newcomer, group=group, title="Lagi", body="Satu cerita lagi.").item


def test_crisis_is_never_throttled(organisation, group) -> None:  # type: ignore[no-untyped-def]
    newcomer = _newcomer(organisation, group)
    first = submit_story(author=newcomer, group=group, title="Tolong", body=CRISIS_TEXT)
    again = submit_story(author=newcomer, group=group, title="Tolong lagi", body=CRISIS_TEXT)
    assert first.item and again.item and again.item.status == Status.CRISIS_REVIEW


def test_moderators_are_not_throttled(organisation, group, moderator) -> None:  # type: ignore[no-untyped-def]
    group.members.add(moderator)
    story = make_story(group, moderator)
    for i in range(trust.BURST_POSTS + 2):
        assert submit_reply(author=moderator, story=story, body=f"Pengumuman {i}").item


def test_the_engines_milder_findings_are_queued_after_publishing(author, group) -> None:  # type: ignore[no-untyped-def]
    _trusted(author, group)
    body = "Promo!!! Jual obat diet murah, WA 08123456789, diskon 50% hari ini saja"
    submission = submit_story(
        author=author, group=group, title="Promo", body=body, personal_data_confirmed=True
    )
    assert submission.item is not None and submission.item.status == Status.PUBLISHED
    entry = QueueItem.objects.get()
    assert entry.category == "spam" and entry.findings and not entry.is_crisis
