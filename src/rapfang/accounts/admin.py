from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.admin_scope import AdministratorOnlyAdmin, changed_fields, formset_saved_by_service
from rapfang.accounts.models import Agency, AgencyContact, ApiKey, Membership, User
from rapfang.accounts.services import AGENCY_FIELDS, agency_contacts_replace, agency_save, apikey_revoke
from rapfang.core.audit import audit_log


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_log(actor=request.user, action="accounts.user." + ("update" if change else "create"), target=obj)


class ContactInline(admin.TabularInline):
    model = AgencyContact
    extra = 1


@admin.register(Agency)
class AgencyAdmin(AdministratorOnlyAdmin):
    list_display = ("name_th", "abbr_th", "phone", "fax", "email")
    search_fields = ("name_th", "name_en", "abbr_th", "abbr_en")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [ContactInline]

    def save_model(self, request, obj, form, change):
        saved = agency_save(actor=request.user, slug=form.cleaned_data["slug"], **changed_fields(form, AGENCY_FIELDS))
        obj.pk = saved.pk

    def save_formset(self, request, form, formset, change):
        rows = [
            {
                k: v
                for k, v in row.items()
                if k in ("name_th", "name_en", "position_th", "position_en", "phone", "email")
            }
            for row in formset.cleaned_data
            if row and not row.get("DELETE")
        ]
        agency_contacts_replace(actor=request.user, agency=form.instance, contacts=rows)
        formset_saved_by_service(formset)


@admin.register(Membership)
class MembershipAdmin(AdministratorOnlyAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_log(actor=request.user, action="accounts.membership.grant", target=obj)


@admin.register(ApiKey)
class ApiKeyAdmin(AdministratorOnlyAdmin):
    """Keys are issued with `rapfang apikey create`, which shows the key once; here they are listed and revoked."""

    list_display = ("name", "prefix", "requests_per_minute", "created_at", "revoked_at")
    readonly_fields = ("name", "prefix", "key_hash", "created_by", "created_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        for key in queryset.filter(revoked_at__isnull=True):
            apikey_revoke(actor=request.user, key=key)
