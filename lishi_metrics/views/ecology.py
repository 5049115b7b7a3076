"""绿色生态 ecology page: display-ready frames for air, water, forest, energy and carbon (no streamlit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from lishi_metrics.data import catalog, placements
from lishi_metrics.model import rowwise
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import sectors, state, wording
from lishi_metrics.views._common import status_label
from lishi_metrics.views.tiles import Tile

THEME_ALL = "all"
# The themes of the page: the groups of the place "ecology" (data.placements, which says which indicator of which
# plan sits in which theme, in what order, and which are charted); the group "plan" (rows a rule placed by their
# category) is a theme of a page only when it has rows (themes_of).
RULE_THEME = "plan"
THEMES: tuple[str, ...] = tuple(g for g in placements.GROUPS["ecology"] if g != RULE_THEME)
THEME_CHOICES = (THEME_ALL, *THEMES)
# The clean-heating bars: pieces of the page (placements.csv rows naming a prose figure), each named by its words.
HEATING_PIECES = ("heating_gas", "heating_electric", "heating_central")
PROJECT_TABLE = "专栏10"


def themes_of(rows: pd.DataFrame) -> tuple[str, ...]:
    """The themes of a page of `rows` (ecology_rows): THEMES, then the rule-placed rows' theme when it has any."""
    return sectors.page_groups(rows, THEMES, RULE_THEME)


def parse_theme(raw: object, themes: tuple[str, ...] = THEMES) -> tuple[str, list[state.Notice]]:
    """The theme chooser `theme=all|<a theme of the page>` (themes_of)."""
    return sectors.parse_choice(raw, (THEME_ALL, *themes), THEME_ALL, "theme")


def themes_shown(theme: str, themes: tuple[str, ...] = THEMES) -> tuple[str, ...]:
    """The themes a choice shows, in page order."""
    return sectors.groups_shown(theme, themes, THEME_ALL)


def theme_figure_ids(theme: str, plan_id: str = sectors.DOCUMENT_PLAN) -> tuple[str, ...]:
    """The prose figures (the 13th plan's results) of a theme on `plan_id`'s page (placements.csv: pieces
    ecology_figures_<theme>)."""
    return sectors.figure_ids(f"ecology_figures_{theme}", plan_id)


