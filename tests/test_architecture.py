"""Imports run one way, the text-processing modules stay plain Python, and Thai text has one home (`core/thai`).

core ← accounts ← consultations ← documents ← {hearings, comments} ← questionnaires ← analysis ← reports ←
{portal, workspace} ← api; demo and cli sit on top of everything, and nothing imports them.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "rapfang"
LAYERS = [
    {"core"},
    {"accounts"},
    {"consultations"},
    {"documents"},
    {"hearings", "comments"},
    {"questionnaires"},
    {"analysis"},
    {"reports"},
    {"participation"},
    {"portal", "workspace"},
    {"api"},
    {"demo"},
]
PLAIN_PYTHON = [
    "core/thai",
    "core/windows.py",
    "core/when.py",
    "core/redact.py",
    "core/salutation.py",
    "analysis/text",
]


def _level(app: str) -> int | None:
    return next((index for index, layer in enumerate(LAYERS) if app in layer), None)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _app_modules() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(SRC).parts[0], path)
        for path in SRC.rglob("*.py")
        if len(path.relative_to(SRC).parts) > 1 and "migrations" not in path.parts
    ]


@pytest.mark.parametrize(("app", "path"), _app_modules(), ids=lambda value: str(value))
def test_an_app_imports_only_apps_below_it(app, path):
    level = _level(app)
    if level is None:
        return
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] != "rapfang" or len(parts) < 2:
            continue
        other = _level(parts[1])
        if other is None:
            assert parts[1] not in {"cli"}, f"{path.relative_to(SRC)} imports {name}"
            continue
        same_layer_sibling = other == level and parts[1] != app
        assert other <= level and not same_layer_sibling, f"{path.relative_to(SRC)} imports {name}"


@pytest.mark.parametrize("relative", PLAIN_PYTHON)
def test_text_processing_has_no_django(relative):
    target = SRC / relative
    for path in [target] if target.is_file() else sorted(target.rglob("*.py")):
        django = {name for name in _imports(path) if name.split(".")[0] == "django"}
        assert not django, f"{path.relative_to(SRC)} imports {sorted(django)}"


# The one Thai text stack: only `core/thai` may use the Thai language libraries; everything else asks it.
THAI_LIBRARIES = {"nlpo3", "pythainlp", "attacut", "deepcut", "pythaiword"}
THAI_PACKAGE = SRC / "core" / "thai"


def _all_imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(("app", "path"), _app_modules(), ids=lambda value: str(value))
def test_only_the_thai_package_uses_thai_language_libraries(app, path):
    if THAI_PACKAGE in path.parents:
        return
    used = {name for name in _all_imports(path) if name.split(".")[0] in THAI_LIBRARIES}
    assert not used, f"{path.relative_to(SRC)} imports {sorted(used)}: use rapfang.core.thai instead"


THAI_PACKAGE_FUNCTIONS = {"normalise", "normalise_text", "search_form", "analysis_form", "split", "segment",
                          "segment_text", "words_file", "load_dictionary", "to_thai_digits", "to_arabic_digits",
                          "romanize", "index_terms", "is_word"}  # fmt: skip


def test_no_second_thai_stack_beside_the_package():
    """No module outside `core/thai` defines what the package does (normal forms, the segmenter, digits)."""
    defined = []
    for _app, path in _app_modules():
        if THAI_PACKAGE in path.parents:
            continue
        functions = [node.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(node, ast.FunctionDef)]  # fmt: skip
        defined += [
            f"{path.relative_to(SRC)}:{name}" for name in functions if name.lstrip("_") in THAI_PACKAGE_FUNCTIONS
        ]
    assert defined == []


# Loaded where they are used, not by every process: the analysis engine (the job worker, the CLI, the pages that
# compare a campaign's texts), numpy and SciPy (comparing a draft's versions), spreadsheets, calendars, the QR
# decoder and Pillow, and boto3 (a site configured for S3). Each costs every process start time and memory.
LOADED_WHERE_USED = ("sklearn", "numpy", "scipy", "openpyxl", "icalendar", "zxingcpp", "PIL", "boto3", "botocore")


def test_a_web_process_does_not_load_the_analysis_engine_or_other_heavy_libraries():
    """Loading the site (the URLconf, every view, the warm-up) leaves the libraries above unloaded."""
    code = (
        "import sys, django; django.setup(); from rapfang.core.warmup import process_warm; process_warm(); "
        "print(sorted({name.split('.')[0] for name in sys.modules}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rapfang.settings"}
    env.pop("RAPFANG_S3_BUCKET", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    loaded = set(ast.literal_eval(done.stdout.strip()))
    assert "rapfang" in loaded
    assert loaded.isdisjoint(LOADED_WHERE_USED), sorted(loaded.intersection(LOADED_WHERE_USED))
