from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.admin_scope import AgencyScopedAdmin
from rapfang.hearings.models import AgendaItem, Event, EventQuestion
from rapfang.hearings.services import EVENT_FIELDS, event_rules_forget, event_save


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 1
    fields = ("order", "starts_at", "ends_at", "title_th", "title_en", "speakers_th", "speakers_en")


class QuestionInline(admin.StackedInline):
    model = EventQuestion
    extra = 0
    fields = (("order", "key", "kind", "required"), ("label_th", "label_en"), ("options_th", "options_en"))


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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        event_rules_forget(form.instance.pk)  # the registration rules read the questions from a cached copy
