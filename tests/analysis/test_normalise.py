from rapfang.analysis.text.normalise import exact_key, normalise_text


def test_thai_digits_become_arabic():
    assert normalise_text("ภายใน ๓๐ วัน") == "ภายใน 30 วัน"


def test_zero_width_characters_and_extra_whitespace_go():
    assert normalise_text("  ระบบ\u200bคลาวด์ \n\t กลาง\ufeff ") == "ระบบคลาวด์ กลาง"


def test_repeated_letters_fold_to_one():
    assert normalise_text("ดีมากกกกก") == "ดีมาก"
    assert normalise_text("ช้ามากๆๆๆ ดี ๆ") == "ช้ามาก ดี"
    assert normalise_text("sooooo slow") == "so slow"


def test_numbers_and_web_addresses_are_not_folded():
    assert normalise_text("1000 บาท www.dga.or.th") == "1000 บาท www.dga.or.th"


def test_pythainlp_spelling_rules_apply():
    assert normalise_text("เเปลก") == "แปลก"
    assert normalise_text("นานาาา") == "นานา"


def test_latin_is_lower_cased():
    assert normalise_text("Digital ID") == "digital id"


def test_exact_key_ignores_spacing_and_punctuation_only():
    assert exact_key(normalise_text("เห็นด้วย ครับ!!")) == exact_key(normalise_text("เห็นด้วยครับ"))
    assert exact_key(normalise_text("เห็นด้วยครับ")) != exact_key(normalise_text("ไม่เห็นด้วยครับ"))


def test_exact_key_keeps_thai_vowel_and_tone_marks():
    from rapfang.analysis.text.normalise import exact_key, normalise_text

    assert exact_key(normalise_text("ข้าว")) != exact_key(normalise_text("ข่าว"))
    assert exact_key(normalise_text("ราคาข้าว!!")) == exact_key(normalise_text("ราคา ข้าว"))
