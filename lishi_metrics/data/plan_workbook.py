"""The plan-definition workbook: write it (empty or filled from a plan), read and check it, turn it into tables.

A new plan (the 15th, a neighbouring county's) is transcribed into this workbook and imported into the
versioned store; the data layer then unions it with the shipped plans, so every page can show it. It is the
sibling of build.py (CSV sources → tables), and is as strict as the actuals import: every problem names the
sheet, row and column in Chinese and English, and nothing is stored while there is one.

Length (about 750 lines): writer, reader and checks of one file format stay together, so a column added
to the workbook is added to all three in one place (the round-trip test covers them together).

Sheets: `plan` (one row), `indicators` (one row per indicator of the plan's main table), `说明` (what every
column means). A CSV per sheet is accepted too (plan.csv and indicators.csv).
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from lishi_metrics.actuals import reading, upload
from lishi_metrics.actuals import validate as actuals_validate
from lishi_metrics.data import check as source_check
from lishi_metrics.data.schema import CUMULATIVE_RULES, ROLES, SCHEMAS, conform
from lishi_metrics.errors import DataError, ImportRejected, Problem
from lishi_metrics.model import printed, rowwise

PLAN_SHEET, INDICATOR_SHEET, HELP_SHEET = "plan", "indicators", "说明"
PLAN_COLUMNS = ("plan_id", "name_zh", "name_en", "region_zh", "region_en", "start_year", "end_year", "base_year",
                "previous_plan_id", "short_name_zh", "short_name_en", "table_title_zh", "table_title_en",
                "stats_source_zh", "stats_source_en")
INDICATOR_COLUMNS = (
    "indicator_id", "seq", "category_zh", "category_en", "name_zh", "name_en", "unit_zh", "unit_en",
    "attribute", "direction", "value_type", "base_year", "base_value", "base_note", "target_year", "target_value",
    "growth_text", "cumulative_rule", "role", "source", "note", "note_en", "decimals", "short_name_zh",
    "short_name_en",
)
PLAN_REQUIRED = set(PLAN_COLUMNS[:8])  # lineage and wording may be left empty (generic words are used)
INDICATOR_REQUIRED = {"indicator_id", "category_zh", "name_zh", "attribute", "direction", "value_type"}
ATTRIBUTES = ("预期性", "约束性")
DIRECTIONS = ("up", "down", "none")
VALUE_TYPES = ("level", "share", "rate", "count", "text")
MAX_INDICATORS = 500
MAX_TEXT = 300  # characters in one cell; a plan's longest printed cell is far shorter
YEAR_RANGE = (1949, 2100)
_ID_RE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
_INDICATOR_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,79}$")
DEFAULT_SOURCE = "规划主要指标表"
# Every feature a plan without a GDP level loses (issue 21.5), named in the import's warnings.
GDP_LIMITS_EN = ("without a GDP level (a base and a target value) the plan imports, but the scenario simulator has "
                 "nothing to simulate, the big screen shows no GDP chart and the reports' section on the size of the "
                 "economy says the level is missing; every other indicator's progress, status and evaluation work")
GDP_LIMITS_ZH = ("没有经济总量（基期值和目标值）时规划仍可导入，但情景模拟无从模拟，大屏不显示经济总量图，报告的“经济总量”一节"
                 "只说明缺少总量；其余指标的进度、状态和评估不受影响")

# Column → (meaning in Chinese, example): the 说明 sheet, one row per column.
HELP: tuple[tuple[str, str, str, str], ...] = (
    (PLAN_SHEET, "plan_id", "规划代码，小写字母开头，只含小写字母、数字和下划线；将出现在链接中（plan=代码）", "fyp15"),
    (PLAN_SHEET, "name_zh", "规划全称（中文）", "吕梁市离石区国民经济和社会发展第十五个五年规划纲要"),
    (PLAN_SHEET, "name_en", "规划全称（英文）", "Lishi District 15th Five-Year Plan"),
    (PLAN_SHEET, "region_zh", "地区（中文）", "吕梁市离石区"),
    (PLAN_SHEET, "region_en", "地区（英文）", "Lishi District, Lüliang, Shanxi"),
    (PLAN_SHEET, "start_year", "规划期第一年", "2026"),
    (PLAN_SHEET, "end_year", "规划期最后一年（目标年）", "2030"),
    (PLAN_SHEET, "base_year", "基期年（规划期前一年）", "2025"),
    (PLAN_SHEET, "previous_plan_id", "上一个规划的代码（可留空）；填写后总览显示上一规划的目标完成情况，"
     "大屏和报告绘出上一规划时期的数据", "fyp14"),
    (PLAN_SHEET, "short_name_zh", "规划简称（中文，可留空），页面标题和图表中使用", "“十五五”"),
    (PLAN_SHEET, "short_name_en", "规划简称（英文，可留空）", "15th plan"),
    (PLAN_SHEET, "table_title_zh", "主要指标表的标题，按原文（可留空）", "专栏 1：“十五五”主要指标"),
    (PLAN_SHEET, "table_title_en", "主要指标表的标题（英文，可留空）", "Table 1: main indicators of the 15th plan"),
    (PLAN_SHEET, "stats_source_zh", "年度实际数据的发布机构（可留空）", "吕梁市离石区统计局"),
    (PLAN_SHEET, "stats_source_en", "发布机构（英文，可留空）", "Lishi District Statistics Bureau"),
    (INDICATOR_SHEET, "indicator_id", "指标代码，全系统唯一，建议以规划代码开头；与“十四五”同名的后缀（如 _gdp、_forest_cover）"
     "会在总览和大屏上占据相同位置", "fyp15_gdp"),
    (INDICATOR_SHEET, "seq", "规划表中的序号（可留空，按行序编号）", "1"),
    (INDICATOR_SHEET, "category_zh", "规划表中的类别（中文）", "经济发展"),
    (INDICATOR_SHEET, "category_en", "类别（英文）", "Economic development"),
    (INDICATOR_SHEET, "name_zh", "指标名称（中文，不含单位）", "地区生产总值"),
    (INDICATOR_SHEET, "name_en", "指标名称（英文）", "Gross domestic product (GDP)"),
    (INDICATOR_SHEET, "unit_zh", "单位（中文，如 亿元、%、万人；无单位留空）", "亿元"),
    (INDICATOR_SHEET, "unit_en", "单位（英文）", "CNY 100 million"),
    (INDICATOR_SHEET, "attribute", "指标属性：预期性 或 约束性", "预期性"),
    (INDICATOR_SHEET, "direction", "方向：up（越高越好）、down（越低越好）、none（不分高低）", "up"),
    (INDICATOR_SHEET, "value_type", "数值类型：level（总量）、share（比重，0–100）、rate（增速或变化率 %）、count（个数）、text（文字）",
     "level"),
    (INDICATOR_SHEET, "base_year", "基期年（留空则取 plan 表的 base_year；规划注明基期值为更早年份的数据时，填写该年份，"
     "并在 base_note 中照抄注释）", "2025"),
    (INDICATOR_SHEET, "base_value", "基期值，按规划原文照抄；原文为“—”时填“—”或留空", "250"),
    (INDICATOR_SHEET, "base_note", "基期值的注释，照抄原文（如“2019年数据”）", "2019年数据"),
    (INDICATOR_SHEET, "target_year", "目标年（留空则取 plan 表的 end_year；填写时必须与之相同）", "2030"),
    (INDICATOR_SHEET, "target_value", "目标值，按原文照抄：数值（如 360）、界限（如 >6.5、<5.5、≥87.5，可带文字如“>7、力争……”）、"
     "五年累计变化（如 〔13.5〕、[1]、［0.04］）或文字（如“完成市任务”）", "360"),
    (INDICATOR_SHEET, "growth_text", "年均增长栏，照抄原文：年均增速（如 7.5）、界限（如 >6）、五年累计（如 [600]、〔13.5〕）或文字",
     "7.5"),
    (INDICATOR_SHEET, "cumulative_rule", "五年累计数的含义（可留空）：change（水平变化，如〔1〕岁为增加1岁；百分比为百分点）、"
     "total（五年合计，如固定资产投资[600]）、growth/reduction（各年增速/降低率逐年复合；增速类指标默认，名称含“降低”时为 reduction）",
     "reduction"),
    (INDICATOR_SHEET, "role", "该行在页面上的作用（可留空）：gdp（地区生产总值，情景模拟和大屏需要）、"
     "industry_share（工业增加值占 GDP 比重）；每个作用最多一行", "gdp"),
    (INDICATOR_SHEET, "source", "出处，如 专栏2", "专栏2"),
    (INDICATOR_SHEET, "note", "指标注释（可留空），如“目标为上限”", ""),
    (INDICATOR_SHEET, "note_en", "指标注释的英文（可留空：英文页面显示中文注释并注明）", ""),
    (INDICATOR_SHEET, "decimals", "显示的小数位数（可留空：取基期值、目标值原文中最多的小数位数；个数为 0）；页面、大屏和报告中"
     "该指标的所有数值都按此位数显示，末尾的 0 省略（如 154.7 与 255）", "1"),
    (INDICATOR_SHEET, "short_name_zh", "大屏和专题页卡片上的简称（可留空，即用指标名称）", "地区生产总值"),
    (INDICATOR_SHEET, "short_name_en", "大屏和专题页卡片上的英文简称（可留空）", "GDP"),
)


@dataclass
class PlanCheck:
    """What a plan workbook would store, and what is wrong with it.

    Attributes:
        plan_id: the plan's id ('' when unreadable).
        tables: {"plans", "indicators", "plan_observations"} as Arrow tables of the data layer's schemas
            (only this plan's rows), or None when there are problems.
        problems: errors; any error rejects the whole workbook.
        warnings: things ignored (unknown columns); views.data_admin.check_plan_upload adds the plan-arithmetic
            findings. They never reject the workbook: the page shows them above its import button, the CLI asks
            for --yes.
        replaces: True when an imported plan of the same id is replaced.
        sheet_rows: indicator_id → its row in the indicators sheet (for messages about a stored row).
    """

    plan_id: str = ""
    tables: dict[str, pa.Table] | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    replaces: bool = False
    n_indicators: int = 0
    sheet_rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and self.tables is not None

    def raise_if_rejected(self) -> None:
        if self.problems:
            first = self.problems[0]
            where = ", ".join(x for x in (f"sheet {first.sheet}" if first.sheet else "",
                                          f"row {first.row}" if first.row else "",
                                          f"column {first.column}" if first.column else "") if x)
            raise ImportRejected(f"plan workbook rejected: {where + ': ' if where else ''}{first.message}",
                                 self.problems)


# ---------------------------------------------------------------- writing


def template_frames() -> dict[str, pd.DataFrame]:
    """The sheets of an empty workbook (headers only)."""
    return {PLAN_SHEET: pd.DataFrame(columns=list(PLAN_COLUMNS)),
            INDICATOR_SHEET: pd.DataFrame(columns=list(INDICATOR_COLUMNS))}


def plan_frames(plan: pd.Series | dict, table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The sheets of a filled workbook for one plan: its plans row and data.indicator_table(plan_id)."""
    p = dict(plan)
    plan_frame = pd.DataFrame([{c: _blank(p.get(c)) for c in PLAN_COLUMNS}])
    plan_base = _int_or_none(p.get("base_year"))
    rows = []
    for r in table.sort_values("row_order", kind="stable").to_dict("records"):
        # Years are written only where a row differs from its plan (a base from an earlier year): a copy of the
        # workbook for a new plan then needs only the plan sheet's years changed.
        row_base = _int_or_none(r.get("base_year"))
        rows.append({
            "indicator_id": r["indicator_id"], "seq": r.get("seq"), "category_zh": r.get("category_zh"),
            "category_en": r.get("category_en"), "name_zh": r.get("name_zh"), "name_en": r.get("name_en"),
            "unit_zh": r.get("unit_zh"), "unit_en": r.get("unit_en"), "attribute": r.get("attribute"),
            "direction": r.get("direction"), "value_type": r.get("value_type"),
            "base_year": row_base if row_base is not None and row_base != plan_base else None,
            "base_value": _cell(r.get("base_value"), r.get("base_text")),
            "base_note": _blank(r.get("base_note")),
            "target_year": None,
            "target_value": _cell(r.get("target_value"), r.get("target_text")),
            "growth_text": _blank(r.get("growth_text")), "cumulative_rule": _blank(r.get("cumulative_rule")),
            "role": _blank(r.get("role")), "source": _blank(r.get("table_ref")), "note": _blank(r.get("note")),
            "note_en": _blank(r.get("note_en")), "decimals": _int_or_none(r.get("decimals")),
            "short_name_zh": _blank(r.get("short_name_zh")),
            "short_name_en": _blank(r.get("short_name_en")),
        })
    return {PLAN_SHEET: plan_frame, INDICATOR_SHEET: pd.DataFrame(rows, columns=list(INDICATOR_COLUMNS))}


def workbook_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """The XLSX: the plan and indicators sheets (bold header, frozen, validated coded columns) and 说明."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    for name in (PLAN_SHEET, INDICATOR_SHEET):
        frame = frames[name]
        ws = wb.create_sheet(name)
        ws.append(list(frame.columns))
        for row in rowwise.rows(frame, index=False):
            ws.append([_xlsx_value(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "B2"
        for i, col in enumerate(frame.columns):
            ws.column_dimensions[reading.column_letter(i)].width = 28 if col.startswith("name") else 16
    ws = wb[INDICATOR_SHEET]
    lists = {"attribute": ATTRIBUTES, "direction": DIRECTIONS, "value_type": VALUE_TYPES, "role": ROLES,
             "cumulative_rule": CUMULATIVE_RULES}
    last = max(ws.max_row, 2) + MAX_INDICATORS
    for col, choices in lists.items():
        letter = reading.column_letter(INDICATOR_COLUMNS.index(col))
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="无效的值", error="请从下拉列表中选择 / choose from the list")
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    for col in ("start_year", "end_year", "base_year"):
        letter = reading.column_letter(PLAN_COLUMNS.index(col))
        dv = DataValidation(type="whole", operator="between", formula1=str(YEAR_RANGE[0]), formula2=str(YEAR_RANGE[1]),
                            showErrorMessage=True, error="请填写四位年份 / a four-digit year")
        dv.add(f"{letter}2:{letter}2")
        wb[PLAN_SHEET].add_data_validation(dv)
    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.append(["工作表", "列名", "说明", "示例"])
    for row in help_rows(frames):
        help_ws.append([_xlsx_value(v) for v in row])
    for cell in help_ws[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (12, 16, 90, 40)):
        help_ws.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def help_rows(frames: dict[str, pd.DataFrame]) -> list[tuple[str, str, str, object]]:
    """The 说明 sheet: each column's meaning, with an example from the plan being written (the first row that
    fills the column), or a generic one for an empty template."""
    rows = []
    for sheet, col, meaning, generic in HELP:
        example: object = generic
        frame = frames.get(sheet)
        if frame is not None and col in frame.columns:
            filled = [v for v in frame[col].tolist() if _blank(v) is not None and str(v).strip()]
            if filled:
                example = filled[0]
            elif len(frame):
                example = ""
        rows.append((sheet, col, meaning, example))
    return rows


def _xlsx_value(value: object):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, str) and value[:1] in ("=", "+", "@"):
        return "'" + value  # never a formula: text as printed
    if hasattr(value, "item"):
        value = value.item()
    return value


# ---------------------------------------------------------------- reading and checking


def read_workbook(files: dict[str, bytes]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The plan and indicators sheets as frames of strings, from one XLSX or from plan.csv + indicators.csv.

    Args:
        files: file name → bytes (one .xlsx, or the CSV files named after their sheets).
    """
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    xlsx = [n for n in files if Path(n).suffix.lower() == ".xlsx"]
    if len(files) == 1 and xlsx:
        name = xlsx[0]
        for sheet in (PLAN_SHEET, INDICATOR_SHEET):
            try:
                frames[sheet] = upload.read_upload(name, files[name], sheet=sheet)
            except ImportRejected as exc:
                problems += [_on_sheet(p, sheet) for p in exc.problems]
                if any("cannot be read" in p.message or "unpacks" in p.message or "not an Excel" in p.message
                       or "too large" in p.message or "MB" in p.message for p in exc.problems):
                    break  # the whole file is unreadable: one message is enough
        return frames, problems
    by_sheet = {Path(n).stem.lower(): n for n in files}
    for sheet in (PLAN_SHEET, INDICATOR_SHEET):
        name = by_sheet.get(sheet)
        if name is None:
            problems.append(Problem(None, None, f"sheet '{sheet}' is missing: give {sheet}.csv or one .xlsx workbook",
                                    f"缺少工作表“{sheet}”：请提供 {sheet}.csv 或一个 .xlsx 工作簿", sheet=sheet))
            continue
        try:
            frames[sheet] = upload.read_upload(name, files[name])
        except ImportRejected as exc:
            problems += [_on_sheet(p, sheet) for p in exc.problems]
    return frames, problems


