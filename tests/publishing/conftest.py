"""Fixtures for publishing tests: an organiser and connected accounts on each platform."""

from __future__ import annotations

import base64
import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.publishing.models import ConnectedAccount, Publication

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)

BASES = {
    "mastodon": "https://mastodon.test",
    "bluesky": "https://pds.test",
}
IDS = {
    "mastodon": "109",
    "bluesky": "did:plc:abc123",
    "x": "2244",
    "facebook": "1001",
    "instagram": "17841400000",
    "tiktok": "open-id-1",
    "export": "export",
}


def session_jwt(name: str, *, expires_in: dt.timedelta, did: str = IDS["bluesky"]) -> str:
    """A JWT shaped like the PDS's session tokens (the signature is not checked by clients:
    the SDK reads `exp` to decide when to refresh)."""

    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    now = int(time.time())
    claims = {"scope": "com.atproto.appPass", "sub": did, "iat": now, "aud": "did:web:pds.test"}
    claims.update(exp=now + int(expires_in.total_seconds()), jti=name)
    signature = base64.urlsafe_b64encode(name.encode()).rstrip(b"=").decode()
    return f"{part({'typ': 'at+jwt', 'alg': 'ES256K'})}.{part(claims)}.{signature}"


@pytest.fixture
def organiser(make_user: Callable[..., User]) -> User:
    return make_user("organiser", role=Role.ORGANISER)


@pytest.fixture
def make_account(organisation: Organisation) -> Callable[..., ConnectedAccount]:
    def make(platform: str = "mastodon", **extra: object) -> ConnectedAccount:
        fields: dict[str, object] = {
            "organisation": organisation,
            "platform": platform,
            "handle": f"@pulih_{platform}",
            "platform_account_id": IDS[platform],
            "base_url": BASES.get(platform, ""),
            "access_token": f"secret-access-{platform}",
            "refresh_token": f"secret-refresh-{platform}",
        }
        if platform == "bluesky":  # atproto sessions are JWTs: the SDK reads their expiry
            fields["access_token"] = session_jwt("access", expires_in=dt.timedelta(hours=2))
            fields["refresh_token"] = session_jwt("refresh", expires_in=dt.timedelta(days=60))
        fields.update(extra)
        return ConnectedAccount.objects.create(**fields)

    return make


@pytest.fixture
def image_file(settings: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    (tmp_path / "media" / "studio").mkdir(parents=True)
    (tmp_path / "media" / "studio" / "dot.png").write_bytes(PNG)
    return {"path": "studio/dot.png", "alt_text": "Sebuah titik", "mime": "image/png"}


@pytest.fixture
def make_publication(
    organisation: Organisation,
) -> Callable[..., Publication]:
    counter = iter(range(1, 10_000))

    def make(
        account: ConnectedAccount, text: str = "Halo dari Suar", **extra: object
    ) -> Publication:
        n = next(counter)
        fields: dict[str, object] = {
            "organisation": account.organisation,
            "account": account,
            "text": text,
            "scheduled_at": timezone.now() - dt.timedelta(seconds=1),
            "next_attempt_at": timezone.now() - dt.timedelta(seconds=1),
            "idempotency_key": f"key-{account.platform}-{n}",
        }
        fields.update(extra)
        return Publication.objects.create(**fields)

    return make


@pytest.fixture(autouse=True)
def english(client: Client) -> object:
    """Assert on the English texts: pages through the language cookie, services directly."""
    from django.utils import translation

    client.cookies["suar_language"] = "en"
    with translation.override("en"):
        yield
