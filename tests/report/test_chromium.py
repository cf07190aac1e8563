"""The HTML report in a real headless browser (Debian's ``chromium``), when one is installed.

Run by hand to look at it:

    python -m factcheck report . --as-of 2023-11-22 --tz Asia/Seoul --format html -o report.html
    chromium --headless --no-sandbox --screenshot=shot.png --window-size=1280,2000 \
        file://$PWD/report.html
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import factcheck

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", *args,
        page.resolve().as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _png(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed image data of a PNG file."""
    raw = path.read_bytes()
    assert raw.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", raw[16:24])
    data, offset = b"", 8
    while offset < len(raw):
        (length,) = struct.unpack(">I", raw[offset:offset + 4])
        kind = raw[offset + 4:offset + 8]
        if kind == b"IDAT":
            data += raw[offset + 8:offset + 8 + length]
        offset += 12 + length
    return width, height, zlib.decompress(data)


class TestInBrowser:
    def test_screenshot(self, mini: factcheck.Casebook, tmp_path: Path) -> None:
        """The report renders to a screenshot with content: text, tables, the picture."""
        page = tmp_path / "report.html"
        page.write_text(factcheck.render_report(mini, "2023-11-22", fmt="html"), encoding="utf-8")
        shot = tmp_path / "shot.png"
        result = _chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1280,2000")
        assert shot.exists(), result.stderr
        width, height, pixels = _png(shot)
        assert (1280, 2000) == (width, height)
        assert shot.stat().st_size > 30_000
        # A blank page filters to almost nothing but zero bytes; a report does not.
        assert sum(1 for b in pixels[::97] if b) > len(pixels[::97]) // 50

    def test_hostile_dom_has_no_foreign_elements(self, hostile: factcheck.Casebook,
                                                 tmp_path: Path) -> None:
        """Loaded by the browser, the hostile report's DOM has no foreign script, image or frame."""
        page = tmp_path / "hostile.html"
        page.write_text(factcheck.render_report(hostile, "2023-11-22", fmt="html"),
                        encoding="utf-8")
        result = _chromium(tmp_path, page, "--dump-dom")
        dom = result.stdout.lower()
        assert "<body>" in dom, result.stderr
        for element in ("<img", "<iframe", "<marquee", "<svg onload", "<b>"):
            assert element not in dom
        # Only the page's own two: its data (JSON) and its script.
        assert 2 == dom.count("<script")
        assert "hostile &lt;script&gt;" in dom
