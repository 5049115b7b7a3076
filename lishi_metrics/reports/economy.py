"""The monthly briefing (经济运行分析): a Word note and a PowerPoint deck from the 经济运行 page model.

The numbers, words and statuses are views.economy's (the page's, and through it `periods status`'s), so a figure
cannot differ between the screen and the meeting's documents.
"""

from __future__ import annotations

import io

from lishi_metrics.model import rowwise
from lishi_metrics.reports import images
from lishi_metrics.text.i18n import t
from lishi_metrics.views import economy as ecv

FONT_ZH, FONT_EN = "SimSun", "Calibri"


def _title(page: ecv.EconomyPage, lang: str) -> str:
    when = ecv.period_text(page.as_of, lang) if page.as_of else str(page.year) + ("年" if lang == "zh" else "")
    return t("eco_report_title", lang, when=when)


def _width(frame) -> list[str]:
    return [str(c) for c in frame.columns]


def docx_bytes(page: ecv.EconomyPage, lang: str) -> bytes:
    """The 经济运行分析 note: title, the summary, the table, the method, one chart per indicator."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(18))
    style = doc.styles["Normal"]
    style.font.name = FONT_EN
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT_ZH)
    doc.add_heading(_title(page, lang), level=1)
    if not page.has_periods:
        doc.add_paragraph(t("eco_empty", lang, year=page.year).replace("`", ""))
    if page.summary:
        doc.add_paragraph(page.summary)
    if len(page.table):
        doc.add_heading(t("eco_report_table", lang), level=2)
        table = doc.add_table(rows=1, cols=len(page.table.columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, _width(page.table)):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rowwise.rows(page.table, index=False):
            for cell, value in zip(table.add_row().cells, row):
                cell.text = str(value)
    if page.not_imported:
        doc.add_paragraph(page.not_imported)
    doc.add_paragraph(t("eco_method", lang))
    for _key, spec in page.charts:
        doc.add_picture(io.BytesIO(images.png(spec)), width=Mm(200))
    doc.add_paragraph(t("eco_provenance", lang))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def pptx_bytes(page: ecv.EconomyPage, lang: str) -> bytes:
    """A 16:9 deck: the table slide (both meeting questions), then one chart slide per indicator."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]

    def heading(slide, text: str) -> None:
        box = slide.shapes.add_textbox(Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.9))
        box.text_frame.text = text
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(30)
        box.text_frame.paragraphs[0].runs[0].font.bold = True

    slide = deck.slides.add_slide(blank)
    heading(slide, _title(page, lang))
    note = page.summary or (t("eco_empty", lang, year=page.year).replace("`", "") if not page.has_periods else "")
    if note:
        box = slide.shapes.add_textbox(Inches(0.5), Inches(1.2), Inches(12.3), Inches(0.8))
        box.text_frame.word_wrap = True
        box.text_frame.text = note
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(18)
    if len(page.table):
        rows, cols = len(page.table) + 1, len(page.table.columns)
        shape = slide.shapes.add_table(rows, cols, Inches(0.5), Inches(2.1), Inches(12.3), Inches(0.5) * rows)
        for j, text in enumerate(_width(page.table)):
            shape.table.cell(0, j).text = text
        for i, row in enumerate(rowwise.rows(page.table, index=False), 1):
            for j, value in enumerate(row):
                shape.table.cell(i, j).text = str(value)
        for i in range(rows):
            for j in range(cols):
                for p in shape.table.cell(i, j).text_frame.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(14)
    for _key, spec in page.charts:
        slide = deck.slides.add_slide(blank)
        heading(slide, _title(page, lang))
        slide.shapes.add_picture(io.BytesIO(images.png(spec)), Inches(0.8), Inches(1.3), width=Inches(11.7))
    buf = io.BytesIO()
    deck.save(buf)
    return buf.getvalue()


def document(fmt: str, lang: str, year: int, as_of: str = "") -> bytes:
    """The briefing in `fmt` ('docx' or 'pptx') for `year` up to `as_of` ('' = latest)."""
    page = ecv.build_page(year, as_of, lang)
    return docx_bytes(page, lang) if fmt == "docx" else pptx_bytes(page, lang)
