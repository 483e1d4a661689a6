from datetime import timedelta

import pytest

from clock import bkk
from rapfang.consultations.models import Consultation, Topic
from rapfang.consultations.selectors import consultation_status
from rapfang.consultations.timeline import Status
from rapfang.core.thai import to_bangkok
from rapfang.demo import seed
from rapfang.demo.loader import demo_load, phase_shift
from rapfang.documents.models import Attachment
from rapfang.hearings.models import Event

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_seed_facts(demo):
    assert demo.title_th == "(ร่าง) แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ. ๒๕๖๐ – ๒๕๖๔)"
    assert demo.views == 915
    assert str(demo.page_date) == "2021-01-15"
    assert demo.agency.abbr_th == "สรอ." and demo.agency.successor.abbr_en == "DGA"
    assert demo.agency.fax == "0 2230 6333" and demo.agency.email == "digitalgov_plan@ega.or.th"
    assert [c.phone for c in demo.agency.contacts.all()] == ["0 2230 6362", "0 2230 6316"]
    assert "๒๖ ด้าน" in demo.rationale_th and "๖ ครั้ง" in demo.rationale_th
    assert "พ.ศ. 2563 – 2565" in demo.followup_th
    hearing = Event.objects.get(consultation=demo, is_main=True)
    assert (hearing.starts_at, hearing.ends_at) == (bkk(2016, 11, 18, 9, 30), bkk(2016, 11, 18, 16, 0))
    assert "มิลเลนเนียม ฮิลตัน" in hearing.venue_th
    assert hearing.registration_closes_at == bkk(2016, 11, 14, 23, 59, 59)
    assert (hearing.accepts_online, hearing.accepts_fax, hearing.accepts_email) == (True, True, True)
    comments = demo.milestones.get(kind="comments")
    assert (comments.starts_at, comments.ends_at) == (bkk(2016, 11, 18), bkk(2016, 11, 23, 23, 59, 59))
    assert Topic.objects.count() == 10
    kinds = list(demo.attachments.values_list("kind", flat=True))
    assert kinds == ["agenda", "draft_summary", "draft_detailed"]


def test_loading_twice_changes_nothing_and_keeps_the_counters(demo):
    Consultation.objects.filter(pk=demo.pk).update(views=1000)
    Attachment.objects.filter(consultation=demo).update(downloads=7)
    demo_load()
    assert Consultation.objects.count() == 1
    assert Consultation.objects.get().views == 1000
    assert Attachment.objects.count() == 3 and set(Attachment.objects.values_list("downloads", flat=True)) == {7}
    assert Event.objects.count() == 1 + len(seed.PREPARATION_EVENTS) and Topic.objects.count() == 10


@pytest.mark.parametrize(
    ("phase", "expected"),
    [("registration", Status.REGISTRATION_OPEN), ("comments", Status.COMMENTS_OPEN), ("closed", Status.CLOSED)],
)
def test_each_phase_is_open_now_and_keeps_the_times_of_day(phase, expected):
    now = bkk(2026, 11, 26, 10, 0)
    consultation = demo_load(phase=phase, now=now).consultation
    assert consultation_status(consultation, now) is expected
    hearing = consultation.events.get(is_main=True)
    local = to_bangkok(hearing.starts_at)
    assert (local.hour, local.minute) == (9, 30)
    assert to_bangkok(hearing.registration_closes_at).strftime("%H:%M:%S") == "23:59:59"


def test_phase_shift_is_whole_days():
    assert phase_shift(None, bkk(2026, 1, 1).date()) == timedelta(0)
    shift = phase_shift("comments", bkk(2026, 11, 26).date())
    assert shift.seconds == 0 and shift.days > 3000


def test_switching_back_to_the_real_timeline_restores_the_seed_dates():
    demo_load(phase="registration", now=bkk(2026, 11, 26))
    consultation = demo_load().consultation
    assert consultation.events.get(is_main=True).starts_at == bkk(2016, 11, 18, 9, 30)
    assert consultation_status(consultation, bkk(2026, 11, 26)) is Status.CLOSED
