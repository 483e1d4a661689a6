"""Admin pages scoped by role: administrators see everything, organisers their agencies' objects.

Every admin page here writes through services, offers only the user's agencies' objects in its choice lists, and
turns a service's refusal into one clear error on the form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from rapfang.accounts.models import Agency, User
from rapfang.accounts.permissions import Perm, agencies_where, is_administrator
from rapfang.core.errors import DomainError
from rapfang.core.forms_thai import ThaiDateField, ThaiDateInput, ThaiDateTimeField, ThaiDateTimeInput

# Dates in the admin as staff read and type them elsewhere: B.E. years shown, B.E. or C.E. and Thai digits read.
THAI_DATES: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.DateTimeField: {"form_class": ThaiDateTimeField, "widget": ThaiDateTimeInput},
    models.DateField: {"form_class": ThaiDateField, "widget": ThaiDateInput},
}


REFUSAL = "_rapfang_refusal"  # the service's refusal of the first attempt, kept on the request for the second


def _refused_form(form_class: type[Any], error: DomainError) -> type[Any]:
    """The admin's form class, made to show the service's refusal as its own errors (so it is never saved)."""

    class Refused(form_class):
        def clean(self) -> Any:
            data = super().clean()
            for field, message in error.field_messages():
                self.add_error(field if field in self.fields else None, message)
            return data

    Refused.__name__ = form_class.__name__
    return Refused


class ServiceAdmin(admin.ModelAdmin):
    """An admin whose writes go through services.

    A refusal (`DomainError`) from a service called in `save_model`, `save_formset` or `delete_model` rolls the whole
    save back (the admin's views run in one transaction) and shows as one clear error on the form, with everything
    typed kept: never a 500, never "added successfully" beside it. Deletes go through `delete_through_service`;
    an admin that does not define it deletes nothing, and the bulk "delete selected" action is not offered.
    """

    formfield_overrides = THAI_DATES

    def delete_through_service(self, actor: Any, obj: Any) -> None:
        raise NotImplementedError

    def _deletes(self) -> bool:
        return type(self).delete_through_service is not ServiceAdmin.delete_through_service

    def changeform_view(self, request: HttpRequest, object_id: str | None = None, form_url: str = "",
                        extra_context: dict[str, Any] | None = None) -> HttpResponse:  # fmt: skip
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            if request.method != "POST" or hasattr(request, REFUSAL):
                raise
            setattr(request, REFUSAL, error)  # show the form again, refused, with what was typed
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        error = getattr(request, REFUSAL, None)
        return form if error is None else _refused_form(form, error)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_through_service(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None) -> Any:
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as error:
            for _field, message in error.field_messages():
                self.message_user(request, message, messages.ERROR)
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", object_id)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, through the delete page and its service
        return actions


def agency_lookup(model: type[models.Model]) -> str | None:
    """The lookup from `model` to the agency it belongs to (e.g. `consultation__agency`), or None."""
    if model is Agency:
        return "pk"
    if model is User:
        return "memberships__agency"
    names = {field.name for field in model._meta.get_fields()}
    return next((lookup for name, lookup in AGENCY_LOOKUPS if name in names), None)


AGENCY_LOOKUPS = [
    ("agency", "agency"),
    ("consultation", "consultation__agency"),
    ("event", "event__consultation__agency"),
    ("document", "document__consultation__agency"),
    ("version", "version__document__consultation__agency"),
]


class ScopedChoices:
    """Choice lists (foreign keys, many-to-many) narrowed to the agencies the user organises; administrators see all.

    Another agency's consultation, event or contact is never offered, so it can never be chosen.
    """

    def _narrowed(self, db_field: Any, request: HttpRequest, kwargs: dict[str, Any]) -> dict[str, Any]:
        lookup = agency_lookup(db_field.related_model)
        if lookup is None or is_administrator(request.user):
            return kwargs
        agencies = agencies_where(request.user, Perm.ORGANISE) or set()
        queryset = kwargs.get("queryset")
        if queryset is None:
            queryset = db_field.related_model._default_manager.all()
        return {**kwargs, "queryset": queryset.filter(**{f"{lookup}__in": agencies}).distinct()}

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        return super().formfield_for_foreignkey(db_field, request, **self._narrowed(db_field, request, kwargs))  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        return super().formfield_for_manytomany(db_field, request, **self._narrowed(db_field, request, kwargs))  # type: ignore[misc]


class AgencyScopedAdmin(ScopedChoices, ServiceAdmin):
    """`agency_path` names the lookup from the model to its agency id, e.g. `consultation__agency_id`."""

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
        return self._deletes() and is_administrator(request.user)


class AdministratorOnlyAdmin(ServiceAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._deletes() and is_administrator(request.user)


class ParentScopedInline(ScopedChoices, admin.options.InlineModelAdmin):
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
