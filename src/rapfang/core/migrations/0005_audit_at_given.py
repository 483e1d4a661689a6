import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """An entry's moment is set when the entry is made, or given. The column is the same, and no database default is
    involved either way: only Django's state changes, so the audit table is not rebuilt."""

    dependencies = [
        ("core", "0004_rate_counters_and_worker_heartbeats"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditentry",
                    name="at",
                    field=models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="at"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
