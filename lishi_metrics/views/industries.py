"""三新五大 industries page: display-ready frames from data-layer frames (no streamlit, no SQL).

The first part holds helpers the three sector pages (industries, ecology, livelihood) share:
plan-indicator tables with status, value cells in the plan's units, prose-figure tables and
URL-choice parsing. The second part is the industries page itself: one section per sector,
the 规上企业 doubling path, structure and innovation indicators.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from lishi_metrics.data import catalog
from lishi_metrics.model import growth, progress
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import STRINGS, t
from lishi_metrics.views import state
from lishi_metrics.views._common import cumulative_text, growth_text, status_label

# --- shared by the sector pages --------------------------------------------------------------------

PLAN_ALL = "all"
PLAN_CHOICES = (PLAN_ALL, "fyp14", "fyp13")

# In English these units add nothing the row's name does not already say ("50 entities"):
# the number is shown alone. The Chinese keeps the printed unit.
_BARE_EN_UNITS = {"个", "家", "户", "件", "台", "座", "支"}

# Printed cells that say a city-assigned task rather than a number (binding ecology targets).
CITY_TASK_TEXTS = ("完成市任务", "完成市定任务", "已完成市定任务")



def parse_choice(raw: object, choices: tuple[str, ...], default: str, param: str) -> tuple[str, list[state.Notice]]:
    """One of `choices` from a URL value (junk, lists, hostile text → default plus a notice)."""
    return state.parse_choice(raw, choices, default, param=param)


# The row filter of the sector pages (which plan table's rows to list); `plan=` itself chooses the plan a page
# shows (views.state.parse_plan), so the filter has its own name.
TABLE_PARAM = "table"


def parse_plan(raw: object) -> tuple[str, list[state.Notice]]:
    """The row filter `table=all|fyp14|fyp13`."""
    return parse_choice(raw, PLAN_CHOICES, PLAN_ALL, TABLE_PARAM)


def url_value(choice: str, default: str) -> str | None:
    """The URL form of a choice: left out (None) when it is the default, so links stay short."""
    return None if choice == default else choice


def num(value: object) -> float | None:
    """A finite float or None (None, NaN, NA, text)."""
    return fmt.to_float(value)


def amount(value: object, unit_zh: object, lang: str, en_unit: str | None = None) -> str:
    """A number in its plan unit (`500 兆瓦` / `500 MW`); missing → 暂无数据 / no data.

    en_unit overrides the English unit ('' for a bare number), e.g. 'households' for 户.
    """
    number = num(value)
    if number is None:
        return fmt.no_data(lang)
    unit = unit_zh if isinstance(unit_zh, str) else ""
    if en_unit is None and unit in _BARE_EN_UNITS:
        en_unit = ""  # on the sector pages the name says what is counted
    return fmt.fmt_value(number, unit, lang, unit_en=en_unit)


def cell(value: object, text: object, unit_zh: object, lang: str, en_unit: str | None = None) -> str:
    """A printed table cell: the number in its unit, else the printed text (translated), else 暂无数据."""
    if num(value) is not None:
        return amount(value, unit_zh, lang, en_unit)
    unit = unit_zh if isinstance(unit_zh, str) else ""
    return fmt.value_text_display(None, text if isinstance(text, str) else None, unit, lang)


def range_amount(low: object, high: object, unit_zh: object, lang: str, en_unit: str | None = None) -> str:
    """A prose figure that may be a range (30-50 名): `30-50 名` / `30–50 persons`."""
    if num(high) is None:
        return amount(low, unit_zh, lang, en_unit)
    if num(low) is None:
        return fmt.no_data(lang)
    sep = "-" if lang == "zh" else "–"
    return f"{fmt.format_number(float(low))}{sep}{amount(high, unit_zh, lang, en_unit)}"


def with_year(text: str, year: object, lang: str) -> str:
    """`82.8%（2020年）` / `82.8% (2020)`; a missing value or year adds nothing."""
    y = num(year)
    if y is None or text == fmt.no_data(lang):
        return text
    return f"{text}（{int(y)}年）" if lang == "zh" else f"{text} ({int(y)})"


def year_text(year: object, lang: str) -> str:
    """`2025年` / `2025`; none printed → 未注明 / not stated (a prose figure without a year)."""
    return fmt.fmt_year(year, lang) if num(year) is not None else t("in_year_not_stated", lang)


def stated_growth(growth_pct: object, printed: object, cumulative: object, lang: str, annual: bool = True,
                  value_type: object = None, unit_zh: object = None) -> str:
    """The printed growth cell: `年均 9.8%`, `累计 600 亿元`, a text target, or 暂无数据.

    annual=False for 专栏1, whose column is headed 累计或年均增长 (cumulative or yearly): its plain
    numbers are shown as printed (`-15%`), without claiming which of the two they are.
    """
    g = num(growth_pct)
    if g is not None:
        number = fmt.format_number(g)
        if bool(cumulative) and not (isinstance(cumulative, float) and math.isnan(cumulative)):
            total = cumulative_text(g, value_type, unit_zh, lang)
            return f"累计 {total}" if lang == "zh" else f"{total} cumulative"
        if not annual:
            return growth_text(g, lang)
        return f"年均 {number}%" if lang == "zh" else f"{number} % a year"
    return fmt.value_text_display(None, printed if isinstance(printed, str) else None, "", lang)


def change_text(mode: str, per_year: float, unit_zh: str, lang: str) -> str:
    """A needed yearly change: `年均 +2.06 个百分点`, `年均 +16.7%`, `年均 +0.1 人`."""
    if mode == "pct":
        return fmt.fmt_change(per_year * 100.0, "pct", lang)
    if mode == "pp":
        return fmt.fmt_change(per_year, "pp", lang)
    return fmt.fmt_change(per_year, "abs", lang, unit_zh)


def total_change_text(start: object, end: object, value_type: str, unit_zh: str, lang: str) -> str:
    """The whole change from start to end: percentage points for shares and rates, else % (or units)."""
    a, b = num(start), num(end)
    if a is None or b is None:
        return fmt.no_data(lang)
    if value_type in growth.PERCENT_TYPES:
        return fmt.pp_text(b - a, lang, decimals=fmt.decimals_needed(round(b - a, 2)))
    if a > 0:
        return fmt.fmt_pct(b / a - 1.0, lang, digits=1, sign=True)
    return ("+" if b > a else fmt.MINUS if b < a else "") + amount(abs(b - a), unit_zh, lang)


# Source references (专栏N, 第X章第Y节) are read by the one formatter in text.fmt.
cn_number = fmt.cn_number
chapter_text = table_text = fmt.source_ref


def plan_short(plan_id: str, lang: str) -> str:
    return t(f"in_plan_short_{plan_id}", lang)


def _localized_name(row, lang: str) -> str:
    name = row.name_en if lang == "en" else row.name_zh
    return name if isinstance(name, str) and name else (row.name_zh or "")


def indicator_rows(table: pd.DataFrame, ids: tuple[str, ...]) -> pd.DataFrame:
    """Rows of one or two plans' indicator tables (data.indicator_table), in the order of `ids`,
    with the 14th-plan progress columns (needed change, plan-path value, status of the latest actual)."""
    rows = catalog.select(table, ids)
    if rows.empty:
        return rows
    parts = []
    for plan_id, part in rows.groupby("plan_id", sort=False):
        if plan_id == "fyp14":
            part = progress.progress_table(part)
        else:
            part = progress.scoreboard(part)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return catalog.select(out, ids)


def indicator_display(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Plan indicators as a readable table: plan, name, start, target, printed growth, change needed,
    latest actual, status, attribute. Text targets stay text; nothing reads nan/None."""
    cols = [t("plan", lang), t("indicator", lang), t("in_col_start", lang), t("in_col_target", lang),
            t("in_col_growth", lang), t("needed_per_year", lang), t("in_col_actual", lang), t("status", lang),
            t("attribute", lang)]
    records = []
    for r in rows.itertuples():
        start = with_year(cell(r.base_value, r.base_text, r.unit_zh, lang), r.base_year, lang)
        target = with_year(cell(r.target_value, r.target_text, r.unit_zh, lang), r.target_year, lang)
        if num(r.target_value) is None and num(r.growth_pct) is not None and r.plan_id == "fyp14":
            target = stated_growth(r.growth_pct, r.growth_text, r.growth_cumulative, lang, value_type=r.value_type, unit_zh=r.unit_zh)
        if r.plan_id == "fyp14":
            if r.needed_mode == "abs" and r.value_type == "count":
                # 0 → 1 laboratory: "0.2 a year" reads oddly; the whole change over the period does not.
                needed = t("in_total_change", lang, change=total_change_text(r.base_value, r.target_value,
                                                                              r.value_type, r.unit_zh, lang))
            elif r.needed_mode and num(r.needed_per_year) is not None:
                needed = change_text(r.needed_mode, float(r.needed_per_year), r.unit_zh, lang)
                if bool(r.already_met):
                    needed += t("in_already_met_suffix", lang)
            else:
                needed = fmt.no_data(lang)
            latest = num(getattr(r, "latest_value", None))
            actual = (with_year(amount(latest, r.unit_zh, lang), r.latest_year, lang) if latest is not None
                      else t("in_no_actual_yet", lang))
        else:
            needed = t("in_not_applicable", lang)
            actual = with_year(cell(r.actual_value, r.actual_text, r.unit_zh, lang), r.target_year, lang)
        records.append([
            plan_short(r.plan_id, lang), _localized_name(r, lang), start, target,
            stated_growth(r.growth_pct, r.growth_text, r.growth_cumulative, lang, annual=r.plan_id == "fyp14",
                          value_type=r.value_type, unit_zh=r.unit_zh),
            needed, actual,
            status_label(r.status, lang),
            t("attr_binding" if r.attribute == "约束性" else "attr_anticipatory", lang),
        ])
    return pd.DataFrame(records, columns=cols)


