"""The funder report as CSV: the same key figures as the PDF, then the detail behind them.

Values are plain numbers (no thousands separators) so a spreadsheet reads them; a missing
figure is an empty cell, never 0.
"""

from __future__ import annotations

import csv
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from suar.analytics.engagement import kind_name
from suar.analytics.models import METRICS
from suar.analytics.report import ImpactReport
from suar.analytics.summary import key_figures


def _plain(value: int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


class _SafeWriter:
    """A csv writer that defuses spreadsheet formulas in text cells ("=HYPERLINK(...)" as a
    post's title would run when a funder opens the file)."""

    def __init__(self, out: Any) -> None:
        self.writer = csv.writer(out)

    def writerow(self, row: list[Any]) -> None:
        self.writer.writerow([_defuse(cell) for cell in row])


def _defuse(cell: Any) -> Any:
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def write_csv(report: ImpactReport, out: Any, *, language: str) -> None:
    with translation.override(language):
        _write(report, _SafeWriter(out))


def _write(report: ImpactReport, writer: Any) -> None:
    period = report.period
    writer.writerow(["section", "key", "label", "value", "note"])
    writer.writerow(["report", "organisation", _("Organisation"), report.organisation.name, ""])
    writer.writerow(["report", "start", _("From"), period.start.isoformat(), str(period.zone)])
    writer.writerow(["report", "end", _("To"), period.end.isoformat(), str(period.zone)])
    writer.writerow(["report", "generated_at", _("Made on"), report.generated_at.isoformat(), ""])
    for figure in key_figures(report):
        writer.writerow(
            [figure.section, figure.key, figure.label, _plain(figure.value), figure.note]
        )
    for note in report.notes:
        writer.writerow(["note", note.level, note.text, "", ""])
    for group, rows in (
        ("platform", report.engagement.by_platform),
        ("kind", report.engagement.by_kind),
    ):
        for row in rows:
            for metric in (*METRICS, "interactions"):
                m = row.metrics[metric]
                writer.writerow(
                    [
                        f"by_{group}",
                        f"{row.key or '-'}:{metric}",
                        row.label,
                        _plain(m.total),
                        f"{m.known}/{m.posts}",
                    ]
                )
    for day, value in report.engagement.by_day:
        writer.writerow(["interactions_by_day", day.isoformat(), "", _plain(value), ""])
    for item in report.engagement.posts:
        post = item.post
        for metric in (*METRICS, "interactions"):
            writer.writerow(
                [
                    "post",
                    f"{post.platform}:{post.platform_post_id}:{metric}",
                    f"{post.label} ({kind_name(post.kind)})",
                    _plain(item.value(metric)),
                    post.url,
                ]
            )
    for link_row in report.clicks.links:
        writer.writerow(
            [
                "link",
                link_row.link.code,
                link_row.link.label or link_row.link.target,
                link_row.visitors,
                f"all={link_row.clicks}",
            ]
        )
    for key, label, n in report.clicks.by_source:
        writer.writerow(["clicks_by_source", key, label, n, ""])
    for day, n in report.clicks.by_day:
        writer.writerow(["clicks_by_day", day.isoformat(), "", n, ""])
    for p in report.signups.programmes:
        writer.writerow(
            ["programme", p.programme.slug, p.programme.title, p.signups, p.programme.kind]
        )
    for label, n in report.signups.by_source:
        writer.writerow(["signups_by_source", "", label, n, ""])
    for name, n in report.signups.by_campaign:
        writer.writerow(["signups_by_campaign", "", name, n, ""])
    for day, n in report.signups.by_day:
        writer.writerow(["signups_by_day", day.isoformat(), "", n, ""])
    for verdict, n in report.comments.by_verdict.items():
        writer.writerow(["comments_by_verdict", verdict, "", n, ""])
