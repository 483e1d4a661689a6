"""A sentence for every action code the services write to the audit log, in the acting person's voice.

Placeholders: `actor` (a person's name, "the system", "a member of the public", "a registrant"), `object` (the
object acted on, named in the reader's language), `n` (how many entries a batch holds), and known keys of the
entry's data put in words (`count`, `items`, `reason`, `channel` …). Unknown keys are never shown. A test walks the
source for `action=` codes and checks that each has its sentence here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Sentence:
    one: Any  # one entry
    many: Any = None  # a batch of entries done at once (a moderator's "publish all"), with `n`
    by_staff: Any = None  # when a signed-in staff member did what the public usually does (a comment keyed in)


UNKNOWN = Sentence(_("%(actor)s did an action recorded as %(code)s"))

SENTENCES: dict[str, Sentence] = {
    # Agencies, staff and keys
    "accounts.agency.create": Sentence(_("%(actor)s added the agency %(object)s")),
    "accounts.agency.update": Sentence(_("%(actor)s changed the details of the agency %(object)s")),
    "accounts.agency.contacts_replace": Sentence(_("%(actor)s set %(count)s contact persons for %(object)s")),
    "accounts.user.create": Sentence(_("%(actor)s created a staff account for %(object)s")),
    "accounts.user.update": Sentence(_("%(actor)s changed the account of %(object)s")),
    "accounts.membership.grant": Sentence(_("%(actor)s gave %(object)s a role in the agency")),
    "accounts.agency.delete": Sentence(_("%(actor)s deleted the agency %(object)s")),
    "accounts.invitation.create": Sentence(_("%(actor)s invited a new %(role)s to the agency")),
    "accounts.invitation.resend": Sentence(_("%(actor)s sent an invitation to the agency again")),
    "accounts.invitation.withdraw": Sentence(_("%(actor)s withdrew an invitation to the agency")),
    "accounts.invitation.accept": Sentence(_("%(actor)s accepted the invitation and joined the agency as %(role)s")),
    "accounts.membership.change": Sentence(_("%(actor)s changed a role in the agency: %(object)s")),
    "accounts.membership.revoke": Sentence(_("%(actor)s took %(user)s off the team of %(object)s")),
    "accounts.user.login": Sentence(_("%(actor)s logged in")),
    "accounts.second_factor.enrol": Sentence(_("%(actor)s turned on a second factor for their login")),
    "accounts.second_factor.recovery_use": Sentence(_("%(actor)s logged in with a recovery code")),
    "accounts.second_factor.recovery_renew": Sentence(_("%(actor)s made new recovery codes")),
    "accounts.second_factor.remove": Sentence(_("%(actor)s turned off the second factor of their login")),
    "accounts.apikey.create": Sentence(_("%(actor)s issued the API key %(object)s")),
    "accounts.apikey.revoke": Sentence(_("%(actor)s revoked the API key %(object)s")),
    # The consultation, its timeline and topics
    "consultations.consultation.create": Sentence(_("%(actor)s created the consultation %(object)s")),
    "consultations.consultation.update": Sentence(_("%(actor)s changed the details of the consultation %(object)s")),
    "consultations.consultation.delete": Sentence(_("%(actor)s deleted the consultation %(object)s")),
    "consultations.consultation.copy": Sentence(_("%(actor)s made the consultation %(object)s as a copy of another")),
    "consultations.consultation.publish": Sentence(_("%(actor)s took the consultation %(object)s live")),
    "consultations.consultation.unpublish": Sentence(
        _("%(actor)s took the consultation %(object)s off the public site")
    ),
    "consultations.milestone.set": Sentence(_("%(actor)s set the dates of “%(object)s” in the timeline")),
    "consultations.milestone.remove": Sentence(_("%(actor)s removed “%(object)s” from the timeline")),
    "consultations.topic.create": Sentence(_("%(actor)s added the topic %(object)s")),
    "consultations.topic.update": Sentence(_("%(actor)s changed the topic %(object)s")),
    "consultations.topic.delete": Sentence(_("%(actor)s deleted the topic %(object)s")),
    "consultations.topic.copy": Sentence(_("%(actor)s copied %(count)s topics from an earlier consultation")),
    "consultations.topic.reorder": Sentence(_("%(actor)s put the topics of %(object)s in a new order")),
    # The draft and files
    "documents.document.create": Sentence(_("%(actor)s created the draft %(object)s")),
    "documents.document.update": Sentence(_("%(actor)s changed the draft %(object)s")),
    "documents.document.delete": Sentence(_("%(actor)s deleted the draft %(object)s")),
    "documents.version.import": Sentence(_("%(actor)s imported %(object)s from a %(format)s file")),
    "documents.attachment.add": Sentence(_("%(actor)s added the file %(object)s")),
    "documents.attachment.remove": Sentence(_("%(actor)s removed the file %(object)s")),
    "documents.attachment.update": Sentence(_("%(actor)s changed the details of the file %(object)s")),
    "documents.version.remove": Sentence(_("%(actor)s removed the version %(object)s")),
    # Events and registrations
    "hearings.event.create": Sentence(_("%(actor)s created the event %(object)s")),
    "hearings.event.update": Sentence(_("%(actor)s changed the event %(object)s")),
    "hearings.event.delete": Sentence(_("%(actor)s deleted the event %(object)s")),
    "hearings.event.close_registration": Sentence(_("%(actor)s closed registration for %(object)s")),
    "hearings.event.agenda": Sentence(_("%(actor)s set the agenda of %(object)s: %(items)s items")),
    "hearings.event.questions": Sentence(_("%(actor)s set %(questions)s questions for the registrants of %(object)s")),
    "hearings.event.message": Sentence(_("%(actor)s sent the message %(object)s to %(count)s registrants by e-mail")),
    "hearings.privacy_notice.publish": Sentence(_("%(actor)s published version %(object)s of the privacy notice")),
    "hearings.registration.create": Sentence(
        _("%(actor)s registered: %(object)s (%(status)s, %(channel)s)"),
        by_staff=_("%(actor)s recorded registration %(object)s (%(status)s, %(channel)s)"),
    ),
    "hearings.registration.update": Sentence(_("%(actor)s changed registration %(object)s")),
    "hearings.registration.cancel": Sentence(_("%(actor)s cancelled registration %(object)s")),
    "hearings.registration.promote": Sentence(_("%(actor)s gave registration %(object)s a seat from the waiting list")),
    "hearings.registration.check_in": Sentence(_("%(actor)s checked in registration %(object)s")),
    "hearings.registration.admit_beyond_capacity": Sentence(
        _("%(actor)s let registration %(object)s in beyond the capacity")
    ),
    "hearings.registration.import": Sentence(_("%(actor)s imported %(rows)s registrations for %(object)s")),
    "hearings.registration.remind": Sentence(_("%(actor)s sent the reminders for %(object)s to %(count)s registrants")),
    "hearings.registration.repeat": Sentence(
        _("%(actor)s tried to register again for %(object)s with the same e-mail address or telephone number")
    ),
    "hearings.registration.purge": Sentence(
        _("%(actor)s erased the personal data of %(count)s registrations of events that ended before %(cutoff)s")
    ),
    # Comments and moderation
    "comments.comment.submit": Sentence(
        _("%(actor)s sent comment %(object)s (%(channel)s)"),
        by_staff=_("%(actor)s keyed in comment %(object)s, received by %(channel)s"),
    ),
    "comments.comment.publish": Sentence(
        _("%(actor)s published comment %(object)s"), many=_("%(actor)s published %(n)s comments")
    ),
    "comments.comment.hide": Sentence(
        _("%(actor)s hid comment %(object)s (%(reason)s)"), many=_("%(actor)s hid %(n)s comments (%(reason)s)")
    ),
    "comments.comment.flag": Sentence(_("%(actor)s flagged comment %(object)s for review (%(reason)s)")),
    "comments.comment.erase": Sentence(_("%(actor)s erased comment %(object)s under the personal data law")),
    "comments.comment.withdraw": Sentence(_("%(actor)s withdrew comment %(object)s")),
    "comments.endorsement.add": Sentence(_("%(actor)s agreed with a comment (endorsement %(object)s)")),
    "comments.endorsement.erase": Sentence(
        _("%(actor)s erased the endorser's personal data of endorsement %(object)s under the personal data law")
    ),
    "comments.commenter.purge": Sentence(
        _(
            "%(actor)s removed the names and e-mail addresses of %(count)s commenters whose comment period ended "
            "before %(cutoff)s"
        )
    ),
    "comments.policy.set": Sentence(_("%(actor)s set how comments are moderated: %(moderation)s")),
    # Questionnaires
    "questionnaires.question.add": Sentence(_("%(actor)s added a question to the questionnaire: %(object)s")),
    "questionnaires.question.update": Sentence(_("%(actor)s changed a question of the questionnaire: %(object)s")),
    "questionnaires.question.delete": Sentence(_("%(actor)s removed a question from the questionnaire: %(object)s")),
    "questionnaires.question.reorder": Sentence(_("%(actor)s changed the order of the questionnaire's questions")),
    "questionnaires.answer.submit": Sentence(
        _("%(actor)s answered the questionnaire (receipt %(object)s, %(channel)s)"),
        by_staff=_("%(actor)s keyed in answers to the questionnaire (receipt %(object)s), received by %(channel)s"),
    ),
    "questionnaires.answer.publish": Sentence(_("%(actor)s published the written reasons of %(count)s answers")),
    "questionnaires.answer.hide": Sentence(_("%(actor)s hid %(count)s answers to the questionnaire (%(reason)s)")),
    "questionnaires.answer.erase": Sentence(
        _("%(actor)s erased the answerer's personal data of answers %(object)s under the personal data law")
    ),
    "questionnaires.answerer.purge": Sentence(
        _(
            "%(actor)s removed the names and e-mail addresses of %(count)s answerers whose comment period ended "
            "before %(cutoff)s"
        )
    ),
    # Following by e-mail (the address is never named here)
    "participation.follow.request": Sentence(_("%(actor)s asked to follow a consultation or an agency by e-mail")),
    "participation.follow.confirm": Sentence(_("%(actor)s confirmed following by e-mail")),
    "participation.follow.unsubscribe": Sentence(_("%(actor)s stopped following by e-mail")),
    "participation.follow.purge": Sentence(
        _("%(actor)s deleted the requests to follow that were not confirmed in time")
    ),
    # Analysis
    "analysis.run.start": Sentence(_("%(actor)s started an analysis of the comments")),
    "analysis.run.finish": Sentence(_("%(actor)s finished analysing %(comments)s comments")),
    "analysis.comment.domain_set": Sentence(_("%(actor)s moved comment %(object)s to another topic")),
    "analysis.comment.group_set": Sentence(_("%(actor)s moved comment %(object)s to another campaign")),
    "analysis.comment.domain_release": Sentence(
        _("%(actor)s let the analysis decide the topic of comment %(object)s again")
    ),
    "analysis.comment.group_release": Sentence(
        _("%(actor)s let the analysis decide the campaign of comment %(object)s again")
    ),
    # Issues, responses and the report
    "reports.issue.create": Sentence(_("%(actor)s created issue %(object)s")),
    "reports.issue.create_from_group": Sentence(
        _("%(actor)s created issue %(object)s from a campaign of %(comments)s comments")
    ),
    "reports.issue.create_from_cluster": Sentence(
        _("%(actor)s created issue %(object)s from a topic of %(comments)s comments")
    ),
    "reports.issue.update": Sentence(_("%(actor)s changed issue %(object)s")),
    "reports.issue.delete": Sentence(_("%(actor)s deleted issue %(object)s")),
    "reports.issue.comments_add": Sentence(_("%(actor)s added %(added)s comments to issue %(object)s")),
    "reports.issue.comment_remove": Sentence(_("%(actor)s took comment %(receipt)s out of issue %(object)s")),
    "reports.response.save": Sentence(_("%(actor)s wrote the response to issue %(object)s (%(decision)s)")),
    "reports.response.publish": Sentence(_("%(actor)s published the response to issue %(object)s")),
    "reports.response.unpublish": Sentence(_("%(actor)s took the response to issue %(object)s off the public pages")),
    "reports.report.request": Sentence(_("%(actor)s asked for version %(number)s of the summary report")),
    "reports.report.ready": Sentence(_("%(actor)s made version %(object)s of the summary report (%(formats)s)")),
    "reports.report.fail": Sentence(_("%(actor)s could not make version %(object)s of the summary report")),
    "reports.report.publish": Sentence(_("%(actor)s published version %(number)s of the summary report")),
    "reports.report.withdraw": Sentence(_("%(actor)s withdrew version %(number)s of the summary report")),
    # Demo material
    "demo.comments.load": Sentence(_("%(actor)s loaded the illustrative demo comments")),
    "demo.responses.redate": Sentence(_("%(actor)s moved the dates of the demo responses")),
}

# Kinds of action, to filter the log by: a label and the code prefixes it covers.
KINDS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "comments": (_("Comments and moderation"), ("comments.",)),
    "consultation": (_("Consultation, timeline and topics"), ("consultations.",)),
    "drafts": (_("Draft and files"), ("documents.",)),
    "events": (_("Events and registrations"), ("hearings.",)),
    "analysis": (_("Analysis"), ("analysis.",)),
    "results": (_("Issues, responses and the report"), ("reports.",)),
    "team": (_("Agency and team"), ("accounts.",)),
    "demo": (_("Demo material"), ("demo.",)),
}


def sentence_for(code: str) -> Sentence:
    return SENTENCES.get(code, UNKNOWN)
