from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def keys_onto_their_comments(apps, schema_editor):
    """Each key's comment takes the key and fingerprint (the key's moment was the comment's `consent_at`): one
    UPDATE for all of them, however many comments were sent under a key."""
    CommentKey = apps.get_model("comments", "CommentKey")
    Comment = apps.get_model("comments", "Comment")
    sent = CommentKey.objects.filter(comment_id=OuterRef("pk"))
    Comment.objects.filter(pk__in=CommentKey.objects.values("comment_id")).update(
        sent_under_key=Subquery(sent.values("key")[:1]), key_fingerprint=Subquery(sent.values("fingerprint")[:1])
    )


def keys_back_to_their_table(apps, schema_editor):
    CommentKey = apps.get_model("comments", "CommentKey")
    Comment = apps.get_model("comments", "Comment")
    CommentKey.objects.bulk_create(
        CommentKey(consultation_id=comment.consultation_id, key=comment.sent_under_key, comment_id=comment.pk,
                   fingerprint=comment.key_fingerprint, created_at=comment.consent_at)
        for comment in Comment.objects.exclude(sent_under_key="").iterator()
    )  # fmt: skip


class Migration(migrations.Migration):
    """A comment's idempotency key moves from a table of its own onto the comment's row (decision 22), so that a
    comment sent under a key is one insert."""

    dependencies = [
        ("comments", "0014_comment_followup"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="key_fingerprint",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="fingerprint of the content"),
        ),
        migrations.AddField(
            model_name="comment",
            name="sent_under_key",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="idempotency key"),
        ),
        migrations.RunPython(keys_onto_their_comments, keys_back_to_their_table),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("sent_under_key", ""), _negated=True),
                fields=("consultation", "sent_under_key"),
                name="comment_sent_under_key_once",
            ),
        ),
        migrations.DeleteModel(name="CommentKey"),
    ]
