"""Demo interactions for the demo campaign, so its counter, chart and report show something.

Idempotent: every event has a fixed id, so loading again stores nothing twice (the unique key
of the exactly-once path does the work, as it does for real imports).
"""

from __future__ import annotations

from datetime import timedelta

from suar.accounts.models import Organisation, User
from suar.campaigns.models import Campaign
from suar.campaigns.services import record_events
from suar.community.models import Group

TEXTS = [
    "Hari ini aku memilih pulih, pelan-pelan aja #SuarHarapan",
    "Makasih buat kalian yang selalu dengerin #SuarHarapan",
    "Recovery is not a race. One day at a time #SuarHarapan",
]


def load(*, organisation: Organisation, people: dict[str, User], groups: dict[str, Group]) -> None:
    campaign = Campaign.objects.filter(organisation=organisation, slug="suar-harapan").first()
    if campaign is None:
        return
    start = campaign.starts_at
    events: list[dict[str, object]] = []
    for i in range(90):  # the first hour of the window, already past when the demo loads
        platform = "mastodon" if i % 3 else "bluesky"
        events.append(
            {
                "platform": platform,
                "id": f"demo-{i}",
                "action": "repost"
                if i % 7 == 0 and platform == "mastodon"
                else "post_with_hashtag",
                "account": f"teman{i % 40}@{platform}.example",
                "text": TEXTS[i % len(TEXTS)],
                "created_at": (start + timedelta(minutes=i * 0.6)).isoformat(),
            }
        )
    # A bot burst (filtered by the burst rule) and a deleted post (the deletion rule).
    for k in range(14):
        events.append(
            {
                "platform": "mastodon",
                "id": f"demo-bot-{k}",
                "account": "promo@spam.example",
                "text": "Promo spesial hari ini, klik link di bio! #SuarHarapan",
                "created_at": (start + timedelta(minutes=30, seconds=k * 3)).isoformat(),
            }
        )
    events.append(
        {
            "platform": "mastodon",
            "id": "demo-1",
            "action": "delete",
            "created_at": (start + timedelta(minutes=40)).isoformat(),
        }
    )
    record_events(campaign=campaign, events=events, source="demo")
