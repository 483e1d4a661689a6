"""Writes about events and registrations. Views, the API, the admin, the CLI and jobs all call these."""

from rapfang.hearings.services.checkin import registration_check_in, registration_walk_in
from rapfang.hearings.services.events import (
    EVENT_FIELDS,
    agenda_replace,
    event_delete,
    event_questions_replace,
    event_registration_close,
    event_save,
)
from rapfang.hearings.services.imports import ImportRefused, registrations_import
from rapfang.hearings.services.messages import event_message_send
from rapfang.hearings.services.notices import privacy_notice_publish
from rapfang.hearings.services.registrations import (
    event_rules_forget,
    registration_cancel,
    registration_create,
    registration_update,
    seats_fill,
)
from rapfang.hearings.services.repeats import registration_repeat_notify
from rapfang.hearings.services.upkeep import registrations_purge, reminders_due_mark

__all__ = [
    "EVENT_FIELDS",
    "ImportRefused",
    "agenda_replace",
    "event_delete",
    "event_message_send",
    "event_questions_replace",
    "event_registration_close",
    "event_rules_forget",
    "event_save",
    "privacy_notice_publish",
    "registration_cancel",
    "registration_check_in",
    "registration_create",
    "registration_repeat_notify",
    "registration_update",
    "registration_walk_in",
    "registrations_import",
    "registrations_purge",
    "reminders_due_mark",
    "seats_fill",
]
