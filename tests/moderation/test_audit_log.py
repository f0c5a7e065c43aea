"""The audit log: every moderator and admin action, and no way at all to change it."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from suar.accounts.models import User
from suar.moderation import decisions
from suar.moderation.models import AuditEntry
from suar.moderation.services import record_audit
from tests.community.factories import make_person
from tests.moderation.conftest import as_

pytestmark = pytest.mark.django_db


@pytest.fixture
def audited(entry, moderator) -> AuditEntry:  # type: ignore[no-untyped-def]
    decisions.decide(actor=moderator, entry=entry, action="hide", reason="Kasar sekali")
    return AuditEntry.objects.get(action="decision.hide")


def test_the_model_refuses_edits_and_deletes(audited) -> None:  # type: ignore[no-untyped-def]
    audited.reason = "diubah"
    with pytest.raises(PermissionError):
        audited.save()
    with pytest.raises(PermissionError):
        audited.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=audited.pk).update(reason="diubah")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    audited.refresh_from_db()
    assert audited.reason == "Kasar sekali"


def test_the_database_refuses_edits_made_around_the_model(audited) -> None:  # type: ignore[no-untyped-def]
    table = AuditEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET reason = %s WHERE id = %s", ["diubah", audited.pk])  # noqa: S608
    assert AuditEntry.objects.get(pk=audited.pk).reason == "Kasar sekali"


def test_deleting_an_account_keeps_the_entry_and_the_name(audited, moderator) -> None:  # type: ignore[no-untyped-def]
    User.objects.filter(pk=moderator.pk).delete()
    audited.refresh_from_db()
    assert audited.actor is None and audited.actor_name == "moda"


def test_the_admin_shows_it_but_cannot_change_or_delete(client, audited, organisation) -> None:  # type: ignore[no-untyped-def]
    root = User.objects.create(username="root", is_staff=True, is_superuser=True)
    as_(client, root)
    change = f"/admin/moderation/auditentry/{audited.pk}/change/"
    assert client.get(change).status_code == 200
    client.post(change, {"action": "x", "target": "y", "reason": "diubah"})
    client.post(f"/admin/moderation/auditentry/{audited.pk}/delete/", {"post": "yes"})
    client.post(
        "/admin/moderation/auditentry/",
        {"action": "delete_selected", "_selected_action": [audited.pk], "post": "yes"},
    )
    assert client.get("/admin/moderation/auditentry/add/").status_code == 403
    audited.refresh_from_db()
    assert audited.reason == "Kasar sekali"


def test_the_page_and_the_api_only_read(client, audited, moderator, organisation) -> None:  # type: ignore[no-untyped-def]
    as_(client, moderator)
    page = client.get(reverse("moderation:audit")).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert "decision.hide" in main and "Kasar sekali" in main and 'method="post"' not in main
    assert client.post(reverse("moderation:audit"), {"reason": "x"}).status_code == 405
    api = "/api/v1/moderation/audit"
    assert client.get(api).json()[0]["reason"] == "Kasar sekali"
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(api, {"reason": "x"}, content_type="application/json")
        assert response.status_code == 405, method
    assert client.delete(f"{api}/{audited.pk}").status_code == 404
    assert AuditEntry.objects.get(pk=audited.pk).reason == "Kasar sekali"


def test_members_cannot_read_it_and_other_organisations_see_nothing(
    client, audited, reader
) -> None:  # type: ignore[no-untyped-def]
    from suar.accounts.models import Organisation

    assert as_(client, reader).get(reverse("moderation:audit")).status_code == 403
    assert client.get("/api/v1/moderation/audit").status_code == 403
    other = make_person(
        Organisation.objects.create(name="Lain", slug="lain"), "x", role="moderator"
    )
    assert (
        "Kasar sekali" not in as_(client, other).get(reverse("moderation:audit")).content.decode()
    )


def test_admin_site_changes_are_recorded(client, organisation) -> None:  # type: ignore[no-untyped-def]
    root = User.objects.create(username="root", is_staff=True, is_superuser=True)
    as_(client, root)
    response = client.post(
        "/admin/accounts/organisation/add/",
        {"name": "Baru", "slug": "baru", "country": "ID", "description": ""},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.add")
    assert entry.actor_name == "root" and entry.target.startswith("organisation:")


def test_record_audit_names_the_target(organisation, moderator) -> None:  # type: ignore[no-untyped-def]
    entry = record_audit(actor=moderator, action="x.y", target=organisation, reason="r")
    assert entry.target == f"accounts.organisation:{organisation.pk}"
