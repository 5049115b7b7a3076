"""Bounded reading of an uploaded CSV or XLSX file into a frame of strings.

Every limit is applied while the file is read, never after: the file size, the unpacked size of a
workbook and of its shared-string table, the rows, the columns and the characters of one cell. A cell
longer than MAX_CELL_CHARS stops the reading at once (a 10 KB workbook whose cells all point to one
4 MB shared string must not turn into gigabytes of copies), and a message quotes at most a short prefix
of a cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
import zlib
from pathlib import Path
from typing import NoReturn

import pandas as pd

from lishi_metrics.actuals.fileio import strip_controls
from lishi_metrics.errors import ImportRejected, Problem

MAX_BYTES = 5 * 1024 * 1024
# The plan has 34 indicators; anything far beyond this is not a filled-in template.
MAX_ROWS = 5000
MAX_COLUMNS = 200
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# The template's shared strings (names, units, notes) are a few KB.
MAX_SHARED_STRINGS_BYTES = 8 * 1024 * 1024
# The longest template cell is an indicator name (< 100 characters); a note may be longer.
MAX_CELL_CHARS = 1000
# How much of a cell a message quotes.
QUOTE_CHARS = 40

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_upload(name: str, data: bytes, max_bytes: int = MAX_BYTES, sheet: str | None = None) -> pd.DataFrame:
    """Read an uploaded CSV or XLSX into a DataFrame of strings ('' for empty cells).

    The first row is the header; data row i is spreadsheet row i + 2. `sheet` names the worksheet of an XLSX
    to read (a plan workbook has several); by default 'actuals', else the first.

    Raises:
        ImportRejected: too large, empty, not CSV/XLSX, an unreadable workbook, undecodable text,
            too many rows or columns, or a cell longer than MAX_CELL_CHARS.
    """
    suffix = Path(name or "").suffix.lower()
    if len(data) > max_bytes:
        reject(
            f"the file is {len(data) / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB",
            f"文件大小为 {len(data) / 1048576:.1f} MB，超过 {max_bytes / 1048576:.0f} MB 的上限",
        )
    if not data:
        reject("the file is empty", "文件为空")
    if suffix == ".xls" or (suffix in (".csv", ".xlsx") and data.startswith(_OLE_MAGIC)):
        reject(
            "this is an old Excel .xls workbook: save it as .xlsx or as CSV and upload again",
            "这是旧版 Excel .xls 文件：请另存为 .xlsx 或 CSV 后重新上传",
        )
    if suffix == ".xlsx":
        if not data.startswith(_ZIP_MAGIC):
            reject(
                "the file is named .xlsx but is not an Excel workbook: save it from Excel as .xlsx",
                "文件扩展名为 .xlsx，但内容不是 Excel 工作簿：请在 Excel 中另存为 .xlsx",
            )
        rows = _xlsx_rows(data, sheet)
    elif suffix == ".csv":
        if data.startswith(_ZIP_MAGIC):
            reject(
                "the file is named .csv but is an Excel workbook: rename it to .xlsx or save it as CSV",
                "文件扩展名为 .csv，但内容是 Excel 工作簿：请改名为 .xlsx 或另存为 CSV",
            )
        rows = _csv_rows(data)
    else:
        reject(
            f"{quote(Path(name or '').name) or 'the file'} is not a CSV or XLSX file: "
            "upload the template as .csv or .xlsx",
            "只能导入 CSV 或 XLSX 文件：请使用模板并保存为 .csv 或 .xlsx",
        )
    return _frame(rows)


def reject(message: str, message_zh: str, row: int | None = None, column: str | None = None) -> NoReturn:
    """Raise ImportRejected with one problem."""
    problem = Problem(row=row, column=column, message=message, message_zh=message_zh)
    raise ImportRejected(message, [problem])


def quote(text: object, limit: int = QUOTE_CHARS) -> str:
    """At most `limit` characters of a cell for a message, with '…' when cut; line breaks shown as spaces,
    control characters dropped."""
    s = str(text)
    window = limit * 4 + 1  # a bounded slice, so a megabyte cell is never copied whole
    head = strip_controls(s[:window])  # no escape sequences reach a terminal or a table
    return head[:limit] + "…" if len(head) > limit or len(s) > window else head


def _csv_rows(data: bytes) -> list[list[str]]:
    # Excel on a Chinese Windows saves "CSV" as GBK; gb18030 is its superset.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        reject(
            "the CSV file's text encoding cannot be read: save it as 'CSV UTF-8' from Excel",
            "无法识别 CSV 文件的文字编码：请在 Excel 中另存为“CSV UTF-8”格式",
        )
    if "\x00" in text:
        reject(
            "the file contains binary data, not CSV text: save it as 'CSV UTF-8' from Excel",
            "文件含有二进制内容，不是 CSV 文本：请在 Excel 中另存为“CSV UTF-8”格式",
        )
    if not text.strip():
        reject("the file is empty", "文件为空")
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append(row)
            _check_size(len(rows), len(row))
            for pos, cell in enumerate(row):
                _check_cell(cell, len(rows), pos)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own cap, far above ours
            ref = f"row {len(rows) + 1}"
            reject(
                f"a cell in {ref} holds more than {csv.field_size_limit():,} characters; a template cell holds at "
                f"most {MAX_CELL_CHARS}: import the template",
                f"第 {len(rows) + 1} 行有单元格超过 {csv.field_size_limit():,} 个字符，超过模板单元格 {MAX_CELL_CHARS} "
                "个字符的上限：请使用模板",
                row=len(rows) + 1,
            )
        reject(
            "the CSV file cannot be read (a quote is not closed or a cell is far too long): "
            "save it again from Excel as CSV",
            "无法读取 CSV 文件（引号未闭合或单元格过长）：请在 Excel 中重新另存为 CSV",
        )
    return rows


def _xlsx_rows(data: bytes, sheet: str | None = None) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # What openpyxl raises for a broken workbook: zip, zlib and XML (ParseError is a SyntaxError) errors,
    # and lookups of missing parts or attributes.
    xlsx_errors = (
        InvalidFileException,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        SyntaxError,
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        AttributeError,
    )
    unreadable = (
        "the Excel file cannot be read ({}): open it in Excel, save it as .xlsx and retry",
        "无法读取该 Excel 文件：请在 Excel 中打开并另存为 .xlsx 后重试",
    )

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
        unpacked = sum(info.file_size for info in infos)
        shared = sum(info.file_size for info in infos if info.filename.lower().endswith("sharedstrings.xml"))
        if unpacked > MAX_UNPACKED_BYTES:  # a "zip bomb" would exhaust memory while openpyxl reads it
            reject(
                f"the Excel file unpacks to {unpacked / 1048576:.0f} MB, more than a filled-in template can be: "
                "import the template",
                "该 Excel 文件解压后过大，不是填写后的模板：请使用模板",
            )
        if shared > MAX_SHARED_STRINGS_BYTES:
            reject(
                f"the Excel file holds {shared / 1048576:.0f} MB of text, more than a filled-in template can: "
                "import the template",
                "该 Excel 文件中的文字内容过多，不是填写后的模板：请使用模板",
            )
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except xlsx_errors as exc:
        reject(unreadable[0].format(type(exc).__name__), unreadable[1])
    try:
        if not wb.worksheets:
            reject("the Excel file has no worksheet", "该 Excel 文件没有工作表")
        if sheet is not None and sheet not in wb.sheetnames:
            reject(f"the workbook has no sheet '{sheet}': start from the template", f"工作簿中缺少工作表“{sheet}”：请使用模板")
        ws = wb[sheet] if sheet is not None else wb["actuals"] if "actuals" in wb.sheetnames else wb.worksheets[0]
        rows: list[list[str]] = []
        try:
            # max_row/max_col bound the work whatever dimensions the sheet claims (openpyxl pads every row
            # to max_col, so it is passed only when the sheet claims more columns than allowed anyway).
            wide = (ws.max_column or 0) > MAX_COLUMNS
            for cells in ws.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS + 1 if wide else None):
                rows.append([])
                _check_size(len(rows), len(cells))
                rows[-1] = [_xlsx_cell_text(c, len(rows), pos) for pos, c in enumerate(cells)]
        except xlsx_errors as exc:  # a damaged sheet fails only while it is read
            reject(unreadable[0].format(type(exc).__name__), unreadable[1])
    finally:
        wb.close()
    return rows


def _check_size(n_rows: int, n_cols: int) -> None:
    if n_rows > MAX_ROWS:
        reject(
            f"the file has more than {MAX_ROWS} rows: import the template (one row per indicator)",
            f"文件超过 {MAX_ROWS} 行：请使用模板（每个指标一行）",
        )
    if n_cols > MAX_COLUMNS:
        reject(
            f"the file has more than {MAX_COLUMNS} columns: import the template",
            f"文件超过 {MAX_COLUMNS} 列：请使用模板",
        )


def _check_cell(text: str, row: int, pos: int) -> None:
    """Stop reading at the first cell longer than MAX_CELL_CHARS (checked before any copy of it is made)."""
    if len(text) > MAX_CELL_CHARS:
        ref = f"{column_letter(pos)}{row}"
        reject(
            f"cell {ref} holds {len(text):,} characters (it begins “{quote(text)}”); a template cell holds at "
            f"most {MAX_CELL_CHARS}: import the template",
            f"单元格 {ref} 含 {len(text):,} 个字符（开头为“{quote(text)}”），超过模板单元格 {MAX_CELL_CHARS} "
            "个字符的上限：请使用模板",
            row=row,
            column=column_letter(pos),
        )


def _xlsx_cell_text(cell, row: int, pos: int) -> str:
    value = cell.value
    if isinstance(value, str):
        _check_cell(value, row, pos)
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        # A cell shown as 12.5% holds 0.125; the user means 12.5.
        if "%" in (getattr(cell, "number_format", None) or ""):
            value = round(value * 100, 10)
        return number_text(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return "" if value is None else quote(value, MAX_CELL_CHARS)


def number_text(value: float) -> str:
    """Shortest text of a number as a user typed it ('12.5', '300', not '300.0')."""
    if isinstance(value, int):
        return str(int(value))
    value = float(value)  # repr of a numpy float would read 'np.float64(…)'
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def cell_text(value: object) -> str:
    """A cell of a frame as stripped text ('' for None/NaN, numbers as typed)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else number_text(value)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def column_letter(pos: int) -> str:
    """Spreadsheet letters of a 0-based column position (0 → 'A', 26 → 'AA')."""
    letters = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _frame(rows: list[list[str]]) -> pd.DataFrame:
    # Excel leaves formatted but empty rows and columns at the end; they are not data.
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        reject("the file is empty", "文件为空")
    width = max(len(r) for r in rows)
    while width > 0 and not any(len(r) >= width and r[width - 1].strip() for r in rows):
        width -= 1
    rows = [(r + [""] * width)[:width] for r in rows]
    return pd.DataFrame(rows[1:], columns=rows[0], dtype=str)
