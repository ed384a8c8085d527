"""axe-core in a Playwright page: the copy bundled with axe-playwright-python."""
from __future__ import annotations

from pathlib import Path

import axe_playwright_python

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
SERIOUS = ("critical", "serious")
# The rules whose outcome depends on the colour scheme: a second scheme re-runs only these.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


def set_scheme(page, scheme: str) -> None:
    """Switch Material's palette the way its toggle does ('default' or 'slate')."""
    page.evaluate("""scheme => {
        if (!document.getElementById('pb-test-no-transitions')) {
            const style = document.createElement('style');  // colours must not be mid-fade
            style.id = 'pb-test-no-transitions';
            style.textContent = '*, *::before, *::after { transition: none !important; }';
            document.head.appendChild(style);
        }
        document.body.setAttribute('data-md-color-scheme', scheme);
        document.body.setAttribute('data-md-color-media',
            scheme === 'slate' ? '(prefers-color-scheme: dark)' : '(prefers-color-scheme: light)');
    }""", scheme)


def violations(page, impacts: tuple[str, ...] = SERIOUS, rules: tuple[str, ...] = ()) -> list[dict]:
    """axe's violations of the given impacts on the loaded page, one dict per rule
    (only ``rules`` when given)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    options = {"resultTypes": ["violations"], **({"runOnly": list(rules)} if rules else {})}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [v for v in result["violations"] if v["impact"] in impacts]


def describe(page_name: str, scheme: str, found: list[dict]) -> list[str]:
    """One readable line per failing node: page, scheme, rule, element, why."""
    lines = []
    for rule in found:
        for node in rule["nodes"]:
            why = " ".join(node.get("failureSummary", "").split())[:240]
            lines.append(f"{page_name} [{scheme}] {rule['id']}: {node['html'][:160]} -- {why}")
    return lines