def check_workbook(files: dict[str, bytes], plans: pd.DataFrame, indicators: pd.DataFrame,
                   imported_plans: set[str] | frozenset[str] = frozenset(), document: str = "") -> PlanCheck:
    """Read and check a plan workbook against the plans already known; nothing is stored here.

    Args:
        files: the workbook (one .xlsx) or plan.csv and indicators.csv, name → bytes.
        plans: every known plan (plan_id …); a shipped plan's id is refused, an imported one is replaced.
        indicators: every known indicator (indicator_id, plan_id): ids must stay unique across plans.
        imported_plans: the ids of imported plans (which may be replaced).
        document: recorded as the plan's document (the workbook's file name).
    """
    out = PlanCheck()
    frames, out.problems = read_workbook(files)
    if out.problems:
        return out
    plan_rows = _check_plan(frames[PLAN_SHEET], plans, set(imported_plans), out)
    if plan_rows is None:
        _check_indicators(frames[INDICATOR_SHEET], None, indicators, out)  # report both sheets at once
        out.problems = actuals_validate._capped(out.problems)
        return out
    rows = _check_indicators(frames[INDICATOR_SHEET], plan_rows, indicators, out)
    out.problems = actuals_validate._capped(out.problems)
    if out.problems or rows is None:
        return out
    out.tables = _tables(plan_rows, rows, document or "workbook")
    out.n_indicators = len(rows)
    out.sheet_rows = {r["indicator_id"]: r["sheet_row"] for r in rows}
    return out


