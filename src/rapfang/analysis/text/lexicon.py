"""A built-in bilingual lexicon for the capability domains this project knows by key.

Written from general knowledge of what people say about each area of government, not from any sample of
comments. ``core`` terms point clearly at one domain; ``related`` terms lean towards it. A consultation's
own domains are matched to an entry by key or by name (see ``lexicon_for``), so a domains file that uses
other keys still gets the lexicon of the domain it names.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LexiconEntry:
    key: str
    names: tuple[str, ...]
    core: tuple[str, ...]
    related: tuple[str, ...]


def _entry(key: str, names: str, core_th: str, core_en: str, related_th: str, related_en: str) -> LexiconEntry:
    def thai(words: str) -> tuple[str, ...]:
        return tuple(words.split())

    def english(phrases: str) -> tuple[str, ...]:
        return tuple(phrase.strip() for phrase in phrases.split(",") if phrase.strip())

    return LexiconEntry(
        key=key,
        names=english(names),
        core=thai(core_th) + english(core_en),
        related=thai(related_th) + english(related_en),
    )


LEXICON: tuple[LexiconEntry, ...] = (
    _entry(
        "education",
        "การศึกษา, ด้านการศึกษา, education, schooling",
        "การศึกษา โรงเรียน นักเรียน นักศึกษา ครู อาจารย์ มหาวิทยาลัย วิทยาลัย อาชีวศึกษา อุดมศึกษา หลักสูตร "
        "ห้องเรียน การเรียนการสอน เรียนออนไลน์ ผู้ปกครอง ทุนการศึกษา กยศ. กู้ยืมเพื่อการศึกษา ผลการเรียน "
        "วุฒิการศึกษา ปริญญา กระทรวงศึกษาธิการ สถานศึกษา กศน. อนุบาล ประถม มัธยม "
        "หนังสือเรียน ใบแสดงผลการเรียน "
        "การสอน เรียนทางไกล ศึกษาธิการ",
        "education, school, student, pupil, teacher, university, college, curriculum, "
        "classroom, scholarship, "
        "student loan, transcript, diploma, vocational, tuition, kindergarten, textbook, lecturer, homework, "
        "enrolment, enrollment, admission, campus, learner",
        "เรียน สอน สอบ ห้องสมุด บทเรียน สื่อการสอน เด็ก เยาวชน ลูก แท็บเล็ต รับสมัครนักเรียน การสอบ ข้อสอบ เกรด ปฐมวัย ตำรา การอ่าน",
        "learning, exam, examination, e-learning, library, children, youth, literacy, "
        "grade, lesson, teaching, "
        "academic, graduate",
    ),
    _entry(
        "public_health",
        "สาธารณสุข, ด้านสาธารณสุข, public health, health",
        "สาธารณสุข สุขภาพ โรงพยาบาล รพ. รพ.สต. คลินิก แพทย์ หมอ พยาบาล ผู้ป่วย คนไข้ "
        "ประวัติการรักษา เวชระเบียน "
        "ยา เภสัชกร ร้านยา บัตรทอง หลักประกันสุขภาพ สปสช. วัคซีน โรคระบาด โรคติดต่อ การแพทย์ การแพทย์ทางไกล "
        "อสม. โรคเรื้อรัง เบาหวาน ความดันโลหิต ฉุกเฉิน กระทรวงสาธารณสุข ใบรับรองแพทย์ ตรวจสุขภาพ สุขภาพจิต "
        "ทันตกรรม ผลตรวจเลือด รักษาพยาบาล นัดพบแพทย์ ส่งต่อผู้ป่วย",
        "health, hospital, clinic, doctor, physician, nurse, patient, medical, medicine, drug, pharmacy, "
        "vaccine, vaccination, disease, epidemic, outbreak, treatment, health record, "
        "telemedicine, telehealth, "
        "universal coverage, health insurance, ambulance, diagnosis, mental health, dental, illness",
        "ป่วย รักษา ยารักษาโรค ผู้สูงอายุ คิวตรวจ ห้องฉุกเฉิน ผู้พิการ ประกันสังคม โภชนาการ ยาเสพติด ไข้ การระบาด แล็บ ผลแล็บ",
        "care, elderly, sick, prescription, lab results, pandemic, nutrition, wellbeing, emergency",
    ),
    _entry(
        "public_utilities",
        "สาธารณูปโภค, ด้านสาธารณูปโภค, public utilities, utilities",
        "สาธารณูปโภค ไฟฟ้า ค่าไฟ ค่าไฟฟ้า ประปา น้ำประปา ค่าน้ำ ค่าน้ำประปา การไฟฟ้า กฟภ. กฟน. กปภ. กปน. "
        "มิเตอร์ สมาร์ทมิเตอร์ มิเตอร์อัจฉริยะ ไฟดับ น้ำไม่ไหล ท่อประปา ท่อแตก "
        "ขอใช้ไฟฟ้า ขอใช้น้ำ ก๊าซหุงต้ม "
        "พลังงาน โซลาร์เซลล์ น้ำเสีย บำบัดน้ำเสีย ระบายน้ำ ไฟถนน เก็บขยะ ขยะ สายไฟ เสาไฟ โครงข่ายไฟฟ้า "
        "การประปา การไฟฟ้านครหลวง การไฟฟ้าส่วนภูมิภาค การประปานครหลวง การประปาส่วนภูมิภาค",
        "utility, utilities, electricity, electric, power outage, blackout, water supply, tap water, "
        "water bill, electricity bill, power bill, meter, smart meter, smart grid, power grid, gas, sewage, "
        "wastewater, drainage, street light, garbage, waste collection, water pipe, leak, plumbing",
        "น้ำ ไฟ ก๊าซ แก๊ส น้ำท่วม ท่อ หน่วยไฟ แรงดันไฟ ใบแจ้งหนี้ค่า ค่าบริการรายเดือน",
        "water, power, energy, solar, flood, sanitation, pipe, household bill, supply",
    ),
    _entry(
        "transport",
        "คมนาคม, ด้านคมนาคม, การขนส่ง, transport, transportation",
        "คมนาคม ขนส่ง การขนส่ง รถเมล์ รถโดยสาร รถไฟ รถไฟฟ้า ทางด่วน ถนน ทางหลวง จราจร รถติด ใบขับขี่ "
        "ทะเบียนรถ ภาษีรถ กรมการขนส่งทางบก สนามบิน ท่าอากาศยาน ท่าเรือ ตั๋วร่วม ค่าโดยสาร แท็กซี่ "
        "มอเตอร์ไซค์รับจ้าง ป้ายรถเมล์ ที่จอดรถ โลจิสติกส์ ขนส่งสินค้า กล้องจราจร ใบสั่ง อุบัติเหตุทางถนน "
        "ด่านเก็บเงิน บีทีเอส เอ็มอาร์ที ขสมก. การรถไฟ ผู้โดยสาร เที่ยวบิน สถานีรถไฟ",
        "transport, transportation, traffic, bus, train, railway, rail, metro, subway, BTS, MRT, road, "
        "highway, expressway, driving licence, driving license, driver's license, "
        "vehicle registration, taxi, "
        "airport, flight, port, ferry, fare, commuter, logistics, parking, toll, congestion, public transit, "
        "passenger",
        "รถ เรือ ตั๋ว เดินทาง ยานพาหนะ สะพาน ทางเท้า จีพีเอส สถานี รถตู้ จักรยาน",
        "car, vehicle, ticket, travel, trip, bridge, station, route, driver, commute, journey",
    ),
    _entry(
        "procurement",
        "จัดซื้อจัดจ้าง, ด้านการจัดซื้อจัดจ้าง, procurement, public procurement",
        "จัดซื้อจัดจ้าง การจัดซื้อจัดจ้าง จัดซื้อ จัดจ้าง ประกวดราคา ประมูล อีจีพี "
        "ผู้รับจ้าง ผู้ค้า คู่สัญญา "
        "ราคากลาง ทีโออาร์ ขอบเขตของงาน ฮั้ว ฮั้วประมูล สมยอมราคา ใบเสนอราคา เสนอราคา ผู้ทิ้งงาน "
        "วิธีเฉพาะเจาะจง วิธีคัดเลือก ผู้ยื่นข้อเสนอ ข้อตกลงคุณธรรม การจัดหา "
        "ผู้ชนะการประมูล คณะกรรมการตรวจรับ",
        "procurement, purchasing, tender, tendering, bid, bidding, e-bidding, e-GP, supplier, vendor, "
        "contractor, contract award, request for proposal, RFP, terms of reference, TOR, reference price, "
        "bid rigging, collusion, sourcing, purchase order, public contract",
        "ซื้อ จ้าง สัญญา ผู้ประกอบการ ผู้ขาย ตรวจรับ จัดหา เอสเอ็มอี ความโปร่งใส เปิดเผยราคา",
        "purchase, contract, award, SME, suppliers, quotation, transparency, buy",
    ),
    _entry(
        "asset_management",
        "การบริหารสินทรัพย์, การบริการสินทรัพย์, ด้านการบริการสินทรัพย์, asset management, assets",
        "สินทรัพย์ ทรัพย์สิน ครุภัณฑ์ ราชพัสดุ ที่ราชพัสดุ ทะเบียนทรัพย์สิน ทะเบียนครุภัณฑ์ ค่าเสื่อมราคา "
        "จำหน่ายพัสดุ จำหน่ายครุภัณฑ์ ตรวจนับพัสดุ พัสดุคงเหลือ คลังพัสดุ ซ่อมบำรุง "
        "บำรุงรักษา ยานพาหนะราชการ "
        "รถราชการ ที่ดินของรัฐ กรมธนารักษ์ ธนารักษ์ อสังหาริมทรัพย์ อาคารราชการ การใช้ประโยชน์ที่ดิน "
        "ครุภัณฑ์คอมพิวเตอร์ อายุการใช้งาน ทรัพย์สินของรัฐ",
        "asset, assets, asset register, inventory, equipment, durable articles, state property, "
        "government property, real estate, depreciation, disposal, maintenance, fleet, stock-taking, "
        "stocktaking, barcode, RFID, lease, facility management, facilities",
        "พัสดุ อาคาร ที่ดิน เช่า ให้เช่า บาร์โค้ด อุปกรณ์ คงคลัง สต็อก ชำรุด เสื่อมสภาพ ห้องประชุม",
        "building, land, rent, rental, warehouse, stock, spare parts, office space, lifecycle",
    ),
    _entry(
        "hr_payroll",
        "ทรัพยากรมนุษย์และการจ่ายเงินเดือน, ด้านทรัพยากรมนุษย์และการจ่ายเงินเดือน, ทรัพยากรบุคคล, "
        "human resources and payroll, human resources, payroll",
        "ทรัพยากรบุคคล ทรัพยากรมนุษย์ เงินเดือน จ่ายเงินเดือน บัญชีเงินเดือน สลิปเงินเดือน ค่าจ้าง ค่าตอบแทน "
        "เบี้ยเลี้ยง ค่าล่วงเวลา สวัสดิการ บำเหน็จ บำนาญ กบข. เงินประจำตำแหน่ง เลื่อนขั้น ขึ้นเงินเดือน "
        "ประเมินผลการปฏิบัติงาน วันลา ลาป่วย ลาพักผ่อน การลา ลงเวลา บันทึกเวลา ทะเบียนประวัติ ก.พ.7 "
        "สรรหา สอบบรรจุ บรรจุแต่งตั้ง โยกย้าย ลูกจ้าง พนักงานราชการ อัตรากำลัง เกษียณ "
        "งานบุคคล ภาษีหักณที่จ่าย",
        "human resources, HR, payroll, salary, salaries, wage, wages, pay slip, payslip, compensation, "
        "allowance, overtime, pension, retirement, sick leave, annual leave, attendance, timesheet, "
        "recruitment, hiring, promotion, performance appraisal, personnel records, "
        "personnel, employee records",
        "ข้าราชการ ตำแหน่ง พนักงาน เงินค่า ลา เบิกค่ารักษา ค่าเช่าบ้าน ประวัติรับราชการ ทำงานที่บ้าน",
        "employee, employees, staff, leave, benefits, pay, bonus, position, hire",
    ),
    _entry(
        "finance_spending",
        "การเงินและการใช้จ่าย, ด้านการเงินและการใช้จ่าย, การเงินการคลัง, finance and spending, public finance",
        "การเงิน การคลัง งบประมาณ การใช้จ่าย เบิกจ่าย การเบิกจ่าย จีเอฟเอ็มไอเอส บัญชีภาครัฐ กรมบัญชีกลาง "
        "สำนักงบประมาณ ภาษีอากร กรมสรรพากร รายได้แผ่นดิน รายจ่าย หนี้สาธารณะ สตง. "
        "การตรวจเงินแผ่นดิน งบการเงิน "
        "ค่าธรรมเนียม พร้อมเพย์ เงินอุดหนุน เงินแผ่นดิน งบลงทุน ความคุ้มค่า ยื่นภาษี คืนภาษี ภาษีเงินได้ "
        "งบประมาณแผ่นดิน การใช้จ่ายงบประมาณ ชำระเงิน จ่ายเงิน ใบเสร็จ",
        "finance, financial, budget, budgeting, spending, expenditure, disbursement, public finance, fiscal, "
        "treasury, accounting, government accounts, GFMIS, revenue, tax, taxes, tax refund, audit, auditor, "
        "public debt, e-payment, PromptPay, fee, fees, subsidy, grant, financial "
        "statements, value for money, "
        "receipt, payment",
        "เงิน ภาษี บัญชี ตรวจสอบ โอนเงิน ค่าใช้จ่าย ทุจริต คอร์รัปชัน งบ ดอกเบี้ย เงินกู้ ผลาญงบ",
        "money, cost, costs, funds, fund, spend, corruption, accounts, loan, interest",
    ),
    _entry(
        "eservice_infrastructure",
        "โครงสร้างพื้นฐานการให้บริการอิเล็กทรอนิกส์, ด้านโครงสร้างพื้นฐานการให้บริการอิเล็กทรอนิกส์, "
        "electronic service infrastructure, e-service infrastructure, digital infrastructure",
        "โครงสร้างพื้นฐาน คลาวด์ คลาวด์ภาครัฐ ศูนย์ข้อมูล ดาต้าเซ็นเตอร์ เครือข่าย อินเทอร์เน็ต อินเตอร์เน็ต "
        "บรอดแบนด์ เน็ตประชารัฐ ไวไฟ วายฟาย ยืนยันตัวตน ดิจิทัลไอดี ลายมือชื่ออิเล็กทรอนิกส์ ลายเซ็นดิจิทัล "
        "ความมั่นคงปลอดภัยไซเบอร์ ไซเบอร์ เจาะระบบ ข้อมูลรั่วไหล เชื่อมโยงข้อมูล แลกเปลี่ยนข้อมูล "
        "บริการอิเล็กทรอนิกส์ ระบบล่ม เซิร์ฟเวอร์ มาตรฐานข้อมูล เอกสารอิเล็กทรอนิกส์ "
        "สำเนาบัตรประชาชน แพลตฟอร์มกลาง สำรองข้อมูล ศูนย์บริการร่วม จุดเดียว",
        "infrastructure, cloud, government cloud, data center, data centre, network, broadband, internet, "
        "connectivity, wifi, wi-fi, digital ID, identity, authentication, single sign-on, e-signature, "
        "digital signature, PKI, cybersecurity, cyber security, data breach, hacked, API, interoperability, "
        "data exchange, e-service, e-services, one-stop, server, servers, downtime, uptime, backup, bandwidth",
        "ระบบ ออนไลน์ เว็บไซต์ แอป สัญญาณ ความเร็ว ล่ม ข้อมูลส่วนบุคคล ความปลอดภัย ดิจิทัล อิเล็กทรอนิกส์ "
        "ลงทะเบียน ล็อกอิน รหัสผ่าน บัตรประชาชน ฐานข้อมูล บริการออนไลน์ พอร์ทัล เว็บไซต์ภาครัฐ แอปพลิเคชัน",
        "online, system, systems, digital, security, privacy, login, password, database, open data, mobile, "
        "online service, portal, platform, website, site, app, crash",
    ),
    _entry(
        "workforce_capability",
        "ศักยภาพบุคลากรภาครัฐ, ด้านศักยภาพบุคลากรภาครัฐ, government workforce capability, workforce capability",
        "ศักยภาพ บุคลากรภาครัฐ ฝึกอบรม อบรม พัฒนาทักษะ ทักษะดิจิทัล สมรรถนะ ความรู้ความสามารถ "
        "ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง นักวิทยาศาสตร์ข้อมูล นักพัฒนาระบบ โปรแกรมเมอร์ บุคลากรด้านไอที "
        "คนเก่ง วัฒนธรรมองค์กร กรอบความคิด การจัดการความรู้ ผู้เชี่ยวชาญ ภาวะผู้นำ ทักษะการใช้ข้อมูล "
        "การเปลี่ยนแปลงองค์กร หลักสูตรอบรม สถาบันพัฒนา ยกระดับทักษะ การพัฒนาบุคลากร บุคลากร",
        "workforce, capability, capabilities, training, upskilling, reskilling, upskill, reskill, "
        "digital skills, digital literacy, competency, competencies, capacity building, skills, CIO, "
        "data scientist, data scientists, developers, talent, leadership, change management, mindset, "
        "coaching, mentoring, certification, civil servants, officials",
        "ทักษะ ความรู้ ข้าราชการ เจ้าหน้าที่ ทัศนคติ เรียนรู้ ผู้บริหาร ความเชี่ยวชาญ คู่มือ พี่เลี้ยง ขาดแคลน คนไอที เจ้าหน้าที่รัฐ",
        "skill, staff, culture, expertise, officers, learning, knowledge, shortage, manual",
    ),
)


# Everyday words people use when they write about each area (complaints, requests), counted as core terms.
_EVERYDAY: dict[str, tuple[str, str]] = {
    "education": (
        "การบ้าน ตารางสอน หน่วยกิต ปริญญาตรี ปริญญาโท โรงเรียนขนาดเล็ก เขตพื้นที่การศึกษา สพฐ. อาชีวะ ค่าเทอม "
        "ค่าเล่าเรียน เรียนฟรี เปิดเทอม สอบเข้า ครูผู้สอน ผู้อำนวยการโรงเรียน อาหารกลางวัน ชั้นเรียน รายวิชา ใบงาน "
        "แผนการสอน นักเรียนยากจน ศิษย์เก่า",
        "pupils, semester, school fees, principal, headteacher, course credits, MOOC, classes, schools, "
        "students, teachers, universities, degree, degrees",
    ),
    "public_health": (
        "เจาะเลือด เอกซเรย์ ผ่าตัด ผู้ป่วยติดเตียง นัดหมอ บัตรคิว ญาติผู้ป่วย สถานีอนามัย สั่งยา จ่ายยา รับยา "
        "โรคไต มะเร็ง โรคหัวใจ โควิด ไข้เลือดออก ติดเชื้อ ผู้ติดเชื้อ ฝากครรภ์ นักจิตวิทยา จิตแพทย์ ซึมเศร้า "
        "รังสีแพทย์ ทันตแพทย์ รถพยาบาล กู้ชีพ ฉีดวัคซีน ยินยอมให้เปิดเผยข้อมูลสุขภาพ",
        "surgery, ICU, ward, cancer, covid, infection, quarantine, pregnancy, maternal, psychologist, "
        "psychiatrist, depression, blood test, x-ray, prescriptions, hospitals, doctors, patients, clinics",
    ),
    "public_utilities": (
        "ไฟตก หม้อแปลง สายไฟฟ้า เสาไฟฟ้า ค่าเอฟที น้ำขุ่น น้ำบาดาล ประปาหมู่บ้าน แรงดันน้ำ ท่อระบายน้ำ คลอรีน "
        "ถังขยะ รถขยะ คัดแยกขยะ โซลาร์รูฟ ไฟฟ้าดับ จดมิเตอร์ หน่วยไฟฟ้า ไฟทาง ไฟส่องสว่าง งดจ่ายไฟ น้ำไหลอ่อน",
        "power cut, power cuts, outage, transformer, water pressure, water quality, chlorine, recycling, "
        "rubbish, trash, rooftop solar, tariff, kwh, meters, bills",
    ),
    "transport": (
        "ขนส่งสาธารณะ รถสองแถว รถทัวร์ สถานีขนส่ง บขส. ป้ายทะเบียน ตรวจสภาพรถ ตรอ. ต่อภาษีรถ ตำรวจจราจร "
        "ไฟจราจร สัญญาณไฟจราจร ทางม้าลาย ขับรถ ผู้ขับขี่ รถบรรทุก ชั่งน้ำหนักรถ จอดแล้วจร ทางพิเศษ เครื่องบิน "
        "สายการบิน เรือโดยสาร เรือข้ามฟาก รถยนต์ รถจักรยานยนต์ ค่าปรับจราจร ใบสั่งจราจร หลุมบ่อ รถมือสอง",
        "driving, drivers, number plate, licence plate, speed camera, pedestrian, truck, lorry, freight, "
        "airline, boat, motorcycle, timetable, buses, trains, roads, vehicles, stops, stations",
    ),
    "procurement": (
        "ยื่นซอง สเปก ล็อกสเปก คุณลักษณะเฉพาะ ผู้เสนอราคา ชนะงาน ประกาศผู้ชนะ ผู้รับเหมา รับเหมา จ้างเหมา "
        "รวมซื้อ แคตตาล็อก ผู้ค้าภาครัฐ ราคาต่ำสุด ประมูลงาน สอบราคา ส่งมอบงาน งานจ้าง สัญญาจ้าง ยื่นข้อเสนอ",
        "procure, tenders, bidder, bidders, specification, specifications, lowest price, contractors, "
        "framework agreement, catalogue, joint purchasing, open contracting, contracts, bids",
    ),
    "asset_management": (
        "ขายทอดตลาด โอนครุภัณฑ์ ทะเบียนคุม บัญชีคุม วัสดุคงคลัง ซ่อมแซม ชำรุด เครื่องมือ เช่าที่ราชพัสดุ "
        "อาคารสำนักงาน พื้นที่ว่าง ทิ้งร้าง รถส่วนกลาง ไลเซนส์ อายุอาคาร ระบบจองห้อง ยืมคืน คลังสินค้า โกดัง",
        "auction, surplus, idle, reuse, asset tracking, software licences, software licenses, property, "
        "premises, buildings, vehicles, warehouse, equipment register",
    ),
    "hr_payroll": (
        "เข้างาน มาสาย ขาดงาน เวลาทำงาน ลายนิ้วมือ สแกนนิ้ว ใบลา ลากิจ ลาคลอด วันลาสะสม บรรจุ รับราชการ "
        "สอบแข่งขัน ขั้นเงินเดือน เลื่อนระดับ เลื่อนตำแหน่ง ผลการปฏิบัติงาน หนังสือรับรองเงินเดือน ค่าเสี่ยงภัย "
        "ค่าครองชีพ กองทุนสำรองเลี้ยงชีพ ลูกจ้างประจำ พนักงานจ้าง ตารางเวร ขึ้นเวร ผู้เกษียณ ฝ่ายบุคคล "
        "กองการเจ้าหน้าที่ สำนักงานก.พ.",
        "clock in, absence, maternity leave, pay scale, hazard pay, shift, roster, pension fund, "
        "HR department, personnel office, job grade, civil servants, first salary, appointment papers",
    ),
    "finance_spending": (
        "เงินภาษี เบิกงบ ตั้งงบ ปีงบประมาณ รายรับ รายรับรายจ่าย เงินสด รับชำระ ลดหย่อนภาษี ภาษีที่ดิน "
        "ภาษีป้าย จัดเก็บภาษี เงินช่วยเหลือ เงินเยียวยา เงินสวัสดิการ บัตรสวัสดิการแห่งรัฐ จ่ายตรง โอนเข้าบัญชี "
        "หักหัวคิว ตรวจสอบบัญชี เปิดเผยงบ ใช้เงิน ภาระหนี้ ขอคืนภาษี",
        "taxpayer, taxpayers, public money, allocation, allocations, fiscal year, cash, welfare payments, "
        "refund, refunds, invoice, financial reporting, spent, budgets",
    ),
    "eservice_infrastructure": (
        "ล็อกอิน เข้าสู่ระบบ บัญชีผู้ใช้ บัญชีเดียว สำเนาทะเบียนบ้าน เอพีไอ เว็บราชการ แอปกลาง ห้องเซิร์ฟเวอร์ "
        "ระบบสำรอง กู้คืนระบบ แฮก แฮกเกอร์ มัลแวร์ ข้อมูลรั่ว ความปลอดภัยของข้อมูล เน็ตช้า ความเร็วอินเทอร์เน็ต "
        "ไฟเบอร์ออปติก ลายเซ็นอิเล็กทรอนิกส์ ลายมือชื่อดิจิทัล สารบรรณอิเล็กทรอนิกส์ รูปแบบข้อมูล ระบบกลาง "
        "เชื่อมต่อระบบ หน้าเว็บ",
        "login, log in, account, single account, ID card, photocopies, house registration, hosting, "
        "status page, malware, ransomware, encryption, fibre, fiber, 5G, mobile-friendly, data standards, "
        "integration, websites, slow connections",
    ),
    "workforce_capability": (
        "การฝึก สอนงาน ถ่ายทอดความรู้ แลกเปลี่ยนเรียนรู้ ประกาศนียบัตร ใช้คอมพิวเตอร์ไม่เป็น นักวิเคราะห์ข้อมูล "
        "ทีมไอที คนรุ่นใหม่ วิธีคิด ผู้นำ ผู้บริหารระดับสูง พัฒนาตนเอง เส้นทางอาชีพ เส้นทางความก้าวหน้า "
        "รักษาคนเก่ง ขีดความสามารถ ทีมภายใน บุคลากรรุ่นใหม่ เจ้าหน้าที่รัฐ",
        "train, trained, courses, seminar, workshop, career track, career path, specialists, in-house, "
        "know-how, retain, senior officials, managers, staff training",
    ),
}

LEXICON = tuple(
    LexiconEntry(
        key=entry.key,
        names=entry.names,
        core=entry.core
        + tuple(_EVERYDAY[entry.key][0].split())
        + tuple(p.strip() for p in _EVERYDAY[entry.key][1].split(",") if p.strip()),
        related=entry.related,
    )
    for entry in LEXICON
)

_NAME_NOISE = re.compile(r"^ด้าน|[\s\-_]+|\(.*?\)")


def _name_key(name: str) -> str:
    return _NAME_NOISE.sub("", name.strip().lower())


def lexicon_for(key: str, names: tuple[str, ...] = ()) -> LexiconEntry | None:
    """The lexicon entry for a domain: by key first, then by any of its Thai or English names."""
    wanted = _name_key(key)
    for entry in LEXICON:
        if _name_key(entry.key) == wanted:
            return entry
    given = {_name_key(name) for name in names if name}
    for entry in LEXICON:
        if given & {_name_key(name) for name in entry.names}:
            return entry
    return None
