"""How long a consultation's address takes to make from a Thai title (romanised word by word, offline).

    .venv/bin/python benches/addresses.py            # 500 titles
    .venv/bin/python benches/addresses.py --titles 5000

Prints the first call (it loads the segmenter's dictionary and pythainlp's romaniser) and then the time per title,
with a few of the addresses made.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

KINDS = ["ร่างกฎกระทรวง", "ร่างพระราชบัญญัติ", "ร่างประกาศกรม", "ร่างระเบียบ", "ร่างแผนพัฒนา", "ร่างนโยบาย"]
SUBJECTS = ["ค่าธรรมเนียมการออกโฉนดที่ดิน", "การจดทะเบียนสิทธิและนิติกรรม", "รัฐบาลดิจิทัล", "การบริหารจัดการน้ำ",
            "การคุ้มครองข้อมูลส่วนบุคคล", "ทางหลวงพิเศษระหว่างเมือง", "การจัดซื้อจัดจ้างภาครัฐ", "การศึกษาขั้นพื้นฐาน"]  # fmt: skip


def titles(count: int) -> list[str]:
    rng = random.Random(7)
    return [f"{rng.choice(KINDS)}ว่าด้วย{rng.choice(SUBJECTS)} ฉบับที่ {rng.randint(1, 9)} พ.ศ. 25{rng.randint(60, 80)}"
            for _ in range(count)]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=500)
    count = parser.parse_args().titles
    from rapfang.consultations import addresses

    started = time.perf_counter()
    first = addresses.slug_from_titles("", "ร่างกฎกระทรวงกำหนดค่าธรรมเนียม")
    print(f"first address (loads the dictionary and the romaniser): {time.perf_counter() - started:.2f} s -> {first}")
    sample = titles(count)
    started = time.perf_counter()
    made = [addresses.slug_from_titles("", title) for title in sample]
    elapsed = time.perf_counter() - started
    print(f"{count} Thai titles: {elapsed:.2f} s, {elapsed / count * 1000:.2f} ms per title")
    for title, slug in list(zip(sample, made, strict=True))[:3]:
        print(f"  {title} -> {slug}")
    assert all(addresses.is_valid(slug) for slug in made)


if __name__ == "__main__":
    main()
