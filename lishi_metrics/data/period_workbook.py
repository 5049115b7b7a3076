"""The year-to-date import (经济运行, beside data.plan_workbook): template workbook, bounded reading and validation of targets and periods.

The workbook has two sheets, `targets` (the year's growth and/or level target per indicator) and `periods`
(the published year-to-date level and growth per month or quarter), and a Chinese instructions sheet. Reading
is the actuals' bounded reader; problems are reported per sheet, row and column in English and Chinese, and a
rejected file leaves the store as it was. Indicator definitions (frequency, direction) are passed in.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa

from lishi_metrics.actuals import fileio, reading, store
from lishi_metrics.actuals.validate import parse_number, sha256_bytes
from lishi_metrics.errors import DataError, ImportRejected, Problem
from lishi_metrics.model import periods as pm, rowwise

TARGETS_SHEET, PERIODS_SHEET, HELP_SHEET = "targets", "periods", "填写说明"
TARGET_COLUMNS = ("indicator_id", "name_zh", "unit_zh", "year", "target_growth", "target_value")
PERIOD_COLUMNS = ("indicator_id", "name_zh", "unit_zh", "period", "value", "growth")
# Year-to-date growth beyond ±GROWTH_WARN % is possible (a closed mine, a new plant) but more often a typo.
GROWTH_WARN = 50.0
YEAR_RANGE = (1949, 2100)
MAX_PROBLEMS = 200
__all__ = ["sha256_bytes"]

HELP = (
    ("用途", "本工作簿用于导入经济运行月度/季度数据（统计月报）和当年目标。导入：python -m lishi_metrics periods import 文件 --by 姓名"),
    ("targets 表", "每个指标每年一行：year 为年份，target_growth 为全年增长目标（%，如 6.0 表示增长6.0%），"
                   "target_value 为全年总量目标（单位见 unit_zh）；两者可只填其一。来源如当年政府工作报告。"),
    ("periods 表", "每个指标每期一行：period 为期别，月度指标写 YYYY-MM（如 2026-10 表示1—10月），"
                   "季度指标写 YYYY-Qn（如 2026-Q3 表示前三季度）。"),
    ("value", "1月（或一季度）起至该期的累计值（累计值），单位见 unit_zh；同一年内应逐期不减。"),
    ("growth", "累计增速：比上年同期增长的百分比（%），地区生产总值、工业增加值按可比价格计算。"),
    ("上年数据", "上年各期累计值也请填写（至少上年同期和上年全年），用于计算“其余各期需增长多少才能完成全年目标”。"),
    ("注意", "不要填写尚未到来的月份；增速超过 ±50% 时导入会提示确认；空行会被忽略；name_zh、unit_zh 仅供参考。"),
)


@dataclass
class PeriodCheck:
    """What validation found: the rows to store (targets, periods), problems (reject) and warnings (confirm)."""

    targets: list[dict] = field(default_factory=list)
    periods: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def raise_if_rejected(self) -> None:
        if self.problems:
            n = len(self.problems)
            raise ImportRejected(f"{n} problem(s) in the workbook; nothing was stored", self.problems[:MAX_PROBLEMS])


# ---------------------------------------------------------------- template


def template_frames(indicators: pd.DataFrame, year: int) -> dict[str, pd.DataFrame]:
    """The two sheets for `year`: one target row per indicator; a period row per month or quarter of the year
    before and of `year` (the year before gives the weights of the needed-growth arithmetic)."""
    targets, rows = [], []
    for ind in rowwise.rows(indicators, index=False):
        targets.append({"indicator_id": ind.periodic_id, "name_zh": ind.name_zh, "unit_zh": ind.unit_zh,
                        "year": year, "target_growth": None, "target_value": None})
        for y in (year - 1, year):
            for n in range(1, pm.PER_YEAR[ind.frequency] + 1):
                rows.append({"indicator_id": ind.periodic_id, "name_zh": ind.name_zh, "unit_zh": ind.unit_zh,
                             "period": pm.Period(y, ind.frequency, n).label, "value": None, "growth": None})
    return {TARGETS_SHEET: pd.DataFrame(targets, columns=list(TARGET_COLUMNS)),
            PERIODS_SHEET: pd.DataFrame(rows, columns=list(PERIOD_COLUMNS))}


def write_template(path: str | Path, indicators: pd.DataFrame, year: int) -> Path:
    """Write the template workbook (.xlsx only: two sheets, data validation and the instructions sheet).

    Raises:
        DataError: the file name does not end in .xlsx, or the year is outside YEAR_RANGE.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise DataError(f"template file {path.name} must end in .xlsx (the workbook has two sheets)")
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise DataError(f"year {year} is outside {YEAR_RANGE[0]}–{YEAR_RANGE[1]}")
    data = workbook_bytes(template_frames(indicators, year))
    fileio.atomic_write(path, data, mode=0o644)
    return path


