"""The bilingual demo community that `suar demo` loads; loading it twice changes nothing."""

from __future__ import annotations

import importlib
from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import Role
from suar.community.models import Group, Story

DEMO_PASSWORD = "suar-demo-2026"  # noqa: S105 - a public demo login, printed on purpose

DEMO_PEOPLE: list[tuple[str, str, Role, str]] = [
    # username, display name, role, language
    ("admin", "Admin Suar", Role.ADMIN, "id"),
    ("organiser", "Rina (penyelenggara)", Role.ORGANISER, "id"),
    ("moderator", "Dimas (moderator)", Role.MODERATOR, "id"),
    ("expert", "dr. Sari, Sp.KJ", Role.EXPERT, "id"),
    ("peer", "Bayu", Role.PEER_SUPPORTER, "id"),
    ("member", "Putri", Role.MEMBER, "id"),
    ("alex", "Alex", Role.MEMBER, "en"),
]

DEMO_GROUPS: list[dict[str, str]] = [
    {
        "slug": "pulih-bareng",
        "name": "Pulih Bareng",
        "language": "id",
        "visibility": Group.Visibility.PUBLIC,
        "description": "Tempat cerita soal pemulihan dari kecanduan. Santai aja, di sini "
        "nggak ada yang nge-judge.",
        "rules": "1. Saling dukung, nggak boleh nge-judge.\n2. Jangan bagikan data pribadi.\n"
        "3. Kalau lagi krisis, hubungi 119 ext. 8 atau healing119.id.",
    },
    {
        "slug": "ruang-tenang",
        "name": "Ruang Tenang",
        "language": "id",
        "visibility": Group.Visibility.PUBLIC,
        "description": "Ngobrolin kesehatan mental sehari-hari: cemas, capek, overthinking.",
        "rules": "Hormati cerita orang lain. Pakai peringatan konten untuk topik berat.",
    },
    {
        "slug": "recovery-circle",
        "name": "Recovery Circle (English)",
        "language": "en",
        "visibility": Group.Visibility.PUBLIC,
        "description": "An English-speaking circle for people in recovery and their families.",
        "rules": "Be kind. No advice nobody asked for. Use content warnings for heavy topics.",
    },
    {
        "slug": "keluarga",
        "name": "Keluarga Pendamping",
        "language": "id",
        "visibility": Group.Visibility.PRIVATE,
        "description": "Grup privat untuk keluarga yang mendampingi orang tercinta "
        "dalam pemulihan.",
        "rules": "Apa yang dibagikan di sini, tetap di sini.",
    },
]

DEMO_STORIES: list[tuple[str, str, str, str, str]] = [
    # group slug, author, title, body, language
    (
        "pulih-bareng",
        "member",
        "Udah 1 tahun pulih, nggak nyangka bisa sampai sini",
        "Jujur dulu gw nggak yakin bisa. Tiap hari rasanya berat banget. Tapi pelan-pelan, "
        "ikut grup dukungan tiap minggu, cerita ke konselor, dan punya temen yang nggak "
        "nge-judge. Hari ini tepat setahun. Buat kalian yang baru mulai: satu hari "
        "dalam satu waktu ya, kalian nggak sendirian.",
        "id",
    ),
    (
        "pulih-bareng",
        "peer",
        "Tips: bikin daftar orang yang bisa kamu hubungi",
        "Waktu craving dateng, kadang kita lupa harus ngapain. Coba tulis 3 nama orang yang "
        "bisa kamu telepon, taruh di HP. Aku juga nyimpen nomor 119 ext. 8 buat jaga-jaga.",
        "id",
    ),
    (
        "ruang-tenang",
        "member",
        "Overthinking jam 2 pagi, ada yang sama?",
        "Akhir-akhir ini susah tidur, kepikiran kerjaan terus. Yang bantu aku sejauh ini: "
        "nulis jurnal sebelum tidur dan taruh HP jauh-jauh. Kalian biasanya ngapain?",
        "id",
    ),
    (
        "recovery-circle",
        "alex",
        "Six months in recovery",
        "Six months ago I could not imagine a week without drinking. What helped most was "
        "this circle and a counsellor who never made me feel ashamed. If you are on day "
        "one today: that counts. Keep going.",
        "en",
    ),
    (
        "keluarga",
        "organiser",
        "Selamat datang, keluarga",
        "Grup ini khusus untuk keluarga. Cerita kalian aman di sini.",
        "id",
    ),
]


