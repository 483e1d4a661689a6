from django.contrib import admin

from rapfang.accounts.admin_scope import AgencyScopedAdmin
from rapfang.hearings.models import Event
from rapfang.hearings.services import EVENT_FIELDS, event_save


@admin.register(Event)
class EventAdmin(AgencyScopedAdmin):
    agency_path = "consultation__agency_id"
    list_display = ("title_th", "consultation", "kind", "starts_at", "capacity")
    list_filter = ("kind",)

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in EVENT_FIELDS if name in form.cleaned_data}
        saved = event_save(
            actor=request.user,
            consultation=form.cleaned_data["consultation"],
            event=obj if change else None,
            **fields,
        )
        obj.pk = saved.pk
