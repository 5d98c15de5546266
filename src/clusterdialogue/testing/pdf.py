"""PDF checks the tests share: the first page renders as a PNG, and the text it holds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="poppler-utils is not installed"
)


def pdf_render_and_text(content: bytes, folder: Path) -> str:
    """Render the first page to PNG (failing on a blank or broken file) and return the text
    of the whole PDF with runs of white space joined (table cells wrap)."""
    pdf = folder / "document.pdf"
    pdf.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(folder / "page")],
        check=True,
    )
    (png,) = folder.glob("page*.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 1000
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    return " ".join(text.stdout.split())
