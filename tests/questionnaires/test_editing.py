"""The staff's editor: questions on the whole draft or a section, their choices, the order; once answers exist only
the wording may change; only organisers write; answers keyed in from a paper form through the workspace."""

from __future__ import annotations

import pytest

from questionnaires.conftest import answers_data
from questionnaires.test_services import DURING
from rapfang.core.actors import PUBLIC
from rapfang.core.errors import Conflict, InvalidInput, PermissionDenied
from rapfang.documents.selectors import latest_versions
from rapfang.questionnaires.editing import question_add, question_delete, question_update, questions_reorder
from rapfang.questionnaires.models import Answer
from rapfang.questionnaires.services import answer_submit


def test_a_question_on_a_section_must_name_a_section_of_the_current_draft(demo, organiser):
    section = latest_versions(consultation_id=demo.pk)[0].sections.first()
    data = {"kind": "text", "text_th": "ความเห็นต่อหมวดนี้", "section_anchor": section.anchor}
    asked = question_add(actor=organiser, consultation=demo, data=data)
    assert asked.section_anchor == section.anchor
    with pytest.raises(InvalidInput) as error:
        question_add(actor=organiser, consultation=demo, data={"kind": "single", "text_th": "", "section_anchor": "x"})
    assert set(error.value.params["errors"]) == {"text_th", "section_anchor", "choices_th"}


def test_moderators_may_not_edit_the_questionnaire(demo, moderator):
    with pytest.raises(PermissionDenied):
        question_add(actor=moderator, consultation=demo, data={"kind": "text", "text_th": "คำถาม"})


def test_once_answered_only_the_wording_may_change(demo, questions, organiser):
    single = questions["single"]
    answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions), now=DURING)
    reworded = [("ภาษีอากร", "Taxes"), ("ทะเบียนราษฎร", "Civil registration"), ("สาธารณสุข", "Public health")]
    question_update(actor=organiser, question=single, data={"kind": "single", "text_th": "บริการใดที่ท่านใช้บ่อยที่สุด"},
                    choices=reworded)  # fmt: skip
    assert [c.text_th for c in single.choices.all()] == ["ภาษีอากร", "ทะเบียนราษฎร", "สาธารณสุข"]
    for change in ({"kind": "multiple"}, {"required": True}):
        with pytest.raises(Conflict):
            question_update(actor=organiser, question=single, choices=reworded,
                            data={"kind": "single", "text_th": "ข้อความ", **change})  # fmt: skip
    with pytest.raises(Conflict):
        question_update(actor=organiser, question=single, data={"kind": "single", "text_th": "ข้อความ"},
                        choices=reworded[:2])  # fmt: skip
    with pytest.raises(Conflict):
        question_delete(actor=organiser, question=single)
    with pytest.raises(Conflict):
        questions_reorder(actor=organiser, consultation=demo, question_ids=list(
            reversed(demo.questions.values_list("pk", flat=True))))  # fmt: skip


def test_staff_key_in_a_faxed_form_through_the_workspace(client, demo, questions, moderator):
    client.force_login(moderator)
    url = f"/staff/consultations/{demo.slug}/questionnaire/answers/new/"
    assert client.get(url).status_code == 200
    data = {key: value for key, value in answers_data(questions).items() if value not in (False, None, "")}
    data.update({"consent": "on", "channel": "fax", "received_at": "23/11/2559 16:30"})
    response = client.post(url, data)
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.channel == "fax" and answer.entered_by == moderator and not answer.is_late
    late = {**data, "received_at": "24/11/2559 09:00"}  # after the period: kept, and marked late
    assert client.post(url, late).status_code == 302
    assert Answer.objects.filter(is_late=True).count() == 1
    missing = client.post(url, {**data, "stakeholder_type": ""})
    assert missing.status_code == 422 and Answer.objects.count() == 2
