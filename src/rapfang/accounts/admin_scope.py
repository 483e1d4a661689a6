"""Admin pages scoped by role: administrators see everything, organisers their agencies' objects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from rapfang.accounts.permissions import Perm, agencies_where, is_administrator
from rapfang.core.forms_thai import ThaiDateField, ThaiDateInput, ThaiDateTimeField, ThaiDateTimeInput

# Dates in the admin as staff read and type them elsewhere: B.E. years shown, B.E. or C.E. and Thai digits read.
THAI_DATES: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.DateTimeField: {"form_class": ThaiDateTimeField, "widget": ThaiDateTimeInput},
    models.DateField: {"form_class": ThaiDateField, "widget": ThaiDateInput},
}


class AgencyScopedAdmin(admin.ModelAdmin):
    """`agency_path` names the lookup from the model to its agency id, e.g. `consultation__agency_id`."""

    formfield_overrides = THAI_DATES

    agency_path = "agency_id"

    def _agencies(self, request: HttpRequest) -> set[int]:
        return agencies_where(request.user, Perm.ORGANISE) or set()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if is_administrator(request.user):
            return queryset
        return queryset.filter(**{f"{self.agency_path}__in": self._agencies(request)})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user) or bool(self._agencies(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)


class AdministratorOnlyAdmin(admin.ModelAdmin):
    formfield_overrides = THAI_DATES

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)


class ParentScopedInline(admin.options.InlineModelAdmin):
    """An inline that whoever may change the parent object may edit, as the parent's admin decides.

    Django's inlines otherwise ask for model permissions, which roles here do not grant: organisers would not see
    an event's agenda or a consultation's timeline at all.
    """

    formfield_overrides = THAI_DATES

    def _parent_allows(self, request: HttpRequest, obj: Any = None) -> bool:
        parent = self.admin_site._registry.get(self.parent_model)
        if parent is None:
            return False
        return bool(
            parent.has_change_permission(request, obj) if obj is not None else parent.has_add_permission(request)
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._parent_allows(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._parent_allows(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._parent_allows(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._parent_allows(request, obj)


def changed_fields(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The cleaned values of the form's fields that a service accepts."""
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


def formset_saved_by_service(formset: Any) -> None:
    """The admin's change message reads what a formset saved; ours are saved by services, so say "nothing"."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