def indicator_frame(tables: dict[str, pa.Table]) -> pd.DataFrame:
    """A checked plan's rows shaped like data.indicator_table (base and target beside each indicator), so the
    model's checks (progress.plan_arithmetic) can run on a workbook before it is stored."""
    plan = tables["plans"].to_pandas().iloc[0]
    ind = tables["indicators"].to_pandas()
    obs = tables["plan_observations"].to_pandas()
    base = obs[obs["kind"] == "base"].set_index("indicator_id")
    target = obs[obs["kind"] == "target"].set_index("indicator_id")
    out = ind.loc[:, ["indicator_id", "plan_id", "table_ref", "row_order", "name_zh", "name_en", "unit_zh",
                      "value_type", "direction", "attribute"]].copy()
    ids = out["indicator_id"]
    out["base_year"] = ids.map(base["year"]).fillna(int(plan["base_year"])).astype(int)
    out["base_value"] = ids.map(base["value"]).astype("Float64")
    out["target_year"] = int(plan["end_year"])
    out["target_value"] = ids.map(target["value"]).astype("Float64")
    out["growth_pct"] = ids.map(target["growth_pct"]).astype("Float64")
    out["growth_cumulative"] = ids.map(target["growth_cumulative"]).fillna(False).astype(bool)
    for col in ("value_kind", "value_op", "growth_kind", "growth_op"):
        out[col.replace("value_", "target_")] = ids.map(target[col])
    return out


