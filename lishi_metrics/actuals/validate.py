"""Validation of an upload read by `reading.read_upload`: errors reject the whole file, warnings need a
confirmation. Nothing is stored here.

Errors: a missing indicator_id or year column, unknown or repeated indicators, cells that are not one number,
years outside the plan, and impossible values (a share outside 0–100 %, a negative count, a negative level:
every level indicator of the plans is a quantity that cannot be below zero). Warnings: plausible but unusual
values (a change of more than ±50 % from the year before) and ignored columns. Collecting stops after
MAX_PROBLEMS errors, and a message quotes at most a short prefix of a cell.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from lishi_metrics.actuals.reading import cell_text as _cell_text
from lishi_metrics.actuals.reading import column_letter as _column_letter
from lishi_metrics.actuals.reading import number_text as _number_text
from lishi_metrics.actuals.reading import quote
from lishi_metrics.actuals.template import period_years, with_companions
from lishi_metrics.errors import ImportRejected, Problem  # noqa: F401 - Problem is re-exported

MAX_PROBLEMS = 200
# A change from the previous year beyond ±50 % needs a confirmation.
CHANGE_LIMIT = 0.5
# Descriptive columns users may keep or add; they are ignored without a warning.
KNOWN_COLUMNS = {
    "indicator_id",
    "name_zh",
    "name_en",
    "unit_zh",
    "unit_en",
    "category_zh",
    "category_en",
    "note",
    "price_basis_zh",
    "price_basis_en",
}

_NUMBER_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
_YEAR_RE = re.compile(r"^(\d{4})(?:\.0+)?年?$")


class _Enough(Exception):
    """Raised inside validate when MAX_PROBLEMS errors are collected: the rest of the file is not looked at."""


class _Problems(list):
    """A list of problems that stops the validation once it holds more than `limit`."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def append(self, problem: Problem) -> None:  # type: ignore[override]
        super().append(problem)
        if len(self) > self.limit:
            raise _Enough


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
    plan_years: Iterable[int] | None = None,
) -> ValidationResult:
    """Check an upload against the indicators and the stored actuals; nothing is stored here.

    Args:
        df: the upload as read by read_upload (header = spreadsheet row 1).
        indicators_df: indicators of one plan or of several (indicator_id, name_zh, unit_zh, value_type; base_year,
            base_value, target_year: each row's values are accepted for the years after its base year up to its
            target year, and the first is checked against the base value).
        current_df: the store's current actuals (indicator_id, year, value), or None.
        plan_years: the year columns that may appear (default: every plan's years, period_years).
    """
    indicators_df = with_companions(indicators_df)  # the rows of growth at comparable prices are importable too
    plan_years = period_years(indicators_df, plan_years)
    problems: list[Problem] = _Problems(MAX_PROBLEMS)
    warnings: list[Problem] = _Problems(MAX_PROBLEMS)
    meta = _indicator_meta(indicators_df)
    stored = _stored_values(current_df)
    values: list[tuple[str, int, float, int, str]] = []  # indicator_id, year, value, row, column
    try:
        _check_cells(df, plan_years, indicators_df, meta, stored, values, problems, warnings)
    except _Enough:
        pass  # the lists end with one item past the limit: _capped says "… and more"
    return ValidationResult(
        values=_values_frame(values),
        problems=_capped(problems),
        warnings=_capped(warnings),
        preview=_preview(values, meta, stored),
    )


def _values_frame(values) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": pd.Series([v[0] for v in values], dtype=str),
            "year": pd.Series([v[1] for v in values], dtype="int64"),
            "value": pd.Series([v[2] for v in values], dtype="float64"),
        }
    )


