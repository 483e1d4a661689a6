"""The hearing summary report as plain data, gathered once; each renderer in `reports.render` writes one format.

`report_content` reads the consultation, its events, registrations, comments, analysis, issues and responses and
turns them into text already formatted for the report's language (B.E. dates in Thai, Thai digits when asked) and
numbers kept as numbers (for spreadsheets and charts). The annex is not held in memory: `ReportContent.annex`
streams its rows from the database in chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rapfang.consultations.models import Consultation, Milestone, MilestoneKind
from rapfang.consultations.timeline import window_days
from rapfang.core import thai, when
from rapfang.core.i18n import localized
from rapfang.hearings.models import Event, EventKind
from rapfang.reports.annex import AnnexRow, AnnexSource, annex_source
from rapfang.reports.issue_entries import IssueEntry, issue_entries
from rapfang.reports.participation import Chart, Participation, participation
from rapfang.reports.questionnaire import QuestionnairePart, questionnaire_part

Progress = Callable[[int, int], None]  # (done, total), called often enough for a progress bar


@dataclass(frozen=True)
class Formatter:
    """Numbers and dates in the report's language, with Thai digits when the report asks for them (Thai only)."""

    language: str
    thai_digits: bool

    def num(self, value: int) -> str:
        return thai.format_number(value, thai_digits=self.thai_digits)

    def digits(self, text: str) -> str:
        return thai.to_thai_digits(text) if self.thai_digits else text

    def long_date(self, value: datetime) -> str:
        return thai.format_date(value, lang=self.language, thai_digits=self.thai_digits)

    def short_date(self, value: date | datetime) -> str:
        return thai.format_date(value, lang=self.language, thai_digits=self.thai_digits, style="short")

    def date_time(self, value: datetime) -> str:
        return thai.format_datetime(value, lang=self.language, thai_digits=self.thai_digits)

    def window(self, start: datetime | None, end: datetime | None, month_precision: bool = False) -> str:
        return when.format_window(
            start, end, lang=self.language, thai_digits=self.thai_digits, month_precision=month_precision
        )


@dataclass(frozen=True)
class EventFacts:
    title: str
    kind: str
    when: str
    venue: str
    sessions: int
    sessions_shown: str


@dataclass(frozen=True)
class PeriodFacts:
    """The online comment period and its length against the legal minimum, said plainly."""

    when: str
    days: int
    minimum: int
    meets_minimum: bool
    sentence: str


@dataclass
class ReportContent:
    consultation_id: int
    slug: str
    language: str
    thai_digits: bool
    version: int | None
    generated_at: datetime
    fmt: Formatter
    report_title: str
    title: str
    agency: str
    version_label: str
    date: str
    hearing: EventFacts | None
    preparation: list[EventFacts]
    comment_channels: list[str]
    registration_channels: list[str]
    period: PeriodFacts | None
    participation: Participation
    issues: list[IssueEntry]
    figures: dict[str, Any]
    summary: list[str]
    headings: dict[str, str]
    annex_source: AnnexSource = field(repr=False)
    questionnaire: QuestionnairePart | None = None

    @property
    def questionnaire_answers(self) -> int | None:
        return self.questionnaire.answers if self.questionnaire else None

    @property
    def annex_total(self) -> int:
        """Rows of the annex: every published comment, campaign members folded under their representative."""
        return self.annex_source.total

    @property
    def charts(self) -> list[Chart]:
        return [*self.participation.registration_charts, *self.participation.comment_charts]

    def annex(self, limit: int | None = None) -> Iterator[AnnexRow]:
        """The annex's rows, streamed from the database; run inside the report's language."""
        with translation.override(self.language):
            yield from self.annex_source.rows(limit=limit)


def report_content(
    *,
    consultation: Consultation,
    language: str = "th",
    thai_digits: bool | None = None,
    version: int | None = None,
    generated_at: datetime | None = None,
    legal_minimum_days: int | None = None,
) -> ReportContent:
    """Everything the report shows, formatted for `language`; the annex is streamed later by the renderers."""
    language = "en" if language == "en" else "th"
    digits = consultation.thai_digits if thai_digits is None else thai_digits
    fmt = Formatter(language=language, thai_digits=digits and language == "th")
    minimum = settings.LEGAL_MINIMUM_DAYS if legal_minimum_days is None else legal_minimum_days
    generated_at = generated_at or timezone.now()
    with translation.override(language):
        return _gather(consultation, fmt, version, generated_at, minimum, requested_digits=digits)


