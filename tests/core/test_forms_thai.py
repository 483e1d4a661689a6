"""Thai date form fields and widgets (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.functional import Promise

from rapfang.core.forms_thai import ThaiDateField, ThaiDateInput, ThaiDateTimeField, ThaiDateTimeInput
from rapfang.core.thai import BANGKOK

HEARING_DAY = date(2016, 11, 18)
HEARING_START = datetime(2016, 11, 18, 9, 30, tzinfo=BANGKOK)
BANGKOK_MIDNIGHT = datetime(2016, 11, 17, 17, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english():
    """These tests read the English messages; Thai is the site's default language."""
    with translation.override("en"):
        yield


def test_errors_are_in_thai_by_default():
    with translation.override("th"):
        with pytest.raises(forms.ValidationError) as caught:
            ThaiDateField().clean("31/11/2559")
        assert caught.value.messages == ["ไม่มีวันที่นี้ในปฏิทิน: 31/11/2559"]


class HearingForm(forms.Form):
    day = ThaiDateField()
    starts_at = ThaiDateTimeField(required=False)


def _error(field: forms.Field, value: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        field.clean(value)
    return caught.value


# --- ThaiDateField ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "18/11/2559",
        "๑๘/๑๑/๒๕๕๙",
        "18/11/2016",
        "2016-11-18",
        "18 พ.ย. 59",
        " 18.11.2559 ",
        "18 November 2016",
    ],
)
def test_date_field_reads_thai_and_iso_dates(text):
    assert ThaiDateField().clean(text) == HEARING_DAY


def test_date_field_reads_leap_day_in_buddhist_era():
    assert ThaiDateField().clean("29/02/2563") == date(2020, 2, 29)


def test_date_field_accepts_python_values():
    field = ThaiDateField()
    assert field.clean(HEARING_DAY) == HEARING_DAY
    assert field.clean(BANGKOK_MIDNIGHT) == HEARING_DAY  # 17 Nov in UTC, 18 Nov in Bangkok
    with pytest.raises(ValueError, match="naive"):
        field.clean(datetime(2016, 11, 18, 9, 30))


@pytest.mark.parametrize("text", ["garbage", "18/11", "2016-11-18T09:30", "18 พ.ย.ย 59"])
def test_date_field_refuses_unreadable_text(text):
    error = _error(ThaiDateField(), text)
    assert error.code == "invalid"
    assert error.messages == ["Enter a valid date, such as 18/11/2559 or 2016-11-18."]


@pytest.mark.parametrize("text", ["31/11/2559", "30/02/2559", "29/02/2560", "18/13/2559"])
def test_date_field_refuses_days_that_do_not_exist(text):
    error = _error(ThaiDateField(), text)
    assert error.code == "out_of_range"
    assert error.messages == [f"This date does not exist in the calendar: {text}."]


def test_date_field_empty_values():
    assert _error(ThaiDateField(), "").code == "required"
    assert _error(ThaiDateField(), None).code == "required"
    assert ThaiDateField(required=False).clean("") is None


def test_date_field_messages_are_lazy():
    field = ThaiDateField()
    assert isinstance(field.error_messages["invalid"], Promise)
    assert isinstance(field.error_messages["out_of_range"], Promise)
    with translation.override("th"):
        assert str(_error(field, "garbage").messages[0])


# --- ThaiDateInput ----------------------------------------------------------------------------------


def test_date_input_renders_buddhist_era():
    html = ThaiDateInput().render("day", HEARING_DAY)
    assert 'value="18/11/2559"' in html
    assert 'type="text"' in html


def test_date_input_pads_day_and_month_and_converts_datetimes():
    assert ThaiDateInput().format_value(date(2020, 2, 9)) == "09/02/2563"
    assert ThaiDateInput().format_value(BANGKOK_MIDNIGHT) == "18/11/2559"
    assert ThaiDateInput().format_value(BANGKOK_MIDNIGHT - timedelta(seconds=1)) == "17/11/2559"
    assert ThaiDateInput().format_value(None) is None


def test_date_input_shows_typed_text_back_unchanged():
    assert ThaiDateInput().format_value("๑๘/๑๑/๒๕๕๙") == "๑๘/๑๑/๒๕๕๙"


