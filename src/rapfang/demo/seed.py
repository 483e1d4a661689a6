"""The demo consultation's facts, as the seed announcement states them.

Source: the Electronic Government Agency's announcement page of the public hearing on the draft
Digital Government Development Plan, phase 2 (B.E. 2560-2564), page date 15 January 2564 (2021).
The Thai text is the page's own; the English is our plain rendering. Where the page is vague, the
reading we chose is noted beside the value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

BKK = ZoneInfo("Asia/Bangkok")

AGENCY: dict[str, Any] = {
    "slug": "ega",
    "name_th": "สำนักงานรัฐบาลอิเล็กทรอนิกส์ (องค์การมหาชน)",
    "name_en": "Electronic Government Agency (Public Organization)",
    "abbr_th": "สรอ.",
    "abbr_en": "EGA",
    "fax": "0 2230 6333",
    "email": "digitalgov_plan@ega.or.th",
}
SUCCESSOR = {
    "slug": "dga",
    "name_th": "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
    "name_en": "Digital Government Development Agency (Public Organization)",
    "abbr_th": "สพร.",
    "abbr_en": "DGA",
}
# The page lists the two phone numbers after the two names without saying whose is whose;
# we pair them in the order written.
CONTACTS = [
    {"name_th": "นางสาวศุทธิรัตน์ เพชรฤาชา", "phone": "0 2230 6362"},
    {"name_th": "นางจิตติมา เภตรารัตน์", "phone": "0 2230 6316"},
]

DOMAINS = [
    ("education", "ด้านการศึกษา", "Education", ""),
    ("public_health", "ด้านสาธารณสุข", "Public health", ""),
    ("public_utilities", "ด้านสาธารณูปโภค", "Public utilities", ""),
    ("transport", "ด้านคมนาคม", "Transport", ""),
    ("procurement", "ด้านการจัดซื้อจัดจ้าง", "Procurement", ""),
    ("asset_management", "ด้านการบริการสินทรัพย์", "Asset management (asset services)",
     "the announcement writes การบริการสินทรัพย์; other sources write การบริหารสินทรัพย์"),
    ("hr_payroll", "ด้านทรัพยากรมนุษย์และการจ่ายเงินเดือน", "Human resources and payroll", ""),
    ("finance_spending", "ด้านการเงินและการใช้จ่าย", "Finance and spending", ""),
    ("eservice_infrastructure", "ด้านโครงสร้างพื้นฐานการให้บริการอิเล็กทรอนิกส์", "Electronic service infrastructure",
     "detailed further in phase 2"),
    ("workforce_capability", "ด้านศักยภาพบุคลากรภาครัฐ", "Government workforce capability", "detailed further in phase 2"),
]  # fmt: skip

SLUG = "dg2-2560-2564"
CONSULTATION: dict[str, Any] = {
    "short_name": "DG2",
    "page_title_th": "จัดทำแผน และร่างแผนพัฒนารัฐบาลดิจิทัลของ ประเทศไทย พ.ศ. 2560-2564",
    "page_title_en": "Preparing the plan, and the draft Digital Government Development Plan of Thailand 2017-2021",
    "title_th": "(ร่าง) แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ. ๒๕๖๐ – ๒๕๖๔)",
    "title_en": "(Draft) Digital Government Development Plan, phase 2 (2017-2021)",
    "summary_th": (
        "สรอ. จัดทำ (ร่าง) แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ. ๒๕๖๐ – ๒๕๖๔) ให้ครอบคลุมขีดความสามารถเชิงดิจิทัล"
        "ครบทั้ง ๒๖ ด้าน และเปิดรับฟังความคิดเห็นจากหน่วยงานภาครัฐ ภาคเอกชน และภาคประชาชน"
    ),
    "summary_en": (
        "EGA prepared the draft Digital Government Development Plan, phase 2 (2017-2021), to cover all 26 digital "
        "capability domains, and is hearing the views of government agencies, the private sector and the public."
    ),
    "rationale_th": "\n\n".join(
        [
            "ตามที่คณะรัฐมนตรีได้มีมติเห็นชอบแผนพัฒนาดิจิทัลเพื่อเศรษฐกิจและสังคม และแผนพัฒนารัฐบาลดิจิทัล ระยะ ๓ ปี "
            "(พ.ศ.๒๕๕๙-๒๕๖๑) ในคราวเดียวกัน โดยแผนพัฒนารัฐบาลดิจิทัลฯ ถือเป็นแผนปฏิบัติการที่ขยายรายละเอียดให้กับ"
            "ยุทธศาสตร์ที่ ๔ ของแผนพัฒนาดิจิทัลเพื่อเศรษฐกิจและสังคม เนื่องจากแผนพัฒนารัฐบาลดิจิทัลฯ ที่จัดทำในระยะแรกนั้น "
            "มีความครอบคลุมขีดความสามารถเชิงดิจิทัล (domain) ๑๘ ด้านจากขีดความสามารถทั้งหมด ๒๖ ด้าน "
            "เพื่อให้เกิดความครบถ้วนและครอบคลุมขีดความสามารถทั้ง ๒๖ ด้าน สรอ. จึงได้มีการจัดทำ (ร่าง) "
            "แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ.๒๕๖๐-๒๕๖๔) ขึ้น ซึ่งครอบคลุมขีดความสามารถอีก ๘ ด้านที่เหลือได้แก่ "
            "ด้านการศึกษา ด้านสาธารณสุข ด้านสาธารณูปโภค ด้านคมนาคม ด้านการจัดซื้อจัดจ้าง ด้านการบริการสินทรัพย์ "
            "ด้านทรัพยากรมนุษย์และการจ่ายเงินเดือน ด้านการเงินและการใช้จ่าย และเพิ่มเติมในรายละเอียดอีก ๒ "
            "ขีดความสามารถ คือ ด้านโครงสร้างพื้นฐานการให้บริการอิเล็กทรอนิกส์และศักยภาพบุคลากรภาครัฐ "
            "โดยมีการดำเนินการตั้งแต่เดือนสิงหาคม – พฤศจิกายน ๒๕๕๙",
            "การดำเนินการที่ผ่านมานั้น ได้มีการศึกษาแผนและนโยบายระดับประเทศของหน่วยงานที่เกี่ยวข้อง "
            "สัมภาษณ์หน่วยงานหลักในเชิงลึก และการจัดประชุมระดมสมองกับหน่วยงานที่เกี่ยวข้อง ๘ ขีดความสามารถ "
            "รวมทั้งสิ้น ๖ ครั้ง บัดนี้ ได้มีการทำ (ร่าง) แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ.๒๕๖๐-๒๕๖๔) "
            "เป็นที่เรียบร้อยแล้ว ทั้งนี้เพื่อให้ได้มาซึ่งมุมมองที่ครบถ้วนที่จะนำไปปรับปรุงให้ (ร่าง) "
            "แผนฉบับดังกล่าวมีความสมบูรณ์ยิ่งขึ้น สรอ. จึงจัดให้มีการประชุมเพื่อรับฟังความคิดเห็นจากหน่วยงานภาครัฐ "
            "ภาคเอกชน และภาคประชาชน โดยจะมีการเปิดรับฟังความคิดเห็นในวงกว้าง และการเสวนาภายใต้หัวข้อเรื่อง "
            "“รัฐบาลดิจิทัล สู่ประเทศไทย ๔.๐ ทางเลือก หรือ ทางรอด ?”",
        ]
    ),
    "rationale_en": "\n\n".join(
        [
            "The Cabinet approved, at the same sitting, the Digital Development Plan for Economy and Society and a "
            "three-year Digital Government Development Plan (2016-2018). The Digital Government Development Plan is "
            "the action plan that details strategy 4 of the Digital Development Plan for Economy and Society. The first "
            "plan covered 18 of the 26 digital capability domains. To cover all 26, EGA prepared the draft Digital "
            "Government Development Plan, phase 2 (2017-2021), covering the remaining 8 domains — education, public "
            "health, public utilities, transport, procurement, asset management (asset services), human resources and "
            "payroll, and finance and spending — and adding detail to 2 more capabilities: the infrastructure for "
            "delivering electronic services, and the capability of government personnel. This work ran from August "
            "to November 2016.",
            "So far the work has studied national plans and the policies of the agencies concerned, held in-depth "
            "interviews with the key agencies, and held brainstorming workshops with the agencies concerned across "
            "the 8 capabilities, 6 workshops in all. The draft is now complete. To gather complete views with which "
            "to improve it, EGA is holding a meeting to hear the opinions of government agencies, the private sector "
            "and the public, opening a broad public hearing, together with a panel discussion: “Digital Government "
            "toward Thailand 4.0: an option, or a matter of survival?”",
        ]
    ),
    "followup_th": (
        "แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย พ.ศ. 2560 – 2564 ขณะนี้ สพร. อยู่ระหว่างการจัดทำแผนพัฒนารัฐบาลดิจิทัล"
        "ของประเทศไทย พ.ศ. 2563 – 2565 ให้สอดคล้องกับพระราชบัญญัติการบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล "
        "พ.ศ. 2562 เพื่อนำเสนอต่อคณะกรรมการพัฒนารัฐบาลดิจิทัล ก่อนประกาศใช้ต่อไป"
    ),
    "followup_en": (
        "Digital Government Development Plan of Thailand 2017-2021: the Digital Government Development Agency "
        "(DGA) is now preparing the Digital Government Development Plan of Thailand 2020-2022, to align it with the "
        "Act on Government Administration and Services through Digital Systems B.E. 2562 (2019), for submission to "
        "the Digital Government Development Committee before it is announced."
    ),
    "thai_digits": True,
    "is_published": True,
    "is_demo": True,
}
PAGE_DATE = (2021, 1, 15)
VIEWS = 915

HEARING: dict[str, Any] = {
    "kind": "hearing",
    "is_main": True,
    "title_th": "การประชุมรับฟังความคิดเห็นต่อ (ร่าง) แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ. ๒๕๖๐ – ๒๕๖๔)",
    "title_en": "Public hearing on the (draft) Digital Government Development Plan, phase 2 (2017-2021)",
    "panel_th": "รัฐบาลดิจิทัล สู่ประเทศไทย ๔.๐ ทางเลือก หรือ ทางรอด?",
    "panel_en": "Digital Government toward Thailand 4.0: an option, or a matter of survival?",
    "venue_th": "ห้องแกรนด์ บอลรูม ชั้น ๒ โรงแรมมิลเลนเนียม ฮิลตัน กรุงเทพ ริเวอร์ไซด์",
    "venue_en": "Grand Ballroom, 2nd floor, Millennium Hilton Bangkok Riverside",
    "invited_th": "หน่วยงานภาครัฐ ภาคเอกชน และภาคประชาชน",
    "invited_en": "government agencies, the private sector and the public",
    "registration_required": True,
    "accepts_online": True,
    "accepts_fax": True,
    "accepts_email": True,
}
HEARING_START = datetime(2016, 11, 18, 9, 30, tzinfo=BKK)
HEARING_END = datetime(2016, 11, 18, 16, 0, tzinfo=BKK)
# "by Monday 14 November 2016": read as the end of that day. The page does not say when it opened.
REGISTRATION_DEADLINE = datetime(2016, 11, 14, 23, 59, 59, tzinfo=BKK)
# "through the website on 18-23 Nov 2016": read as both days whole.
COMMENTS_START = datetime(2016, 11, 18, 0, 0, 0, tzinfo=BKK)
COMMENTS_END = datetime(2016, 11, 23, 23, 59, 59, tzinfo=BKK)
# "from August to November 2016": known to the month only.
PREPARATION_START = datetime(2016, 8, 1, 0, 0, 0, tzinfo=BKK)
PREPARATION_END = datetime(2016, 11, 30, 23, 59, 59, tzinfo=BKK)
PREPARATION_NOTE = {
    "note_th": "ศึกษาแผนและนโยบายระดับประเทศ สัมภาษณ์หน่วยงานหลักในเชิงลึก และประชุมระดมสมอง ๘ ขีดความสามารถ รวม ๖ ครั้ง",
    "note_en": "Study of national plans and policies, in-depth interviews with key agencies, and 6 brainstorming "
    "workshops across the 8 capabilities",
}

DOWNLOADS = [
    ("agenda", "dg2-agenda.pdf", "กำหนดการจัดงาน", "Event agenda"),
    ("draft_summary", "dg2-draft-summary.pdf",
     "(ร่าง) แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย ระยะ 5 ปี (พ.ศ. 2560-2564)",
     "(Draft) Digital Government Development Plan of Thailand, 5 years (2017-2021)"),
    ("draft_detailed", "dg2-draft-detailed.pdf",
     "(ร่าง) แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย ระยะ 5 ปี (พ.ศ. 2560-2564) ลงรายละเอียด",
     "(Draft) Digital Government Development Plan of Thailand, 5 years (2017-2021), detailed"),
]  # fmt: skip

# The drafts read and commented on in the browser (src/rapfang/demo/files/). The summary draft's version 1 holds the
# facts above (rationale, domains, preparation); its version 2 is demo material that only rewords and reorders
# version 1. The detailed draft adds, domain by domain, only what the announcement says (as its PDF does).
DRAFT = {
    "slug": "draft",
    "title_th": "(ร่าง) แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย ระยะ ๕ ปี (พ.ศ. ๒๕๖๐ – ๒๕๖๔)",
    "title_en": "(Draft) Digital Government Development Plan of Thailand, 5 years (2017-2021)",
}
DRAFT_DETAILED = {
    "slug": "draft-detailed",
    "title_th": "(ร่าง) แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย ระยะ ๕ ปี (พ.ศ. ๒๕๖๐ – ๒๕๖๔) ลงรายละเอียด",
    "title_en": "(Draft) Digital Government Development Plan of Thailand, 5 years (2017-2021), detailed",
    "file": "dg2-draft-detailed.md",
}
DRAFT_VERSIONS = [
    ("dg2-draft.md", "ฉบับเปิดรับฟังความคิดเห็น", "The draft put to the hearing"),
    ("dg2-draft-v2.md", "ฉบับสาธิต: เรียบเรียงถ้อยคำและลำดับใหม่จากฉบับที่ ๑ ไม่มีสาระเพิ่ม",
     "Demo material: version 1 reworded and reordered, with nothing added"),
]  # fmt: skip

# The preparation the announcement describes, as events on the timeline. It gives no dates for them beyond the
# work's span, "from August to November 2016": each is shown as that period, known to the month.
PREPARATION_EVENTS: list[dict[str, Any]] = [
    {"kind": "desk_study", "title_th": "ศึกษาแผนและนโยบายระดับประเทศของหน่วยงานที่เกี่ยวข้อง",
     "title_en": "Study of national plans and the policies of the agencies concerned"},
    {"kind": "interview", "title_th": "สัมภาษณ์หน่วยงานหลักในเชิงลึก", "title_en": "In-depth interviews with key agencies"},
    {"kind": "workshop", "title_th": "ประชุมระดมสมองกับหน่วยงานที่เกี่ยวข้อง ๘ ขีดความสามารถ",
     "title_en": "Brainstorming workshops with the agencies concerned across the 8 capabilities", "occurrences": 6},
]  # fmt: skip
