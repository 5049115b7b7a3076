"""民生福祉 livelihood page: display-ready frames for jobs, income, schools, health, care, roads, sport (no streamlit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from lishi_metrics.data import catalog, placements
from lishi_metrics.model import rowwise
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import sectors, state, wording
from lishi_metrics.views.tiles import Tile

TOPIC_ALL = "all"
# The topics of the page: the groups of the place "livelihood" (data.placements says which indicator of which plan
# sits in which topic, in what order, and which are charted; its tiles are the place "livelihood_tiles"); the group
# "plan" (rows a rule placed by their category) is a topic of a page only when it has rows (topics_of).
RULE_TOPIC = "plan"
TOPICS: tuple[str, ...] = tuple(g for g in placements.GROUPS["livelihood"] if g != RULE_TOPIC)
TOPIC_CHOICES = (TOPIC_ALL, *TOPICS)
# The 专栏 tables of the document's projects by topic (shown for the document's plan only).
TOPIC_PROJECTS = {"education": "专栏11", "care": "专栏12"}
# Pieces built from prose figures (placements.csv rows naming a figure_id), each named by its words.
ROAD_PIECES = ("roads_county", "roads_township", "roads_village")
KINDERGARTEN_PIECES = ("kindergartens_total", "kindergartens_public", "kindergartens_inclusive")


def topics_of(rows: pd.DataFrame) -> tuple[str, ...]:
    """The topics of a page of `rows` (livelihood_rows): TOPICS, then the rule-placed rows' topic when it has any."""
    return sectors.page_groups(rows, TOPICS, RULE_TOPIC)


def parse_topic(raw: object, topics: tuple[str, ...] = TOPICS) -> tuple[str, list[state.Notice]]:
    """The topic chooser `topic=all|<a topic of the page>` (topics_of)."""
    return sectors.parse_choice(raw, (TOPIC_ALL, *topics), TOPIC_ALL, "topic")


def topics_shown(topic: str, topics: tuple[str, ...] = TOPICS) -> tuple[str, ...]:
    """The topics a choice shows, in page order."""
    return sectors.groups_shown(topic, topics, TOPIC_ALL)


def topic_figure_ids(topic: str, plan_id: str = sectors.DOCUMENT_PLAN) -> tuple[str, ...]:
    """The prose figures (targets and 13th-plan results) of a topic on `plan_id`'s page (placements.csv: pieces
    livelihood_figures_<topic>)."""
    return sectors.figure_ids(f"livelihood_figures_{topic}", plan_id)


def _one_figure(figures: pd.DataFrame, piece: str, plan_id: str):
    """The figure row of a one-figure piece, or None."""
    return next(rowwise.rows(sectors.placed_figures(figures, piece, plan_id)), None)


