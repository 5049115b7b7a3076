"""The one CSV/XLSX writer: tables (or any DataFrames) as CSV or one workbook, safe to open in Excel or WPS.

Every text cell a spreadsheet would run as a formula (starts with = + - @, tab or carriage return) is
neutralised, headers included, and no other: in CSV with a leading ' (actuals.fileio.neutralise; issue 15.3); in
XLSX as a text cell with Excel's quote prefix (the apostrophe Excel itself shows in the edit bar, not part of the
value). Numbers stay numbers: a workbook gives them the number formats a caller names (the precision shown), so a
cell holds 172.40851 and shows 172.4. A CSV always starts with its header row (pandas and Excel read it as it is:
csv_bytes takes no title); a workbook's sheets carry a title line and a source line above the table when a title is given, set column widths
and end with an "about" sheet in the reader's language. Files are written with the one atomic writer
(actuals.fileio.atomic_write).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from lishi_metrics.actuals import fileio
from lishi_metrics.config import TABLES
from lishi_metrics.data import db as data

# Where every number comes from, in the reader's language (no internal file names or types).
SOURCE_NOTE = {
    "zh": "来源：《吕梁市离石区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》（离政发〔2021〕11号），"
          "逐项人工转录并注明出处（专栏或章节及原文）；实际值为用户导入的年度数据。",
    "en": "Source: Outline of the 14th Five-Year Plan for the National Economic and Social Development of Lishi "
          "District, Lüliang, and the Long-Range Objectives through 2035 (Li Zheng Fa [2021] No. 11), transcribed "
          "by hand with provenance (table or chapter, and the quote); actual values are yearly data imported by users.",
}
# The same for a plan imported from a workbook, or a shipped plan of another document: named by its own row.
PLAN_SOURCE_NOTE = {
    "zh": "来源：《{plan}》主要指标表（{document}），实际值为用户导入的年度数据。",
    "en": "Source: the main-indicator table of “{plan}” ({document}); actual values are yearly data imported by users.",
}


def source_note(plan: Mapping | None, lang: str) -> str:
    """Where a plan's numbers come from: SOURCE_NOTE for the plan of the shipped document (plan None, or that
    plan's row), else the plan's own name and document (a plan workbook's file name)."""
    from lishi_metrics.config import DOCUMENT_PLAN

    if plan is None or plan.get("plan_id") == DOCUMENT_PLAN:
        return SOURCE_NOTE[lang_of(lang)]
    name = plan.get("name_en" if lang_of(lang) == "en" else "name_zh") or plan.get("name_zh") or plan.get("plan_id")
    return PLAN_SOURCE_NOTE[lang_of(lang)].format(plan=name, document=plan.get("document") or "—")


_ABOUT = {
    "zh": {"sheet": "说明", "item": "项目", "text": "内容", "title": "标题", "source": "来源", "columns": "列",
           "sheet_name": "工作表 {name}"},
    "en": {"sheet": "about", "item": "Item", "text": "Text", "title": "Title", "source": "Source",
           "columns": "Columns", "sheet_name": "Sheet {name}"},
}
MIN_WIDTH, MAX_WIDTH = 8, 60


def lang_of(lang: str) -> str:
    return "en" if str(lang).lower().startswith("en") else "zh"


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every formula-like text cell and header neutralised (numbers untouched)."""
    out = frame.copy()
    out.columns = [fileio.neutralise(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(fileio.neutralise)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with a BOM (Excel on Chinese Windows then reads UTF-8), starting with its header row.

    One plain table, as pandas, Excel and the import template read it: a download's title and source never go
    above the header (pd.read_csv would take the title for the header, issue 22); they are in the workbook's
    first sheet and its 'about' sheet (xlsx_bytes).
    """
    buf = io.StringIO()
    safe_frame(frame).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8-sig")


def _width(values: list[object]) -> int:
    """Column width in Excel characters: CJK characters count twice."""
    longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v)) for v in values if v is not None), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def _set_widths(ws, frame: pd.DataFrame) -> None:
    """Widths from the header and the first 500 cells of each column (the title lines do not count)."""
    from openpyxl.utils import get_column_letter

    for i, col in enumerate(frame.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width([col, *frame[col].head(500).tolist()])


def about_frame(frames: Mapping[str, pd.DataFrame], notes: Mapping[str, str] | None = None, lang: str = "zh",
                title: str | None = None, source: str | None = None) -> pd.DataFrame:
    """The 'about' sheet: title, source (SOURCE_NOTE unless given), the notes given (filters, link) and each
    sheet's columns."""
    words = _ABOUT[lang_of(lang)]
    rows = []
    if title:
        rows.append((words["title"], title))
    rows.append((words["source"], source or SOURCE_NOTE[lang_of(lang)]))
    rows += [(str(k), str(v)) for k, v in (notes or {}).items()]
    for sheet, frame in frames.items():
        rows.append((words["sheet_name"].format(name=sheet), "、".join(map(str, frame.columns)) if lang_of(lang) == "zh"
                     else ", ".join(map(str, frame.columns))))
    return pd.DataFrame(rows, columns=[words["item"], words["text"]])


def _write_sheet(ws, frame: pd.DataFrame, start: int, formats: Mapping[str, object] | None = None) -> None:
    """Header and rows from spreadsheet row `start` + 1: text as text cells (quote prefix where a spreadsheet
    would read a formula), numbers as numbers with their format (a column's, or one per row)."""
    from openpyxl.styles import Font

    formats = formats or {}
    for c, col in enumerate(frame.columns, start=1):
        _text_cell(ws.cell(row=start + 1, column=c), str(col)).font = Font(bold=True)
    for c, col in enumerate(frame.columns, start=1):
        spec = formats.get(str(col))
        for r, value in enumerate(frame[col].tolist()):
            cell = ws.cell(row=start + 2 + r, column=c)
            if isinstance(value, str):
                _text_cell(cell, value)
                continue
            if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
                continue
            cell.value = value.item() if hasattr(value, "item") else value
            number_format = spec[r] if isinstance(spec, (list, tuple)) else spec
            if number_format and isinstance(cell.value, (int, float)):
                cell.number_format = number_format


def _text_cell(cell, text: str):
    """`text` as a string cell; one a spreadsheet would run as a formula carries the quote prefix."""
    cell.value = text
    cell.data_type = "s"  # openpyxl reads a leading = as a formula: this cell is text, whatever it starts with
    if text.startswith(fileio.FORMULA_START):
        cell.quotePrefix = True
    return cell


def xlsx_bytes(frames: Mapping[str, pd.DataFrame], notes: Mapping[str, str] | None = None, lang: str = "zh",
               title: str | None = None, source: str | None = None,
               formats: Mapping[str, Mapping[str, object]] | None = None) -> bytes:
    """A workbook: one sheet per frame (title and source lines above the table when `title` is given), column
    widths set, and an 'about' sheet in `lang` (title, source, notes, columns).

    Args:
        source: where the numbers come from (source_note of the plan shown; SOURCE_NOTE, the shipped document,
            when None).
        formats: {sheet: {column: Excel number format, or a list of one per row}}, e.g. "0.0" for 亿元 shown
            with one decimal: the cell holds the number, the format the precision shown.
    """
    from openpyxl import Workbook

    buf = io.BytesIO()
    source = source or SOURCE_NOTE[lang_of(lang)]
    book = Workbook()
    book.remove(book.active)
    for sheet, frame in frames.items():
        name = str(sheet)[:31]
        ws = book.create_sheet(name)
        start = 3 if title else 0
        _write_sheet(ws, frame, start, (formats or {}).get(str(sheet)))
        if title:
            _text_cell(ws.cell(row=1, column=1), title)
            _text_cell(ws.cell(row=2, column=1), source)
        _set_widths(ws, frame)
    about = about_frame(frames, notes, lang, title, source)
    about_name = _ABOUT[lang_of(lang)]["sheet"]
    ws = book.create_sheet(about_name)
    _write_sheet(ws, about, 0)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = MAX_WIDTH * 2
    book.save(buf)
    return buf.getvalue()


def all_tables() -> dict[str, pd.DataFrame]:
    """Every table as queried through the data layer (observations include imported actuals)."""
    return {name: data.fetch_table(name) for name in TABLES}


def export(fmt: str, output: Path) -> list[Path]:
    """Write all tables: csv → one file per table in the directory `output`; xlsx → one workbook."""
    frames = all_tables()
    if fmt == "xlsx":
        output.parent.mkdir(parents=True, exist_ok=True)
        fileio.atomic_write(output, xlsx_bytes(frames), mode=0o644)
        return [output]
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        path = output / f"{name}.csv"
        fileio.atomic_write(path, csv_bytes(frame), mode=0o644)
        written.append(path)
    return written


__all__ = ["source_note", "about_frame", "all_tables", "csv_bytes", "export", "safe_frame", "xlsx_bytes"]
