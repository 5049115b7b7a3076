"""The final-evaluation report as a Word document, laid out as a government document.

A4; body in 仿宋 (Times New Roman for Latin), headings in 黑体, title in 宋体; page numbers from a PAGE field in the
footer; the indicator table in a landscape section with its header row repeated on every page (w:tblHeader).
Order: title block, 一 总体情况, 二 主要指标完成情况, 三 经济总量, 四 重点项目, 五 数据来源与说明.

Layout rules: column widths are measured (reports.measure) so the longest word of every column fits without a
break; the last rows of a table are kept with the ones before, so no page holds a single row; a title that does
not fit one line breaks where its plan name ends, never inside a word.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from lishi_metrics.charts import builders as charts
from lishi_metrics.reports import images, measure
from lishi_metrics.reports.evaluation import Evaluation
from lishi_metrics.text.i18n import t

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 9
TITLE_PT = 22
# Text widths (mm): landscape A4 less 2 × 25 mm margins, portrait A4 less 28 + 26 mm (GB/T 9704).
LANDSCAPE_TEXT_MM = 247
PORTRAIT_TEXT_MM = 156
CELL_PADDING_PT = 2 * 5.4 + 1  # Word's default cell margins (0.19 cm a side) and the border
PT_PER_MM = 72 / 25.4
KEEP_LAST_ROWS = 3  # the last page of a table holds at least this many rows


def _fonts(run, east_asia: str, size: float | None = None, bold: bool | None = None, colour: str | None = None) -> None:
    """Set a run's Latin and East Asian fonts (Word picks the East Asian one for Chinese characters)."""
    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def _style_defaults(doc, zh: bool) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    # Chinese text marked as zh-CN (LibreOffice then picks the simplified-Chinese face of a CJK font).
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN" if zh else "en-GB")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    normal.paragraph_format.line_spacing = Pt(BODY_PT * 1.8)
    normal.paragraph_format.space_after = Pt(0)


def _a4(section, landscape: bool = False) -> None:
    width, height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    if landscape:
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin = section.right_margin = Mm(25)
    else:  # GB/T 9704 margins for official documents
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)


def _page_number_footer(section, lang: str) -> None:
    """「第 N 页」 / "Page N" centred in the footer, N a PAGE field that Word and LibreOffice fill in."""
    footer = section.footer
    para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    para.text = ""
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = t("rp_page", lang, page="\x00").partition("\x00")
    if before:
        _fonts(para.add_run(before), BODY_FONT, 10.5)
    run = para.add_run()
    _fonts(run, BODY_FONT, 10.5)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)
    if after:
        _fonts(para.add_run(after), BODY_FONT, 10.5)


def _paragraph(doc, text: str, *, font: str = BODY_FONT, size: float = BODY_PT, bold: bool = False,
               align=None, indent: bool = True, colour: str | None = None):
    para = doc.add_paragraph()
    if align is not None:
        para.alignment = align
    if indent:
        para.paragraph_format.first_line_indent = Pt(size * 2)
    _fonts(para.add_run(text), font, size, bold, colour)
    return para


def _heading(doc, text: str) -> None:
    para = _paragraph(doc, text, font=HEADING_FONT, size=BODY_PT + 2, indent=True)
    para.paragraph_format.space_before = Pt(6)
    para.paragraph_format.keep_with_next = True


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _no_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _set_cell(cell, text: str, *, bold: bool = False, colour: str | None = None, align=None,
              size: float = TABLE_PT, font: str = BODY_FONT, width_pt: float | None = None) -> None:
    para = cell.paragraphs[0]
    para.paragraph_format.first_line_indent = Pt(0)
    para.paragraph_format.line_spacing = 1.0
    if align is not None:
        para.alignment = align
    if width_pt is not None and _cell_pt(text, size, bold, font)[1] > width_pt:
        text = _BEFORE_BRACKET.sub("\n", text)  # python-docx writes the line break as <w:br/>
    _fonts(para.add_run(text), font, size, bold, colour)


# A cell too narrow for 「完成市任务（2025）」 or 「滞后（2023年）」 breaks before the bracket that follows Chinese:
# LibreOffice otherwise breaks inside the bracketed year (（202 / 5）, （20 / 23年）).
_BEFORE_BRACKET = re.compile(r"(?<=[\u4e00-\u9fff])(?=[（(])")

