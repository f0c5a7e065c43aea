"""The funder report as a PDF (ReportLab: pure Python, nothing to install beyond pip).

It prints the same key figures, notes and charts as the dashboard, in the language asked.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from suar.analytics.charts import Chart
from suar.analytics.engagement import kind_name
from suar.analytics.report import ImpactReport
from suar.analytics.summary import by_section, fmt_count, fmt_share, key_figures
from suar.analytics.visuals import report_charts

FONT, BOLD = "SuarVera", "SuarVera-Bold"
_FONTS = Path(reportlab.__file__).parent / "fonts"
CONTENT_WIDTH = A4[0] - 36 * mm
# Characters the shipped font cannot draw (emoji and other astral symbols) are dropped
# rather than printed as empty boxes.
_ASTRAL = re.compile(r"[\U00010000-\U0010FFFF\u2600-\u27BF\uFE0F]")


def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(_FONTS / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(_FONTS / "VeraBd.ttf")))


def clean(text: str) -> str:
    return escape(_ASTRAL.sub("", text))


def _hex(value: str) -> colors.Color:
    return colors.HexColor(value)


def chart_drawing(chart: Chart, width: float = CONTENT_WIDTH) -> Drawing:
    """The chart's shapes, flipped to PDF coordinates (origin bottom left) and scaled."""
    scale = width / chart.width
    h = chart.height
    group = Group()
    for a, b, c, d in chart.rules:
        group.add(Line(a, h - b, c, h - d, strokeColor=_hex("#dddddd"), strokeWidth=0.5))
    for r in chart.rects:
        fill = _hex(r.fill).clone(alpha=r.opacity) if r.opacity < 1 else _hex(r.fill)
        group.add(Rect(r.x, h - r.y - r.h, r.w, r.h, fillColor=fill, strokeColor=None))
    for ln in chart.lines:
        flat = [v for x, y in ln.points for v in (x, h - y)]
        if len(flat) >= 4:
            group.add(PolyLine(flat, strokeColor=_hex(ln.color), strokeWidth=1.5))
        elif flat:
            group.add(Rect(flat[0] - 1.5, flat[1] - 1.5, 3, 3, fillColor=_hex(ln.color)))
    for lb in chart.labels:
        group.add(
            String(
                lb.x,
                h - lb.y,
                _ASTRAL.sub("", lb.text).replace("■", "-"),
                fontName=FONT,
                fontSize=lb.size,
                fillColor=_hex(lb.fill),
                textAnchor=lb.anchor,
            )
        )
    group.transform = (scale, 0, 0, scale, 0, 0)
    drawing = Drawing(width, h * scale)
    drawing.add(group)
    return drawing


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=BOLD, fontSize=18),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=BOLD, fontSize=13),
        "body": ParagraphStyle("b", parent=base["BodyText"], fontName=FONT, fontSize=9.5),
        "small": ParagraphStyle("s", parent=base["BodyText"], fontName=FONT, fontSize=8),
        "missing": ParagraphStyle(
            "m", parent=base["BodyText"], fontName=FONT, fontSize=9.5, textColor=_hex("#8a3b00")
        ),
    }


def _table(rows: list[list[str]], widths: list[float], styles: dict[str, ParagraphStyle]) -> Table:
    cells = [[Paragraph(clean(str(c)), styles["body"]) for c in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _hex("#f3e6dc")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, _hex("#dddddd")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def render_pdf(report: ImpactReport, *, language: str) -> bytes:
    _register_fonts()
    with translation.override(language):
        return _render(report)


def _render(report: ImpactReport) -> bytes:
    styles = _styles()
    out = io.BytesIO()
    period = report.period
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Impact report: %(org)s") % {"org": report.organisation.name},
        author=report.organisation.name,
        creator="Suar",
    )
    story: list[object] = [
        Paragraph(
            clean(_("Impact report: %(org)s") % {"org": report.organisation.name}), styles["title"]
        ),
        Paragraph(
            clean(
                _("%(start)s to %(end)s · made on %(made)s")
                % {
                    "start": date_format(period.start, "j F Y"),
                    "end": date_format(period.end, "j F Y"),
                    "made": date_format(report.generated_at.astimezone(period.zone), "j F Y H:i"),
                }
            ),
            styles["body"],
        ),
        Spacer(1, 4 * mm),
    ]
    if report.notes:
        story.append(Paragraph(clean(_("What these figures leave out")), styles["h2"]))
        for note in report.notes:
            style = styles["missing"] if note.level == "missing" else styles["body"]
            story.append(Paragraph("• " + clean(note.text), style))
        story.append(Spacer(1, 3 * mm))
    figures = key_figures(report)
    for title, items in by_section(figures):
        rows = [[_("Figure"), _("Value"), _("Note")]]
        rows += [
            [f.label, f.display, f.note or (_("not available") if f.missing else "")] for f in items
        ]
        story.append(
            KeepTogether(
                [
                    Paragraph(clean(title), styles["h2"]),
                    _table(
                        rows,
                        [CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.2, CONTENT_WIDTH * 0.3],
                        styles,
                    ),
                ]
            )
        )
    charts = report_charts(report)
    story.append(Paragraph(clean(_("Charts")), styles["h2"]))
    for key in (
        "interactions_by_day",
        "by_platform",
        "per_post_by_kind",
        "clicks_by_day",
        "clicks_by_source",
        "signups_by_day",
        "best_time",
    ):
        chart = charts[key]
        story.append(
            KeepTogether(
                [
                    Paragraph(clean(chart.title), styles["body"]),
                    chart_drawing(chart),
                    Spacer(1, 4 * mm),
                ]
            )
        )
    story += _detail_tables(report, styles)
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(clean(_methodology()), styles["small"]))
    doc.build(story)
    return out.getvalue()


