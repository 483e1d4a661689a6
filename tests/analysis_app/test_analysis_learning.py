"""Staff's moves are labelled examples: a re-run uses them for the comments staff have not touched."""

from __future__ import annotations

from typing import Any

import pytest

from analysis_app.conftest import submit
from analysis_app.test_analysis_services import run
from rapfang.analysis.models import CommentAnalysis
from rapfang.analysis.services import analysis_domain_set, analysis_group_set

# Nothing in the demo's topics speaks of plastic bags at the market.
BAGS = [
    "อยากให้หน่วยงานแจกถุงผ้าให้ทุกบ้านเพื่อลดการใช้ถุงพลาสติกในตลาดสด",
    "ควรแจกถุงผ้าฟรีให้ชาวบ้านเพื่อลดถุงพลาสติกที่ตลาดนัด",
    "ขอให้รณรงค์ใช้ถุงผ้าแทนถุงพลาสติกเวลาไปจ่ายตลาด",
]
LETTER = (
    "ขอเสนอให้กรมการขนส่งทางบกเปิดให้ต่อใบขับขี่ออนไลน์ได้ทุกประเภท โดยอบรมผ่านวิดีโอแล้วทำแบบทดสอบที่บ้าน "
    "และส่งบัตรใหม่ทางไปรษณีย์ เพื่อลดเวลาที่ประชาชนต้องลางานไปสำนักงานขนส่ง"
)
ANOTHER = "ควรมีระบบแจ้งเตือนใบขับขี่หมดอายุทางโทรศัพท์มือถือล่วงหน้าหนึ่งเดือน จะได้ไม่ถูกปรับ"


def _row(comment: Any) -> CommentAnalysis:
    return CommentAnalysis.objects.select_related("domain").get(comment=comment)


@pytest.mark.django_db
def test_a_staff_topic_move_changes_the_rerun_for_similar_untouched_comments(demo, sample_comments, moderator):
    bags = [submit(demo, text, n) for n, text in enumerate(BAGS)]
    run(demo)
    assert [_row(c).domain for c in bags] == [None, None, None]
    utilities = demo.topics.get(key="public_utilities")

    analysis_domain_set(actor=moderator, comment=bags[0], domain=utilities)
    run(demo)

    rows = [_row(c) for c in bags]
    assert [row.domain_id for row in rows] == [utilities.pk] * 3
    assert rows[0].domain_by_staff and not rows[1].domain_by_staff and not rows[2].domain_by_staff
    assert 0 < rows[1].confidence <= 1


@pytest.mark.django_db
def test_a_staff_move_into_a_campaign_brings_copies_of_that_text_along(demo, sample_comments, moderator):
    letters = [submit(demo, LETTER, 1), submit(demo, LETTER + " ขอบคุณครับ", 2)]
    others = [submit(demo, ANOTHER, 3), submit(demo, ANOTHER + " ขอบคุณค่ะ", 4)]
    run(demo)
    campaign = _row(letters[0]).group
    assert campaign is not None and _row(others[1]).group != campaign

    analysis_group_set(actor=moderator, comment=others[0], group=campaign)
    run(demo)

    assert _row(others[0]).group == campaign and _row(others[0]).group_by_staff
    assert _row(others[1]).group == campaign and not _row(others[1]).group_by_staff


@pytest.mark.django_db
def test_a_staff_move_out_of_a_campaign_takes_copies_of_that_text_along(demo, sample_comments, moderator):
    similar = LETTER + " และควรยกเว้นค่าธรรมเนียมให้ผู้สูงอายุที่ต่ออายุใบขับขี่ทางออนไลน์"
    letters = [submit(demo, LETTER, 1), submit(demo, LETTER + " ขอบคุณครับ", 2)]
    copies = [submit(demo, similar, 3), submit(demo, similar + " ขอบคุณค่ะ", 4)]
    run(demo)
    campaign = _row(letters[0]).group
    assert campaign is not None and {_row(c).group for c in copies} == {campaign}

    analysis_group_set(actor=moderator, comment=copies[0], group=None)
    run(demo)

    assert _row(copies[0]).group is None and _row(copies[1]).group is None
    assert _row(letters[1]).group == campaign
