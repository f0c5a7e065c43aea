"""Default help resources, from docs/safety-guidelines (verify before relying on them)."""

from django.db import migrations

# Source: /work/shared/docs/safety-guidelines.md, "Help resources in Indonesia". The old
# 500-454 line closed in 2014 and is deliberately absent. Organisations edit these in the admin.
RESOURCES = [
    ("Healing119.id (Kementerian Kesehatan)", "healing119.id · 119", "https://healing119.id",
     "id", "", "Dukungan psikologis gratis dan anonim.", 10),
    ("SEJIWA", "119 ext. 8", "", "id", "", "Telekonseling.", 20),
    ("JakCare (DKI Jakarta)", "0800-1500-119", "", "id", "24 jam",
     "Psikolog klinis; juga lewat aplikasi JAKI.", 30),
    ("Into The Light Indonesia", "intothelightid.org", "https://www.intothelightid.org",
     "id,en", "", "Panduan dan advokasi, bukan layanan krisis.", 40),
    ("Find A Helpline", "findahelpline.com", "https://findahelpline.com", "en", "",
     "Layanan bantuan gratis di lebih dari 130 negara.", 90),
]  # fmt: skip


def add(apps, schema_editor):  # type: ignore[no-untyped-def]
    HelpResource = apps.get_model("community", "HelpResource")
    for name, contact, url, language, hours, notes, priority in RESOURCES:
        HelpResource.objects.get_or_create(
            name=name,
            defaults={
                "contact": contact,
                "url": url,
                "country": "ID" if priority < 90 else "",
                "language": language,
                "hours": hours,
                "notes": notes,
                "priority": priority,
                "source_url": "https://healing119.id" if priority == 10 else url,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("community", "0002_block_controlsettings_dailyusage_groupunfollow_and_more")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
