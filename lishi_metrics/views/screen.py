"""The big screen (大屏) as plain data: panels, tiles, facts and chart specs; the page only draws them.

Length (about 1030 lines): six panels (the sixth, 经济运行, only when this year has year-to-date figures), each
a short builder over the same tiles, facts and sizes (the wall's layout rules are shared by all six); the next
split is one module per panel.

Everything the wall shows is decided here (which indicators, their texts, statuses, chart data and
sizes), so it is tested without Streamlit. Tiles show the latest imported actual with its status
against the plan path when there is one; until then the 2020 value and the 2025 target, each
labelled with its year.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd

from lishi_metrics.charts import builders as charts
from lishi_metrics.charts import fit
from lishi_metrics.data import placements
from lishi_metrics.data.catalog import select
from lishi_metrics.data.plans import DOCUMENT_PLAN, gdp_gap, is_document_plan, previous_plan, role_id
from lishi_metrics.model import growth, progress, rowwise, status
from lishi_metrics.model import periods as pm
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import STRINGS, t
from lishi_metrics.views import _common as common
from lishi_metrics.views import state
from lishi_metrics.views._common import (
    gdp_gap_lines,
    gdp_word,
    real_growth,
    row_needed_text,
    short_name,
    verdict_line,
)
from lishi_metrics.views.tiles import Tile, split_unit

CSS_PATH = Path(__file__).resolve().parents[1] / "static" / "screen.css"

PANELS = ("overview", "industries", "ecology", "livelihood", "review", "economy")
ECONOMY_PANEL = 6  # in the rotation only when the current year has imported year-to-date figures (issue 26)
ROTATE_DEFAULT = 20
ROTATE_RANGE = (0, 3600)

# The wall is laid out on a 1920×1080 design grid: the CSS sizes everything in vw/vh and draws each
# chart at its design size, zoomed by min(100vw/1920px, 100vh/1080px), so charts scale with the
# rest of the page (a 4K wall shows the same picture at twice the size).
DESIGN_W, DESIGN_H = 1920, 1080
PAGE_PAD_VW = 1.5      # left and right page padding (screen.css: stMainBlockContainer)
BOX_MARGIN_VW = 0.5    # each column's box keeps this much space on both sides (screen.css: .st-key-sc-box-*)
BOX_PAD_VW = 0.8       # inner padding of a chart box (screen.css)
CHART_SCALE = 1.3      # font scale of charts.dark_config on the design grid: 16 px labels → 20.8 px

# Panel 1: headline tiles, two rows of five (data.placements, place screen_overview).
OVERVIEW_TILES = 10
# Panel 2: sectors of 三新 and 五大, with the plan's numbers that belong to each.
INDUSTRY_SECTORS = ("new_energy", "new_materials", "new_equipment", "big_data",
                    "culture_tourism", "agri_specialty", "health", "commerce")
# Each sector tile's numbers (indicators and prose figures) are data: place screen_sectors of placements.csv.
ENTERPRISE_FACTS = ("tf_enterprises_revenue_over_5bn_2025", "tf_enterprises_revenue_over_1bn_2025",
                    "tf_hightech_enterprises_2025")
# Most tiles a panel shows for another plan (two rows, as the 14th plan's panels have).
INDUSTRY_TILES, ECOLOGY_TILES, LIVELIHOOD_TILES = 8, 10, 10
# Panel 3: the ecology tiles and charts (place screen_ecology: air, water, forest), then the two text targets.
ECOLOGY_CHARTS = 3
ECOLOGY_FACTS = ("tf_barren_hill_greening_2020", "tf_walnut_upgrade_2020", "tf_coal_to_gas_households_2020",
                 "tf_coal_to_electricity_households_2020")
# Panel 4: income, employment, skills, education, health, elderly care (place screen_livelihood; its group is
# the topic shown on each tile).
LIVELIHOOD_FACTS = ("tf_vocational_training_2021_2025", "tf_kindergartens_2025", "tf_kindergarten_enrolment_2025")
# Panel 5: 13th-plan achievements (figure, then the figure that details it: growth or a second count).
REVIEW_FACTS: tuple[tuple[str, str | None], ...] = (
    ("tf_gdp_2020", "tf_gdp_growth_2016_2020"),
    ("tf_industrial_va_2020", "tf_industrial_va_growth_2016_2020"),
    ("tf_fiscal_revenue_2020", "tf_fiscal_revenue_growth_2016_2020"),
    ("tf_poverty_persons_2020", "tf_poor_villages_exited_2020"),
    ("tf_urban_income_2020", "tf_urban_income_growth_2016_2020"),
    ("tf_rural_income_2020", "tf_rural_income_growth_2016_2020"),
    ("tf_advanced_coal_capacity_added_2020", None),
    ("tf_livelihood_spending_share_2020", "tf_livelihood_spending_2020"),
    ("tf_new_urban_jobs_2020", None),
    ("tf_skills_training_2020", None),
)
SCORED = status.FINAL

# A fact's value longer than this (characters) moves its unit into the label, so it never gets cut.
FACT_VALUE_CHARS = 12

STATUS_SYMBOLS = status.SYMBOLS


# --- URL parameters and rotation -----------------------------------------------------------------

@dataclass(frozen=True)
class ScreenParams:
    """rotate: seconds per panel (0 = stay); panel: the panel shown first (1-based); sidebar: not wall mode
    (the sidebar is shown, with navigation and the deck download)."""

    rotate: int = ROTATE_DEFAULT
    panel: int = 1
    sidebar: bool = False


def parse_params(params: Mapping[str, object] | None) -> tuple[ScreenParams, list[state.Notice]]:
    """ScreenParams from query parameters; invalid values give the default and a notice."""
    getter = getattr(params, "get", None)

    def get(key: str) -> object:
        try:
            return getter(key) if callable(getter) else None
        except Exception:  # noqa: BLE001 - a broken mapping must not break the wall
            return None

    rotate, n1 = state.parse_int(get("rotate"), ROTATE_DEFAULT, *ROTATE_RANGE, param="rotate")
    panel, n2 = state.parse_int(get("panel"), 1, 1, len(PANELS), param="panel")
    sidebar, n3 = state.parse_int(get("sidebar"), 0, 0, 1, param="sidebar")
    return ScreenParams(rotate=rotate, panel=panel, sidebar=bool(sidebar)), n1 + n2 + n3


def next_panel(panel: int, n: int = len(PANELS)) -> int:
    """The panel after `panel` (1-based), wrapping round to 1."""
    return panel % n + 1


def run_every(params: ScreenParams) -> int | None:
    """The fragment's timer in seconds, or None when the wall stays on one panel."""
    return params.rotate if params.rotate > 0 else None


def chunks(items: tuple, size: int) -> list[tuple]:
    """`items` in consecutive groups of `size` (the last may be shorter): rows of tiles."""
    return [tuple(items[i:i + size]) for i in range(0, len(items), size)]


def counter_text(panel: int, lang: str, n: int = len(PANELS)) -> str:
    return t("sc_counter", lang, k=panel, n=n)


