from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.admin_scope import (
    AgencyScopedAdmin,
    ParentScopedInline,
    changed_fields,
    formset_saved_by_service,
)
from rapfang.consultations.models import Consultation, Milestone, Topic
from rapfang.consultations.selectors import comment_period_check
from rapfang.consultations.services import (
    CONSULTATION_FIELDS,
    TOPIC_FIELDS,
    consultation_create,
    consultation_delete,
    consultation_update,
    milestone_remove,
    milestone_set,
    topic_delete,
    topic_save,
)
from rapfang.core.errors import DomainError

# What the audit log says of a date changed here (a published consultation's earlier end asks for one).
ADMIN_REASON = "changed in the site administration"


class TopicInline(ParentScopedInline, admin.StackedInline):
    model = Topic
    extra = 0
    fields = (("order", "key"), ("name_th", "name_en"), ("description_th", "description_en"), "keywords", "note")


class MilestoneInline(ParentScopedInline, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("kind", "starts_at", "ends_at", "all_day", "month_precision", "note_th", "note_en")


@admin.register(Consultation)
class ConsultationAdmin(AgencyScopedAdmin):
    list_display = ("title_th", "short_name", "agency", "is_published", "views", "page_date")
    list_filter = ("is_published", "agency")
    search_fields = ("title_th", "title_en", "slug", "short_name")
    # Going live is checked, and the contact persons are chosen, in the staff workspace.
    readonly_fields = ("views", "comment_period", "is_published")
    exclude = ("contacts",)
    inlines = [MilestoneInline, TopicInline]

    @admin.display(description=_("online comment period"))
    def comment_period(self, obj: Consultation) -> str:
        check = comment_period_check(obj) if obj.pk else None
        if check is None:
            return gettext("No online comment period is set.")
        if check.meets_minimum:
            return gettext("%(days)d days; the legal minimum is %(minimum)d days.") % vars(check)
        return gettext("%(days)d days: SHORTER than the legal minimum of %(minimum)d days.") % vars(check)

    def save_model(self, request, obj, form, change):
        fields = changed_fields(form, CONSULTATION_FIELDS)
        if change:
            # The form has already set its values on `obj`; the service compares against the stored row.
            stored = Consultation.objects.get(pk=obj.pk)
            consultation_update(actor=request.user, consultation=stored, **fields)
        else:
            fields.pop("agency", None)
            saved = consultation_create(
                actor=request.user,
                agency=form.cleaned_data["agency"],
                slug=form.cleaned_data["slug"],
                **{k: v for k, v in fields.items() if k != "title_th"},
                title_th=form.cleaned_data["title_th"],
            )
            obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def delete_through_service(self, actor, obj):
        consultation_delete(actor=actor, consultation=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is Topic:
            self._save_topics(request, form, formset)
            return
        for row in formset.cleaned_data:
            if not row or row.get("DELETE"):
                if row and row.get("id"):
                    milestone_remove(actor=request.user, milestone=row["id"])
                continue
            extra = {k: row[k] for k in ("all_day", "month_precision", "note_th", "note_en")}
            try:
                milestone_set(
                    actor=request.user,
                    consultation=form.instance,
                    kind=row["kind"],
                    starts_at=row["starts_at"],
                    ends_at=row["ends_at"],
                    reason=ADMIN_REASON,
                    **extra,
                )
            except DomainError as error:  # the results are out: the period cannot end after them
                self.message_user(request, str(error.message), level=messages.ERROR)
        formset_saved_by_service(formset)

    def _save_topics(self, request, form, formset):
        for row in formset.cleaned_data:
            if not row:
                continue
            if row.get("DELETE"):
                if row.get("id"):
                    topic_delete(actor=request.user, topic=row["id"])
                continue
            fields = {name: row[name] for name in TOPIC_FIELDS if name in row}
            topic_save(actor=request.user, consultation=form.instance, key=row["key"], **fields)
        formset_saved_by_service(formset)