def _on_sheet(p: Problem, sheet: str) -> Problem:
    return Problem(p.row, p.column, f"sheet {sheet}: {p.message}", f"工作表“{sheet}”：{p.message_zh}", sheet=sheet)


def _p(out_list: list[Problem], sheet: str, row: int | None, column: str | None, en: str, zh: str) -> None:
    out_list.append(Problem(row, column, en, zh, sheet=sheet))


def _columns(frame: pd.DataFrame, sheet: str, known: tuple[str, ...], required: set[str], out: PlanCheck) -> dict:
    """Header → position; missing required columns are problems, unknown ones warnings."""
    pos: dict[str, int] = {}
    for i, raw in enumerate(frame.columns):
        name = reading.cell_text(raw).strip()
        key = name.lower()
        if key in pos:
            _p(out.problems, sheet, 1, name, f"column '{name}' appears twice", f"列“{name}”重复出现")
        elif key in known:
            pos[key] = i
        elif name:
            _p(out.warnings, sheet, 1, name, f"column '{name}' is not a template column: it is ignored",
               f"列“{name}”不是模板中的列，将被忽略")
    for col in known:
        if col in required and col not in pos:
            _p(out.problems, sheet, 1, col, f"the column {col} is missing: start from the template",
               f"缺少 {col} 列：请使用模板")
    return pos