def workbook_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """The XLSX: bold frozen headers, validated number and period cells, text neutralised, 填写说明 last."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in frames.items():
        ws = wb.create_sheet(name)
        ws.append(list(frame.columns))
        for row in rowwise.rows(frame, index=False):
            ws.append([None if pd.isna(v) else fileio.neutralise(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "D2"
        for i, col in enumerate(frame.columns):
            ws.column_dimensions[reading.column_letter(i)].width = 26 if col in ("indicator_id", "name_zh") else 14
        last = max(ws.max_row, 2) + 500
        growth_col = "target_growth" if name == TARGETS_SHEET else "growth"
        g = reading.column_letter(list(frame.columns).index(growth_col))
        dv = DataValidation(type="decimal", operator="between", formula1="-100", formula2="1000", allow_blank=True,
                            showErrorMessage=True, errorTitle="数值无效 Invalid value",
                            error="增速填百分数，如 6.0 / growth in percent, e.g. 6.0")
        dv.add(f"{g}2:{g}{last}")
        ws.add_data_validation(dv)
        value_col = "target_value" if name == TARGETS_SHEET else "value"
        v = reading.column_letter(list(frame.columns).index(value_col))
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle="数值无效 Invalid value",
                            error="总量不能为负数 / a level cannot be negative")
        dv.add(f"{v}2:{v}{last}")
        ws.add_data_validation(dv)
        if name == TARGETS_SHEET:
            y = reading.column_letter(TARGET_COLUMNS.index("year"))
            dv = DataValidation(type="whole", operator="between", formula1=str(YEAR_RANGE[0]),
                                formula2=str(YEAR_RANGE[1]), showErrorMessage=True,
                                error="请填写四位年份 / a four-digit year")
            dv.add(f"{y}2:{y}{last}")
            ws.add_data_validation(dv)
        else:
            p = reading.column_letter(PERIOD_COLUMNS.index("period"))
            dv = DataValidation(type="textLength", operator="between", formula1="7", formula2="7",
                                showErrorMessage=True, error="期别写 YYYY-MM 或 YYYY-Qn / YYYY-MM or YYYY-Qn")
            dv.add(f"{p}2:{p}{last}")
            ws.add_data_validation(dv)
    info = wb.create_sheet(HELP_SHEET)
    info.append(["项目", "说明"])
    for row in HELP:
        info.append(list(row))
    info["A1"].font = info["B1"].font = Font(bold=True)
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 110
    for row in info.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- reading and checking


def check_upload(name: str, data: bytes, indicators: pd.DataFrame, stored: dict[str, pd.DataFrame],
                 today: date | None = None) -> PeriodCheck:
    """Read the workbook (bounded) and check it against the indicators and what is stored; nothing is stored.

    Raises:
        ImportRejected: the file cannot be read at all (size, type, a sheet missing …).
    """
    if Path(name or "").suffix.lower() != ".xlsx":
        reading.reject("the periods workbook must be an .xlsx file (python -m lishi_metrics periods template)",
                       "经济运行数据须使用 .xlsx 工作簿（python -m lishi_metrics periods template 生成模板）")
    frames = {}
    for sheet in (TARGETS_SHEET, PERIODS_SHEET):
        try:
            frames[sheet] = reading.read_upload(name, data, sheet=sheet)
        except ImportRejected as exc:
            raise ImportRejected(str(exc), [_on(p, sheet) for p in exc.problems]) from exc
        _ = frames[sheet]
    out = PeriodCheck()
    meta = {r.periodic_id: r for r in rowwise.rows(indicators, index=False)}
    today = today or date.today()
    _check_targets(frames[TARGETS_SHEET], meta, out)
    _check_periods(frames[PERIODS_SHEET], meta, stored.get("periods"), today, out)
    if not out.problems and not out.targets and not out.periods:
        out.problems.append(Problem(None, None, "the workbook has no filled rows: fill target_growth/target_value "
                                    "or value/growth", "工作簿中没有填写任何数据：请填写目标或累计值、累计增速"))
    return out


def commit(store_dir: str | Path, name: str, data: bytes, indicators: pd.DataFrame, by: str) -> int:
    """Store a checked workbook as a new version (store.commit_periods: the lock, the seal, the history): the one
    import of the CLI and the data page. It is checked again under the lock against what is stored then, so a
    concurrent import cannot slip past. Returns the version.

    Raises:
        ImportRejected: the workbook fails the check now; StoreError: the store cannot be written.
    """
    def tables(current: dict[str, pd.DataFrame]) -> tuple[dict[str, pa.Table], dict]:
        again = check_upload(name, data, indicators, current)
        again.raise_if_rejected()
        return merged(current, again, f"periods-{sha256_bytes(data)[:12]}")

    return store.commit_periods(store_dir, tables, by=by, file_name=Path(str(name)).name, sha256=sha256_bytes(data))


def _on(p: Problem, sheet: str) -> Problem:
    return Problem(p.row, p.column, p.message, p.message_zh, sheet=sheet)


def _p(out: list[Problem], sheet: str, row: int | None, col: str | None, en: str, zh: str) -> None:
    if len(out) < MAX_PROBLEMS:
        out.append(Problem(row, col, en, zh, sheet=sheet))


def _columns(frame: pd.DataFrame, sheet: str, required: tuple[str, ...], out: PeriodCheck) -> bool:
    missing = [c for c in required if c not in frame.columns]
    if missing:
        _p(out.problems, sheet, 1, None, f"sheet {sheet} lacks the column(s) {', '.join(missing)}: use the template",
           f"工作表 {sheet} 缺少列 {'、'.join(missing)}：请使用模板")
        return False
    return True


def _number(text: str, sheet: str, row: int, col: str, out: PeriodCheck) -> tuple[bool, float | None]:
    if text.strip() == "":
        return True, None
    value = parse_number(text)
    if value is None:
        _p(out.problems, sheet, row, col, f"{reading.quote(text)!r} is not a number", f"“{reading.quote(text)}”不是数字")
        return False, None
    return True, value


def _known(iid: str, meta: dict, sheet: str, row: int, out: PeriodCheck) -> bool:
    if iid in meta:
        return True
    _p(out.problems, sheet, row, "indicator_id", f"unknown indicator {reading.quote(iid)!r}: keep the template's ids",
       f"未知指标“{reading.quote(iid)}”：请保留模板中的指标编号")
    return False


def _check_targets(frame: pd.DataFrame, meta: dict, out: PeriodCheck) -> None:
    sheet = TARGETS_SHEET
    if not _columns(frame, sheet, ("indicator_id", "year", "target_growth", "target_value"), out):
        return
    seen: set[tuple[str, int]] = set()
    for i, r in enumerate(frame.to_dict("records")):
        row = i + 2
        iid = str(r["indicator_id"]).strip()
        ok_g, g = _number(str(r["target_growth"]), sheet, row, "target_growth", out)
        ok_v, v = _number(str(r["target_value"]), sheet, row, "target_value", out)
        if ok_g and ok_v and g is None and v is None:
            continue  # a row left empty
        if not _known(iid, meta, sheet, row, out) or not (ok_g and ok_v):
            continue
        year_text = str(r["year"]).strip().removesuffix(".0")
        if not (year_text.isdigit() and YEAR_RANGE[0] <= int(year_text) <= YEAR_RANGE[1]):
            _p(out.problems, sheet, row, "year", f"year {reading.quote(year_text)!r} is not a four-digit year",
               f"年份“{reading.quote(year_text)}”不是四位年份")
            continue
        year = int(year_text)
        if (iid, year) in seen:
            _p(out.problems, sheet, row, "indicator_id", f"{iid} {year} is given twice", f"{iid} {year} 年重复填写")
            continue
        seen.add((iid, year))
        if v is not None and v < 0:
            _p(out.problems, sheet, row, "target_value", "a level target cannot be negative", "总量目标不能为负数")
            continue
        if g is not None and abs(g) > GROWTH_WARN:
            _p(out.warnings, sheet, row, "target_growth", f"a growth target of {g:g} % is outside ±{GROWTH_WARN:g} %",
               f"增长目标 {g:g}% 超出 ±{GROWTH_WARN:g}%")
        note = str(r.get("source", "") or "").strip()
        out.targets.append({"indicator_id": iid, "year": year, "target_growth": g, "target_value": v,
                            "note": store.printable(note) or None})


def _check_periods(frame: pd.DataFrame, meta: dict, stored: pd.DataFrame | None, today: date,
                   out: PeriodCheck) -> None:
    sheet = PERIODS_SHEET
    if not _columns(frame, sheet, ("indicator_id", "period", "value", "growth"), out):
        return
    current = pm.Period(today.year, pm.MONTH, today.month)
    last_in_file: dict[tuple[str, int], pm.Period] = {}
    uploaded: dict[tuple[str, str], tuple[int, float | None, float | None]] = {}
    for i, r in enumerate(frame.to_dict("records")):
        row = i + 2
        iid = str(r["indicator_id"]).strip()
        ok_v, v = _number(str(r["value"]), sheet, row, "value", out)
        ok_g, g = _number(str(r["growth"]), sheet, row, "growth", out)
        if ok_v and ok_g and v is None and g is None:
            continue
        if not _known(iid, meta, sheet, row, out) or not (ok_v and ok_g):
            continue
        try:
            p = pm.parse_period(str(r["period"]))
        except pm.PeriodError:
            _p(out.problems, sheet, row, "period", f"period {reading.quote(r['period'])!r} is not YYYY-MM or YYYY-Qn",
               f"期别“{reading.quote(r['period'])}”应写作 YYYY-MM 或 YYYY-Qn")
            continue
        freq = meta[iid].frequency
        if p.frequency != freq:
            en = "monthly: write YYYY-MM" if freq == pm.MONTH else "quarterly: write YYYY-Qn"
            zh = "按月发布：期别写 YYYY-MM" if freq == pm.MONTH else "按季发布：期别写 YYYY-Qn"
            _p(out.problems, sheet, row, "period", f"{iid} is published {en}, not {p.label}", f"{iid} {zh}，而不是 {p.label}")
            continue
        if p.year > current.year or (p.year == current.year and p.months > current.months):
            _p(out.problems, sheet, row, "period",
               f"{p.label} has not ended yet (today is {today.isoformat()}): a month after the current one",
               f"{p.label} 尚未到来（今天是 {today.isoformat()}），不能填写当前月份之后的数据")
            continue
        key = (iid, p.year)
        prev = last_in_file.get(key)
        if prev is not None and p.n <= prev.n:
            what = "twice" if p.n == prev.n else f"after {prev.label}: periods out of order"
            what_zh = "重复" if p.n == prev.n else f"排在 {prev.label} 之后：期别顺序颠倒"
            _p(out.problems, sheet, row, "period", f"{iid} {p.label} is given {what}", f"{iid} {p.label} {what_zh}")
            continue
        last_in_file[key] = p
        if v is not None and v < 0:
            _p(out.problems, sheet, row, "value", "a year-to-date level cannot be negative", "累计值不能为负数")
            continue
        if g is not None and abs(g) > GROWTH_WARN:
            _p(out.warnings, sheet, row, "growth", f"{iid} {p.label}: growth {g:g} % is outside ±{GROWTH_WARN:g} %",
               f"{iid} {p.label}：累计增速 {g:g}% 超出 ±{GROWTH_WARN:g}%")
        uploaded[(iid, p.label)] = (row, v, g)
        out.periods.append({"indicator_id": iid, "period": p.label, "value": v, "growth": g})
    _check_levels_rise(uploaded, stored, out)


def _check_levels_rise(uploaded: dict, stored: pd.DataFrame | None, out: PeriodCheck) -> None:
    """A year-to-date level never falls within a year: checked on the stored rows merged with the upload."""
    levels: dict[tuple[str, int], dict[int, tuple[float, int | None]]] = {}
    if stored is not None and len(stored):
        for r in rowwise.rows(stored, index=False):
            v = store_number(r.value)
            if v is not None:
                p = pm.parse_period(r.period)
                levels.setdefault((r.indicator_id, p.year), {})[p.n] = (v, None)
    for (iid, label), (row, v, _g) in uploaded.items():
        p = pm.parse_period(label)
        if v is not None:
            levels.setdefault((iid, p.year), {})[p.n] = (v, row)
    for (iid, year), by_n in levels.items():
        ordered = sorted(by_n.items())
        for (n0, (v0, _)), (n1, (v1, row1)) in zip(ordered, ordered[1:]):
            if v1 < v0:
                row = row1 if row1 is not None else by_n[n0][1]
                _p(out.problems, PERIODS_SHEET, row, "value",
                   f"{iid} {year}: the year-to-date level falls from {v0:g} to {v1:g} (period {n0} → {n1})",
                   f"{iid} {year} 年：累计值从 {v0:g} 降到 {v1:g}（第 {n0} 期 → 第 {n1} 期），累计值不应减少")


def store_number(x) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if v != v else v


def merged(stored: dict[str, pd.DataFrame], check: PeriodCheck, source: str) -> tuple[dict[str, pa.Table], dict]:
    """The stored tables with the checked rows merged in (a filled cell replaces the stored one), and counts."""
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    out = {}
    for name, rows, key, cells in (
        ("period_targets", check.targets, ("indicator_id", "year"), ("target_growth", "target_value", "note")),
        ("periods", check.periods, ("indicator_id", "period"), ("value", "growth")),
    ):
        base = stored[name]
        table: dict[tuple, dict] = {tuple(r[k] for k in key): dict(r) for r in base.to_dict("records")}
        for r in rows:
            k = tuple(r[c] for c in key)
            old = table.get(k)
            new = dict(old) if old else {**r, "source": source}
            changed = False
            for c in cells:
                if r.get(c) is not None and (old is None or store_number(old.get(c)) != r[c] and old.get(c) != r[c]):
                    new[c] = r[c]
                    changed = True
            if old is None:
                counts["added"] += 1
            elif changed:
                new["source"] = source
                counts["changed"] += 1
            else:
                counts["unchanged"] += 1
            table[k] = new
        schema = store.PERIOD_SCHEMAS[name]
        records = [table[k] for k in sorted(table, key=lambda k: tuple(str(x) for x in k))]
        cols = {f.name: [None if _isna(r.get(f.name)) else r.get(f.name) for r in records] for f in schema}
        out[name] = pa.table(cols, schema=schema)
    return out, counts


def _isna(x) -> bool:
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False
