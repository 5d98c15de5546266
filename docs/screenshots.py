"""Screenshots of the main pages at 1,400 and 390 pixels, for the README and docs/.

Run it against a served platform (``make run`` in another shell)::

    .venv/bin/python docs/screenshots.py --base http://127.0.0.1:8000 --out docs/screenshots \
        [--login secretariat:PASSWORD] [--login manager:PASSWORD]

Every page is taken at a desktop width (1,400 px) and a phone width (390 px); the script also
prints how wide each page renders, so a page wider than the phone's screen shows at once. Signed-in
pages (the role homes, the pipeline) are taken for every ``--login`` given. It drives Debian's
Chromium, never a browser downloaded by Playwright.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from clusterdialogue.testing.browser import CHROMIUM, CHROMIUM_ARGS

SETTLE_MS = 1500
WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}
PUBLIC_PAGES = {
    "home": "/",
    "map": "/map/",
    "region": "/regions/DE1/",
    "categories": "/categories/",
    "compare": "/compare/?r=DE1&r=FRK&r=ES51&r=ITC4",
    "growth": "/statistics/regions/DE1/growth/",
    "smart-specialisation": "/analytics/network/",
    "directory": "/clusters/",
    "board": "/collaboration/board/",
    "calls": "/collaboration/calls/",
    "network": "/collaboration/network/",
    "search": "/search/?q=automotive",
}
SIGNED_IN_PAGES = {"home": "/accounts/", "pipeline": "/collaboration/pipeline/"}


def _first_profile(page: Page, base: str) -> str | None:
    """The path of the directory's first cluster profile (real data differ between loads)."""
    page.goto(f"{base}/clusters/")
    for href in page.eval_on_selector_all("a[href^='/clusters/']", "els => els.map(e => e.href)"):
        if re.search(r"/clusters/[a-z0-9-]+/$", href) and "/changes/" not in href:
            return href.removeprefix(base)
    return None


def _shoot(page: Page, base: str, path: str, out: Path, name: str) -> None:
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{base}{path}", wait_until="networkidle")
        # Leaflet and Plotly draw after the last request has finished.
        page.wait_for_timeout(SETTLE_MS)
        rendered = page.evaluate("document.documentElement.scrollWidth")
        target = out / f"{name}-{label}.jpg"
        page.screenshot(path=str(target), type="jpeg", quality=70)
        flag = "" if rendered <= width else f"  WIDER THAN THE SCREEN ({rendered} px)"
        print(f"{target}  {width} px screen, page {rendered} px{flag}")


def _sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--login", action="append", default=[], metavar="USER:PASSWORD")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page()
        pages = dict(PUBLIC_PAGES)
        profile = _first_profile(page, options.base)
        if profile:
            pages["profile"] = profile
        for name, path in pages.items():
            _shoot(page, options.base, path, options.out, name)
        for login in options.login:
            username, _, password = login.partition(":")
            context = browser.new_context()
            signed_in = context.new_page()
            _sign_in(signed_in, options.base, username, password)
            for name, path in SIGNED_IN_PAGES.items():
                _shoot(signed_in, options.base, path, options.out, f"{name}-{username}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
