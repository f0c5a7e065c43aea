"""Account and text hashes become 64-bit integers (smaller rows, faster spam-rule sorts).

Existing hex hashes are converted to their first 8 bytes, which is what events.hash64 keeps,
so rows stored before and after the migration still group together.
"""

from django.db import migrations, models


def _to_int(value: str) -> int:
    if not value:
        return 0
    number = int(value[:16], 16)
    return number - (1 << 64) if number >= 1 << 63 else number


def convert(apps, schema_editor):  # type: ignore[no-untyped-def]
    Interaction = apps.get_model("campaigns", "Interaction")
    batch = []
    for row in Interaction.objects.only("pk", "account_hash_old", "text_hash_old").iterator():
        row.account_hash = _to_int(row.account_hash_old)
        row.text_hash = _to_int(row.text_hash_old) if row.text_hash_old else 0
        batch.append(row)
        if len(batch) >= 5000:
            Interaction.objects.bulk_update(batch, ["account_hash", "text_hash"])
            batch = []
    if batch:
        Interaction.objects.bulk_update(batch, ["account_hash", "text_hash"])


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [
        migrations.RenameField("interaction", "account_hash", "account_hash_old"),
        migrations.RenameField("interaction", "text_hash", "text_hash_old"),
        migrations.AddField(
            "interaction", "account_hash", models.BigIntegerField(default=0), preserve_default=False
        ),
        migrations.AddField("interaction", "text_hash", models.BigIntegerField(default=0)),
        migrations.RunPython(convert, migrations.RunPython.noop),
        migrations.RemoveField("interaction", "account_hash_old"),
        migrations.RemoveField("interaction", "text_hash_old"),
        migrations.AddField(
            model_name="campaign",
            name="filters_refreshed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="interaction",
            index=models.Index(
                condition=models.Q(status="deleted")
                | models.Q(reason__in=["burst", "duplicate_text"]),
                fields=["campaign"],
                name="interaction_flagged",
            ),
        ),
    ]
