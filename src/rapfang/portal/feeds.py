"""Atom feeds: new consultations, and the steps of their timelines as they begin and end."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import TimelineEvent, consultation_list_public, timeline_events_past
from rapfang.core import when
from rapfang.core.i18n import current_language, localized


class ConsultationFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("rapfang: new public hearings")
    subtitle = gettext_lazy("Consultations on draft plans and laws, newest first.")

    def link(self) -> str:
        return reverse("portal:home")

    def items(self) -> list[Consultation]:
        return list(consultation_list_public().order_by("-created_at")[:50])

    def item_title(self, item: Consultation) -> str:
        return localized(item, "title")

    def item_description(self, item: Consultation) -> str:
        return f"{item.agency}: {localized(item, 'summary')}"

    def item_link(self, item: Consultation) -> str:
        return reverse("portal:consultation", args=[item.slug])

    def item_updateddate(self, item: Consultation) -> datetime:
        return item.updated_at

    def item_pubdate(self, item: Consultation) -> datetime:
        return item.created_at


class TimelineFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("rapfang: what has changed in the public hearings")
    subtitle = gettext_lazy("Registration, hearings and comment periods as they open and close.")

    def link(self) -> str:
        return reverse("portal:home")

    def items(self) -> list[TimelineEvent]:
        return timeline_events_past()

    def item_title(self, item: TimelineEvent) -> str:
        step = item.milestone.get_kind_display()
        verb = _("began") if item.edge == "start" else _("ended")
        return f"{step} {verb}: {localized(item.consultation, 'title')}"

    def item_description(self, item: TimelineEvent) -> str:
        milestone = item.milestone
        return when.format_window(
            milestone.starts_at, milestone.ends_at, lang=current_language(), month_precision=milestone.month_precision
        )

    def item_link(self, item: TimelineEvent) -> str:
        return reverse("portal:consultation", args=[item.consultation.slug])

    def item_guid(self, item: TimelineEvent) -> str:
        return f"{item.consultation.slug}:{item.milestone.kind}:{item.edge}:{item.at.isoformat()}"

    def item_updateddate(self, item: TimelineEvent) -> datetime:
        return item.at

    def item_pubdate(self, item: TimelineEvent) -> datetime:
        return item.at
