"""三新五大 industries page: display-ready frames from data-layer frames (no streamlit, no SQL): one section per
sector, the 规上企业 doubling path, structure and innovation indicators.

The helpers the three sector pages share (plan choice, value cells, indicator/figure/project tables, two-plan
charts) live in views.sectors; they are re-exported here for pages/industries.py and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lishi_metrics.data import catalog, placements
from lishi_metrics.model import growth, rowwise
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import state, wording
from lishi_metrics.views._common import pct_decimals
from lishi_metrics.views.sectors import (  # noqa: F401 (re-exported: pages/industries.py and tests read them here)
    CITY_TASK_TEXTS,
    PLAN_ALL,
    TABLE_PARAM,
    PathChartData,
    PlanFilter,
    _localized_name,
    amount,
    cell,
    change_text,
    chapter_text,
    chart_labels,
    charted_ids,
    combined_table,
    dumbbell_frame,
    figure_display,
    figure_value,
    filter_plan,
    headline,
    ids_of,
    in_group,
    indicator_display,
    indicator_rows,
    num,
    page_placements,
    parse_choice,
    parse_plan,
    piece_ids,
    piece_row,
    placed_figures,
    placed_rows,
    plan_filter,
    plan_labels,
    project_display,
    range_amount,
    shares_chart,
    short_name,
    spec,
    stated_growth,
    table_text,
    total_change_text,
    two_plan_chart_data,
    two_plan_labels,
    url_value,
    with_year,
    year_text,
)
from lishi_metrics.views.tiles import Tile

# Source references (专栏N, 第X章第Y节) are read by the one formatter in text.fmt.
cn_number = fmt.cn_number


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
        for r in rowwise.rows(mine):
            if num(r.value) is not None:
                out.append({"year": int(r.year), "value": float(r.value), "series": labels["actual"]})
    return pd.DataFrame(out, columns=["year", "value", "series"])


# --- the industries page ---------------------------------------------------------------------------

SECTOR_ALL = "all"
SECTOR_CHOICES = (SECTOR_ALL, *catalog.INDUSTRY_SECTORS)
# Prose figures of the whole industry (no sector: the 规上企业 doubling and enterprise-size targets) are the piece
# industry_wide of placements.csv (rows naming a figure_id).
INDUSTRY_WIDE_PIECE = "industry_wide"
SECTOR_GROUP_KEYS = {"三新": "in_group_three_new", "五大": "in_group_five_big", "other_industry": "in_group_other"}


def parse_sector(raw: object) -> tuple[str, list[state.Notice]]:
    """The sector chooser `sector=all|new_energy|…` (catalog.INDUSTRY_SECTORS)."""
    return parse_choice(raw, SECTOR_CHOICES, SECTOR_ALL, "sector")


def sector_names(sectors: pd.DataFrame, lang: str) -> dict[str, str]:
    """Sector code → name in the language (all industry sectors, plus 'all')."""
    names = {SECTOR_ALL: t("in_all_sectors", lang)}
    col = "name_en" if lang == "en" else "name_zh"
    for r in rowwise.rows(sectors):
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
    for r in rowwise.rows(enterprises):
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
    meta = {r.sector: r for r in rowwise.rows(sectors)}
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
    by_code = {r.sector: r for r in rowwise.rows(counts)}
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
    for r in rowwise.rows(counts):
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
    r = piece_row(table14, "enterprises_chart")
    if r is None:
        return pd.DataFrame(columns=["year", "value"])
    base, target = num(r.base_value), num(r.target_value)
    if base is None or target is None:
        return pd.DataFrame(columns=["year", "value"])
    points = growth.constant_growth_path(int(r.base_year), base, int(r.target_year), target, r.value_type)
    return pd.DataFrame(points, columns=["year", "value"])


def enterprise_path_display(table14: pd.DataFrame, imported: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """The doubling path year by year: the plan path's value and the imported actual where there is one, both
    at the row's display precision (a count of enterprises: whole numbers, never 40.9 enterprises)."""
    path = enterprise_path(table14)
    actual = {}
    if imported is not None and not imported.empty:
        for r in rowwise.rows(imported[imported["indicator_id"].isin(piece_ids(table14, "enterprises_chart"))]):
            if num(r.value) is not None:
                actual[int(r.year)] = float(r.value)
    row = piece_row(table14, "enterprises_chart")
    unit_zh, unit_en = (row.unit_zh, getattr(row, "unit_en", None)) if row is not None else ("户", None)
    precision = fmt.precision_of(row) if row is not None else 0
    rows = []
    for r in rowwise.rows(path):
        year = int(r.year)
        rows.append([
            fmt.fmt_year(year, lang), fmt.format_number(r.value, fmt.shown_decimals(r.value, precision)),
            amount(actual[year], unit_zh, lang, unit_en, precision) if year in actual else fmt.no_data(lang),
        ])
    cols = [t("year", lang), t("in_col_path_value", lang), t("series_actual", lang)]
    return pd.DataFrame(rows, columns=cols)