@transaction.atomic
def load_demo_community() -> list[tuple[str, str]]:
    """Create (or find) the demo organisation, people, groups and stories.

    Returns the demo logins as (username, role label) pairs for printing.
    """
    organisation, _ = Organisation.objects.get_or_create(
        slug="suar-demo",
        defaults={
            "name": "Komunitas Suar (demo)",
            "description": "Komunitas contoh untuk mencoba Suar.",
        },
    )
    people: dict[str, User] = {}
    logins: list[tuple[str, str]] = []
    for username, display_name, role, language in DEMO_PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, display_name=display_name, language=language)
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.save()
        Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        people[username] = user
        logins.append((username, str(role.label)))

    groups: dict[str, Group] = {}
    for spec in DEMO_GROUPS:
        group, _ = Group.objects.get_or_create(
            organisation=organisation, slug=spec["slug"], defaults=spec
        )
        groups[spec["slug"]] = group
    everyone = list(people.values())
    for slug, group in groups.items():
        if slug == "keluarga":
            group.members.add(people["organiser"], people["moderator"], people["member"])
        else:
            group.members.add(*everyone)

    for slug, author, title, body, language in DEMO_STORIES:
        Story.objects.get_or_create(
            group=groups[slug],
            title=title,
            defaults={"author": people[author], "body": body, "language": language},
        )
    _load_activities(organisation, people, groups)
    _load_app_demos(organisation, people, groups)
    return logins


def _load_app_demos(
    organisation: Organisation, people: dict[str, User], groups: dict[str, Group]
) -> None:
    """Each app that has demo content keeps it in its own `demo.py` with a `load` function
    (idempotent, like everything here), so an app's demo changes with the app."""
    for config in apps.get_app_configs():
        if not config.name.startswith("suar.") or config.name == "suar.core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        module.load(organisation=organisation, people=people, groups=groups)


def _load_activities(
    organisation: Organisation, people: dict[str, User], groups: dict[str, Group]
) -> None:
    """A Q&A session, a challenge, a poll and a campaign, created through their services."""
    from suar.campaigns.models import Campaign
    from suar.campaigns.services import add_sponsor, create_campaign
    from suar.challenges.models import Challenge
    from suar.challenges.services import create_challenge
    from suar.polls.models import Poll
    from suar.polls.services import create_poll
    from suar.qa.models import QASession
    from suar.qa.services import schedule_session

    organiser = people["organiser"]
    now = timezone.now()
    if not QASession.objects.filter(organisation=organisation).exists():
        schedule_session(
            actor=organiser,
            organisation=organisation,
            group=groups["pulih-bareng"],
            title="Tanya jawab: craving dan cara menghadapinya",
            description="dr. Sari menjawab pertanyaan soal craving, relapse, dan mencari bantuan.",
            expert=people["expert"],
            starts_at=now + timedelta(days=2),
            ends_at=now + timedelta(days=2, hours=1),
        )
    if not Challenge.objects.filter(organisation=organisation).exists():
        create_challenge(
            actor=organiser,
            organisation=organisation,
            group=groups["pulih-bareng"],
            title="30 hari tanpa rokok",
            description="Check-in tiap hari. Lupa sehari? Nggak apa-apa, lanjut lagi besok.",
            starts_on=timezone.localdate(),
            length_days=30,
        )
    if not Poll.objects.filter(organisation=organisation).exists():
        create_poll(
            actor=organiser,
            organisation=organisation,
            group=groups["ruang-tenang"],
            question="Apa yang paling membantu kamu saat cemas?",
            kind="single",
            options=["Jalan kaki", "Cerita ke teman", "Menulis jurnal", "Tidur cukup"],
            closes_at=now + timedelta(days=7),
        )
    if not Campaign.objects.filter(organisation=organisation).exists():
        campaign = create_campaign(
            user=organiser,
            organisation=organisation,
            name="#SuarHarapan",
            slug="suar-harapan",
            description=(
                "Setiap postingan dengan #SuarHarapan = Rp500 untuk layanan konseling gratis."
            ),
            hashtags=["SuarHarapan"],
            rules={"mastodon": ["post_with_hashtag", "repost"], "bluesky": ["post_with_hashtag"]},
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(days=1),
            time_zone="Asia/Jakarta",
            is_public=True,
        )
        add_sponsor(
            user=organiser,
            campaign=campaign,
            name="Yayasan Contoh",
            rate=Decimal("500"),
            cap=Decimal("50000000"),
        )
