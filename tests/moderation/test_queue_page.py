"""The queue page: crisis first, then risk band, then waiting time; paginated, bounded
queries; distressing content blurred; the engine's spans highlighted on the item page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from suar.community.models import Status
from suar.moderation import selectors
from suar.moderation.models import QueueItem
from suar.moderation.services import queue_item
from suar.safety import analyze
from tests.community.factories import make_story
from tests.moderation.conftest import HARASSMENT_TEXT, as_

pytestmark = pytest.mark.django_db


def _queue(group, author, organisation, n, *, crisis_every=0):  # type: ignore[no-untyped-def]
    for i in range(n):
        story = make_story(group, author, title=f"Cerita {i}", status=Status.HELD)
        crisis = bool(crisis_every) and i % crisis_every == 0
        queue_item(
            item=story,
            organisation=organisation,
            category="crisis" if crisis else "harassment",
            risk=(i % 10) / 10,
            findings=[],
        )


def test_ordering_is_crisis_then_band_then_longest_waiting(
    group, author, organisation, moderator
) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    specs = [
        ("old-low", 0.31, 0, 50),
        ("new-high", 0.92, 0, 1),
        ("old-high", 0.88, 0, 30),
        ("crisis-new", 0.4, 1, 2),
        ("crisis-old", 0.4, 1, 40),
    ]
    for title, risk, is_crisis, minutes in specs:
        story = make_story(group, author, title=title, status=Status.HELD)
        entry = queue_item(
            item=story,
            organisation=organisation,
            category="crisis" if is_crisis else "harassment",
            risk=risk,
            findings=[],
        )
        QueueItem.objects.filter(pk=entry.pk).update(created_at=now - timedelta(minutes=minutes))
    titles = [e.item.title for e in selectors.open_queue(moderator)]
    # 0.92 and 0.88 share the 0.9 band: the longer waiting one comes first.
    assert titles == ["crisis-old", "crisis-new", "old-high", "new-high", "old-low"]


@pytest.mark.parametrize("backlog", [3, 60])
def test_the_page_runs_a_bounded_number_of_queries(  # type: ignore[no-untyped-def]
    client, group, author, organisation, moderator, django_assert_max_num_queries, backlog
) -> None:
    _queue(group, author, organisation, backlog, crisis_every=7)
    as_(client, moderator)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("moderation:queue"))
    page = response.content.decode()
    assert page.count('class="card queue-item') == min(backlog, selectors.PAGE_SIZE)
    if backlog > selectors.PAGE_SIZE:
        assert "Page 1 of 3" in page
        second = client.get(reverse("moderation:queue") + "?hal=3").content.decode()
        assert second.count('class="card queue-item') == backlog - 2 * selectors.PAGE_SIZE


def test_distressing_content_is_blurred_until_opened(client, held_story, entry, moderator) -> None:  # type: ignore[no-untyped-def]
    page = as_(client, moderator).get(reverse("moderation:queue")).content.decode()
    card = page[page.index(f'data-entry="{entry.pk}"') :]
    assert 'class="sensitive"' in card[:600]
    assert "Show the content" in card and 'class="blurrable"' in card


def test_the_item_page_highlights_what_the_engine_found(
    client, group, author, organisation, moderator
) -> None:  # type: ignore[no-untyped-def]
    story = make_story(group, author, title="Kasar", body=HARASSMENT_TEXT, status=Status.HELD)
    report = analyze(f"{story.title}\n\n{story.body}")
    entry = queue_item(
        item=story,
        organisation=organisation,
        category="harassment",
        risk=report.risk,
        findings=[f.to_dict() for f in report.findings],
    )
    page = as_(client, moderator).get(reverse("moderation:item", args=[entry.pk])).content.decode()
    assert '<mark class="harassment"' in page
    marked = page.split('<mark class="harassment"')[1].split(">", 1)[1].split("</mark>")[0]
    assert marked.lower() in HARASSMENT_TEXT.lower()
    assert report.findings[0].explanation_en in page


def test_highlighting_escapes_the_text() -> None:  # type: ignore[no-untyped-def]
    from suar.moderation.items import highlighted

    pieces = highlighted(
        "a <b>x</b> c",
        [{"start": 2, "end": 10, "category": "spam"}, {"start": 0, "end": 12, "category": "model"}],
    )
    assert pieces == [("a ", None), ("<b>x</b>", pieces[1][1]), (" c", None)]
