"""The yearly actuals template: one row per indicator with its unit and price basis, one column per plan year.

The XLSX template has the data sheet `actuals` (what is imported), data validation on every year cell (a
share between 0 and 100, a count or level not below zero, any number for a rate) and a sheet 填写说明 with
the instructions in Chinese (and English beside them).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from lishi_metrics.actuals.fileio import neutralise
from lishi_metrics.actuals.reading import cell_text
from lishi_metrics.errors import DataError

TEMPLATE_INFO_COLUMNS = ("indicator_id", "name_zh", "unit_zh", "price_basis_zh")
DATA_SHEET = "actuals"
INSTRUCTIONS_SHEET = "填写说明"
# Money amounts of the plan tables (GDP …) are printed at current prices (indicators.csv, note of fyp14_gdp).
CURRENT_PRICES = "现价（当年价格）"

INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("填写说明", "Instructions"),
    (
        "1. 在“actuals”工作表中按年份填写实际值：每个单元格填一个数字，没有数据的单元格留空。",
        "1. Fill the actual values in the sheet 'actuals', one number per cell; leave a cell empty when there is no value.",
    ),
    (
        "2. 不要修改 indicator_id 列和年份列的标题；不填写的行可以删除，其余列仅供参考。",
        "2. Do not change the indicator_id column or the year headers; rows you do not fill may be deleted.",
    ),
    (
        "3. 单位见 unit_zh 列：亿元即 1 亿元（10^8 元）；% 指标填写百分数本身，如 65.3 表示 65.3%。",
        "3. Units are in unit_zh: 亿元 is CNY 100 million; for % enter the percentage itself (65.3 for 65.3 %).",
    ),
    (
        "4. 价格口径见 price_basis_zh 列：以元计的总量指标（如地区生产总值）填写现价（当年价格），不要换算为可比价。",
        "4. Price basis is in price_basis_zh: money amounts such as GDP are entered at current prices, not constant.",
    ),
    (
        "5. 比重应在 0–100 之间，数量和总量不能为负数；超出范围的数值会被拒绝（单元格的数据验证会提示）。",
        "5. Shares lie within 0–100 and counts and levels cannot be negative; such values are rejected.",
    ),
    (
        "6. 与上一年相比变化超过 ±50% 的数值在导入时需要确认。",
        "6. A value more than ±50 % away from the year before needs a confirmation when imported.",
    ),
    (
        "7. 导入：数据维护页面（需管理员密码），或命令 python -m lishi_metrics import 文件名 --by 姓名。",
        "7. Import on the data maintenance page (admin password) or with: python -m lishi_metrics import FILE --by NAME.",
    ),
)


def price_basis(value_type: object, unit_zh: object) -> str:
    """The price basis of a row: current prices for a money amount (a level in 元), '' where none applies."""
    return CURRENT_PRICES if cell_text(value_type) == "level" and "元" in cell_text(unit_zh) else ""


def period_years(indicators_df: pd.DataFrame, years: Iterable[int] | None = None) -> list[int]:
    """The years actuals may be given for: `years`, else the years after each row's base year up to its target
    year (data.indicator_table's base_year/target_year), over all rows (2021–2025 for the 14th plan)."""
    if years is not None:
        return list(years)
    out: set[int] = set()
    if indicators_df is not None and {"base_year", "target_year"} <= set(indicators_df.columns):
        for base, target in zip(indicators_df["base_year"], indicators_df["target_year"]):
            if not pd.isna(base) and not pd.isna(target) and int(target) > int(base):
                out.update(range(int(base) + 1, int(target) + 1))
    return sorted(out)


def template_frame(indicators_df: pd.DataFrame, years: Iterable[int] | None = None) -> pd.DataFrame:
    """The import template: indicator_id, name_zh, unit_zh, price_basis_zh and one empty column per plan year.

    Args:
        indicators_df: indicators of the current plan (indicator_id, name_zh, unit_zh, value_type …); rows keep
            the printed order (row_order) when that column is present.
        years: the plan period.
    """
    ind = indicators_df
    if "row_order" in ind.columns:
        ind = ind.sort_values("row_order", kind="stable")
    n = len(ind)
    columns = {c: [cell_text(v) for v in ind[c]] if c in ind.columns else [""] * n for c in TEMPLATE_INFO_COLUMNS[:3]}
    types = ind["value_type"] if "value_type" in ind.columns else [""] * n
    columns["price_basis_zh"] = [price_basis(t, u) for t, u in zip(types, columns["unit_zh"], strict=True)]
    out = pd.DataFrame(columns)
    for year in period_years(indicators_df, years):
        out[str(year)] = ""
    return out.reset_index(drop=True)


def write_template(path: str | Path, indicators_df: pd.DataFrame, years: Iterable[int] | None = None) -> Path:
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
        write_xlsx(path, frame, indicators_df)
    else:
        raise DataError(f"template file {path.name} must end in .csv or .xlsx")
    return path


def write_xlsx(target: str | Path | BinaryIO, frame: pd.DataFrame, indicators_df: pd.DataFrame | None = None) -> None:
    """The template workbook (or the stored actuals in its layout): sheet 'actuals' with a bold, frozen header
    and data validation on the year cells, and the instructions sheet. Text cells are neutralised."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append([neutralise(v) if v != "" else None for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in {"A": 34, "B": 40, "C": 14, "D": 18}.items():
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "E2"

    year_pos = [i for i, c in enumerate(frame.columns) if str(c).isdigit()]
    if year_pos and len(frame):
        kinds = _value_types(frame, indicators_df)
        rules = {
            "share": ("decimal", "between", 0, 100, "比重应在 0–100 之间 / a share lies within 0–100"),
            "nonneg": ("decimal", "greaterThanOrEqual", 0, None, "该指标不能为负数 / cannot be negative"),
            "number": ("decimal", "between", -1e15, 1e15, "请填写一个数字 / enter one number"),
        }
        first, last = _letter(year_pos[0]), _letter(year_pos[-1])
        for kind, (vtype, op, lo, hi, message) in rules.items():
            rows = [i + 2 for i, k in enumerate(kinds) if k == kind]
            if not rows:
                continue
            dv = DataValidation(
                type=vtype,
                operator=op,
                formula1=str(lo),
                formula2=None if hi is None else str(hi),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="数值无效 Invalid value",
                error=message,
            )
            for r in rows:
                dv.add(f"{first}{r}:{last}{r}")
            ws.add_data_validation(dv)

    info = wb.create_sheet(INSTRUCTIONS_SHEET)
    for zh, en in INSTRUCTIONS:
        info.append([zh, en])
    info["A1"].font = info["B1"].font = Font(bold=True)
    info.column_dimensions["A"].width = 90
    info.column_dimensions["B"].width = 90
    for row in info.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(target)


def _value_types(frame: pd.DataFrame, indicators_df: pd.DataFrame | None) -> list[str]:
    """Per template row: 'share', 'nonneg' (count, level), 'number' (rate) or '' (text: no validation)."""
    by_id: dict[str, tuple[str, str]] = {}
    if indicators_df is not None and "indicator_id" in indicators_df.columns:
        types = indicators_df["value_type"] if "value_type" in indicators_df.columns else [""] * len(indicators_df)
        units = indicators_df["unit_zh"] if "unit_zh" in indicators_df.columns else [""] * len(indicators_df)
        for i, t, u in zip(indicators_df["indicator_id"], types, units, strict=True):
            by_id[cell_text(i)] = (cell_text(t), cell_text(u))
    out = []
    for indicator_id, unit in zip(frame["indicator_id"], frame.get("unit_zh", [""] * len(frame)), strict=True):
        value_type, unit_zh = by_id.get(cell_text(indicator_id), ("", cell_text(unit)))
        if value_type == "share" or (unit_zh == "%" and value_type not in ("rate", "text")):
            out.append("share")
        elif value_type in ("count", "level"):
            out.append("nonneg")
        elif value_type == "text":
            out.append("")
        else:
            out.append("number")
    return out


def _letter(pos: int) -> str:
    from lishi_metrics.actuals.reading import column_letter

    return column_letter(pos)
