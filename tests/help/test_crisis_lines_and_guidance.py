"""Crisis lines by country (Indonesia first, the organisation's own first), the guidance page
in both languages, and the demo entries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suar.accounts.models import Organisation
from suar.help import selectors
from suar.help.models import HelpService

pytestmark = pytest.mark.django_db


def test_the_shipped_lines_are_the_verified_public_ones() -> None:
    names = [s.name for s in selectors.crisis_lines("ID")]
    assert names[:3] == ["Healing119.id (Kementerian Kesehatan)", "SEJIWA", "JakCare (DKI Jakarta)"]
    assert names[-1] == "Find A Helpline"  # international, after the country's own
    assert not HelpService.objects.filter(phone__contains="500-454").exists()  # closed in 2014
    bnn = HelpService.objects.get(name="BNN Call Centre")
    assert not bnn.show_in_crisis  # it also takes crime reports


def test_an_organisations_own_line_comes_first_and_other_countries_fall_back(organisation) -> None:  # type: ignore[no-untyped-def]
    HelpService.objects.create(
        organisation=organisation,
        name="Hotline Pulih",
        kind="hotline",
        phone="0800-1",
        show_in_crisis=True,
        priority=500,
    )
    assert selectors.crisis_lines("ID", organisation)[0].name == "Hotline Pulih"
    other = Organisation.objects.create(name="Lain", slug="lain")
    assert "Hotline Pulih" not in [s.name for s in selectors.crisis_lines("ID", other)]
    # A country with no lines of its own: Indonesia's and the international ones, never none.
    assert next(s.name for s in selectors.crisis_lines("MY")).startswith("Healing119")


def test_the_crisis_page_uses_the_organisations_country(client, organisation) -> None:  # type: ignore[no-untyped-def]
    from tests.community.factories import make_person

    malaysia = Organisation.objects.create(name="KL", slug="kl", country="MY")
    HelpService.objects.create(
        name="Befrienders KL (example)",
        kind="hotline",
        country="MY",
        show_in_crisis=True,
        phone="03-0000",
    )
    person = make_person(malaysia, "ali")
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("help:crisis")).content.decode()
    assert page.index("Befrienders KL") < page.index("Find A Helpline")
    assert "Healing119" not in page
    community = client.get(reverse("community:help")).content.decode()
    assert "Befrienders KL" in community


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("en", "When to seek professional help"),
        ("id", "Kapan mencari bantuan profesional"),
    ],
)
def test_the_guidance_page_in_both_languages(client, language, phrase) -> None:  # type: ignore[no-untyped-def]
    client.cookies["suar_language"] = language
    page = client.get(reverse("help:when")).content.decode()
    assert phrase in page and "119" in page


def test_the_demo_is_idempotent_and_marks_examples(organisation) -> None:  # type: ignore[no-untyped-def]
    from suar.help import demo

    demo.load(organisation=organisation, people={}, groups={})
    count = HelpService.objects.count()
    demo.load(organisation=organisation, people={}, groups={})
    assert HelpService.objects.count() == count
    examples = HelpService.objects.filter(organisation=organisation)
    assert examples.exists() and all(s.is_example for s in examples)
    assert all(s.name.startswith(("Contoh:", "Example:")) for s in examples)
    assert HelpService.objects.get(name="SEJIWA", organisation=None).phone == "119 ext. 8"


def test_with_an_empty_directory_the_national_lines_are_still_shown(client) -> None:  # type: ignore[no-untyped-def]
    HelpService.objects.all().delete()
    page = client.get(reverse("help:crisis")).content.decode()
    assert "119 ext. 8" in page and "Healing119" in page and "findahelpline.com" in page


@pytest.mark.parametrize(
    ("language", "heading", "step"),
    [
        ("en", "Worried about someone else?", "Asking does not put the idea in their head."),
        ("id", "Khawatir tentang orang lain?", "Bertanya tidak menanamkan ide itu di kepalanya."),
    ],
)
def test_the_crisis_page_also_tells_a_worried_friend_what_to_do(  # type: ignore[no-untyped-def]
    client, language, heading, step
) -> None:
    # A worried friend's post can land here (the trained model's whole-text crisis score).
    client.cookies["suar_language"] = language
    page = client.get(reverse("help:crisis")).content.decode()
    assert heading in page and step in page and "112" in page
