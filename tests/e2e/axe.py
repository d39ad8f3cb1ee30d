"""Accessibility check of the page in the browser with axe-core (from node_modules).

The app's Content-Security-Policy allows scripts from its own origin only, so a <script>
tag with axe's source (page.add_script_tag(content=...)) could be blocked. page.evaluate
runs through the DevTools protocol, which CSP does not restrict, so axe is loaded that way.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from playwright.sync_api import Page

from .helpers import REPO_ROOT

AXE_PATH = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

# Returns a compact, JSON-safe summary of every violation.
_RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((node) => node.target.join(' ')),
  }));
}
"""


@cache
def _axe_source() -> str:
    if not AXE_PATH.is_file():
        raise FileNotFoundError(f"{AXE_PATH} is missing: run `make install` (npm ci) first.")
    return AXE_PATH.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """All WCAG 2.1 A/AA violations axe finds on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    violations: list[dict[str, Any]] = page.evaluate(_RUN_AXE, WCAG_TAGS)
    return violations


def assert_no_serious_axe_violations(page: Page) -> list[dict[str, Any]]:
    """Fail listing every serious or critical violation; return all violations found."""
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"{len(blocking)} serious/critical axe violation(s) on {page.url}:"]
        for v in blocking:
            targets = ", ".join(v["targets"][:3])
            more = f" (+{len(v['targets']) - 3} more)" if len(v["targets"]) > 3 else ""
            lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} -> {targets}{more}")
        raise AssertionError("\n".join(lines))
    return violations
