"""Forms of questionnaires: the public's answers (drawn from the questions, with a comment's identity fields and
bot defences), the answers keyed in by staff from paper and fax, and the staff's question editor. Their rules are
the services' (`answer_fields_checked`, `question_fields_checked`): every problem at once, beside its field."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rapfang.comments.forms import IdentityFields, form_stamp, not_a_bot_checked
from rapfang.comments.models import CommentChannel, ModerationReason
from rapfang.core.forms_thai import ThaiDateTimeField, plain_messages
from rapfang.core.i18n import localized
from rapfang.questionnaires.models import Question, QuestionKind, Stance
from rapfang.questionnaires.services import REASON_MAX_CHARS, TEXT_MAX_CHARS, answer_fields_checked, field_name

IDENTITY = ("anonymous", "name", "organisation", "stakeholder_type", "email", "consent")


def _question_fields(question: Question) -> dict[str, forms.Field]:
    """The form fields of one question: its answer, and for agree / disagree the reason."""
    label = localized(question, "text")
    help_text = localized(question, "help")
    if question.kind == QuestionKind.TEXT:
        widget = forms.Textarea(attrs={"rows": 4})
        return {field_name(question): forms.CharField(label=label, help_text=help_text, required=False,
                                                      max_length=TEXT_MAX_CHARS, widget=widget)}  # fmt: skip
    if question.kind == QuestionKind.AGREE:
        choices: list[tuple[str, str]] = [(value, str(text)) for value, text in Stance.choices]
    elif question.kind == QuestionKind.SCALE:
        choices = [(str(point), str(point)) for point in range(1, question.scale_max + 1)]
    else:
        choices = [(str(choice.pk), localized(choice, "text")) for choice in question.choices.all()]
    kind = forms.MultipleChoiceField if question.kind == QuestionKind.MULTIPLE else forms.ChoiceField
    fields: dict[str, forms.Field] = {field_name(question): kind(label=label, help_text=help_text, choices=choices,
                                                                 required=False)}  # fmt: skip
    if question.kind == QuestionKind.AGREE:
        fields[field_name(question, "reason")] = forms.CharField(
            label=_("Your reason (optional)"), required=False, max_length=REASON_MAX_CHARS,
            widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Up to 2,000 characters."),
        )  # fmt: skip
    return fields


class AnswerForm(IdentityFields):
    """The questionnaire as the public answers it."""

    shown = forms.CharField(widget=forms.HiddenInput, required=False)
    idempotency_key = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    website = forms.CharField(label=_("Leave this field empty"), required=False)  # the honeypot
    wording = {
        "anonymous": {"label": _("Answer anonymously"),
                      "help_text": _("Anonymous answers are counted without a name or organisation.")},
        "name": {"help_text": _("Needed unless you answer anonymously.")},
        "organisation": {"help_text": _(
            "Needed when you answer for an agency, a company, an institution or a group, unless you answer "
            "anonymously. A citizen answering in their own name may leave it empty.")},
        "stakeholder_type": {"label": _("You answer as"),
                             "error_messages": {"required": _("Please choose who you are answering as.")}},
        "email": {"label": _("E-mail (optional)"),
                  "help_text": _("We send the receipt for your answers to this address. It is never published.")},
        "consent": {"required": False},  # the service says why, beside the field
    }  # fmt: skip

    def __init__(self, *args: Any, questions: Sequence[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        answers: dict[str, forms.Field] = {}
        for question in self.questions:
            answers.update(_question_fields(question))
        self.fields = {**answers, **self.fields}  # the questions first, then who answers
        if not self.is_bound:
            self.initial.setdefault("shown", form_stamp())
            self.initial.setdefault("idempotency_key", secrets.token_urlsafe(18))
        plain_messages(self)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def question_rows(
        self, titles: dict[str, str] | None = None
    ) -> list[tuple[Question, forms.BoundField, forms.BoundField | None, str]]:
        """Each question with its answer's field, its reason's, and the title of the section it is asked on."""
        titles = titles or {}
        return [(q, self[field_name(q)], self[field_name(q, "reason")] if q.kind == QuestionKind.AGREE else None,
                 titles.get(q.section_anchor, "")) for q in self.questions]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _fields, problems = answer_fields_checked(self.questions, self.service_data())
        for name, messages in problems.items():
            if name == "__all__":
                self.add_error(None, messages)
            elif name in self.fields and name not in self.errors:
                self.add_error(name, messages)
        self.check_not_a_bot(data)
        return data

    def check_not_a_bot(self, data: dict[str, Any]) -> None:
        not_a_bot_checked(data)

    def renew_key(self) -> None:
        """A new idempotency key for a form shown again whose key already sent other answers (a page kept by Back):
        sent again, it makes answers of their own."""
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict when bound to a request
        data["idempotency_key"] = secrets.token_urlsafe(18)
        self.data = data

    def service_data(self) -> dict[str, Any]:
        data = getattr(self, "cleaned_data", {})
        answers = {name: data.get(name) for name in self.fields if name.startswith("q")}
        return {**answers, **{key: data.get(key) for key in IDENTITY}}


class OfflineAnswerForm(AnswerForm):
    """Staff key in answers that came on a paper or faxed form, or by e-mail."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(c.value, c.label) for c in (CommentChannel.LETTER, CommentChannel.FAX, CommentChannel.EMAIL)],
    )
    received_at = ThaiDateTimeField(label=_("Received at"))
    accept_late = forms.BooleanField(label=_("Accept although it arrived after the period"), required=False)

    def check_not_a_bot(self, data: dict[str, Any]) -> None:
        """Staff are not timed."""