def _detail_tables(report: ImpactReport, styles: dict[str, ParagraphStyle]) -> list[object]:
    out: list[object] = []
    engagement = report.engagement
    if engagement.by_platform:
        rows = [
            [
                _("Platform"),
                _("Posts"),
                _("Likes"),
                _("Comments"),
                _("Shares"),
                _("Reach"),
                _("Impressions"),
            ]
        ]
        for row in engagement.by_platform:
            m = row.metrics
            rows.append(
                [row.label, fmt_count(row.posts)]
                + [
                    fmt_count(m[k].total)
                    for k in ("likes", "comments", "shares", "reach", "impressions")
                ]
            )
        out += [
            Paragraph(clean(_("By platform")), styles["h2"]),
            _table(rows, [CONTENT_WIDTH / 7] * 7, styles),
        ]
    if report.top_posts:
        rows = [[_("Post"), _("Platform"), _("Kind"), _("Interactions")]]
        for item in report.top_posts:
            rows.append(
                [
                    item.post.label or item.post.platform_post_id,
                    item.post.platform,
                    kind_name(item.post.kind),
                    fmt_count(item.value("interactions")),
                ]
            )
        widths = [
            CONTENT_WIDTH * 0.5,
            CONTENT_WIDTH * 0.15,
            CONTENT_WIDTH * 0.2,
            CONTENT_WIDTH * 0.15,
        ]
        out += [
            Paragraph(clean(_("Posts with the most interactions")), styles["h2"]),
            _table(rows, widths, styles),
        ]
    if report.signups.programmes:
        rows = [[_("Programme"), _("Kind"), _("Sign-ups")]]
        for p in report.signups.programmes:
            rows.append(
                [p.programme.title, str(p.programme.get_kind_display()), fmt_count(p.signups)]
            )
        widths = [CONTENT_WIDTH * 0.55, CONTENT_WIDTH * 0.3, CONTENT_WIDTH * 0.15]
        out += [Paragraph(clean(_("Programmes")), styles["h2"]), _table(rows, widths, styles)]
        if report.signups.by_source:
            rows = [[_("Came from"), _("Sign-ups")]]
            rows += [[label, fmt_count(n)] for label, n in report.signups.by_source]
            rows += [
                [_("Campaign: %(c)s") % {"c": name}, fmt_count(n)]
                for name, n in report.signups.by_campaign
            ]
            out += [_table(rows, [CONTENT_WIDTH * 0.8, CONTENT_WIDTH * 0.2], styles)]
    comments = report.comments
    if comments.total:
        rows = [[_("Comments on our posts"), _("Count")]]
        rows += [
            [_("Supportive"), fmt_count(comments.by_verdict.get("supportive", 0))],
            [_("Neutral"), fmt_count(comments.by_verdict.get("neutral", 0))],
            [_("Harassing"), fmt_count(comments.by_verdict.get("toxic", 0))],
            [_("Raised to moderators (crisis)"), fmt_count(comments.by_verdict.get("crisis", 0))],
            [_("Share supportive"), fmt_share(comments.supportive_share)],
        ]
        out += [_table(rows, [CONTENT_WIDTH * 0.8, CONTENT_WIDTH * 0.2], styles)]
    return out


def _methodology() -> str:
    return _(
        "How these figures were made: likes, comments, shares, reach and impressions are the "
        "platforms' own figures, as last fetched through their APIs or imported from their "
        "exports; a figure a platform does not give is shown as “—” and left out of totals. "
        "Link clicks are counted by Suar without storing IP addresses or building profiles "
        "(repeats by the same browser on the same day are removed with a hash that is deleted "
        "at the end of the day). Sign-ups record only the campaign, post or link they came "
        "from. Community figures are counts; no person can be identified from them."
    )
