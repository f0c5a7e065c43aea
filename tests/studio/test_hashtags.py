"""Hashtag suggestions from campaigns and history; warnings for too many, unsafe, misspelled."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import override

from suar.studio import hashtags

pytestmark = pytest.mark.django_db


def test_history_suggests_tags_the_organisation_used(organisation, make_post) -> None:
    make_post("Satu #PulihBersama #StopStigma")
    make_post("Dua #PulihBersama")
    suggestions = hashtags.suggest(organisation, "Teks baru")
    assert [(s.tag, s.source, s.uses) for s in suggestions[:2]] == [
        ("pulihbersama", "history", 2),
        ("stopstigma", "history", 1),
    ]
    assert "pulihbersama" not in [s.tag for s in hashtags.suggest(organisation, "#PulihBersama")]


def test_campaign_tags_come_first(organisation) -> None:
    from suar.campaigns.models import Campaign

    Campaign.objects.create(
        organisation=organisation,
        name="Hari Bicara",
        slug="hari-bicara",
        hashtags=["SuarHarapan"],
        starts_at=timezone.now(),
        ends_at=timezone.now() + dt.timedelta(days=3),
    )
    assert hashtags.suggest(organisation, "")[0].tag == "suarharapan"


def test_performance_hook_ranks_history(organisation, make_post) -> None:
    make_post("#satu #satu2 #dua")
    hashtags.performance_sources.append(lambda org: {"dua": 9.0})
    try:
        first = hashtags.suggest(organisation, "")[0]
    finally:
        hashtags.performance_sources.clear()
    assert (first.tag, first.source) == ("dua", "performance")


def test_too_many_tags_for_instagram(organisation) -> None:
    text = " ".join(f"#tag{n}x" for n in range(31))
    with override("en"):
        messages = [w.message for w in hashtags.warnings(organisation, text, ["instagram"])]
    assert "31 hashtags: Instagram allows at most 30." in messages


def test_misspelling_distance_rules() -> None:
    assert hashtags.likely_meant("mentalhealt", ["mentalhealth"]) == "mentalhealth"
    assert hashtags.likely_meant("recovery", ["recovery"]) is None
    assert hashtags.likely_meant("pulih", ["pulang"]) is None  # short tags: one edit at most


def test_the_chosen_campaigns_tags_are_suggested_first_while_writing(  # type: ignore[no-untyped-def]
    login_as, writer, organisation
) -> None:
    import datetime as dt

    from django.utils import timezone

    from suar.campaigns.models import Campaign

    window = {"starts_at": timezone.now(), "ends_at": timezone.now() + dt.timedelta(days=3)}
    Campaign.objects.create(
        organisation=organisation, name="A", slug="a", hashtags=["LainLagi"], **window
    )
    chosen = Campaign.objects.create(
        organisation=organisation, name="B", slug="b", hashtags=["HariBicara"], **window
    )

    panel = login_as(writer).post(
        "/studio/periksa/",
        {"organisation": organisation.pk, "text": "Halo", "campaign": chosen.pk},
    )

    buttons = panel.content.decode().split('class="tag-suggestions"')[1]
    assert buttons.index("#haribicara") < buttons.index("#lainlagi")
