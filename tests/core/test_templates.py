"""Template comments: Django's `{# … #}` holds on one line only; one that runs on is printed on the page as text."""

from __future__ import annotations

from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "rapfang"
TEMPLATES = sorted(path for suffix in ("html", "txt") for path in SOURCE.glob(f"**/templates/**/*.{suffix}"))


def unclosed_comments(text: str) -> list[int]:
    """The numbers of the lines that open a one-line comment and do not close it."""
    return [number for number, line in enumerate(text.splitlines(), 1) if "{#" in line.split("#}")[-1]]


def test_a_comment_running_on_to_the_next_line_is_found():
    assert unclosed_comments("{# one line #}\n<p>{# runs on\n to here #}</p>") == [2]


def test_every_template_closes_its_one_line_comments_on_the_same_line():
    assert TEMPLATES
    found = {str(path.relative_to(SOURCE)): lines for path in TEMPLATES
             if (lines := unclosed_comments(path.read_text(encoding="utf-8")))}  # fmt: skip
    assert not found, f"use {{% comment %}} for a comment of several lines: {found}"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/", "/accounts/login/"])
def test_the_pages_show_no_template_comment(client, path):
    page = client.get(path).content.decode()
    assert "{#" not in page and "htmx reads the first" not in page
