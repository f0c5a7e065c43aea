"""Platform adapters behind one interface; `adapter_for(account)` picks the right one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from suar.publishing.adapters.base import (
    Adapter,
    AuthError,
    ContentError,
    Engagement,
    IncomingComment,
    NotSupported,
    PublishError,
    PublishResult,
    TransientError,
    UnknownOutcome,
)

if TYPE_CHECKING:
    from suar.publishing.models import ConnectedAccount

__all__ = [
    "Adapter",
    "AuthError",
    "ContentError",
    "Engagement",
    "IncomingComment",
    "NotSupported",
    "PublishError",
    "PublishResult",
    "TransientError",
    "UnknownOutcome",
    "adapter_for",
]


def adapter_for(account: ConnectedAccount) -> Adapter:
    from suar.publishing.adapters.bluesky import BlueskyAdapter
    from suar.publishing.adapters.export import ExportAdapter
    from suar.publishing.adapters.facebook import FacebookAdapter, InstagramAdapter
    from suar.publishing.adapters.mastodon import MastodonAdapter
    from suar.publishing.adapters.tiktok import TikTokAdapter
    from suar.publishing.adapters.x import XAdapter

    classes: dict[str, type[Adapter]] = {
        "mastodon": MastodonAdapter,
        "bluesky": BlueskyAdapter,
        "x": XAdapter,
        "facebook": FacebookAdapter,
        "instagram": InstagramAdapter,
        "tiktok": TikTokAdapter,
        "export": ExportAdapter,
    }
    return classes[account.platform](account)
