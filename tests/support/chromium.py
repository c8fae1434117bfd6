"""Headless Debian Chromium driven by Playwright (which cannot download its own browsers here)."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing: run .ci/run or apt-get install chromium chromium-driver"
    return None


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
# What a colour scheme can change; the other rules give the same answer in light and dark.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def install_axe(context) -> None:
    """Load axe-core into every page and frame of the context, before the site's own scripts.

    An init script is not subject to the page's CSP (`script-src 'self'` forbids injected
    tags), and it also reaches the embeds framed by the widget configurator.
    """
    context.add_init_script(path=str(AXE_SCRIPT))


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    """Run axe-core (all rules, or only `rules`) on a page of a context given install_axe."""
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    return page.evaluate(
        """async (options) => (await axe.run(document, options)).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.map(n => n.target.join(" "))}))""",
        options,
    )
