"""The bilingual demo community that `suar demo` loads; loading it twice changes nothing."""

from __future__ import annotations

from django.db import transaction

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
    return logins
