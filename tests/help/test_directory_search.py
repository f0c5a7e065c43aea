"""The directory: searchable and filterable by kind, place, language, cost and BPJS."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suar.help.models import HelpService

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(organisation):  # type: ignore[no-untyped-def]
    HelpService.objects.all().delete()
    rows = [
        ("Psikolog Jogja", "psychologist", "Yogyakarta", "id,jv", "paid", "no", False),
        ("Puskesmas Bandung", "clinic", "Bandung", "id,su", "low", "yes", False),
        ("Dr. Maya", "psychiatrist", "Jakarta Selatan", "id,en", "paid", "yes", True),
        ("Rumah Pulih", "rehab", "Bogor", "id", "low", "unknown", False),
    ]
    for name, kind, city, langs, cost, bpjs, online in rows:
        HelpService.objects.create(
            organisation=organisation,
            name=name,
            kind=kind,
            city=city,
            languages=langs,
            cost=cost,
            bpjs=bpjs,
            online=online,
        )


def _names(client, **query) -> list[str]:  # type: ignore[no-untyped-def]
    page = client.get(reverse("help:directory"), query).content.decode()
    return sorted(s.name for s in HelpService.objects.all() if f">{s.name}</a>" in page)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Dr. Maya", "Psikolog Jogja", "Puskesmas Bandung", "Rumah Pulih"]),
        ({"kind": "psychiatrist"}, ["Dr. Maya"]),
        ({"city": "bandung"}, ["Puskesmas Bandung"]),
        ({"language": "jv"}, ["Psikolog Jogja"]),
        ({"cost": "low"}, ["Puskesmas Bandung", "Rumah Pulih"]),
        ({"bpjs": "on"}, ["Dr. Maya", "Puskesmas Bandung"]),
        ({"online": "on"}, ["Dr. Maya"]),
        ({"q": "pulih"}, ["Rumah Pulih"]),
        ({"q": "zzz"}, []),
    ],
)
def test_search_and_filters(client, listed, query, expected) -> None:  # type: ignore[no-untyped-def]
    assert _names(client, **query) == expected


def test_an_empty_result_says_what_to_try(client, listed) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("help:directory"), {"q": "zzz"}).content.decode()
    assert "Nothing matches" in page


def test_the_directory_paginates_with_bounded_queries(
    client, organisation, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for i in range(45):
        HelpService.objects.create(
            organisation=organisation, name=f"Layanan {i:02}", kind="counsellor"
        )
    with django_assert_max_num_queries(6):
        page = client.get(reverse("help:directory")).content.decode()
    assert page.count('class="card help-service"') == 20


def test_example_entries_say_so_and_the_api_searches(client, listed) -> None:  # type: ignore[no-untyped-def]
    HelpService.objects.filter(name="Dr. Maya").update(is_example=True)
    page = client.get(reverse("help:directory")).content.decode()
    assert page.count("Example entry for the demo") == 1
    data = client.get("/api/v1/help/services", {"kind": "clinic", "bpjs": "true"}).json()
    assert [d["name"] for d in data] == ["Puskesmas Bandung"] and data[0]["languages"] == [
        "id",
        "su",
    ]
