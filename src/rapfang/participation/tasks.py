"""Mail sent at once, outside the alerts: a follow's confirmation and the link to "my participation"."""

from __future__ import annotations

from django_tasks import task

from rapfang.participation.models import Follow


@task()
def follow_confirmation_mail(follow_id: int) -> None:
    from rapfang.participation.mail import confirmation_message

    follow = Follow.objects.select_related("consultation__agency", "agency").filter(pk=follow_id).first()
    if follow is not None and follow.unsubscribed_at is None:
        confirmation_message(follow).send()


@task()
def follows_purge() -> int:
    """Daily: follows never confirmed within seven days go, with their addresses."""
    from rapfang.participation.services import follows_unconfirmed_purge

    return follows_unconfirmed_purge()


@task()
def mine_link_mail(email: str, language: str) -> None:
    from rapfang.participation.mail import mine_message

    mine_message(email, language).send()
