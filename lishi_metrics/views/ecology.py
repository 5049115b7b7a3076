"""绿色生态 ecology page: display-ready frames for air, water, forest, energy and carbon (no streamlit)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lishi_metrics.data import catalog, placements
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import sectors, state
from lishi_metrics.views._common import status_label
from lishi_metrics.views.tiles import Tile

THEME_ALL = "all"
# The themes of the page: the groups of the place "ecology" (data.placements, which says which indicator of which
# plan sits in which theme, in what order, and which are charted).
THEMES: tuple[str, ...] = tuple(g for g in placements.GROUPS["ecology"] if g != "plan")
THEME_CHOICES = (THEME_ALL, *THEMES)
# 13th-plan achievements of the prose (topic ecology) by theme.
THEME_FIGURES: dict[str, tuple[str, ...]] = {
    "air": ("tf_good_air_days_2020", "tf_good_air_ratio_2020", "tf_coal_to_gas_households_2020",
            "tf_coal_to_electricity_households_2020", "tf_central_heating_households_2020"),
    "water": (),
    "forest": ("tf_barren_hill_greening_2020", "tf_walnut_upgrade_2020"),
    "energy": (),
    "pollutants": (),
}
HEATING_IDS = ("tf_coal_to_gas_households_2020", "tf_coal_to_electricity_households_2020",
               "tf_central_heating_households_2020")
PROJECT_TABLE = "专栏10"


def parse_theme(raw: object) -> tuple[str, list[state.Notice]]:
    """The theme chooser `theme=all|air|water|forest|energy|pollutants`."""
    return sectors.parse_choice(raw, THEME_CHOICES, THEME_ALL, "theme")


def themes_shown(theme: str) -> tuple[str, ...]:
    """The themes a choice shows, in page order."""
    return THEMES if theme == THEME_ALL else (theme,)


def ecology_rows(table14: pd.DataFrame, table13: pd.DataFrame, placed: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every indicator of the plan and its predecessor placed on the ecology page, with status columns and their
    theme (sectors.placed_rows; `placed`: the placements table, read from the data layer when None)."""
    return sectors.placed_rows("ecology", table14, table13, placed)


def theme_rows(rows: pd.DataFrame, theme: str, plan: str) -> pd.DataFrame:
    """The rows of one theme, of the chosen plan(s), in placement order."""
    return sectors.filter_plan(sectors.in_group(rows, theme), plan)


def theme_figures(figures: pd.DataFrame, theme: str) -> pd.DataFrame:
    """The 13th-plan achievements the prose reports for a theme."""
    return sectors.ids_of(figures, THEME_FIGURES[theme])


def tiles(rows: pd.DataFrame, figures: pd.DataFrame, lang: str) -> list[Tile]:
    """Headline tiles: PM2.5, good-air days, surface water, forest cover, water use per 万元 GDP.

    Each: name, value (latest known), one line (the comparison a leader reads) and a tooltip.
    """
    out = []
    pm = sectors.piece_row(rows, "ecology_pm25")
    if pm is not None:
        out.append(Tile(
            key=pm.indicator_id, name=t("ec_tile_pm25", lang), value=sectors.amount(pm.actual_value, pm.unit_zh, lang),
            lines=(t("ec_tile_was", lang, year=fmt.fmt_year(pm.base_year, lang),
                     value=sectors.amount(pm.base_value, pm.unit_zh, lang)),),
            help=t("ec_tile_pm25_help", lang,
                   change=sectors.total_change_text(pm.base_value, pm.actual_value, pm.value_type, pm.unit_zh, lang)),
        ))
    air = sectors.piece_row(rows, "ecology_air")
    days = sectors.figure_value(figures, "tf_good_air_days_2020")
    if air is not None:
        value = sectors.amount(air.base_value, air.unit_zh, lang)
        if days is not None:
            value = f"{sectors.amount(days, '天', lang)} · {value}"
        out.append(Tile(
            key=air.indicator_id, name=t("ec_tile_air", lang), value=value,
            lines=(t("in_tile_target", lang, year=fmt.fmt_year(air.target_year, lang),
                     target=sectors.amount(air.target_value, air.unit_zh, lang)),),
            help=t("ec_tile_air_help", lang),
        ))
    for piece, key in (("ecology_water", "ec_tile_water"), ("ecology_forest", "ec_tile_forest")):
        r = sectors.piece_row(rows, piece)
        if r is None:
            continue
        out.append(Tile(
            key=r.indicator_id, name=t(key, lang), value=sectors.amount(_latest_or_base(r), r.unit_zh, lang),
            lines=(t("in_tile_target", lang, year=fmt.fmt_year(r.target_year, lang),
                     target=sectors.amount(r.target_value, r.unit_zh, lang)),),
            help=t(f"{key}_help", lang,
                   change=sectors.total_change_text(r.base_value, r.target_value, r.value_type, r.unit_zh, lang)),
        ))
    w = sectors.piece_row(rows, "ecology_water_use")
    if w is not None:
        out.append(Tile(
            key=w.indicator_id, name=t("ec_tile_water_use", lang), value=sectors.amount(w.actual_value, w.unit_zh, lang),
            lines=(t("ec_tile_was", lang, year=fmt.fmt_year(w.base_year, lang),
                     value=sectors.amount(w.base_value, w.unit_zh, lang)),),
            help=t("ec_tile_water_use_help", lang, target=sectors.amount(w.target_value, w.unit_zh, lang),
                   status=status_label(w.status, lang)),
        ))
    return out


