"""Block, mute, muted words, content-warning preference and the daily time limit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suar.community.controls.models import DailyUsage
from suar.community.models import Reply
from tests.community.factories import make_group, make_person, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri", display_name="Putri")
    budi = make_person(organisation, "budi", display_name="Budi")
    group = make_group(organisation, members=(putri, budi))
    return putri, budi, group


def _as(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_blocked_person_cannot_see_or_reply_and_i_do_not_see_them(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, group = people
    mine = make_story(group, putri, title="Cerita Putri")
    theirs = make_story(group, budi, title="Cerita Budi")
    _as(client, putri).post(reverse("community:block", args=[budi.pk]))
    assert "Cerita Budi" not in client.get("/komunitas/beranda/").content.decode()
    assert client.get(f"/komunitas/cerita/{theirs.pk}/").status_code == 404

    _as(client, budi)
    assert "Cerita Putri" not in client.get("/komunitas/g/pulih/pulih-bersama/").content.decode()
    assert client.get(f"/komunitas/cerita/{mine.pk}/").status_code == 404
    reply = client.post(
        reverse("community:reply_create", args=[mine.pk]), {"body": "Hai", "token": "b1"}
    )
    assert reply.status_code == 403 and not Reply.objects.exists()


def test_muting_keeps_someone_out_of_my_feed_without_telling_them(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, group = people
    story = make_story(group, budi, title="Cerita Budi")
    _as(client, putri).post(reverse("community:mute", args=[budi.pk]))
    assert "Cerita Budi" not in client.get("/komunitas/beranda/").content.decode()
    assert client.get(f"/komunitas/cerita/{story.pk}/").status_code == 200  # still reachable
    assert "Cerita Budi" in _as(client, budi).get("/komunitas/beranda/").content.decode()


def test_muted_words_fold_matching_stories_away(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, group = people
    make_story(group, budi, title="Soal alkohol", body="Aku dulu minum alkohol tiap malam.")
    _as(client, putri).post(
        reverse("community:controls"), {"content_warnings": "hide", "muted_words": "Alkohol"}
    )
    feed = client.get("/komunitas/beranda/").content.decode()
    assert 'class="muted-note"' in feed
    assert "minum alkohol tiap malam" not in feed and "Soal alkohol" not in feed


def test_content_warning_preference_opens_or_closes_the_warning(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, group = people
    story = make_story(group, budi, body="Detail berat.", content_warning="Relapse")
    page = _as(client, putri).get(f"/komunitas/cerita/{story.pk}/").content.decode()
    assert '<details class="cw"><summary>' in page
    client.post(reverse("community:controls"), {"content_warnings": "show", "muted_words": ""})
    page = client.get(f"/komunitas/cerita/{story.pk}/").content.decode()
    assert '<details class="cw" open><summary>' in page


def test_the_daily_limit_shows_a_gentle_reminder_counted_per_day(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, _budi, _group = people
    _as(client, putri).post(
        reverse("community:controls"),
        {"content_warnings": "hide", "daily_limit_minutes": "5", "muted_words": ""},
    )
    for _ in range(4):
        assert "reminder" not in client.post(reverse("community:tick")).content.decode()
    assert "reminder" in client.post(reverse("community:tick")).content.decode()
    assert "reminder" in client.get("/komunitas/beranda/").content.decode()
    usage = DailyUsage.objects.get(user=putri)  # one counter row, not a log of visits
    assert usage.minutes == 5


def test_bad_control_input_gets_a_message_and_nothing_is_lost(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, _budi, _group = people
    response = _as(client, putri).post(
        reverse("community:controls"),
        {"content_warnings": "hide", "daily_limit_minutes": "-3", "muted_words": "sabu"},
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() and "sabu" in response.content.decode()


def test_people_from_other_organisations_cannot_be_looked_up_by_blocking(client, people) -> None:  # type: ignore[no-untyped-def]
    from suar.accounts.models import Organisation

    putri, _budi, _group = people
    stranger = make_person(Organisation.objects.create(name="Lain", slug="lain"), "rahasia")
    response = _as(client, putri).post(reverse("community:block", args=[stranger.pk]))
    assert response.status_code == 403
    assert "rahasia" not in response.content.decode()


def test_a_pseudonym_can_be_muted_without_learning_who_it_is(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, group = people
    make_story(group, budi, title="Cerita rahasia", anonymous=True, pseudonym="Rusa Tenang")
    _as(client, putri).post(
        reverse("community:controls"), {"content_warnings": "hide", "muted_words": "rusa tenang"}
    )
    feed = client.get("/komunitas/beranda/").content.decode()
    assert 'class="muted-note"' in feed and "Budi" not in feed
