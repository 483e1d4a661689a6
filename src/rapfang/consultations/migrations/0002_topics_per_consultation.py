"""Each consultation gets a taxonomy of its own: the global capability domains become topics of a consultation,
and a consultation names the kind of instrument its draft is.

A topic is given to the consultation that used it (by the consultation's list, its draft's tags, its analysis or
its issues); when several did, each other one gets a copy of its own and its rows are moved over to that copy.
Topics that no consultation used are removed.
"""

import django.db.models.deletion
from django.db import migrations, models


def _users(apps, topic):
    Consultation = apps.get_model("consultations", "Consultation")
    Section = apps.get_model("documents", "Section")
    Paragraph = apps.get_model("documents", "Paragraph")
    CommentAnalysis = apps.get_model("analysis", "CommentAnalysis")
    Issue = apps.get_model("reports", "Issue")
    ids = set(Consultation.objects.filter(domains=topic).values_list("pk", flat=True))
    ids |= set(Section.objects.filter(domains=topic).values_list("version__document__consultation_id", flat=True))
    ids |= set(Paragraph.objects.filter(domains=topic).values_list("version__document__consultation_id", flat=True))
    ids |= set(CommentAnalysis.objects.filter(domain=topic).values_list("consultation_id", flat=True))
    ids |= set(Issue.objects.filter(domain=topic).values_list("consultation_id", flat=True))
    return sorted(ids)


def _move(apps, topic, copy, consultation_id):
    Section = apps.get_model("documents", "Section")
    Paragraph = apps.get_model("documents", "Paragraph")
    for model in (Section, Paragraph):
        for row in model.objects.filter(domains=topic, version__document__consultation_id=consultation_id):
            row.domains.remove(topic)
            row.domains.add(copy)
    apps.get_model("analysis", "CommentAnalysis").objects.filter(domain=topic, consultation_id=consultation_id).update(
        domain=copy
    )
    apps.get_model("reports", "Issue").objects.filter(domain=topic, consultation_id=consultation_id).update(domain=copy)


def distribute(apps, schema_editor):
    Topic = apps.get_model("consultations", "Topic")
    fields = ("key", "name_th", "name_en", "description_th", "description_en", "keywords", "note", "order")
    for topic in list(Topic.objects.all()):
        users = _users(apps, topic)
        if not users:
            topic.delete()
            continue
        topic.consultation_id = users[0]
        topic.save(update_fields=["consultation"])
        for consultation_id in users[1:]:
            copy = Topic.objects.create(consultation_id=consultation_id, **{f: getattr(topic, f) for f in fields})
            _move(apps, topic, copy, consultation_id)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("documents", "0002_drafts"),
        ("analysis", "0001_initial"),
        ("reports", "0002_report_withdrawn"),
    ]

    operations = [
        migrations.RenameModel("CapabilityDomain", "Topic"),
        migrations.AddField(
            model_name="topic",
            name="consultation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="topics",
                to="consultations.consultation",
            ),
        ),
        migrations.AlterField(
            model_name="topic",
            name="key",
            field=models.SlugField(
                help_text="Lower-case Latin letters, digits and hyphens or underscores.",
                max_length=60,
                verbose_name="key",
            ),
        ),
        migrations.RunPython(distribute, migrations.RunPython.noop),
        migrations.RemoveField(model_name="consultation", name="domains"),
        migrations.AlterField(
            model_name="topic",
            name="consultation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="topics", to="consultations.consultation"
            ),
        ),
        migrations.AlterField(
            model_name="topic",
            name="keywords",
            field=models.TextField(
                blank=True, help_text="Words that point to this topic, one a line.", verbose_name="keywords"
            ),
        ),
        migrations.AlterModelOptions(
            name="topic",
            options={"ordering": ["order", "key"], "verbose_name": "topic", "verbose_name_plural": "topics"},
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(fields=("consultation", "key"), name="topic_unique_key"),
        ),
        migrations.AddField(
            model_name="consultation",
            name="instrument",
            field=models.CharField(
                choices=[
                    ("plan", "Plan"),
                    ("act", "Act"),
                    ("royal_decree", "Royal decree"),
                    ("ministerial_regulation", "Ministerial regulation"),
                    ("regulation", "Regulation"),
                    ("notification", "Notification"),
                    ("policy", "Policy"),
                    ("other", "Other"),
                ],
                default="plan",
                max_length=30,
                verbose_name="kind of instrument",
            ),
        ),
    ]
