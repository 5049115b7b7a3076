"""The yearly actuals template: one row per indicator with its unit and price basis, one column per plan year.

A money level whose plan target is a real growth rate (GDP, value added) has a companion row right below it: the
published growth at comparable prices (按可比价格计算), % on the year before, as statistical bulletins print it
beside the current-price level. Its id is the indicator's id + COMPARABLE_SUFFIX (a character plan ids never
hold), it is validated, imported, versioned and rolled back like any other row, and the evaluation compounds its
rates into the realised real growth (views._common.real_growth).

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
COMPARABLE_PRICES = "可比价（上年=100）"
COMPARABLE_SUFFIX = ".comparable_growth"
# Money levels whose growth statistics publish at comparable prices: GDP and value added.
_REAL_GROWTH_WORDS = ("生产总值", "增加值")

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
        "4a. 名称含“按可比价格计算”的行（指标代码以 .comparable_growth 结尾）填写统计公报公布的按可比价格计算的增速"
        "（比上年增长 %，如 6.5），用于评价实际增长；缺少这些增速时，实际增长无法仅由现价总量评价。",
        "4a. Rows named 'growth at comparable prices' (ids ending in .comparable_growth) take the growth at comparable "
        "prices the statistical bulletin publishes (% on the year before, e.g. 6.5); without them real growth cannot "
        "be evaluated from current-price levels alone.",
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


def has_comparable_growth(value_type: object, unit_zh: object, name_zh: object, role: object = None) -> bool:
    """Whether a row is a current-price money level whose real growth statistics publish at comparable prices
    (the GDP row, by role or name, and value-added rows): such a row gets a companion row in the template."""
    if price_basis(value_type, unit_zh) != CURRENT_PRICES:
        return False
    return cell_text(role) == "gdp" or any(word in cell_text(name_zh) for word in _REAL_GROWTH_WORDS)


def comparable_id(indicator_id: object) -> str:
    """The companion row's id: 'fyp14_gdp' → 'fyp14_gdp.comparable_growth'."""
    return f"{cell_text(indicator_id)}{COMPARABLE_SUFFIX}"


def with_companions(indicators_df: pd.DataFrame) -> pd.DataFrame:
    """`indicators_df` with a companion row (value_type rate, unit %) after every row that has_comparable_growth;
    the companion keeps its indicator's plan years, so validation accepts the same years."""
    if indicators_df is None or not len(indicators_df) or "indicator_id" not in indicators_df.columns:
        return indicators_df
    get = {c: (indicators_df[c] if c in indicators_df.columns else pd.Series([None] * len(indicators_df),
                                                                                  index=indicators_df.index))
           for c in ("value_type", "unit_zh", "name_zh", "role")}
    records = []
    for i, rec in enumerate(indicators_df.to_dict("records")):
        records.append(rec)
        if has_comparable_growth(get["value_type"].iloc[i], get["unit_zh"].iloc[i], get["name_zh"].iloc[i],
                                 get["role"].iloc[i]):
            companion = {**rec, "indicator_id": comparable_id(rec["indicator_id"]),
                         "name_zh": f"{cell_text(rec.get('name_zh'))}增长（按可比价格计算）",
                         "unit_zh": "%", "value_type": "rate", "role": None, "base_value": None}
            if "name_en" in rec:
                companion["name_en"] = f"{cell_text(rec.get('name_en'))}: growth at comparable prices"
            if "unit_en" in rec:
                companion["unit_en"] = "%"
            records.append(companion)
    if len(records) == len(indicators_df):
        return indicators_df
    return pd.DataFrame.from_records(records, columns=list(indicators_df.columns))


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
    ind = with_companions(ind)
    n = len(ind)
    columns = {c: [cell_text(v) for v in ind[c]] if c in ind.columns else [""] * n for c in TEMPLATE_INFO_COLUMNS[:3]}
    types = ind["value_type"] if "value_type" in ind.columns else [""] * n
    columns["price_basis_zh"] = [COMPARABLE_PRICES if str(i).endswith(COMPARABLE_SUFFIX) else price_basis(t, u)
                                 for i, t, u in zip(columns["indicator_id"], types, columns["unit_zh"], strict=True)]
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
        indicators_df = with_companions(indicators_df)
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
