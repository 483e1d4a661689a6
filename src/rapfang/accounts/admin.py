from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.admin_scope import AdministratorOnlyAdmin, changed_fields, formset_saved_by_service
from rapfang.accounts.models import Agency, AgencyContact, ApiKey, Invitation, Membership, User
from rapfang.accounts.services import (
    AGENCY_FIELDS,
    CONTACT_FIELDS,
    agency_contacts_replace,
    agency_delete,
    agency_save,
    apikey_revoke,
    membership_grant,
    membership_revoke,
)
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
        """The contacts are written by their service: kept rows keep their identity (events name them)."""
        rows = [
            {k: v for k, v in row.items() if k in ("id", *CONTACT_FIELDS)}
            for row in formset.cleaned_data
            if row and not row.get("DELETE")
        ]
        agency_contacts_replace(actor=request.user, agency=form.instance, contacts=rows)
        formset_saved_by_service(formset)

    def delete_through_service(self, actor, obj):
        agency_delete(actor=actor, agency=obj)


@admin.register(Membership)
class MembershipAdmin(AdministratorOnlyAdmin):
    """Roles are given (and taken) here by the same services as in the workspace: a person given a role can log in.

    A role is changed in the workspace's team list; here it is given or removed.
    """

    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency")

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = membership_grant(actor=request.user, user=data["user"], agency=data["agency"], role=data["role"])
        obj.pk = saved.pk

    def delete_through_service(self, actor, obj):
        membership_revoke(actor=actor, agency=obj.agency, user=obj.user, role=obj.role)


@admin.register(Invitation)
class InvitationAdmin(AdministratorOnlyAdmin):
    """Invitations are made, sent again and withdrawn in the workspace (the agency's page); here they are listed."""

    list_display = ("email", "agency", "role", "status", "issued_at", "expires_at", "mailed_at")
    list_filter = ("status", "role", "agency")
    search_fields = ("email",)
    exclude = ("nonce",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
