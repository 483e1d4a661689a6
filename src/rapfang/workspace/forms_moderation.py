"""The moderation queue's forms: which comments, what to do with them, and why; and the queue's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rapfang.comments.models import CommentChannel, ModerationReason, StakeholderType
from rapfang.comments.moderation import NOTE_MAX_CHARS
from rapfang.comments.selectors import PERSONAL_DATA_FLAG, QUEUE_TABS, QueueFilters

TAB_LABELS = {
    "review": pgettext_lazy("moderation tab", "To review"),
    "published": pgettext_lazy("moderation tab", "Published"),
    "hidden": pgettext_lazy("moderation tab", "Hidden"),
}
ACTIONS = [("publish", _("Publish")), ("hide", _("Hide"))]
MAX_IDS = 20_000


class IdListField(forms.CharField):
    """Comment ids sent as one comma-separated hidden value (a campaign may hold thousands)."""

    widget = forms.HiddenInput

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        text = str(value or "").strip()
        if not text:
            return []
        parts = text.split(",")
        if len(parts) > MAX_IDS or not all(part.strip().isdigit() for part in parts):
            raise forms.ValidationError(_("The list of comments could not be read. Please choose them again."))
        return [int(part) for part in parts]

    def validate(self, value: Any) -> None:
        return None


class TickedField(forms.Field):
    """The ids of the ticked comments (the page draws the checkboxes itself)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        values = [str(item).strip() for item in (value or [])]
        if len(values) > MAX_IDS or not all(item.isdigit() for item in values):
            raise forms.ValidationError(_("The list of comments could not be read. Please choose them again."))
        return [int(item) for item in values]


class ModerationForm(forms.Form):
    """Publish or hide: ticked comments, every comment on the page, or a whole campaign group.

    Nothing is chosen for the moderator: no action, no reason. Hiding more than one comment is confirmed first.
    """

    comments = TickedField(required=False)
    select_all = forms.BooleanField(label=_("Select all comments on this page"), required=False)
    on_page = IdListField(required=False)
    members = IdListField(required=False)
    action = forms.ChoiceField(
        label=_("What to do"), choices=ACTIONS, widget=forms.RadioSelect,
        error_messages={"required": _("Choose what to do with the comments: publish or hide.")},
    )  # fmt: skip
    reason = forms.ChoiceField(
        label=_("Reason for hiding"),
        required=False,
        choices=[*ModerationReason.choices, ("", _("None of these: only the reason in words"))],
    )
    note = forms.CharField(
        label=_("Reason in words"), max_length=NOTE_MAX_CHARS, required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_CHARS}),
        help_text=_("Up to 500 characters. The author reads the reason on their receipt: write no personal data."),
    )  # fmt: skip
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["ids"] = self._chosen(data)
        if not data["ids"] and "comments" not in self.errors:
            self.add_error("comments", _("Choose at least one comment."))
        return data

    @staticmethod
    def _chosen(data: dict[str, Any]) -> list[int]:
        if data.get("members"):
            return list(data["members"])
        if data.get("select_all"):
            return list(data.get("on_page") or [])
        return list(data.get("comments") or [])

    @property
    def needs_confirmation(self) -> bool:
        data = self.cleaned_data
        return data["action"] == "hide" and len(data["ids"]) > 1 and not data.get("confirmed")

    def selected(self) -> set[int]:
        """The comments ticked in the form as sent, to tick them again when the form is shown back."""
        if not self.is_bound:
            return set()
        values = self.data.getlist("comments") if hasattr(self.data, "getlist") else []
        return {int(value) for value in values if str(value).isdigit()}


class QueueFilterForm(forms.Form):
    """The queue's filters (GET): by channel, kind of commenter, flags, and — once comments carry it — personal data."""

    state = forms.CharField(required=False)  # an unknown tab (such as an old link's "pending") is "review"
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", _("Any")), *CommentChannel.choices], required=False)
    stakeholder_type = forms.ChoiceField(
        label=_("Commenting as"), choices=[("", _("Any")), *StakeholderType.choices], required=False
    )
    flagged = forms.BooleanField(label=_("Flagged by the public only"), required=False)
    personal_data = forms.BooleanField(label=_("Holding personal data only"), required=False)
    group = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not PERSONAL_DATA_FLAG:
            del self.fields["personal_data"]

    def tab(self) -> str:
        state = self.cleaned_data.get("state") if self.is_valid() else ""
        return state if state in QUEUE_TABS else "review"

    def filters(self) -> QueueFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return QueueFilters(
            channel=data.get("channel") or "", stakeholder_type=data.get("stakeholder_type") or "",
            flagged=bool(data.get("flagged")), personal_data=bool(data.get("personal_data")),
        )  # fmt: skip

    def group_key(self) -> int | None:
        return self.cleaned_data.get("group") if self.is_valid() else None
