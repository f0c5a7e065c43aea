"""Platform adapters behind one interface; `adapter_for(account)` picks the right one."""

from __future__ import annotations

import importlib
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


# Each adapter's module, imported on first use: the platform SDKs take seconds to import
# (atproto's generated models above all), which a worker posting only to Mastodon never pays.
_ADAPTERS = {
    "mastodon": ("suar.publishing.adapters.mastodon", "MastodonAdapter"),
    "bluesky": ("suar.publishing.adapters.bluesky", "BlueskyAdapter"),
    "x": ("suar.publishing.adapters.x", "XAdapter"),
    "facebook": ("suar.publishing.adapters.facebook", "FacebookAdapter"),
    "instagram": ("suar.publishing.adapters.facebook", "InstagramAdapter"),
    "tiktok": ("suar.publishing.adapters.tiktok", "TikTokAdapter"),
    "export": ("suar.publishing.adapters.export", "ExportAdapter"),
}


def adapter_for(account: ConnectedAccount) -> Adapter:
    module, name = _ADAPTERS[account.platform]
    cls: type[Adapter] = getattr(importlib.import_module(module), name)
    return cls(account)