def _text(frame: pd.DataFrame, i: int, pos: dict, col: str) -> str:
    return reading.cell_text(frame.iloc[i, pos[col]]) if col in pos else ""


def _year(text: str, sheet: str, row: int, col: str, out: PlanCheck) -> int | None:
    value = upload.parse_number(text)
    if value is None or value != int(value) or not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
        _p(out.problems, sheet, row, col, f"'{text}' is not a year: enter four digits, e.g. 2030",
           f"“{text}”不是年份：请填写四位数字，如 2030")
        return None
    return int(value)


def _long(text: str, sheet: str, row: int, col: str, out: PlanCheck, limit: int = MAX_TEXT) -> bool:
    if len(text) > limit:
        _p(out.problems, sheet, row, col, f"the text is {len(text)} characters long; at most {limit} are allowed",
           f"文字长度为 {len(text)} 个字符，超过 {limit} 个字符的上限")
        return True
    return False


def _check_plan(frame: pd.DataFrame, plans: pd.DataFrame, imported: set[str], out: PlanCheck) -> dict | None:
    sheet = PLAN_SHEET
    pos = _columns(frame, sheet, PLAN_COLUMNS, PLAN_REQUIRED, out)
    filled = [i for i in range(len(frame)) if any(reading.cell_text(v) for v in frame.iloc[i])]
    if len(filled) != 1:
        _p(out.problems, sheet, None, None,
           f"the sheet must have exactly one plan row below the header (it has {len(filled)})",
           f"该工作表在表头下方必须正好有一行规划信息（现有 {len(filled)} 行）")
        return None
    if not PLAN_REQUIRED <= set(pos):
        return None
    i, row = filled[0], filled[0] + 2
    values = {c: _text(frame, i, pos, c) for c in PLAN_COLUMNS}
    ok = True
    for col, text in values.items():
        if not text and col in PLAN_REQUIRED:
            _p(out.problems, sheet, row, col, f"{col} is empty", f"{col} 未填写")
            ok = False
        elif _long(text, sheet, row, col, out):
            ok = False
    plan_id = values["plan_id"]
    if plan_id and not _ID_RE.match(plan_id):
        _p(out.problems, sheet, row, "plan_id",
           f"plan_id '{plan_id[:40]}' must start with a lower-case letter and hold only a-z, 0-9 and _ (2–40 characters)",
           f"plan_id“{plan_id[:40]}”须以小写字母开头，只含小写字母、数字和下划线（2—40 个字符）")
        ok = False
    known = set(plans["plan_id"].astype(str)) if plans is not None and len(plans) else set()
    if plan_id in known and plan_id not in imported:
        _p(out.problems, sheet, row, "plan_id",
           f"plan {plan_id} is shipped with the dashboard and cannot be replaced: choose another plan_id",
           f"规划 {plan_id} 是系统自带的规划，不能替换：请换一个 plan_id")
        ok = False
    out.replaces = plan_id in imported
    out.plan_id = plan_id
    years = {}
    for col in ("start_year", "end_year", "base_year"):
        if values[col]:
            years[col] = _year(values[col], sheet, row, col, out)
    if len(years) == 3 and None not in years.values():
        if not years["base_year"] < years["start_year"] <= years["end_year"]:
            _p(out.problems, sheet, row, "base_year",
               f"the years must read base_year < start_year ≤ end_year (got {years['base_year']}, "
               f"{years['start_year']}, {years['end_year']})",
               f"年份须满足 基期年 < 起始年 ≤ 结束年（现为 {years['base_year']}、{years['start_year']}、{years['end_year']}）")
            ok = False
    else:
        ok = False
    ok = _check_previous(values, years, plans, row, out) and ok
    if not ok or out.problems:
        return None
    return {**values, **years, "row": row}


def _check_previous(values: dict, years: dict, plans: pd.DataFrame, row: int, out: PlanCheck) -> bool:
    """previous_plan_id names a known plan other than this one, which ends before this one starts; a predecessor
    that does not end in the base year is a warning (an exported plan keeps its own predecessor's id)."""
    prev = values.get("previous_plan_id") or ""
    if not prev:
        return True
    sheet = PLAN_SHEET
    known = plans.set_index("plan_id") if plans is not None and len(plans) else pd.DataFrame()
    if prev == values.get("plan_id") or prev not in known.index:
        _p(out.problems, sheet, row, "previous_plan_id",
           f"previous_plan_id '{prev[:40]}' is not a plan known to the dashboard (nor may it be this plan): "
           "leave it empty or name a shipped or imported plan",
           f"previous_plan_id“{prev[:40]}”不是系统中已有的规划（也不能是本规划）：请留空，或填写系统自带或已导入的规划代码")
        return False
    end = int(known.loc[prev, "end_year"])
    if years.get("start_year") is not None and end >= years["start_year"]:
        _p(out.problems, sheet, row, "previous_plan_id",
           f"the previous plan {prev} ends in {end}, not before this plan starts ({years['start_year']})",
           f"上一规划 {prev} 于 {end} 年结束，不早于本规划的起始年（{years['start_year']}）")
        return False
    if years.get("base_year") is not None and end != years["base_year"]:
        _p(out.warnings, sheet, row, "previous_plan_id",
           f"the previous plan {prev} ends in {end}, not in this plan's base year {years['base_year']}: check the id",
           f"上一规划 {prev} 于 {end} 年结束，不是本规划的基期年 {years['base_year']}：请核对")
    return True


