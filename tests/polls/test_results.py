"""Results: hidden until one votes or the poll closes; bars with text percentages."""

from __future__ import annotations

from datetime import timedelta

from suar.accounts.models import User
from suar.polls.models import Poll
from suar.polls.services import cast_ballot


def vote(user: User, poll: Poll, *texts: str) -> None:
    ids = [poll.options.get(text=text).pk for text in texts]
    cast_ballot(actor=user, poll=poll, option_ids=ids)


def test_results_are_hidden_before_voting(member, make_user, make_poll, login_as) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    vote(make_user("budi"), poll, "Teman")
    page = login_as(member).get(f"/polling/{poll.pk}/").content.decode()
    assert "results-heading" not in page and "100%" not in page
    assert 'type="radio"' in page


def test_after_voting_the_results_show_as_bars_with_percentages(  # type: ignore[no-untyped-def]
    member, make_user, make_poll, login_as
) -> None:
    poll = make_poll()
    vote(make_user("budi"), poll, "Teman")
    vote(make_user("sari"), poll, "Teman")
    vote(make_user("ani"), poll, "Doa")
    vote(member, poll, "Olahraga")
    page = login_as(member).get(f"/polling/{poll.pk}/").content.decode()
    assert "4 people voted" in page
    assert '<progress id="result-' in page
    assert "50% (2 votes)" in page
    assert "25% (1 vote)" in page
    assert "Votes cannot be changed." in page
    assert "your choice" in page
    assert 'type="radio"' not in page


def test_a_closed_poll_shows_results_to_everyone(client, member, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll(closes_in=timedelta(seconds=5))
    vote(member, poll, "Doa")
    Poll.objects.filter(pk=poll.pk).update(closes_at=poll.closes_at - timedelta(hours=1))
    page = client.get(f"/polling/{poll.pk}/").content.decode()
    assert "This poll has closed." in page
    assert "100% (1 vote)" in page


def test_multiple_choice_percentages_are_per_voter(member, make_user, make_poll, login_as) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll(kind=Poll.Kind.MULTIPLE)
    vote(member, poll, "Teman", "Doa")
    vote(make_user("budi"), poll, "Teman")
    page = login_as(member).get(f"/polling/{poll.pk}/").content.decode()
    assert "100% (2 votes)" in page and "50% (1 vote)" in page
    assert "add up to more than 100" in page


def test_the_poll_list_hides_private_group_polls_from_visitors(  # type: ignore[no-untyped-def]
    client, make_poll, private_group
) -> None:
    make_poll("Terbuka untuk semua")
    make_poll("Khusus keluarga", group=private_group)
    page = client.get("/polling/").content.decode()
    assert "Terbuka untuk semua" in page
    assert "Khusus keluarga" not in page


def test_the_poll_page_runs_a_bounded_number_of_queries(  # type: ignore[no-untyped-def]
    member, make_poll, login_as, django_assert_max_num_queries
) -> None:
    poll = make_poll(options=tuple(f"Pilihan {n}" for n in range(10)))
    vote(member, poll, "Pilihan 3")
    client = login_as(member)
    with django_assert_max_num_queries(12):
        assert client.get(f"/polling/{poll.pk}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/polling/").status_code == 200
