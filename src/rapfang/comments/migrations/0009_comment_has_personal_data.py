"""Comments carry a flag for moderators when their text, name or organisation holds an e-mail address, a telephone
number or a national ID. Comments already taken are flagged here, and those flagged get search terms without that
data (the index is kept in step on SQLite), so that searching for a number no longer finds the comment.
"""

from django.db import migrations, models

from rapfang.comments.search import terms_for
from rapfang.core.redact import has_personal_data

CHUNK = 2000


def flag(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    rows = Comment.objects.filter(erased_at__isnull=True).values_list("id", "text", "name", "organisation")
    flagged = [pk for pk, *fields in rows.iterator(chunk_size=CHUNK) if any(map(has_personal_data, fields))]
    for start in range(0, len(flagged), CHUNK):
        comments = list(Comment.objects.filter(pk__in=flagged[start : start + CHUNK]).only("id", "text", "status"))
        for comment in comments:
            comment.has_personal_data, comment.search_terms = True, terms_for(comment.text)
        Comment.objects.bulk_update(comments, ["has_personal_data", "search_terms"])
        if schema_editor.connection.vendor == "sqlite":
            _reindex(schema_editor, comments)


def _reindex(schema_editor, comments):
    with schema_editor.connection.cursor() as cursor:
        for comment in comments:
            cursor.execute("UPDATE comments_search SET terms = %s WHERE rowid = %s", [comment.search_terms, comment.pk])


class Migration(migrations.Migration):
    dependencies = [("comments", "0008_search_scope_column")]
    operations = [
        migrations.AddField(
            model_name="comment",
            name="has_personal_data",
            field=models.BooleanField(
                default=False,
                help_text="An e-mail address, telephone number or national ID, masked on public pages.",
                verbose_name="personal data found in the text",
            ),
        ),
        migrations.RunPython(flag, migrations.RunPython.noop),
    ]
