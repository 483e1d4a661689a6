"""The mail participants receive, in the language they asked in, formal: the confirmation of a follow, the alerts
(each with `List-Unsubscribe` and `List-Unsubscribe-Post`, RFC 8058), "your comment was counted" and the link to
"my participation"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from rapfang.core.i18n import localized
from rapfang.participation.links import mine_token, site_url
from rapfang.participation.models import Alert, Follow, Moment


def _subject(moment: str, **values: Any) -> str:
    texts = {
        Moment.OPENS: _("The comment period has opened: %(title)s"),
        Moment.CLOSES_SOON: _("Three days left to comment: %(title)s"),
        Moment.HEARING_SOON: _("The hearing is in three days: %(title)s"),
        Moment.RESPONSES: _("The agency's responses are published: %(title)s"),
        Moment.REPORT: _("The hearing summary report is published: %(title)s"),
        Moment.COUNTED: _("Your comment was counted in a published response: %(receipt)s"),
    }
    return " ".join((texts[Moment(moment)] % values).split())


def _unsubscribe_headers(follow: Follow) -> dict[str, str]:
    link = site_url("participation:unsubscribe", follow.token, language=follow.language)
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _target(follow: Follow) -> Any:
    return follow.consultation if follow.consultation_id else follow.agency


def confirmation_message(follow: Follow) -> EmailMessage:
    with translation.override(follow.language):
        context = {
            "follow": follow, "target": _target(follow), "is_consultation": bool(follow.consultation_id),
            "confirm": site_url("participation:confirm", follow.token, language=follow.language),
            "unsubscribe": site_url("participation:unsubscribe", follow.token, language=follow.language),
        }  # fmt: skip
        subject = _("Please confirm that you wish to follow: %(target)s") % {"target": _short(context["target"])}
        body = render_to_string("participation/mail/confirm.txt", context)
    return EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [follow.email])


def _short(target: Any) -> str:
    title = localized(target, "title") if hasattr(target, "title_th") else str(target)
    return title if len(title) <= 90 else title[:89] + "…"


def alert_message(alert: Alert) -> EmailMessage | None:
    """The message an alert owes, or None when there is no one to send it to any more."""
    if alert.follow is not None:
        return _follow_alert(alert, alert.follow) if alert.follow.active else None
    comment = alert.comment
    if comment is None or not comment.email or comment.erased_at is not None or comment.status != "published":
        return None
    return _counted(alert, comment)


def _follow_alert(alert: Alert, follow: Follow) -> EmailMessage:
    consultation = alert.consultation
    language = follow.language
    with translation.override(language):
        context = {
            "alert": alert, "consultation": consultation, "agency": consultation.agency, "follow": follow,
            "thai_digits": consultation.thai_digits, "window": _window(consultation),
            "page": site_url("portal:consultation", consultation.slug, language=language),
            "responses": site_url("reports:responses", consultation.slug, language=language),
            "comment": site_url("comments:new", consultation.slug, language=language),
            "unsubscribe": site_url("participation:unsubscribe", follow.token, language=language),
        }  # fmt: skip
        subject = _subject(alert.moment, title=_short(consultation))
        body = render_to_string("participation/mail/alert.txt", context)
    return EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [follow.email], headers=_unsubscribe_headers(follow)
    )


def _window(consultation: Any) -> dict[str, Any]:
    steps = {m.kind: m for m in consultation.milestones.filter(kind__in=["comments", "hearing"])}
    return {"comments": steps.get("comments"), "hearing": steps.get("hearing")}


def _counted(alert: Alert, comment: Any) -> EmailMessage:
    consultation = alert.consultation
    language = comment.language if comment.language in ("th", "en") else "th"
    with translation.override(language):
        link = site_url("reports:responses", consultation.slug, language=language)
        context = {
            "comment": comment, "consultation": consultation, "agency": consultation.agency,
            "thai_digits": consultation.thai_digits,
            "link": f"{link}?receipt={comment.receipt}#lookup-title",
            "mine": site_url("participation:mine_ask", language=language),
        }  # fmt: skip
        subject = _subject(Moment.COUNTED, receipt=comment.receipt)
        body = render_to_string("participation/mail/counted.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [comment.email])


def mine_message(email: str, language: str) -> EmailMessage:
    with translation.override(language):
        context = {"link": site_url("participation:mine", mine_token(email), language=language)}
        subject = _("Your link to “my participation”")
        body = render_to_string("participation/mail/mine.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