def notice_lines(notices: list[state.Notice], lang: str) -> list[str]:
    """One plain-text line per ignored, clamped or unknown parameter, named in words (state.param_words),
    shown small at the bottom."""
    return [f"⚠ {state.notice_message(n, lang)}: “{n.raw}”" if n.raw else f"⚠ {state.notice_message(n, lang)}"
            for n in notices]


def notice_text(notices: list[state.Notice], lang: str) -> str:
    """All notices on one line: the footer of the wall never grows."""
    return "   ".join(notice_lines(notices, lang))


def date_line(today: date, lang: str) -> str:
    """`2025年6月3日 星期二` / `Tuesday, 3 June 2025`."""
    weekday = t("sc_weekday", lang).split(",")[today.weekday()]
    month_name = t("sc_months", lang).split(",")[today.month - 1]
    return t("sc_date", lang, year=today.year, month=today.month, day=today.day, weekday=weekday,
             month_name=month_name)


@lru_cache(maxsize=1)
def screen_css() -> str:
    """The constant big-screen stylesheet (lishi_metrics/static/screen.css)."""
    return CSS_PATH.read_text(encoding="utf-8")


# --- building blocks ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    """A smaller figure in a side column: label, value, and what it refers to."""

    key: str
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class ChartSpec:
    """What to draw and at which design size (pixels on the 1920×1080 grid)."""

    key: str
    kind: str  # path, share_path, scoreboard
    data: pd.DataFrame
    title: str
    y_title: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)
    target_year: int | None = None
    target_value: float | None = None
    width: int = 600
    height: int = 300
    point_labels: pd.DataFrame | None = None  # year, value, label: values printed beside the actual points
    periods_in_year: int = 12  # kind ytd: the x axis (12 months or 4 quarters)


@dataclass(frozen=True)
class Panel:
    index: int
    code: str
    title: str
    subtitle: str
    date: str
    counter: str
    provenance: str
    tiles: tuple[Tile, ...] = ()
    charts: tuple[ChartSpec, ...] = ()
    facts: tuple[Fact, ...] = ()
    facts_title: str = ""
    summary: str = ""
    notice: tuple[str, ...] = ()  # in place of a chart the plan's data cannot give (no GDP level): why, and what would
    status_line: str = ""  # under the subtitle: how many indicators have each status its tiles show


@dataclass(frozen=True)
class ScreenData:
    """The frames the panels are built from (all from lishi_metrics.data.db)."""

    t14: pd.DataFrame
    t13: pd.DataFrame
    actuals: pd.DataFrame
    project_counts: pd.DataFrame
    enterprises: pd.DataFrame
    figures: pd.DataFrame
    plan_id: str = DOCUMENT_PLAN
    plan_names: Mapping[str, str] = field(default_factory=dict)  # lang → the plan's short name (another plan)
    previous_names: Mapping[str, str] = field(default_factory=dict)  # lang → its predecessor's name, if any
    placements: pd.DataFrame | None = None  # data.db.placements(); read from the data layer when None
    periodic: pd.DataFrame | None = None  # data.db.periodic_indicators() (panel 6)
    period_tables: Mapping[str, pd.DataFrame] | None = None  # data.db.period_tables(): targets, periods


def placed(data: ScreenData, place: str) -> pd.DataFrame:
    """The plan's indicators at one place of the wall (data.placements.resolve)."""
    from lishi_metrics.data import db

    table = data.placements if data.placements is not None else db.placements()
    previous = str(data.t13["plan_id"].iloc[0]) if not data.t13.empty else None
    return placements.resolve(table, data.t14, place, previous)


def _num(x) -> float | None:
    return fmt.to_float(x)


def _text(x) -> str | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return None
    s = str(x).strip()
    return None if s in ("", "—", "-", "nan", "<NA>") else s


def chart_width(column_share: float) -> int:
    """Design width of a chart filling a column that takes `column_share` of the page body."""
    body = DESIGN_W * (1 - 2 * PAGE_PAD_VW / 100)
    column = body * column_share
    inner = column - DESIGN_W * (2 * BOX_MARGIN_VW + 2 * BOX_PAD_VW) / 100
    return int(inner) - 6  # borders and rounding


def chart_height(vh: float) -> int:
    """Design height of a chart given `vh` percent of the viewport height."""
    return int(DESIGN_H * vh / 100)


def attribute_tag(row, lang: str) -> tuple[str, str]:
    binding = row.attribute == "约束性"
    return t("attr_binding" if binding else "attr_anticipatory", lang), ("binding" if binding else "anticipatory")


def _value(value, unit_zh, lang: str, digits: int | None = None, unit_en: str | None = None) -> str:
    """A number in its plan unit with the row's own English unit word (fmt.fmt_value, the one formatter)."""
    return fmt.fmt_value(value, unit_zh, lang, digits, unit_en=unit_en)


def _unit_en(row) -> str | None:
    """The row's own English unit word (indicators.csv / text_figures.csv `unit_en`), if any."""
    return _text(getattr(row, "unit_en", None))


def _cell(value, text, unit_zh, lang: str, unit_en: str | None = None) -> str:
    """A printed cell: its number in the tile's units, else its text (`完成市任务`, `9-12 年`)."""
    if _num(value) is not None:
        return _value(value, unit_zh, lang, unit_en=unit_en)
    return fmt.value_text_display(value, text, unit_zh, lang, unit_en=unit_en)


def _pace(row, prog, lang: str) -> str:
    """The plan path's change a year, e.g. 年均 +10.5% / +0.31 pp a year, a count's whole change 5年共 +1 个
    (views._common.row_needed_text, as the overview prints it)."""
    if prog.needed_mode is None or _num(prog.needed_per_year) is None:
        return ""
    return row_needed_text(row, lang, prog=prog, already_met=False)


