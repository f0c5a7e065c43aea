"""Cards and replies are rendered once and reused, yet each reader sees them as they are now."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from suar.community.controls.models import ControlSettings, MutedWord
from suar.community.markup import render
from suar.community.models import Reply, Status, Story
from tests.community.factories import make_group, make_person, make_reply, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):  # type: ignore[no-untyped-def]
    author = make_person(organisation, "penulis", display_name="Dewi")
    readers = [make_person(organisation, name) for name in ("budi", "sari")]
    group = make_group(organisation, members=(author, *readers))
    story = make_story(group, author, title="Hari ketiga", body="Aku masih bertahan di sini.")
    return story, readers


def _feed(client, reader) -> str:  # type: ignore[no-untyped-def]
    client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")
    return client.get("/komunitas/beranda/").content.decode()


def test_a_card_shows_new_replies_and_a_new_author_name(client, people) -> None:  # type: ignore[no-untyped-def]
    story, (budi, sari) = people
    assert "Dewi" in _feed(client, budi)
    Story.objects.filter(pk=story.pk).update(reply_count=2)
    story.author.display_name = "Dewi Lestari"
    story.author.save()
    page = _feed(client, sari)
    assert "2 balasan" in page
    assert "Dewi Lestari" in page


def test_a_muted_card_stays_folded_for_its_reader_only(client, people) -> None:  # type: ignore[no-untyped-def]
    _story, (budi, sari) = people
    MutedWord.objects.create(user=budi, phrase="bertahan")
    for _ in range(2):  # the second time the other reader's card is in the cache
        assert "Aku masih bertahan" in _feed(client, sari)
        folded = _feed(client, budi)
        assert "Aku masih bertahan" not in folded
        assert "bertahan" in folded  # the note names the muted word


def test_a_hidden_story_leaves_the_list(client, people) -> None:  # type: ignore[no-untyped-def]
    story, (budi, _sari) = people
    assert "Hari ketiga" in _feed(client, budi)
    Story.objects.filter(pk=story.pk).update(status="hidden")
    assert "Hari ketiga" not in _feed(client, budi)


def _story_page(client, reader, story) -> str:  # type: ignore[no-untyped-def]
    client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")
    return client.get(f"/komunitas/cerita/{story.pk}/").content.decode()


def test_a_reply_says_you_only_to_its_author(client, people) -> None:  # type: ignore[no-untyped-def]
    story, (budi, sari) = people
    make_reply(story, budi, body="Semangat ya")
    for _ in range(2):
        assert "(kamu)" in _story_page(client, budi, story)
        assert "(kamu)" not in _story_page(client, sari, story)


def test_an_edited_or_removed_reply_is_shown_as_it_is_now(client, people) -> None:  # type: ignore[no-untyped-def]
    story, (budi, sari) = people
    reply = make_reply(story, budi, body="Semangat ya")
    assert "Semangat ya" in _story_page(client, sari, story)
    Reply.objects.filter(pk=reply.pk).update(body="Peluk jauh", body_html=render("Peluk jauh"))
    page = _story_page(client, sari, story)
    assert "Peluk jauh" in page and "Semangat ya" not in page
    Reply.objects.filter(pk=reply.pk).update(status=Status.HIDDEN)
    assert "Peluk jauh" not in _story_page(client, sari, story)


def test_each_reader_gets_their_own_content_warning_choice(client, people) -> None:  # type: ignore[no-untyped-def]
    story, (budi, sari) = people
    make_reply(story, budi, body="Hari yang berat", content_warning="Relapse")
    ControlSettings.objects.create(user=sari, content_warnings="show")
    for _ in range(2):
        assert '<details class="cw" open>' in _story_page(client, sari, story)
        assert '<details class="cw" open>' not in _story_page(client, budi, story)


def test_each_reader_gets_their_own_csrf_token_in_reply_menus(people) -> None:  # type: ignore[no-untyped-def]
    story, (budi, sari) = people
    make_reply(story, story.author, body="Terima kasih semua")
    for reader in (budi, sari, budi):
        client = Client(enforce_csrf_checks=True)
        page = _story_page(client, reader, story)
        header = re.search(r'"X-CSRFToken": "([^"]+)"', page)
        assert header is not None
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
        assert tokens == {header[1]}
        mute = reverse("community:mute", args=[story.author.pk])
        answer = client.post(mute, {"csrfmiddlewaretoken": header[1], "next": "/"})
        assert answer.status_code == 302


def test_a_visitor_is_never_taken_for_an_author_whose_account_was_removed(  # type: ignore[no-untyped-def]
    client, people, organisation
) -> None:
    # A signed-out visitor's pk is None, and so is the author of anything whose account was
    # deleted outright (not through the privacy flow): they must not be taken for each other.
    story, _readers = people
    gone = make_person(organisation, "pergi")
    make_reply(story, gone, body="Semangat terus ya, kamu nggak sendirian.")
    story.author.delete()
    gone.delete()
    url = reverse("community:story_detail", args=[story.pk])
    for _ in range(2):  # the second time from the cache
        page = Client().get(url).content.decode()
        assert "Semangat terus ya" in page
        assert "(kamu)" not in page
        assert "Hapus ceritaku" not in page
