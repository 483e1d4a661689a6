from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.admin_scope import AgencyScopedAdmin, ParentScopedInline, formset_saved_by_service
from rapfang.documents.models import Attachment, Document, Version
from rapfang.documents.services import (
    attachment_add,
    attachment_remove,
    attachment_update,
    document_delete,
    document_save,
    version_import,
)


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
        return ("downloads", "file", "consultation", "is_demo") if obj else ("downloads",)

    def save_model(self, request, obj, form, change):
        if change:
            self._update(request, obj, form.cleaned_data)
            return
        upload = form.cleaned_data["file"]
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
        obj.pk = saved.pk

    def delete_through_service(self, actor, obj):
        attachment_remove(actor=actor, attachment=obj)

    def _update(self, request, obj, data):
        """Through the service, which keeps the file and its counter; the consultation is read-only here."""
        fields = {name: data[name] for name in ("kind", "title_th", "title_en", "order", "is_public")}
        attachment_update(actor=request.user, attachment=Attachment.objects.get(pk=obj.pk), **fields)


class DocumentForm(forms.ModelForm):
    new_version = forms.FileField(
        label=_("Import a new version"),
        required=False,
        help_text=_("DOCX (headings become sections), Markdown or plain text. Anchors of kept paragraphs stay."),
    )
    note_th = forms.CharField(label=_("note on the version (Thai)"), required=False, max_length=400)
    note_en = forms.CharField(label=_("note on the version (English)"), required=False, max_length=400)

    class Meta:
        model = Document
        fields = ("consultation", "slug", "title_th", "title_en", "order", "is_demo")


class VersionInline(ParentScopedInline, admin.TabularInline):
    model = Version
    extra = 0
    can_delete = False
    fields = ("number", "source_format", "note_th", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(AgencyScopedAdmin):
    agency_path = "consultation__agency_id"
    form = DocumentForm
    list_display = ("title_th", "consultation", "slug")
    inlines = [VersionInline]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        document = document_save(
            actor=request.user, consultation=data["consultation"], slug=data["slug"], title_th=data["title_th"],
            title_en=data["title_en"], order=data["order"], is_demo=data["is_demo"],
        )  # fmt: skip
        if upload := data.get("new_version"):
            version_import(actor=request.user, document=document, content=upload.read(), filename=upload.name,
                           note_th=data["note_th"], note_en=data["note_en"])  # fmt: skip
        obj.pk = document.pk

    def delete_through_service(self, actor, obj):
        document_delete(actor=actor, document=obj)

    def save_related(self, request, form, formsets, change):
        """Versions are written by the import service only; the read-only list of versions saves nothing."""
        for formset in formsets:
            formset_saved_by_service(formset)
