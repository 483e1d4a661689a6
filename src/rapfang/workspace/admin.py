"""The audit log in the admin, for administrators: Bangkok time, the entry in words, its details readable."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from rapfang.core import thai
from rapfang.core.i18n import current_language
from rapfang.core.models import AuditEntry
from rapfang.workspace.activity.selectors import describe


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("when", "in_words", "action", "object_type")
    list_filter = ("action", "actor_kind", "object_type")
    list_select_related = ("actor",)
    search_fields = ("object_repr", "action", "object_id")
    date_hierarchy = "at"
    fields = ("when", "in_words", "actor", "actor_kind", "action", "object_type", "object_id", "object_repr",
              "details", "consultation_id", "agency_id")  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("at (Bangkok time)"), ordering="at")
    def when(self, entry: AuditEntry) -> str:
        local = thai.to_bangkok(entry.at)
        return f"{thai.format_date(local, lang=current_language())} {local:%H:%M:%S}"

    @admin.display(description=_("in words"))
    def in_words(self, entry: AuditEntry) -> str:
        return describe(entry, 1, {})

    @admin.display(description=_("details"))
    def details(self, entry: AuditEntry) -> SafeString | str:
        data = entry.data if isinstance(entry.data, dict) else {}
        if not data:
            return "—"
        rows = ((key, "—" if value in (None, "") else value) for key, value in sorted(data.items()))
        return format_html_join("", "<div><strong>{}</strong>: {}</div>", rows)

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_module_permission(self, request: Any) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)
