from django.urls import path

from rapfang.hearings.views import public

app_name = "hearings"
urlpatterns = [
    path("events/<int:event_id>/", public.event_detail, name="event"),
    path("registrations/<str:token>/", public.registration_detail, name="registration"),
    path("registrations/<str:token>/change/", public.registration_edit, name="registration_edit"),
    path("registrations/<str:token>/cancel/", public.registration_cancel, name="registration_cancel"),
    path("registrations/<str:token>/calendar.ics", public.registration_ics, name="registration_ics"),
    path("registrations/<str:token>/qr.png", public.registration_qr, name="registration_qr"),
    path("events/<int:event_id>/reply-form.<str:fmt>", public.reply_form, name="reply_form"),
    path("privacy/registrations/", public.privacy_notice, name="privacy"),
]
