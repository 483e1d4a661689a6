from django.contrib import admin

from rapfang.accounts.admin_scope import AgencyScopedAdmin
from rapfang.comments.models import CommentPolicy
from rapfang.comments.services import comment_policy_set


@admin.register(CommentPolicy)
class CommentPolicyAdmin(AgencyScopedAdmin):
    """Pre- or post-moderation per consultation; the moderation queue itself is a staff page."""

    agency_path = "consultation__agency_id"
    list_display = ("consultation", "moderation")
    fields = ("consultation", "moderation")

    def save_model(self, request, obj, form, change):
        saved = comment_policy_set(
            actor=request.user, consultation=form.cleaned_data["consultation"],
            moderation=form.cleaned_data["moderation"],
        )  # fmt: skip
        obj.pk = saved.pk
