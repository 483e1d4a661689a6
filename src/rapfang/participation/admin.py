from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rapfang.participation.models import Follow
from rapfang.participation.services import follow_unsubscribe


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    """Administrators find a follower by address and end the follow at their request (PDPA): the address is emptied.
    People follow and stop on the public pages; nothing is added or changed here."""

    list_display = ("pk", "consultation", "agency", "language", "created_at", "confirmed_at", "unsubscribed_at")
    search_fields = ("email",)
    fields = ("email", "consultation", "agency", "language", "created_at", "confirmed_at", "unsubscribed_at")
    readonly_fields = fields
    actions = ["end"]

    def has_module_permission(self, request: Any) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("End the follows and remove their addresses (PDPA)"))
    def end(self, request: Any, queryset: Any) -> None:
        for follow in queryset.filter(unsubscribed_at__isnull=True):
            follow_unsubscribe(actor=request.user, token=follow.token)
