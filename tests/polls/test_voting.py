"""Voting: once per person, never changed, only while open, only by people who may see it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from suar.polls.models import Ballot, Poll
from suar.polls.services import AlreadyVoted, cast_ballot


def option_ids(poll: Poll, *texts: str) -> list[int]:
    return [poll.options.get(text=text).pk for text in texts]


def test_a_member_votes_once(member, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    cast_ballot(actor=member, poll=poll, option_ids=option_ids(poll, "Teman"))
    assert Ballot.objects.get().options.get().text == "Teman"


def test_voting_twice_is_refused_with_a_clear_message(member, make_poll, login_as) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    client = login_as(member)
    client.post(f"/polling/{poll.pk}/pilih/", {"option": option_ids(poll, "Teman")})
    response = client.post(
        f"/polling/{poll.pk}/pilih/", {"option": option_ids(poll, "Doa")}, follow=True
    )
    assert "already voted in this poll. Votes cannot be changed." in response.content.decode()
    assert Ballot.objects.get().options.get().text == "Teman"


def test_the_service_refuses_a_second_ballot(member, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    cast_ballot(actor=member, poll=poll, option_ids=option_ids(poll, "Teman"))
    with pytest.raises(AlreadyVoted):
        cast_ballot(actor=member, poll=poll, option_ids=option_ids(poll, "Doa"))


def test_the_database_refuses_a_second_ballot(member, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    Ballot.objects.create(poll=poll, user=member)
    with pytest.raises(IntegrityError):
        Ballot.objects.create(poll=poll, user=member)


def test_a_single_choice_poll_takes_one_answer(member, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    with pytest.raises(ValidationError):
        cast_ballot(actor=member, poll=poll, option_ids=option_ids(poll, "Teman", "Doa"))
    assert not Ballot.objects.exists()


def test_a_multiple_choice_poll_takes_several(member, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll(kind=Poll.Kind.MULTIPLE)
    cast_ballot(actor=member, poll=poll, option_ids=option_ids(poll, "Teman", "Doa"))
    assert Ballot.objects.get().options.count() == 2


def test_an_option_from_another_poll_or_none_is_refused(member, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    other = make_poll("Lain", ("Ya", "Tidak"))
    with pytest.raises(ValidationError):
        cast_ballot(actor=member, poll=poll, option_ids=option_ids(other, "Ya"))
    with pytest.raises(ValidationError):
        cast_ballot(actor=member, poll=poll, option_ids=[])


def test_a_closed_poll_takes_no_votes(member, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll(closes_in=timedelta(minutes=-1))
    with pytest.raises(ValidationError):
        cast_ballot(actor=member, poll=poll, option_ids=option_ids(poll, "Teman"))


def test_an_outsider_cannot_vote_in_a_private_group_poll(  # type: ignore[no-untyped-def]
    make_user, make_poll, private_group, login_as
) -> None:
    poll = make_poll(group=private_group)
    outsider = make_user("budi")
    with pytest.raises(PermissionDenied):
        cast_ballot(actor=outsider, poll=poll, option_ids=option_ids(poll, "Teman"))
    client = login_as(outsider)
    assert client.get(f"/polling/{poll.pk}/").status_code == 404
    assert client.post(f"/polling/{poll.pk}/pilih/", {"option": ["1"]}).status_code == 404


def test_a_visitor_is_sent_to_log_in(client, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    page = client.get(f"/polling/{poll.pk}/").content.decode()
    assert "Log in to vote" in page
    response = client.post(f"/polling/{poll.pk}/pilih/", {"option": option_ids(poll, "Doa")})
    assert response.status_code == 302
    assert not Ballot.objects.exists()
