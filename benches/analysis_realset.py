"""The evaluation set of real Thai text: passages from public web pages, campaign copies and near-misses.

    .venv/bin/python benches/analysis_realset.py     # writes benches/data/analysis_real/comments.jsonl

Reads ``passages.tsv`` (domain, source address, text) and makes, with a fixed seed:
- campaigns: a passage (sometimes two of the same topic) sent again and again, each copy changed the way people
  and text generators change a letter: a greeting or a closing added, sentences reordered, words replaced by
  synonyms, typing mistakes, Thai digits, a personal sentence in front, a sentence dropped or added, other spellings;
- near-misses: the same greeting, personal sentence and closing as a campaign around a different passage of the
  same topic (the same frame, another submission: not a campaign);
- every other passage once, as it was written.
Each record keeps its passages' sources. ``split`` is "dev" for about 40 % of the source sites and "test" for the
rest: tune on dev, report test.
"""

import hashlib
import json
import random
import re
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent / "data" / "analysis_real"
SEED = 2567
CAMPAIGNS = 36
NEAR_MISSES = 24

GREETINGS = ["เรียน ผู้จัดทำร่างแผน", "สวัสดีครับ", "สวัสดีค่ะ", "เรียน ท่านผู้เกี่ยวข้อง", "เรียน คณะกรรมการ"]
CLOSINGS = ["ขอบคุณครับ", "ขอบคุณค่ะ", "จึงเรียนมาเพื่อโปรดพิจารณา", "ขอให้พิจารณาด้วยครับ", "หวังว่าจะได้รับการแก้ไข"]
PERSONAL = [
    "ผมเป็นชาวบ้านอำเภอเมือง จังหวัด{p}",
    "ดิฉันอายุ {n} ปี อาศัยอยู่ที่จังหวัด{p}",
    "ผมทำงานรับจ้างทั่วไปที่{p}มา {n} ปีแล้ว",
    "ในฐานะประชาชนคนหนึ่งที่ได้รับผลกระทบโดยตรง",
    "ครอบครัวของดิฉันมีกัน {n} คน อยู่ที่{p}",
]
INSERTS = ["เรื่องนี้เดือดร้อนกันมานานแล้ว", "อยากให้รีบแก้ไขโดยเร็ว", "ฝากช่วยติดตามเรื่องนี้ด้วย",
           "หลายคนในหมู่บ้านก็คิดเหมือนกัน", "เห็นด้วยกับข้อเสนอนี้ทุกประการ"]  # fmt: skip
PROVINCES = ["สุรินทร์", "ลำปาง", "ชุมพร", "ขอนแก่น", "ราชบุรี", "น่าน", "ตรัง", "ชัยภูมิ"]
SYNONYMS = {
    "โรงพยาบาล": "รพ.", "แพทย์": "หมอ", "ผู้ป่วย": "คนไข้", "ประชาชน": "ชาวบ้าน", "ต้องการ": "อยากได้",
    "ไม่เพียงพอ": "ไม่พอ", "ค่าใช้จ่าย": "รายจ่าย", "รัฐบาล": "ภาครัฐ", "จำนวนมาก": "เยอะมาก", "ล่าช้า": "ช้า",
    "ปัจจุบัน": "ทุกวันนี้", "รถเมล์": "รถประจำทาง", "ค่าไฟฟ้า": "ค่าไฟ", "เกษตรกร": "ชาวไร่ชาวนา",
    "ผู้สูงอายุ": "คนแก่", "บุตร": "ลูก", "ตรวจสอบ": "เช็ก", "ร้องเรียน": "ร้องทุกข์", "เอกสาร": "หลักฐาน",
    "ผู้ปกครอง": "พ่อแม่", "ลูกจ้าง": "พนักงาน", "นายจ้าง": "เจ้าของกิจการ", "ค่าโดยสาร": "ค่ารถ",
    "เงินเดือน": "ค่าแรง", "ที่อยู่อาศัย": "บ้าน", "ชำระ": "จ่าย", "ประมาณ": "ราวๆ", "เดือดร้อน": "ลำบาก",
}  # fmt: skip
# Connectives and everyday verbs said another way (a text generator's favourite rewrites).
REWORDINGS = {
    "เพราะ": "เนื่องจาก", "ทำให้": "ส่งผลให้", "ต้อง": "จำเป็นต้อง", "ควร": "น่าจะ", "อยากให้": "ขอให้",
    "แต่": "ทว่า", "หลายคน": "คนจำนวนไม่น้อย", "มาก": "อย่างยิ่ง", "ได้รับ": "ได้", "เกิด": "มี",
    "สามารถ": "จะ", "ทั้งที่": "ทั้งๆ ที่", "หาก": "ถ้า", "เพื่อ": "เพื่อจะ", "ไม่เคย": "ไม่เคยเลย",
    "ช่วย": "ช่วยเหลือ", "บอก": "แจ้ง", "ทุกวัน": "ทุกๆ วัน", "เป็นเวลา": "นาน", "อีกด้วย": "ด้วย",
}  # fmt: skip
SPELLINGS = {"อินเทอร์เน็ต": "อินเตอร์เน็ต", "ต่างๆ": "ต่าง ๆ", "ค่ะ": "คะ", "เช็ค": "เช็ก", "ๆ": " ๆ"}
TONE_MARKS = "่้๊๋"
SWAPS = {"ิ": "ี", "ี": "ิ", "ุ": "ู", "ู": "ุ", "ั": "ะ"}