SHORT_WORD = 6  # a Chinese cell of up to six characters is one word (约束性, 待评估, 基本符合预期): never broken


def _cell_pt(text: str, size: float, bold: bool, font: str) -> tuple[float, float]:
    """(longest unbreakable piece, whole widest line) of a cell's text in points."""
    latin, cjk = "serif_latin", "sans_cjk" if font == HEADING_FONT else "serif_cjk"
    longest = measure.longest_token(text, size, latin, cjk, bold)
    for line in text.split("\n"):
        if len(line.strip()) <= SHORT_WORD and any(measure.is_cjk(ch) for ch in line):
            longest = max(longest, measure.width(line.strip(), size, latin, cjk, bold))
    whole = max((measure.width(line, size, latin, cjk, bold) for line in text.split("\n")), default=0.0)
    return longest, whole


def column_widths(header: list[str], rows: list[list[str]], total_mm: float, size: float = TABLE_PT) -> list[float]:
    """Column widths (mm) that add up to `total_mm`: each at least its longest word (so no word breaks), the
    rest shared by how much more each column's longest line wants.

    Raises:
        ValueError: the longest words alone do not fit `total_mm` (the caller lowers the font size).
    """
    need, want = [], []
    for i, head in enumerate(header):
        cells = [(head, True, HEADING_FONT)] + [(r[i], False, BODY_FONT) for r in rows]
        sizes = [_cell_pt(text, size, bold, font) for text, bold, font in cells]
        need.append(max(s[0] for s in sizes) + CELL_PADDING_PT)
        # A header may wrap; a cell's natural line counts fully.
        want.append(max([sizes[0][0]] + [s[1] for s in sizes[1:]]) + CELL_PADDING_PT)
    total = total_mm * PT_PER_MM
    if sum(need) > total:
        raise ValueError(f"the longest words need {sum(need) / PT_PER_MM:.0f} mm, {total_mm} mm are available")
    extra = [max(w - n, 0.0) for w, n in zip(want, need, strict=True)]
    spare = total - sum(need)
    if sum(extra) <= spare:  # every line fits: share what is left in proportion to the widths
        widths = [w + (spare - sum(extra)) * w / sum(want) for w in want]
    else:
        widths = [n + spare * e / sum(extra) for n, e in zip(need, extra, strict=True)]
    return [w / PT_PER_MM for w in widths]


def fitting_table(header: list[str], rows: list[list[str]], total_mm: float) -> tuple[list[float], float]:
    """Column widths and the largest table font size (TABLE_PT, then smaller by half points to 7.5) at which
    every column's longest word fits."""
    size = TABLE_PT
    while True:
        try:
            return column_widths(header, rows, total_mm, size), size
        except ValueError:
            if size <= 7.5:
                raise
            size -= 0.5


def title_lines(title: str, label: str, width_mm: float = PORTRAIT_TEXT_MM, size: float = TITLE_PT) -> list[str]:
    """The title on one line when it fits, else broken where the plan's name ends or begins: 「“十四五”规划
    （2021—2025年）」 / 「实施情况终期评估报告」, never inside a word."""
    fits = measure.width(title, size, "serif_latin", "serif_cjk", True) <= width_mm * PT_PER_MM
    at = title.find(label) if label else -1
    if fits or at < 0:
        return [title]
    cut = at + len(label) if at == 0 else at
    return [part.strip() for part in (title[:cut], title[cut:]) if part.strip()]


def _keep_with_next(row) -> None:
    for cell in row.cells:
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True


def _table(doc, header: list[str], rows: list[list[str]], total_mm: float,
           colours: list[dict[int, str]] | None = None, center: tuple[int, ...] = ()):
    """A bordered table, header row repeated on each page, rows never split across pages, the last
    KEEP_LAST_ROWS rows kept together (no page with a single row), columns as wide as their words need."""
    widths_mm, size = fitting_table(header, rows, total_mm)
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    head = table.rows[0]
    _repeat_header(head)
    for i, text in enumerate(header):
        _set_cell(head.cells[i], text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, font=HEADING_FONT, size=size)
        _shade(head.cells[i], "E7ECF3")
    for n, values in enumerate(rows):
        row = table.add_row()
        _no_split(row)
        for i, text in enumerate(values):
            colour = (colours[n].get(i) if colours else None)
            _set_cell(row.cells[i], text, colour=colour, bold=bool(colour),
                      align=WD_ALIGN_PARAGRAPH.CENTER if i in center else None, size=size,
                      width_pt=widths_mm[i] * PT_PER_MM - CELL_PADDING_PT)
    for row in table.rows[1:][-KEEP_LAST_ROWS:-1]:
        _keep_with_next(row)
    # Both the grid and every cell carry the widths: Word reads the cells, LibreOffice the grid.
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
    for row in table.rows:
        for i, width in enumerate(widths_mm):
            row.cells[i].width = Mm(width)
    return table


