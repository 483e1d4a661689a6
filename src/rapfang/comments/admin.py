from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.admin_scope import AgencyScopedAdmin
from rapfang.comments.endorsements import endorsement_erase
from rapfang.comments.models import CommentPolicy, Endorsement
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


@admin.register(Endorsement)
class EndorsementAdmin(AgencyScopedAdmin):
    """Endorsements are made by the public on the comment's page; here an endorser's data is found by receipt number
    or address and erased at their request (PDPA)."""

    agency_path = "comment__consultation__agency_id"
    list_display = ("receipt", "comment", "created_at", "erased_at", "purged_at")
    search_fields = ("receipt", "email")
    fields = ("receipt", "comment", "anonymous", "name", "organisation", "stakeholder_type", "email", "created_at",
              "erased_at", "purged_at")  # fmt: skip
    readonly_fields = fields
    actions = ["erase"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Erase the endorsers' personal data (PDPA)"))
    def erase(self, request, queryset):
        for endorsement in queryset.select_related("comment__consultation").filter(erased_at__isnull=True):
            endorsement_erase(actor=request.user, endorsement=endorsement)
