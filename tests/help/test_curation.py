"""Organisations curate their entries; everyone else is refused; every change is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from suar.accounts.models import Organisation
from suar.help import services
from suar.help.models import HelpService
from suar.moderation.models import AuditEntry
from tests.community.factories import make_person

pytestmark = pytest.mark.django_db

ENTRY = {
    "kind": "counsellor",
    "name": "Konselor Kita",
    "city": "Medan",
    "languages": "id, EN",
    "cost": "free",
    "bpjs": "unknown",
    "priority": 100,
    "country": "ID",
}


def _as(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_an_organiser_adds_and_edits_an_entry(client, organisation) -> None:  # type: ignore[no-untyped-def]
    organiser = make_person(organisation, "org", role="organiser")
    _as(client, organiser)
    form = client.get(reverse("help:create") + f"?org={organisation.pk}")
    assert form.status_code == 200
    response = client.post(
        reverse("help:create"), {**ENTRY, "org": organisation.pk, "active": "on"}
    )
    assert response.status_code == 302
    service = HelpService.objects.get(name="Konselor Kita")
    assert service.organisation == organisation and service.languages == "id,en"
    client.post(
        reverse("help:edit", args=[service.pk]), {**ENTRY, "name": "Konselor Medan", "active": "on"}
    )
    service.refresh_from_db()
    assert service.name == "Konselor Medan"
    assert list(
        AuditEntry.objects.filter(action__startswith="help.")
        .values_list("action", flat=True)
        .order_by("id")
    ) == ["help.create", "help.update"]
    assert "Konselor Medan" in client.get(reverse("help:manage")).content.decode()


def test_members_and_other_organisations_cannot_curate(client, organisation) -> None:  # type: ignore[no-untyped-def]
    service = HelpService.objects.create(
        organisation=organisation, name="Milik Pulih", kind="clinic"
    )
    member = make_person(organisation, "anggota")
    stranger = make_person(
        Organisation.objects.create(name="Lain", slug="lain"), "x", role="organiser"
    )
    for person in (member, stranger):
        _as(client, person)
        assert client.post(reverse("help:edit", args=[service.pk]), ENTRY).status_code == 403
        assert (
            client.post(reverse("help:create"), {**ENTRY, "org": organisation.pk}).status_code
            == 403
        )
        with pytest.raises(PermissionDenied):
            services.save_service(actor=person, organisation=organisation, data=ENTRY)
    assert _as(client, member).get(reverse("help:manage")).status_code == 403
    api = client.post(
        f"/api/v1/help/organisations/{organisation.slug}/services",
        ENTRY,
        content_type="application/json",
    )
    assert api.status_code == 403
    service.refresh_from_db()
    assert service.name == "Milik Pulih"


def test_install_wide_entries_are_for_the_operators(client, organisation) -> None:  # type: ignore[no-untyped-def]
    organiser = make_person(organisation, "org", role="organiser")
    line = HelpService.objects.filter(organisation__isnull=True).first()
    assert line is not None  # seeded by the migration
    assert (
        _as(client, organiser).post(reverse("help:edit", args=[line.pk]), ENTRY).status_code == 403
    )


def test_the_api_creates_for_a_curator(client, organisation) -> None:  # type: ignore[no-untyped-def]
    _as(client, make_person(organisation, "org", role="organiser"))
    made = client.post(
        f"/api/v1/help/organisations/{organisation.slug}/services",
        ENTRY,
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["languages"] == ["id", "en"]
    bad = client.post(
        f"/api/v1/help/organisations/{organisation.slug}/services",
        {**ENTRY, "kind": "wizard"},
        content_type="application/json",
    )
    assert bad.status_code == 422
