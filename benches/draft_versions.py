"""What a new version of a draft costs to compare (the dry run) and to import, by the draft's size and how much of it
was reworded.

    .venv/bin/python benches/draft_versions.py                        # 200, 1000 and 3000 paragraphs
    .venv/bin/python benches/draft_versions.py --sizes 500,5000 --reworded 0.1,0.5

For each size a synthetic Thai draft (Markdown, a heading every ten paragraphs) is imported as version 1 into a
temporary SQLite database; version 2 rewords a share of the paragraphs (one word changed in each), removes 2 % and
adds 2 %. Printed: the parse, the anchor matching alone (plain Python, `anchors.match_anchors`), the whole dry run
(`versioning.version_plan` with the comments per paragraph, as the confirmation page computes it) and the import
(`services.version_import`, one transaction). The anchor matching compares every reworded paragraph with every
paragraph left unmatched, so its cost grows with the square of the reworded share.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from rapfang.core.actors import SYSTEM

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

SUBJECTS = ["หน่วยงานของรัฐ", "ผู้ขอรับใบอนุญาต", "เจ้าพนักงานที่ดิน", "คณะกรรมการ", "ผู้ถือกรรมสิทธิ์", "ประชาชน"]
VERBS = ["ต้องยื่นคำขอ", "อาจขอรับ", "มีหน้าที่จัดทำ", "ต้องเปิดเผย", "อาจมอบหมายให้จัดทำ", "ต้องตรวจสอบ"]
OBJECTS = ["หนังสือรับรองการทำประโยชน์", "โฉนดที่ดิน", "แผนที่รูปแปลงที่ดิน", "ทะเบียนที่ดิน", "ข้อมูลราคาประเมิน"]
TAILS = ["ภายในสามสิบวัน", "ตามแบบที่อธิบดีกำหนด", "ผ่านระบบอิเล็กทรอนิกส์", "โดยไม่ชักช้า", "ตามหลักเกณฑ์ในกฎกระทรวงนี้"]


def setup() -> None:
    os.environ["RAPFANG_DATA_DIR"] = tempfile.mkdtemp(prefix="rapfang-drafts-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapfang.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def sentence(rng: random.Random, number: int) -> str:
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)]
    return (
        f"ข้อ {number} " + " ".join(parts) + f" ในกรณีที่ {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    )


def markdown(paragraphs: list[str]) -> str:
    lines = []
    for index, text in enumerate(paragraphs):
        if index % 10 == 0:
            lines.append(f"# หมวด {index // 10 + 1}\n")
        lines.append(text + "\n")
    return "\n".join(lines)


def revised(rng: random.Random, paragraphs: list[str], reworded: float) -> list[str]:
    result = []
    for number, text in enumerate(paragraphs):
        roll = rng.random()
        if roll < 0.02:
            continue  # removed
        if roll < 0.02 + reworded:
            text = text.replace(rng.choice(TAILS), "ตามที่กำหนดในประกาศ", 1) + " เว้นแต่มีเหตุอันสมควร"
        result.append(text)
        if rng.random() < 0.02:
            result.append(sentence(rng, number) + " (เพิ่มเติม)")
    return result


def timed(action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def run(size: int, reworded: float) -> None:
    from rapfang.accounts.services import agency_save
    from rapfang.consultations.services import consultation_create
    from rapfang.documents.anchors import match_anchors
    from rapfang.documents.importing import parse_markdown
    from rapfang.documents.selectors import paragraph_comment_counts
    from rapfang.documents.services import document_create, version_import
    from rapfang.documents.versioning import draft_parse, version_plan

    rng = random.Random(size)
    agency = agency_save(actor=SYSTEM, slug=f"bench-{size}-{int(reworded * 100)}", name_th="กรมทดสอบ")
    consultation = consultation_create(actor=SYSTEM, agency=agency, slug=agency.slug, title_th="ร่างทดสอบ")
    first = [sentence(rng, n) for n in range(size)]
    v1 = document_create(actor=SYSTEM, consultation=consultation, title_th="ร่าง", content=markdown(first).encode(),
                         filename="v1.md")  # fmt: skip
    content = markdown(revised(rng, first, reworded)).encode()
    parsed, parse_s = timed(lambda: parse_markdown(content.decode()))
    old = list(v1.paragraphs.order_by("order").values_list("anchor", "text"))
    texts = [p.text for s in parsed for p in s.paragraphs]
    _anchors, match_s = timed(lambda: match_anchors(old, texts, "p"))
    document = v1.document

    def dry_run():  # type: ignore[no-untyped-def]
        draft = draft_parse(consultation, content, "v2.md")
        return version_plan(previous=v1, draft=draft, comments=paragraph_comment_counts(document=document))

    plan, plan_s = timed(dry_run)
    _version, import_s = timed(
        lambda: version_import(actor=SYSTEM, document=document, content=content, filename="v2.md")
    )
    kinds = {kind: len(fates) for kind, fates in plan.by_kind.items()}
    print(f"{size:>6} {reworded:>8.0%} {parse_s * 1000:>9.0f} {match_s * 1000:>9.0f} {plan_s * 1000:>9.0f} "
          f"{import_s * 1000:>9.0f}   kept {kinds['kept']}, changed {kinds['changed']}, removed {kinds['removed']}, "
          f"added {kinds['added']}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200,1000,3000", help="paragraphs in version 1, comma-separated")
    parser.add_argument("--reworded", default="0.1,0.5", help="shares of paragraphs reworded, comma-separated")
    arguments = parser.parse_args()
    setup()
    print("paragraphs reworded  parse ms  match ms    dry ms import ms")
    for size in [int(value) for value in arguments.sizes.split(",")]:
        for share in [float(value) for value in arguments.reworded.split(",")]:
            run(size, share)


if __name__ == "__main__":
    main()