def livelihood_rows(table14: pd.DataFrame, table13: pd.DataFrame | None, placed: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every indicator of the plan and its predecessor placed on the livelihood page, with status columns and
    their topic (sectors.placed_rows; `placed`: the placements table, read from the data layer when None)."""
    return sectors.placed_rows("livelihood", table14, table13, placed)


def topic_rows(rows: pd.DataFrame, topic: str, plan: str) -> pd.DataFrame:
    """The rows of one topic, of the chosen plan(s), in placement order."""
    return sectors.filter_plan(sectors.in_group(rows, topic), plan)


def headline_ids(table14: pd.DataFrame, placed: pd.DataFrame | None = None) -> tuple[str, ...]:
    """The plan's indicators on the page's tiles (the place "livelihood_tiles"), in order."""
    return placements.ids(sectors.page_placements("livelihood_tiles", table14, None, placed))


def topic_figures(figures: pd.DataFrame, topic: str, lang: str, plan_id: str = sectors.DOCUMENT_PLAN) -> pd.DataFrame:
    """The prose figures of a topic (topic_figure_ids), as a display table."""
    return sectors.figure_display(sectors.ids_of(figures, topic_figure_ids(topic, plan_id)), lang)


def topic_projects(projects: pd.DataFrame, topic: str, lang: str) -> pd.DataFrame | None:
    """The 专栏 projects of a topic (专栏11 schools, 专栏12 elderly care), or None when it has none."""
    ref = TOPIC_PROJECTS.get(topic)
    if ref is None:
        return None
    return sectors.project_display(projects[projects["table_ref"] == ref], lang)


# --- income -------------------------------------------------------------------------------------

def income_ratio(urban: object, rural: object) -> float | None:
    """Urban ÷ rural per-capita disposable income (how many times); None without both or with rural ≤ 0."""
    u, r = sectors.num(urban), sectors.num(rural)
    if u is None or r is None or r <= 0:
        return None
    return u / r


def income_points(rows: pd.DataFrame) -> list[dict]:
    """Urban and rural income of 专栏1 per column: 2015, 2020 target, 2020 actual (with the ratio)."""
    urban, rural = sectors.piece_row(rows, "urban_income"), sectors.piece_row(rows, "rural_income")
    if urban is None or rural is None:
        return []
    out = []
    for key, col in (("base", "base_value"), ("target", "target_value"), ("actual", "actual_value")):
        year = urban.base_year if key == "base" else urban.target_year
        u, r = getattr(urban, col), getattr(rural, col)
        out.append({"key": key, "year": int(year), "urban": sectors.num(u), "rural": sectors.num(r),
                    "ratio": income_ratio(u, r)})
    return out


def _column_label(key: str, year: int, lang: str) -> str:
    return t({"base": "lv_col_base", "target": "lv_col_target", "actual": "lv_col_actual"}[key], lang, year=year)


def ratio_text(ratio: float | None, lang: str) -> str:
    """`4.86` (times), two decimals; missing → 暂无数据."""
    return fmt.no_data(lang) if ratio is None else fmt.format_number(ratio, 2)


def income_display(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Urban, rural and the urban–rural ratio in 2015, for 2020 (target) and in 2020 (actual)."""
    points = income_points(rows)
    cols = [t("lv_col_measure", lang)] + [_column_label(p["key"], p["year"], lang) for p in points]
    records = [
        [t("lv_urban", lang)] + [sectors.amount(p["urban"], "元", lang) for p in points],
        [t("lv_rural", lang)] + [sectors.amount(p["rural"], "元", lang) for p in points],
        [t("lv_ratio", lang)] + [ratio_text(p["ratio"], lang) for p in points],
    ]
    return pd.DataFrame(records, columns=cols)


def income_chart_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Long frame for charts.grouped_bar_chart: column (period), group (urban/rural), value, text."""
    out = []
    for p in income_points(rows):
        label = _column_label(p["key"], p["year"], lang)
        for group, key in (("lv_urban_short", "urban"), ("lv_rural_short", "rural")):
            if p[key] is not None:
                out.append({"period": label, "group": t(group, lang), "income": p[key],
                            "text": sectors.amount(p[key], "元", lang)})
    return pd.DataFrame(out, columns=["period", "group", "income", "text"])


def income_gap_text(rows: pd.DataFrame, lang: str) -> str:
    """The gap in words: 4.86 in 2015 → 4.16 in 2020 (the 13th-plan targets implied 3.23); the 14th plan
    sets only a resident-income growth rate (7.5 % a year), not separate urban and rural targets."""
    points = {p["key"]: p for p in income_points(rows)}
    growth14 = sectors.piece_row(rows, "income_growth")
    stated = sectors.num(growth14.growth_pct) if growth14 is not None else None
    if not points:
        return fmt.no_data(lang)
    return t(
        "lv_gap_text", lang,
        base=ratio_text(points["base"]["ratio"], lang), actual=ratio_text(points["actual"]["ratio"], lang),
        target=ratio_text(points["target"]["ratio"], lang),
        growth=fmt.format_number(stated) if stated is not None else fmt.no_data(lang),
    )


# --- tiles, kindergartens, roads ----------------------------------------------------------------

def tiles(rows: pd.DataFrame, lang: str, ids: tuple[str, ...] | None = None) -> list[Tile]:
    """Headline tiles: the placed ones (`ids`, headline_ids: skills certification, income growth, doctors, life
    expectancy, pensions) with the urban–rural ratio second (the document's plan: its words name 专栏1's years)."""
    if ids is None:
        ids = headline_ids(rows[rows["plan_id"] == rows["plan_id"].iloc[0]] if not rows.empty else rows)
    out = [tile for iid in ids if (tile := sectors.headline(rows, iid, lang))]
    points = {p["key"]: p for p in income_points(rows)}
    if points and sectors.is_document_plan(sectors.shown_plan(rows)):
        out.insert(1, Tile(
            key="income_ratio", name=t("lv_tile_ratio", lang), value=ratio_text(points["actual"]["ratio"], lang),
            lines=(t("lv_tile_ratio_delta", lang, base=ratio_text(points["base"]["ratio"], lang)),),
            help=t("lv_tile_ratio_help", lang),
        ))
    return out


def kindergartens(figures: pd.DataFrame, plan_id: str = sectors.DOCUMENT_PLAN) -> dict[str, float | bool | None]:
    """The 2025 kindergarten target: total, public, inclusive private (KINDERGARTEN_PIECES), and whether the parts
    add up."""
    total, public, inclusive = (sectors.num(r.value) if (r := _one_figure(figures, piece, plan_id)) is not None
                                else None for piece in KINDERGARTEN_PIECES)
    adds_up = None if None in (total, public, inclusive) else abs(public + inclusive - total) < 1e-9
    return {"total": total, "public": public, "inclusive": inclusive, "adds_up": adds_up}


def kindergarten_text(figures: pd.DataFrame, lang: str, plan_id: str = sectors.DOCUMENT_PLAN) -> str:
    """`46 所 = 公办 20 所 + 社会办普惠性 26 所` (or says the parts do not add up)."""
    k = kindergartens(figures, plan_id)
    if k["total"] is None:
        return fmt.no_data(lang)
    key = "lv_kindergartens_sum" if k["adds_up"] else "lv_kindergartens_parts"
    return t(key, lang, total=sectors.amount(k["total"], "所", lang), public=sectors.amount(k["public"], "所", lang),
             inclusive=sectors.amount(k["inclusive"], "所", lang))


def _roads(figures: pd.DataFrame, plan_id: str) -> list[tuple[str, Any]]:
    """(piece, figure row) of the road-length bars placed for the plan (ROAD_PIECES), in order."""
    return [(piece, r) for piece in ROAD_PIECES if (r := _one_figure(figures, piece, plan_id)) is not None]


def roads_frame(figures: pd.DataFrame, lang: str, plan_id: str = sectors.DOCUMENT_PLAN) -> pd.DataFrame:
    """County, township and village road length targets for 2025 (km), for a bar chart."""
    rows = [{"name": t(f"lv_road_{piece.removeprefix('roads_')}", lang), "km": float(r.value),
             "text": sectors.amount(r.value, r.unit_zh, lang)}
            for piece, r in _roads(figures, plan_id) if sectors.num(r.value) is not None]
    return pd.DataFrame(rows, columns=["name", "km", "text"])


def roads_total(figures: pd.DataFrame, plan_id: str = sectors.DOCUMENT_PLAN) -> float | None:
    """Rural road length of the three grades together in 2025 (288 + 466 + 899 = 1653 km)."""
    values = [sectors.num(r.value) for _, r in _roads(figures, plan_id)]
    return None if not values or any(v is None for v in values) else float(sum(values))


def shares_frame(rows: pd.DataFrame, ids: tuple[str, ...], lang: str) -> pd.DataFrame:
    """Base → target of percent indicators (sectors.charted_ids) for a dumbbell chart."""
    return sectors.dumbbell_frame(catalog.select(rows, ids), lang)


def life_expectancy_chart_data(rows: pd.DataFrame, imported: pd.DataFrame | None,
                               lang: str) -> sectors.PathChartData | None:
    """Life expectancy 2015–2025: 75 → 76 (13th-plan target 76 met) → 76.2."""
    found = sectors.piece_ids(rows, "life_expectancy_chart")
    if not found:
        return None
    previous, current = (None, *found)[-2:]
    return sectors.two_plan_chart_data(rows, previous, current, imported, sectors.two_plan_labels(rows, found, lang))


def care_tiles(rows: pd.DataFrame, lang: str) -> list[Tile]:
    """Childcare places per 1000 people (1 → 2) and 13th-plan elderly beds per 1000 elderly (35.4)."""
    out = []
    child_row = sectors.piece_row(rows, "childcare")
    child = sectors.headline(rows, child_row.indicator_id, lang) if child_row is not None else None
    if child:
        out.append(child)
    beds = sectors.piece_row(rows, "elderly_beds")
    if beds is not None and not sectors.is_document_plan(sectors.shown_plan(rows)):  # the words are the document's
        out += [tile] if (tile := sectors.headline(rows, beds.indicator_id, lang)) else []
    elif beds is not None:
        out.append(Tile(
            key=beds.indicator_id, name=t("lv_tile_beds", lang), value=sectors.amount(beds.actual_value, beds.unit_zh, lang),
            lines=(t("lv_tile_beds_delta", lang, target=sectors.amount(beds.target_value, beds.unit_zh, lang)),),
            help=t("lv_tile_beds_help", lang),
        ))
    return out


# --- the page model (cached per data version and language by ui.view) ----------------------------

def shares_chart(rows: pd.DataFrame, lang: str, plan_id: str = sectors.DOCUMENT_PLAN):
    """Base → target of the plan's livelihood indicators in percent."""
    return sectors.shares_chart(rows, sectors.charted_ids(rows), wording.own_text("lv_shares_title", plan_id, lang),
                                t("lv_share_x", lang), lang)


def income_chart(rows: pd.DataFrame, lang: str, plan_id: str = sectors.DOCUMENT_PLAN):
    """Urban and rural income in 2015, the 2020 target and the 2020 actual (grouped bars)."""
    from lishi_metrics.charts import builders as charts

    return charts.grouped_bar_chart(income_chart_frame(rows, lang), "period", "income", "group",
                                    wording.own_text("lv_income_title", plan_id, lang), text="text", height=440,
                                    labels={"period": t("lv_income_x", lang), "income": t("lv_income_y", lang),
                                            "group": t("lv_income_group", lang)})


def life_chart(rows: pd.DataFrame, imported: pd.DataFrame | None, lang: str):
    """Life expectancy 2015–2025 (None without the piece)."""
    from lishi_metrics.charts import builders as charts

    life = life_expectancy_chart_data(rows, imported, lang)
    if life is None:
        return None
    found = sectors.piece_ids(rows, "life_expectancy_chart")
    return charts.indicator_path_chart(life.frame, life.target_year, life.target_value,
                                       wording.own_text("lv_life_title", sectors.shown_plan(rows), lang),
                                       t("lv_life_y", lang), sectors.two_plan_labels(rows, found, lang), height=420)


def roads_chart(figures: pd.DataFrame, lang: str, plan_id: str = sectors.DOCUMENT_PLAN):
    """County, township and village road length targets for 2025."""
    from lishi_metrics.charts import builders as charts

    return charts.bar_chart(roads_frame(figures, lang, plan_id), "name", "km", t("lv_roads_title", lang),
                            labels={"name": t("lv_roads_x", lang), "km": t("lv_roads_y", lang)}, horizontal=True)


@dataclass
class LivelihoodPage:
    """Everything the livelihood page shows, display-ready, for one language and plan.

    plans: the row filter; topics: the page's topics (topics_of); tables: (topic, plan choice) → the topic's
    indicator table (None when empty). The income block, kindergartens and roads are None when the plan places
    none of their pieces (placements.csv); projects: the document's, for its own plan only.
    """

    tiles: list[Tile]
    shares_spec: dict
    tables: dict[tuple[str, str], pd.DataFrame | None]
    figures: dict[str, pd.DataFrame]
    projects: dict[str, pd.DataFrame]
    income_text: str
    income_spec: dict | None
    income_table: pd.DataFrame | None
    kindergartens: list[tuple[str, str]]
    kindergarten_text: str
    life_spec: dict | None
    care_tiles: list[Tile]
    roads_spec: dict | None
    roads_total: str
    plans: sectors.PlanFilter | None = None
    topics: tuple[str, ...] = TOPICS
    intro: str = ""
    captions: dict[str, str] = field(default_factory=dict)
    provenance: str = ""


def build(table14: pd.DataFrame, table13: pd.DataFrame | None, figures: pd.DataFrame, projects: pd.DataFrame,
          imported: pd.DataFrame | None, lang: str, plan_id: str | None = None) -> LivelihoodPage:
    """The livelihood page of the plan of `table14` (its predecessor's rows `table13`, or None) from data-layer
    frames (the document's figures and projects only where placements place them, or for its own plan)."""
    from lishi_metrics.data import db as data

    plan_id = plan_id or (str(table14["plan_id"].iloc[0]) if not table14.empty else sectors.DOCUMENT_PLAN)
    plans = sectors.plan_filter(data.plans_catalogue(), plan_id, lang)
    document = sectors.is_document_plan(plan_id)
    rows = livelihood_rows(table14, table13)
    topics = topics_of(rows)
    tables = {}
    for topic in topics:
        for plan in plans.choices:
            part = topic_rows(rows, topic, plan)
            tables[(topic, plan)] = None if part.empty else sectors.indicator_display(part, lang, plan_id,
                                                                                        plans.labels)
    k = kindergartens(figures, plan_id)
    life = life_chart(rows, imported, lang)
    has_income = bool(income_points(rows))
    figure_tables = {tp: topic_figures(figures, tp, lang, plan_id) for tp in topics}
    return LivelihoodPage(
        tiles=tiles(rows, lang, headline_ids(table14)),
        shares_spec=sectors.spec(shares_chart(rows, lang, plan_id)),
        tables=tables,
        figures={tp: frame for tp, frame in figure_tables.items() if not frame.empty},
        projects={tp: topic_projects(projects, tp, lang) for tp in TOPIC_PROJECTS} if document else {},
        income_text=income_gap_text(rows, lang) if has_income and document else "",
        income_spec=sectors.spec(income_chart(rows, lang, plan_id)) if has_income else None,
        income_table=income_display(rows, lang) if has_income else None,
        kindergartens=[(t(key, lang), sectors.amount(k[part], "所", lang)) for key, part in (
            ("lv_kindergartens_label", "total"), ("lv_kindergartens_public", "public"),
            ("lv_kindergartens_inclusive", "inclusive"))] if k["total"] is not None else [],
        kindergarten_text=kindergarten_text(figures, lang, plan_id),
        life_spec=sectors.spec(life) if life is not None else None,
        care_tiles=care_tiles(rows, lang),
        roads_spec=sectors.spec(roads_chart(figures, lang, plan_id)) if _roads(figures, plan_id) else None,
        roads_total=sectors.amount(roads_total(figures, plan_id), "公里", lang),
        plans=plans,
        topics=topics,
        intro=wording.own_text("lv_intro", plan_id, lang),
        captions={tp: t(f"lv_topic_caption_{tp}", lang) for tp in topics if document or tp == RULE_TOPIC},
        provenance=wording.own_text("lv_provenance", plan_id, lang),
    )


def has_more(page: LivelihoodPage, topic: str) -> bool:
    """True when a topic shows something besides its indicator table: prose figures, projects or a piece."""
    pieces = {"income": page.income_spec, "education": page.kindergartens or None, "health": page.life_spec,
              "care": page.care_tiles or None, "roads": page.roads_spec}
    return topic in page.figures or topic in page.projects or pieces.get(topic) is not None


def build_page(lang: str, plan_id: str = sectors.DOCUMENT_PLAN) -> LivelihoodPage:
    """The livelihood page of `plan_id` and its named predecessor (data.plans.previous_plan) from the data layer
    (for ui.view)."""
    from lishi_metrics.data import db as data
    from lishi_metrics.data.plans import previous_plan

    previous = previous_plan(data.plans_catalogue(), plan_id)
    return build(data.indicator_table(plan_id), data.indicator_table(previous) if previous else None,
                 data.text_figures(), data.projects(), data.imported_actuals(), lang, plan_id)


def warm_up_models(lang: str, plan_id: str, day: str) -> list[tuple]:
    """What this page builds through ui.view for its first visitor, as (function, arguments): the warm-up
    (ui.warmup, for pages the registry marks `warm`) builds them before the server listens."""
    return [(build_page, (lang, plan_id))]
