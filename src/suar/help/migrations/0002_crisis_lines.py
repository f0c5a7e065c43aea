"""The national crisis lines every install starts with, and the crisis resources an install
had already edited in the community app (community.HelpResource), now kept here.

Source: /work/shared/docs/safety-guidelines.md, "Help resources in Indonesia". The old
500-454 line closed in 2014 and is deliberately absent. BNN's 184 is in the directory but
not among the crisis lines: it also takes crime reports (the guidelines ask for care).
"""

from django.db import migrations

LINES = [
    # name, kind, phone, url, languages, hours, description, priority, crisis
    ("Healing119.id (Kementerian Kesehatan)", "hotline", "119", "https://healing119.id", "id",
     "", "Dukungan psikologis gratis dan anonim dari Kementerian Kesehatan.", 10, True),
    ("SEJIWA", "hotline", "119 ext. 8", "", "id", "",
     "Telekonseling kesehatan jiwa sejak April 2020 (layanan 119, ekstensi 8).", 20, True),
    ("JakCare (DKI Jakarta)", "hotline", "0800-1500-119", "", "id", "24 jam",
     "Psikolog klinis, 24 jam; juga lewat aplikasi JAKI.", 30, True),
    ("Into The Light Indonesia", "support_group", "", "https://www.intothelightid.org", "id,en",
     "", "Panduan dan advokasi pencegahan bunuh diri; bukan layanan krisis.", 40, False),
    ("BNN Call Centre", "hotline", "184", "", "id", "",
     "Informasi narkoba dan saran rehabilitasi. Layanan ini juga menerima laporan tindak "
     "pidana: tanyakan dulu soal rehabilitasi tanpa proses hukum (IPWL).", 50, False),
    ("Find A Helpline", "hotline", "", "https://findahelpline.com", "en", "",
     "Layanan bantuan gratis, rahasia dan dijawab manusia di lebih dari 130 negara.", 90, True),
]  # fmt: skip


def add(apps, schema_editor):  # type: ignore[no-untyped-def]
    HelpService = apps.get_model("help", "HelpService")
    for name, kind, phone, url, languages, hours, description, priority, crisis in LINES:
        HelpService.objects.get_or_create(
            name=name,
            organisation=None,
            defaults={
                "kind": kind,
                "phone": phone,
                "url": url,
                "languages": languages,
                "hours": hours,
                "description": description,
                "priority": priority,
                "show_in_crisis": crisis,
                "online": True,
                "cost": "free",
                "country": "" if priority >= 90 else "ID",
                "source_url": url or "https://healing119.id",
            },
        )
    # Resources an organisation added or edited in the community app's admin.
    try:
        HelpResource = apps.get_model("community", "HelpResource")
    except LookupError:
        return
    known = {line[0] for line in LINES}
    for old in HelpResource.objects.exclude(name__in=known):
        HelpService.objects.get_or_create(
            name=old.name,
            organisation=None,
            defaults={
                "kind": "hotline",
                "phone": old.contact if not old.url else "",
                "url": old.url,
                "languages": old.language,
                "hours": old.hours,
                "description": old.notes,
                "priority": old.priority,
                "show_in_crisis": old.active,
                "active": old.active,
                "online": True,
                "cost": "free",
                "country": old.country,
                "source_url": old.source_url,
                "verified_on": old.verified_on,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("help", "0001_initial"), ("community", "0003_help_resources")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
