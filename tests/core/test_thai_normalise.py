from rapfang.core.thai.normalise import analysis_form, exact_key


def test_thai_digits_become_arabic():
    assert analysis_form("ภายใน ๓๐ วัน") == "ภายใน 30 วัน"


def test_zero_width_characters_and_extra_whitespace_go():
    assert analysis_form("  ระบบ\u200bคลาวด์ \n\t กลาง\ufeff ") == "ระบบคลาวด์ กลาง"


def test_repeated_letters_fold_to_one():
    assert analysis_form("ดีมากกกกก") == "ดีมาก"
    assert analysis_form("ช้ามากๆๆๆ ดี ๆ") == "ช้ามาก ดี"
    assert analysis_form("sooooo slow") == "so slow"


def test_numbers_and_web_addresses_are_not_folded():
    assert analysis_form("1000 บาท www.dga.or.th") == "1000 บาท www.dga.or.th"


def test_pythainlp_spelling_rules_apply():
    assert analysis_form("เเปลก") == "แปลก"
    assert analysis_form("นานาาา") == "นานา"


def test_latin_is_lower_cased():
    assert analysis_form("Digital ID") == "digital id"


def test_exact_key_ignores_spacing_and_punctuation_only():
    assert exact_key(analysis_form("เห็นด้วย ครับ!!")) == exact_key(analysis_form("เห็นด้วยครับ"))
    assert exact_key(analysis_form("เห็นด้วยครับ")) != exact_key(analysis_form("ไม่เห็นด้วยครับ"))


def test_exact_key_keeps_thai_vowel_and_tone_marks():
    from rapfang.core.thai.normalise import analysis_form, exact_key

    assert exact_key(analysis_form("ข้าว")) != exact_key(analysis_form("ข่าว"))
    assert exact_key(analysis_form("ราคาข้าว!!")) == exact_key(analysis_form("ราคา ข้าว"))
