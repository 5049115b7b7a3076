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


FULL_ACTUALS = pd.DataFrame({
    "indicator_id": ["fyp14_gdp", "fyp14_gdp", "fyp14_urbanization_rate", "fyp14_forest_cover",
                     *["fyp14_gdp.comparable_growth"] * 5],
    "year": [2021, 2025, 2025, 2023, 2021, 2022, 2023, 2024, 2025],
    "value": [170.0, 226.0, 74.0, 28.0, 7.0, 6.0, 5.0, 4.0, 3.0]})


def _words(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [(float(w), float(h), [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in
                                  _WORD.findall(body)]) for w, h, body in _PAGE.findall(layout)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_printed_deck_keeps_every_word_inside_its_box_and_its_slide(tmp_path, lang):
    """The deck through LibreOffice Impress: every word drawn lies inside the text box or chart it belongs to
    (pdftotext -bbox against the shapes' rectangles), so nothing overflows; the slides go to artifacts/."""
    import pptx

    store.commit_import(os.environ["LISHI_STORE_DIR"], FULL_ACTUALS, by="测试员", file_name="a.csv",
                        sha256="ab" * 32)
    data.reset()
    path = tmp_path / f"deck_{lang}.pptx"
    path.write_bytes(reports.document("pptx", lang))
    pdf = _pdf(path, tmp_path)
    deck = pptx.Presentation(str(path))
    pages = _words(pdf)
    assert len(pages) == len(deck.slides)
    scale = 12700  # EMU per point
    overflow = []
    for number, (slide, (width, height, words)) in enumerate(zip(deck.slides, pages, strict=True), 1):
        assert abs(width - deck.slide_width / scale) < 1 and abs(height - deck.slide_height / scale) < 1
        boxes = [(s.left / scale, s.top / scale, (s.left + s.width) / scale, (s.top + s.height) / scale)
                 for s in slide.shapes if (s.has_text_frame and s.text_frame.text.strip()) or s.has_chart]
        for x0, y0, x1, y1, word in words:
            inside = any(bx0 - 2 <= x0 and x1 <= bx1 + 2 and by0 - 2 <= y0 and y1 <= by1 + 2
                         for bx0, by0, bx1, by1 in boxes)
            if not inside:
                overflow.append((number, word, round(x0), round(y0)))
    assert not overflow, overflow[:20]
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(OUT / f"deck_{lang}")], check=True, timeout=300)
    assert len(list(OUT.glob(f"deck_{lang}-*.png"))) == len(pages)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_printed_report_table_has_no_lone_row_and_no_broken_word(tmp_path, lang):
    """The indicator table through LibreOffice Writer: no page holds a single row of it, English words stay
    whole in their columns, and the GDP row shows its real and nominal growth labelled."""
    store.commit_import(os.environ["LISHI_STORE_DIR"], FULL_ACTUALS, by="测试员", file_name="a.csv",
                        sha256="ab" * 32)
    data.reset()
    path = tmp_path / f"report_rows_{lang}.docx"
    path.write_bytes(reports.document("docx", lang))
    pdf = _pdf(path, tmp_path)
    pages = _words(pdf)
    header = "序号" if lang == "zh" else "No."
    column = next((x0, x1) for _w, _h, words in pages for x0, _y0, x1, _y1, text in words if text == header)
    for number, (_w, _h, words) in enumerate(pages, 1):
        if not any(text == header and abs(x0 - column[0]) < 3 for x0, _y0, _x1, _y1, text in words):
            continue  # not a page of the table (its header row repeats on every page of it)
        rows = [text for x0, _y0, x1, _y1, text in words if text.isdigit() and x0 >= column[0] - 4
                and x1 <= column[1] + 14]
        assert len(rows) >= 2, (number, rows)
    text = " ".join(word for *_, words in pages for *_, word in words)
    if lang == "en":
        assert "Anticipatory" in text and "Binding" in text
        assert not re.search(r"\b(Bindin|Attrib|Anticipat|Anticipato)\b", text)
        assert "(comparable prices, 2021–2025)" in " ".join(text.split()) or "comparable" in text
    else:
        assert "（可比价，2021—2025年）" in text.replace(" ", "") and "（现价/名义）" in text.replace(" ", "")
    assert "北京时间" in text.replace(" ", "") or "Beijing time" in text
