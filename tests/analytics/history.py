"""A generated history of posts and their snapshots, kept in plain Python beside the rows it
creates, so tests can compute the expected figures without the code under test."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone

from suar.accounts.models import Organisation
from suar.analytics.models import EngagementSnapshot, TrackedPost

# What each platform gives (the others stay None), as the real APIs do.
GIVES = {
    "facebook": ("likes", "comments", "shares", "reach", "impressions"),
    "instagram": ("likes", "comments", "shares", "reach", "impressions"),
    "x": ("likes", "comments", "shares", "impressions"),
    "mastodon": ("likes", "comments", "shares"),
    "bluesky": ("likes", "comments", "shares"),
}
KINDS = ("tip", "story", "quote", "resource", "")
METRICS = ("likes", "comments", "shares", "reach", "impressions")


@dataclass
class GeneratedPost:
    pk: int
    platform: str
    kind: str
    published_at: dt.datetime
    snapshots: list[tuple[dt.datetime, dict[str, int | None]]] = field(default_factory=list)

    @property
    def latest(self) -> dict[str, int | None] | None:
        if not self.snapshots:
            return None
        return max(self.snapshots, key=lambda s: s[0])[1]


def generate(
    organisation: Organisation, *, seed: int = 8, posts: int = 60, prefix: str = "gen"
) -> list[GeneratedPost]:
    rng = random.Random(seed)
    now = timezone.now()
    made: list[GeneratedPost] = []
    for n in range(posts):
        platform = rng.choice(list(GIVES))
        kind = rng.choice(KINDS)
        published = now - dt.timedelta(minutes=rng.randint(60, 60 * 24 * 70))
        row = TrackedPost.objects.create(
            organisation=organisation,
            platform=platform,
            platform_post_id=f"{prefix}-{n}",
            kind=kind,
            label=f"Post {n}",
            published_at=published,
            origin=TrackedPost.Origin.IMPORT,
        )
        post = GeneratedPost(row.pk, platform, kind, published)
        base = {m: rng.randint(0, 400) for m in METRICS}
        for k in range(rng.choice([0, 1, 1, 2, 3, 4])):
            taken = published + dt.timedelta(hours=3 + 13 * k + rng.randint(0, 5))
            values = {
                m: (round(base[m] * (k + 1) / 4) if m in GIVES[platform] else None) for m in METRICS
            }
            EngagementSnapshot.objects.create(
                post=row,
                taken_at=taken,
                slot=taken.replace(minute=0, second=0, microsecond=0),
                source="api",
                **values,
            )
            post.snapshots.append((taken, values))
        made.append(post)
    return made
