"""The charts of a report, built once from its figures for the dashboard and the PDF."""

from __future__ import annotations

from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from suar.analytics.charts import Chart, compare_bars, daily_bars, heatmap
from suar.analytics.report import ImpactReport


def report_charts(report: ImpactReport) -> dict[str, Chart]:
    engagement = report.engagement
    charts = {
        "interactions_by_day": daily_bars(
            engagement.by_day, _("Interactions by the day the post was published")
        ),
        "by_platform": compare_bars(
            [(row.label, row.metrics["interactions"].total) for row in engagement.by_platform],
            _("Interactions by platform"),
        ),
        "per_post_by_platform": compare_bars(
            [(row.label, row.interactions_per_post) for row in engagement.by_platform],
            _("Interactions per post, by platform"),
        ),
        "per_post_by_kind": compare_bars(
            [(row.label, row.interactions_per_post) for row in engagement.by_kind],
            _("Interactions per post, by kind of post"),
        ),
    }
    clicks = report.clicks
    charts["clicks_by_day"] = daily_bars(
        clicks.by_day if clicks.link_count else [], _("Link clicks per day (repeats removed)")
    )
    charts["clicks_by_source"] = compare_bars(
        [(label, float(n)) for _key, label, n in clicks.by_source], _("Link clicks by source")
    )
    signups = report.signups
    charts["signups_by_day"] = daily_bars(
        signups.by_day if signups.programmes else [], _("Programme sign-ups per day")
    )
    best = report.best
    charts["best_time"] = heatmap(
        {(s.weekday, s.block): (s.posts, s.median) for s in best.slots},
        [str(WEEKDAYS_ABBR[d]) for d in range(7)],
        _("Median interactions per post by weekday and time of day (%(zone)s)")
        % {"zone": best.zone},
    )
    return charts