def _check_indicators(frame: pd.DataFrame, plan: dict | None, indicators: pd.DataFrame,
                      out: PlanCheck) -> list[dict] | None:
    sheet = INDICATOR_SHEET
    pos = _columns(frame, sheet, INDICATOR_COLUMNS, INDICATOR_REQUIRED, out)
    if not INDICATOR_REQUIRED <= set(pos):
        return None
    rows = [i for i in range(len(frame)) if any(reading.cell_text(v) for v in frame.iloc[i])]
    if not rows:
        _p(out.problems, sheet, None, None, "the sheet has no indicator rows", "该工作表没有任何指标行")
        return None
    if len(rows) > MAX_INDICATORS:
        _p(out.problems, sheet, None, None, f"the sheet has {len(rows)} indicators; at most {MAX_INDICATORS} are allowed",
           f"该工作表有 {len(rows)} 个指标，超过 {MAX_INDICATORS} 个的上限")
        return None
    plan_id = plan["plan_id"] if plan else ""
    taken = {}
    # Without a valid plan row the plan's own id is unknown: an id check then would call every row of a plan
    # being replaced "already taken" (false errors that hide the one real error on the plan sheet).
    if plan is not None and indicators is not None and len(indicators):
        taken = {str(i): str(p) for i, p in zip(indicators["indicator_id"], indicators["plan_id"]) if str(p) != plan_id}
    seen: dict[str, int] = {}
    roles: dict[str, int] = {}
    result = []
    for order, i in enumerate(rows, 1):
        row = i + 2
        v = {c: _text(frame, i, pos, c) for c in INDICATOR_COLUMNS}
        bad = False
        for col, text in v.items():
            if _long(text, sheet, row, col, out):
                bad = True
        for col in sorted(INDICATOR_REQUIRED):
            if not v[col]:
                _p(out.problems, sheet, row, col, f"{col} is empty", f"{col} 未填写")
                bad = True
        iid = v["indicator_id"]
        if iid and not _INDICATOR_ID_RE.match(iid):
            _p(out.problems, sheet, row, "indicator_id",
               f"indicator_id '{iid[:40]}' must start with a letter and hold only letters, digits and _",
               f"indicator_id“{iid[:40]}”须以字母开头，只含字母、数字和下划线")
            bad = True
        elif iid in seen:
            _p(out.problems, sheet, row, "indicator_id", f"indicator '{iid}' appears again (first on row {seen[iid]})",
               f"指标“{iid}”重复出现（首次在第 {seen[iid]} 行）")
            bad = True
        elif iid in taken:
            _p(out.problems, sheet, row, "indicator_id",
               f"indicator_id '{iid}' already belongs to plan {taken[iid]}: ids are unique across plans, "
               "e.g. start them with this plan's id",
               f"indicator_id“{iid}”已属于规划 {taken[iid]}：指标代码在所有规划中必须唯一，建议以本规划代码开头")
            bad = True
        if iid:
            seen.setdefault(iid, row)
        for col, allowed in (("attribute", ATTRIBUTES), ("direction", DIRECTIONS), ("value_type", VALUE_TYPES)):
            if v[col] and v[col] not in allowed:
                _p(out.problems, sheet, row, col, f"{col} '{v[col][:40]}' must be one of {', '.join(allowed)}",
                   f"{col}“{v[col][:40]}”须为以下之一：{'、'.join(allowed)}")
                bad = True
        if v["role"]:
            if v["role"] not in ROLES:
                _p(out.problems, sheet, row, "role", f"role '{v['role'][:40]}' must be empty or one of {', '.join(ROLES)}",
                   f"role“{v['role'][:40]}”须留空或为以下之一：{'、'.join(ROLES)}")
                bad = True
            elif v["role"] in roles:
                _p(out.problems, sheet, row, "role",
                   f"role {v['role']} is given twice (first on row {roles[v['role']]}): at most one row per role",
                   f"role {v['role']} 重复（首次在第 {roles[v['role']]} 行）：每个作用最多一行")
                bad = True
            else:
                roles[v["role"]] = row
        years = {}
        for col, plan_col in (("base_year", "base_year"), ("target_year", "end_year")):
            if v[col]:
                years[col] = _year(v[col], sheet, row, col, out)
                if years[col] is None:
                    bad = True
                elif plan and col == "base_year" and years[col] > plan[plan_col]:
                    _p(out.problems, sheet, row, col,
                       f"base_year {years[col]} is after the plan's base_year {plan[plan_col]}: leave it empty, or give "
                       "the earlier year the plan prints the base value for (with base_note, e.g. 2019年数据)",
                       f"base_year {years[col]} 晚于 plan 表的 base_year {plan[plan_col]}：请留空，或填写规划注明的更早年份"
                       "（并在 base_note 中照抄注释，如“2019年数据”）")
                    bad = True
                elif plan and col == "target_year" and years[col] != plan[plan_col]:
                    _p(out.problems, sheet, row, col,
                       f"{col} {years[col]} differs from the plan's {plan_col} {plan[plan_col]}: leave it empty or make "
                       "them equal",
                       f"{col} {years[col]} 与 plan 表的 {plan_col} {plan[plan_col]} 不一致：请留空或改为一致")
                    bad = True
        if plan and years.get("base_year") not in (None, plan["base_year"]) and not v["base_note"]:
            _p(out.warnings, sheet, row, "base_note",
               f"base_year {years['base_year']} differs from the plan's {plan['base_year']}: copy the plan's footnote "
               "into base_note (e.g. 2019年数据) so every page can say so",
               f"base_year {years['base_year']} 与 plan 表的 {plan['base_year']} 不同：请在 base_note 中照抄规划的注释"
               "（如“2019年数据”），页面将注明")
        if v["cumulative_rule"] and v["cumulative_rule"] not in CUMULATIVE_RULES:
            _p(out.problems, sheet, row, "cumulative_rule",
               f"cumulative_rule '{v['cumulative_rule'][:40]}' must be empty or one of {', '.join(CUMULATIVE_RULES)}",
               f"cumulative_rule“{v['cumulative_rule'][:40]}”须留空或为以下之一：{'、'.join(CUMULATIVE_RULES)}")
            bad = True
        decimals = None
        if v["decimals"]:
            number = upload.parse_number(v["decimals"])
            decimals = int(number) if number is not None and number == int(number) else None
            wrong = ([(f"decimals '{v['decimals'][:40]}' is not a whole number", f"decimals“{v['decimals'][:40]}”不是整数")]
                     if decimals is None else
                     source_check.precision_problems(decimals, [v["base_value"], v["target_value"]], v["value_type"]))
            for en, zh in wrong:
                _p(out.problems, sheet, row, "decimals", en, zh)
                bad = True
        else:  # the default: the printed cells' own precision (the workbook keeps the printed text verbatim)
            decimals = printed.precision([v["base_value"], v["target_value"]], whole=v["value_type"] == "count")
        cells = {"base_value": printed.parse(v["base_value"]), "target_value": printed.parse(v["target_value"]),
                 "growth_text": printed.parse(v["growth_text"], "growth")}
        if cells["base_value"].kind in (printed.BOUND, printed.CUMULATIVE):
            _p(out.problems, sheet, row, "base_value",
               f"base_value '{v['base_value'][:40]}' reads as a {cells['base_value'].kind}: a base is a value the plan "
               "prints for its base year (a number, text or —)",
               f"base_value“{v['base_value'][:40]}”是{'界限' if cells['base_value'].kind == printed.BOUND else '累计变化'}"
               "：基期值应为规划所列基期年的数值、文字或“—”")
            bad = True
        growth_pct, cumulative = cells["growth_text"].value, cells["growth_text"].kind == printed.CUMULATIVE
        if not v["target_value"] and not v["growth_text"]:
            _p(out.problems, sheet, row, "target_value", "the row has neither a target nor a growth figure",
               "该行既没有目标值也没有增长栏")
            bad = True
        if v["role"] == "gdp" and not bad:
            levels = [col for col in ("base_value", "target_value")
                      if (n := upload.parse_number(v[col]) if v[col] else None) is None or n <= 0]
            if levels:
                # National and provincial plans print GDP growth only: the plan imports, with these limits.
                _p(out.warnings, sheet, row, levels[0], f"the GDP row (role gdp) has no level in {' and '.join(levels)}: "
                   f"{GDP_LIMITS_EN}", f"地区生产总值行（role 为 gdp）的 {'、'.join(levels)} 不是总量数值：{GDP_LIMITS_ZH}")
            elif (upload.parse_number(v["growth_text"].strip("[]")) if v["growth_text"] else None) is None:
                _p(out.problems, sheet, row, "growth_text",
                   "the GDP row (role gdp) needs a number in growth_text: the scenario page builds on it",
                   "地区生产总值行（role 为 gdp）的 growth_text 须为数字：情景模拟以此为基础")
                bad = True
        if bad or plan is None:
            continue
        result.append({**v, "decimals": decimals, "row_order": order, "seq": v["seq"] or str(order), "growth_pct": growth_pct,
                       "growth_cumulative": cumulative, "sheet_row": row, "cells": cells,
                       "base_year_value": years.get("base_year") or plan["base_year"]})
    if out.problems or plan is None:
        return None
    if "gdp" not in roles:
        _p(out.warnings, sheet, None, "role", f"no row has the role gdp: {GDP_LIMITS_EN}",
           f"没有 role 为 gdp 的行：{GDP_LIMITS_ZH}")
    return result