def _gather(
    consultation: Consultation,
    fmt: Formatter,
    version: int | None,
    generated_at: datetime,
    minimum: int,
    requested_digits: bool,
) -> ReportContent:
    language = fmt.language
    events = list(Event.objects.filter(consultation=consultation).order_by("starts_at", "id"))
    main = next((event for event in events if event.is_main), None)
    period = _period(consultation, fmt, minimum)
    counts = participation(consultation=consultation, fmt=fmt)
    annex = annex_source(consultation=consultation, fmt=fmt)
    issues = issue_entries(consultation=consultation, fmt=fmt, campaigns=annex.campaigns)
    content = ReportContent(
        consultation_id=consultation.pk, slug=consultation.slug, language=language, thai_digits=fmt.thai_digits,
        version=version, generated_at=generated_at, fmt=fmt,
        report_title=_("Hearing summary report"), title=localized(consultation, "title", language),
        agency=localized(consultation.agency, "name", language), version_label=_version_label(version, fmt),
        date=fmt.long_date(generated_at), hearing=_event_facts(main, fmt) if main else None,
        preparation=[_event_facts(event, fmt) for event in events if event is not main],
        comment_channels=_comment_channels(consultation, main, counts),
        registration_channels=_registration_channels(main),
        period=period, participation=counts, issues=issues, figures={}, summary=[],
        headings=_headings(fmt), annex_source=annex,
    )  # fmt: skip
    content.questionnaire = questionnaire_part(consultation=consultation, fmt=fmt,
                                               heading=content.headings["questionnaire"])  # fmt: skip
    content.figures = _figures(content, minimum, requested_digits)
    content.summary = _summary(content.figures, fmt)
    return content


def _headings(fmt: Formatter) -> dict[str, str]:
    """The parts' headings, numbered in the report's digits."""
    parts = {"facts": _("The hearing"), "participation": _("Participation"), "issues": _("Issues and responses"),
             "questionnaire": _("Results of the questionnaire")}  # fmt: skip
    headings = {key: f"{fmt.num(number)}. {title}" for number, (key, title) in enumerate(parts.items(), start=1)}
    return headings | {"annex": _("Annex: the comments")}


def _version_label(version: int | None, fmt: Formatter) -> str:
    if version is None:
        return _("Draft version")
    return _("Version %(number)s") % {"number": fmt.num(version)}


def _event_facts(event: Event, fmt: Formatter) -> EventFacts:
    place = (localized(event, "venue", fmt.language), localized(event, "address", fmt.language))
    venue = ", ".join(part for part in place if part) if event.at_venue else ""
    if event.online:  # the report says how people took part, never the joining link
        venue = f"{venue} ({event.get_attendance_display()})" if venue else str(event.get_attendance_display())
    return EventFacts(
        title=localized(event, "title", fmt.language), kind=str(EventKind(event.kind).label),
        when=fmt.window(event.starts_at, event.ends_at, event.month_precision), venue=venue, sessions=event.occurrences,
        sessions_shown=fmt.num(event.occurrences),
    )  # fmt: skip


def _period(consultation: Consultation, fmt: Formatter, minimum: int) -> PeriodFacts | None:
    milestone = Milestone.objects.filter(consultation=consultation, kind=MilestoneKind.COMMENTS).first()
    if milestone is None or milestone.starts_at is None or milestone.ends_at is None:
        return None
    days = window_days(milestone.starts_at, milestone.ends_at)
    meets = days >= minimum
    values = {"days": fmt.num(days), "minimum": fmt.num(minimum)}
    if meets:
        sentence = ngettext(
            "The comment period ran %(days)s day, which meets the legal minimum of %(minimum)s days.",
            "The comment period ran %(days)s days, which meets the legal minimum of %(minimum)s days.",
            days,
        )
    else:
        sentence = ngettext(
            "The comment period ran %(days)s day, shorter than the legal minimum of %(minimum)s days.",
            "The comment period ran %(days)s days, shorter than the legal minimum of %(minimum)s days.",
            days,
        )
    when_text = f"{fmt.date_time(milestone.starts_at)} – {fmt.date_time(milestone.ends_at)}"
    return PeriodFacts(when=when_text, days=days, minimum=minimum, meets_minimum=meets, sentence=sentence % values)