def _gdp_png(ev: Evaluation) -> bytes:
    """The big screen's GDP chart (same data: from the previous plan's base year to the latest actual, plan path, target) in the light theme."""
    s = ev.gdp_chart
    chart = charts.indicator_path_chart(s.data, s.target_year, s.target_value, s.title, s.y_title, dict(s.labels),
                                        height=s.height).properties(width=s.width)
    return images.png(chart)


def build(ev: Evaluation) -> bytes:
    """The .docx bytes of an evaluation."""
    lang = ev.lang
    doc = Document()
    _style_defaults(doc, lang == "zh")
    section = doc.sections[0]
    _a4(section)
    _page_number_footer(section, lang)

    # Title block
    for line in title_lines(ev.title, ev.plan_label):
        _paragraph(doc, line, font=TITLE_FONT, size=TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                   indent=False)
    for line in ev.header_lines():
        _paragraph(doc, line, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(doc, t("rp_generated_by", lang), size=10.5, indent=False, colour="#555555")

    _heading(doc, t("rp_h_overall", lang))
    for text in ev.overall:
        _paragraph(doc, text)

    # 二、主要指标完成情况 in a landscape section: ten columns need the width.
    table_section = doc.add_section(WD_SECTION.NEW_PAGE)
    _a4(table_section, landscape=True)
    _heading(doc, t("rp_h_indicators", lang))
    _paragraph(doc, ev.table_intro, size=11).paragraph_format.keep_with_next = True
    frame = ev.table(nominal_column=False)
    cells = frame.astype(str).values.tolist()
    growth_col = list(frame.columns).index(t("rp_col_actual_growth", lang))
    for values, row in zip(cells, ev.rows, strict=True):
        if row.nominal_growth:  # the current-price growth below the real one, labelled, in the same cell
            values[growth_col] = f"{values[growth_col]}\n{row.nominal_growth}"
    status_col = len(frame.columns) - 1
    _table(doc, list(frame.columns), cells, LANDSCAPE_TEXT_MM,
           colours=[{status_col: r.colour} for r in ev.rows], center=(0, 2, 3, status_col))

    back = doc.add_section(WD_SECTION.NEW_PAGE)
    _a4(back)
    _heading(doc, t("rp_h_gdp", lang))
    if ev.gdp_chart is not None:  # none for a plan without a GDP level: gdp_text says what is missing
        doc.add_picture(io.BytesIO(_gdp_png(ev)), width=Mm(150))
        picture = doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.line_spacing = 1.0  # an exact line height would clip the picture to one line
        _paragraph(doc, ev.gdp_caption, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    for text in ev.gdp_text:
        _paragraph(doc, text)

    _heading(doc, t("rp_h_projects", lang))
    if ev.has_projects:
        _paragraph(doc, t("rp_projects_intro", lang, n=ev.project_total))
        _table(doc, [t(k, lang) for k in ("rp_col_sector", "rp_col_tables", "rp_col_projects", "rp_col_examples")],
               [[p.sector, p.tables, str(p.count), p.examples] for p in ev.projects], PORTRAIT_TEXT_MM, center=(2,))
    else:  # another plan than the 14th: its projects are not in the data, and the report says so
        _paragraph(doc, ev.projects_unavailable)

    _heading(doc, t("rp_h_sources", lang))
    for text in ev.sources:
        _paragraph(doc, text)
    if ev.not_evaluated:
        _paragraph(doc, t("rp_not_evaluated", lang))
        for text in ev.not_evaluated:
            _paragraph(doc, text)
    for text in ev.notes:
        _paragraph(doc, text)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
