"""Anonymous posts: a stable pseudonym per group, unmasked only by an admin, always logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suar.accounts.roles import Role
from suar.community.models import Pseudonym, Story
from suar.moderation.models import AuditEntry, QueueItem
from tests.community.factories import make_group, make_person

pytestmark = pytest.mark.django_db

HARASSMENT = "Dasar goblok lu, mati aja sana anjing"


def _as(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _post(client, body, token, title="Tanpa nama"):  # type: ignore[no-untyped-def]
    url = reverse("community:story_create", args=["pulih", "pulih-bersama"])
    data = {"title": title, "body": body, "anonymous": "on", "visibility": "group", "token": token}
    return client.post(url, data)


def test_the_pseudonym_is_stable_in_a_group_and_differs_between_groups(
    client, organisation
) -> None:  # type: ignore[no-untyped-def]
    rina = make_person(organisation, "rina_w7", display_name="Rina Wijaya")
    make_group(organisation, members=(rina,))
    other = make_group(organisation, "lain", members=(rina,))
    _post(_as(client, rina), "Hari ini berat, tapi aku bertahan.", "a1")
    _post(client, "Besok aku coba lagi.", "a2", title="Kedua")
    names = set(Story.objects.values_list("pseudonym", flat=True))
    assert len(names) == 1 and "" not in names
    client.post(
        reverse("community:story_create", args=["pulih", "lain"]),
        {
            "title": "Di grup lain",
            "body": "Halo.",
            "anonymous": "on",
            "visibility": "group",
            "token": "a3",
        },
    )
    assert Pseudonym.objects.get(group=other).name != names.pop()


def test_moderators_see_the_pseudonym_and_only_an_admin_can_unmask(client, organisation) -> None:  # type: ignore[no-untyped-def]
    rina = make_person(organisation, "rina_w7", display_name="Rina Wijaya")
    make_group(organisation, members=(rina,))
    _post(_as(client, rina), HARASSMENT, "h1")
    entry = QueueItem.objects.get()
    moderator = make_person(organisation, "mod", role=Role.MODERATOR)
    queue = _as(client, moderator).get(reverse("moderation:queue")).content.decode()
    assert Story.objects.get().pseudonym in queue
    assert "rina_w7" not in queue and "Rina Wijaya" not in queue
    unmask = reverse("moderation:unmask", args=[entry.pk])
    assert client.post(unmask, {"reason": "Ancaman terhadap anggota lain"}).status_code == 403
    assert not AuditEntry.objects.filter(action="anonymous.unmask").exists()

    admin = make_person(organisation, "admin", role=Role.ADMIN)
    short = _as(client, admin).post(unmask, {"reason": "x"})
    assert "rina_w7" not in short.content.decode()
    revealed = client.post(unmask, {"reason": "Ancaman terhadap anggota lain"}).content.decode()
    assert "rina_w7" in revealed
    audit = AuditEntry.objects.get(action="anonymous.unmask")
    assert audit.actor == admin and audit.reason == "Ancaman terhadap anggota lain"
    assert audit.target == f"community.story:{entry.object_id}"


def test_the_audit_log_cannot_be_edited_in_the_admin(client, organisation) -> None:  # type: ignore[no-untyped-def]
    from suar.accounts.models import User

    root = User.objects.create(username="root", is_staff=True, is_superuser=True)
    entry = AuditEntry.objects.create(actor=root, action="anonymous.unmask", target="x:1")
    _as(client, root)
    assert client.get(f"/admin/moderation/auditentry/{entry.pk}/change/").status_code == 200
    client.post(f"/admin/moderation/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