def _comment_channels(consultation: Consultation, main: Event | None, counts: Participation) -> list[str]:
    """Online form and API always; e-mail, fax and letter when the agency takes them or comments came by them."""
    used = {key for key, value in counts.comments_by_channel.items() if value}
    agency = consultation.agency
    channels = [_("Online comment form on this website"), _("The public API")]
    if agency.email or "email" in used or (main and main.accepts_email):
        channels.append(_("E-mail to the agency"))
    if agency.fax or "fax" in used or (main and main.accepts_fax):
        channels.append(_("Fax to the agency"))
    if "letter" in used:
        channels.append(_("Letter to the agency"))
    return channels


def _registration_channels(main: Event | None) -> list[str]:
    if main is None or not main.registration_required:
        return []
    channels = []
    if main.accepts_online:
        channels.append(_("Online registration form and the public API"))
    if main.accepts_email:
        channels.append(_("Reply form by e-mail"))
    if main.accepts_fax:
        channels.append(_("Reply form by fax"))
    return channels


def _figures(content: ReportContent, minimum: int, requested_digits: bool) -> dict[str, Any]:
    """The headline figures stored with each report version (JSON: numbers, keys and booleans only)."""
    counts = content.participation
    decisions: dict[str, int] = {}
    for issue in content.issues:
        if issue.decision_key:
            decisions[issue.decision_key] = decisions.get(issue.decision_key, 0) + 1
    with_response = sum(1 for issue in content.issues if issue.decision_key)
    period = content.period
    return {
        "language": content.language,
        "thai_digits": requested_digits,
        "comments_received": counts.comments_received,
        "comments_published": counts.comments_published,
        "comments_by_channel": counts.comments_by_channel,
        "comments_by_stakeholder_type": counts.comments_by_stakeholder,
        "comments_by_domain": counts.comments_by_domain,
        "campaigns": len(content.annex_source.campaigns.members),
        "comments_in_campaigns": content.annex_source.campaigns.comment_count,
        "endorsements": counts.endorsements,
        "annex_rows": content.annex_total,
        "issues": len(content.issues),
        "issues_with_response": with_response,
        "issues_without_response": len(content.issues) - with_response,
        "responses_published": sum(1 for issue in content.issues if issue.published),
        "decisions": decisions,
        "registrations": counts.registrations,
        "registrations_by_status": counts.registrations_by_status,
        "registrations_by_channel": counts.registrations_by_channel,
        "registrations_by_stakeholder_type": counts.registrations_by_stakeholder,
        "check_ins": counts.check_ins,
        "walk_ins": counts.walk_ins,
        "period_days": period.days if period else None,
        "legal_minimum_days": minimum,
        "legal_minimum_met": period.meets_minimum if period else None,
        "questionnaire_answers": content.questionnaire_answers,
    }


def _summary(figures: dict[str, Any], fmt: Formatter) -> list[str]:
    """The headline figures in sentences, for the top of the participation part."""
    n = fmt.num
    lines = [
        _("Comments received: %(received)s; published: %(published)s.")
        % {"received": n(figures["comments_received"]), "published": n(figures["comments_published"])}
    ]
    if figures["campaigns"]:
        lines.append(
            _("%(campaigns)s campaigns (%(comments)s comments with the same or nearly the same text) are each "
              "shown as one representative comment and the number of the others.")
            % {"campaigns": n(figures["campaigns"]), "comments": n(figures["comments_in_campaigns"])}
        )  # fmt: skip
    if figures.get("endorsements"):
        lines.append(
            _("People said %(endorsements)s times that they agree with a published comment (one endorsement per "
              "e-mail address and comment).")
            % {"endorsements": n(figures["endorsements"])}
        )  # fmt: skip
    lines.append(
        _("Registrations for the events: %(registrations)s (cancellations not counted); checked in at the event: "
          "%(check_ins)s, of whom %(walk_ins)s walked in.")
        % {"registrations": n(figures["registrations"]), "check_ins": n(figures["check_ins"]),
           "walk_ins": n(figures["walk_ins"])}
    )  # fmt: skip
    lines.append(
        _("Issues: %(issues)s; with a decision: %(answered)s; under consideration: %(pending)s.")
        % {"issues": n(figures["issues"]), "answered": n(figures["issues_with_response"]),
           "pending": n(figures["issues_without_response"])}
    )  # fmt: skip
    return lines
