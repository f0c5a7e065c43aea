"""Pure arithmetic on check-in days: streaks, progress and milestones (no database)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

# A check-in day is a local day in Indonesian western time (UTC+7): 06:00 WIB on the 2nd is
# still 23:00 UTC on the 1st, and must count for the 2nd.
LOCAL_ZONE = ZoneInfo("Asia/Jakarta")
MILESTONES = (7, 14, 21, 30, 60, 90, 180, 365)
ONE_DAY = timedelta(days=1)


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_ZONE).date()


def longest_streak(days: Iterable[date]) -> int:
    longest = run = 0
    previous: date | None = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and day - previous == ONE_DAY else 1
        longest = max(longest, run)
        previous = day
    return longest


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive days ending today, or yesterday when today's check-in is still to come."""
    done = set(days)
    day = today if today in done else today - ONE_DAY
    streak = 0
    while day in done:
        streak += 1
        day -= ONE_DAY
    return streak


def milestones_for(length_days: int) -> tuple[int, ...]:
    """Milestones that fit the challenge, always including its full length."""
    fitting = [m for m in MILESTONES if m < length_days]
    return (*fitting, length_days)


@dataclass(frozen=True)
class Progress:
    days_done: int
    length_days: int
    current_streak: int
    longest_streak: int
    checked_in_today: bool
    reached: tuple[int, ...]  # milestones reached, counted in days checked in
    next_milestone: int | None

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.days_done / self.length_days))


def progress(days: Iterable[date], *, length_days: int, ends_on: date, today: date) -> Progress:
    done = sorted(set(days))
    # After the last day, the streak is judged on the last day, so it does not drop to 0.
    reference = min(today, ends_on)
    milestones = milestones_for(length_days)
    reached = tuple(m for m in milestones if len(done) >= m)
    upcoming = [m for m in milestones if m > len(done)]
    return Progress(
        days_done=len(done),
        length_days=length_days,
        current_streak=current_streak(done, reference),
        longest_streak=longest_streak(done),
        checked_in_today=today in done,
        reached=reached,
        next_milestone=upcoming[0] if upcoming else None,
    )
