#!/usr/bin/env python3
"""Take the README's screenshot: `ilkg viz` around IL-17A and secukinumab, in headless Chromium.

Usage: .venv/bin/python scripts/screenshot.py [OUT.png]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "ilkg-il17a.png"
    ilkg = str(Path(sys.executable).with_name("ilkg"))
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "il17a.html"
        subprocess.run(
            [ilkg, "viz", "IL-17A", "secukinumab", "--depth", "1", "-o", str(page_path)], check=True
        )
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            page.goto(page_path.as_uri())
            page.wait_for_function("window.ilkgDrawnAt !== undefined")
            page.fill("#search", "IL-17A")
            page.dispatch_event("#search", "change")
            page.evaluate("window.ilkgNetwork.fit()")
            page.wait_for_timeout(300)
            page.screenshot(path=str(out))
            browser.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
