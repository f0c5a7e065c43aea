"""The decisions that put words in public leave an audit entry: who approved, who
scheduled where, who sent back, who cancelled, who connected or disconnected an account."""

from __future__ import annotations

import pytest

from suar.moderation.models import AuditEntry
from suar.publishing.services import disconnect_account, save_connected_account
from suar.studio import services

pytestmark = pytest.mark.django_db


def test_review_and_schedule_are_audited(make_post, writer, reviewer, export_account, later):  # type: ignore[no-untyped-def]
    post = make_post("Dulu aku minum tiap malam. Sekarang aku pulih.", kind="story")
    services.submit_for_review(actor=writer, post=post)
    services.request_changes(actor=reviewer, post=post, body="Tambahkan sumber bantuan.")
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=reviewer, post=post)
    services.schedule_post(actor=writer, post=post, scheduled_at=later, accounts=[export_account])
    services.cancel_post(actor=writer, post=post)

    entries = list(AuditEntry.objects.order_by("id").values_list("actor_name", "action", "reason"))
    assert [(who, action) for who, action, _reason in entries] == [
        ("rudi", "studio.send_back"),
        ("rudi", "studio.approve"),
        ("wulan", "studio.schedule"),
        ("wulan", "studio.cancel"),
    ]
    assert entries[0][2] == "Tambahkan sumber bantuan."
    assert "sensitive" in entries[1][2]
    assert "export:Bundel" in entries[2][2]


def test_connecting_an_account_is_audited_without_its_token(organisation, writer) -> None:  # type: ignore[no-untyped-def]
    account = save_connected_account(
        actor=writer,
        organisation=organisation,
        platform="mastodon",
        handle="@pulih@mastodon.test",
        platform_account_id="1",
        access_token="very-secret-token",
        base_url="https://mastodon.test",
    )
    disconnect_account(actor=writer, account=account)

    actions = list(AuditEntry.objects.order_by("id").values_list("action", "reason"))
    assert [a for a, _r in actions] == ["publishing.connect", "publishing.disconnect"]
    assert all("very-secret-token" not in reason for _a, reason in actions)
