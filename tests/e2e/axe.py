"""The accessibility check every browser test uses: axe-core (vendored) run in the page for WCAG 2.1 A and AA."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# resultTypes: only the violations get their full details (selectors, summaries); the rules that pass are still run,
# and counted, without them: axe-core's own advice for speed (its API.md, "Performance").
RUN = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))
    .violations.map(
    v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map(
        n => ({target: n.target.map(String), failureSummary: n.failureSummary}))}))"""


@cache
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        lines += [f"    at {' '.join(node['target'])}: {node['failureSummary']}" for node in violation["nodes"]]
    return "\n".join(lines)


def assert_axe_clean(page: Any, label: str) -> None:
    """No WCAG 2.1 A or AA violation on the page as it is now; the report names each with where it is."""
    if not page.evaluate("() => typeof axe === 'object'"):  # once per document: it stays until the page changes
        page.evaluate(axe_source())  # driver-side: the CSP allows no inline script
    violations = page.evaluate(RUN, WCAG_TAGS)
    assert not violations, f"axe found on {label}:\n{axe_report(violations)}"
