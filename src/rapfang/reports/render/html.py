"""The report as one self-contained HTML file: Sarabun embedded, charts as inline SVG, the whole annex.

The parts before and after the annex come from the template `reports/document/report.html`; the annex's rows
are written here, straight to the file, because a template would take minutes for 100,000 of them.
The same document, with the annex capped and the fonts left to WeasyPrint, is the PDF's source.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from functools import cache
from html import escape
from typing import Any, BinaryIO

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rapfang.analysis.charts import bar_chart
from rapfang.core.pdf import FONT_STACK, SARABUN_DIR
from rapfang.reports.annex import AnnexRow
from rapfang.reports.content import Progress, ReportContent
from rapfang.reports.participation import Chart

ANNEX_MARKER = "<!--annex-rows-->"
FLUSH_ROWS = 500  # rows written (and progress told) at a time
BLOCK_MEMBERS = 50  # members of a campaign the PDF lists by receipt number (a campaign may have thousands)
EMBEDDED = {("thai", "400"), ("thai", "700"), ("latin", "400"), ("latin", "700")}

_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_URL = re.compile(r'url\("files/sarabun-(?P<subset>[a-z-]+?)-(?P<weight>\d+)-normal\.woff2"\)')


@cache
def embedded_fonts() -> str:
    """@font-face rules for Sarabun's Thai and Latin files (regular and bold) as data: URLs."""
    css = (SARABUN_DIR / "sarabun.css").read_text(encoding="utf-8")
    rules = []
    for rule in _FACE.findall(css):
        match = _URL.search(rule)
        if match is None or (match["subset"], match["weight"]) not in EMBEDDED:
            continue
        data = (SARABUN_DIR / "files" / f"sarabun-{match['subset']}-{match['weight']}-normal.woff2").read_bytes()
        url = f'url("data:font/woff2;base64,{base64.b64encode(data).decode("ascii")}")'
        rules.append(rule.replace(match[0], url))
    return "\n".join(rules)


def document_parts(content: ReportContent, *, for_pdf: bool, annex_shown: int) -> tuple[str, str]:
    """The document before and after the annex's rows."""
    charts = [_chart_context(chart) for chart in content.charts]
    context = {
        "c": content,
        "for_pdf": for_pdf,
        "fonts": "" if for_pdf else embedded_fonts(),
        "font_stack": FONT_STACK if for_pdf else '"Sarabun", "Noto Sans Thai", "Tahoma", sans-serif',
        "svg_font": FONT_STACK.replace('"', "'") if for_pdf else "Sarabun, 'Noto Sans Thai', Tahoma, sans-serif",
        "registration_charts": charts[: len(content.participation.registration_charts)],
        "comment_charts": charts[len(content.participation.registration_charts) :],
        "annex_marker": ANNEX_MARKER,
        "annex_total": content.fmt.num(content.annex_total),
        "annex_more": content.fmt.num(max(content.annex_total - annex_shown, 0)),
        "annex_capped": annex_shown < content.annex_total,
        "annex_empty": content.annex_total == 0,
    }
    head, _marker, tail = render_to_string("reports/document/report.html", context).partition(ANNEX_MARKER)
    return head, tail


def _chart_context(chart: Chart) -> dict[str, Any]:
    geometry = bar_chart(chart.key, chart.title, [(bar.label, bar.value, "") for bar in chart.bars])
    return {"chart": chart, "geometry": geometry, "pairs": list(zip(geometry.bars, chart.bars, strict=True))}


def annex_row_html(row: AnnexRow, campaign_label: str) -> str:
    """One comment of the annex as table rows: its own, and one listing its campaign's other members.

    `campaign_label` says how many other members the campaign has.
    """
    language = "" if row.language == "th" else f' lang="{escape(row.language)}"'
    who = escape(row.stakeholder) + (f"<br>{escape(row.organisation)}" if row.organisation else "")
    text = escape(row.text).replace("\n", "<br>")
    html = (
        f'<tr><td class="receipt">{escape(row.receipt)}<br>{escape(row.date)}</td><td>{who}<br>'
        f'<span class="muted">{escape(row.channel)}</span></td><td class="where">{escape(row.where)}</td>'
        f'<td class="text"{language}>{text}</td><td class="issues">{escape(row.issues)}</td></tr>\n'
    )
    if row.campaign:
        receipts = escape(", ".join(row.campaign))
        html += f'<tr class="campaign"><td colspan="5">{escape(campaign_label)}: {receipts}</td></tr>\n'
    return html


def annex_entry_html(row: AnnexRow, campaign_label: str, issues_label: str) -> str:
    """One comment of the annex as a block (the PDF's layout: quicker to lay out and denser than a table).

    A large campaign's members are cut to the first `BLOCK_MEMBERS`, and `campaign_label` says where the rest are.
    """
    language = "" if row.language == "th" else f' lang="{escape(row.language)}"'
    meta = [row.receipt, row.date, row.stakeholder, row.organisation, row.channel, row.where]
    if row.issues:
        meta.append(f"{issues_label} {row.issues}")
    text = escape(row.text).replace("\n", "<br>")
    html = f'<div class="entry"><p class="meta">{escape(" · ".join(part for part in meta if part))}</p>'
    html += f'<p class="text"{language}>{text}</p>'
    if row.campaign:
        receipts = ", ".join(row.campaign[:BLOCK_MEMBERS]) + (" …" if len(row.campaign) > BLOCK_MEMBERS else "")
        html += f'<p class="members">{escape(campaign_label)}: {escape(receipts)}</p>'
    return html + "</div>\n"


def annex_html(content: ReportContent, limit: int | None = None, *, blocks: bool = False) -> Iterator[str]:
    """The annex's rows as HTML: table rows, or blocks for the PDF."""
    label = _("%(count)s more in the same campaign, by receipt number")
    first = _(
        "%(count)s more in the same campaign; the first %(shown)s by receipt number (all of them are in the HTML, "
        "DOCX and XLSX files)"
    )
    issues_label = _("Issues")
    shown = content.fmt.num(BLOCK_MEMBERS)
    for row in content.annex(limit=limit):
        count = content.fmt.num(len(row.campaign))
        if blocks and len(row.campaign) > BLOCK_MEMBERS:
            yield annex_entry_html(row, first % {"count": count, "shown": shown}, issues_label)
        elif blocks:
            yield annex_entry_html(row, label % {"count": count}, issues_label)
        else:
            yield annex_row_html(row, label % {"count": count})


def render_html(content: ReportContent, out: BinaryIO, progress: Progress) -> None:
    total = content.annex_total + 2
    head, tail = document_parts(content, for_pdf=False, annex_shown=content.annex_total)
    out.write(head.encode("utf-8"))
    progress(1, total)
    buffer: list[str] = []
    done = 0
    for done, row in enumerate(annex_html(content), start=1):
        buffer.append(row)
        if len(buffer) >= FLUSH_ROWS:
            out.write("".join(buffer).encode("utf-8"))
            buffer.clear()
            progress(done + 1, total)
    out.write("".join(buffer).encode("utf-8"))
    out.write(tail.encode("utf-8"))
    progress(total, total)
