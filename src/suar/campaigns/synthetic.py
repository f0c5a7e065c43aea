"""Synthetic platform events in the shape real exports have, for the benchmark and tests."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

TEXTS = [
    "Hari ini aku memilih pulih. Terima kasih sudah menemani #SuarHarapan",
    "Pulih itu proses, bukan lomba. Kamu tidak sendirian #SuarHarapan",
    "Satu hari lagi bersih. Bangga sama diri sendiri #SuarHarapan #pulih",
    "Bicara soal kesehatan jiwa itu penting #SuarHarapan",
]
BOT_TEXT = "Follow kami untuk promo spesial hari ini! #SuarHarapan"
BURST = 15
PLATFORMS = [
    ("mastodon", "post_with_hashtag"),
    ("bluesky", "post_with_hashtag"),
    ("bluesky", "repost"),
    ("mastodon", "repost"),
    ("suar", "in_app_share"),
    ("suar", "challenge_checkin"),
    ("youtube", "video_view"),
]


def write_events(
    path: Path,
    n: int,
    *,
    start: datetime,
    hours: float = 24,
    seed: int = 7,
    duplicate_share: float = 0.03,
    bot_share: float = 0.02,
    id_offset: int = 0,
) -> None:
    """N lines: mostly ordinary posts, a few percent repeated lines and bot bursts.

    Duplicates repeat an earlier line verbatim (a platform export re-sending an event); bots
    post many times a minute from one account, sometimes the same long text.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    span = int(hours * 3600)
    recent: list[str] = []
    base = start.astimezone(UTC).replace(tzinfo=None)
    i = 0
    written = 0
    with path.open("w", encoding="utf-8") as out:

        def emit(platform: str, action: str, account: str, second: int, text: str) -> None:
            nonlocal i, written
            i += 1
            when = (base + timedelta(seconds=second)).isoformat() + "Z"
            event = {
                "platform": platform,
                "id": f"{platform[:2]}{id_offset + i}",
                "action": action,
                "account": account,
                "created_at": when,
            }
            if action == "post_with_hashtag":
                event["text"] = text
            line = json.dumps(event, separators=(",", ":")) + "\n"
            out.write(line)
            written += 1
            if len(recent) < 1000:
                recent.append(line)
            elif rng.random() < 0.01:
                recent[rng.randrange(1000)] = line

        while written < n:
            roll = rng.random()
            if recent and roll < duplicate_share:
                out.write(recent[rng.randrange(len(recent))])
                written += 1
            elif roll < duplicate_share + bot_share / BURST:
                # A bot burst: one of 200 bot accounts posts the same promo text 15 times
                # within one minute.
                account = f"bot{rng.randrange(200)}@spam.example"
                minute = rng.randrange(span // 60) * 60
                for k in range(min(BURST, n - written)):
                    emit("mastodon", "post_with_hashtag", account, minute + k * 3, BOT_TEXT)
            else:
                platform, action = PLATFORMS[rng.randrange(len(PLATFORMS))]
                account = f"user{rng.randrange(n // 3 + 1)}@example.social"
                text = TEXTS[rng.randrange(len(TEXTS))] + f" ({rng.randrange(10**6)})"
                emit(platform, action, account, rng.randrange(span), text)
