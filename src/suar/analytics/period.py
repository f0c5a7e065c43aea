"""The date range every figure is computed for: local days, inclusive, in the org's zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

DEFAULT_DAYS = 30
# Bounded: one request never reads more than about two years of daily rows.
MAX_DAYS = 732


class PeriodError(ValueError):
    """A date range that cannot be used; the message says what to change."""


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    zone: zoneinfo.ZoneInfo

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=self.zone)

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the range (exclusive bound)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=self.zone)

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1

    def local_date(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.zone).date()

    def query(self) -> str:
        return f"start={self.start.isoformat()}&end={self.end.isoformat()}"


def today(zone: zoneinfo.ZoneInfo) -> dt.date:
    return timezone.now().astimezone(zone).date()


def default_period(zone: zoneinfo.ZoneInfo, days: int = DEFAULT_DAYS) -> Period:
    end = today(zone)
    return Period(start=end - dt.timedelta(days=days - 1), end=end, zone=zone)


def _parse_day(value: str, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise PeriodError(
            _("%(label)s is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31.")
            % {"label": label}
        ) from exc


def parse_period(
    start: str | None, end: str | None, zone: zoneinfo.ZoneInfo, *, default_days: int = DEFAULT_DAYS
) -> Period:
    """A Period from two ISO dates; either may be empty (then the last `default_days`)."""
    default_days = max(1, default_days)
    fallback = default_period(zone, default_days)
    start = (start or "").strip()
    end = (end or "").strip()
    end_day = _parse_day(end, _("The end date")) if end else fallback.end
    if start:
        start_day = _parse_day(start, _("The start date"))
    else:
        start_day = end_day - dt.timedelta(days=default_days - 1)
    if start_day > end_day:
        raise PeriodError(_("The start date comes after the end date: swap them."))
    if (end_day - start_day).days + 1 > MAX_DAYS:
        raise PeriodError(
            _("Choose at most %(days)d days (about two years) at a time.") % {"days": MAX_DAYS}
        )
    return Period(start=start_day, end=end_day, zone=zone)
