from django import forms
from django.contrib import admin

from rapfang.accounts.admin_scope import AgencyScopedAdmin
from rapfang.core.errors import DomainError
from rapfang.documents.models import Attachment
from rapfang.documents.services import attachment_add


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ("consultation", "kind", "title_th", "title_en", "file", "order", "is_public", "is_demo")


@admin.register(Attachment)
class AttachmentAdmin(AgencyScopedAdmin):
    agency_path = "consultation__agency_id"
    form = AttachmentForm
    list_display = ("title_th", "consultation", "kind", "downloads", "size")
    list_filter = ("kind",)
    readonly_fields = ("downloads",)

    def get_readonly_fields(self, request, obj=None):
        return ("downloads", "file", "consultation") if obj else ("downloads",)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        upload = form.cleaned_data["file"]
        try:
            saved = attachment_add(
                actor=request.user,
                consultation=form.cleaned_data["consultation"],
                kind=form.cleaned_data["kind"],
                title_th=form.cleaned_data["title_th"],
                title_en=form.cleaned_data["title_en"],
                content=upload.file,
                filename=upload.name,
                order=form.cleaned_data["order"],
                is_public=form.cleaned_data["is_public"],
                is_demo=form.cleaned_data["is_demo"],
            )
        except DomainError as error:
            self.message_user(request, str(error.message), level="error")
            return
        obj.pk = saved.pk
