"""Rows of a formset that staff add, remove and reorder without JavaScript.

Each button submits the whole form with `row=<action>`: `add`, or `up-<n>`, `down-<n>`, `remove-<n>` for the row
numbered n from 0. The page is drawn again with the rows rearranged and everything typed kept; nothing is saved
until the form's own save button is pressed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

ROW_ACTION = re.compile(r"(up|down|remove)-(\d{1,4})")
MAX_ROWS = 200


def posted_rows(data: Mapping[str, Any], prefix: str, names: Iterable[str]) -> list[dict[str, Any]]:
    """The rows of formset `prefix` as typed, in order, each a dict of its fields' raw values."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS") or 0), MAX_ROWS)
    except ValueError:
        total = 0
    fields = list(names)
    return [{name: data.get(f"{prefix}-{number}-{name}", "") for name in fields} for number in range(total)]


def rows_rearranged(rows: list[dict[str, Any]], action: str) -> tuple[list[dict[str, Any]], int | None]:
    """The rows after `action`, and the number of the row to bring into view (None: none)."""
    rows = list(rows)
    if action == "add":
        return [*rows, {}][:MAX_ROWS], min(len(rows), MAX_ROWS - 1)
    match = ROW_ACTION.fullmatch(action)
    if match is None or not 0 <= (number := int(match[2])) < len(rows):
        return rows, None
    verb = match[1]
    if verb == "remove":
        del rows[number]
        return rows, min(number, len(rows) - 1) if rows else None
    other = number - 1 if verb == "up" else number + 1
    if not 0 <= other < len(rows):
        return rows, number
    rows[number], rows[other] = rows[other], rows[number]
    return rows, other
