"""Screenshots of every public page at 1280 px in headless Chromium: `python -m tests.browser.screenshots`.

Starts `gjj-dash serve --public` on a free port with a copy of the bundled data, waits for /_stcore/health, opens
each page the public deployment registers (read from app.py) and saves docs/screenshots/<page>.png.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from tests.browser import servers

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WIDTH = 1280
MAX_HEIGHT = 16_000  # a very long page is cut here rather than producing a huge file
_PAGE = re.compile(r'page\(\s*"views/([^"]+)\.py",\s*"[^"]+",\s*"([^"]+)"')


def public_pages() -> list[tuple[str, str]]:
    """(file stem, URL path) of every page app.py registers for the public (the staff page is left out); the default
    page by the URL of its twin (/overview), since Streamlit serves the default page's own url_path nowhere."""
    lines = [line for line in (ROOT / "app.py").read_text(encoding="utf-8").splitlines() if "default=True" not in line]
    return [(stem, url) for stem, url in _PAGE.findall("\n".join(lines)) if stem != "admin"]


def settle(page: object) -> None:
    """Wait until the script has finished and every chart has been drawn."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    # The year selector is drawn by app.py itself: until then the sidebar shows Streamlit's placeholder navigation.
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stSelectbox"]', state="attached", timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=60_000,
    )
    charts = page.locator('[data-testid="stPlotlyChart"]').count()
    if charts:
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
                               timeout=60_000)
    page.evaluate("() => document.fonts.ready")
    page.wait_for_timeout(1000)  # plotly's last layout pass


def shoot(page: object, url: str, target: Path) -> None:
    """Open a page, grow the viewport to the page's length (Streamlit scrolls inside stMain), save a PNG."""
    page.set_viewport_size({"width": WIDTH, "height": 900})
    page.goto(url, wait_until="networkidle", timeout=60_000)
    settle(page)
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return Math.max(m ? m.scrollHeight : 0, document.body.scrollHeight); }"
    )
    page.set_viewport_size({"width": WIDTH, "height": min(int(height) + 40, MAX_HEIGHT)})
    settle(page)
    page.screenshot(path=str(target), full_page=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="公开页面截图（1280 像素宽，无头 Chromium）")
    parser.add_argument("--year", default="2016", help="年度（默认 2016）")
    parser.add_argument("--out", type=Path, default=OUT, help="输出目录（默认 docs/screenshots）")
    parser.add_argument("--only", nargs="*", default=None, help="只截这些页面（文件名，如 halls）")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gjj-shots-") as tmp:
        server = servers.start(Path(tmp), "public")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                page = browser.new_page(locale="zh-CN", device_scale_factor=1)
                # Open the entry page once so every screenshot is taken from a warm server.
                page.goto(server.url, wait_until="networkidle", timeout=60_000)
                settle(page)
                for stem, url in public_pages():
                    if args.only and stem not in args.only:
                        continue
                    target = args.out / f"{stem}.png"
                    shoot(page, f"{server.url}/{url}?year={args.year}", target)
                    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
                browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