def _tables(plan: dict, rows: list[dict], document: str) -> dict[str, pa.Table]:
    plan_id = plan["plan_id"]
    plans = pd.DataFrame([{**{c: plan[c] or None for c in PLAN_COLUMNS}, "document": Path(document).name[:200]}])
    ind = pd.DataFrame([{
        "indicator_id": r["indicator_id"], "plan_id": plan_id, "table_ref": r["source"] or DEFAULT_SOURCE,
        "seq": r["seq"], "row_order": r["row_order"], "name_zh": r["name_zh"], "name_en": r["name_en"] or r["name_zh"],
        "category_zh": r["category_zh"], "category_en": r["category_en"] or r["category_zh"],
        "unit_zh": r["unit_zh"] or None, "unit_en": r["unit_en"] or r["unit_zh"] or None,
        "attribute": r["attribute"], "direction": r["direction"], "value_type": r["value_type"],
        "note": r["note"] or None, "note_en": r["note_en"] or None, "role": r["role"] or None,
        "cumulative_rule": r["cumulative_rule"] or None,
        "decimals": r["decimals"], "short_name_zh": r["short_name_zh"] or None,
        "short_name_en": r["short_name_en"] or None,
    } for r in rows])
    obs = []
    for r in rows:
        source = r["source"] or DEFAULT_SOURCE
        base, target, grow = r["cells"]["base_value"], r["cells"]["target_value"], r["cells"]["growth_text"]
        if r["base_value"] or r["base_note"]:
            obs.append({"indicator_id": r["indicator_id"], "year": int(r["base_year_value"]), "kind": "base",
                        "value": base.value, "value_text": r["base_value"] or None,
                        "growth_pct": None, "growth_text": None, "growth_cumulative": False, "source": source,
                        "value_kind": base.kind, "value_op": None, "growth_kind": None, "growth_op": None,
                        "note": r["base_note"] or None})
        obs.append({"indicator_id": r["indicator_id"], "year": int(plan["end_year"]), "kind": "target",
                    "value": target.value, "value_text": r["target_value"] or None, "growth_pct": r["growth_pct"],
                    "growth_text": r["growth_text"] or None, "growth_cumulative": r["growth_cumulative"],
                    "source": source, "value_kind": target.kind, "value_op": target.op, "growth_kind": grow.kind,
                    "growth_op": grow.op, "note": None})
    obs_frame = pd.DataFrame(obs, columns=SCHEMAS["observations"].names)
    return {
        "plans": pa.Table.from_pandas(plans[SCHEMAS["plans"].names], schema=SCHEMAS["plans"], preserve_index=False),
        "indicators": pa.Table.from_pandas(ind[SCHEMAS["indicators"].names], schema=SCHEMAS["indicators"],
                                           preserve_index=False),
        "plan_observations": pa.Table.from_pandas(obs_frame, schema=SCHEMAS["observations"], preserve_index=False),
    }


