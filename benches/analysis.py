"""Benchmark of the comment-analysis engine against a baseline, on synthetic Thai comments with campaigns.

    .venv/bin/python benches/analysis.py                      # 10k and 100k
    .venv/bin/python benches/analysis.py --sizes 10000,100000,1000000

Each (size, pipeline) runs in its own child process, so a stage's peak memory is the resident set of that
process (Rust allocations included): the kernel's high-water mark is reset at the start of every stage
(/proc/self/clear_refs) and read at its end (VmHWM); where that is not available, ru_maxrss is reported.
Our pipeline normalises and segments in ``--workers`` processes (default 2): a stage's CPU time includes its
workers, and its peak memory is the larger of this high-water mark and the sum of the resident sets of this
process and all its descendants, sampled every 0.1 s. Both pipelines get the same comments
(same seed). The baseline is pythainlp's default ``newmm`` word_tokenize plus datasketch MinHashLSH, querying
every document, then TF-IDF + k-means and a keyword overlap classifier.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
_SRC_VARIABLE = "RAPFANG_BENCH_SRC"  # the engine measured: this checkout's, or another's (--before)
sys.path.insert(0, os.environ.get(_SRC_VARIABLE) or str(Path(__file__).resolve().parent.parent / "src"))

STAGES = ("normalise", "segment", "dedup", "cluster", "classify")
DOMAINS_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "domains.json"

OPENERS = ["ขอเสนอให้", "อยากให้", "ในฐานะประชาชนขอให้", "เห็นว่าควรให้", "ขอความกรุณาให้", "ฝากถึงผู้จัดทำแผนให้"]
TOPICS = {
    "education": ["โรงเรียน", "ระบบรับสมัครนักเรียน", "ทุนการศึกษา", "การเรียนออนไลน์", "ครูในชนบท", "หลักสูตร"],
    "public_health": ["โรงพยาบาล", "การจองคิวพบแพทย์", "ประวัติการรักษา", "การรับยา", "วัคซีน", "คลินิกชุมชน"],
    "public_utilities": ["ค่าไฟ", "น้ำประปา", "มิเตอร์ไฟฟ้า", "การแจ้งไฟดับ", "ท่อประปาแตก", "การเก็บขยะ"],
    "transport": ["รถเมล์", "ใบขับขี่", "ทะเบียนรถ", "รถไฟฟ้า", "ทางด่วน", "ตั๋วร่วม"],
    "procurement": ["การจัดซื้อจัดจ้าง", "ราคากลาง", "การประกวดราคา", "ผู้รับจ้างรายย่อย", "ทีโออาร์", "สัญญาจ้าง"],
    "asset_management": ["ครุภัณฑ์", "ที่ราชพัสดุ", "รถราชการ", "อาคารของรัฐ", "การตรวจนับพัสดุ", "ทะเบียนทรัพย์สิน"],
    "hr_payroll": ["เงินเดือนข้าราชการ", "การลา", "บำนาญ", "ทะเบียนประวัติ", "ค่าล่วงเวลา", "การสอบบรรจุ"],
    "finance_spending": ["งบประมาณ", "การเบิกจ่าย", "ภาษี", "การคืนภาษี", "ค่าธรรมเนียม", "เงินอุดหนุน"],
    "eservice_infrastructure": ["คลาวด์กลาง", "การยืนยันตัวตน", "เครือข่ายอินเทอร์เน็ต", "ลายมือชื่อดิจิทัล", "ศูนย์ข้อมูล"],
    "workforce_capability": ["การอบรมข้าราชการ", "ทักษะดิจิทัล", "นักวิเคราะห์ข้อมูล", "ผู้บริหารระดับสูง", "พี่เลี้ยง"],
}
ACTIONS = [
    "พัฒนาระบบ{t}ให้ใช้งานผ่านมือถือได้",
    "เปิดเผยข้อมูล{t}ให้ประชาชนตรวจสอบได้",
    "ลดขั้นตอนเรื่อง{t}ที่ยังใช้กระดาษ",
    "เชื่อมข้อมูล{t}ระหว่างหน่วยงาน",
    "ทำแอปติดตามสถานะ{t}แบบเรียลไทม์",
    "ปรับปรุงบริการ{t}ในจังหวัด{p}",
    "แก้ปัญหา{t}ที่ล่าช้ามานาน",
]
REASONS = [
    "เพราะทุกวันนี้ต้องเสียเวลาไปติดต่อหลายรอบ",
    "เพื่อความโปร่งใสและลดการทุจริต",
    "จะได้ไม่ต้องเดินทางไกลเข้าตัวเมือง",
    "ผู้สูงอายุในหมู่บ้านจะได้เข้าถึงบริการ",
    "ที่ผ่านมาข้อมูลไม่ตรงกันและต้องกรอกซ้ำ",
    "เมื่อเดือนที่แล้วผม{n}รอนานถึง {d} ชั่วโมง",
    "หลายคนใน{p}บ่นเรื่องนี้มาก",
]
CLOSERS = ["", "ครับ", "ค่ะ", "ขอบคุณครับ", "ขอบคุณค่ะ", "จึงเรียนมาเพื่อโปรดพิจารณา"]


def generate(size: int, seed: int = 2016) -> list[str]:
    """``size`` comments: about 70 % written one by one, 30 % from campaign letters with small edits."""
    from pythainlp.corpus import provinces, thai_female_names, thai_male_names

    rng = random.Random(seed)
    places, names = sorted(provinces()), sorted(thai_female_names() | thai_male_names())
    letters = [_letter(rng, places, names) for _ in range(max(size // 2000, 5))]
    weights = [1 / (rank + 1) for rank in range(len(letters))]
    comments = []
    for _ in range(size):
        if rng.random() < 0.3:
            comments.append(_variant(rng, rng.choices(letters, weights)[0], names))
        else:
            comments.append(_letter(rng, places, names))
    return comments


def _letter(rng: random.Random, places: list[str], names: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(1, 3)):
        topic = rng.choice(TOPICS[rng.choice(list(TOPICS))])
        action = rng.choice(ACTIONS).format(t=topic, p=rng.choice(places))
        reason = rng.choice(REASONS).format(n=rng.choice(names), d=rng.randint(2, 9), p=rng.choice(places))
        sentences.append(f"{rng.choice(OPENERS)}{action} {reason}")
    return " ".join(sentences) + " " + rng.choice(CLOSERS)


def _variant(rng: random.Random, letter: str, names: list[str]) -> str:
    edit = rng.randrange(4)
    if edit == 0:
        return f"{letter} {rng.choice(names)}"
    if edit == 1:
        return letter.replace("ให้", "ให้รัฐ", 1)
    if edit == 2:
        return letter.replace(" ", "  ", 2) + "!!"
    return letter + " " + rng.choice(REASONS).format(n=rng.choice(names), d=rng.randint(2, 9), p="ชนบท")


class StageMeter:
    """Wall time, CPU time and peak memory per stage, for this process and the worker processes it starts."""

    def __init__(self) -> None:
        self.figures: dict[str, dict[str, float]] = {}
        self.exact = _reset_peak()

    def run(self, name: str, work: Callable[[], object]) -> object:
        with self.stage(name):
            return work()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Measure the enclosed block, worker processes included (memory sampled ten times a second)."""
        _reset_peak()
        sampler = _FamilySampler()
        sampler.start()
        began, cpu = time.perf_counter(), _family_cpu_seconds()
        yield
        seconds, used = time.perf_counter() - began, _family_cpu_seconds() - cpu
        sampler.stop()
        self.figures[name] = {"seconds": seconds, "cpu": used, "peak_mb": max(_peak_mb(), sampler.peak_mb)}


