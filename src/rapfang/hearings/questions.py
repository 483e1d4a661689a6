"""An event's own questions: their rules, the form field each becomes, and how an answer reads back.

Answers are kept as text: what was typed for a short or long answer, the option's number ("1", "2", …) for a
choice, "yes" or "no" for a yes-or-no question. What a client sends is read generously: an option by its number
or by its wording in Thai or English, yes or no as true/false, 1/0, yes/no or ใช่/ไม่ใช่, as people fill in a
spreadsheet.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rapfang.core.i18n import current_language, localized

KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")
# Names the registration form, the API body and the import file already use for something else.
RESERVED_KEYS = frozenset(
    {
        "name", "organisation", "position", "stakeholder_type", "email", "phone", "needs", "consent",
        "received_at", "channel", "scan", "answers", "reference", "status", "language", "event", "id",
    }
)  # fmt: skip
# How people write "yes" in a form or a spreadsheet; consent on a reply form (hearings.tabular) reads the same words.
YES_WORDS = frozenset({"yes", "y", "true", "1", "x", "✓", "ใช่", "ใช"})
YES_ANSWERS = YES_WORDS | {"มี", "ต้องการ"}
NO_WORDS = frozenset({"no", "n", "false", "0", "ไม่ใช่", "ไม่", "ไม่มี", "ไม่ต้องการ"})
LONG_ANSWER = 2000
SHORT_ANSWER = 300


def option_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def options(question: Any, language: str | None = None) -> list[str]:
    """The options in a language, Thai where the English is missing."""
    thai = option_lines(question.options_th)
    if (language or current_language()) == "en":
        english = option_lines(question.options_en)
        return [english[i] if i < len(english) else text for i, text in enumerate(thai)]
    return thai


def question_problems(question: Any) -> dict[str, list[str]]:
    """What is wrong with a question as staff wrote it; empty when it can be asked."""
    problems: dict[str, list[str]] = {}
    key = question.key or ""
    if not KEY_PATTERN.fullmatch(key):
        problems["key"] = [_("Use lower-case Latin letters, digits and underscores, starting with a letter.")]
    elif key in RESERVED_KEYS:
        problems["key"] = [_("This key is already used by a standard field: choose another.")]
    thai, english = option_lines(question.options_th), option_lines(question.options_en)
    if question.kind == "choice":
        if len(thai) < 2:
            problems["options_th"] = [_("A choice needs at least two options, one a line.")]
        elif len(set(thai)) != len(thai):
            problems["options_th"] = [_("Each option must be different.")]
        if english and len(english) != len(thai):
            problems["options_en"] = [_("Give as many English options as Thai ones, in the same order.")]
    elif thai or english:
        problems["options_th"] = [_("Only a choice has options.")]
    return problems


def _latin_key(text: str) -> str:
    """Lower-case Latin letters, digits and single underscores, cut at a word's end to fit a key."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    key = ""
    for word in words:
        longer = f"{key}_{word}" if key else word
        if len(longer) > 32:
            break
        key = longer
    return key.lstrip("0123456789_")


def _romanised(thai: str) -> str:
    """Thai words in the Royal Institute's Latin letters (pythainlp's royin engine, offline)."""
    from rapfang.core.thai.romanize import romanize
    from rapfang.core.thai.search import words

    return " ".join(romanize(word) for word in words(thai) if word.strip())


def key_from_label(label_en: str, label_th: str, taken: set[str]) -> str:
    """A key for a question whose staff gave none: from its English wording, else from its Thai romanised; never
    a standard field's name nor one of `taken`."""
    base = _latin_key(label_en or "") or _latin_key(_romanised(label_th or "")) or "question"
    if base in RESERVED_KEYS:
        base = f"{base}_answer"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " ".join(str(value).split()) if value is not None else ""


class ChoiceAnswerField(forms.ChoiceField):
    """An option by its number, or by its wording in either language."""

    def __init__(self, *, question: Any, **kwargs: Any) -> None:
        self.question = question
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = _plain(value)
        if not text:
            return ""
        for language in ("th", "en"):
            for number, option in enumerate(options(self.question, language), start=1):
                if text.casefold() == option.casefold():
                    return str(number)
        return text


class YesNoField(forms.ChoiceField):
    def to_python(self, value: Any) -> str:
        text = _plain(value).casefold()
        if text in YES_ANSWERS:
            return "yes"
        if text in NO_WORDS:
            return "no"
        return text


class AnswerTextField(forms.CharField):
    """Text as given; line breaks kept as "\n" whether they came from a browser ("\r\n") or a client."""

    def to_python(self, value: Any) -> str:
        if isinstance(value, bool | int | float):
            value = str(value)
        return str(super().to_python(value)).replace("\r\n", "\n").replace("\r", "\n")


def question_field(question: Any) -> forms.Field:
    """The form field that asks the question, in the current language."""
    label = localized(question, "label")
    required = bool(question.required)
    messages = {
        "required": _("Please answer this question."),
        "invalid_choice": _("Please choose one of the listed options."),
    }
    if question.kind == "choice":
        numbered = [(str(n), text) for n, text in enumerate(options(question), start=1)]
        return ChoiceAnswerField(
            question=question,
            label=label,
            required=required,
            choices=[("", _("Choose one")), *numbered],
            error_messages=messages,
        )
    if question.kind == "yes_no":
        return YesNoField(
            label=label,
            required=required,
            choices=[("", _("Choose one")), ("yes", _("Yes")), ("no", _("No"))],
            error_messages=messages,
        )
    long = question.kind == "long_text"
    return AnswerTextField(
        label=label,
        required=required,
        max_length=LONG_ANSWER if long else SHORT_ANSWER,
        widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput(),
        error_messages=messages,
    )


def answer_text(question: Any, value: str, language: str | None = None) -> str:
    """An answer as people read it: the option's wording, yes or no in words, or the text given."""
    if not value:
        return ""
    if question.kind == "choice":
        wording = options(question, language)
        return wording[int(value) - 1] if value.isdigit() and 0 < int(value) <= len(wording) else value
    if question.kind == "yes_no" and value in ("yes", "no"):
        with translation.override(language or current_language()):
            return str(YES_LABEL if value == "yes" else NO_LABEL)
    return value


YES_LABEL = gettext_lazy("Yes")
NO_LABEL = gettext_lazy("No")
