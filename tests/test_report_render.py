"""Slow: the Word report converted by LibreOffice to PDF and rendered by pdftoppm, as a reader would print it.

Checks what can be checked by machine (every word inside its page, CJK fonts embedded, the headings drawn as
text); the page images are written to artifacts/report/ to be looked at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from lishi_metrics.actuals import store
from lishi_metrics.data import db as data
from lishi_metrics.reports import build as reports

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "artifacts" / "report"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdftotext")),
                       reason="needs LibreOffice (libreoffice-writer-nogui) and poppler-utils"),
]

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def _pdf(docx_path: Path, tmp_path: Path) -> Path:
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx_path)], check=True, capture_output=True, timeout=600)
    return tmp_path / (docx_path.stem + ".pdf")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_printed_report_fits_its_pages_and_draws_chinese(tmp_path, lang):
    frame = pd.DataFrame({"indicator_id": ["fyp14_gdp", "fyp14_urbanization_rate", "fyp14_forest_cover"],
                          "year": [2025, 2025, 2023], "value": [260.0, 74.0, 28.0]})
    store.commit_import(os.environ["LISHI_STORE_DIR"], frame, by="测试员", file_name="a.csv", sha256="ab" * 32)
    data.reset()
    docx_path = tmp_path / f"report_{lang}.docx"
    docx_path.write_bytes(reports.document("docx", lang))
    pdf = _pdf(docx_path, tmp_path)
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = _PAGE.findall(layout)
    assert len(pages) >= 3
    for number, (width, height, body) in enumerate(pages, 1):
        for _x0, _y0, x1, y1, word in _WORD.findall(body):
            # Nothing runs off the paper (a table wider than its page would): every word inside the page.
            assert float(x1) <= float(width) - 20 and float(y1) <= float(height), (number, word)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    # A table cell may wrap a name onto two lines ("Gross domestic / product"): compare with spaces only.
    text = " ".join(text.split())
    heading = "二、主要指标完成情况" if lang == "zh" else "2. Main indicators"
    assert heading in text and ("地区生产总值" in text if lang == "zh" else "Gross domestic product" in text)
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "CJK" in fonts  # Chinese drawn with the installed Noto CJK fonts, not boxes
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(OUT / f"report_{lang}")], check=True, timeout=300)
    assert len(list(OUT.glob(f"report_{lang}-*.png"))) == len(pages)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_printed_report_of_another_plan_fits_its_pages_and_shows_its_own_numbers(tmp_path, lang):
    """A synthetic 15th plan (base 2025, targets 2030): its targets printed, the 14th plan's nowhere."""
    from test_plan_workbook import fyp15_frames, import_frames

    assert import_frames(fyp15_frames(), tmp_path, "fyp15.xlsx") == 0
    frame = pd.DataFrame({"indicator_id": ["fyp15_gdp"], "year": [2027], "value": [310.0]})
    store.commit_import(os.environ["LISHI_STORE_DIR"], frame, by="测试员", file_name="a.csv", sha256="ab" * 32)
    data.reset()
    docx_path = tmp_path / f"report_fyp15_{lang}.docx"
    docx_path.write_bytes(reports.document("docx", lang, "fyp15"))
    pdf = _pdf(docx_path, tmp_path)
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = _PAGE.findall(layout)
    assert len(pages) >= 3
    for number, (width, height, body) in enumerate(pages, 1):
        for _x0, _y0, x1, y1, word in _WORD.findall(body):
            assert float(x1) <= float(width) - 20 and float(y1) <= float(height), (number, word)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert ("360（2030）" if lang == "zh" else "CNY 36 bn (2030)") in text
    assert "255" not in text and ("2025年目标" if lang == "zh" else "2025 target") not in text
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(OUT / f"report_fyp15_{lang}")], check=True,
                   timeout=300)
