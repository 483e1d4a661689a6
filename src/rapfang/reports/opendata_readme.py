"""The open-data download's tables, each field described in Thai and English, and the README made from them.

The README is written in both languages in one file (it travels outside the site), so its sentences are here
rather than in the message catalogue. The writers in ``opendata.py`` take their headers from these definitions:
a column cannot be added without being described.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rapfang.core.thai import format_datetime, to_bangkok


@dataclass(frozen=True)
class Column:
    name: str
    th: str
    en: str


@dataclass(frozen=True)
class Table:
    name: str
    th: str
    en: str
    columns: tuple[Column, ...]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]


C = Column
CONSULTATION = Table(
    "consultation",
    "ข้อมูลการรับฟังความคิดเห็นครั้งนี้ (หนึ่งแถว)",
    "The consultation itself (one row)",
    (
        C("slug", "ชื่อย่อที่ใช้ในที่อยู่เว็บ", "short name used in web addresses"),
        C("title_th", "ชื่อเรื่อง (ภาษาไทย)", "title in Thai"),
        C("title_en", "ชื่อเรื่อง (ภาษาอังกฤษ)", "title in English"),
        C("agency_th", "หน่วยงานผู้จัด (ภาษาไทย)", "organising agency, in Thai"),
        C("agency_en", "หน่วยงานผู้จัด (ภาษาอังกฤษ)", "organising agency, in English"),
        C("status", "สถานะ ณ เวลาที่จัดทำข้อมูล", "status when the data was made"),
        C("comments_open_at", "เวลาเริ่มรับความคิดเห็นออนไลน์", "start of the online comment period"),
        C("comments_close_at", "เวลาสิ้นสุดการรับความคิดเห็นออนไลน์", "end of the online comment period"),
        C("report_version", "ฉบับของรายงานสรุปผลที่เผยแพร่อยู่ (ว่าง: ยังไม่เผยแพร่)",
          "version of the published summary report (empty: none yet)"),
        C("report_published_at", "เวลาที่เผยแพร่รายงานสรุปผลฉบับนั้น", "when that version was published"),
        C("url", "ที่อยู่หน้าเว็บของการรับฟังความคิดเห็น", "address of the consultation's page"),
        C("made_at", "เวลาที่จัดทำชุดข้อมูลนี้", "when this data set was made"),
    ),
)  # fmt: skip
DOCUMENTS = Table(
    "documents",
    "ร่างเอกสาร แต่ละฉบับ (version) เป็นหนึ่งแถว",
    "The drafts: one row per version of each draft",
    (
        C("document", "ชื่อย่อของร่างเอกสาร", "short name of the draft"),
        C("title_th", "ชื่อร่างเอกสาร (ภาษาไทย)", "title of the draft in Thai"),
        C("title_en", "ชื่อร่างเอกสาร (ภาษาอังกฤษ)", "title of the draft in English"),
        C("version", "ฉบับที่", "version number"),
        C("note_th", "หมายเหตุของฉบับนี้ (ภาษาไทย)", "note on this version, in Thai"),
        C("note_en", "หมายเหตุของฉบับนี้ (ภาษาอังกฤษ)", "note on this version, in English"),
        C("created_at", "เวลาที่นำฉบับนี้เข้าระบบ", "when this version was added"),
    ),
)  # fmt: skip
PARAGRAPHS = Table(
    "paragraphs",
    "ย่อหน้าของร่างเอกสารทุกฉบับ ตามลำดับ",
    "Every paragraph of every version of the drafts, in order",
    (
        C("document", "ชื่อย่อของร่างเอกสาร", "short name of the draft"),
        C("version", "ฉบับที่", "version number"),
        C("section", "รหัสอ้างอิงของหมวด (คงเดิมข้ามฉบับ)", "anchor of the section (kept across versions)"),
        C("section_title", "ชื่อหมวด", "title of the section"),
        C("paragraph", "รหัสอ้างอิงของย่อหน้า (คงเดิมข้ามฉบับ)", "anchor of the paragraph (kept across versions)"),
        C("order", "ลำดับของย่อหน้าในฉบับนั้น", "position of the paragraph in its version"),
        C("text", "ข้อความของย่อหน้า", "text of the paragraph"),
    ),
)  # fmt: skip
COMMENTS = Table(
    "comments",
    "ความคิดเห็นที่เผยแพร่แล้ว (ไม่รวมความคิดเห็นที่ถูกซ่อนหรือถูกลบตามกฎหมายคุ้มครองข้อมูลส่วนบุคคล)",
    "Published comments (hidden comments and comments erased under the PDPA are left out)",
    (
        C("receipt", "เลขที่รับความคิดเห็น", "receipt number"),
        C("submitted_at", "เวลาที่ส่งความคิดเห็น", "when the comment was sent"),
        C("stakeholder_type", "ประเภทผู้มีส่วนได้ส่วนเสีย", "stakeholder type"),
        C("channel", "ช่องทาง (web, api, email, fax, letter)", "channel (web, api, email, fax, letter)"),
        C("organisation", "หน่วยงานของผู้แสดงความคิดเห็น (เฉพาะผู้ที่ไม่ได้เลือกไม่ประสงค์ออกนาม)",
          "the commenter's organisation (only when the commenter did not choose to be anonymous)"),
        C("document", "ร่างเอกสารที่แสดงความคิดเห็น (ว่าง: ความคิดเห็นต่อภาพรวม)",
          "the draft commented on (empty: a comment on the whole consultation)"),
        C("version", "ฉบับของร่างเอกสารขณะแสดงความคิดเห็น", "the draft's version when the comment was made"),
        C("section", "รหัสอ้างอิงของหมวด", "anchor of the section"),
        C("paragraph", "รหัสอ้างอิงของย่อหน้า", "anchor of the paragraph"),
        C("text", "ข้อความความคิดเห็น (อีเมล หมายเลขโทรศัพท์ และเลขประจำตัวประชาชนถูกปกปิด)",
          "the comment's text (e-mail addresses, telephone numbers and national IDs withheld)"),
        C("is_late", "รับไว้หลังพ้นกำหนดเวลา (true/false)", "accepted after the deadline (true/false)"),
        C("is_demo", "ข้อมูลตัวอย่างเพื่อสาธิตระบบ (true/false)", "demonstration material (true/false)"),
        C("domain", "รหัสหมวดหมู่ (domain) จากการวิเคราะห์", "key of the topic, from the analysis"),
        C("campaign", "รหัสกลุ่มความคิดเห็นที่มีข้อความเหมือนหรือใกล้เคียงกัน (แคมเปญ)",
          "id of the campaign (group of identical or near-identical comments)"),
        C("issues", "เลขที่ประเด็นที่ความคิดเห็นนี้ถูกนับรวม (CSV: คั่นด้วย ;)",
          "numbers of the issues this comment is counted under (CSV: separated by ;)"),
        C("endorsements", "จำนวนผู้ที่แสดงว่าเห็นด้วยกับความคิดเห็นนี้", "number of people who said they agree with the comment"),
    ),
)  # fmt: skip
ISSUES = Table(
    "issues",
    "ประเด็นที่ได้จากความคิดเห็น ซึ่งหน่วยงานได้เผยแพร่ผลการพิจารณาแล้ว",
    "Issues raised in the comments whose response has been published",
    (
        C("number", "ประเด็นที่", "issue number"),
        C("title_th", "ชื่อประเด็น (ภาษาไทย)", "title in Thai"),
        C("title_en", "ชื่อประเด็น (ภาษาอังกฤษ)", "title in English"),
        C("summary_th", "สรุปสิ่งที่ได้รับฟัง (ภาษาไทย)", "what we heard, in Thai"),
        C("summary_en", "สรุปสิ่งที่ได้รับฟัง (ภาษาอังกฤษ)", "what we heard, in English"),
        C("domain", "รหัสหมวดหมู่ (domain)", "key of the topic"),
        C("comments", "จำนวนความคิดเห็นที่เผยแพร่แล้วในประเด็นนี้", "number of published comments under the issue"),
        C("representative", "เลขที่รับของความคิดเห็นตัวแทน", "receipt number of the representative comment"),
        C("campaign", "รหัสแคมเปญที่ใช้สร้างประเด็นนี้ (ถ้ามี)", "id of the campaign the issue was made from, if any"),
        C("endorsements", "จำนวนผู้ที่แสดงว่าเห็นด้วยกับความคิดเห็นที่เผยแพร่แล้วในประเด็นนี้ รวมทุกความคิดเห็น",
          "number of endorsements of the published comments under the issue, summed"),
    ),
)  # fmt: skip
RESPONSES = Table(
    "responses",
    "ผลการพิจารณาของหน่วยงานต่อแต่ละประเด็น",
    "The agency's response to each issue",
    (
        C("issue", "ประเด็นที่", "issue number"),
        C("decision", "ผลการพิจารณา (accepted รับไว้, partly รับไว้บางส่วน, not_accepted ไม่รับ, out_of_scope อยู่นอกขอบเขต)",
          "decision (accepted, partly, not_accepted, out_of_scope)"),
        C("reasons_th", "เหตุผล (ภาษาไทย)", "reasons in Thai"),
        C("reasons_en", "เหตุผล (ภาษาอังกฤษ)", "reasons in English"),
        C("published_at", "เวลาที่เผยแพร่ผลการพิจารณา", "when the response was published"),
    ),
)  # fmt: skip
RESPONSE_PARAGRAPHS = Table(
    "response_paragraphs",
    "ย่อหน้าในร่างฉบับถัดไปที่ได้แก้ไขตามผลการพิจารณา",
    "Paragraphs of a later version of a draft that a response changed",
    (
        C("issue", "ประเด็นที่", "issue number"),
        C("document", "ชื่อย่อของร่างเอกสาร", "short name of the draft"),
        C("version", "ฉบับที่", "version number"),
        C("section", "รหัสอ้างอิงของหมวด", "anchor of the section"),
        C("paragraph", "รหัสอ้างอิงของย่อหน้า", "anchor of the paragraph"),
    ),
)  # fmt: skip
PARTICIPATION = Table(
    "participation",
    "จำนวนผู้เข้าร่วม เป็นตัวเลขรวมเท่านั้น: การลงทะเบียน (ทุกกิจกรรมของการรับฟังความคิดเห็นนี้) และความคิดเห็นที่เผยแพร่แล้ว",
    "Participation, as totals only: registrations (for every event of this consultation) and published comments",
    (
        C("measure", "สิ่งที่นับ: registrations_by_stakeholder_type, registrations_by_channel, registrations_by_status, "
          "check_ins, comments_by_channel, comments_by_stakeholder_type, comments_by_domain, comments_by_day",
          "what is counted: registrations_by_stakeholder_type, registrations_by_channel, registrations_by_status, "
          "check_ins, comments_by_channel, comments_by_stakeholder_type, comments_by_domain, comments_by_day"),
        C("key", "กลุ่มที่นับ เช่น ประเภท ช่องทาง สถานะ รหัสหมวดหมู่ (none: ไม่มี) หรือวันที่ (YYYY-MM-DD เวลาประเทศไทย)",
          "the group counted: a type, channel, status, topic key (none: no topic) or day (YYYY-MM-DD, Bangkok time)"),
        C("count", "จำนวน", "count"),
    ),
)  # fmt: skip
QUESTIONNAIRE_RESULTS = Table(
    "questionnaire_results",
    "ผลการตอบแบบสอบถาม เป็นจำนวนรวมต่อคำตอบของแต่ละคำถาม ทั้งหมดและจำแนกตามประเภทผู้มีส่วนได้ส่วนเสีย เผยแพร่หลังสิ้นสุด"
    "ระยะเวลารับฟังความคิดเห็น (ก่อนนั้นตารางนี้ว่าง) ไม่นับคำตอบที่ถูกซ่อนหรือถูกลบ",
    "Results of the questionnaire, as totals per answer of each question, in all and by stakeholder type; published "
    "after the comment period closes (empty before). Answers hidden by a moderator or erased are not counted",
    (
        C("question", "ลำดับของคำถาม", "the question's number, in order"),
        C("question_th", "คำถาม (ภาษาไทย)", "the question (Thai)"),
        C("question_en", "คำถาม (ภาษาอังกฤษ)", "the question (English)"),
        C("kind", "ประเภทของคำถาม: agree (เห็นด้วย/ไม่เห็นด้วย/ไม่แน่ใจ), single (เลือกข้อเดียว), multiple (เลือกได้หลายข้อ), "
          "scale (มาตรวัด) หรือ text (ข้อความ)", "the kind of question: agree (agree / disagree / not sure), single "
          "(one choice), multiple (several choices), scale or text"),
        C("answer", "คำตอบ: agree, disagree, not_sure, ระดับบนมาตรวัด, ลำดับของตัวเลือก หรือ written (จำนวนผู้ที่เขียนข้อความ)",
          "the answer: agree, disagree, not_sure, a point on the scale, the choice's number, or written (how many "
          "wrote a text)"),
        C("answer_th", "คำตอบ (ภาษาไทย)", "the answer (Thai)"),
        C("answer_en", "คำตอบ (ภาษาอังกฤษ)", "the answer (English)"),
        C("stakeholder_type", "ประเภทผู้มีส่วนได้ส่วนเสีย หรือ all (ทั้งหมด)", "the stakeholder type, or all"),
        C("count", "จำนวนผู้ตอบที่เลือกคำตอบนี้", "how many answered so"),
        C("answered", "จำนวนผู้ตอบคำถามข้อนี้ (ในกลุ่มเดียวกัน) ใช้คำนวณสัดส่วน",
          "how many answered the question (in the same group), for the share"),
    ),
)  # fmt: skip
TABLES = (CONSULTATION, DOCUMENTS, PARAGRAPHS, COMMENTS, ISSUES, RESPONSES, RESPONSE_PARAGRAPHS, PARTICIPATION,
          QUESTIONNAIRE_RESULTS)  # fmt: skip


def readme(*, title_th: str, title_en: str, agency_th: str, agency_en: str, made_at: datetime, licence: str) -> str:
    """README.md of the download: what it is, its licence, the date it was made, every file and every field."""
    made_th = format_datetime(made_at, lang="th")
    made_en = format_datetime(made_at, lang="en")
    lines = [
        f"# ข้อมูลเปิด: {title_th}", "", f"# Open data: {title_en or title_th}", "",
        f"- ผู้เผยแพร่ / Publisher: {agency_th} / {agency_en or agency_th}",
        f"- สัญญาอนุญาต / Licence: {licence}",
        f"- จัดทำเมื่อ {made_th} / Made on {made_en} ({to_bangkok(made_at).isoformat(timespec='seconds')})",
        "", "## เกี่ยวกับชุดข้อมูลนี้", "",
        "ชุดข้อมูลนี้รวบรวมข้อมูลสาธารณะของการรับฟังความคิดเห็น ได้แก่ ร่างเอกสาร ความคิดเห็นที่เผยแพร่แล้ว ประเด็น "
        "ผลการพิจารณา และจำนวนผู้เข้าร่วม แต่ละตารางมีทั้งไฟล์ CSV (UTF-8 มี BOM เปิดด้วย Excel ได้ทันที) และ JSON "
        "(อาร์เรย์ของออบเจกต์ที่มีช่องเดียวกับ CSV) วันเวลาเป็นรูปแบบ ISO 8601 ตามเวลาประเทศไทย (+07:00)",
        "",
        "ข้อความในไฟล์ CSV ที่ขึ้นต้นด้วย = + - @ แท็บ หรือการขึ้นบรรทัด มีเครื่องหมาย ' นำหน้า "
        "เพื่อมิให้โปรแกรมตารางคำนวณถือเป็นสูตร ไฟล์ JSON เก็บข้อความนั้นตามต้นฉบับ",
        "",
        "ไม่มีข้อมูลส่วนบุคคล: ไม่มีชื่อผู้แสดงความคิดเห็นหรือผู้ลงทะเบียน อีเมล หมายเลขโทรศัพท์ "
        "หรือเลขประจำตัวประชาชน แม้หน้าความคิดเห็นบนเว็บไซต์จะแสดงชื่อของผู้ที่ระบุชื่อไว้ ชื่อเหล่านั้นก็ไม่อยู่ในชุดข้อมูลนี้ "
        "อีเมล หมายเลขโทรศัพท์ และเลขประจำตัวประชาชนที่เขียนไว้ในข้อความถูกแทนด้วยข้อความ [ปกปิด...] "
        "ส่วนการลงทะเบียนมีเพียงตัวเลขรวม",
        "", "## About this data set", "",
        "This data set holds what is public about the consultation: its drafts, the published comments, the issues, "
        "the agency's responses and participation counts. Each table comes as CSV (UTF-8 with a byte-order mark, so "
        "Excel opens the Thai) and as JSON (an array of objects with the same fields as the CSV). Dates and times are "
        "ISO 8601 in Bangkok time (+07:00).",
        "",
        "A CSV text that begins with =, +, -, @, a tab or a carriage return starts with an apostrophe, so that no "
        "spreadsheet takes it for a formula; the JSON keeps such a text exactly.",
        "",
        "No personal data: no names of commenters or registrants, no e-mail addresses, telephone numbers or national "
        "IDs. The site's comment pages show the names of commenters who gave one; those names are not in this data "
        "set. E-mail addresses, telephone numbers and national IDs written inside a text are replaced by a "
        "[ปกปิด...] label. Registrations are given as totals only.",
        "", "## ไฟล์ / Files", "",
        "| ไฟล์ / file | เนื้อหา | contents |", "| --- | --- | --- |",
        "| `README.md` | คำอธิบายนี้ | this description |",
        "| `datapackage.json` | คำอธิบายชุดข้อมูลที่เครื่องอ่านได้ (Frictionless Data Package): ตาราง ช่อง ชนิดข้อมูล "
        "และสัญญาอนุญาต | the machine-readable description (Frictionless Data Package): tables, fields, their types "
        "and the licence |",
    ]  # fmt: skip
    lines += [f"| `{t.name}.csv`, `{t.name}.json` | {t.th} | {t.en} |" for t in TABLES]
    for table in TABLES:
        lines += ["", f"## {table.name} (`{table.name}.csv`, `{table.name}.json`)", "", table.th, "", table.en, ""]
        lines += ["| ช่อง / field | ความหมาย | meaning |", "| --- | --- | --- |"]
        lines += [f"| `{column.name}` | {column.th} | {column.en} |" for column in table.columns]
    return "\n".join(lines) + "\n"