def ecology_rows(table14: pd.DataFrame, table13: pd.DataFrame | None, placed: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every indicator of the plan and its predecessor placed on the ecology page, with status columns and their
    theme (sectors.placed_rows; `placed`: the placements table, read from the data layer when None)."""
    return sectors.placed_rows("ecology", table14, table13, placed)


def theme_rows(rows: pd.DataFrame, theme: str, plan: str) -> pd.DataFrame:
    """The rows of one theme, of the chosen plan(s), in placement order."""
    return sectors.filter_plan(sectors.in_group(rows, theme), plan)


def theme_figures(figures: pd.DataFrame, theme: str, plan_id: str = sectors.DOCUMENT_PLAN) -> pd.DataFrame:
    """The 13th-plan achievements the prose reports for a theme (theme_figure_ids)."""
    return sectors.ids_of(figures, theme_figure_ids(theme, plan_id))


TILE_PIECES = ("ecology_pm25", "ecology_air", "ecology_water", "ecology_forest", "ecology_water_use")


def tiles(rows: pd.DataFrame, figures: pd.DataFrame, lang: str) -> list[Tile]:
    """Headline tiles: PM2.5, good-air days, surface water, forest cover, water use per 万元 GDP.

    Each: name, value (latest known), one line (the comparison a leader reads) and a tooltip. Their words are
    the document's; another plan's pieces (placements.csv) are number tiles of their own rows (sectors.headline).
    """
    if rows.empty:
        return []
    shown = sectors.shown_plan(rows)
    if not sectors.is_document_plan(shown):
        found = [sectors.piece_row(rows, piece) for piece in TILE_PIECES]
        return [tile for r in found if r is not None and (tile := sectors.headline(rows, r.indicator_id, lang))]
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
    days_id = sectors.figure_ids("ecology_air_days", shown)
    days = sectors.figure_value(figures, days_id[0]) if days_id else None
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
    return sectors.two_plan_chart_data(rows, previous, current, imported, forest_labels(rows, lang))


def forest_labels(rows: pd.DataFrame, lang: str) -> dict[str, str]:
    """Chart words of the forest-cover chart (the predecessor's base year and target, sectors.two_plan_labels)."""
    return sectors.two_plan_labels(rows, sectors.piece_ids(rows, "forest_chart"), lang)


def shares_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Base → target of the plan's charted ecology rows (data.placements: good-air days, surface water, forest cover)."""
    return sectors.dumbbell_frame(catalog.select(rows, sectors.charted_ids(rows)), lang)


def _heating(figures: pd.DataFrame, plan_id: str) -> list[tuple[str, Any]]:
    """(piece, figure row) of the clean-heating bars placed for the plan (HEATING_PIECES), in order."""
    out = []
    for piece in HEATING_PIECES:
        for r in rowwise.rows(sectors.placed_figures(figures, piece, plan_id)):
            out.append((piece, r))
    return out


def heating_frame(figures: pd.DataFrame, lang: str, plan_id: str = sectors.DOCUMENT_PLAN) -> pd.DataFrame:
    """Clean-heating households of the 13th plan (煤改气, 煤改电, 集中供热) for a bar chart."""
    rows = [{"name": t(f"ec_{piece}", lang), "households": float(r.value),
             "text": sectors.amount(r.value, r.unit_zh, lang, r.unit_en)}
            for piece, r in _heating(figures, plan_id) if sectors.num(r.value) is not None]
    return pd.DataFrame(rows, columns=["name", "households", "text"])


def heating_total(figures: pd.DataFrame, plan_id: str = sectors.DOCUMENT_PLAN) -> float:
    """Households switched to clean heating (the three figures together)."""
    return float(sum(sectors.num(r.value) or 0.0 for _, r in _heating(figures, plan_id)))


def _heating_total_text(figures: pd.DataFrame, lang: str, plan_id: str) -> str:
    """heating_total in the unit of the three figures (户, English word from text_figures.csv unit_en)."""
    first = next((r for _, r in _heating(figures, plan_id)), None)
    unit_zh, unit_en = (first.unit_zh, first.unit_en) if first is not None else ("户", None)
    return sectors.amount(heating_total(figures, plan_id), unit_zh, lang, unit_en)


def _is_city_task(text: object) -> bool:
    return isinstance(text, str) and text.strip() in sectors.CITY_TASK_TEXTS


def city_task_rows(rows: pd.DataFrame, plan: str = sectors.PLAN_ALL) -> pd.DataFrame:
    """Binding indicators whose target (or result) the plan states as a city-assigned task, not a number."""
    if rows.empty:
        return rows
    mask = [any(_is_city_task(x) for x in (r.target_text, r.growth_text, r.actual_text)) for r in rowwise.rows(rows)]
    return sectors.filter_plan(rows[mask].reset_index(drop=True), plan)


def city_task_display(rows: pd.DataFrame, lang: str, current: str = sectors.DOCUMENT_PLAN,
                      labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The city-task indicators as text: the printed requirement verbatim, the number only where the plan
    prints one, and no progress (nothing to measure against); the predecessor's rows (not `current`) as results.
    labels: plan_id → its words (default: sectors.plan_labels)."""
    cols = [t("plan", lang), t("indicator", lang), t("attribute", lang), t("in_col_start", lang),
            t("ec_col_numeric_target", lang), t("ec_col_text_target", lang), t("ec_col_how_shown", lang)]
    records = []
    if labels is None and not rows.empty:
        labels = sectors.plan_labels(rows["plan_id"], lang)
    for r in rowwise.rows(rows):
        texts = [x.strip() for x in (r.target_text, r.growth_text, r.actual_text) if _is_city_task(x)]
        printed = texts[0] if texts else ""
        requirement = printed if lang == "zh" else fmt.TEXT_EN.get(printed, printed)  # English words only (issue 14.6)
        numeric = sectors.num(r.target_value)
        records.append([
            (labels or {}).get(r.plan_id, str(r.plan_id)), r.name_en if lang == "en" else r.name_zh,
            t("attr_binding" if r.attribute == "约束性" else "attr_anticipatory", lang),
            sectors.with_year(sectors.cell(r.base_value, r.base_text, r.unit_zh, lang), r.base_year, lang),
            sectors.with_year(sectors.amount(numeric, r.unit_zh, lang), r.target_year, lang) if numeric is not None
            else t("ec_no_numeric_target", lang),
            requirement,
            t("ec_shown_result", lang, plan=(labels or {}).get(r.plan_id, str(r.plan_id))) if r.plan_id != current
            else t("ec_shown_with_number" if numeric is not None else "ec_shown_text_only", lang),
        ])
    return pd.DataFrame(records, columns=cols)


def project_display(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ecology projects of 专栏10."""
    return sectors.project_display(projects[projects["table_ref"] == PROJECT_TABLE], lang)


def achievements_display(figures: pd.DataFrame, ids: tuple[str, ...], lang: str) -> pd.DataFrame:
    """13th-plan achievements as a table (households in English say so)."""
    return sectors.figure_display(sectors.ids_of(figures, ids), lang)


# --- the page model (cached per data version and language by ui.view) ----------------------------

def shares_chart(rows: pd.DataFrame, lang: str, plan_id: str = sectors.DOCUMENT_PLAN):
    """Base → target of the plan's charted ecology rows."""
    return sectors.shares_chart(rows, sectors.charted_ids(rows), wording.own_text("ec_shares_title", plan_id, lang),
                                t("ec_shares_x", lang), lang)


def heating_chart(figures: pd.DataFrame, lang: str, plan_id: str = sectors.DOCUMENT_PLAN):
    """Clean-heating households of the 13th plan."""
    from lishi_metrics.charts import builders as charts

    return charts.bar_chart(heating_frame(figures, lang, plan_id), "name", "households", t("ec_heating_title", lang),
                            labels={"name": t("ec_heating_x", lang), "households": t("ec_heating_y", lang)},
                            horizontal=True)


def forest_chart(rows: pd.DataFrame, imported: pd.DataFrame | None, lang: str):
    """Forest cover 2015–2025 (None without the piece)."""
    from lishi_metrics.charts import builders as charts

    forest = forest_chart_data(rows, imported, lang)
    if forest is None:
        return None
    title = wording.own_text("ec_forest_title", sectors.shown_plan(rows), lang)
    return charts.share_path_chart(forest.frame, forest.target_year, forest.target_value, title,
                                   t("ec_forest_y", lang), forest_labels(rows, lang), height=420)


@dataclass
class EcologyPage:
    """Everything the ecology page shows, display-ready, for one language and plan.

    plans: the row filter (its choices and words); themes: the page's themes (themes_of);
    tables: (theme, plan choice) → the theme's indicator table (None when empty);
    tasks: plan choice → the city-task table (None when empty); heating_spec None when the plan places no
    clean-heating figures; projects: the document's (its own plan only), projects_note the one line otherwise.
    """

    tiles: list[Tile]
    tables: dict[tuple[str, str], pd.DataFrame | None]
    achievements: dict[str, pd.DataFrame]
    shares_spec: dict
    heating_spec: dict | None
    heating_total: str
    forest_spec: dict | None
    tasks: dict[str, pd.DataFrame | None]
    projects: pd.DataFrame
    plans: sectors.PlanFilter | None = None
    themes: tuple[str, ...] = THEMES
    intro: str = ""
    captions: dict[str, str] = field(default_factory=dict)
    projects_heading: str = ""
    projects_note: str = ""
    provenance: str = ""


def build(table14: pd.DataFrame, table13: pd.DataFrame | None, figures: pd.DataFrame, projects: pd.DataFrame,
          imported: pd.DataFrame | None, lang: str, plan_id: str | None = None) -> EcologyPage:
    """The ecology page of the plan of `table14` (its predecessor's rows `table13`, or None) from data-layer frames
    (figures: text_figures of topic ecology; the document's, shown only where placements place them)."""
    from lishi_metrics.data import db as data

    plan_id = plan_id or (str(table14["plan_id"].iloc[0]) if not table14.empty else sectors.DOCUMENT_PLAN)
    plans = sectors.plan_filter(data.plans_catalogue(), plan_id, lang)
    document = sectors.is_document_plan(plan_id)
    rows = ecology_rows(table14, table13)
    themes = themes_of(rows)
    tables = {}
    for theme in themes:
        for plan in plans.choices:
            part = theme_rows(rows, theme, plan)
            tables[(theme, plan)] = None if part.empty else sectors.indicator_display(part, lang, plan_id,
                                                                                        plans.labels)
    tasks = {}
    for plan in plans.choices:
        part = city_task_rows(rows, plan)
        tasks[plan] = None if part.empty else city_task_display(part, lang, plan_id, plans.labels)
    forest = forest_chart(rows, imported, lang)
    achievements = {th: sectors.figure_display(theme_figures(figures, th, plan_id), lang) for th in themes}
    projects = sectors.document_only(projects, plan_id)
    return EcologyPage(
        tiles=tiles(rows, figures, lang),
        tables=tables,
        achievements={th: frame for th, frame in achievements.items() if not frame.empty},
        shares_spec=sectors.spec(shares_chart(rows, lang, plan_id)),
        heating_spec=sectors.spec(heating_chart(figures, lang, plan_id)) if _heating(figures, plan_id) else None,
        heating_total=_heating_total_text(figures, lang, plan_id),
        forest_spec=sectors.spec(forest) if forest is not None else None,
        tasks=tasks,
        projects=project_display(projects, lang),
        plans=plans,
        themes=themes,
        intro=wording.own_text("ec_intro", plan_id, lang),
        captions={th: t(f"ec_theme_caption_{th}", lang) for th in themes if document or th == RULE_THEME},
        projects_heading=(t("ec_projects_heading", lang, n=len(projects)) if document
                          else t("ec_projects_heading_plan", lang)),
        projects_note="" if not projects.empty else t("in_no_document_content", lang,
                                                      plan=state.plan_label(data.plans_catalogue(), plan_id, lang)),
        provenance=wording.own_text("ec_provenance", plan_id, lang),
    )


def build_page(lang: str, plan_id: str = sectors.DOCUMENT_PLAN) -> EcologyPage:
    """The ecology page of `plan_id` and its named predecessor (data.plans.previous_plan) from the data layer
    (for ui.view)."""
    from lishi_metrics.data import db as data
    from lishi_metrics.data.plans import previous_plan

    previous = previous_plan(data.plans_catalogue(), plan_id)
    return build(data.indicator_table(plan_id), data.indicator_table(previous) if previous else None,
                 data.text_figures(topic="ecology"), data.projects(table_ref=PROJECT_TABLE), data.imported_actuals(),
                 lang, plan_id)


def warm_up_models(lang: str, plan_id: str, day: str) -> list[tuple]:
    """What this page builds through ui.view for its first visitor, as (function, arguments): the warm-up
    (ui.warmup, for pages the registry marks `warm`) builds them before the server listens."""
    return [(build_page, (lang, plan_id))]
