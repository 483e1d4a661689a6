"""Forms of a consultation's topics: one topic, and where to copy topics from."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from rapfang.consultations.models import Consultation, Topic
from rapfang.core.i18n import localized
from rapfang.workspace.forms_common import StaffForm

TOPIC_TEXT_FIELDS = ("name_th", "name_en", "description_th", "description_en")


class TopicForm(StaffForm):
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    description_th = forms.CharField(
        label=_("Description (Thai)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    key = forms.CharField(
        label=_("Key"),
        max_length=60,
        required=False,
        help_text=_(
            "A short code in lower-case Latin letters, digits, hyphens or underscores, used in exports and in drafts "
            "that tag paragraphs. Leave it empty to have it made from the name."
        ),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["key"]

    def texts(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in TOPIC_TEXT_FIELDS}

    @staticmethod
    def initial_of(topic: Topic) -> dict[str, Any]:
        return {name: getattr(topic, name) for name in TOPIC_TEXT_FIELDS}


class SourceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Consultation) -> str:
        return f"{localized(obj, 'title')} · {localized(obj.agency, 'name')}"


class TopicsCopyForm(StaffForm):
    source = SourceChoice(
        label=_("Copy the topics of"),
        queryset=Consultation.objects.none(),
        empty_label=_("Choose an earlier consultation"),
        help_text=_("Topics whose key this consultation already has are left out."),
    )

    def __init__(self, *args: Any, sources: QuerySet[Consultation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources  # type: ignore[attr-defined]
