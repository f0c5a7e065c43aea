"""The audit log's content cannot be changed, whatever writes to the database.

Updates that only forget a deleted account or organisation (SET_NULL) stay possible; deletes
are refused by the model (not here: test databases are flushed with DELETE).
"""

from django.db import migrations

SQLITE = """
CREATE TRIGGER IF NOT EXISTS moderation_audit_append_only
BEFORE UPDATE ON moderation_auditentry
WHEN NEW.action IS NOT OLD.action OR NEW.target IS NOT OLD.target
  OR NEW.reason IS NOT OLD.reason OR NEW.created_at IS NOT OLD.created_at
  OR NEW.actor_name IS NOT OLD.actor_name
  OR (NEW.actor_id IS NOT OLD.actor_id AND NEW.actor_id IS NOT NULL)
  OR (NEW.organisation_id IS NOT OLD.organisation_id AND NEW.organisation_id IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

POSTGRES = """
CREATE OR REPLACE FUNCTION moderation_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF NEW.action IS DISTINCT FROM OLD.action OR NEW.target IS DISTINCT FROM OLD.target
     OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.actor_name IS DISTINCT FROM OLD.actor_name
     OR (NEW.actor_id IS DISTINCT FROM OLD.actor_id AND NEW.actor_id IS NOT NULL)
     OR (NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
         AND NEW.organisation_id IS NOT NULL) THEN
    RAISE EXCEPTION 'the audit log is append-only';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS moderation_audit_append_only ON moderation_auditentry;
CREATE TRIGGER moderation_audit_append_only BEFORE UPDATE ON moderation_auditentry
FOR EACH ROW EXECUTE FUNCTION moderation_audit_append_only();
"""


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS moderation_audit_append_only")
    elif vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS moderation_audit_append_only ON moderation_auditentry"
        )


def set_priority(apps, schema_editor):  # type: ignore[no-untyped-def]
    QueueItem = apps.get_model("moderation", "QueueItem")
    for entry in QueueItem.objects.filter(state="open").only("pk", "risk"):
        priority = round(max(0.0, min(entry.risk, 1.0)) * 10)
        QueueItem.objects.filter(pk=entry.pk).update(priority=priority)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_reports_decisions_crisis")]
    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(set_priority, migrations.RunPython.noop),
    ]
