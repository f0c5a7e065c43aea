"""Streak and progress arithmetic, across missed days, month and year ends and time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from suar.challenges.streaks import current_streak, local_day, longest_streak, progress


def days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=n) for n in range(count)]


def test_a_streak_runs_across_the_end_of_a_month() -> None:
    done = days(date(2026, 1, 29), 5)  # 29 Jan .. 2 Feb
    assert longest_streak(done) == 5
    assert current_streak(done, today=date(2026, 2, 2)) == 5


def test_a_streak_runs_across_february_in_a_leap_year_and_the_year_end() -> None:
    assert longest_streak([date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1)]) == 3
    assert longest_streak([date(2026, 2, 28), date(2026, 3, 1)]) == 2  # no 29th in 2026
    assert longest_streak([date(2026, 12, 31), date(2027, 1, 1)]) == 2


def test_a_missed_day_breaks_the_current_streak_but_not_the_longest() -> None:
    done = [*days(date(2026, 3, 1), 6), *days(date(2026, 3, 8), 2)]  # 7 March missed
    assert longest_streak(done) == 6
    assert current_streak(done, today=date(2026, 3, 9)) == 2


def test_the_streak_survives_until_today_is_over() -> None:
    done = days(date(2026, 4, 1), 3)
    assert current_streak(done, today=date(2026, 4, 4)) == 3  # not checked in yet today
    assert current_streak(done, today=date(2026, 4, 5)) == 0  # a whole day missed


def test_duplicates_and_order_do_not_matter() -> None:
    done = [date(2026, 5, 3), date(2026, 5, 1), date(2026, 5, 2), date(2026, 5, 2)]
    assert longest_streak(done) == 3


def test_local_days_are_jakarta_days_not_utc_days() -> None:
    # 17:30 UTC on 31 January is 00:30 WIB on 1 February.
    assert local_day(datetime(2026, 1, 31, 17, 30, tzinfo=UTC)) == date(2026, 2, 1)
    assert local_day(datetime(2026, 1, 31, 16, 59, tzinfo=UTC)) == date(2026, 1, 31)


def test_progress_counts_days_and_milestones() -> None:
    done = [*days(date(2026, 1, 1), 7), *days(date(2026, 1, 10), 8)]
    result = progress(done, length_days=30, ends_on=date(2026, 1, 30), today=date(2026, 1, 17))
    assert result.days_done == 15
    assert result.percent == 50
    assert result.current_streak == 8
    assert result.longest_streak == 8
    assert result.checked_in_today is True
    assert result.reached == (7, 14)
    assert result.next_milestone == 21


def test_after_the_last_day_the_streak_is_kept() -> None:
    done = days(date(2026, 1, 1), 30)
    result = progress(done, length_days=30, ends_on=date(2026, 1, 30), today=date(2026, 3, 1))
    assert result.current_streak == 30
    assert result.reached == (7, 14, 21, 30)
    assert result.next_milestone is None
    assert result.percent == 100