def indicator_tile(row, prog, lang: str, tag: tuple[str, str] | None = None,
                   actuals: pd.DataFrame | None = None) -> Tile:
    """A tile for one 14th-plan indicator row (indicator_table) and its progress row (progress_table).

    With an imported actual, a current-price level whose planned rate is real (GDP) adds one line: its realised
    real growth from the imported growth at comparable prices (`actuals`) beside the current-price (nominal)
    growth, or that the real growth cannot be evaluated (views._common.real_growth)."""
    unit, unit_en = row.unit_zh, _unit_en(row)
    name = short_name(row, lang)
    tag_text, tag_kind = tag if tag is not None else attribute_tag(row, lang)
    target_num = _num(row.target_value)
    target_txt = _text(row.target_text)
    growth_pct = _num(row.growth_pct)
    base_shown = _num(row.base_value) is not None or _text(row.base_text) is not None
    latest = _num(getattr(row, "latest_value", None))
    code = prog.status
    # a numeric target but no base-year value: there is no path to compare with, say so beside the status
    no_path = code == status.PENDING and target_num is not None and _num(row.base_value) is None
    label = status.label(code, lang)
    if no_path:
        base_year = _num(row.base_year)
        missing = (t("sc_no_path", lang, year=int(base_year)) if base_year is not None
                   else t("sc_no_path_base", lang))
        label = f"{label} · {missing}"

    if target_num is not None or target_txt is not None:
        target_line = t("sc_target_line", lang, year=int(row.target_year),
                        value=_cell(row.target_value, row.target_text, unit, lang, unit_en))
    elif growth_pct is not None:
        target_line = t("sc_target_rate", lang, value=fmt.fmt_value(growth_pct, "%", lang))
    else:
        target_line = ""

    if latest is not None:
        period = t("actual_year", lang, year=int(row.latest_year))
        value, value_kind = fmt.figure(latest, row, lang), "number"
        path = _num(prog.path_value)
        if code in status.TRACK and path is not None:
            shown = fmt.figure(path, row, lang)
            status_text = f"{label} · {t('sc_path_value', lang, value=shown)}"
        else:
            status_text = label
        lines = (target_line,) if target_line else ()
        real = real_growth(row, actuals)
        if real is not None:
            lines += real.lines(lang, short=True)
    elif base_shown:
        period = t("actual_year", lang, year=int(row.base_year))
        value = _cell(row.base_value, row.base_text, unit, lang, unit_en)
        value_kind = "number" if _num(row.base_value) is not None else "text"
        lines = (target_line,) if target_line else ()
        if code == status.PENDING and not no_path and _num(prog.needed_per_year) is not None:
            status_text = f"{status.SYMBOLS[code]} {t('sc_plan_pace', lang, change=_pace(row, prog, lang))}"
        else:
            status_text = label
    else:
        # No 2020 figure: the target is the number to show, labelled as a target.
        period = t("target_year", lang, year=int(row.target_year))
        value = _cell(row.target_value, row.target_text, unit, lang, unit_en) if target_line else fmt.no_data(lang)
        value_kind = "number" if target_num is not None else "text"
        base_year = _num(row.base_year)  # unknown for an imported row printed without a base value
        lines = (t("sc_year_value", lang, year=int(base_year), value=fmt.no_data(lang)),) if base_year is not None else ()
        status_text = label
    if value_kind == "number":  # a long unit word moves into the label, so the big number fits the wall's tile
        number = latest if latest is not None else (_num(row.base_value) if base_shown else target_num)
        value, moved = split_unit(number, unit, lang, limit=FACT_VALUE_CHARS, unit_en=unit_en,
                                  precision=fmt.precision_of(row))
        if moved:
            period = t("sc_with_unit", lang, label=period, unit=moved)
    return Tile(key=row.indicator_id, name=name, label=period, value=value, lines=lines, status=code,
                status_text=status_text, tag=tag_text, tag_kind=tag_kind, value_kind=value_kind,
                note=verdict_line(row, lang))


def indicator_tiles(t14: pd.DataFrame, ids: tuple[str, ...], lang: str,
                    tags: Mapping[str, tuple[str, str]] | None = None,
                    actuals: pd.DataFrame | None = None) -> tuple[Tile, ...]:
    prog = progress.progress_table(t14).set_index("indicator_id", drop=False)
    rows = select(t14, ids)
    return tuple(indicator_tile(r, prog.loc[r.indicator_id], lang, (tags or {}).get(r.indicator_id), actuals)
                 for r in rowwise.rows(rows))


def _figure_value(fig, lang: str) -> str:
    return _value(fig.value, fig.unit_zh, lang, unit_en=_unit_en(fig))


def _figures(figures: pd.DataFrame) -> pd.DataFrame:
    return figures.set_index("figure_id", drop=False)


def split_long(label: str, value: str, lang: str, limit: int = FACT_VALUE_CHARS) -> tuple[str, str]:
    """(label, value) with a long value's unit moved into the label: 6,343 households → 6,343 (a label that
    already names the unit keeps its words: "High-tech enterprises", 12)."""
    if len(value) <= limit or " " not in value or value.startswith("CNY"):
        return label, value
    number, unit = value.split(" ", 1)
    if unit.lower() in label.lower():
        return label, number
    return t("sc_with_unit", lang, label=label, unit=unit), number


def figure_label(fig, lang: str) -> str:
    """A prose figure's label on the wall: its short name (text_figures.short_name_zh / short_name_en, 「风电装机」),
    else its subject."""
    en = lang == "en"
    return _text(getattr(fig, "short_name_en" if en else "short_name_zh", None)) or str(
        fig.subject_en if en else fig.subject_zh)


def figure_fact(fig, lang: str, detail: str = "") -> Fact:
    label = figure_label(fig, lang)
    label, value = split_long(label, _figure_value(fig, lang), lang)
    return Fact(key=fig.figure_id, label=label, value=value, detail=detail)


