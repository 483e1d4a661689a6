"""What the demo's organiser wrote about each of the plan's capability domains (its topics): a description in Thai
and English and the keywords that point to it, one a line. Demo material of ours, written as an organiser of the
hearing would; the analysis reads topics from these texts alone. ``tests/data/domains.json`` holds the same."""

from __future__ import annotations

TOPIC_TEXTS: dict[str, tuple[str, str, str]] = {
    "education": (
        "บริการดิจิทัลสำหรับโรงเรียน สถานศึกษา ครู นักเรียนและผู้ปกครอง ตั้งแต่การรับสมัคร การเรียนการสอน ไปจนถึงวุฒิการศึกษา",
        "Digital services for schools, teachers, students and parents.",
        "โรงเรียน\nนักเรียน\nครู\nมหาวิทยาลัย\nหลักสูตร\nการเรียนการสอน\nผลการเรียน\nวุฒิการศึกษา\nทุนการศึกษา\n"
        "กศน.\nschool\nstudent\nteacher\nuniversity",
    ),
    "public_health": (
        "ระบบบริการสุขภาพของรัฐ โรงพยาบาล ข้อมูลผู้ป่วย การป้องกันและควบคุมโรค",
        "Public health services, hospitals, patient data and disease control.",
        "โรงพยาบาล\nแพทย์\nผู้ป่วย\nยา\nวัคซีน\nคลินิก\nรักษาพยาบาล\nประวัติการรักษา\nโรคระบาด\nการแพทย์ทางไกล\n"
        "รถพยาบาล\nhospital\ndoctor\npatient\nvaccine",
    ),
    "public_utilities": (
        "บริการไฟฟ้า น้ำประปา และบริการพื้นฐานของชุมชน การแจ้งเหตุขัดข้องและการชำระค่าบริการ",
        "Electricity, water and other household utility services.",
        "ไฟฟ้า\nค่าไฟฟ้า\nน้ำประปา\nค่าน้ำประปา\nมิเตอร์\nไฟฟ้าขัดข้อง\nท่อประปา\nโซลาร์เซลล์\nขยะ\nelectricity\n"
        "water\nmeter\npower cut",
    ),
    "transport": (
        "การเดินทางและการขนส่ง ระบบขนส่งสาธารณะ ยานพาหนะ ผู้ขับขี่ และการจราจร",
        "Travel, public transport, vehicles, drivers and traffic.",
        "รถโดยสารประจำทาง\nรถไฟ\nรถไฟฟ้า\nใบอนุญาตขับรถ\nทะเบียนรถยนต์\nถนน\nทางพิเศษ\nสนามบิน\nที่จอดรถ\n"
        "ค่าโดยสาร\nbus\ntrain\ntraffic\nairport",
    ),
    "procurement": (
        "การจัดซื้อจัดจ้างของหน่วยงานรัฐ การประกาศและยื่นข้อเสนอ ผู้ค้าและความโปร่งใสของสัญญา",
        "Government purchasing, tenders, suppliers and contract transparency.",
        "จัดซื้อจัดจ้าง\nประกวดราคา\nราคากลาง\nผู้รับจ้าง\nผู้ประกอบการ\nสัญญา\nตรวจรับ\nแคตตาล็อก\nทีโออาร์\n"
        "tender\nsupplier\ncontract\nprocurement",
    ),
    "asset_management": (
        "การดูแลทรัพย์สินของรัฐ ครุภัณฑ์ ที่ดิน อาคาร และยานพาหนะตลอดอายุการใช้งาน",
        "Managing state property, equipment, land, buildings and vehicles over their life.",
        "ครุภัณฑ์\nพัสดุ\nที่ราชพัสดุ\nอาคาร\nทะเบียนทรัพย์สิน\nค่าเสื่อมราคา\nซ่อมบำรุง\nรถราชการ\nตรวจนับพัสดุ\n"
        "asset\nequipment\nbuilding\nproperty",
    ),
    "hr_payroll": (
        "งานบุคคลของภาครัฐ เงินเดือน สวัสดิการ การลา ทะเบียนประวัติ และบำเหน็จบำนาญ",
        "Civil service personnel administration, pay, leave, records and pensions.",
        "เงินเดือน\nสลิปเงินเดือน\nค่าตอบแทน\nการลา\nบำนาญ\nทะเบียนประวัติ\nค่าล่วงเวลา\nข้าราชการ\nเลื่อนขั้น\n"
        "payroll\nsalary\npayslip\npension",
    ),
    "finance_spending": (
        "งบประมาณแผ่นดิน การเบิกจ่าย ภาษี รายรับรายจ่าย และการรับชำระเงินของรัฐ",
        "The state budget, disbursement, taxes, revenue and government payments.",
        "งบประมาณ\nเบิกจ่าย\nภาษี\nคืนภาษี\nค่าธรรมเนียม\nชำระเงิน\nพร้อมเพย์\nตรวจสอบบัญชี\nเงินอุดหนุน\nbudget\ntax\npayment\nfee",
    ),
    "eservice_infrastructure": (
        "โครงสร้างพื้นฐานที่ใช้ร่วมกันสำหรับบริการอิเล็กทรอนิกส์ เครือข่าย คลาวด์ การยืนยันตัวตน การเชื่อมโยงข้อมูล และความมั่นคงปลอดภัย",
        "Shared infrastructure behind e-services: networks, cloud, identity, data exchange and security.",
        "ยืนยันตัวตน\nบัญชีผู้ใช้\nล็อกอิน\nคลาวด์\nศูนย์ข้อมูล\nอินเทอร์เน็ต\nลายมือชื่อดิจิทัล\nเชื่อมโยงข้อมูล\n"
        "ระบบล่ม\nแอปกลาง\nเว็บไซต์\nlogin\ncloud\nwebsite",
    ),
    "workforce_capability": (
        "การพัฒนาความรู้และทักษะดิจิทัลของบุคลากรภาครัฐ ผู้บริหาร และการเปลี่ยนแปลงวัฒนธรรมองค์กร",
        "Building the digital skills and capability of government staff and leaders.",
        "อบรม\nทักษะดิจิทัล\nสมรรถนะ\nบุคลากร\nเจ้าหน้าที่\nผู้บริหาร\nคนไอที\nพัฒนาทักษะ\ntraining\nskills\nofficials\nworkforce",
    ),
}