class QuestionForm(forms.Form):
    """One question in the staff's editor; choices one per line, in Thai and in English."""

    kind = forms.ChoiceField(label=_("Kind of question"), choices=[("", _("Choose one")), *QuestionKind.choices],
                             required=False)  # fmt: skip
    text_th = forms.CharField(label=_("Question (Thai)"), max_length=500, required=False)
    text_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    help_th = forms.CharField(label=_("Explanation (Thai, optional)"), max_length=500, required=False)
    help_en = forms.CharField(label=_("Explanation (English, optional)"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    section_anchor = forms.ChoiceField(label=_("On"), required=False)
    choices_th = forms.CharField(
        label=_("Choices (Thai), one per line"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For one choice or several choices only."),
    )  # fmt: skip
    choices_en = forms.CharField(
        label=_("Choices (English), one per line, in the same order"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    scale_max = forms.IntegerField(label=_("Scale from 1 to"), min_value=2, max_value=10, initial=5, required=False,
                                   help_text=_("For a scale only."))  # fmt: skip
    low_label_th = forms.CharField(label=_("Meaning of 1 (Thai)"), max_length=100, required=False)
    low_label_en = forms.CharField(label=_("Meaning of 1 (English)"), max_length=100, required=False)
    high_label_th = forms.CharField(label=_("Meaning of the highest point (Thai)"), max_length=100, required=False)
    high_label_en = forms.CharField(label=_("Meaning of the highest point (English)"), max_length=100, required=False)

    def __init__(self, *args: Any, sections: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section_anchor"].choices = [("", _("The whole draft")), *sections]  # type: ignore[attr-defined]
        plain_messages(self)
        for field in self.fields.values():
            css = {"CheckboxInput": "form-check-input", "Select": "form-select"}.get(
                type(field.widget).__name__, "form-control"
            )
            field.widget.attrs.setdefault("class", css)

    def choice_texts(self) -> list[tuple[str, str]]:
        thai = [line.strip() for line in (self.cleaned_data.get("choices_th") or "").splitlines() if line.strip()]
        english = [line.strip() for line in (self.cleaned_data.get("choices_en") or "").splitlines() if line.strip()]
        return [(text, english[index] if index < len(english) else "") for index, text in enumerate(thai)]

    @staticmethod
    def initial_of(question: Question) -> dict[str, Any]:
        names = ("kind", "text_th", "text_en", "help_th", "help_en", "required", "section_anchor", "scale_max",
                 "low_label_th", "low_label_en", "high_label_th", "high_label_en")  # fmt: skip
        choices = list(question.choices.all())
        return {**{name: getattr(question, name) for name in names},
                "choices_th": "\n".join(c.text_th for c in choices),
                "choices_en": "\n".join(c.text_en for c in choices)}  # fmt: skip


class ModerateForm(forms.Form):
    action = forms.ChoiceField(choices=[("publish", _("Publish")), ("hide", _("Hide"))])
    reason = forms.ChoiceField(label=_("Reason (to hide)"), choices=[("", "—"), *ModerationReason.choices],
                               required=False)  # fmt: skip
