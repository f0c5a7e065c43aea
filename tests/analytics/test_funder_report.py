"""The funder report: a PDF that renders (turned into an image here) with the dashboard's
numbers, in Indonesian or English, and a CSV with the same figures."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

import pypdfium2 as pdfium
import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import number_format

from suar.analytics import services
from suar.analytics.models import LinkClickDay, Programme
from suar.studio.models import ShortLink
from tests.analytics.history import generate

FIGURE = re.compile(r'<dt>(.*?)</dt>\s*<dd data-testid="figure-([a-z_0-9]+)">(.*?)</dd>', re.S)


@pytest.fixture
def history(organisation, organiser):  # type: ignore[no-untyped-def]
    generate(organisation, seed=11, posts=40)
    programme = services.create_programme(
        actor=organiser,
        organisation=organisation,
        kind=Programme.Kind.COUNSELLING,
        title="Konseling awal",
    )
    for n in range(3):
        services.sign_up(
            programme=programme,
            name=f"P{n}",
            contact="x",
            contact_method="other",
            source="instagram",
        )
    link = ShortLink.objects.create(organisation=organisation, code="zz1", target="/")
    today = timezone.localdate()
    for back, source, n in ((1, "instagram", 1234), (3, "facebook", 56)):
        LinkClickDay.objects.create(
            link=link, day=today - dt.timedelta(days=back), source=source, clicks=n + 5, visitors=n
        )


def dashboard_figures(client: Client, query: str) -> dict[str, tuple[str, str]]:
    page = client.get(f"/dampak/pulih/?{query}").content.decode()
    return {
        key: (html.unescape(label), html.unescape(value))
        for label, key, value in FIGURE.findall(page)
    }


def pdf_text(data: bytes) -> tuple[str, list[object]]:
    pdf = pdfium.PdfDocument(data)
    texts, images = [], []
    for index in range(len(pdf)):
        page = pdf[index]
        texts.append(page.get_textpage().get_text_range())
        images.append(page.render(scale=1).to_pil())
    return " ".join(" ".join(texts).split()), images


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_pdf_renders_with_the_dashboards_numbers(
    history, login_as, organiser, language: str
) -> None:  # type: ignore[no-untyped-def]
    client = login_as(organiser)
    client.cookies["suar_language"] = language
    query = "start=" + (timezone.localdate() - dt.timedelta(days=44)).isoformat()
    shown = dashboard_figures(client, query)
    assert len(shown) >= 30

    response = client.get(f"/dampak/pulih/laporan.pdf?{query}&lang={language}")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text, images = pdf_text(response.content)
    for key, (label, value) in shown.items():
        assert f"{' '.join(label.split())} {value}" in text, key
    title = "Laporan dampak" if language == "id" else "Impact report"
    assert title in text
    # Really drawn: the first page has text on white, and the charts have the accent colour.
    first = images[0].convert("RGB")
    dark = sum(1 for px in first.get_flattened_data() if sum(px) < 200)
    assert dark > 2000
    accent = sum(
        1 for img in images for px in img.convert("RGB").get_flattened_data() if px == (180, 83, 11)
    )
    assert accent > 500


def test_the_pdf_numbers_are_formatted_per_language(history, login_as, organiser) -> None:  # type: ignore[no-untyped-def]
    client = login_as(organiser)
    query = "start=" + (timezone.localdate() - dt.timedelta(days=44)).isoformat()
    id_text, _ = pdf_text(client.get(f"/dampak/pulih/laporan.pdf?{query}&lang=id").content)
    en_text, _ = pdf_text(client.get(f"/dampak/pulih/laporan.pdf?{query}&lang=en").content)
    assert "1.290" in id_text and "1,290" in en_text  # link clicks, repeats removed


def test_the_csv_holds_the_same_figures_as_plain_numbers(history, login_as, organiser) -> None:  # type: ignore[no-untyped-def]
    client = login_as(organiser)
    client.cookies["suar_language"] = "en"
    query = "start=" + (timezone.localdate() - dt.timedelta(days=44)).isoformat()
    shown = dashboard_figures(client, query)

    response = client.get(f"/dampak/pulih/laporan.csv?{query}&lang=en")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "key", "label", "value", "note"]
    figures = {
        row[1]: row
        for row in rows
        if row[0] in ("engagement", "links", "signups", "community", "comments")
    }
    assert set(figures) == set(shown)
    with translation.override("en"):
        for key, (_label, display) in shown.items():
            value = figures[key][3]
            if display == "—":
                assert value == "", key  # missing stays empty, never 0
            elif key in ("link_visitors", "link_clicks", "signups", "posts", "likes", "stories"):
                assert number_format(int(value), force_grouping=True) == display, key
    assert figures["link_visitors"][3] == "1290" and figures["signups"][3] == "3"


def test_an_empty_range_report_says_what_is_missing(login_as, organiser) -> None:  # type: ignore[no-untyped-def]
    client = login_as(organiser)
    response = client.get("/dampak/pulih/laporan.pdf?start=2001-01-01&end=2001-01-31&lang=en")
    text, _ = pdf_text(response.content)
    assert "What these figures leave out" in text
    assert "No posts were published in this range" in text
    assert "Posts published 0" in text and "Likes and reactions — not available" in text


def test_a_formula_in_a_post_title_is_defused_in_the_csv(login_as, organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    from suar.analytics.models import TrackedPost

    TrackedPost.objects.create(
        organisation=organisation,
        platform="x",
        platform_post_id="1",
        label='=HYPERLINK("http://evil.example")',
        published_at=timezone.now(),
    )
    body = login_as(organiser).get("/dampak/pulih/laporan.csv?lang=en").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    labels = [row[2] for row in rows if row[0] == "post"]
    assert labels and all(label.startswith("'=HYPERLINK") for label in labels)
