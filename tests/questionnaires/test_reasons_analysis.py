"""The reasons written in the questionnaire analysed like comments: the same reason sent many times is one
campaign with its count, each reason sorted into the consultation's topics, hidden answers left out."""

from __future__ import annotations

from questionnaires.conftest import answers_data
from questionnaires.test_services import DURING
from rapfang.analysis.reasons import reasons_analyse
from rapfang.core.actors import PUBLIC
from rapfang.questionnaires.moderation import answers_moderate
from rapfang.questionnaires.services import answer_submit

CAMPAIGN = "ขอให้เปิดเผยข้อมูลการจัดซื้อจัดจ้างภาครัฐทุกขั้นตอนในรูปแบบข้อมูลเปิดเพื่อความโปร่งใสและตรวจสอบได้"


def test_a_campaign_of_reasons_is_one_representative_with_its_count(client, demo, questions, moderator):
    reason = f"q{questions['agree'].pk}_reason"
    for _copy in range(3):
        answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions, **{reason: CAMPAIGN}), now=DURING)
    other = answers_data(questions, **{reason: "ควรพัฒนาระบบนัดหมายโรงพยาบาลออนไลน์เพื่อลดเวลารอคอยของผู้ป่วย"})
    answer_submit(actor=PUBLIC, consultation=demo, data=other, now=DURING)
    hidden = answer_submit(actor=PUBLIC, consultation=demo, now=DURING,
                           data=answers_data(questions, **{reason: "ข้อความที่ถูกซ่อน"}))  # fmt: skip
    answers_moderate(actor=moderator, consultation=demo, answer_ids=[hidden.pk], action="hide", reason="spam")
    [analysis] = reasons_analyse(consultation=demo)
    assert analysis.total == 4
    assert [(campaign.text, campaign.count) for campaign in analysis.campaigns] == [(CAMPAIGN, 3)]
    assert sum(count for _name, count in analysis.topics) == 4 and analysis.keywords
    client.force_login(moderator)
    page = client.get(f"/staff/consultations/{demo.slug}/analysis/questionnaire/").content.decode()
    assert CAMPAIGN in page and "ข้อความที่ถูกซ่อน" not in page