def _imported(actuals: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    rows = actuals[(actuals["indicator_id"] == indicator_id) & actuals["value"].notna()]
    return rows.loc[:, ["year", "value"]].astype({"year": int, "value": float}).sort_values("year")


def _latest_year(t14: pd.DataFrame) -> int | None:
    years = pd.to_numeric(t14["latest_year"], errors="coerce").dropna()
    return int(years.max()) if not years.empty else None


def _plan_year(t14: pd.DataFrame, column: str) -> int | None:
    years = pd.to_numeric(t14[column], errors="coerce").dropna()
    return int(years.mode().iloc[0]) if not years.empty else None


def _basis(data: ScreenData, lang: str) -> str:
    year = _latest_year(data.t14)
    if year is not None:
        target_year = _plan_year(data.t14, "target_year")
        if target_year is not None and year >= target_year:
            return t("sc_basis_actuals_final", lang, year=year, target_year=target_year)
        return t("sc_basis_actuals", lang, year=year)
    return t("sc_basis_plan", lang, base_year=_plan_year(data.t14, "base_year"),
             target_year=_plan_year(data.t14, "target_year"))


def _own(data: ScreenData, key: str, lang: str) -> str:
    """`key` for the 14th plan, whose document the wall was written for; `key_plan` (naming no document
    table and no plan by number) for any other plan."""
    return t(key if is_document_plan(data.plan_id) else f"{key}_plan", lang,
             plan=data.plan_names.get(lang, data.plan_id))


def _header(index: int, data: ScreenData, lang: str, today: date, subtitle: str, prov_key: str) -> dict:
    """Title, subtitle, date, counter and source line of a panel. Under another plan than the document's, a panel
    whose name or sources are the document's says the plan's own (`sc_panel_<code>_plan`, `sc_prov_overview_plan`:
    its main table) and its subtitle is the plan's basis."""
    code = PANELS[index - 1]
    document = is_document_plan(data.plan_id)
    panel_key = f"sc_panel_{code}" if document or f"sc_panel_{code}_plan" not in STRINGS else f"sc_panel_{code}_plan"
    return {
        "index": index, "code": code,
        "title": t("sc_title", lang, app=_own(data, "sc_app", lang), panel=t(panel_key, lang)),
        "subtitle": subtitle if document else _basis(data, lang), "date": date_line(today, lang),
        "counter": counter_text(_position(index, data, today)[0], lang, _position(index, data, today)[1]),
        "provenance": t(prov_key, lang) if document else _own(data, "sc_prov_overview", lang),
    }


def _path_labels(lang: str, target_text: str) -> dict[str, str]:
    return {"plan": t("sc_series_plan", lang), "actual": t("sc_series_actual", lang),
            "year": t("sc_year_axis", lang), "series": t("series_plan_path", lang),
            "target": t("series_target", lang), "target_text": target_text}


def indicator_path(row, actuals: pd.DataFrame, lang: str, key: str, width: int, height: int,
                   title: str | None = None) -> ChartSpec:
    """Chart of one indicator: its 2020 value and imported actuals, and the plan path to the target.

    The plan path is the plan's constant path from 2020 to the 2025 target (geometric for levels and
    counts, linear for percentages), labelled as a plan path, not as data.
    """
    unit = row.unit_zh
    base, target = float(row.base_value), float(row.target_value)
    path = growth.constant_growth_path(int(row.base_year), base, int(row.target_year), target, row.value_type)
    plan_label, actual_label = t("sc_series_plan", lang), t("sc_series_actual", lang)
    frames = [pd.DataFrame({"year": [y for y, _ in path], "value": [v for _, v in path], "series": plan_label}),
              pd.DataFrame({"year": [int(row.base_year)], "value": [base], "series": actual_label})]
    imported = _imported(actuals, row.indicator_id)
    if not imported.empty:
        frames.append(imported.assign(series=actual_label))
    df = pd.concat(frames, ignore_index=True)
    percent = row.value_type in growth.PERCENT_TYPES
    points = df[df["series"] == actual_label]
    # at the row's display precision, as the tile beside prints the same actual (fmt.figure: 42.4%, not 42.39%)
    point_labels = points.assign(label=[fmt.figure(v, row, lang) for v in points["value"]])
    target_text = t("sc_target_label", lang, year=int(row.target_year), value=fmt.figure(target, row, lang))
    if percent or lang != "en":
        y_title = "%" if percent else unit
    else:
        y_title = _unit_en(row) or fmt.units_en().get(unit, unit)
    return ChartSpec(key=key, kind="share_path" if percent else "path", data=df,
                     title=title or short_name(row, lang), y_title=y_title,
                     labels=_path_labels(lang, target_text), target_year=int(row.target_year),
                     target_value=target, width=width, height=height, point_labels=point_labels)


def gdp_path(data: ScreenData, lang: str, width: int, height: int) -> ChartSpec | None:
    """GDP 2015–2025: the printed 2015 and 2020 values (and imported actuals), the plan path to 255 亿元; None for
    a plan without a GDP level (plans.gdp_gap: no GDP row, or one printing a rate or text).

    In English the values are in CNY bn (1 bn = 10 亿元).
    """
    if gdp_gap(data.t14) is not None:
        return None
    gdp_id, gdp13_id = role_id(data.t14, "gdp"), role_id(data.t13, "gdp")
    g14 = select(data.t14, (gdp_id,)).iloc[0]
    factor = 0.1 if lang == "en" else 1.0
    actual_label, plan_label = t("sc_series_actual", lang), t("sc_series_plan", lang)
    printed = [(int(g14.base_year), float(g14.base_value))]
    if gdp13_id is not None:
        g13 = select(data.t13, (gdp13_id,)).iloc[0]
        if _num(g13.base_value) is not None and str(g13.unit_zh) == str(g14.unit_zh):
            printed.insert(0, (int(g13.base_year), float(g13.base_value)))
    actual = pd.concat([
        pd.DataFrame({"year": [y for y, _ in printed], "value": [v for _, v in printed]}),
        _imported(data.actuals, gdp_id),
    ], ignore_index=True)
    path = growth.constant_growth_path(int(g14.base_year), float(g14.base_value), int(g14.target_year),
                                       float(g14.target_value), "level")
    df = pd.concat([
        pd.DataFrame({"year": [y for y, _ in path], "value": [v * factor for _, v in path], "series": plan_label}),
        actual.assign(value=actual["value"] * factor, series=actual_label),
    ], ignore_index=True)
    target_text = t("sc_target_label", lang, year=int(g14.target_year), value=_value(g14.target_value, "亿元", lang))
    points = df[df["series"] == actual_label]
    # At the row's display precision in its own unit, then scaled, as the tile beside prints it (247.3 亿元 is
    # CNY 24.73 bn on both).
    precision = fmt.precision_of(g14)
    point_labels = points.assign(label=[
        fmt.format_number((v / factor if precision is None else round(v / factor, precision)) * factor)
        for v in points["value"]])
    title = t("sc_gdp_title", lang, start=int(actual["year"].min()), end=int(g14.target_year),
              gdp=gdp_word(data.t14, lang))
    return ChartSpec(key="gdp", kind="path", data=df, title=title, y_title=t("sc_gdp_unit", lang),
                     labels=_path_labels(lang, target_text), target_year=int(g14.target_year),
                     target_value=float(g14.target_value) * factor, width=width, height=height,
                     point_labels=point_labels)


POINT_LABEL_PX = 18       # design px of a point's value (× CHART_SCALE)
PLOT_ALLOWANCE_PX = 110   # design px of a path chart's width that is not its plot: y axis, its title, padding
YEAR_PADDING_PX = 16      # the year scale's padding at each end (charts.builders _x_year)


def spaced_labels(points: pd.DataFrame, width: int, last_year: int) -> pd.DataFrame:
    """The point labels that fit side by side on a chart `width` design px wide whose years run to `last_year`:
    the latest first, then the first (on the axis), then the others from the latest back, each kept only where its
    box (fit.text_px of the label, centred on its year; the first's starts at its year) clears every kept box by
    a space. A dropped value is still in the point's tooltip and on the tile beside the chart."""
    data = points.sort_values("year")
    if len(data) <= 1:
        return data
    first_year = int(data["year"].min())
    span = max(int(last_year), int(data["year"].max())) - first_year
    plot = max(1.0, width - PLOT_ALLOWANCE_PX * CHART_SCALE - 2 * YEAR_PADDING_PX)
    per_year = plot / max(span, 1)
    gap = 0.4 * POINT_LABEL_PX * CHART_SCALE
    font = POINT_LABEL_PX * CHART_SCALE

    def box(year: int, label: str) -> tuple[float, float]:
        x, w = (int(year) - first_year) * per_year, fit.text_px(str(label), font)
        return (x, x + w) if int(year) == first_year else (x - w / 2, x + w / 2)

    order = [len(data) - 1, 0, *range(len(data) - 2, 0, -1)]
    kept: list[tuple[int, tuple[float, float]]] = []
    for i in order:
        row = data.iloc[i]
        b = box(row["year"], row["label"])
        if all(b[1] + gap <= k[0] or k[1] + gap <= b[0] for _, k in kept):
            kept.append((i, b))
    return data.iloc[sorted(i for i, _ in kept)]


def _add_point_labels(chart: alt.LayerChart, points: pd.DataFrame, target_year: int | None = None,
                      width: int | None = None) -> alt.LayerChart:
    """The values of the actual points written above them (a halo keeps them legible over lines); on a chart
    too narrow for every year's value, those that fit side by side (`spaced_labels`).

    The builders return a configured chart, and Vega-Lite allows configuration only at the top:
    the labels join its layers (in place), then the same dark configuration is applied again.
    """
    pal = charts.PALETTE_DARK
    data = points.loc[:, ["year", "value", "label"]].sort_values("year")
    if width is not None:
        data = spaced_labels(data, width, int(target_year or data["year"].max()))
    enc = {"x": alt.X("year:Q"), "y": alt.Y("value:Q"), "text": "label:N"}
    layers = []
    # The first point sits on the y axis: its label goes to the right so it never covers the axis labels. A point
    # in the target year has the target's diamond on it: its value goes below.
    first, rest = data.iloc[:1], data.iloc[1:]
    at_target = rest["year"] == target_year if target_year is not None else pd.Series(False, index=rest.index)
    for rows, align, dx, below in ((first, "left", 2, False), (rest[~at_target], "center", 0, False),
                                   (rest[at_target], "center", 0, True)):
        if rows.empty:
            continue
        style = {"align": align, "dx": dx, "baseline": "top" if below else "bottom", "dy": 12 if below else -12,
                 "fontWeight": "bold", "fontSize": round(POINT_LABEL_PX * CHART_SCALE)}
        layers.append(alt.Chart(rows).mark_text(**style, color=pal["background"], stroke=pal["background"],
                                                strokeWidth=5, strokeJoin="round").encode(**enc))
        layers.append(alt.Chart(rows).mark_text(**style, color=pal["actual"]).encode(**enc))
    chart.layer = [*chart.layer, *layers]  # in place: build_chart's own chart (a copy deep-copies every layer)
    return charts.dark_config(chart, CHART_SCALE)


def build_chart(spec: ChartSpec) -> alt.TopLevelMixin:
    """The Altair chart of a spec, dark, at its design size (the whole chart fits width × height)."""
    if spec.kind == "scoreboard":
        chart = charts.scoreboard_chart(spec.data, dict(spec.labels), theme="dark", scale=CHART_SCALE)
    elif spec.kind == "ytd":
        chart = charts.ytd_growth_chart(spec.data, spec.periods_in_year, spec.target_value, spec.title,
                                        spec.labels.get("x_title", ""), spec.y_title, dict(spec.labels), theme="dark",
                                        height=spec.height, scale=CHART_SCALE)
    elif spec.kind == "share_path":
        chart = charts.share_path_chart(spec.data, spec.target_year, spec.target_value, spec.title, spec.y_title,
                                        dict(spec.labels), theme="dark", height=spec.height, scale=CHART_SCALE,
                                        target_in_legend=True)
    else:
        # The target's label is a legend entry: beside the target it lay on the actuals' labels (2023's at 1366×768).
        chart = charts.indicator_path_chart(spec.data, spec.target_year, spec.target_value, spec.title,
                                            spec.y_title, dict(spec.labels), theme="dark", height=spec.height,
                                            scale=CHART_SCALE, target_in_legend=True)
    if spec.point_labels is not None and not spec.point_labels.empty:
        chart = _add_point_labels(chart, spec.point_labels, spec.target_year, spec.width)
    # In place (charts.set_properties): the chart is this function's own, and each Altair copy of a layered
    # chart deep-copies every layer.
    charts.set_properties(chart, width=spec.width, height=spec.height,
                          autosize=alt.AutoSizeParams(type="fit", contains="padding"))
    if spec.kind == "scoreboard":
        # Every indicator keeps its name (Vega would drop every other label when rows are close).
        chart.config.axisY = alt.AxisConfig(labelOverlap=False)
    else:
        # The years speak for themselves: no "年份" title under the axis, more room for the plot.
        chart.config.axisX = alt.AxisConfig(titleFontSize=0, titlePadding=0)
    return chart


# --- panels ---------------------------------------------------------------------------------------

# Column shares of the panels' lower rows (the page lays out st.columns with the same shares).
OVERVIEW_COLUMNS = (0.7, 0.3)
INDUSTRY_COLUMNS = (0.38, 0.38, 0.24)
ECOLOGY_COLUMNS = (0.25, 0.25, 0.25, 0.25)
LIVELIHOOD_COLUMNS = (0.7, 0.3)
REVIEW_COLUMNS = (0.56, 0.44)
# Chart heights (vh) that fill each panel's lower row down to the footer at 1920×1080, leaving room for tiles
# whose English status or value takes two lines (the tiles keep their margin; the wall never scrolls).
OVERVIEW_CHART_VH = 28.0
INDUSTRY_CHART_VH = 37.0
ECOLOGY_CHART_VH = 58.5
LIVELIHOOD_CHART_VH = 32.5
REVIEW_CHART_VH = 83.0
ECONOMY_COLUMNS = (0.62, 0.38)
ECONOMY_TILES_PER_ROW = 4
ECONOMY_TILES = 8
# Chart heights (vh) below one row of tiles and below two (five to eight indicators with figures).
ECONOMY_CHART_VH = (46.0, 25.0)
ECONOMY_FACTS = 4


def overview_panel(data: ScreenData, lang: str, today: date) -> Panel:
    ids = placements.filled(placements.ids(placed(data, "screen_overview")), data.t14, OVERVIEW_TILES)
    tiles = indicator_tiles(data.t14, ids, lang, actuals=data.actuals)
    prog = progress.progress_table(data.t14)
    binding = int((data.t14["attribute"] == "约束性").sum())
    numeric = int(prog["needed_mode"].notna().sum())
    facts = [
        Fact("indicators", t("sc_fact_indicators", lang), t("sc_count", lang, n=len(data.t14)),
             t("sc_fact_indicators_detail", lang, binding=binding, anticipatory=len(data.t14) - binding)),
        Fact("numeric", t("sc_fact_numeric", lang), t("sc_count", lang, n=numeric), t("sc_fact_numeric_detail", lang)),
    ]
    if _latest_year(data.t14) is None:  # with actuals, the status line under the subtitle counts each status
        facts.append(Fact("status", t("sc_fact_status", lang), t("sc_fact_status_none", lang),
                          t("sc_fact_status_none_detail", lang)))
    chart = gdp_path(data, lang, chart_width(OVERVIEW_COLUMNS[0]), chart_height(OVERVIEW_CHART_VH))
    header = _header(1, data, lang, today, _basis(data, lang), "sc_prov_overview")
    header["provenance"] = _own(data, "sc_prov_overview", lang)
    return Panel(**header, tiles=tiles, charts=(chart,) if chart is not None else (), facts=tuple(facts),
                 facts_title=_own(data, "sc_facts_overview", lang),
                 notice=gdp_gap_lines(data.t14, data.plan_names.get(lang, data.plan_id), lang),
                 status_line=status_summary(prog["status"], lang))


def status_summary(codes: pd.Series, lang: str) -> str:
    """How many indicators have each status, in the words their tiles show: the path words (快于预期 …) for a
    latest actual before the target year, the final words (超额完成 / 已完成 / 未完成) from it on; only statuses
    that occur, best first (model.status.ORDER)."""
    counts = codes[codes.isin(status.JUDGED)].value_counts()
    return " · ".join(f"{status.label(c, lang)} {int(counts[c])}" for c in status.ORDER if counts.get(c, 0))


def sector_items(data: ScreenData) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each sector tile's numbers of the plan shown: sector → ((kind, id), …) (data.placements.sector_items)."""
    from lishi_metrics.data import db

    table = data.placements if data.placements is not None else db.placements()
    return placements.sector_items(table, data.plan_id)


def _sector_line(entry: tuple[str, str], data: ScreenData, figures: pd.DataFrame, lang: str) -> str:
    kind, item = entry
    if kind == "figure":
        return f"{figure_label(figures.loc[item], lang)} {_figure_value(figures.loc[item], lang)}"
    row = select(data.t14, (item,)).iloc[0]
    label = short_name(row, lang)
    if _num(row.target_value) is not None:
        return f"{label} {_value(row.target_value, row.unit_zh, lang, unit_en=_unit_en(row))}"
    rate = float(row.growth_pct)
    return f"{label} {fmt.fmt_change(rate, 'pct', lang, digits=fmt.decimals_needed(rate))}"


def sector_tiles(data: ScreenData, lang: str) -> tuple[Tile, ...]:
    figures = _figures(data.figures)
    counts = data.project_counts.set_index("sector")
    firms = data.enterprises["sector"].value_counts()
    items = sector_items(data)
    tiles = []
    for code in INDUSTRY_SECTORS:
        row = counts.loc[code]
        name = str(row.name_en if lang == "en" else row.name_zh)
        lines = tuple(_sector_line(i, data, figures, lang) for i in items.get(code, ()))
        n_firms = int(firms.get(code, 0))
        tiles.append(Tile(
            key=code, name=name, label=t("sc_projects", lang),
            value=t("sc_projects_value", lang, n=int(row.projects)),
            lines=lines or (t("sc_no_numeric_target", lang),),
            status="info",
            status_text=(t("sc_enterprises_one" if n_firms == 1 else "sc_enterprises", lang, n=n_firms)
                         if n_firms else t("sc_enterprises_none", lang)),
            tag=t(f"sc_group_{row.group}", lang), tag_kind="group",
        ))
    return tuple(tiles)


def chartable(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows a path chart can draw: a number for the base and the target, with their years."""
    cols = ("base_value", "target_value", "base_year", "target_year")
    keep = [all(_num(getattr(r, c, None)) is not None for c in cols) for r in rowwise.rows(rows)]
    return rows[keep]


def chart_title(row, lang: str) -> str:
    """A wall chart's title: the indicator's wall name (short_name), the one beside it on its tile."""
    return short_name(row, lang)


def placed_charts(data: ScreenData, here: pd.DataFrame, lang: str, columns: tuple[float, ...], vh: float,
                  n: int) -> tuple[ChartSpec, ...]:
    """Path charts of the first `n` charted rows placed here (data.placements) that have a base and a target."""
    rows = chartable(select(data.t14, placements.ids(here, charted=True))).head(n)
    return tuple(indicator_path(r, data.actuals, lang, str(r.indicator_id), chart_width(columns[i]),
                                chart_height(vh), title=chart_title(r, lang)) for i, r in enumerate(rowwise.rows(rows)))


def other_plan_panel(header: dict, data: ScreenData, here: pd.DataFrame, charts_: tuple[ChartSpec, ...], lang: str,
                     max_tiles: int, tags: Mapping[str, tuple[str, str]] | None = None) -> Panel:
    """A sector panel under another plan than the document's: its own indicators placed here (data.placements),
    their charts, and in place of the document's facts one line saying what this plan lacks."""
    plan = data.plan_names.get(lang, data.plan_id)
    tiles = indicator_tiles(data.t14, placements.ids(here)[:max_tiles], lang, tags, data.actuals)
    notice: tuple[str, ...] = ()
    if not tiles:
        notice = (t("plan_none_on_page", lang, plan=plan),)
    elif not charts_:
        notice = (t("sc_no_chartable", lang, plan=plan),)
    return Panel(**header, tiles=tiles, charts=charts_, facts=(), facts_title=t("sc_other_plan_facts", lang, plan=plan),
                 notice=notice)


def industries_panel(data: ScreenData, lang: str, today: date) -> Panel:
    here = placed(data, "screen_industries")
    charts_ = placed_charts(data, here, lang, INDUSTRY_COLUMNS, INDUSTRY_CHART_VH, 2)
    header = _header(2, data, lang, today, t("sc_basis_industries", lang), "sc_prov_industries")
    if not is_document_plan(data.plan_id):
        return other_plan_panel(header, data, here, charts_, lang, INDUSTRY_TILES)
    figures = _figures(data.figures)
    facts = tuple(figure_fact(figures.loc[f], lang) for f in ENTERPRISE_FACTS)  # the title says "2025年目标"
    return Panel(**header, tiles=sector_tiles(data, lang), charts=charts_, facts=facts,
                 facts_title=t("sc_facts_enterprises", lang))


def ecology_panel(data: ScreenData, lang: str, today: date) -> Panel:
    here = placed(data, "screen_ecology")
    charts_ = placed_charts(data, here, lang, ECOLOGY_COLUMNS, ECOLOGY_CHART_VH, ECOLOGY_CHARTS)
    header = _header(3, data, lang, today, _basis(data, lang), "sc_prov_ecology")
    if not is_document_plan(data.plan_id):
        return other_plan_panel(header, data, here, charts_, lang, ECOLOGY_TILES)
    figures = _figures(data.figures)
    tiles = indicator_tiles(data.t14, placements.ids(here), lang, actuals=data.actuals)
    facts = tuple(figure_fact(figures.loc[f], lang, t("sc_detail_2016_2020", lang)) for f in ECOLOGY_FACTS)
    return Panel(**header, tiles=tiles, charts=charts_, facts=facts, facts_title=t("sc_facts_ecology", lang))


def livelihood_panel(data: ScreenData, lang: str, today: date) -> Panel:
    here = placed(data, "screen_livelihood")
    tags = {str(r.indicator_id): (t(f"sc_topic_{r.group}", lang), "topic") for r in rowwise.rows(here)}
    charts_ = placed_charts(data, here, lang, LIVELIHOOD_COLUMNS, LIVELIHOOD_CHART_VH, 1)
    header = _header(4, data, lang, today, _basis(data, lang), "sc_prov_livelihood")
    if not is_document_plan(data.plan_id):
        return other_plan_panel(header, data, here, charts_, lang, LIVELIHOOD_TILES, tags)
    figures = _figures(data.figures)
    tiles = indicator_tiles(data.t14, placements.ids(here), lang, tags, data.actuals)
    # The title says these are 2025 targets; the training figure is a 2021–2025 total (its label says so).
    facts = [figure_fact(figures.loc[f], lang) for f in LIVELIHOOD_FACTS]
    elderly = data.project_counts.set_index("sector").loc["elderly_care"]
    facts.append(Fact("elderly_projects", t("sc_elderly_projects", lang), t("sc_count", lang, n=int(elderly.projects))))
    return Panel(**header, tiles=tiles, charts=charts_, facts=tuple(facts), facts_title=t("sc_facts_livelihood", lang))


def scoreboard_frame(t13: pd.DataFrame, lang: str) -> pd.DataFrame:  # the predecessor's rows (any plan's)
    """专栏1 rows with a numeric verdict (exceeded / met / missed), ready for charts.scoreboard_chart."""
    board = progress.scoreboard(t13)
    # A verdict on a rate or a cumulative change has no target bar to draw.
    board = board[board["status"].isin(SCORED) & pd.to_numeric(board["target_value"], errors="coerce").notna()]
    rs = list(rowwise.rows(board))
    return pd.DataFrame({
        "name": [short_name(r, lang) for r in rs],
        "target": board["target_value"].astype(float).to_numpy(),
        "actual": board["actual_value"].astype(float).to_numpy(),
        "direction": board["direction"].astype(str).to_numpy(),
        "status": board["status"].astype(str).to_numpy(),
        "target_text": [_value(r.target_value, r.unit_zh, lang, unit_en=_unit_en(r)) for r in rs],
        "actual_text": [_value(r.actual_value, r.unit_zh, lang, unit_en=_unit_en(r)) for r in rs],
    })


def review_facts(figures: pd.DataFrame, lang: str) -> tuple[Fact, ...]:
    figs = _figures(figures)
    facts = []
    for main, detail_id in REVIEW_FACTS:
        detail = ""
        if detail_id is not None:
            d = figs.loc[detail_id]
            value = _figure_value(d, lang)
            if lang == "en" and d.unit_zh == "个":
                value = fmt.format_number(float(d.value))
            if d.unit_zh == "%":
                detail = t("sc_detail_growth", lang, value=value)
            else:
                detail = t("sc_fig_detail", lang, label=figure_label(d, lang), value=value)
        else:
            detail = t("sc_detail_2016_2020", lang)
        facts.append(figure_fact(figs.loc[main], lang, detail))
    return tuple(facts)


def review_panel(data: ScreenData, lang: str, today: date) -> Panel:
    document = is_document_plan(data.plan_id)
    header = _header(5, data, lang, today, t("sc_basis_review", lang), "sc_prov_review")
    plan = data.plan_names.get(lang, data.plan_id)
    if not document and data.t13.empty:  # no predecessor named: nothing to review
        return Panel(**header, notice=(t("sc_no_previous_plan", lang, plan=plan),),
                     facts_title=t("sc_other_plan_facts", lang, plan=plan))
    board = scoreboard_frame(data.t13, lang)
    counts = board["status"].value_counts()
    prev = data.previous_names.get(lang, "")
    title = t("sc_scoreboard_title", lang) if document else t("sc_scoreboard_title_plan", lang, prev=prev)
    labels = {"title": title, "x_title": t("sc_scoreboard_x", lang),
              "indicator": t("indicator", lang), "target": t("series_target", lang),
              "actual": t("series_actual", lang), "ratio": t("progress_of_target", lang),
              "status": t("status", lang)}
    labels.update({f"status_{c}": status.word(c, lang) for c in SCORED})
    chart = ChartSpec(key="scoreboard", kind="scoreboard", data=board, title=labels["title"], labels=labels,
                      width=chart_width(REVIEW_COLUMNS[0]), height=chart_height(REVIEW_CHART_VH))
    summary = t("sc_review_summary", lang, **{c: f"{status.label(c, lang)} {int(counts.get(c, 0))}" for c in SCORED})
    if not document:
        if board.empty:
            return Panel(**header, notice=(t("sc_no_previous_results", lang, prev=prev),),
                         facts_title=t("sc_other_plan_facts", lang, plan=plan))
        return Panel(**header, charts=(chart,), summary=summary, facts_title=t("sc_other_plan_facts", lang, plan=plan))
    return Panel(**header, charts=(chart,), facts=review_facts(data.figures, lang), facts_title=t("sc_facts_review", lang),
                 summary=summary)


def economy_frame(data: ScreenData, year: int) -> pd.DataFrame:
    """model.periods.status_table of `year` (each indicator's latest period): the 经济运行 page's numbers."""
    if data.periodic is None or data.period_tables is None:
        return pd.DataFrame(columns=["indicator_id", "period"])
    tables = data.period_tables
    return pm.status_table(data.periodic, tables["period_targets"], tables["periods"], year)


def economy_ready(data: ScreenData, year: int) -> bool:
    """True when `year` has imported year-to-date figures: the 经济运行 panel joins the rotation."""
    frame = economy_frame(data, year)
    return bool(len(frame)) and bool(frame["period"].map(lambda p: isinstance(p, str)).any())


def economy_panel(data: ScreenData, lang: str, today: date) -> Panel:
    """Panel 6, 经济运行 (issue 26): a tile per indicator with figures (year-to-date growth or level, the year's
    target and gap, the status in the evaluation's words), the first growth series as a chart, and what growth
    the rest of the year needs beside it: both meeting questions at wall size."""
    year = today.year
    frame = economy_frame(data, year)
    meta = {r.periodic_id: r for r in rowwise.rows(data.periodic, index=False)} if data.periodic is not None else {}
    rows = [r for r in frame.to_dict("records") if isinstance(r["period"], str)][:ECONOMY_TILES]
    chart_vh = ECONOMY_CHART_VH[0] if len(rows) <= ECONOMY_TILES_PER_ROW else ECONOMY_CHART_VH[1]
    tiles, facts, chart = [], [], None
    for r in rows:
        m = meta[r["indicator_id"]]
        short = f"sc_eco_name_{m.periodic_id}"
        name = t(short, lang) if short in STRINGS else str(m.name_zh if lang == "zh" else m.name_en)
        period = common.ytd_period_text(r["period"], lang)
        grown = _num(r["growth"]) is not None
        value = (common.ytd_pct(r["growth"], lang, sign=True) if grown
                 else fmt.fmt_value(r["value"], m.unit_zh, lang) if _num(r["value"]) is not None else "—")
        target_text = common.ytd_target(r, m.unit_zh, m.unit_en, lang)
        lines: list[str] = [target_text if target_text == t("eco_reason_no_target", lang)
                            else t("sc_eco_target", lang, target=target_text)]
        if _num(r["gap_pp"]) is not None:
            lines.append(t("sc_eco_gap", lang, gap=fmt.pp_text(r["gap_pp"], lang, 1)))
        elif _num(r["time_progress"]) is not None:
            lines.append(t("sc_eco_progress", lang, progress=common.ytd_progress(r, lang)))
        tiles.append(Tile(key=f"eco-{m.periodic_id}", name=name, value=value,
                          label=t("sc_eco_label_growth" if grown else "sc_eco_label_value", lang, period=period),
                          lines=tuple(lines), status=str(r["status"]), status_text=status.label(str(r["status"]), lang)))
        if _num(r["needed_rest_growth"]) is not None and len(facts) < ECONOMY_FACTS:
            facts.append(Fact(f"eco-{m.periodic_id}", name, common.ytd_needed(r, lang),
                              t("sc_eco_needed_detail", lang, target=common.ytd_pct(r["target_growth"], lang, sign=True),
                                period=common.ytd_period_text(r["period"], lang, with_year=False),
                                growth=common.ytd_pct(r["growth"], lang, sign=True))))
        if chart is None and grown and data.period_tables is not None:
            series = pm.growth_series(data.period_tables["periods"], m.periodic_id, year, m.frequency)
            if not series.empty:
                this, last = t("eco_chart_year", lang, year=year), t("eco_chart_year", lang, year=year - 1)
                target = _num(r["target_growth"])
                chart = ChartSpec(
                    key="economy", kind="ytd",
                    data=series.assign(series=[this if y == year else last for y in series["year"]]),
                    title=t("sc_eco_chart_title", lang, name=name), y_title=t("eco_chart_y", lang),
                    labels={"this": this, "last": last, "x_title": t(f"eco_chart_x_{m.frequency}", lang),
                            "target": t("eco_chart_target", lang, value=common.ytd_pct(target, lang, sign=True))
                            if target is not None else ""},
                    target_value=target, periods_in_year=pm.PER_YEAR[m.frequency],
                    width=chart_width(ECONOMY_COLUMNS[0]), height=chart_height(chart_vh))
    if not facts:
        facts.append(Fact("eco-none", t("sc_eco_needed_none", lang), "—", t("sc_eco_needed_none_detail", lang)))
    latest = max((pm.parse_period(r["period"]) for r in rows), key=lambda p: p.months, default=None)
    judged = [r for r in rows if r["status"] in status.JUDGED]
    on = sum(r["status"] in (status.ON_TRACK, status.AHEAD, status.ACHIEVED_EARLY, status.MET, status.EXCEEDED)
             for r in judged)
    period = common.ytd_period_text(latest.label, lang) if latest is not None else str(year)
    summary = t("eco_summary", lang, period=period, n=len(judged), on=on, behind=len(judged) - on) if judged else ""
    return Panel(**_header(ECONOMY_PANEL, data, lang, today, t("sc_eco_basis", lang, period=period, year=year),
                           "sc_prov_economy"),
                 tiles=tuple(tiles), charts=(chart,) if chart is not None else (), facts=tuple(facts),
                 facts_title=t("sc_facts_economy", lang), status_line=summary)


_BUILDERS = {1: overview_panel, 2: industries_panel, 3: ecology_panel, 4: livelihood_panel, 5: review_panel,
             6: economy_panel}


def panel_count(plan_id: str) -> int:
    """How many of the plan's own panels rotate: all five for every plan (another plan's panels show its own placed
    indicators and say what it lacks; panel_sequence adds 经济运行)."""
    del plan_id
    return ECONOMY_PANEL - 1


def panel_sequence(data: ScreenData, year: int) -> tuple[int, ...]:
    """The panels that rotate, in order: the plan's own, then 经济运行 when `year` has year-to-date figures."""
    own = tuple(range(1, panel_count(data.plan_id) + 1))
    return own + ((ECONOMY_PANEL,) if economy_ready(data, year) else ())


def _position(index: int, data: ScreenData, today: date) -> tuple[int, int]:
    """(k, n) of the counter 「k / n」: the panel's place in the rotation and its length."""
    sequence = panel_sequence(data, today.year)
    return (sequence.index(index) + 1 if index in sequence else index), len(sequence)


def rotation(plan_id: str, day: str) -> tuple[int, ...]:
    """panel_sequence for a plan on the ISO date `day` (plain arguments: the page caches it per data version)."""
    return panel_sequence(load_data(plan_id), date.fromisoformat(day).year)


def following_panel(panel: int, sequence: tuple[int, ...]) -> int:
    """The panel after `panel` in the rotation, wrapping round (the first when `panel` is not in it)."""
    if panel not in sequence:
        return sequence[0]
    return sequence[(sequence.index(panel) + 1) % len(sequence)]


def build_panel(index: int, data: ScreenData, lang: str, today: date) -> Panel:
    """Panel `index` (1–6) in `lang` for the day `today`. A panel not in the rotation (another plan's sector
    panels, 经济运行 without figures) opens the overview, or the last panel for a number past the rotation."""
    sequence = panel_sequence(data, today.year)
    if index not in sequence:
        index = sequence[-1] if index > sequence[-1] else 1
    return _BUILDERS[index](data, lang, today)


def load_data(plan_id: str = DOCUMENT_PLAN) -> ScreenData:
    """The frames of every panel for one plan, from the data layer (plan tables and imported actuals)."""
    from lishi_metrics.data import db as data

    plans = data.plans()
    previous = previous_plan(plans, plan_id)
    table = data.indicator_table(plan_id)
    names = {lang: state.plan_label(plans, plan_id, lang) for lang in state.LANGS}
    before = {lang: state.plan_label(plans, previous, lang) for lang in state.LANGS} if previous else {}
    return ScreenData(t14=table, t13=data.indicator_table(previous) if previous else table.iloc[0:0],
                      actuals=data.imported_actuals(), project_counts=data.project_counts(),
                      enterprises=data.enterprises(), figures=data.text_figures(), plan_id=plan_id,
                      plan_names=names, previous_names=before, placements=data.placements(),
                      periodic=data.periodic_indicators(), period_tables=data.period_tables())


def panel_model(index: int, lang: str, day: str, plan_id: str = DOCUMENT_PLAN) -> tuple[Panel, tuple[dict, ...]]:
    """Panel `index` for the ISO date `day` and its charts as Vega-Lite dicts: everything the page draws.

    Plain arguments, so the page can cache it per data version (ui.view): a timed rotation then costs a
    cache lookup, not a rebuild of the charts (docs/benchmarks.md, "Measurements behind the code"). The specs are
    validated by the tests; here they are serialised without validation.
    """
    panel = build_panel(index, load_data(plan_id), lang, date.fromisoformat(day))
    return panel, tuple(build_chart(spec).to_dict(validate=False) for spec in panel.charts)


def warm_up_models(lang: str, plan_id: str, day: str) -> list[tuple]:
    """What this page builds through ui.view for its first visitor, as (function, arguments): the warm-up
    (ui.warmup, for pages the registry marks `warm`) builds them before the server listens."""
    return [(rotation, (plan_id, day))] + [(panel_model, (i, lang, day, plan_id)) for i in rotation(plan_id, day)]
