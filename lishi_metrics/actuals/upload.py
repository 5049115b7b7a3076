"""The yearly actuals template, reading uploads (CSV/XLSX) and validating them before they are stored."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import pandas as pd

from lishi_metrics.errors import DataError, ImportRejected, Problem

__all__ = [
    "MAX_BYTES",
    "Problem",
    "ValidationResult",
    "parse_number",
    "read_upload",
    "sha256_bytes",
    "template_frame",
    "validate",
    "write_template",
]

PLAN_YEARS = range(2021, 2026)
MAX_BYTES = 5 * 1024 * 1024
# The plan has 34 indicators; anything far beyond this is not a filled-in template.
MAX_ROWS = 5000
MAX_COLUMNS = 200
MAX_PROBLEMS = 200
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# A change from the previous year beyond ±50 % needs a confirmation.
CHANGE_LIMIT = 0.5

TEMPLATE_INFO_COLUMNS = ("indicator_id", "name_zh", "unit_zh")
# Descriptive columns users may keep or add; they are ignored without a warning.
KNOWN_COLUMNS = {"indicator_id", "name_zh", "name_en", "unit_zh", "unit_en", "category_zh", "category_en", "note"}

_NUMBER_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
_YEAR_RE = re.compile(r"^(\d{4})(?:\.0+)?年?$")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class ValidationResult:
    """What an upload would store, what is wrong with it, and what needs a confirmation.

    Attributes:
        values: indicator_id, year, value of every non-empty, valid cell.
        problems: errors; any error rejects the whole upload.
        warnings: implausible values; storing them needs an explicit confirmation.
        preview: indicator_id, name_zh, year, status ('new' | 'changed' | 'unchanged'), old, new.
    """

    values: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings may still need a confirmation)."""
        return not self.problems

    def raise_if_rejected(self) -> None:
        """Raise ImportRejected carrying the problems, if there are any."""
        if self.problems:
            raise ImportRejected(_summary(self.problems), self.problems)


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of `data` (the checksum recorded in the store's history)."""
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- template


def template_frame(indicators_df: pd.DataFrame, years: Iterable[int] = PLAN_YEARS) -> pd.DataFrame:
    """The import template: indicator_id, name_zh, unit_zh and one empty column per plan year.

    Args:
        indicators_df: indicators of the current plan (indicator_id, name_zh, unit_zh, …); rows keep
            the printed order (row_order) when that column is present.
        years: the plan period.
    """
    ind = indicators_df
    if "row_order" in ind.columns:
        ind = ind.sort_values("row_order", kind="stable")
    out = pd.DataFrame(
        {c: [_cell_text(v) for v in ind[c]] if c in ind.columns else [""] * len(ind) for c in TEMPLATE_INFO_COLUMNS}
    )
    for year in years:
        out[str(year)] = ""
    return out.reset_index(drop=True)


def write_template(path: str | Path, indicators_df: pd.DataFrame, years: Iterable[int] = PLAN_YEARS) -> Path:
    """Write the template as .csv (UTF-8 with BOM, so Excel shows Chinese) or .xlsx, chosen by extension.

    Raises:
        DataError: the extension is neither .csv nor .xlsx.
    """
    path = Path(path)
    frame = template_frame(indicators_df, years)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    elif suffix == ".xlsx":
        _write_xlsx(path, frame)
    else:
        raise DataError(f"template file {path.name} must end in .csv or .xlsx")
    return path


def _write_xlsx(path: Path, frame: pd.DataFrame) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "actuals"
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append([v if v != "" else None for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = {"A": 34, "B": 40, "C": 14}
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "D2"
    wb.save(path)


# ---------------------------------------------------------------- reading uploads


def read_upload(name: str, data: bytes, max_bytes: int = MAX_BYTES) -> pd.DataFrame:
    """Read an uploaded CSV or XLSX into a DataFrame of strings ('' for empty cells).

    The first row is the header; data row i is spreadsheet row i + 2.

    Raises:
        ImportRejected: too large, empty, not CSV/XLSX, an unreadable workbook or undecodable text.
    """
    suffix = Path(name or "").suffix.lower()
    if len(data) > max_bytes:
        _reject(
            f"the file is {len(data) / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB",
            f"文件大小为 {len(data) / 1048576:.1f} MB，超过 {max_bytes / 1048576:.0f} MB 的上限",
        )
    if not data:
        _reject("the file is empty", "文件为空")
    if suffix == ".xls" or (suffix in (".csv", ".xlsx") and data.startswith(_OLE_MAGIC)):
        _reject(
            "this is an old Excel .xls workbook: save it as .xlsx or as CSV and upload again",
            "这是旧版 Excel .xls 文件：请另存为 .xlsx 或 CSV 后重新上传",
        )
    if suffix == ".xlsx":
        if not data.startswith(_ZIP_MAGIC):
            _reject(
                "the file is named .xlsx but is not an Excel workbook: save it from Excel as .xlsx",
                "文件扩展名为 .xlsx，但内容不是 Excel 工作簿：请在 Excel 中另存为 .xlsx",
            )
        rows = _xlsx_rows(data)
    elif suffix == ".csv":
        if data.startswith(_ZIP_MAGIC):
            _reject(
                "the file is named .csv but is an Excel workbook: rename it to .xlsx or save it as CSV",
                "文件扩展名为 .csv，但内容是 Excel 工作簿：请改名为 .xlsx 或另存为 CSV",
            )
        rows = _csv_rows(data)
    else:
        _reject(
            f"{Path(name or '').name or 'the file'} is not a CSV or XLSX file: upload the template as .csv or .xlsx",
            "只能导入 CSV 或 XLSX 文件：请使用模板并保存为 .csv 或 .xlsx",
        )
    return _frame(rows)


def _reject(message: str, message_zh: str, row: int | None = None, column: str | None = None) -> NoReturn:
    problem = Problem(row=row, column=column, message=message, message_zh=message_zh)
    raise ImportRejected(message, [problem])


def _csv_rows(data: bytes) -> list[list[str]]:
    # Excel on a Chinese Windows saves "CSV" as GBK; gb18030 is its superset.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        _reject(
            "the CSV file's text encoding cannot be read: save it as 'CSV UTF-8' from Excel",
            "无法识别 CSV 文件的文字编码：请在 Excel 中另存为“CSV UTF-8”格式",
        )
    if "\x00" in text:
        _reject(
            "the file contains binary data, not CSV text: save it as 'CSV UTF-8' from Excel",
            "文件含有二进制内容，不是 CSV 文本：请在 Excel 中另存为“CSV UTF-8”格式",
        )
    if not text.strip():
        _reject("the file is empty", "文件为空")
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append(row)
            _check_size(len(rows), len(row))
    except csv.Error as exc:
        _reject(
            f"the CSV file cannot be read ({exc}): save it again from Excel as CSV",
            "无法读取 CSV 文件：请在 Excel 中重新另存为 CSV",
        )
    return rows


def _xlsx_rows(data: bytes) -> list[list[str]]:
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

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(info.file_size for info in z.infolist())
        if unpacked > MAX_UNPACKED_BYTES:  # a "zip bomb" would exhaust memory while openpyxl reads it
            _reject(
                f"the Excel file unpacks to {unpacked / 1048576:.0f} MB, more than a filled-in template can be: "
                "import the template",
                "该 Excel 文件解压后过大，不是填写后的模板：请使用模板",
            )
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except xlsx_errors as exc:
        _reject(
            f"the Excel file cannot be read ({type(exc).__name__}): open it in Excel, save it as .xlsx and retry",
            "无法读取该 Excel 文件：请在 Excel 中打开并另存为 .xlsx 后重试",
        )
    try:
        if not wb.worksheets:
            _reject("the Excel file has no worksheet", "该 Excel 文件没有工作表")
        ws = wb["actuals"] if "actuals" in wb.sheetnames else wb.worksheets[0]
        rows: list[list[str]] = []
        try:
            for cells in ws.iter_rows():
                row = [_xlsx_cell_text(c) for c in cells]
                rows.append(row)
                _check_size(len(rows), len(row))
        except xlsx_errors as exc:  # a damaged sheet fails only while it is read
            _reject(
                f"the Excel file cannot be read ({type(exc).__name__}): open it in Excel, save it as .xlsx and retry",
                "无法读取该 Excel 文件：请在 Excel 中打开并另存为 .xlsx 后重试",
            )
    finally:
        wb.close()
    return rows


def _check_size(n_rows: int, n_cols: int) -> None:
    if n_rows > MAX_ROWS:
        _reject(
            f"the file has more than {MAX_ROWS} rows: import the template (one row per indicator)",
            f"文件超过 {MAX_ROWS} 行：请使用模板（每个指标一行）",
        )
    if n_cols > MAX_COLUMNS:
        _reject(
            f"the file has more than {MAX_COLUMNS} columns: import the template",
            f"文件超过 {MAX_COLUMNS} 列：请使用模板",
        )


def _xlsx_cell_text(cell) -> str:
    value = cell.value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        # A cell shown as 12.5% holds 0.125; the user means 12.5.
        if "%" in (getattr(cell, "number_format", None) or ""):
            value = round(value * 100, 10)
        return _number_text(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return "" if value is None else str(value)


def _number_text(value: float) -> str:
    if isinstance(value, int):
        return str(int(value))
    value = float(value)  # repr of a numpy float would read 'np.float64(…)'
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _frame(rows: list[list[str]]) -> pd.DataFrame:
    # Excel leaves formatted but empty rows and columns at the end; they are not data.
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        _reject("the file is empty", "文件为空")
    width = max(len(r) for r in rows)
    while width > 0 and not any(len(r) >= width and r[width - 1].strip() for r in rows):
        width -= 1
    rows = [(r + [""] * width)[:width] for r in rows]
    return pd.DataFrame(rows[1:], columns=rows[0], dtype=str)


# ---------------------------------------------------------------- validation


def parse_number(text: str) -> float | None:
    """A number from a cell ('1,234.5', ' 12 ', full-width '１２'), or None when the cell is not one number."""
    t = unicodedata.normalize("NFKC", str(text)).strip().replace("\u2212", "-")
    if _THOUSANDS_RE.match(t):
        t = t.replace(",", "")
    if not _NUMBER_RE.match(t):
        return None
    value = float(t)
    return value if math.isfinite(value) else None


def validate(
    df: pd.DataFrame,
    indicators_df: pd.DataFrame,
    current_df: pd.DataFrame | None,
    plan_years: Iterable[int] = PLAN_YEARS,
) -> ValidationResult:
    """Check an upload against the indicators and the stored actuals; nothing is stored here.

    Args:
        df: the upload as read by read_upload (header = spreadsheet row 1).
        indicators_df: indicators of the current plan (indicator_id, name_zh, unit_zh, value_type; optional
            value_2020, or base_value where base_year is 2020: the plan's 2020 value, used to check the
            change to 2021).
        current_df: the store's current actuals (indicator_id, year, value), or None.
        plan_years: the years that may be imported.
    """
    plan_years = list(plan_years)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    meta = _indicator_meta(indicators_df)
    stored = _stored_values(current_df)

    id_pos, year_cols = _classify_columns(df, plan_years, set(indicators_df.columns), problems, warnings)

    values: list[tuple[str, int, float, int, str]] = []  # indicator_id, year, value, row, column
    if id_pos is not None and year_cols:
        seen: dict[str, int] = {}
        for pos in range(len(df)):
            row_no = pos + 2
            row = df.iloc[pos]
            indicator_id = _cell_text(row.iloc[id_pos])
            filled = [(col, year, _cell_text(row.iloc[p])) for p, col, year in year_cols]
            filled = [(col, year, text) for col, year, text in filled if text]
            if not indicator_id:
                if filled:
                    problems.append(
                        Problem(
                            row_no,
                            "indicator_id",
                            "indicator_id is empty but the row has values",
                            "该行有数值，但 indicator_id 为空",
                        )
                    )
                continue
            if indicator_id not in meta:
                problems.append(
                    Problem(
                        row_no,
                        "indicator_id",
                        f"unknown indicator '{indicator_id}': use the ids of the template",
                        f"未知指标“{indicator_id}”：请使用模板中的指标代码",
                    )
                )
                continue
            if indicator_id in seen:
                problems.append(
                    Problem(
                        row_no,
                        "indicator_id",
                        f"indicator '{indicator_id}' appears again (first on row {seen[indicator_id]})",
                        f"指标“{indicator_id}”重复出现（首次在第 {seen[indicator_id]} 行）",
                    )
                )
                continue
            seen[indicator_id] = row_no
            unit = meta[indicator_id]["unit_zh"]
            for col, year, text in filled:
                value = parse_number(text)
                if value is None and unit == "%" and text.rstrip().endswith(("%", "％")):
                    value = parse_number(text.rstrip()[:-1])
                if value is None:
                    problems.append(
                        Problem(
                            row_no,
                            col,
                            f"'{text}' is not a number: enter one number (e.g. 1234.5) or leave the cell empty",
                            f"“{text}”不是数字：请填写一个数字（如 1234.5），无数值请留空",
                        )
                    )
                    continue
                values.append((indicator_id, year, value, row_no, col))

    if id_pos is not None and year_cols and not values and not problems:
        problems.append(
            Problem(
                None,
                None,
                "the file has no values: fill at least one year cell",
                "文件中没有任何数值：请至少填写一个年份的数值",
            )
        )

    uploaded = {(i, y): v for i, y, v, _, _ in values}
    for indicator_id, year, value, row_no, col in values:
        _plausibility(meta[indicator_id], indicator_id, year, value, row_no, col, uploaded, stored, warnings)

    values_df = pd.DataFrame(
        {
            "indicator_id": pd.Series([v[0] for v in values], dtype=str),
            "year": pd.Series([v[1] for v in values], dtype="int64"),
            "value": pd.Series([v[2] for v in values], dtype="float64"),
        }
    )
    return ValidationResult(
        values=values_df, problems=_capped(problems), warnings=_capped(warnings), preview=_preview(values, meta, stored)
    )


def _classify_columns(df, plan_years, indicator_columns, problems, warnings):
    """Find the indicator_id column and the year columns; report the others."""
    id_pos = None
    year_cols: list[tuple[int, str, int]] = []  # position, header as printed, year
    first_seen: dict[str, int] = {}
    span = f"{plan_years[0]}–{plan_years[-1]}" if plan_years else "—"
    for pos, raw in enumerate(df.columns):
        header = _cell_text(raw)
        key = unicodedata.normalize("NFKC", header).strip().lower()
        year_match = _YEAR_RE.match(key)
        norm = year_match.group(1) if year_match else key
        if norm and norm in first_seen:
            problems.append(Problem(1, header, f"column '{header}' appears twice", f"列“{header}”重复出现"))
            continue
        first_seen[norm] = pos
        if norm == "indicator_id":
            id_pos = pos
        elif year_match:
            year = int(norm)
            if year in plan_years:
                year_cols.append((pos, header, year))
            else:
                problems.append(
                    Problem(
                        1,
                        header,
                        f"year column {year} is outside the plan period {span}: remove it",
                        f"年份列 {year} 不在规划期 {span} 内：请删除该列",
                    )
                )
        elif not key:
            if any(_cell_text(v) for v in df.iloc[:, pos]):
                warnings.append(
                    Problem(
                        1,
                        None,
                        f"column {_column_letter(pos)} has no header: it is ignored",
                        f"第 {_column_letter(pos)} 列没有列名，将被忽略",
                    )
                )
        elif norm not in KNOWN_COLUMNS and header not in indicator_columns:
            warnings.append(
                Problem(
                    1,
                    header,
                    f"column '{header}' is not a template column: it is ignored",
                    f"列“{header}”不是模板中的列，将被忽略",
                )
            )
    if id_pos is None:
        problems.append(
            Problem(
                1,
                "indicator_id",
                "the column indicator_id is missing: start from the template",
                "缺少 indicator_id 列：请使用模板",
            )
        )
    if not year_cols and not any(p.row == 1 and p.column and _YEAR_RE.match(p.column) for p in problems):
        problems.append(
            Problem(
                1,
                None,
                f"there is no year column ({span}): start from the template",
                f"缺少年份列（{span}）：请使用模板",
            )
        )
    return id_pos, year_cols


def _plausibility(info, indicator_id, year, value, row_no, col, uploaded, stored, warnings) -> None:
    value_type, unit = info["value_type"], info["unit_zh"]
    shown = _number_text(value)
    if value_type == "share" or (unit == "%" and value_type not in ("rate", "text")):
        if value > 100 or value < 0:
            warnings.append(
                Problem(
                    row_no,
                    col,
                    f"{indicator_id} {year}: a share of {shown} % is outside 0–100 %",
                    f"{indicator_id} {year} 年：比重 {shown}% 不在 0–100% 之间",
                )
            )
    elif value_type in ("count", "level") and value < 0:
        warnings.append(
            Problem(
                row_no,
                col,
                f"{indicator_id} {year}: {shown} is negative",
                f"{indicator_id} {year} 年：数值 {shown} 为负数",
            )
        )
    if value_type in ("rate", "text"):
        return  # a relative change of a growth rate means nothing
    previous, where = uploaded.get((indicator_id, year - 1)), "this file"
    if previous is None:
        previous, where = stored.get((indicator_id, year - 1)), "the stored actuals"
    if previous is None and year - 1 == 2020:
        previous, where = info["value_2020"], "the plan's 2020 value"
    if previous is None or previous == 0:
        return
    change = value / previous - 1
    if abs(change) > CHANGE_LIMIT:
        where_zh = {
            "this file": "本文件",
            "the stored actuals": "已存实际值",
            "the plan's 2020 value": "规划 2020 年值",
        }[where]
        warnings.append(
            Problem(
                row_no,
                col,
                f"{indicator_id} {year}: {shown} is {change:+.0%} from {year - 1} ({_number_text(previous)}, {where})",
                f"{indicator_id} {year} 年：{shown} 较 {year - 1} 年（{_number_text(previous)}，{where_zh}）变化 {change:+.0%}",
            )
        )


def _preview(values, meta, stored) -> pd.DataFrame:
    rows = []
    for indicator_id, year, value, _, _ in values:
        old = stored.get((indicator_id, year))
        status = "new" if old is None else ("unchanged" if old == value else "changed")
        rows.append(
            (indicator_id, meta[indicator_id]["name_zh"], year, status, math.nan if old is None else old, value)
        )
    return pd.DataFrame(
        {
            "indicator_id": pd.Series([r[0] for r in rows], dtype=str),
            "name_zh": pd.Series([r[1] for r in rows], dtype=str),
            "year": pd.Series([r[2] for r in rows], dtype="int64"),
            "status": pd.Series([r[3] for r in rows], dtype=str),
            "old": pd.Series([r[4] for r in rows], dtype="float64"),
            "new": pd.Series([r[5] for r in rows], dtype="float64"),
        }
    )


def _indicator_meta(indicators_df: pd.DataFrame) -> dict[str, dict]:
    meta = {}
    for rec in indicators_df.to_dict("records"):
        v2020 = rec.get("value_2020")
        base_year = rec.get("base_year")
        if v2020 is None and base_year is not None and not pd.isna(base_year) and int(base_year) == 2020:
            v2020 = rec.get("base_value")  # data.indicator_table names the 2020 value so
        meta[str(rec["indicator_id"])] = {
            "name_zh": _cell_text(rec.get("name_zh")),
            "unit_zh": _cell_text(rec.get("unit_zh")),
            "value_type": _cell_text(rec.get("value_type")),
            "value_2020": None if v2020 is None or pd.isna(v2020) else float(v2020),
        }
    return meta


def _stored_values(current_df: pd.DataFrame | None) -> dict[tuple[str, int], float]:
    if current_df is None or current_df.empty:
        return {}
    df = current_df
    if "kind" in df.columns:
        df = df[df["kind"] == "actual"]
    return {
        (str(i), int(y)): float(v)
        for i, y, v in zip(df["indicator_id"], df["year"], df["value"], strict=True)
        if not pd.isna(v)
    }


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else _number_text(value)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def _column_letter(pos: int) -> str:
    letters = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return problems[:MAX_PROBLEMS] + [Problem(None, None, f"… and {more} more", f"……另有 {more} 项")]


def _summary(problems: list[Problem]) -> str:
    first = problems[0]
    where = ", ".join(
        x for x in (f"row {first.row}" if first.row else "", f"column {first.column}" if first.column else "") if x
    )
    text = f"{where}: {first.message}" if where else first.message
    more = len(problems) - 1
    return f"upload rejected: {text}" + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