def merged_tables(current: dict[str, pa.Table] | None, new: dict[str, pa.Table] | None,
                  remove: str | None = None) -> dict[str, pa.Table]:
    """The store's imported-plan tables with one plan added or replaced (`new`) or removed (`remove`)."""
    drop = remove or (new["plans"].column("plan_id")[0].as_py() if new else None)
    out = {}
    for name, schema_name in (("plans", "plans"), ("indicators", "indicators"),
                              ("plan_observations", "observations")):
        schema = SCHEMAS[schema_name]
        parts = []
        if current is not None and name in current:
            # A plan stored before the schema gained a column reads it as NULL (schema.conform).
            frame = conform(current[name], schema_name).to_pandas()
            if name == "plan_observations":
                ids = set(current["indicators"].to_pandas().query("plan_id == @drop")["indicator_id"])
                frame = frame[~frame["indicator_id"].isin(ids)]
            else:
                frame = frame[frame["plan_id"] != drop]
            parts.append(frame)
        if new is not None:
            parts.append(new[name].to_pandas())
        frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=schema.names)
        out[name] = pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    return out


def _cell(value: object, text: object) -> object:
    """A workbook cell for a value: the printed text when there is one (keeps 16.0 vs 16 and words), else the number."""
    t = _blank(text)
    if t is not None:
        number = upload.parse_number(t)
        return number if number is not None and reading.number_text(number) == t else t
    v = _blank(value)
    return v


def _blank(value: object) -> object:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _int_or_none(value: object) -> int | None:
    v = _blank(value)
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


__all__ = [
    "HELP", "INDICATOR_COLUMNS", "PLAN_COLUMNS", "PlanCheck", "check_workbook", "indicator_frame", "merged_tables",
    "plan_frames",
    "read_workbook", "template_frames", "workbook_bytes",
]


# ---------------------------------------------------------------- the store


def check_upload(files: dict[str, bytes]) -> PlanCheck:
    """check_workbook against the plans and indicators the data layer serves now."""
    from lishi_metrics.data import db

    catalogue = db.plans_catalogue()
    imported = {str(p) for p, i in zip(catalogue["plan_id"], catalogue["imported"]) if bool(i)}
    name = next(iter(files), "workbook")
    return check_workbook(files, catalogue, db.indicators(), imported, document=name)


def commit(check: PlanCheck, store_dir, by: str, file_name: str, sha256: str) -> int:
    """Store a checked plan as a new version (an imported plan of the same id is replaced); return the version.

    Raises:
        ImportRejected: the check has problems; DataError: no name; StoreError: the store cannot be written.
    """
    from lishi_metrics.actuals import store

    check.raise_if_rejected()
    if check.tables is None:
        raise DataError("nothing to store: the workbook was not checked")
    return store.commit_plans(store_dir, lambda current: merged_tables(current, check.tables), by, "plan_import",
                              file_name=file_name, sha256=sha256, plan_id=check.plan_id)


def remove(store_dir, plan_id: str, by: str) -> int:
    """Remove an imported plan (a new version without it); shipped plans cannot be removed.

    Raises:
        DataError: the plan is not an imported plan; StoreError: the store cannot be written.
    """
    from lishi_metrics.actuals import store

    def without(current: dict[str, pa.Table] | None) -> dict[str, pa.Table]:
        ids = set(current["plans"].column("plan_id").to_pylist()) if current is not None else set()
        if plan_id not in ids:
            raise DataError(
                f"{plan_id!r} is not an imported plan (imported: {', '.join(sorted(ids)) or 'none'}); the shipped "
                f"plans stay / {plan_id} 不是导入的规划，系统自带的规划不能删除"
            )
        return merged_tables(current, None, remove=plan_id)

    return store.commit_plans(store_dir, without, by, "plan_remove", plan_id=plan_id)
