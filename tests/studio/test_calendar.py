"""The month calendar: posts on their Jakarta day, month navigation, bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest

from suar.studio.models import Post

pytestmark = pytest.mark.django_db


def _scheduled(make_post, when: dt.datetime, title: str) -> Post:  # type: ignore[no-untyped-def]
    post = make_post()
    Post.objects.filter(pk=post.pk).update(scheduled_at=when, status="scheduled", title=title)
    return post


def test_post_shows_on_its_jakarta_day(login_as, writer, make_post) -> None:
    # 20:00 UTC on 31 March is 03:00 on 1 April in Jakarta (UTC+7).
    _scheduled(make_post, dt.datetime(2030, 3, 31, 20, 0, tzinfo=dt.UTC), "Pagi buta")
    page = login_as(writer).get("/studio/kalender/2030/4/").content.decode()
    cell = page.split('data-date="2030-04-01"')[1].split("</td>")[0]
    assert "Pagi buta" in cell and "03:00" in cell
    march = login_as(writer).get("/studio/kalender/2030/3/").content.decode()
    assert 'data-date="2030-03-31"' in march and "Pagi buta" not in march


def test_months_link_to_their_neighbours(login_as, writer) -> None:
    page = login_as(writer).get("/studio/kalender/2030/1/").content.decode()
    assert 'href="/studio/kalender/2029/12/"' in page
    assert 'href="/studio/kalender/2030/2/"' in page


def test_calendar_query_count_does_not_grow_with_posts(
    login_as, writer, make_post, django_assert_max_num_queries
) -> None:
    for day in range(1, 29):
        _scheduled(make_post, dt.datetime(2030, 5, day, 3, 0, tzinfo=dt.UTC), f"Pos {day}")
    client = login_as(writer)
    with django_assert_max_num_queries(10):
        page = client.get("/studio/kalender/2030/5/").content.decode()
    assert page.count('class="cal-post') == 28


def test_impossible_month_is_not_found(login_as, writer) -> None:
    assert login_as(writer).get("/studio/kalender/2030/13/").status_code == 404