def load_passages() -> list[dict]:
    lines = (HERE / "passages.tsv").read_text(encoding="utf-8").splitlines()[1:]
    passages = []
    for number, line in enumerate(lines, 1):
        domain, source, text = line.split("\t")
        passages.append({"id": f"p{number:03d}", "domain": None if domain == "none" else domain,
                         "source": source, "text": text, "split": split_of(source)})  # fmt: skip
    return passages


def split_of(source: str) -> str:
    """'dev' for about 40 % of the sites, 'test' for the rest (passages of one site stay together)."""
    host = urlparse(source).netloc.removeprefix("www.")
    return "dev" if hashlib.sha256(host.encode()).digest()[0] % 10 < 4 else "test"


def sentences(text: str) -> list[str]:
    """Thai writes a space between sentences and clauses: the pieces a reader would move or drop."""
    return [piece for piece in re.split(r"\s+", text.strip()) if piece]


def edit(rng: random.Random, text: str, frame: dict) -> tuple[str, list[str]]:
    """One campaign copy: three to five edits, named."""
    chosen = rng.sample(list(EDITS), rng.randint(3, 5))
    for name in chosen:
        text = EDITS[name](rng, text, frame)
    return text, sorted(chosen)


def _greeting(rng, text, frame):
    return f"{rng.choice(GREETINGS)} {text} {rng.choice(CLOSINGS)}"


def _reorder(rng, text, frame):
    pieces = sentences(text)
    if len(pieces) < 2:
        return text
    cut = rng.randint(1, len(pieces) - 1)
    return " ".join(pieces[cut:] + pieces[:cut])


def _synonyms(rng, text, frame):
    found = [word for word in SYNONYMS if word in text]
    for word in rng.sample(found, min(len(found), rng.randint(2, 5))):
        text = text.replace(word, SYNONYMS[word], 1)
    return text


def _reword(rng, text, frame):
    found = [word for word in REWORDINGS if word in text]
    for word in rng.sample(found, min(len(found), rng.randint(2, 4))):
        text = text.replace(word, REWORDINGS[word])
    return text


def _typos(rng, text, frame):
    letters = list(text)
    for _ in range(rng.randint(2, 4)):
        thai = [n for n, char in enumerate(letters) if "\u0e01" <= char <= "\u0e4c"]
        n = rng.choice(thai)
        if letters[n] in TONE_MARKS:
            letters[n] = ""
        elif letters[n] in SWAPS:
            letters[n] = SWAPS[letters[n]]
        elif rng.random() < 0.5 and n + 1 < len(letters):
            letters[n], letters[n + 1] = letters[n + 1], letters[n]
        else:
            letters[n] = letters[n] * 2
    return "".join(letters)


def _thai_digits(rng, text, frame):
    return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def _personal(rng, text, frame):
    return f"{_frame(rng)['personal']} {text}"


