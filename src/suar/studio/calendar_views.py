"""The Studio's month calendar: what goes out when, in the organisation's time zone."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.views.decorators.http import require_GET

from suar.accounts.permissions import perm_required
from suar.accounts.roles import Perm
from suar.studio import selectors
from suar.studio.timezones import studio_zone, zone_label


@require_GET
@perm_required(Perm.COMPOSE_POSTS)
def month_calendar(
    request: HttpRequest, year: int | None = None, month: int | None = None
) -> HttpResponse:
    zone = studio_zone()
    today = timezone.now().astimezone(zone).date()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    grid = selectors.calendar_month(request.user, year, month, zone)
    for week in grid.weeks:
        for day in week:
            for post in day.posts:
                post.state = selectors.post_state(post)  # type: ignore[attr-defined]
    return render(
        request,
        "studio/calendar.html",
        {
            "grid": grid,
            "month_start": dt.date(year, month, 1),
            "today": today,
            "zone": zone,
            "zone_label": zone_label(zone),
            "weekday_names": [WEEKDAYS_ABBR[day] for day in range(7)],
        },
    )
