"""General Thai for the analysis: one spelling for words written several ways, and the broader words they belong to.

Not tied to any taxonomy: these are facts of the language (spelling variants, abbreviations, colloquial and formal
words for one thing) and of everyday public life (a รพ.สต. is a hospital, a โฉนด is a land title), written for any
consultation. ``VARIANTS`` rewrites a word to its usual written form, for matching and for campaign detection;
``BROADER`` adds the more general words a comment about it also speaks of, for matching comments to the
consultation's own topics, whose names and descriptions use the general words.
"""

from functools import cache


def _pairs(lines: str) -> dict[str, str]:
    """``variant variant … = canonical`` per line."""
    table = {}
    for line in lines.strip().splitlines():
        variants, canonical = line.split("=")
        for variant in variants.split():
            table[variant] = canonical.strip()
    return table


def _groups(lines: str) -> dict[str, tuple[str, ...]]:
    """``word word … : broader broader …`` per line."""
    table: dict[str, tuple[str, ...]] = {}
    for line in lines.strip().splitlines():
        words, broader = line.split(":")
        for word in words.split():
            table[word] = table.get(word, ()) + tuple(broader.split())
    return table


VARIANTS = _pairs(
    """
    รพ. รพ โรงพยาบาลฯ = โรงพยาบาล
    รพ.สต. รพสต. อนามัย สถานีอนามัย = โรงพยาบาลส่งเสริมสุขภาพตำบล
    หมอ คุณหมอ = แพทย์
    คนไข้ = ผู้ป่วย
    คนแก่ คนชรา คนสูงอายุ ผู้สูงวัย = ผู้สูงอายุ
    ผู้พิการ = คนพิการ
    ลูก ลูกๆ = บุตร
    เด็กนักเรียน = นักเรียน
    รร. = โรงเรียน
    มหาลัย มหา'ลัย ม.ต่างๆ = มหาวิทยาลัย
    ค่าเทอม = ค่าเล่าเรียน
    อินเตอร์เน็ต อินเทอร์เน็ท อินเตอร์เน็ท เน็ต = อินเทอร์เน็ต
    เว็บ เว็ป เวป เว็บไซด์ เวปไซต์ = เว็บไซต์
    แอพ แอป แอปฯ แอพพลิเคชั่น แอปพลิเคชั่น แอพลิเคชั่น = แอปพลิเคชัน
    ไลน์ = line
    เช็ค เช็ก = ตรวจสอบ
    ค่าไฟ = ค่าไฟฟ้า
    ค่าน้ำ ค่าน้ำปะปา = ค่าน้ำประปา
    น้ำปะปา ประปา = น้ำประปา
    ไฟดับ ไฟฟ้าดับ ไฟตก = ไฟฟ้าขัดข้อง
    มิเตอร์ มาตรวัด = มิเตอร์
    ขยะมูลฝอย มูลฝอย = ขยะ
    รถประจำทาง รถเมล์ รถเมล = รถโดยสารประจำทาง
    บีทีเอส เอ็มอาร์ที bts mrt = รถไฟฟ้า
    ใบขับขี่ ใบอนุญาตขับขี่ = ใบอนุญาตขับรถ
    ทะเบียนรถ ป้ายทะเบียน = ทะเบียนรถยนต์
    มอไซค์ มอเตอร์ไซค์ มอเตอร์ไซด์ รถมอเตอร์ไซค์ = รถจักรยานยนต์
    ชาวไร่ชาวนา ชาวไร่ ชาวนา ชาวสวน = เกษตรกร
    ค่าแรง = ค่าจ้าง
    โอที = ค่าล่วงเวลา
    ลูกจ้างรายวัน พนักงาน = ลูกจ้าง
    เจ้านาย เจ้าของกิจการ = นายจ้าง
    ตกงาน = ว่างงาน
    บัตรคนจน = บัตรสวัสดิการแห่งรัฐ
    เบี้ยคนชรา เงินคนแก่ เบี้ยผู้สูงอายุ = เบี้ยยังชีพผู้สูงอายุ
    เบี้ยพิการ = เบี้ยความพิการ
    บัตรปชช. บัตรประชาชน = บัตรประจำตัวประชาชน
    ทร.14 = ทะเบียนบ้าน
    vat แวต = ภาษีมูลค่าเพิ่ม
    ส.ป.ก. สปก. สปก = ที่ดินสปก
    น.ส.3 นส.3 นส3 = หนังสือรับรองการทำประโยชน์
    โฉนดที่ดิน = โฉนด
    กทม. กทม = กรุงเทพมหานคร
    ตร. ตำรวจฯ = ตำรวจ
    รายจ่าย = ค่าใช้จ่าย
    ชาวบ้าน = ประชาชน
    ภาครัฐ = รัฐบาล
    ร้องทุกข์ = ร้องเรียน
    หลักฐาน = เอกสาร
    """
)

