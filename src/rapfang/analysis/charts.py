"""Horizontal bar charts as numbers for an inline SVG drawn by the template (no JavaScript, no chart library).

Each bar has its label above it and its value after it, so the chart reads without colour; the template adds
a <title> and <desc> for screen readers and the same figures as a table with links to the comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH = 640
ROW = 44  # label line + bar
BAR_TOP = 20
BAR_HEIGHT = 16
VALUE_ROOM = 70  # room after the longest bar for its value


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    link: str = ""
    y_label: int = 0
    y_bar: int = 0
    width: str = "0"
    x_value: str = "0"
    y_value: int = 0


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    total: int = 0


def bar_chart(key: str, title: str, rows: list[tuple[str, int, str]]) -> BarChart:
    """``rows`` are (label, value, link to the comments behind the bar)."""
    largest = max((value for _label, value, _link in rows), default=0)
    span = WIDTH - VALUE_ROOM
    bars = []
    for number, (label, value, link) in enumerate(rows):
        top = number * ROW
        length = span * value / largest if largest else 0.0
        bars.append(
            Bar(
                label=label,
                value=value,
                link=link,
                y_label=top + 14,
                y_bar=top + BAR_TOP,
                width=f"{max(length, 1.0 if value else 0.0):.1f}",
                x_value=f"{length + 6:.1f}",
                y_value=top + BAR_TOP + BAR_HEIGHT - 3,
            )
        )
    total = sum(value for _label, value, _link in rows)
    return BarChart(key=key, title=title, bars=bars, height=max(len(rows) * ROW, ROW), total=total)