class _FamilySampler(threading.Thread):
    """Largest resident memory of this process plus all its descendants, sampled every 0.1 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            pids = [os.getpid(), *_descendants(os.getpid())]
            self.peak_mb = max(self.peak_mb, sum(_status_kb(pid, "VmRSS:") for pid in pids) / 1024)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], list(children.get(root, []))
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _family_cpu_seconds() -> float:
    """CPU of this process, of its ended children, and of live descendants (with the children they reaped)."""
    mine, ended = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = mine.ru_utime + mine.ru_stime + ended.ru_utime + ended.ru_stime
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in _descendants(os.getpid()):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15]) / ticks
    return total


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    """This process's peak resident memory since the last reset."""
    high_water = _status_kb(os.getpid(), "VmHWM:")
    return high_water / 1024 if high_water else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(comments: list[str], meter: StageMeter, workers: int) -> dict:
    """The real pipeline (``analyse``), its stages measured through the stage hook."""
    from rapfang.analysis.text.domains import load_domains
    from rapfang.analysis.text.pipeline import AnalysisOptions, Comment, analyse

    domains = load_domains(DOMAINS_FILE)
    records = [Comment(number, text) for number, text in enumerate(comments)]
    result = analyse(records, domains, AnalysisOptions(workers=workers), stage=meter.stage)
    return {
        "groups": len(result.duplicates.groups),
        "in_groups": int((result.duplicates.group_of >= 0).sum()),
        "assigned": int((result.assignment.labels >= 0).sum()),
        "workers": workers,
    }


