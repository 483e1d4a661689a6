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
from rapfang.hearings.models import AgendaItem, Event, EventQuestion, MailOutbox, PrivacyNotice, default_asked_fields
from rapfang.hearings.rules import SwitchProblem, registration_switch_problems
from rapfang.hearings.selectors import capacity_effect
from rapfang.hearings.services import (
    EVENT_FIELDS,
    agenda_replace,
    event_delete,
    event_questions_replace,
    event_save,
    privacy_notice_publish,
)
from rapfang.hearings.services.events import WINDOW_WITHOUT_REGISTRATION
from rapfang.hearings.services.notices import privacy_notice_problems
from rapfang.hearings.staff_forms import ASKED_FIELD_LABELS


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


SWITCH_FIELDS = ("registration_required", "registration_opens_at", "registration_closes_at", "capacity")


class EventAdminForm(forms.ModelForm):
    """The fields asked as checkboxes; registration coherent with its window; a capacity that moves the waitlist
    up says who moves, and saves only once the box is ticked."""

    asked_fields = forms.MultipleChoiceField(
        label=_("Asked of registrants besides name, e-mail and consent"),
        choices=list(ASKED_FIELD_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=default_asked_fields,
    )
    move_waitlist_up = forms.BooleanField(
        label=_("Move the waitlist up"),
        required=False,
        help_text=_("Needed when a new capacity gives seats to people on the waitlist: each is e-mailed."),
    )

    class Meta:
        model = Event
        fields = ("consultation", *EVENT_FIELDS, "contacts")

    def clean(self):
        data = super().clean() or {}
        typed = Event(**{name: data.get(name) for name in SWITCH_FIELDS})
        if SwitchProblem.WINDOW_WITHOUT_REGISTRATION in registration_switch_problems(typed):
            self.add_error("registration_required", WINDOW_WITHOUT_REGISTRATION)
        self.promotions = self._promotions(data)
        return data

    def _promotions(self, data):
        """The references the new capacity moves up, once confirmed; None when it moves nobody."""
        if self.instance.pk is None or "capacity" not in self.changed_data or "capacity" in self.errors:
            return None
        effect = capacity_effect(event_id=self.instance.pk, capacity=data.get("capacity"))
        if effect.capacity is not None and effect.capacity < effect.taken:
            self.add_error("capacity", _("%(taken)d seats are already taken: the capacity cannot be lower.") % {
                "taken": effect.taken})  # fmt: skip
            return None
        moving = [row.reference for row in effect.moving_up]
        if moving and not data.get("move_waitlist_up"):
            message = _("The new capacity moves %(count)d people up from the waitlist: %(references)s. Tick the box "
                        "to confirm.")  # fmt: skip
            self.add_error("move_waitlist_up", message % {"count": len(moving), "references": ", ".join(moving)})
        return moving or None


@admin.register(Event)
class EventAdmin(AgencyScopedAdmin):
    form = EventAdminForm
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
            promotions_confirmed=getattr(form, "promotions", None),
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