BROADER = _groups(
    """
    โรงพยาบาล โรงพยาบาลส่งเสริมสุขภาพตำบล คลินิก แพทย์ พยาบาล ผู้ป่วย เภสัชกร ร้านยา : สุขภาพ รักษาพยาบาล
    บัตรทอง สปสช. หลักประกันสุขภาพ ประกันสุขภาพ : สุขภาพ สิทธิการรักษาพยาบาล
    วัคซีน โรคระบาด โรคติดต่อ ซึมเศร้า จิตแพทย์ จิตเวช สุขภาพจิต ยา : สุขภาพ
    นักเรียน นักศึกษา ครู อาจารย์ โรงเรียน มหาวิทยาลัย สถานศึกษา หลักสูตร ค่าเล่าเรียน : การศึกษา
    กยศ. กยศ กรอ. ทุนการศึกษา : การศึกษา เงินกู้
    tcas ทีแคส แอดมิชชัน สอบเข้า : การศึกษา รับนักเรียน
    ค่าไฟฟ้า ไฟฟ้าขัดข้อง การไฟฟ้า กฟภ. กฟน. หม้อแปลง เสาไฟฟ้า สายไฟ : ไฟฟ้า
    ค่าน้ำประปา น้ำประปา การประปา กปภ. กปน. ท่อประปา : ประปา
    มิเตอร์ : ไฟฟ้า ประปา
    ขยะ ถังขยะ รถขยะ : เก็บขยะ
    รถโดยสารประจำทาง รถไฟฟ้า รถไฟ รถทัวร์ รถตู้ แท็กซี่ วินมอเตอร์ไซค์ ขสมก. : ขนส่งสาธารณะ
    ค่าโดยสาร ตั๋วร่วม ป้ายรถเมล์ : ขนส่งสาธารณะ
    ใบอนุญาตขับรถ ทะเบียนรถยนต์ ภาษีรถยนต์ ตรอ. กรมการขนส่งทางบก : ขับรถ ยานพาหนะ
    รถติด ถนน ทางเท้า ทางด่วน ทางหลวง สะพาน หลุมบ่อ : ถนน การจราจร
    รถยนต์ รถจักรยานยนต์ รถบรรทุก : ยานพาหนะ
    ค่าจ้าง ค่าล่วงเวลา เลิกจ้าง ค่าชดเชย ลาป่วย : ลูกจ้าง
    ลูกจ้าง นายจ้าง ว่างงาน หางาน จัดหางาน สถานประกอบการ : การจ้างงาน
    ผู้ประกันตน ประกันสังคม มาตรา33 มาตรา39 มาตรา40 สปส. : ประกันสังคม
    แรงงานต่างด้าว คนต่างด้าว ใบอนุญาตทำงาน : แรงงาน
    เบี้ยยังชีพผู้สูงอายุ เบี้ยความพิการ เงินอุดหนุนเด็กแรกเกิด บัตรสวัสดิการแห่งรัฐ เงินสงเคราะห์ : สวัสดิการ
    ผู้สูงอายุ คนพิการ ผู้มีรายได้น้อย คนจน ยากจน : ผู้ด้อยโอกาส
    ทะเบียนบ้าน สูติบัตร มรณบัตร แจ้งเกิด แจ้งตาย ย้ายที่อยู่ แจ้งย้าย เจ้าบ้าน นายทะเบียน : ทะเบียนราษฎร
    บัตรประจำตัวประชาชน : บัตร ทะเบียนราษฎร
    ภาษีมูลค่าเพิ่ม ภาษีเงินได้ ภาษีป้าย ภาษีบำรุงท้องที่ สรรพากร กรมสรรพากร สรรพสามิต ลดหย่อน ภ.ง.ด. : ภาษี
    ขอคืนภาษี คืนภาษี ยื่นภาษี ผู้เสียภาษี : ภาษี
    โฉนด หนังสือรับรองการทำประโยชน์ ที่ดินสปก เอกสารสิทธิ รังวัด กรมที่ดิน สำนักงานที่ดิน : ที่ดิน
    ที่ดินทำกิน ถือครองที่ดิน บุกรุก : ที่ดิน
    การเคหะ การเคหะแห่งชาติ บ้านเช่า คอนโด บ้านมั่นคง : ที่อยู่อาศัย
    เกษตรกร ข้าว ข้าวเปลือก นาปรัง นาปี ยางพารา มันสำปะหลัง ข้าวโพด อ้อย ปาล์ม ผลผลิต พืชผล : เกษตร
    ปุ๋ย ยาฆ่าแมลง ชลประทาน ปศุสัตว์ ประมง ธ.ก.ส. ทะเบียนเกษตรกร : เกษตร
    ฝุ่น pm2.5 หมอกควัน ไฟป่า มลพิษ น้ำเสีย : สิ่งแวดล้อม
    มิจฉาชีพ แก๊งคอลเซ็นเตอร์ หลอกลวง ฉ้อโกง บัญชีม้า : อาชญากรรม
    ตำรวจ แจ้งความ สถานีตำรวจ : อาชญากรรม ความปลอดภัย
    เกณฑ์ทหาร ทหารเกณฑ์ ทหารกองเกิน กองทัพ : ทหาร
    เลือกตั้ง กกต. ส.ส. พรรคการเมือง : การเมือง
    นักท่องเที่ยว โรงแรม ที่พัก แหล่งท่องเที่ยว : ท่องเที่ยว
    ธนาคาร ดอกเบี้ย เงินกู้ หนี้ : การเงิน
    เว็บไซต์ แอปพลิเคชัน อินเทอร์เน็ต ออนไลน์ : ดิจิทัล
    """
)


def canonical(word: str) -> str:
    """The usual written form of ``word``: Thai variants rewritten, English lower-cased and without its
    inflection (taxes, tax; hospitals, hospital; delayed, delay)."""
    lowered = word.lower()
    if lowered.isascii() and lowered.isalpha() and len(lowered) > 3:
        return _english_stem(lowered)
    return VARIANTS.get(lowered, lowered)


def _english_stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@cache
def concepts_of(word: str) -> tuple[str, ...]:
    """``word`` in its usual form, then the broader words a comment using it also speaks of."""
    form = canonical(word)
    return (form, *dict.fromkeys(concept for concept in BROADER.get(form, ()) if concept != form))


def vocabulary() -> tuple[str, ...]:
    """Every word of the thesaurus that the segmenter should know as one word."""
    words = {*VARIANTS, *VARIANTS.values(), *BROADER, *(w for group in BROADER.values() for w in group)}
    return tuple(sorted(word for word in words if not word.isascii()))
