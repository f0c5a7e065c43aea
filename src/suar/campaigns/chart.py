"""A server-rendered SVG bar chart of counted interactions per hour (no JavaScript)."""

from __future__ import annotations

from datetime import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 600, 160


def hourly_svg(series: list[tuple[datetime, int]]) -> SafeString:
    if not series:
        return SafeString("")
    peak = max(n for _, n in series) or 1
    bar = WIDTH / len(series)
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"><title>{} UTC: {}</title></rect>',
        (
            (
                f"{i * bar:.1f}",
                f"{HEIGHT - n / peak * (HEIGHT - 10):.1f}",
                f"{max(bar - 1, 0.5):.1f}",
                f"{n / peak * (HEIGHT - 10):.1f}",
                moment.strftime("%Y-%m-%d %H:00"),
                n,
            )
            for i, (moment, n) in enumerate(series)
        ),
    )
    return format_html(
        '<svg class="campaign-chart" viewBox="0 0 {} {}" role="img" '
        'preserveAspectRatio="none" width="100%" height="{}" fill="#b4530b">{}</svg>',
        WIDTH,
        HEIGHT,
        HEIGHT,
        bars,
    )
