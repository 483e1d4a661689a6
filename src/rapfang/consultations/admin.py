from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.admin_scope import (
    AdministratorOnlyAdmin,
    AgencyScopedAdmin,
    ParentScopedInline,
    changed_fields,
    formset_saved_by_service,
)
from rapfang.consultations.models import CapabilityDomain, Consultation, Milestone
from rapfang.consultations.selectors import comment_period_check
from rapfang.consultations.services import (
    CONSULTATION_FIELDS,
    DOMAIN_FIELDS,
    consultation_create,
    consultation_domains_set,
    consultation_update,
    domain_save,
    milestone_remove,
    milestone_set,
)


@admin.register(CapabilityDomain)
class CapabilityDomainAdmin(AdministratorOnlyAdmin):
    list_display = ("key", "name_th", "name_en", "order")
    search_fields = ("key", "name_th", "name_en")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def save_model(self, request, obj, form, change):
        saved = domain_save(actor=request.user, key=form.cleaned_data["key"], **changed_fields(form, DOMAIN_FIELDS))
        obj.pk = saved.pk


class MilestoneInline(ParentScopedInline, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("kind", "starts_at", "ends_at", "all_day", "month_precision", "note_th", "note_en")


@admin.register(Consultation)
class ConsultationAdmin(AgencyScopedAdmin):
    list_display = ("title_th", "short_name", "agency", "is_published", "views", "page_date")
    list_filter = ("is_published", "agency")
    search_fields = ("title_th", "title_en", "slug", "short_name")
    filter_horizontal = ("domains",)
    readonly_fields = ("views", "comment_period")
    inlines = [MilestoneInline]

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
        keys = [domain.key for domain in form.cleaned_data.get("domains", [])]
        consultation_domains_set(actor=request.user, consultation=form.instance, keys=keys)
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request, form, formset, change):
        for row in formset.cleaned_data:
            if not row or row.get("DELETE"):
                if row and row.get("id"):
                    milestone_remove(actor=request.user, milestone=row["id"])
                continue
            extra = {k: row[k] for k in ("all_day", "month_precision", "note_th", "note_en")}
            milestone_set(
                actor=request.user,
                consultation=form.instance,
                kind=row["kind"],
                starts_at=row["starts_at"],
                ends_at=row["ends_at"],
                **extra,
            )
        formset_saved_by_service(formset)
