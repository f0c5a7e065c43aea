"""Charts computed once as plain shapes, then drawn as server-side SVG (pages) or as a
ReportLab drawing (the PDF report): the same picture in both, and no JavaScript.

A day or group without figures is drawn as a grey dash with "no data", never as a zero bar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

ACCENT = "#b4530b"
MUTED = "#9a9a9a"
INK = "#333333"
PALETTE = ("#b4530b", "#2f6f8f", "#5f8f2f", "#8f2f6f", "#6f5f2f")


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    title: str
    fill: str = ACCENT
    opacity: float = 1.0


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start | middle | end
    size: float = 10
    fill: str = INK


@dataclass
class Line:
    points: list[tuple[float, float]]
    color: str
    name: str


@dataclass
class Chart:
    width: float
    height: float
    title: str
    rects: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # x1 y1 x2 y2
    empty: bool = False


def _n(value: float) -> str:
    return number_format(round(value), force_grouping=True)


def daily_bars(series: Sequence[tuple[dt.date, int | None]], title: str) -> Chart:
    """One bar per day; None days get a grey dash."""
    width, height, left, bottom, top = 640.0, 200.0, 44.0, 24.0, 12.0
    chart = Chart(width, height, title)
    values = [v for _, v in series if v is not None]
    if not series or not values:
        chart.empty = True
        chart.labels.append(Label(width / 2, height / 2, _("No data in this range"), "middle"))
        return chart
    peak = max(values) or 1
    plot_h = height - bottom - top
    step = (width - left - 4) / len(series)
    chart.rules.append((left, height - bottom, width - 4, height - bottom))
    # Gridlines at whole numbers only: a count has no half.
    fractions = (0.5, 1.0) if peak >= 2 and peak % 2 == 0 else (1.0,)
    for fraction in fractions:
        y = height - bottom - plot_h * fraction
        chart.rules.append((left, y, width - 4, y))
        chart.labels.append(Label(left - 4, y + 3, _n(peak * fraction), "end", 9, MUTED))
    chart.labels.append(Label(left - 4, height - bottom + 3, "0", "end", 9, MUTED))
    every = max(1, len(series) // 8)
    no_data = _("no data")
    for i, (day, value) in enumerate(series):
        x = left + i * step
        if value is None:
            chart.rects.append(
                Rect(
                    x + step * 0.2,
                    height - bottom - 2,
                    max(step * 0.6, 0.5),
                    2,
                    f"{day.isoformat()}: {no_data}",
                    MUTED,
                )
            )
        else:
            h = plot_h * value / peak
            chart.rects.append(
                Rect(
                    x + step * 0.1,
                    height - bottom - h,
                    max(step * 0.8, 0.5),
                    h,
                    f"{day.isoformat()}: {_n(value)}",
                )
            )
        if i % every == 0:
            chart.labels.append(
                Label(x + step / 2, height - bottom + 14, day.strftime("%d/%m"), "middle", 9, MUTED)
            )
    return chart


def compare_bars(rows: list[tuple[str, float | None]], title: str, *, suffix: str = "") -> Chart:
    """Horizontal bars for comparing platforms, post kinds, sources."""
    row_h, left, width = 26.0, 200.0, 640.0
    height = max(len(rows), 1) * row_h + 8
    chart = Chart(width, height, title)
    values = [v for _, v in rows if v is not None]
    if not rows or not values:
        chart.empty = True
        chart.height = 40
        chart.labels.append(Label(width / 2, 24, _("No data in this range"), "middle"))
        return chart
    peak = max(values) or 1
    span = width - left - 90
    for i, (label, value) in enumerate(rows):
        y = 4 + i * row_h
        short = label if len(label) <= 30 else label[:29] + "…"
        chart.labels.append(Label(left - 8, y + 16, short, "end", 10))
        if value is None:
            chart.labels.append(Label(left, y + 16, _("not given"), "start", 10, MUTED))
            continue
        w = max(span * value / peak, 1.0)
        text = (
            f"{number_format(round(value, 1), 1 if value % 1 else 0, force_grouping=True)}{suffix}"
        )
        chart.rects.append(Rect(left, y + 4, w, row_h - 10, f"{label}: {text}"))
        chart.labels.append(Label(left + w + 6, y + 16, text, "start", 10))
    return chart


def heatmap(
    cells: dict[tuple[int, int], tuple[int, float]], weekday_names: list[str], title: str
) -> Chart:
    """Weekday rows by three-hour columns; darker = more interactions per post (median)."""
    left, top, cell_w, cell_h = 70.0, 22.0, 70.0, 24.0
    chart = Chart(left + 8 * cell_w + 4, top + 7 * cell_h + 4, title)
    if not cells:
        chart.empty = True
        chart.labels.append(
            Label(chart.width / 2, chart.height / 2, _("No data in this range"), "middle")
        )
        return chart
    peak = max(m for _, m in cells.values()) or 1
    for block in range(8):
        chart.labels.append(
            Label(
                left + block * cell_w + cell_w / 2,
                top - 8,
                f"{block * 3:02d}-{block * 3 + 2:02d}",
                "middle",
                9,
                MUTED,
            )
        )
    for weekday in range(7):
        y = top + weekday * cell_h
        chart.labels.append(Label(left - 6, y + 16, weekday_names[weekday], "end", 10))
        for block in range(8):
            x = left + block * cell_w
            found = cells.get((weekday, block))
            if found is None:
                chart.rects.append(
                    Rect(x + 1, y + 1, cell_w - 2, cell_h - 2, _("no posts"), "#eeeeee")
                )
                continue
            posts, median = found
            chart.rects.append(
                Rect(
                    x + 1,
                    y + 1,
                    cell_w - 2,
                    cell_h - 2,
                    _("%(posts)d posts, median %(median)s")
                    % {"posts": posts, "median": _n(median)},
                    ACCENT,
                    0.15 + 0.85 * median / peak,
                )
            )
            chart.labels.append(Label(x + cell_w / 2, y + 16, _n(median), "middle", 9))
    return chart


def history_lines(series: dict[str, list[tuple[dt.datetime, int]]], title: str) -> Chart:
    """One line per figure over time (a post's snapshot history)."""
    width, height, left, bottom, top = 640.0, 220.0, 50.0, 40.0, 10.0
    chart = Chart(width, height, title)
    points = [p for values in series.values() for p in values]
    if not points:
        chart.empty = True
        chart.labels.append(Label(width / 2, height / 2, _("No figures fetched yet"), "middle"))
        return chart
    start = min(t for t, _ in points)
    end = max(t for t, _ in points)
    span = (end - start).total_seconds() or 1.0
    peak = max(v for _, v in points) or 1
    plot_w, plot_h = width - left - 10, height - bottom - top
    chart.rules.append((left, top + plot_h, width - 10, top + plot_h))
    chart.labels.append(Label(left - 4, top + 4, _n(peak), "end", 9, MUTED))
    chart.labels.append(Label(left - 4, top + plot_h + 3, "0", "end", 9, MUTED))
    chart.labels.append(
        Label(left, height - bottom + 14, start.strftime("%d/%m %H:%M"), "start", 9, MUTED)
    )
    chart.labels.append(
        Label(width - 10, height - bottom + 14, end.strftime("%d/%m %H:%M"), "end", 9, MUTED)
    )
    for i, (name, values) in enumerate(series.items()):
        color = PALETTE[i % len(PALETTE)]
        line = [
            (left + plot_w * (t - start).total_seconds() / span, top + plot_h * (1 - v / peak))
            for t, v in values
        ]
        chart.lines.append(Line(line, color, name))
        chart.labels.append(Label(left + i * 110, height - 6, f"■ {name}", "start", 10, color))
    return chart


def _f(value: float) -> str:
    return f"{value:.1f}"


def to_svg(chart: Chart) -> SafeString:
    rects = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{}">'
        "<title>{}</title></rect>",
        (
            (_f(r.x), _f(r.y), _f(r.w), _f(r.h), r.fill, f"{r.opacity:.2f}", r.title)
            for r in chart.rects
        ),
    )
    rules = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#dddddd"/>',
        ((_f(a), _f(b), _f(c), _f(d)) for a, b, c, d in chart.rules),
    )
    lines = format_html_join(
        "",
        '<polyline fill="none" stroke="{}" stroke-width="2" points="{}"><title>{}</title>'
        "</polyline>",
        (
            (ln.color, " ".join(f"{_f(x)},{_f(y)}" for x, y in ln.points), ln.name)
            for ln in chart.lines
        ),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="{}" font-size="{}" fill="{}">{}</text>',
        ((_f(lb.x), _f(lb.y), lb.anchor, _f(lb.size), lb.fill, lb.text) for lb in chart.labels),
    )
    return format_html(
        '<svg class="impact-chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'width="100%" font-family="sans-serif"><title>{}</title>{}{}{}{}</svg>',
        f"{chart.width:.0f}",
        f"{chart.height:.0f}",
        chart.title,
        chart.title,
        rules,
        rects,
        lines,
        labels,
    )


def figure(chart: Chart) -> SafeString:
    """The chart with its title as a visible caption (the SVG's own title is for screen
    readers)."""
    return format_html(
        '<figure class="impact-figure"><figcaption>{}</figcaption>{}</figure>',
        chart.title,
        to_svg(chart),
    )
