"""The back office lists accounts without ever rendering their tokens."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from suar.accounts.models import User
from suar.publishing.models import ConnectedAccount


def test_admin_pages_never_show_tokens(
    make_account: Callable[..., ConnectedAccount], client: Client
) -> None:
    account = make_account("x", access_token="tok-VISIBLE?", refresh_token="ref-VISIBLE?")
    admin = User.objects.create_superuser("root", password="a-long-test-passphrase-42")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")

    listing = client.get("/admin/publishing/connectedaccount/")
    change = client.get(f"/admin/publishing/connectedaccount/{account.pk}/change/")

    assert listing.status_code == 200 and change.status_code == 200
    for page in (listing, change):
        assert "VISIBLE?" not in page.content.decode()
        assert "fernet:" not in page.content.decode()
