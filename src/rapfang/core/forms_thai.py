"""Form fields and widgets that read and show dates the Thai way (B.E. years, Thai digits).

Django's ``th`` locale shows Gregorian years and reads ``18/11/2559`` as the year 2559 C.E.; these fields
go through ``rapfang.core.thai`` instead. Date-times are aware and in Asia/Bangkok whatever the active
time zone.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rapfang.core.telephone import telephone_written
from rapfang.core.thai import BANGKOK, ThaiDateError, be_year, parse_date, parse_datetime, parse_time, to_bangkok

# The years (C.E.) a date typed by staff can mean. Outside them is a slip of the era: 3112 (B.E. 2569 given 543 years
# twice) reads as 2569 C.E., 1469 as 1469 C.E. Such a date is refused with a clear message, never stored.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2199


def _numeric_date(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{be_year(d.year)}"


class ThaiDateInput(forms.DateInput):
    """A text box showing a date as ``18/11/2559``; typed text is shown back as it was typed."""

    input_type = "text"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime):
            return _numeric_date(to_bangkok(value).date())
        if isinstance(value, date):
            return _numeric_date(value)
        return super().format_value(value)


class ThaiDateTimeInput(forms.DateTimeInput):
    """A text box showing a date-time as ``18/11/2559 09.30`` in Asia/Bangkok (seconds only when set)."""

    input_type = "text"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime):
            local = to_bangkok(value)
            clock = f"{local:%H.%M.%S}" if local.second else f"{local:%H.%M}"
            return f"{_numeric_date(local.date())} {clock}"
        return super().format_value(value)


class ThaiDateField(forms.DateField):
    """A date typed as ``18/11/2559``, ``๑๘/๑๑/๒๕๕๙``, ``2016-11-18``, ``18 พ.ย. 59`` …"""

    widget = ThaiDateInput
    default_error_messages = {
        "invalid": _("Enter a valid date, such as 18/11/2559 or 2016-11-18."),
        "out_of_range": _("This date does not exist in the calendar: %(value)s."),
        "implausible_year": _(
            "%(value)s reads as the year %(be)s B.E. (%(ce)s C.E.), which cannot be meant: "
            "write the year in B.E., such as %(this_be)s, or in C.E., such as %(this_ce)s."
        ),
    }

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return to_bangkok(value).date()
        if isinstance(value, date):
            return value
        try:
            return _plausible(self, parse_date(str(value)), value)
        except ThaiDateError as error:
            raise _validation_error(self, error, value) from error


class ThaiDateTimeField(forms.DateTimeField):
    """An aware date-time in Asia/Bangkok, typed as ``18/11/2559 09.30`` or ISO 8601."""

    widget = ThaiDateTimeInput
    default_error_messages = {
        "invalid": _("Enter a valid date and time, such as 18/11/2559 09.30 or 2016-11-18 09:30."),
        "out_of_range": _("This date or time does not exist: %(value)s."),
        "implausible_year": ThaiDateField.default_error_messages["implausible_year"],
    }

    def prepare_value(self, value: Any) -> Any:
        return to_bangkok(value) if isinstance(value, datetime) else value

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return to_bangkok(value)
        if isinstance(value, date):
            return datetime.combine(value, time(), tzinfo=BANGKOK)
        try:
            return _plausible(self, parse_datetime(str(value), tz=BANGKOK), value)
        except ThaiDateError as error:
            raise _validation_error(self, error, value) from error


def _validation_error(field: forms.Field, error: ThaiDateError, value: Any) -> ValidationError:
    code = error.code if error.code in field.error_messages else "invalid"
    return ValidationError(field.error_messages[code], code=code, params={"value": value})


def _plausible(field: forms.Field, moment: Any, value: Any) -> Any:
    """`moment` (a date or date-time read from `value`) if its year can be meant; else a clear refusal."""
    if EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return moment
    this_year = datetime.now(BANGKOK).year
    params = {"value": value, "be": be_year(moment.year), "ce": moment.year, "this_be": be_year(this_year),
              "this_ce": this_year}  # fmt: skip
    raise ValidationError(field.error_messages["implausible_year"], code="implausible_year", params=params)


class ThaiTimeInput(forms.TimeInput):
    """A text box showing a time of day as ``09.30`` (seconds only when set)."""

    input_type = "text"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, time):
            return f"{value:%H.%M.%S}" if value.second else f"{value:%H.%M}"
        return super().format_value(value)


class ThaiTimeField(forms.TimeField):
    """A time of day typed as ``09.30``, ``9:30``, ``09.30 น.`` or in Thai digits."""

    widget = ThaiTimeInput
    default_error_messages = {
        "invalid": _("Enter a valid time, such as 09.30 or 13:00."),
        "out_of_range": _("This date or time does not exist: %(value)s."),
    }

    def to_python(self, value: Any) -> time | None:
        if value in self.empty_values:
            return None
        if isinstance(value, time):
            return value
        try:
            return parse_time(str(value))
        except ThaiDateError as error:
            raise _validation_error(self, error, value) from error


REQUIRED = _("Please fill in this field.")
TOO_LONG = _("Please shorten this to at most %(limit_value)d characters (it now has %(show_value)d).")
CHOOSE = _("Please choose one of the listed options.")


def plain_messages(form: forms.BaseForm) -> None:
    """Clear messages in the page's language where Django's own would speak: a required field, an over-long one
    (its limit is the model's), a choice not offered. Messages a field already sets for itself are kept."""
    for field in form.fields.values():
        messages = field.error_messages
        if str(messages.get("required")) == str(forms.Field.default_error_messages["required"]):
            messages["required"] = REQUIRED
        messages.setdefault("max_length", TOO_LONG)
        default_choice = str(forms.ChoiceField.default_error_messages["invalid_choice"])
        if isinstance(field, forms.ChoiceField) and str(messages.get("invalid_choice")) == default_choice:
            messages["invalid_choice"] = CHOOSE


NOT_A_TELEPHONE = _("Enter a telephone number in digits, such as 0 2141 5555 or 0 2141 5555 ต่อ 101.")


def telephone_validator(value: Any) -> None:
    """Refuses what is not a telephone number as agencies write them (`core.telephone`)."""
    if str(value or "").strip() and not telephone_written(str(value)):
        raise ValidationError(NOT_A_TELEPHONE, code="invalid")
