"""Background jobs of accounts: the invitation's mail."""

from __future__ import annotations

from django_tasks import task

from rapfang.accounts.invitations import invitation_mail_send


@task()
def invitation_mail(invitation_id: int, nonce: str) -> None:
    """Send the invitation's link, unless the invitation was withdrawn, accepted or sent again since."""
    invitation_mail_send(invitation_id=invitation_id, nonce=nonce)
