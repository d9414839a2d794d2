"""Take docs/board.png: the board over the demo corpus, as headless Chromium shows it.

    .venv/bin/python docs/screenshot.py [--out docs/board.png]

Ingests demo/articles into a temporary database, runs `airdate serve --today 2026-11-24`
on a free loopback port, opens / at 1280 px wide with the browser's clock at local noon
that day (so the countdowns and tickers read the same on every run), and writes a PNG:
the full page, or its first 1000 px if the page is taller than MAX_HEIGHT.
Needs Debian's chromium at /usr/bin/chromium (Playwright downloads no browser here).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
TODAY = "2026-11-24"
ZONE = "America/New_York"
WIDTH, FIRST, MAX_HEIGHT = 1280, 1000, 4000  # px: viewport width, the cut of a tall page, what counts as tall


def airdate(*args: str) -> list[str]:
    return [sys.executable, "-m", "airdate.cli", *args]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "board.png", help="where to write the PNG")
    out: Path = parser.parse_args().out

    with tempfile.TemporaryDirectory(prefix="airdate-shot-") as tmp:
        db = Path(tmp) / "airdate.db"
        subprocess.run(airdate("ingest", "--db", str(db), str(ROOT / "demo" / "articles")),
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        server = subprocess.Popen(airdate("serve", "--db", str(db), "--port", "0", "--today", TODAY),
                                  stdout=subprocess.PIPE, text=True, cwd=ROOT)
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            found = re.search(r" at (http://\S+/) ", line)
            if not found:
                sys.exit(f"airdate serve did not start: {line!r}")
            shoot(found.group(1), out)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


def shoot(url: str, out: Path) -> None:
    noon = datetime.fromisoformat(TODAY).replace(hour=12, tzinfo=ZoneInfo(ZONE))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # A short viewport: a full-page shot is as tall as the page, with no blank space below it.
        context = browser.new_context(viewport={"width": WIDTH, "height": 600}, timezone_id=ZONE, locale="en-US")
        page = context.new_page()
        page.clock.install(time=noon)
        page.goto(url)
        page.clock.pause_at(noon.replace(minute=1))  # tickers read "… 11:59:00 to go"
        height = page.evaluate("() => document.documentElement.scrollHeight")
        out.parent.mkdir(parents=True, exist_ok=True)
        if height <= MAX_HEIGHT:
            page.screenshot(path=out, full_page=True)
        else:
            page.screenshot(path=out, full_page=True, clip={"x": 0, "y": 0, "width": WIDTH, "height": FIRST})
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
