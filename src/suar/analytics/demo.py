"""Demo figures for `suar demo`: a month of post figures, a programme with sign-ups from a
short link, clicks and a few comments, so the impact dashboard has something to show.

Idempotent: everything is keyed, so loading twice adds nothing. The posts are marked as
imported (there is no real platform behind them) and the sign-ups' contacts are examples.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from suar.accounts.models import Organisation, User
from suar.analytics.comments import classify
from suar.analytics.models import (
    EngagementSnapshot,
    LinkClickDay,
    PlatformComment,
    Programme,
    SignUp,
    TrackedLink,
    TrackedPost,
)
from suar.analytics.sync import hour_slot
from suar.community.models import Group
from suar.studio.models import ShortLink

# (platform, id, kind, label, days ago, hour, likes, comments, shares, reach, impressions)
POSTS = [
    (
        "instagram",
        "demo-ig-1",
        "story",
        "Cerita Bayu: 1 tahun pulih",
        27,
        19,
        412,
        38,
        21,
        3900,
        5200,
    ),
    ("instagram", "demo-ig-2", "tip", "3 cara menghadapi craving", 20, 12, 233, 14, 40, 2600, 3400),
    ("instagram", "demo-ig-3", "quote", "Pelan-pelan juga sampai", 13, 20, 520, 22, 65, 4800, 6100),
    (
        "instagram",
        "demo-ig-4",
        "resource",
        "Ke mana mencari bantuan",
        6,
        19,
        180,
        9,
        88,
        2100,
        2900,
    ),
    (
        "facebook",
        "demo-fb-1",
        "story",
        "Cerita Bayu: 1 tahun pulih",
        27,
        19,
        150,
        25,
        30,
        2300,
        3100,
    ),
    (
        "facebook",
        "demo-fb-2",
        "announcement",
        "Sesi tanya jawab bersama dr. Sari",
        9,
        10,
        61,
        12,
        19,
        1200,
        1700,
    ),
    (
        "facebook",
        "demo-fb-3",
        "tip",
        "Tidur cukup itu bagian dari pemulihan",
        3,
        20,
        97,
        6,
        11,
        1500,
        2000,
    ),
    ("x", "demo-x-1", "quote", "Pelan-pelan juga sampai", 13, 21, 88, 7, 24, None, 4100),
    ("x", "demo-x-2", "resource", "Ke mana mencari bantuan", 6, 20, 40, 3, 31, None, 2500),
    ("mastodon", "demo-m-1", "tip", "3 cara menghadapi craving", 20, 13, 35, 5, 12, None, None),
]
COMMENTS = [
    ("demo-ig-1", "c1", "Semangat terus, kamu hebat! 💪"),
    ("demo-ig-1", "c2", "Makasih udah berbagi, aku jadi nggak merasa sendirian"),
    ("demo-ig-3", "c3", "Jam berapa sesi berikutnya?"),
    ("demo-fb-1", "c4", "Proud of you, keep going"),
    ("demo-fb-3", "c5", "lo tolol banget, sampah"),
]


def load(*, organisation: Organisation, people: dict[str, User], groups: dict[str, Group]) -> None:
    now = timezone.now()
    with transaction.atomic():
        posts = _posts(organisation, now)
        _comments(organisation, posts, now)
        _programme(organisation, people, now)


def _posts(organisation: Organisation, now: dt.datetime) -> dict[str, TrackedPost]:
    posts: dict[str, TrackedPost] = {}
    for platform, pid, kind, label, days, hour, *figures in POSTS:
        local = timezone.localtime(now - dt.timedelta(days=days))
        published = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        post, _ = TrackedPost.objects.get_or_create(
            organisation=organisation,
            platform=platform,
            platform_post_id=pid,
            defaults={
                "kind": kind,
                "label": label,
                "origin": TrackedPost.Origin.IMPORT,
                "published_at": published,
            },
        )
        posts[pid] = post
        if post.snapshots.exists():
            continue
        # Three snapshots: a day after, a week after, and now, growing towards the totals.
        for share, taken in (
            (0.5, published + dt.timedelta(days=1)),
            (0.85, published + dt.timedelta(days=min(days, 7))),
            (1.0, now),
        ):
            values = dict(
                zip(
                    ("likes", "comments", "shares", "reach", "impressions"),
                    [None if v is None else round(v * share) for v in figures],
                    strict=True,
                )
            )
            EngagementSnapshot.objects.get_or_create(
                post=post,
                slot=hour_slot(min(taken, now)),
                source=EngagementSnapshot.Source.IMPORT,
                defaults={"taken_at": min(taken, now), **values},
            )
    return posts


def _comments(organisation: Organisation, posts: dict[str, TrackedPost], now: dt.datetime) -> None:
    for index, (pid, cid, text) in enumerate(COMMENTS):
        result = classify(text)
        PlatformComment.objects.get_or_create(
            post=posts[pid],
            platform_comment_id=cid,
            defaults={
                "organisation": organisation,
                "text": text,
                "author_handle": f"@contoh{index + 1}",
                "written_at": now - dt.timedelta(days=2, hours=index),
                "verdict": result.verdict,
                "risk": round(result.report.risk, 4),
                "platform_state": (
                    PlatformComment.PlatformState.NOT_SUPPORTED
                    if result.verdict == PlatformComment.Verdict.TOXIC
                    else PlatformComment.PlatformState.NONE
                ),
                "platform_message": "demo post: no platform behind it",
                "block_state": (
                    PlatformComment.BlockState.NOT_SUPPORTED
                    if result.verdict == PlatformComment.Verdict.TOXIC
                    else PlatformComment.BlockState.NONE
                ),
                "block_message": "demo post: no platform behind it",
            },
        )


def _programme(organisation: Organisation, people: dict[str, User], now: dt.datetime) -> None:
    programme, _ = Programme.objects.get_or_create(
        organisation=organisation,
        slug="kelompok-sebaya",
        defaults={
            "kind": Programme.Kind.PEER_GROUP,
            "title": "Kelompok dukungan sebaya (Kamis malam)",
            "description": "Ngobrol bareng teman-teman yang juga sedang pulih, dipandu peer "
            "supporter. Online, gratis, boleh pakai nama samaran.",
            "location": "Online (Jitsi)",
            "capacity": 20,
            "created_by": people.get("organiser"),
        },
    )
    link, created = ShortLink.objects.get_or_create(
        code="demoprog",
        defaults={
            "organisation": organisation,
            "target": f"/dampak/daftar/{organisation.slug}/{programme.slug}/?via=demoprog",
            "label": "Program: kelompok sebaya",
        },
    )
    if created:
        TrackedLink.objects.create(link=link, kind=TrackedLink.Kind.PROGRAMME, programme=programme)
    today = timezone.localdate()
    for days, source, clicks in (
        (12, "instagram", 14),
        (11, "instagram", 9),
        (6, "facebook", 7),
        (5, "whatsapp", 11),
        (2, "instagram", 5),
    ):
        LinkClickDay.objects.get_or_create(
            link=link,
            day=today - dt.timedelta(days=days),
            source=source,
            defaults={"clicks": clicks + 2, "visitors": clicks},
        )
    for token, name, method, contact, source, days in (
        ("demo-1", "Dewi (contoh)", "whatsapp", "0812-0000-0001 (contoh)", "instagram", 11),
        ("demo-2", "Raka", "email", "raka@example.org", "whatsapp", 5),
        ("demo-3", "anonim_pulih", "instagram", "@anonim_pulih (contoh)", "instagram", 2),
    ):
        signup, made = SignUp.objects.get_or_create(
            programme=programme,
            client_token=token,
            defaults={
                "name": name,
                "contact": contact,
                "contact_method": method,
                "link": link,
                "source_platform": source,
            },
        )
        if made:
            SignUp.objects.filter(pk=signup.pk).update(created_at=now - dt.timedelta(days=days))