def _check_cells(df, plan_years, indicators_df, meta, stored, values, problems, warnings) -> None:
    id_pos, year_cols = _classify_columns(df, plan_years, set(indicators_df.columns), problems, warnings)
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
                        f"unknown indicator '{quote(indicator_id)}': use the ids of the template",
                        f"未知指标“{quote(indicator_id)}”：请使用模板中的指标代码",
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
                            f"'{quote(text)}' is not a number: enter one number (e.g. 1234.5) or leave the cell empty",
                            f"“{quote(text)}”不是数字：请填写一个数字（如 1234.5），无数值请留空",
                        )
                    )
                    continue
                first, last = meta[indicator_id]["period"]
                if first is not None and not first <= year <= last:
                    problems.append(
                        Problem(
                            row_no,
                            col,
                            f"{indicator_id} belongs to a plan for {first}–{last}: {year} is outside it, "
                            "leave the cell empty",
                            f"指标“{indicator_id}”所属规划的年份为 {first}—{last} 年，{year} 年不在其中：请留空",
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
        _plausibility(meta[indicator_id], indicator_id, year, value, row_no, col, uploaded, stored, problems, warnings)


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
            problems.append(
                Problem(1, quote(header), f"column '{quote(header)}' appears twice", f"列“{quote(header)}”重复出现")
            )
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
                        quote(header),
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
                    quote(header),
                    f"column '{quote(header)}' is not a template column: it is ignored",
                    f"列“{quote(header)}”不是模板中的列，将被忽略",
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


def _plausibility(info, indicator_id, year, value, row_no, col, uploaded, stored, problems, warnings) -> None:
    """Impossible values are errors (`problems`); unusual changes are warnings."""
    value_type, unit = info["value_type"], info["unit_zh"]
    shown = _number_text(value)
    if value_type == "share" or (unit == "%" and value_type not in ("rate", "text")):
        if value > 100 or value < 0:
            problems.append(
                Problem(
                    row_no,
                    col,
                    f"{indicator_id} {year}: a share of {shown} % is impossible (a share lies within 0–100 %)",
                    f"{indicator_id} {year} 年：比重 {shown}% 不可能成立（比重应在 0–100% 之间）",
                )
            )
    elif value_type in ("count", "level") and value < 0:
        problems.append(
            Problem(
                row_no,
                col,
                f"{indicator_id} {year}: {shown} is impossible (this indicator cannot be negative)",
                f"{indicator_id} {year} 年：数值 {shown} 不可能成立（该指标不能为负数）",
            )
        )
    if value_type in ("rate", "text"):
        return  # a relative change of a growth rate means nothing
    previous, where = uploaded.get((indicator_id, year - 1)), "this file"
    if previous is None:
        previous, where = stored.get((indicator_id, year - 1)), "the stored actuals"
    if previous is None and info["base_year"] is not None and year - 1 == info["base_year"]:
        previous, where = info["base_value"], "the plan's base-year value"
    if previous is None or previous == 0:
        return
    change = value / previous - 1
    if abs(change) > CHANGE_LIMIT:
        where_zh = {
            "this file": "本文件",
            "the stored actuals": "已存实际值",
            "the plan's base-year value": "规划基期值",
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
        base_year, base_value, target_year = rec.get("base_year"), rec.get("base_value"), rec.get("target_year")
        known = not (base_year is None or pd.isna(base_year) or target_year is None or pd.isna(target_year))
        meta[str(rec["indicator_id"])] = {
            "name_zh": _cell_text(rec.get("name_zh")),
            "unit_zh": _cell_text(rec.get("unit_zh")),
            "value_type": _cell_text(rec.get("value_type")),
            "period": (int(base_year) + 1, int(target_year)) if known else (None, None),
            "base_year": None if base_year is None or pd.isna(base_year) else int(base_year),
            "base_value": None if base_value is None or pd.isna(base_value) else float(base_value),
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


def _capped(problems: list[Problem]) -> list[Problem]:
    problems = list(problems)
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return problems[:MAX_PROBLEMS] + [
        Problem(
            None,
            None,
            f"… and more: the check stopped after {MAX_PROBLEMS}; fix these and upload again",
            f"……还有更多：检查在第 {MAX_PROBLEMS} 项后停止；请先修正以上问题后重新上传",
        )
    ]


def _summary(problems: list[Problem]) -> str:
    first = problems[0]
    where = ", ".join(
        x for x in (f"row {first.row}" if first.row else "", f"column {first.column}" if first.column else "") if x
    )
    text = f"{where}: {first.message}" if where else first.message
    more = len(problems) - 1
    return f"upload rejected: {text}" + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