def filter_plan(rows: pd.DataFrame, plan: str) -> pd.DataFrame:
    """Rows of one plan, or all for PLAN_ALL."""
    if plan == PLAN_ALL or rows.empty:
        return rows
    return rows[rows["plan_id"] == plan].reset_index(drop=True)


def combined_table(table14: pd.DataFrame, table13: pd.DataFrame) -> pd.DataFrame:
    """Both plans' indicator tables stacked (the sector pages show indicators of both plans)."""
    frames = [f for f in (table14, table13) if f is not None and not f.empty]
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def figure_display(figures: pd.DataFrame, lang: str, en_units: dict[str, str] | None = None) -> pd.DataFrame:
    """Prose figures (data.text_figures) as a table: what, how much (ranges kept), year, target or
    achievement, chapter, and the sentence as printed."""
    cols = [t("in_col_subject", lang), t("value", lang), t("year", lang), t("in_col_kind", lang),
            t("source", lang), t("in_col_quote", lang)]
    records = []
    for r in figures.itertuples():
        subject = r.subject_en if lang == "en" and isinstance(r.subject_en, str) else r.subject_zh
        en_unit = (en_units or {}).get(r.figure_id)
        records.append([
            subject, range_amount(r.value, r.value_max, r.unit_zh, lang, en_unit), year_text(r.year, lang),
            t("in_kind_target" if r.kind == "target" else "in_kind_achievement", lang),
            chapter_text(r.chapter_ref, lang), r.quote or "",
        ])
    return pd.DataFrame(records, columns=cols)