def test_form_round_trip_keeps_the_date():
    unbound = HearingForm(initial={"day": HEARING_DAY})
    assert 'value="18/11/2559"' in str(unbound["day"])
    bound = HearingForm(data={"day": "18/11/2559", "starts_at": ""}, initial={"day": HEARING_DAY})
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["day"] == HEARING_DAY
    assert not bound.has_changed()


def test_form_shows_bad_input_back_with_the_error():
    form = HearingForm(data={"day": "31/11/2559"})
    assert not form.is_valid()
    assert 'value="31/11/2559"' in str(form["day"])
    assert form.errors["day"] == ["This date does not exist in the calendar: 31/11/2559."]


# --- ThaiDateTimeField ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "18/11/2559 09.30",
        "๑๘/๑๑/๒๕๕๙ เวลา ๐๙.๓๐ น.",
        "18 พ.ย. 59 9:30",
        "2016-11-18 09:30",
        "2016-11-18T02:30:00Z",
        "18 November 2016, 09:30",
    ],
)
def test_datetime_field_reads_bangkok_wall_time(text):
    result = ThaiDateTimeField().clean(text)
    assert result == HEARING_START
    assert result.tzinfo == BANGKOK


def test_datetime_field_ignores_the_active_time_zone():
    with timezone.override("America/New_York"):
        result = ThaiDateTimeField().clean("18/11/2559 09.30")
    assert result == HEARING_START
    assert result.utcoffset() == timedelta(hours=7)


def test_datetime_field_accepts_python_values():
    field = ThaiDateTimeField()
    assert field.clean(BANGKOK_MIDNIGHT) == datetime(2016, 11, 18, 0, 0, tzinfo=BANGKOK)
    assert field.clean(BANGKOK_MIDNIGHT).tzinfo == BANGKOK
    assert field.clean(HEARING_DAY) == datetime(2016, 11, 18, 0, 0, tzinfo=BANGKOK)
    with pytest.raises(ValueError, match="naive"):
        field.clean(datetime(2016, 11, 18, 9, 30))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("garbage", "invalid"),
        ("18/11/2559", "invalid"),
        ("31/11/2559 09.30", "out_of_range"),
        ("18/11/2559 24.00", "out_of_range"),
    ],
)
def test_datetime_field_refuses(text, code):
    error = _error(ThaiDateTimeField(), text)
    assert error.code == code
    if code == "invalid":
        assert error.messages == ["Enter a valid date and time, such as 18/11/2559 09.30 or 2016-11-18 09:30."]
    else:
        assert error.messages == [f"This date or time does not exist: {text}."]


def test_datetime_field_messages_are_lazy():
    assert isinstance(ThaiDateTimeField().error_messages["invalid"], Promise)


# --- ThaiDateTimeInput ------------------------------------------------------------------------------


def test_datetime_input_renders_bangkok_time_in_buddhist_era():
    assert ThaiDateTimeInput().format_value(datetime(2016, 11, 18, 2, 30, tzinfo=UTC)) == "18/11/2559 09.30"
    assert ThaiDateTimeInput().format_value(BANGKOK_MIDNIGHT) == "18/11/2559 00.00"
    last_second = datetime(2016, 11, 18, 16, 59, 59, tzinfo=UTC)
    assert ThaiDateTimeInput().format_value(last_second) == "18/11/2559 23.59.59"


def test_datetime_input_output_is_read_back_exactly():
    field, widget = ThaiDateTimeField(), ThaiDateTimeInput()
    for moment in (HEARING_START, BANGKOK_MIDNIGHT, datetime(2020, 2, 29, 16, 59, 59, tzinfo=UTC)):
        assert field.clean(widget.format_value(moment)) == moment


def test_datetime_form_shows_initial_in_bangkok_whatever_the_active_zone():
    with timezone.override("America/New_York"):
        form = HearingForm(initial={"starts_at": datetime(2016, 11, 18, 2, 30, tzinfo=UTC)})
        html = str(form["starts_at"])
    assert 'value="18/11/2559 09.30"' in html


def test_datetime_form_untouched_initial_has_not_changed():
    initial = {"day": HEARING_DAY, "starts_at": datetime(2016, 11, 18, 2, 30, 15, tzinfo=UTC)}
    data = {"day": "18/11/2559", "starts_at": "18/11/2559 09.30.15"}
    form = HearingForm(data=data, initial=initial)
    assert form.is_valid(), form.errors
    assert not form.has_changed()
    assert form.cleaned_data["starts_at"].time() == time(9, 30, 15)
