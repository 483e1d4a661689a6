from django.urls import path

from rapfang.hearings.views import public, scan, staff, staff_events, staff_messages, staff_programme

app_name = "hearings"
urlpatterns = [
    path("events/<int:event_id>/", public.event_detail, name="event"),
    path("events/<int:event_id>/received/", public.registration_received, name="registration_received"),
    path("registrations/<str:token>/", public.registration_detail, name="registration"),
    path("registrations/<str:token>/change/", public.registration_edit, name="registration_edit"),
    path("registrations/<str:token>/cancel/", public.registration_cancel, name="registration_cancel"),
    path("registrations/<str:token>/calendar.ics", public.registration_ics, name="registration_ics"),
    path("registrations/<str:token>/qr.png", public.registration_qr, name="registration_qr"),
    path("events/<int:event_id>/reply-form.<str:fmt>", public.reply_form, name="reply_form"),
    path("privacy/registrations/", public.privacy_notice, name="privacy"),
    path("staff/events/", staff.event_list, name="staff_events"),
    path("staff/events/<int:event_id>/", staff.registrations, name="staff_registrations"),
    path("staff/events/<int:event_id>/export.<str:fmt>", staff.export, name="staff_export"),
    path("staff/events/<int:event_id>/sign-in.pdf", staff.signin_sheet, name="staff_signin"),
    path("staff/events/<int:event_id>/replies/new/", staff.reply_new, name="staff_reply_new"),
    path("staff/events/<int:event_id>/import/", staff.bulk_import, name="staff_import"),
    path("staff/events/<int:event_id>/import/template.csv", staff.import_template, name="staff_import_template"),
    path("staff/events/<int:event_id>/close/", staff.close_registration, name="staff_close"),
    path("staff/events/<int:event_id>/check-in/", staff.checkin, name="staff_checkin"),
    path("staff/events/<int:event_id>/check-in/scan/", scan.checkin_scan, name="staff_checkin_scan"),
    path("staff/events/<int:event_id>/counters/", staff.counters, name="staff_counters"),
    path(
        "staff/events/<int:event_id>/registrations/<int:registration_id>/<str:action>/",
        staff.registration_action,
        name="staff_registration_action",
    ),
    # The workspace: a consultation's events, an event's facts, agenda, questions and messages to registrants.
    path("staff/consultations/<slug:slug>/events/", staff_events.consultation_events, name="staff_consultation_events"),
    path("staff/consultations/<slug:slug>/events/new/", staff_events.event_new, name="staff_event_new"),
    path("staff/events/<int:event_id>/edit/", staff_events.event_edit, name="staff_event_edit"),
    path("staff/events/<int:event_id>/agenda/", staff_programme.event_agenda, name="staff_event_agenda"),
    path("staff/events/<int:event_id>/questions/", staff_programme.event_questions, name="staff_event_questions"),
    path("staff/events/<int:event_id>/messages/", staff_messages.event_messages, name="staff_event_messages"),
    path(
        "staff/events/<int:event_id>/messages/<int:message_id>/",
        staff_messages.event_message,
        name="staff_event_message",
    ),
]
