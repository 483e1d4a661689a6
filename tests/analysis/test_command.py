import json

from analysis.labelled_sample import DOMAINS
from rapfang.analysis.text.command import main, parse_comment


def _run(tmp_path, lines: list[str], capsys) -> tuple[int, list[dict], str]:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code = main([str(source), "--domains", str(DOMAINS), "--output", str(target), "--quiet"])
    output = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()] if code == 0 else []
    return code, output, capsys.readouterr().err


def test_bad_lines_are_reported_with_their_number_and_skipped(tmp_path, capsys):
    lines = [
        json.dumps({"id": 1, "text": "รถเมล์สายนี้มาช้ามาก อยากให้มีแอปบอกเวลา", "author": "x"}),
        "{not json",
        json.dumps({"text": "ไม่มีรหัส"}),
        "",
        json.dumps({"id": "b", "text": 42}),
        json.dumps({"id": "c", "text": "ค่าไฟแพงมาก", "paragraph_domains": "public_utilities"}),
        json.dumps({"id": "d", "text": "ขอให้โรงพยาบาลจองคิวออนไลน์ได้", "paragraph_domains": ["public_health"]}),
    ]
    code, output, errors = _run(tmp_path, lines, capsys)
    assert code == 0
    assert [row["id"] for row in output] == [1, "d"]
    for number in (2, 3, 5, 6):
        assert f"in.jsonl:{number}: skipped" in errors
    assert "2 analysed, 4 lines skipped" in errors


def test_output_fields(tmp_path, capsys):
    letter = "ขอให้เปิดข้อมูลงบประมาณของทุกกระทรวงเป็นรายโครงการทุกเดือน เพื่อให้ประชาชนตรวจสอบการใช้จ่ายได้"
    lines = [json.dumps({"id": n, "text": letter + ("" if n % 2 else " ขอบคุณครับ")}) for n in range(4)]
    lines.append(json.dumps({"id": "x", "text": "ทีมฟุตบอลเมื่อวานเล่นดีมาก"}))
    code, output, errors = _run(tmp_path, lines, capsys)
    assert code == 0
    assert set(output[0]) == {"id", "duplicate_group", "cluster", "domain", "confidence", "keywords"}
    assert {row["duplicate_group"] for row in output[:4]} == {0}
    assert output[4]["duplicate_group"] is None
    assert output[0]["domain"] == "finance_spending"
    assert output[4]["domain"] is None
    assert "duplicate groups: 1 holding 4 comments" in errors


def test_missing_domains_file_fails_cleanly(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    code = main([str(source), "--domains", str(tmp_path / "none.json"), "--output", str(tmp_path / "o")])
    assert code == 1
    assert "none.json" in capsys.readouterr().err


def test_parse_comment_keeps_paragraph_domains():
    comment = parse_comment('{"id": 7, "text": "t", "paragraph_domains": ["transport"], "x": 1}')
    assert comment.paragraph_domains == ("transport",)


def test_vocabulary_file_reaches_the_segmenter(tmp_path, capsys):
    vocabulary = tmp_path / "words.txt"
    vocabulary.write_text("# terms of the draft\nศูนย์กลางข้อมูลเปิดภาครัฐ\n\n", encoding="utf-8")
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": n, "text": f"ควรพัฒนาศูนย์กลางข้อมูลเปิดภาครัฐ ระยะ {n}"}) for n in range(3)]
    source.write_text("\n".join(lines), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    arguments = [str(source), "--domains", str(DOMAINS), "--output", str(target), "--quiet"]
    assert main([*arguments, "--vocabulary", str(vocabulary)]) == 0
    keywords = json.loads(target.read_text(encoding="utf-8").splitlines()[0])["keywords"]
    assert "ศูนย์กลางข้อมูลเปิดภาครัฐ" in keywords


def test_groups_file_lists_representative_count_and_variants(tmp_path, capsys):
    letter = "ขอให้รัฐเปิดข้อมูลการใช้งบประมาณของทุกกระทรวงเป็นรายโครงการทุกเดือนเพื่อให้ประชาชนช่วยกันตรวจสอบได้"
    texts = [letter, letter + " ขอบคุณครับ", letter, "ถนนหน้าบ้านเป็นหลุมเป็นบ่อ"]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": f"c{n}", "text": t}) for n, t in enumerate(texts)), encoding="utf-8")
    groups = tmp_path / "groups.jsonl"
    arguments = [str(source), "--domains", str(DOMAINS), "--output", str(tmp_path / "o.jsonl"), "--quiet"]
    assert main([*arguments, "--groups", str(groups)]) == 0
    (record,) = [json.loads(line) for line in groups.read_text(encoding="utf-8").splitlines()]
    assert record["representative"] == "c0"
    assert record["count"] == 3
    assert record["variants"] == [{"id": "c0", "count": 2}, {"id": "c1", "count": 1}]
    assert "งบประมาณ" in record["keywords"]
