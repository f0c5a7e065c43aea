"""The impact dashboard: only the organisation's organisers and admins see it; a bad or
empty date range says what is wrong or missing; a page runs a bounded number of queries."""

from __future__ import annotations

import pytest
from django.test import Client

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import Role
from tests.analytics.history import generate


@pytest.fixture
def english_client(client: Client) -> Client:
    client.cookies["suar_language"] = "en"
    return client


@pytest.mark.parametrize("role", [Role.MEMBER, Role.PEER_SUPPORTER, Role.EXPERT, Role.MODERATOR])
def test_people_without_the_capability_get_403(make_user, login_as, role: Role) -> None:  # type: ignore[no-untyped-def]
    client = login_as(make_user("someone", role=role))
    for url in (
        "/dampak/pulih/",
        "/dampak/pulih/laporan.pdf",
        "/dampak/pulih/laporan.csv",
        "/dampak/pulih/token/",
    ):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.ADMIN])
def test_organisers_and_admins_see_it(make_user, login_as, role: Role) -> None:  # type: ignore[no-untyped-def]
    client = login_as(make_user("someone", role=role))
    assert client.get("/dampak/pulih/").status_code == 200
    assert client.get("/dampak/").url == "/dampak/pulih/"


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get("/dampak/pulih/")
    assert response.status_code == 302 and "/akun/masuk/" in response.url


def test_an_organiser_of_another_organisation_sees_nothing_here(login_as, organisation) -> None:  # type: ignore[no-untyped-def]
    other = Organisation.objects.create(name="Lain", slug="lain")
    user = User.objects.create(username="orang-lain")
    Membership.objects.create(user=user, organisation=other, role=Role.ORGANISER)
    client = login_as(user)
    assert client.get("/dampak/pulih/").status_code == 403
    assert client.get("/dampak/pulih/laporan.pdf").status_code == 403
    assert client.get("/dampak/lain/").status_code == 200


def test_a_bad_range_is_explained_and_the_last_30_days_shown(
    login_as, organiser, english_client
) -> None:  # type: ignore[no-untyped-def]
    login_as(organiser)
    page = english_client.get("/dampak/pulih/?start=2026-05-10&end=2026-05-01").content.decode()
    assert "The start date comes after the end date: swap them." in page
    assert "Showing the last 30 days instead." in page
    page = english_client.get("/dampak/pulih/?start=tomorrow").content.decode()
    assert "The start date is not a date: write it as YYYY-MM-DD" in page


def test_an_empty_range_says_what_is_missing_instead_of_zeros(
    login_as, organiser, english_client
) -> None:  # type: ignore[no-untyped-def]
    login_as(organiser)
    page = english_client.get("/dampak/pulih/?start=2001-01-01&end=2001-01-31").content.decode()
    assert "No posts were published in this range" in page
    assert "No short links yet: there are no clicks to count." in page
    assert 'data-testid="figure-likes">—<' in page
    assert 'data-testid="figure-reach">—<' in page
    assert 'data-testid="figure-posts">0<' in page  # zero posts is a real count


def test_the_days_shortcut_sets_the_range(login_as, organiser, english_client) -> None:  # type: ignore[no-untyped-def]
    login_as(organiser)
    response = english_client.get("/dampak/pulih/?days=7&end=2026-03-31")
    assert response.context["period"].start.isoformat() == "2026-03-25"


def test_the_dashboard_runs_a_bounded_number_of_queries(  # type: ignore[no-untyped-def]
    login_as, organiser, organisation, django_assert_max_num_queries
) -> None:
    generate(organisation, posts=20)
    client = login_as(organiser)
    client.get("/dampak/pulih/")  # warm the caches (content types, session)
    with django_assert_max_num_queries(45):
        small = client.get("/dampak/pulih/?days=90")
    generate(organisation, seed=9, posts=120, prefix="more")
    with django_assert_max_num_queries(45):
        big = client.get("/dampak/pulih/?days=90")
    assert small.status_code == big.status_code == 200
