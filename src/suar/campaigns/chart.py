"""A server-rendered SVG bar chart of counted interactions per hour (no JavaScript)."""

from __future__ import annotations

from datetime import datetime

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 600, 160
TOP, BOTTOM = 14, 18  # room for the peak label and the hour labels
MAX_LABELS = 8


def hourly_svg(series: list[tuple[datetime, int]], zone: str = "") -> SafeString:
    """Bars per local hour; hours are labelled on the campaign's own clock."""
    if not series:
        return SafeString("")
    peak = max(n for _, n in series) or 1
    bar = WIDTH / len(series)
    plot = HEIGHT - TOP - BOTTOM
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
        (
            (
                f"{i * bar:.1f}",
                f"{TOP + plot - n / peak * plot:.1f}",
                f"{max(bar - 1, 0.5):.1f}",
                f"{n / peak * plot:.1f}",
                moment.strftime("%Y-%m-%d %H:%M"),
                number_format(n, force_grouping=True),
            )
            for i, (moment, n) in enumerate(series)
        ),
    )
    step = max(1, -(-len(series) // MAX_LABELS))
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="11" fill="currentColor">{}</text>',
        (
            (f"{i * bar:.1f}", HEIGHT - 4, moment.strftime("%H:%M"))
            for i, (moment, _n) in enumerate(series)
            if i % step == 0
        ),
    )
    total = sum(n for _, n in series)
    label = _("Interactions counted per hour (%(zone)s): %(total)s in all, at most %(peak)s") % {
        "zone": zone or series[0][0].tzname(),
        "total": number_format(total, force_grouping=True),
        "peak": number_format(peak, force_grouping=True),
    }
    return format_html(
        '<svg class="campaign-chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'preserveAspectRatio="none" width="100%" height="{}">'
        '<text x="0" y="11" font-size="11" fill="currentColor">{}</text>'
        '<g fill="#b4530b">{}</g>{}</svg>',
        WIDTH,
        HEIGHT,
        label,
        HEIGHT,
        number_format(peak, force_grouping=True),
        bars,
        labels,
    )
