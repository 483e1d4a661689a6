"""Staff forms of the drafts and files page. The services check everything again; these give the messages early."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from rapfang.documents.models import AttachmentKind
from rapfang.documents.services import ATTACHMENT_MAX_BYTES
from rapfang.documents.versioning import DRAFT_MAX_BYTES

REQUIRED = _("Please fill in this field.")
TOO_LONG = _("This is too long: at most %(limit_value)d characters (it has %(show_value)d).")


def _text(label: Any, *, required: bool = False, max_length: int = 400, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=max_length, help_text=help_text,
        error_messages={"required": REQUIRED, "max_length": TOO_LONG},
    )  # fmt: skip


class _LimitedFile(forms.FileField):
    """A file no larger than `limit` bytes, with messages in the user's language."""

    def __init__(self, *, limit: int, too_large: Any, **kwargs: Any) -> None:
        self.limit, self.too_large = limit, too_large
        messages = {"required": _("Choose a file to upload."), "empty": _("The file is empty."),
                    "invalid": _("No file was received. Choose the file again.")}  # fmt: skip
        super().__init__(error_messages=messages, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile) and (value.size or 0) > self.limit:
            raise forms.ValidationError(self.too_large, code="file_too_large")
        return value


def _draft_file() -> _LimitedFile:
    return _LimitedFile(
        label=_("Draft file"), limit=DRAFT_MAX_BYTES, too_large=_("The draft file is larger than 20 MB."),
        help_text=_("DOCX (Word's headings become sections), Markdown (.md) or plain text in UTF-8; at most 20 MB."),
    )  # fmt: skip


class _VersionNotes(forms.Form):
    note_th = _text(_("Note on this version (Thai)"), help_text=_("For example: revised after the hearing."))
    note_en = _text(_("Note on this version (English)"))


class DraftNewForm(_VersionNotes):
    """A new draft document, with its first version."""

    title_th = _text(_("Title (Thai)"), required=True)
    title_en = _text(_("Title (English)"))
    slug = _text(
        _("Short name in the address"), max_length=80,
        help_text=_("Lower-case English letters, digits and hyphens. Left empty, the address ends in draft."),
    )  # fmt: skip
    file = _draft_file()
    field_order = ["title_th", "title_en", "slug", "file", "note_th", "note_en"]


class VersionNewForm(_VersionNotes):
    file = _draft_file()
    field_order = ["file", "note_th", "note_en"]


class DocumentEditForm(forms.Form):
    title_th = _text(_("Title (Thai)"), required=True)
    title_en = _text(_("Title (English)"))


class AttachmentEditForm(forms.Form):
    title_th = _text(_("Title (Thai)"), required=True)
    title_en = _text(_("Title (English)"))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=AttachmentKind.choices, error_messages={"required": REQUIRED,
        "invalid_choice": _("Choose one of the kinds listed.")},
    )  # fmt: skip
    order = forms.IntegerField(
        label=_("Place in the list"), min_value=0, max_value=32767,
        help_text=_("Files are listed from the smallest number up."),
        error_messages={"required": REQUIRED, "invalid": _("Enter a whole number."),
                        "min_value": _("Enter 0 or more."), "max_value": _("Enter at most 32767.")},
    )  # fmt: skip
    is_public = forms.BooleanField(
        label=_("In the public download list"), required=False,
        help_text=_("Otherwise only the agency's staff can download it."),
    )  # fmt: skip


class AttachmentAddForm(AttachmentEditForm):
    file = _LimitedFile(
        label=_("File"), limit=ATTACHMENT_MAX_BYTES, too_large=_("The file is larger than 50 MB."),
        help_text=_("PDF, DOCX, XLSX or an image (PNG, JPEG, WebP); at most 50 MB. The type is checked by content."),
    )  # fmt: skip
    field_order = ["file", "title_th", "title_en", "kind", "order", "is_public"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Left empty, the file goes to the end of the list.")