def enterprise_growth(table14: pd.DataFrame) -> dict[str, float] | None:
    """Implied and printed yearly growth of the 规上企业 target and how many times 2020 it is."""
    r = piece_row(table14, "enterprises_chart")
    if r is None:
        return None
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
    r = piece_row(table14, "enterprises_chart")
    return t(
        "in_enterprise_growth", lang, year=int(r.base_year), base=fmt.format_number(g["base"]), target=fmt.format_number(g["target"]),
        multiple=fmt.format_number(g["multiple"], 2),
        implied=fmt.format_number(g["implied_pct"], pct_decimals(g["implied_pct"])),  # as the plan path's pace
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


def path_chart_data(table: pd.DataFrame, indicator_id: str, imported: pd.DataFrame | None,
                    labels: dict[str, str]) -> PathChartData | None:
    """Plan path, base and imported actuals of one 14th-plan indicator, with its target; None if absent."""
    row = next(rowwise.rows(catalog.select(table, (indicator_id,))), None)
    if row is None:
        return None
    target = num(row.target_value)
    year = int(row.target_year) if target is not None and num(row.target_year) is not None else None
    return PathChartData(path_frame(row, imported, labels), year, target)


def enterprise_chart_data(table14: pd.DataFrame, imported: pd.DataFrame | None,
                          labels: dict[str, str]) -> PathChartData | None:
    """The 规上企业 doubling path chart's data (the plan's enterprises_chart piece, placements.csv)."""
    found = piece_ids(table14, "enterprises_chart")
    return path_chart_data(table14, found[-1], imported, labels) if found else None


def figure_bullets(figures: pd.DataFrame, lang: str) -> list[str]:
    """Prose figures as Markdown list items: `风电装机规模：**500 兆瓦**（2025年目标 · 第三章第一节）`."""
    out = []
    for r in rowwise.rows(figures):
        subject = r.subject_en if lang == "en" and isinstance(r.subject_en, str) else r.subject_zh
        value = range_amount(r.value, r.value_max, r.unit_zh, lang, getattr(r, "unit_en", None))
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
    for r in rowwise.rows(enterprises):
        name = r.name_en if lang == "en" and isinstance(r.name_en, str) and r.name_en else r.name_zh
        out.append(f"- {fmt.md_escape(name)} · {fmt.md_escape(chapter_text(r.chapter_ref, lang))}")
    return out


def project_count_chart(counts: pd.DataFrame, lang: str):
    """Bar chart of key projects per industry sector."""
    from lishi_metrics.charts import builders as charts

    return charts.bar_chart(project_count_frame(counts, lang), "name", "projects", t("in_chart_projects_title", lang),
                            labels={"name": t("in_chart_projects_x", lang), "projects": t("in_chart_projects_y", lang)},
                            horizontal=True)


def enterprise_path_chart(table14: pd.DataFrame, imported: pd.DataFrame | None, lang: str):
    """The 规上企业 doubling path chart (None without the piece)."""
    from lishi_metrics.charts import builders as charts

    labels = chart_labels(lang)
    path = enterprise_chart_data(table14, imported, labels)
    if path is None:
        return None
    title = wording.own_text("in_path_chart_title", str(table14["plan_id"].iloc[0]), lang)
    return charts.indicator_path_chart(path.frame, path.target_year, path.target_value, title, t("in_path_y", lang),
                                       labels, height=420)


@dataclass
class IndustriesPage:
    """Everything the industries page shows, display-ready, for one language and plan.

    document: the plan shown is the document's, whose sectors, projects, enterprises and prose figures the page
    shows (another plan's page shows its own rows and pieces; `nothing_note` says, in one line, what it lacks).
    structure, innovation, plan_rows: the placed rows of each group (None when the plan has none).
    """

    names: dict[str, str]
    tiles: list[Tile]
    count_spec: dict | None
    group_md: str
    total: int
    sections: list[SectorSection]
    structure: pd.DataFrame | None
    growth_text: str
    path_spec: dict | None
    path_table: pd.DataFrame | None
    shares_spec: dict | None
    industry_wide: pd.DataFrame | None
    innovation: pd.DataFrame | None
    innovation_figures: pd.DataFrame | None
    document: bool = True
    plan_rows: pd.DataFrame | None = None
    intro: str = ""
    structure_caption: str = ""
    innovation_caption: str = ""
    table_note: str = ""
    nothing_note: str = ""
    none_note: str = ""
    provenance: str = ""


def _shown(frame: pd.DataFrame) -> pd.DataFrame | None:
    return None if frame is None or frame.empty else frame


def build(table14: pd.DataFrame, figures: pd.DataFrame, projects: pd.DataFrame, enterprises: pd.DataFrame,
          sectors: pd.DataFrame, counts: pd.DataFrame, imported: pd.DataFrame | None, lang: str,
          plan_id: str | None = None) -> IndustriesPage:
    """The industries page of the plan of `table14` from data-layer frames (the document's sectors, projects,
    enterprises and figures count only for the document's own plan)."""
    from lishi_metrics.data import db as data
    from lishi_metrics.data.plans import DOCUMENT_PLAN, is_document_plan

    plan_id = plan_id or (str(table14["plan_id"].iloc[0]) if not table14.empty else DOCUMENT_PLAN)
    document = is_document_plan(plan_id)
    if not document:  # the document's prose, projects and enterprises belong to its plan only
        figures, projects, enterprises = figures.iloc[0:0], projects.iloc[0:0], enterprises.iloc[0:0]
    # Which rows, in which group, on the tiles and in the chart: data.placements (places industries and
    # industries_tiles).
    rows = placed_rows("industries", table14)
    headlines = placements.ids(page_placements("industries_tiles", table14))
    path = enterprise_path_chart(table14, imported, lang)
    labels = plan_labels((plan_id,), lang)
    charted = charted_ids(rows)
    label = state.plan_label(data.plans_catalogue(), plan_id, lang)

    def group_table(group: str) -> pd.DataFrame | None:
        part = in_group(rows, group)
        return None if part.empty else indicator_display(part, lang, plan_id, labels)

    return IndustriesPage(
        names=sector_names(sectors, lang),
        tiles=[tile for iid in headlines if (tile := headline(rows, iid, lang))],
        count_spec=spec(project_count_chart(counts, lang)) if document else None,
        group_md=group_totals_md(counts, lang),
        total=project_total(counts),
        sections=sector_sections(sectors, industry_figures(figures), projects, enterprises, lang) if document else [],
        structure=group_table("structure"),
        growth_text=enterprise_growth_text(table14, lang),
        path_spec=spec(path) if path is not None else None,
        path_table=enterprise_path_display(table14, imported, lang) if path is not None else None,
        shares_spec=spec(shares_chart(rows, charted, wording.own_text("in_shares_chart_title", plan_id, lang),
                                      t("in_shares_x", lang), lang)) if charted else None,
        industry_wide=_shown(figure_display(placed_figures(figures, INDUSTRY_WIDE_PIECE, plan_id), lang)),
        innovation=group_table("innovation"),
        innovation_figures=_shown(figure_display(innovation_figures(figures), lang)),
        document=document,
        plan_rows=group_table("plan"),
        intro=wording.own_text("in_intro", plan_id, lang),
        structure_caption=wording.own_text("in_structure_caption", plan_id, lang),
        innovation_caption=wording.own_text("in_innovation_caption", plan_id, lang),
        table_note=wording.own_text("in_table_note", plan_id, lang),
        nothing_note="" if document else t("in_no_document_content", lang, plan=label),
        none_note=t("in_nothing_for_plan", lang, plan=label),
        provenance=wording.own_text("in_provenance", plan_id, lang),
    )


def build_page(lang: str, plan_id: str | None = None) -> IndustriesPage:
    """The industries page of `plan_id` (default: the document's) from the data layer (for ui.view)."""
    from lishi_metrics.data import db as data
    from lishi_metrics.data.plans import DOCUMENT_PLAN

    plan_id = plan_id or DOCUMENT_PLAN
    return build(data.indicator_table(plan_id), data.text_figures(), data.projects(), data.enterprises(),
                 data.sectors(), data.project_counts(), data.imported_actuals(), lang, plan_id)


def pick_sections(sections: list[SectorSection], sector: str) -> list[SectorSection]:
    """The sections the sector chooser shows: all, or the chosen one."""
    return sections if sector == SECTOR_ALL else [s for s in sections if s.code == sector]


def warm_up_models(lang: str, plan_id: str, day: str) -> list[tuple]:
    """What this page builds through ui.view for its first visitor, as (function, arguments): the warm-up
    (ui.warmup, for pages the registry marks `warm`) builds them before the server listens."""
    return [(build_page, (lang, plan_id))]
