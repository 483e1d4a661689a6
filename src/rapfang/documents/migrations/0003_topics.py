from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_drafts"),
        ("consultations", "0002_topics_per_consultation"),
    ]

    operations = [
        migrations.RenameField(model_name="section", old_name="domains", new_name="topics"),
        migrations.RenameField(model_name="paragraph", old_name="domains", new_name="topics"),
        migrations.AlterField(
            model_name="section",
            name="topics",
            field=models.ManyToManyField(blank=True, to="consultations.topic", verbose_name="topics"),
        ),
        migrations.AlterField(
            model_name="paragraph",
            name="topics",
            field=models.ManyToManyField(blank=True, to="consultations.topic", verbose_name="topics"),
        ),
    ]