def _latest_or_base(r) -> float | None:
    latest = sectors.num(getattr(r, "latest_value", None))
    return latest if latest is not None else sectors.num(r.base_value)


def forest_chart_data(rows: pd.DataFrame, imported: pd.DataFrame | None, lang: str) -> sectors.PathChartData | None:
    """Forest cover 2015–2025 in one chart: the 13th-plan base (32 %) and missed target (40 %), the 2020
    actual (27.76 %), the 14th-plan path to 30 % and any imported actuals."""
    found = sectors.piece_ids(rows, "forest_chart")
    if not found:
        return None
    previous, current = (None, *found)[-2:]
    return sectors.two_plan_chart_data(rows, previous, current, imported, forest_labels(lang))


def forest_labels(lang: str) -> dict[str, str]:
    """Chart words of the forest-cover chart."""
    return sectors.two_plan_labels(lang, 2015)


def shares_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Base → target of the plan's charted ecology rows (data.placements: good-air days, surface water, forest cover)."""
    return sectors.dumbbell_frame(catalog.select(rows, sectors.charted_ids(rows)), lang)


def heating_frame(figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Clean-heating households of the 13th plan (煤改气, 煤改电, 集中供热) for a bar chart."""
    picked = sectors.ids_of(figures, HEATING_IDS)
    names = {"tf_coal_to_gas_households_2020": "ec_heating_gas", "tf_coal_to_electricity_households_2020":
             "ec_heating_electric", "tf_central_heating_households_2020": "ec_heating_central"}
    rows = [{"name": t(names[r.figure_id], lang), "households": float(r.value),
             "text": sectors.amount(r.value, r.unit_zh, lang, r.unit_en)}
            for r in picked.itertuples() if sectors.num(r.value) is not None]
    return pd.DataFrame(rows, columns=["name", "households", "text"])


def heating_total(figures: pd.DataFrame) -> float:
    """Households switched to clean heating (the three figures together)."""
    return float(sum(sectors.figure_value(figures, fid) or 0.0 for fid in HEATING_IDS))


def _heating_total_text(figures: pd.DataFrame, lang: str) -> str:
    """heating_total in the unit of the three figures (户, English word from text_figures.csv unit_en)."""
    first = next(sectors.ids_of(figures, HEATING_IDS).itertuples(), None)
    unit_zh, unit_en = (first.unit_zh, first.unit_en) if first is not None else ("户", None)
    return sectors.amount(heating_total(figures), unit_zh, lang, unit_en)


def _is_city_task(text: object) -> bool:
    return isinstance(text, str) and text.strip() in sectors.CITY_TASK_TEXTS


def city_task_rows(rows: pd.DataFrame, plan: str = sectors.PLAN_ALL) -> pd.DataFrame:
    """Binding indicators whose target (or result) the plan states as a city-assigned task, not a number."""
    if rows.empty:
        return rows
    mask = [any(_is_city_task(x) for x in (r.target_text, r.growth_text, r.actual_text)) for r in rows.itertuples()]
    return sectors.filter_plan(rows[mask].reset_index(drop=True), plan)


def city_task_display(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The city-task indicators as text: the printed requirement verbatim, the number only where the plan
    prints one, and no progress (nothing to measure against)."""
    cols = [t("plan", lang), t("indicator", lang), t("attribute", lang), t("in_col_start", lang),
            t("ec_col_numeric_target", lang), t("ec_col_text_target", lang), t("ec_col_how_shown", lang)]
    records = []
    for r in rows.itertuples():
        texts = [x.strip() for x in (r.target_text, r.growth_text, r.actual_text) if _is_city_task(x)]
        printed = texts[0] if texts else ""
        requirement = printed if lang == "zh" else fmt.TEXT_EN.get(printed, printed)  # English words only (issue 14.6)
        numeric = sectors.num(r.target_value)
        records.append([
            sectors.plan_short(r.plan_id, lang), r.name_en if lang == "en" else r.name_zh,
            t("attr_binding" if r.attribute == "约束性" else "attr_anticipatory", lang),
            sectors.with_year(sectors.cell(r.base_value, r.base_text, r.unit_zh, lang), r.base_year, lang),
            sectors.with_year(sectors.amount(numeric, r.unit_zh, lang), r.target_year, lang) if numeric is not None
            else t("ec_no_numeric_target", lang),
            requirement,
            t("ec_shown_result" if not sectors.is_document_plan(r.plan_id) else
              "ec_shown_with_number" if numeric is not None else "ec_shown_text_only", lang),
        ])
    return pd.DataFrame(records, columns=cols)


def project_display(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ecology projects of 专栏10."""
    return sectors.project_display(projects[projects["table_ref"] == PROJECT_TABLE], lang)


def achievements_display(figures: pd.DataFrame, ids: tuple[str, ...], lang: str) -> pd.DataFrame:
    """13th-plan achievements as a table (households in English say so)."""
    return sectors.figure_display(sectors.ids_of(figures, ids), lang)


# --- the page model (cached per data version and language by ui.view) ----------------------------

def shares_chart(rows: pd.DataFrame, lang: str):
    """Base → target of the plan's charted ecology rows."""
    return sectors.shares_chart(rows, sectors.charted_ids(rows), t("ec_shares_title", lang), t("ec_shares_x", lang),
                                lang)


def heating_chart(figures: pd.DataFrame, lang: str):
    """Clean-heating households of the 13th plan."""
    from lishi_metrics.charts import builders as charts

    return charts.bar_chart(heating_frame(figures, lang), "name", "households", t("ec_heating_title", lang),
                            labels={"name": t("ec_heating_x", lang), "households": t("ec_heating_y", lang)},
                            horizontal=True)


def forest_chart(rows: pd.DataFrame, imported: pd.DataFrame | None, lang: str):
    """Forest cover 2015–2025 (None without the indicator)."""
    from lishi_metrics.charts import builders as charts

    forest = forest_chart_data(rows, imported, lang)
    if forest is None:
        return None
    return charts.share_path_chart(forest.frame, forest.target_year, forest.target_value, t("ec_forest_title", lang),
                                   t("ec_forest_y", lang), forest_labels(lang), height=420)


@dataclass
class EcologyPage:
    """Everything the ecology page shows, display-ready, for one language.

    tables: (theme, plan) → the theme's indicator table for that plan choice (None when empty);
    tasks: plan → the city-task table (None when empty).
    """

    tiles: list[Tile]
    tables: dict[tuple[str, str], pd.DataFrame | None]
    achievements: dict[str, pd.DataFrame]
    shares_spec: dict
    heating_spec: dict
    heating_total: str
    forest_spec: dict | None
    tasks: dict[str, pd.DataFrame | None]
    projects: pd.DataFrame


def build(table14: pd.DataFrame, table13: pd.DataFrame, figures: pd.DataFrame, projects: pd.DataFrame,
          imported: pd.DataFrame | None, lang: str) -> EcologyPage:
    """The ecology page from data-layer frames (figures: text_figures of topic ecology)."""
    rows = ecology_rows(table14, table13)
    tables = {}
    for theme in THEMES:
        for plan in sectors.PLAN_CHOICES:
            part = theme_rows(rows, theme, plan)
            tables[(theme, plan)] = None if part.empty else sectors.indicator_display(part, lang)
    tasks = {}
    for plan in sectors.PLAN_CHOICES:
        part = city_task_rows(rows, plan)
        tasks[plan] = None if part.empty else city_task_display(part, lang)
    forest = forest_chart(rows, imported, lang)
    return EcologyPage(
        tiles=tiles(rows, figures, lang),
        tables=tables,
        achievements={th: achievements_display(figures, ids, lang) for th, ids in THEME_FIGURES.items() if ids},
        shares_spec=sectors.spec(shares_chart(rows, lang)),
        heating_spec=sectors.spec(heating_chart(figures, lang)),
        heating_total=_heating_total_text(figures, lang),
        forest_spec=sectors.spec(forest) if forest is not None else None,
        tasks=tasks,
        projects=project_display(projects, lang),
    )


def build_page(lang: str) -> EcologyPage:
    """The ecology page from the data layer (for ui.view)."""
    from lishi_metrics.data import db as data

    return build(data.indicator_table("fyp14"), data.indicator_table("fyp13"), data.text_figures(topic="ecology"),
                 data.projects(table_ref=PROJECT_TABLE), data.imported_actuals(), lang)


def warm_up_models(lang: str, plan_id: str, day: str) -> list[tuple]:
    """What this page builds through ui.view for its first visitor, as (function, arguments): the warm-up
    (ui.warmup, for pages the registry marks `warm`) builds them before the server listens."""
    return [(build_page, (lang,))]
