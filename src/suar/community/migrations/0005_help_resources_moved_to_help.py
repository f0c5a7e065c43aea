"""Crisis help lines now live in the help directory (help.HelpService); help's migration
0002 copied any line an organisation had edited here before this table goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0004_notification"),
        ("help", "0002_crisis_lines"),
    ]

    operations = [
        migrations.DeleteModel(name="HelpResource"),
    ]