def project_display(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Key projects of the 专栏 tables: number, table, group and name (English name in en)."""
    cols = [t("seq", lang), t("in_col_table", lang), t("in_col_group", lang), t("in_col_project", lang)]
    records = []
    for i, r in enumerate(projects.itertuples(), start=1):
        group = r.group_en if lang == "en" and isinstance(r.group_en, str) else r.group_zh
        name = r.name_en if lang == "en" and isinstance(r.name_en, str) and r.name_en else r.name_zh
        records.append([i, table_text(r.table_ref, lang), group, name])
    return pd.DataFrame(records, columns=cols)


def ids_of(figures: pd.DataFrame, ids: tuple[str, ...]) -> pd.DataFrame:
    """Prose figures with the given figure_ids, in that order."""
    order = {fid: i for i, fid in enumerate(ids)}
    out = figures[figures["figure_id"].isin(order)].copy()
    return out.sort_values("figure_id", key=lambda s: s.map(order)).reset_index(drop=True)


def figure_value(figures: pd.DataFrame, figure_id: str) -> float | None:
    """The value of one prose figure, or None when it is not in the data."""
    hit = figures.loc[figures["figure_id"] == figure_id, "value"]
    return num(hit.iloc[0]) if not hit.empty else None


def path_frame(row, imported: pd.DataFrame | None, labels: dict[str, str]) -> pd.DataFrame:
    """Chart data for one 14th-plan indicator: the constant-growth plan path from base to target,
    the base point and imported actuals (columns year, value, series)."""
    out = []
    base, target = num(row.base_value), num(row.target_value)
    if base is not None and target is not None:
        for year, value in growth.constant_growth_path(int(row.base_year), base, int(row.target_year), target,
                                                       row.value_type):
            out.append({"year": year, "value": value, "series": labels["plan"]})
    if base is not None:
        out.append({"year": int(row.base_year), "value": base, "series": labels["base"]})
    if imported is not None and not imported.empty:
        mine = imported[imported["indicator_id"] == row.indicator_id]
        for r in mine.itertuples():
            if num(r.value) is not None:
                out.append({"year": int(r.year), "value": float(r.value), "series": labels["actual"]})
    return pd.DataFrame(out, columns=["year", "value", "series"])


def chart_labels(lang: str, **extra: str) -> dict[str, str]:
    """Translated words for the chart builders (charts.DEFAULT_LABELS keys)."""
    labels = {
        "year": t("year", lang), "value": t("value", lang), "series": t("in_series", lang),
        "plan": t("series_plan_path", lang), "actual": t("series_actual", lang), "base": t("in_series_base", lang),
        "target": t("series_target", lang), "indicator": t("indicator", lang), "change": t("in_change", lang),
    }
    labels.update(extra)
    return labels


def dumbbell_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Start → target of indicators in percent, for charts.dumbbell_chart (name, start, end, texts, change)."""
    out = []
    for r in rows.itertuples():
        start, end = num(r.base_value), num(r.target_value)
        if start is None and end is None:
            continue
        out.append({
            "name": short_name(r, lang), "start": start, "end": end,
            "start_text": amount(start, r.unit_zh, lang) if start is not None else None,
            "end_text": amount(end, r.unit_zh, lang) if end is not None else None,
            "change": total_change_text(start, end, r.value_type, r.unit_zh, lang),
        })
    return pd.DataFrame(out, columns=["name", "start", "end", "start_text", "end_text", "change"])


def short_name(row, lang: str) -> str:
    """A tile-sized name (texts key `in_short_<indicator_id>`), else the printed name."""
    key = f"in_short_{row.indicator_id}"
    return t(key, lang) if key in STRINGS else _localized_name(row, lang)


def headline(rows: pd.DataFrame, indicator_id: str, lang: str, en_unit: str | None = None) -> dict[str, str] | None:
    """A metric tile: label (name), value (latest actual, else start), delta line (→ target with year)."""
    hit = rows[rows["indicator_id"] == indicator_id]
    if hit.empty:
        return None
    r = next(hit.itertuples())
    start = cell(r.base_value, r.base_text, r.unit_zh, lang, en_unit)
    target = cell(r.target_value, r.target_text, r.unit_zh, lang, en_unit)
    if num(r.target_value) is None and num(r.growth_pct) is not None:
        target = stated_growth(r.growth_pct, r.growth_text, r.growth_cumulative, lang, value_type=r.value_type, unit_zh=r.unit_zh)
    latest = num(getattr(r, "latest_value", None))
    value_year = r.latest_year if latest is not None else r.base_year
    label = short_name(r, lang)
    value = amount(latest, r.unit_zh, lang, en_unit) if latest is not None else start
    return {
        "label": f"{label}（{fmt.fmt_year(value_year, lang)}）" if lang == "zh"
        else f"{label} ({fmt.fmt_year(value_year, lang)})",
        "value": value,
        "help": t("in_tile_help", lang, start=with_year(start, r.base_year, lang),
                  target=with_year(target, r.target_year, lang)),
        "target": t("in_tile_target", lang, year=fmt.fmt_year(r.target_year, lang), target=target),
    }


# --- the industries page ---------------------------------------------------------------------------

SECTOR_ALL = "all"
SECTOR_CHOICES = (SECTOR_ALL, *catalog.INDUSTRY_SECTORS)
STRUCTURE_HEADLINES = ("fyp14_industrial_enterprises", "fyp14_industry_share_gdp", "fyp14_manufacturing_share",
                       "fyp14_hightech_mfg_growth", "fyp14_digital_economy_share")
SHARE_IDS = ("fyp14_industry_share_gdp", "fyp14_manufacturing_share", "fyp14_digital_economy_share")
ENTERPRISES_ID = "fyp14_industrial_enterprises"
# Units that read better in English for particular rows (户 of enterprises is "enterprises").
EN_UNITS = {"fyp14_industrial_enterprises": "enterprises"}
# Prose figures of the whole industry (no sector): the 规上企业 doubling and enterprise-size targets.
INDUSTRY_WIDE_IDS = ("tf_above_size_industrial_enterprises_2025", "tf_enterprises_revenue_over_5bn_2025",
                     "tf_enterprises_revenue_over_1bn_2025", "tf_industrial_va_2015", "tf_industrial_va_2020",
                     "tf_industrial_va_growth_2016_2020", "tf_emerging_industries_share_2020",
                     "tf_hightech_enterprises_added_2020")
SECTOR_GROUP_KEYS = {"三新": "in_group_three_new", "五大": "in_group_five_big", "other_industry": "in_group_other"}


def parse_sector(raw: object) -> tuple[str, list[state.Notice]]:
    """The sector chooser `sector=all|new_energy|…` (catalog.INDUSTRY_SECTORS)."""
    return parse_choice(raw, SECTOR_CHOICES, SECTOR_ALL, "sector")


def sector_names(sectors: pd.DataFrame, lang: str) -> dict[str, str]:
    """Sector code → name in the language (all industry sectors, plus 'all')."""
    names = {SECTOR_ALL: t("in_all_sectors", lang)}
    col = "name_en" if lang == "en" else "name_zh"
    for r in sectors.itertuples():
        if r.sector in catalog.INDUSTRY_SECTORS:
            names[r.sector] = getattr(r, col) or r.name_zh
    for code in catalog.INDUSTRY_SECTORS:
        names.setdefault(code, code)
    return names


@dataclass
class SectorSection:
    """Everything the page shows for one sector, display-ready."""

    code: str
    title: str
    group: str
    chapter: str
    figures: pd.DataFrame
    projects: pd.DataFrame
    enterprises: pd.DataFrame
    figure_md: str
    enterprise_md: str
    n_figures: int
    n_projects: int
    n_enterprises: int
    tables: str
    empty_notes: list[str] = field(default_factory=list)
    figures_note: str = ""
    projects_note: str = ""
    enterprises_note: str = ""


def enterprise_display(enterprises: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Enterprises named in the prose: name, chapter, the sentence that names them."""
    cols = [t("in_col_enterprise", lang), t("source", lang), t("in_col_quote", lang)]
    records = []
    for r in enterprises.itertuples():
        name = r.name_en if lang == "en" and isinstance(r.name_en, str) and r.name_en else r.name_zh
        records.append([name, chapter_text(r.chapter_ref, lang), r.quote or ""])
    return pd.DataFrame(records, columns=cols)


def sector_sections(sectors: pd.DataFrame, figures: pd.DataFrame, projects: pd.DataFrame,
                    enterprises: pd.DataFrame, lang: str, only: str = SECTOR_ALL) -> list[SectorSection]:
    """One section per industry sector (or only the chosen one), in catalog order.

    Args:
        sectors, figures, projects, enterprises: data.sectors(), data.text_figures(topic='industry'),
            data.projects(), data.enterprises().
        only: a sector code, or SECTOR_ALL.
    """
    names = sector_names(sectors, lang)
    meta = {r.sector: r for r in sectors.itertuples()}
    codes = catalog.INDUSTRY_SECTORS if only == SECTOR_ALL else (only,)
    out = []
    for code in codes:
        m = meta.get(code)
        figs = figures[figures["sector"] == code] if "sector" in figures.columns else figures.iloc[0:0]
        figs = figs.assign(_k=(figs["kind"] != "target").astype(int)).sort_values(["_k", "figure_id"]).drop(
            columns="_k")
        projs = projects[projects["sector"] == code]
        ents = enterprises[enterprises["sector"] == code]
        notes = []
        if figs.empty:
            notes.append(t("in_no_figures", lang))
        if projs.empty:
            notes.append(t("in_no_projects", lang))
        if ents.empty:
            notes.append(t("in_no_enterprises", lang))
        group = getattr(m, "group", "") if m is not None else ""
        out.append(SectorSection(
            code=code, title=names[code], group=t(SECTOR_GROUP_KEYS.get(group, "in_group_other"), lang),
            chapter=chapter_text(m.chapter_ref if m is not None else "", lang),
            figures=figure_display(figs, lang), projects=project_display(projs, lang),
            enterprises=enterprise_display(ents, lang),
            figure_md="\n".join(figure_bullets(figs, lang)), enterprise_md="\n".join(enterprise_bullets(ents, lang)),
            n_figures=len(figs), n_projects=len(projs), n_enterprises=len(ents),
            tables=("、" if lang == "zh" else ", ").join(
                dict.fromkeys(table_text(x, lang) for x in projs["table_ref"])) if not projs.empty else "",
            empty_notes=notes,
            figures_note="" if len(figs) else t("in_no_figures", lang),
            projects_note="" if len(projs) else t("in_no_projects", lang),
            enterprises_note="" if len(ents) else t("in_no_enterprises", lang),
        ))
    return out


def project_count_frame(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Key projects per industry sector (data.project_counts), catalog order, translated names.

    Sectors with no project keep a 0 row, so the chart says so instead of leaving them out.
    """
    col = "name_en" if lang == "en" else "name_zh"
    by_code = {r.sector: r for r in counts.itertuples()}
    rows = []
    for code in catalog.INDUSTRY_SECTORS:
        r = by_code.get(code)
        rows.append({
            "sector": code,
            "name": (getattr(r, col) if r is not None else code) or code,
            "projects": int(r.projects) if r is not None and num(r.projects) is not None else 0,
        })
    return pd.DataFrame(rows, columns=["sector", "name", "projects"])


def group_totals(counts: pd.DataFrame, lang: str) -> list[tuple[str, int]]:
    """Key projects per sector group (“三新”, “五大”, traditional and future), in that order."""
    by_group: dict[str, int] = {}
    for r in counts.itertuples():
        if r.sector in catalog.INDUSTRY_SECTORS:
            by_group[r.group] = by_group.get(r.group, 0) + int(num(r.projects) or 0)
    return [(t(key, lang), by_group.get(group, 0)) for group, key in SECTOR_GROUP_KEYS.items()]


def group_totals_md(counts: pd.DataFrame, lang: str) -> str:
    """Markdown lines: `“三新”产业：**20** 个`."""
    unit = " 个" if lang == "zh" else ""
    sep = "：" if lang == "zh" else ": "
    return "\n".join(f"- {name}{sep}**{n}**{unit}" for name, n in group_totals(counts, lang))


def sector_counts_md(sec: SectorSection, lang: str) -> str:
    """One line with the section's counts: `量化目标 **4** 项 · 重点项目 **5** 个 · 点名企业 **2** 家`."""
    return t("in_sector_counts", lang, figures=sec.n_figures, projects=sec.n_projects, enterprises=sec.n_enterprises)


def project_total(counts: pd.DataFrame) -> int:
    """Key projects of the ten industry sectors together."""
    return int(project_count_frame(counts, "zh")["projects"].sum())


def enterprise_path(table14: pd.DataFrame) -> pd.DataFrame:
    """The 规上工业企业 doubling path 2020 → 2025 at constant growth (year, value, implied growth).

    30 → 65 enterprises is 16.72 % a year (the plan prints 16.76).
    """
    row = catalog.select(table14, (ENTERPRISES_ID,))
    if row.empty:
        return pd.DataFrame(columns=["year", "value"])
    r = next(row.itertuples())
    base, target = num(r.base_value), num(r.target_value)
    if base is None or target is None:
        return pd.DataFrame(columns=["year", "value"])
    points = growth.constant_growth_path(int(r.base_year), base, int(r.target_year), target, r.value_type)
    return pd.DataFrame(points, columns=["year", "value"])


def enterprise_path_display(table14: pd.DataFrame, imported: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """The doubling path year by year: plan value (one decimal: a path, not a head count), the
    whole enterprises it means, and the imported actual where there is one."""
    path = enterprise_path(table14)
    actual = {}
    if imported is not None and not imported.empty:
        for r in imported[imported["indicator_id"] == ENTERPRISES_ID].itertuples():
            if num(r.value) is not None:
                actual[int(r.year)] = float(r.value)
    rows = []
    for r in path.itertuples():
        year = int(r.year)
        rows.append([
            fmt.fmt_year(year, lang), fmt.format_number(r.value, 1),
            amount(actual[year], "户", lang, "enterprises") if year in actual else fmt.no_data(lang),
        ])
    cols = [t("year", lang), t("in_col_path_value", lang), t("series_actual", lang)]
    return pd.DataFrame(rows, columns=cols)


def enterprise_growth(table14: pd.DataFrame) -> dict[str, float] | None:
    """Implied and printed yearly growth of the 规上企业 target and how many times 2020 it is."""
    row = catalog.select(table14, (ENTERPRISES_ID,))
    if row.empty:
        return None
    r = next(row.itertuples())
    base, target = num(r.base_value), num(r.target_value)
    if base is None or target is None or base <= 0:
        return None
    years = int(r.target_year) - int(r.base_year)
    return {
        "base": base, "target": target, "multiple": target / base,
        "implied_pct": growth.cagr(base, target, years) * 100.0, "stated_pct": num(r.growth_pct),
    }


def enterprise_growth_text(table14: pd.DataFrame, lang: str) -> str:
    """One sentence: 30 → 65 is 2.17 times, 16.72 % a year (printed 16.76 %)."""
    g = enterprise_growth(table14)
    if g is None:
        return fmt.no_data(lang)
    stated = g["stated_pct"]
    return t(
        "in_enterprise_growth", lang, base=fmt.format_number(g["base"]), target=fmt.format_number(g["target"]),
        multiple=fmt.format_number(g["multiple"], 2), implied=fmt.format_number(g["implied_pct"], 2),
        stated=fmt.format_number(stated, 2) if stated is not None else fmt.no_data(lang),
    )


def innovation_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Prose figures of topic innovation: targets first (platforms, R&D institutions, …), then achievements."""
    if figures.empty:
        return figures
    out = figures[figures["topic"] == "innovation"].copy()
    out["_k"] = out["kind"].map({"target": 0}).fillna(1)
    return out.sort_values(["_k", "figure_id"]).drop(columns="_k").reset_index(drop=True)


def industry_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Prose figures of topic industry (the sector sections pick theirs by sector code)."""
    return figures[figures["topic"] == "industry"].reset_index(drop=True)


@dataclass(frozen=True)
class PathChartData:
    """Arguments of charts.indicator_path_chart for one indicator."""

    frame: pd.DataFrame
    target_year: int | None
    target_value: float | None


def path_chart_data(table: pd.DataFrame, indicator_id: str, imported: pd.DataFrame | None,
                    labels: dict[str, str]) -> PathChartData | None:
    """Plan path, base and imported actuals of one 14th-plan indicator, with its target; None if absent."""
    row = next(catalog.select(table, (indicator_id,)).itertuples(), None)
    if row is None:
        return None
    target = num(row.target_value)
    year = int(row.target_year) if target is not None and num(row.target_year) is not None else None
    return PathChartData(path_frame(row, imported, labels), year, target)


def enterprise_chart_data(table14: pd.DataFrame, imported: pd.DataFrame | None,
                          labels: dict[str, str]) -> PathChartData | None:
    """The 规上企业 doubling path chart's data."""
    return path_chart_data(table14, ENTERPRISES_ID, imported, labels)


def two_plan_labels(lang: str, base_year: object = 2015) -> dict[str, str]:
    """Chart words of a chart that spans both plans (13th-plan base and target, 14th-plan path)."""
    y = int(num(base_year) or 2015)
    return chart_labels(lang, base=t("in_series_base_year", lang, year=y),
                        fyp13_target=t("in_series_fyp13_target", lang))


def two_plan_chart_data(rows: pd.DataFrame, id13: str, id14: str, imported: pd.DataFrame | None,
                        labels: dict[str, str]) -> PathChartData | None:
    """One indicator across both plans (e.g. forest cover 2015–2025): the actuals of 2015 (the 13th-plan
    base) and 2020, the 13th-plan target, the 14th-plan constant-growth path to its target and any imported actuals.

    Args:
        rows: indicator rows of both plans (indicator_rows or data.indicator_table stacked).
        labels: two_plan_labels(...) words: base, fyp13_target, actual, plan.
    """
    r13 = next(catalog.select(rows, (id13,)).itertuples(), None)
    r14 = next(catalog.select(rows, (id14,)).itertuples(), None)
    if r14 is None:
        return None
    points = []
    if r13 is not None:
        if num(r13.base_value) is not None:
            # The 2015 base is that year's actual value: drawn as one actual line 2015 → 2020.
            points.append({"year": int(r13.base_year), "value": float(r13.base_value), "series": labels["actual"]})
        if num(r13.target_value) is not None:
            points.append({"year": int(r13.target_year), "value": float(r13.target_value),
                           "series": labels["fyp13_target"]})
    base14, target14 = num(r14.base_value), num(r14.target_value)
    if base14 is not None:
        points.append({"year": int(r14.base_year), "value": base14, "series": labels["actual"]})
    if base14 is not None and target14 is not None:
        for year, value in growth.constant_growth_path(int(r14.base_year), base14, int(r14.target_year), target14,
                                                       r14.value_type):
            points.append({"year": year, "value": value, "series": labels["plan"]})
    if imported is not None and not imported.empty:
        for r in imported[imported["indicator_id"] == id14].itertuples():
            if num(r.value) is not None:
                points.append({"year": int(r.year), "value": float(r.value), "series": labels["actual"]})
    frame = pd.DataFrame(points, columns=["year", "value", "series"]).sort_values(["series", "year"])
    return PathChartData(frame.reset_index(drop=True),
                         int(r14.target_year) if target14 is not None else None, target14)


def figure_bullets(figures: pd.DataFrame, lang: str, en_units: dict[str, str] | None = None) -> list[str]:
    """Prose figures as Markdown list items: `风电装机规模：**500 兆瓦**（2025年目标 · 第三章第一节）`."""
    out = []
    for r in figures.itertuples():
        subject = r.subject_en if lang == "en" and isinstance(r.subject_en, str) else r.subject_zh
        value = range_amount(r.value, r.value_max, r.unit_zh, lang, (en_units or {}).get(r.figure_id))
        kind = t("in_kind_target" if r.kind == "target" else "in_kind_achievement", lang)
        when = f"{fmt.fmt_year(r.year, lang)}{kind}" if lang == "zh" and num(r.year) is not None else (
            f"{kind} {fmt.fmt_year(r.year, lang)}" if num(r.year) is not None else kind)
        where = chapter_text(r.chapter_ref, lang)
        sep = "：" if lang == "zh" else ": "
        detail = f"（{when} · {where}）" if lang == "zh" else f" ({when} · {where})"
        out.append(f"- {fmt.md_escape(subject)}{sep}**{fmt.md_escape(value)}**{fmt.md_escape(detail)}")
    return out


def enterprise_bullets(enterprises: pd.DataFrame, lang: str) -> list[str]:
    """Named enterprises as Markdown list items with their chapter."""
    out = []
    for r in enterprises.itertuples():
        name = r.name_en if lang == "en" and isinstance(r.name_en, str) and r.name_en else r.name_zh
        out.append(f"- {fmt.md_escape(name)} · {fmt.md_escape(chapter_text(r.chapter_ref, lang))}")
    return out


# --- the page model (cached per data version and language by ui.view) ----------------------------

def spec(chart) -> dict:
    """A chart's Vega-Lite spec without schema validation (the tests validate the builders)."""
    return chart.to_dict(validate=False)


def project_count_chart(counts: pd.DataFrame, lang: str):
    """Bar chart of key projects per industry sector."""
    from lishi_metrics.charts import builders as charts

    return charts.bar_chart(project_count_frame(counts, lang), "name", "projects", t("in_chart_projects_title", lang),
                            labels={"name": t("in_chart_projects_x", lang), "projects": t("in_chart_projects_y", lang)},
                            horizontal=True)


def enterprise_path_chart(table14: pd.DataFrame, imported: pd.DataFrame | None, lang: str):
    """The 规上企业 doubling path chart (None without the indicator)."""
    from lishi_metrics.charts import builders as charts

    labels = chart_labels(lang)
    path = enterprise_chart_data(table14, imported, labels)
    if path is None:
        return None
    return charts.indicator_path_chart(path.frame, path.target_year, path.target_value,
                                       t("in_path_chart_title", lang), t("in_path_y", lang), labels, height=420)


def shares_chart(rows: pd.DataFrame, ids: tuple[str, ...], title: str, x_title: str, lang: str):
    """2020 actual → 2025 target of percent indicators (a dumbbell chart)."""
    from lishi_metrics.charts import builders as charts

    labels = chart_labels(lang, start=t("in_start_2020", lang), end=t("in_end_2025", lang), value=x_title)
    return charts.dumbbell_chart(dumbbell_frame(catalog.select(rows, ids), lang), title, labels, percent=True)


@dataclass
class IndustriesPage:
    """Everything the industries page shows, display-ready, for one language."""

    names: dict[str, str]
    tiles: list[dict[str, str]]
    count_spec: dict
    group_md: str
    total: int
    sections: list[SectorSection]
    structure: pd.DataFrame
    growth_text: str
    path_spec: dict | None
    path_table: pd.DataFrame
    shares_spec: dict
    industry_wide: pd.DataFrame
    innovation: pd.DataFrame
    innovation_figures: pd.DataFrame


def build(table14: pd.DataFrame, figures: pd.DataFrame, projects: pd.DataFrame, enterprises: pd.DataFrame,
          sectors: pd.DataFrame, counts: pd.DataFrame, imported: pd.DataFrame | None, lang: str) -> IndustriesPage:
    """The industries page from data-layer frames."""
    rows = indicator_rows(table14, catalog.INDUSTRY_IDS + catalog.INNOVATION_IDS)
    path = enterprise_path_chart(table14, imported, lang)
    return IndustriesPage(
        names=sector_names(sectors, lang),
        tiles=[tile for iid in STRUCTURE_HEADLINES if (tile := headline(rows, iid, lang, EN_UNITS.get(iid)))],
        count_spec=spec(project_count_chart(counts, lang)),
        group_md=group_totals_md(counts, lang),
        total=project_total(counts),
        sections=sector_sections(sectors, industry_figures(figures), projects, enterprises, lang),
        structure=indicator_display(indicator_rows(table14, catalog.INDUSTRY_IDS), lang),
        growth_text=enterprise_growth_text(table14, lang),
        path_spec=spec(path) if path is not None else None,
        path_table=enterprise_path_display(table14, imported, lang),
        shares_spec=spec(shares_chart(rows, SHARE_IDS, t("in_shares_chart_title", lang), t("in_shares_x", lang),
                                      lang)),
        industry_wide=figure_display(ids_of(figures, INDUSTRY_WIDE_IDS), lang),
        innovation=indicator_display(indicator_rows(table14, catalog.INNOVATION_IDS), lang),
        innovation_figures=figure_display(innovation_figures(figures), lang),
    )


def build_page(lang: str) -> IndustriesPage:
    """The industries page from the data layer (for ui.view)."""
    from lishi_metrics.data import db as data

    return build(data.indicator_table("fyp14"), data.text_figures(), data.projects(), data.enterprises(),
                 data.sectors(), data.project_counts(), data.imported_actuals(), lang)


def pick_sections(sections: list[SectorSection], sector: str) -> list[SectorSection]:
    """The sections the sector chooser shows: all, or the chosen one."""
    return sections if sector == SECTOR_ALL else [s for s in sections if s.code == sector]
