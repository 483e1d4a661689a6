from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.admin_scope import (
    THAI_DATES,
    AdministratorOnlyAdmin,
    AgencyScopedAdmin,
    ParentScopedInline,
    formset_saved_by_service,
)
from rapfang.hearings.models import AgendaItem, Event, EventQuestion, MailOutbox, PrivacyNotice
from rapfang.hearings.services import (
    EVENT_FIELDS,
    agenda_replace,
    event_delete,
    event_questions_replace,
    event_save,
    privacy_notice_publish,
)
from rapfang.hearings.services.notices import privacy_notice_problems


class AgendaInline(ParentScopedInline, admin.TabularInline):
    model = AgendaItem
    extra = 1
    fields = ("order", "starts_at", "ends_at", "title_th", "title_en", "speakers_th", "speakers_en")


class QuestionInline(ParentScopedInline, admin.StackedInline):
    model = EventQuestion
    extra = 0
    fields = (("order", "key", "kind", "required"), ("label_th", "label_en"), ("options_th", "options_en"))
    formfield_overrides = {**THAI_DATES, models.TextField: {"widget": forms.Textarea(attrs={"rows": 4, "cols": 36})}}


AGENDA_FIELDS = ("starts_at", "ends_at", "title_th", "title_en", "speakers_th", "speakers_en")
QUESTION_FIELDS = ("key", "label_th", "label_en", "kind", "options_th", "options_en", "required")


@admin.register(Event)
class EventAdmin(AgencyScopedAdmin):
    agency_path = "consultation__agency_id"
    list_display = ("title_th", "consultation", "kind", "starts_at", "capacity", "taken", "registrations_link")
    list_filter = ("kind",)
    inlines = [AgendaInline, QuestionInline]
    filter_horizontal = ("contacts",)

    @admin.display(description=_("registrations"))
    def registrations_link(self, obj: Event) -> str:
        url = reverse("hearings:staff_registrations", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Registrations and check-in"))

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in EVENT_FIELDS if name in form.cleaned_data}
        saved = event_save(
            actor=request.user,
            consultation=form.cleaned_data["consultation"],
            event=obj if change else None,
            **fields,
        )
        obj.pk = saved.pk

    def delete_through_service(self, actor, obj):
        event_delete(actor=actor, event=obj)

    def save_formset(self, request, form, formset, change):
        """The agenda and the questions are written by their services, whole and in the order given."""
        fields = AGENDA_FIELDS if formset.model is AgendaItem else QUESTION_FIELDS
        rows = [row for row in formset.cleaned_data if row and not row.get("DELETE")]
        rows.sort(key=lambda row: row.get("order") or 0)
        data = [{name: row.get(name) for name in fields} for row in rows]
        if formset.model is AgendaItem:
            agenda_replace(actor=request.user, event=form.instance, items=data)
        else:
            event_questions_replace(actor=request.user, event=form.instance, questions=data)
        formset_saved_by_service(formset)


class PrivacyNoticeForm(forms.ModelForm):
    class Meta:
        model = PrivacyNotice
        fields = ("version", "text_th", "text_en", "in_force_from")

    def clean(self):
        data = super().clean() or {}
        moment = data.get("in_force_from") or timezone.now()
        problems = privacy_notice_problems(data.get("version", ""), data.get("text_th", ""), moment, timezone.now())
        for field, messages in problems.items():
            self.add_error(field, messages)
        return data


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(AdministratorOnlyAdmin):
    """New versions only: a version in force is never edited, since consents name it."""

    form = PrivacyNoticeForm
    list_display = ("version", "in_force_from", "created_at")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = privacy_notice_publish(actor=request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields})
        obj.pk = saved.pk


@admin.register(MailOutbox)
class MailOutboxAdmin(AdministratorOnlyAdmin):
    """Messages not yet handed to the mail server: those being tried again, and those given up on, with the error."""

    list_display = ("registration", "kind", "due_at", "attempts", "last_error")
    list_filter = ("kind", "attempts")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