def run_baseline(comments: list[str], meter: StageMeter, workers: int) -> dict:
    from datasketch import MinHash, MinHashLSH
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import normalize
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    from rapfang.analysis.text.domains import load_domains

    texts = meter.run("normalise", lambda: [normalize(text) for text in comments])
    words = meter.run("segment", lambda: [[w for w in word_tokenize(t, engine="newmm") if w.strip()] for t in texts])

    def dedup():
        lsh, signatures = MinHashLSH(threshold=0.6, num_perm=128), []
        for number, tokens in enumerate(words):
            signature = MinHash(num_perm=128, seed=1)
            shingles = {" ".join(tokens[i : i + 3]) for i in range(max(len(tokens) - 2, 1))}
            signature.update_batch([s.encode() for s in shingles])
            lsh.insert(number, signature)
            signatures.append(signature)
        parent = list(range(len(words)))
        for number, signature in enumerate(signatures):
            for other in lsh.query(signature):
                parent[_find(parent, other)] = _find(parent, number)
        return len({_find(parent, n) for n in range(len(words))})

    distinct = meter.run("dedup", dedup)

    def cluster():
        matrix = TfidfVectorizer(analyzer=lambda tokens: tokens).fit_transform(words)
        return MiniBatchKMeans(n_clusters=20, random_state=0, n_init=3).fit_predict(matrix)

    meter.run("cluster", cluster)
    domains = load_domains(DOMAINS_FILE)
    lexicon = [set(d.vocabulary()) for d in domains]

    def classify():
        return [max(range(len(lexicon)), key=lambda n: len(lexicon[n].intersection(tokens))) for tokens in words]

    meter.run("classify", classify)
    return {"distinct_after_dedup": distinct}


def _find(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def child(pipeline: str, size: int, workers: int) -> None:
    comments = generate(size)
    meter = StageMeter()
    began, cpu = time.perf_counter(), _family_cpu_seconds()
    extra = (run_ours if pipeline == "ours" else run_baseline)(comments, meter, workers)
    meter.figures["total"] = {
        "seconds": time.perf_counter() - began,
        "cpu": _family_cpu_seconds() - cpu,
        "peak_mb": max(figure["peak_mb"] for figure in meter.figures.values()),
    }
    megabytes = sum(len(text.encode()) for text in comments) / 1e6
    print(json.dumps({"figures": meter.figures, "extra": extra, "megabytes": megabytes, "exact_peak": meter.exact}))


def measure(pipeline: str, size: int, workers: int, src: str = "") -> dict:
    command = [sys.executable, __file__, "--child", pipeline, "--sizes", str(size), "--workers", str(workers)]
    command += ["--src", src] if src else []
    # The forkserver imports this script again to start the workers: the variable points it at the same engine.
    environment = {**os.environ, _SRC_VARIABLE: src} if src else None
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(size: int, ours: dict, baseline: dict | None) -> str:
    """A table per size: wall and CPU seconds and peak MB per stage, ours beside the baseline."""
    head = f"{'stage':<10} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}"
    lines = [f"\n== {size:,} comments ({ours['megabytes']:.1f} MB of text) ==", head + " |" + head[10:] + "  cpu x"]
    for stage in (*STAGES, "total"):
        row = f"{stage:<10}" + _cells(ours["figures"][stage])
        if baseline:
            theirs, mine = baseline["figures"][stage], ours["figures"][stage]
            row += " |" + _cells(theirs) + f" {theirs['cpu'] / max(mine['cpu'], 1e-3):>6.1f}"
        lines.append(row)
    lines.append(f"ours: {ours['extra']}" + (f"; baseline: {baseline['extra']}" if baseline else ""))
    return "\n".join(lines)


def _cells(figure: dict) -> str:
    return f" {figure['seconds']:>8.2f} {figure['cpu']:>8.2f} {figure['peak_mb']:>8.0f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated numbers of comments")
    parser.add_argument("--baseline-max", type=int, default=100_000, help="skip the baseline above this size")
    parser.add_argument("--workers", type=int, default=2, help="processes for normalising and segmenting")
    parser.add_argument("--before", default="", help="also measure the engine of this src folder (e.g. main's)")
    parser.add_argument("--src", default="", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=["ours", "baseline"], help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    sizes = [int(size) for size in arguments.sizes.split(",")]
    if arguments.child:
        if arguments.src:
            sys.path.insert(0, arguments.src)
        child(arguments.child, sizes[0], arguments.workers)
        return 0
    load = os.getloadavg()[0]
    print(f"cpus: {os.cpu_count()}, load average at start: {load:.1f}, python {sys.version.split()[0]}")
    for size in sizes:
        ours = measure("ours", size, arguments.workers)
        baseline = measure("baseline", size, 1) if size <= arguments.baseline_max else None
        print(report(size, ours, baseline), flush=True)
        if arguments.before:
            before = measure("ours", size, arguments.workers, arguments.before)
            print(f"-- before (the engine of {arguments.before}) --")
            print(report(size, before, None), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