def _drop(rng, text, frame):
    pieces = sentences(text)
    if len(pieces) < 3:
        return text
    del pieces[rng.randrange(len(pieces))]
    return " ".join(pieces)


def _insert(rng, text, frame):
    pieces = sentences(text)
    pieces.insert(rng.randint(0, len(pieces)), rng.choice(INSERTS))
    return " ".join(pieces)


def _spelling(rng, text, frame):
    for old, new in SPELLINGS.items():
        text = text.replace(old, new)
    return text


EDITS = {"greeting": _greeting, "reorder": _reorder, "synonyms": _synonyms, "reword": _reword, "typos": _typos,
         "thai_digits": _thai_digits, "personal": _personal, "drop": _drop, "insert": _insert,
         "spelling": _spelling}  # fmt: skip


def _frame(rng: random.Random) -> dict:
    personal = rng.choice(PERSONAL).format(p=rng.choice(PROVINCES), n=rng.randint(25, 70))
    return {"greeting": rng.choice(GREETINGS), "closing": rng.choice(CLOSINGS), "personal": personal}


def _framed(frame: dict, body: str) -> str:
    return f"{frame['greeting']} {frame['personal']} {body} {frame['closing']}"


def build(seed: int = SEED) -> list[dict]:
    """The whole set, in a fixed shuffled order."""
    rng = random.Random(seed)
    passages = load_passages()
    topical = [p for p in passages if p["domain"] and len(p["text"]) >= 60]
    rng.shuffle(topical)
    used: set[str] = set()
    records = []
    for base in topical:
        campaigns = len({r["campaign"] for r in records})
        if campaigns < CAMPAIGNS and base["id"] not in used:
            records += _campaign(rng, f"c{campaigns:02d}", base, passages, used)
    framed = [r for r in records if r["edits"] == ["original"] and r["frame"]]
    twins = (_near_miss(rng, record, passages, used) for record in framed[:NEAR_MISSES])
    records += [twin for twin in twins if twin]
    records += [_record(p["id"], p["text"], [p], None, ["original"]) for p in passages if p["id"] not in used]
    rng.shuffle(records)
    return records


def _campaign(rng: random.Random, name: str, base: dict, passages: list[dict], used: set[str]) -> list[dict]:
    parts = [base]
    partners = [p for p in passages if p["domain"] == base["domain"] and p["split"] == base["split"]
                and p["id"] not in used and p is not base]  # fmt: skip
    if partners and rng.random() < 0.5:
        parts.append(rng.choice(partners))
    used.update(p["id"] for p in parts)
    frame = _frame(rng) if rng.random() < 0.6 else None
    body = " ".join(p["text"] for p in parts)
    text = _framed(frame, body) if frame else body
    copies = [_record(f"{name}-0", text, parts, name, ["original"], frame)]
    for n in range(1, rng.randint(3, 9)):
        copy, edits = edit(rng, text, frame)
        copies.append(_record(f"{name}-{n}", copy, parts, name, edits, frame))
    return copies


def _near_miss(rng: random.Random, original: dict, passages: list[dict], used: set[str]) -> dict | None:
    others = [p for p in passages if p["domain"] == original["domain"] and p["id"] not in used]
    if not others:
        return None
    other = rng.choice(others)
    used.add(other["id"])
    return _record(f"n-{original['campaign']}", _framed(original["frame"], other["text"]), [other], None,
                   ["near_miss"])  # fmt: skip


def _record(rid, text, parts, campaign, edits, frame=None) -> dict:
    return {"id": rid, "text": text, "domain": parts[0]["domain"], "campaign": campaign, "edits": edits,
            "split": parts[0]["split"], "sources": [p["source"] for p in parts], "frame": frame}  # fmt: skip


def main() -> None:
    records = build()
    with (HERE / "comments.jsonl").open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps({k: v for k, v in record.items() if k != "frame"}, ensure_ascii=False) + "\n")
    campaigns = {r["campaign"] for r in records if r["campaign"]}
    print(f"{len(records)} comments, {len(campaigns)} campaigns, "
          f"{sum(r['edits'] == ['near_miss'] for r in records)} near-misses, "
          f"{sum(r['domain'] is None for r in records)} about none of the topics")  # fmt: skip


if __name__ == "__main__":
    main()
