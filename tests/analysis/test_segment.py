from functools import partial

import numpy as np

from rapfang.analysis.text.pipeline import Comment, _with_stored, in_order_of_appearance, table_from_tokens
from rapfang.analysis.text.segment import TokenTable, merge_tables, segment_chunk, segment_texts
from rapfang.analysis.text.workers import map_chunks
from rapfang.core.thai.normalise import analysis_form
from rapfang.core.thai.words import load_dictionary
from rapfang.core.thai.words import segment as segment_text


def test_consultation_vocabulary_stays_one_word():
    plain = load_dictionary()
    with_word = load_dictionary(["ศูนย์แลกเปลี่ยนข้อมูลกลาง"])
    text = "ควรใช้ศูนย์แลกเปลี่ยนข้อมูลกลาง"
    assert "ศูนย์แลกเปลี่ยนข้อมูลกลาง" not in segment_text(text, plain)
    assert "ศูนย์แลกเปลี่ยนข้อมูลกลาง" in segment_text(text, with_word)


def test_dictionary_is_loaded_once_per_vocabulary():
    assert load_dictionary(["คำหนึ่ง", "คำสอง"]) == load_dictionary(["คำสอง", "คำหนึ่ง"])
    assert load_dictionary(["คำหนึ่ง"]) != load_dictionary(["คำสอง"])


def test_table_keeps_words_per_comment_in_order():
    texts = [analysis_form(t) for t in ["ขอระบบจองคิว โรงพยาบาล!", "", "Cloud first, please.", "มี\nสองบรรทัด"]]
    table = segment_texts(texts, load_dictionary(), batch_size=2)
    assert len(table) == 4
    assert table.tokens(0) == ["ขอ", "ระบบ", "จอง", "คิว", "โรงพยาบาล"]
    assert table.tokens(1) == []
    assert table.tokens(2) == ["cloud", "first", "please"]
    assert table.tokens(3) == ["มี", "สอง", "บรรทัด"]


def test_segment_text_drops_spaces_and_punctuation():
    assert segment_text(analysis_form("ok, ดี ๆ !!"), load_dictionary()) == ["ok", "ดี"]


def test_segmenting_in_worker_processes_gives_the_same_table():
    texts = [analysis_form(f"ขอระบบจองคิวโรงพยาบาล {n} แห่ง ใน{place}") for n in range(40) for place in "กขค"]
    vocabulary = ("จองคิว",)
    alone = segment_chunk(vocabulary, texts)
    parts = map_chunks(partial(segment_chunk, vocabulary), texts, workers=2, chunk=25)
    merged = merge_tables(parts)
    assert len(parts) == 5
    assert merged.terms == alone.terms
    assert np.array_equal(merged.ids, alone.ids)
    assert np.array_equal(merged.offsets, alone.offsets)


def test_table_of_stored_and_fresh_words_equals_one_built_from_the_words():
    rows = [["ขอ", "ระบบ"], ["คิว", "ขอ"], [], ["ระบบ", "ใหม่", "คิว"], ["ใหม่"]]
    stored = {1, 3}
    fresh_rows = [row for n, row in enumerate(rows) if n not in stored]
    built = table_from_tokens(fresh_rows)
    junk = [built.terms[0], " ", *reversed(built.terms[1:])]  # a non-word term, ids not in order of appearance
    where = {term: number for number, term in enumerate(junk)}
    fresh = TokenTable(np.array([where[t] for row in fresh_rows for t in row], np.int32), built.offsets, junk)
    comments = [Comment(n, "", tokens=tuple(row) if n in stored else None) for n, row in enumerate(rows)]
    stale = np.array([n for n in range(len(rows)) if n not in stored])
    for block in (2, 1 << 24):
        table = in_order_of_appearance(_with_stored(comments, fresh, stale), block=block)
        expected = table_from_tokens(rows)
        assert table.terms == expected.terms
        assert np.array_equal(table.ids, expected.ids) and np.array_equal(table.offsets, expected.offsets)
