"""The demo's events besides the main hearing: the preparation the seed lists, and the hearing's panel as agenda."""

from __future__ import annotations

from datetime import timedelta

from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.demo import seed
from rapfang.hearings.services import agenda_replace, event_save


def demo_events_load(consultation: Consultation, shift: timedelta) -> None:
    """Idempotent: each preparation activity once per kind, dated to the months the seed gives."""
    for facts in seed.PREPARATION_EVENTS:
        existing = consultation.events.filter(is_main=False, kind=facts["kind"]).first()
        event_save(
            actor=SYSTEM, consultation=consultation, event=existing, **facts, month_precision=True,
            starts_at=seed.PREPARATION_START + shift, ends_at=seed.PREPARATION_END + shift,
            registration_required=False, invited_th="หน่วยงานที่เกี่ยวข้อง", invited_en="the agencies concerned",
        )  # fmt: skip
    main = consultation.events.filter(is_main=True).first()
    if main is not None:
        panel = {
            "title_th": "การเสวนา: " + seed.HEARING["panel_th"],
            "title_en": "Panel discussion: " + seed.HEARING["panel_en"],
        }
        agenda_replace(actor=SYSTEM, event=main, items=[panel])
