"""Analytics fixtures: an organiser, connected accounts with published posts, and a fake
platform adapter whose answers a test scripts (a real Adapter subclass, not a mock)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from django.utils.translation import override

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.publishing.adapters import (
    Adapter,
    AuthError,
    Engagement,
    IncomingComment,
    NotSupported,
    PublishResult,
)
from suar.publishing.models import ConnectedAccount, Publication


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English so assertions read the English texts (pages pick their own)."""
    with override("en"):
        yield


@pytest.fixture
def organiser(make_user: Callable[..., User]) -> User:
    return make_user("wulan", role=Role.ORGANISER, display_name="Wulan")


@pytest.fixture
def moderator(make_user: Callable[..., User]) -> User:
    return make_user("dimas", role=Role.MODERATOR)


@pytest.fixture
def make_account(organisation: Organisation) -> Callable[..., ConnectedAccount]:
    counter = iter(range(1, 10_000))

    def make(platform: str = "mastodon", **extra: object) -> ConnectedAccount:
        n = next(counter)
        fields: dict[str, object] = {
            "organisation": organisation,
            "platform": platform,
            "handle": f"@pulih{n}",
            "platform_account_id": f"acct-{n}",
            "base_url": "https://mastodon.test" if platform == "mastodon" else "",
            "access_token": f"secret-access-{n}",
        }
        fields.update(extra)
        return ConnectedAccount.objects.create(**fields)

    return make


@pytest.fixture
def publish(organisation: Organisation) -> Callable[..., Publication]:
    """A publication the publisher already posted, `hours_ago` hours ago."""
    counter = iter(range(1, 100_000))

    def make(account: ConnectedAccount, *, hours_ago: float = 1, text: str = "Halo") -> Publication:
        n = next(counter)
        at = timezone.now() - dt.timedelta(hours=hours_ago)
        return Publication.objects.create(
            organisation=account.organisation,
            account=account,
            text=text,
            scheduled_at=at,
            published_at=at,
            status=Publication.Status.PUBLISHED,
            idempotency_key=f"k-{account.pk}-{n}",
            platform_post_id=f"post-{n}",
            platform_url=f"https://example.test/p/{n}",
        )

    return make


@dataclass
class Script:
    """What the fake platform answers, per platform post id."""

    figures: dict[str, Engagement] = field(default_factory=dict)
    comments: dict[str, list[IncomingComment]] = field(default_factory=dict)
    # Access is revoked after this many successful engagement calls (None: never).
    revoke_after: int | None = None
    engagement_supported: bool = True
    comments_supported: bool = True
    hide_supported: bool = True
    calls: list[tuple[str, str, str | None]] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    # What block_author was given: the author's id, or the comment id when that was unknown.
    blocked: list[str] = field(default_factory=list)
    block_supported: bool = True
    # Raised by the next block_author calls, when set (AuthError, ContentError...).
    block_error: Exception | None = None


class FakeAdapter(Adapter):
    """A platform adapter answering from a Script, through the real Adapter interface."""

    platform = "mastodon"

    def __init__(self, account: ConnectedAccount, script: Script) -> None:
        super().__init__(account, client=None)
        self.script = script

    def publish(self, publication: Publication) -> PublishResult:
        raise AssertionError("analytics never publishes")

    def lookup(self, publication: Publication) -> PublishResult | None:
        return None

    def fetch_engagement(self, publication: Publication) -> Engagement:
        s = self.script
        s.calls.append(("engagement", publication.platform_post_id, None))
        if not s.engagement_supported:
            raise NotSupported("this platform gives no figures")
        done = sum(1 for c in s.calls if c[0] == "engagement") - 1
        if s.revoke_after is not None and done >= s.revoke_after:
            raise AuthError("HTTP 401: The access token was revoked")
        return s.figures.get(publication.platform_post_id, Engagement())

    def fetch_comments(
        self, publication: Publication, *, since_id: str | None = None
    ) -> list[IncomingComment]:
        s = self.script
        s.calls.append(("comments", publication.platform_post_id, since_id))
        if not s.comments_supported:
            raise NotSupported("this platform gives no comments")
        found = s.comments.get(publication.platform_post_id, [])
        if since_id is None:
            return list(found)
        ids = [c.platform_comment_id for c in found]
        return found[ids.index(since_id) + 1 :] if since_id in ids else list(found)

    def hide_comment(self, publication: Publication, comment_id: str) -> None:
        if not self.script.hide_supported:
            raise NotSupported("this platform cannot hide replies")
        self.script.hidden.append(comment_id)

    def block_author(self, publication: Publication, comment: IncomingComment | str) -> None:
        if not self.script.block_supported:
            raise NotSupported("this platform cannot block people for this account")
        if self.script.block_error is not None:
            raise self.script.block_error
        target = comment.author_id if isinstance(comment, IncomingComment) else comment
        self.script.blocked.append(target)

    def refresh_token(self, account: ConnectedAccount) -> None:
        raise AuthError("tokens cannot be refreshed: reconnect the account")


class CannotBlockAdapter(FakeAdapter):
    """A platform whose API has no blocking at all (the base class's refusal)."""

    platform = "instagram"
    block_refusal = "Instagram's API has no way to block an account: block them in the app"
    block_author = Adapter.block_author


@pytest.fixture
def script() -> Script:
    return Script()


@pytest.fixture
def fake(script: Script) -> Callable[[ConnectedAccount], FakeAdapter]:
    return lambda account: FakeAdapter(account, script)


def comment(
    cid: str, text: str, minutes_ago: int = 5, *, author_id: str | None = None
) -> IncomingComment:
    return IncomingComment(
        platform_comment_id=cid,
        text=text,
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        author_handle=f"@someone{cid}",
        url=f"https://example.test/c/{cid}",
        author_id=f"id-{cid}" if author_id is None else author_id,
    )


def campaign_fields(slug: str = "suar-harapan") -> dict[str, object]:
    now = timezone.now()
    return {
        "slug": slug,
        "name": "Suar Harapan",
        "hashtags": ["suarharapan"],
        "rules": {"*": ["post_with_hashtag"]},
        "starts_at": now - dt.timedelta(days=10),
        "ends_at": now + dt.timedelta(days=10),
    }
