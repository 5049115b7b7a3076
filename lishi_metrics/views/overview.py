"""Display logic of the overview page: headline tiles, progress grid, previous plan's scoreboard, vision, plan
arithmetic.

Length (about 550 lines): one page model whose five tabs (tiles, grid, scoreboard, vision, arithmetic) share the
plan's progress table; each tab is a few functions here rather than a module of its own.

Pure functions from data-layer frames (and lishi_metrics.model.progress results) to display-ready text and
DataFrames; no Streamlit here, so tests check exactly what the page shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lishi_metrics.charts import builders as charts
from lishi_metrics.data import db as data
from lishi_metrics.data import placements
from lishi_metrics.data.catalog import category_order, localized, select
from lishi_metrics.data.plans import DOCUMENT_PLAN, is_document_plan, previous_plan, role_id
from lishi_metrics.model import progress, rowwise, status
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import state
from lishi_metrics.views._common import (
    GDP_WORDS,
    NOT_PRINTED,
    arithmetic_verdict,
    attribute_label,
    gdp_word,
    growth_text,
    has_verdict,
    pct_text,
    real_growth,
    row_needed_text,
    status_cell,
    status_label,
    status_markdown,
    verdict_line,
)
from lishi_metrics.views._common import text_or_none as _text
from lishi_metrics.views._common import year_of as _year
from lishi_metrics.views.tiles import Tile, split_unit

VISION_ORDER = ("st_vision2035_opening", "st_vision2035_economy", "st_vision2035_ecology", "st_vision2035_culture",
                "st_vision2035_living", "st_vision2035_governance", "st_vision2035_transformation")
GOALS_ORDER = ("st_goal2025_transformation", "st_goal2025_innovation", "st_goal2025_ecology",
               "st_goal2025_reform_opening", "st_goal2025_urban_rural", "st_goal2025_livelihood")


# --- small formatting helpers ------------------------------------------------------------------

_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.S)


def strip_markdown(text: object) -> str:
    """Plain text of a transcribed statement: `**bold**` markers removed, content kept; stray `**` dropped."""
    plain = _BOLD.sub(lambda m: m.group(1) or m.group(2), _text(text) or "")
    return plain.replace("**", "").strip()


def statement_parts(text: object) -> tuple[str, str]:
    """(heading, body) of a statement: 「——**生态文明再上新水平**。现代……」 → ('生态文明再上新水平', '现代……').

    A statement that opens with a dash (—— or —) has a heading: the bold part, or else its first sentence.
    Others have no heading. Both parts are plain text (markdown stripped), the body without its closing
    full stop so a list of statements reads evenly.
    """
    raw = (_text(text) or "").strip()
    if not raw.startswith(("——", "—")):
        return "", strip_markdown(raw).rstrip("。.；;")
    raw = raw.lstrip("—").strip()
    bold = re.match(r"\*\*(.+?)\*\*", raw, re.S)
    if bold:
        heading, body = bold.group(1), raw[bold.end():]
    else:
        cut = re.search(r"。|\. ", raw)
        heading, body = (raw[: cut.start()], raw[cut.end():]) if cut else (raw, "")
    heading = strip_markdown(heading).rstrip("。.").strip()
    body = strip_markdown(body).lstrip("。.").strip()
    return heading, body.rstrip("。.；;")


def statements_in_order(statements: pd.DataFrame, order: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    """(heading, body) of each statement in `order` first (the document's order), then any others."""
    if statements is None or statements.empty:
        return []
    rank = {sid: i for i, sid in enumerate(order)}
    rows = statements.assign(_rank=statements["statement_id"].map(lambda s: rank.get(s, len(rank))))
    rows = rows.sort_values(["_rank", "statement_id"], kind="stable")
    column = "text_en" if lang == "en" else "text_zh"
    out = []
    for r in rowwise.rows(rows):
        text = _text(getattr(r, column)) or _text(r.text_zh)
        if text:
            out.append(statement_parts(text))
    return out


def stated_growth_change(value: object, lang: str, short: bool = False) -> str:
    """A printed growth target as a change per year, keeping its printed decimals: 7.5 → 年均 +7.5% (short:
    +7.5%, the one printed-rate formatter views._common.growth_text)."""
    if short:
        return growth_text(value, lang, sign=True)
    number = fmt.to_float(value)
    if number is None:
        return fmt.no_data(lang)
    return fmt.fmt_change(number, "pct", lang, digits=fmt.decimals_needed(number))


def _needed(r, lang: str, short: bool = False) -> str:
    if r.status == "growth_only":
        return stated_growth_change(r.growth_pct, lang, short)
    return row_needed_text(r, lang, short)


def _target(r, lang: str) -> str:
    """The target cell: the number or printed text; a growth-only row shows its planned rate."""
    if r.status == "growth_only":
        return t("ov_growth_target", lang, value=growth_text(r.growth_pct, lang))
    return fmt.value_text_display(r.target_value, r.target_text, r.unit_zh, lang, unit_en=_unit_en(r), precision=fmt.precision_of(r))


def _unit_en(r) -> str | None:
    """The row's own English unit word (户 is "enterprises" on one row, "households" on another), if any."""
    return _text(getattr(r, "unit_en", None)) or None


def _stated(r, lang: str, real: bool = False) -> str:
    """The printed yearly growth, when the table prints one ('' otherwise); marked as at comparable prices where
    it is the real rate of a current-price level (GDP: real=True), like for like with the realised growth."""
    printed = _text(r.growth_text)
    if printed in NOT_PRINTED or r.status == "growth_only":
        return ""
    shown = fmt.value_text_display(r.growth_pct, printed, "%", lang)
    return t("growth_basis_real", lang, rate=shown) if real and fmt.to_float(r.growth_pct) is not None else shown


# --- headline tiles ----------------------------------------------------------------------------

def tile(r, lang: str, actuals: pd.DataFrame | None = None) -> Tile:
    """The headline tile of one row of progress.progress_table (itertuples): the target as the big value (its
    unit moved into the label when the two would not fit), base value, needed and printed change, and, once
    an actual is imported, the latest value with its status and the plan path's value that year.

    A current-price level whose planned rate is real (GDP) also shows, once anything is imported, its realised
    real growth from the imported growth at comparable prices (`actuals`, data.imported_actuals) beside the
    current-price (nominal) growth, or that the real growth cannot be evaluated (views._common.real_growth)."""
    unit = _text(r.unit_zh)
    real = real_growth(r, actuals)
    latest = fmt.to_float(r.latest_value)
    growth_only = r.status == "growth_only"
    target_is_text = fmt.to_float(r.target_value) is None and not growth_only
    tracked = status.is_judged(r.status)
    if growth_only:
        label, value = t("ov_target_growth_label", lang), growth_text(r.growth_pct, lang)
    else:
        label = t("ov_target_label", lang, year=_year(r.target_year) or "")
        value, value_unit = (split_unit(r.target_value, unit, lang, unit_en=_unit_en(r)) if not target_is_text
                             else (_target(r, lang), ""))
        if value_unit:
            label = f"{label} ({value_unit})"
    lines: list[tuple[str, str]] = [
        (t("ov_base_label", lang, year=_year(r.base_year) or ""),
         fmt.value_text_display(r.base_value, r.base_text, unit, lang, unit_en=_unit_en(r), precision=fmt.precision_of(r))),
        (t("ov_needed", lang), t("ov_growth_is_target", lang) if growth_only else _needed(r, lang, short=True)),
    ]
    stated = _stated(r, lang, real is not None)
    if stated:
        lines.append((t("ov_stated", lang), stated))
    shown = latest is not None
    if shown:
        lines.append((t("ov_latest", lang, year=_year(r.latest_year)), fmt.figure(latest, r, lang)))
    if real is not None:
        lines += real.lines(lang)
    binding = r.attribute == "约束性"
    return Tile(
        key=r.indicator_id,
        name=_text(r.name_en if lang == "en" else r.name_zh) or r.indicator_id,
        value=value,
        label=label,
        value_kind="text" if target_is_text else "number",
        lines=tuple(lines),
        status=r.status,
        status_text=status_label(r.status, lang) if (tracked and shown) or has_verdict(r) else "",
        tag=attribute_label(r.attribute, lang),
        tag_kind="binding" if binding else "anticipatory",
        note=verdict_line(r, lang) or (
            t("ov_path", lang, year=_year(r.latest_year),
              value=fmt.figure(r.path_value, r, lang))
            if tracked and shown and fmt.to_float(r.path_value) is not None else ""),
    )


def headline_tiles(progress: pd.DataFrame, lang: str, ids: tuple[str, ...],
                   actuals: pd.DataFrame | None = None) -> list[Tile]:
    """Tiles of the headline indicators (data.placements, place overview) in their order; unknown ids are skipped.
    `actuals` (data.imported_actuals) gives the growth at comparable prices of GDP-like rows."""
    return [tile(r, lang, actuals) for r in rowwise.rows(select(progress, ids))]


def actuals_summary(progress: pd.DataFrame) -> tuple[int, int | None]:
    """(number of indicators with an imported actual, latest year among them or None)."""
    if "latest_value" not in progress.columns:
        return 0, None
    has = progress[pd.to_numeric(progress["latest_value"], errors="coerce").notna()]
    if has.empty:
        return 0, None
    return len(has), int(pd.to_numeric(has["latest_year"]).max())


# --- progress grid -----------------------------------------------------------------------------

def _category_groups(frame: pd.DataFrame, plan_id: str) -> list[tuple[str, pd.DataFrame]]:
    order = category_order(frame)
    return [(c, frame[frame["category_zh"] == c]) for c in order if (frame["category_zh"] == c).any()]


@dataclass(frozen=True)
class GridGroup:
    """One category of the progress grid: its name, its table, each row's status code, and the table as shown.

    `display` is the table with Markdown cells: text escaped, the status cell coloured (`:green[▲ 领先]`), and
    `markdown` the same as one Markdown table, which the page draws. Both are built with the page model, so
    once per data version and language: a pandas Styler, rebuilt and marshalled on every rerun, and st.table's
    Arrow conversion of seven tables were most of the overview's rerun (docs/benchmarks.md).
    """

    name: str
    table: pd.DataFrame
    statuses: tuple[str, ...]
    display: pd.DataFrame
    markdown: str = ""


def display_table(table: pd.DataFrame, statuses: tuple[str, ...], lang: str) -> pd.DataFrame:
    """`table` for st.table: every cell Markdown-escaped, the last (status) column coloured by status."""
    out = table.map(fmt.md_escape)
    out[table.columns[-1]] = [status_markdown(code, lang, str(text)) for code, text in zip(statuses,
                                                                                            table.iloc[:, -1])]
    return out


def progress_grid(progress: pd.DataFrame, lang: str, plan_id: str = DOCUMENT_PLAN) -> list[GridGroup]:
    """Per category (the plan's order): its name and a table of its indicators.

    Columns: indicator (序号 and name), base year value, target, needed per year, latest actual (only
    when any actual was imported), status (symbol and word).
    """
    show_latest = actuals_summary(progress)[0] > 0
    out = []
    for _, rows in _category_groups(progress, plan_id):
        loc = localized(rows, lang)
        base_year = _year(loc["base_year"].dropna().iloc[0]) if loc["base_year"].notna().any() else ""
        target_year = _year(loc["target_year"].dropna().iloc[0]) if loc["target_year"].notna().any() else ""
        rs = list(rowwise.rows(loc))
        table = {
            t("ov_col_indicator", lang): [f"{_text(r.seq) or ''} {r.name}".strip() for r in rs],
            t("ov_col_base", lang, year=base_year): [
                fmt.value_text_display(r.base_value, r.base_text, r.unit_zh, lang, unit_en=_unit_en(r), precision=fmt.precision_of(r)) for r in rs],
            t("ov_col_target", lang, year=target_year): [_target(r, lang) for r in rs],
            t("ov_col_needed", lang): [_needed(r, lang, short=True) for r in rs],
        }
        if show_latest:
            table[t("ov_col_latest", lang)] = [
                f"{fmt.figure(r.latest_value, r, lang)} ({_year(r.latest_year)})"
                if fmt.to_float(r.latest_value) is not None else fmt.no_data(lang) for r in rs]
        table[t("ov_col_status", lang)] = [status_cell(r, lang) for r in rs]
        frame, statuses = pd.DataFrame(table), tuple(loc["status"])
        display = display_table(frame, statuses, lang)
        out.append(GridGroup(loc["category"].iloc[0], frame, statuses, display, fmt.md_table(display, escape=False)))
    return out


# --- 13th-plan scoreboard ----------------------------------------------------------------------

SCORED = status.FINAL


def scoreboard_table(scoreboard: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The previous plan's table as a verdict table: 序号, indicator, base, target, actual (values with units; the
    columns named by the table's own years: 2015, 2020 target, 2020 actual for the 13th plan), result."""
    loc = localized(scoreboard, lang)
    base_year, target_year = _first_year(scoreboard, "base_year"), _first_year(scoreboard, "target_year")
    rs = list(rowwise.rows(loc))
    return pd.DataFrame({
        t("seq", lang): [_text(s) or "" for s in loc["seq"]],
        t("ov_col_indicator", lang): loc["name"].tolist(),
        t("ov_col_base_year", lang, year=base_year): [fmt.value_text_display(r.base_value, r.base_text, r.unit_zh, lang, unit_en=_unit_en(r), precision=fmt.precision_of(r))
                                      for r in rs],
        t("ov_col_target_year", lang, year=target_year): [fmt.value_text_display(r.target_value, r.target_text, r.unit_zh, lang, unit_en=_unit_en(r), precision=fmt.precision_of(r))
                                        for r in rs],
        t("ov_col_actual_year", lang, year=target_year): [fmt.value_text_display(r.actual_value, r.actual_text, r.unit_zh, lang, unit_en=_unit_en(r), precision=fmt.precision_of(r))
                                        for r in rs],
        t("ov_col_result", lang): [status_label(s, lang) for s in loc["status"]],
    })


def scoreboard_chart_frame(scoreboard: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows for charts.scoreboard_chart: scored rows with a numeric target and actual, and results in words."""
    # astype(bool): mapping an empty str column gives a str column, and & with it is deprecated in pandas 3
    printed = scoreboard["actual_text"].map(lambda v: _text(v) not in NOT_PRINTED).astype(bool)
    numeric_target = pd.to_numeric(scoreboard["target_value"], errors="coerce").notna()
    in_words = (scoreboard["status"] == status.PENDING) & printed & numeric_target
    # A verdict on a rate or a cumulative change has no target bar to draw: the table shows it.
    rows = scoreboard[(scoreboard["status"].isin(SCORED) & numeric_target) | in_words]
    loc = localized(rows, lang)
    rs = list(rowwise.rows(loc))
    return pd.DataFrame({
        "name": loc["name"].tolist(),
        "target": pd.to_numeric(loc["target_value"], errors="coerce").tolist(),
        "actual": pd.to_numeric(loc["actual_value"], errors="coerce").tolist(),
        "direction": loc["direction"].fillna("up").tolist(),
        "status": loc["status"].tolist(),
        "target_text": [fmt.value_text_display(r.target_value, r.target_text, r.unit_zh, lang, unit_en=_unit_en(r), precision=fmt.precision_of(r))
                        for r in rs],
        "actual_text": [fmt.value_text_display(r.actual_value, r.actual_text, r.unit_zh, lang, unit_en=_unit_en(r), precision=fmt.precision_of(r))
                        for r in rs],
    })


def scoreboard_counts(scoreboard: pd.DataFrame) -> dict[str, int]:
    """How many 专栏1 rows were exceeded, met, missed, await evaluation, or have no comparable target."""
    codes = scoreboard["status"]
    counted = (status.EXCEEDED, status.MET, status.MISSED, status.PENDING)
    counts = {code: int((codes == code).sum()) for code in counted}
    counts["total"] = len(scoreboard)
    counts["other"] = counts["total"] - sum(counts[c] for c in counted)
    return counts


def scoreboard_summary(scoreboard: pd.DataFrame, lang: str) -> str:
    return t("ov_scoreboard_summary", lang, **scoreboard_counts(scoreboard))


@dataclass(frozen=True)
class PreviousWords:
    """How the overview names the previous plan: its short name (「“十三五”」; its full label where it has none),
    its table (「专栏1」, "Table 1"; '' when its rows name none) and the years of its table."""

    plan: str = ""
    table: str = ""
    target_year: int | str = ""
    short: bool = True  # False: `plan` is the full label (name and period), no short name to build a title on

    def title(self, key: str, lang: str) -> str:
        """`key` (「{plan}规划目标完成情况（{table}）」) filled; without a short name or a table, the generic
        「上一规划目标完成情况：{plan}」 (ov_scoreboard_plan)."""
        if self.short and self.table:
            return t(key, lang, plan=self.plan, table=self.table)
        return t("ov_scoreboard_plan", lang, plan=self.plan)


def previous_words(table: pd.DataFrame, plans: pd.DataFrame | None, lang: str) -> PreviousWords:
    """PreviousWords of the previous plan's indicator table, from the plans table (its short name) and its rows
    (their table_ref and years)."""
    if table is None or table.empty:
        return PreviousWords()
    plan_id = str(table["plan_id"].iloc[0])
    row = plans.loc[plans["plan_id"] == plan_id] if plans is not None and "plan_id" in plans else None
    short = None
    if row is not None and not row.empty:
        short = _text(row.iloc[0].get(f"short_name_{'en' if lang == 'en' else 'zh'}")) or _text(
            row.iloc[0].get("short_name_zh"))
    refs = [r for r in table.get("table_ref", pd.Series(dtype=object)).dropna().astype(str) if r.strip()]
    ref = max(set(refs), key=refs.count) if refs else ""
    return PreviousWords(plan=short or state.plan_label(plans, plan_id, lang), table=fmt.source_ref(ref, lang),
                         target_year=_first_year(table, "target_year"), short=short is not None)


def scoreboard_labels(lang: str, words: PreviousWords | None = None) -> dict[str, str]:
    """Translated words for charts.scoreboard_chart; `words` name the previous plan and its target year."""
    words = words or PreviousWords()
    year = words.target_year
    labels = {
        "title": t("ov_scoreboard_chart_title", lang, plan=words.plan, year=year),
        "x_title": t("ov_scoreboard_x", lang, year=year),
        "indicator": t("indicator", lang), "target": t("ov_col_target_year", lang, year=year),
        "actual": t("ov_col_actual_year", lang, year=year),
        "ratio": t("ov_scoreboard_x", lang, year=year), "status": t("status", lang),
    }
    for code in status.ORDER:
        labels[f"status_{code}"] = status.word(code, lang)
    return labels


# --- plan arithmetic ---------------------------------------------------------------------------

def arithmetic_table(arith: pd.DataFrame, lang: str, with_basis: bool = False) -> pd.DataFrame:
    """progress.plan_arithmetic rows for display: indicator, from → to, printed rate, implied rate, gap, check."""
    columns = [t("ov_col_indicator", lang), t("ov_arith_col_path", lang), t("ov_arith_col_stated", lang),
               t("ov_arith_col_implied", lang), t("ov_arith_col_gap", lang), t("ov_arith_col_verdict", lang)]
    if with_basis:
        columns.insert(1, t("ov_arith_col_which", lang))
    if arith is None or arith.empty:
        return pd.DataFrame(columns=columns)
    loc = localized(arith, lang, ("name",))
    rows = []
    for r in rowwise.rows(loc):
        path = (f"{fmt.fmt_value(r.base_value, r.unit_zh, lang, unit_en=_unit_en(r))} → {fmt.fmt_value(r.end_value, r.unit_zh, lang, unit_en=_unit_en(r))} "
                f"({r.base_year}–{r.end_year})")
        row = [r.name, path, growth_text(r.stated_pct, lang), pct_text(r.implied_pct, lang), fmt.pp_text(r.difference_pp, lang),
               arithmetic_verdict(r, lang)]
        if with_basis:
            row.insert(1, t(f"ov_arith_which_{r.which}", lang))
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def gdp_note(arith: pd.DataFrame, lang: str, indicator_id: str | None, gdp: str = GDP_WORDS[0]) -> str:
    """The real-vs-nominal explanation for the GDP row `indicator_id` ('' when the row is absent); `gdp`: the
    plan's word for its GDP (_common.gdp_word)."""
    if arith is None or arith.empty:
        return ""
    rows = arith[(arith["indicator_id"] == indicator_id) & (arith["which"] == "plan")]
    if rows.empty:
        return ""
    r = rows.iloc[0]
    return t(
        "ov_arith_gdp", lang, gdp=gdp,
        base=fmt.fmt_value(r["base_value"], r["unit_zh"], lang), base_year=int(r["base_year"]),
        target=fmt.fmt_value(r["end_value"], r["unit_zh"], lang), target_year=int(r["end_year"]),
        implied=pct_text(r["implied_pct"], lang), stated=growth_text(r["stated_pct"], lang),
        price=pct_text(r["implied_price_pct"], lang),
    )


# --- the whole page ----------------------------------------------------------------------------

FALLBACK_TILES = 10  # a plan with fewer placed headline rows fills the tiles with its first rows


@dataclass
class Overview:
    """Everything the overview page shows, display-ready."""

    tiles: list[Tile]
    grid: list[GridGroup]
    n_indicators: int
    grid_title: str  # 「全部 34 项指标（按规划六大类）」: both counts from the plan's rows
    actuals_count: int
    actuals_year: int | None
    scoreboard_table: pd.DataFrame
    scoreboard_chart: pd.DataFrame
    scoreboard_summary: str
    scoreboard_labels: dict[str, str]
    vision: list[tuple[str, str]]
    goals: list[tuple[str, str]]
    arithmetic: pd.DataFrame
    arithmetic13: pd.DataFrame
    gdp_note: str
    base_year: int | str = ""
    arithmetic_markdown: str = ""  # `arithmetic` as one Markdown table (drawn by the page)
    target_year: int | str = ""
    previous_plan: str | None = None
    # The previous plan's headings, named by its short name and table (「“十三五”规划目标完成情况（专栏1）」):
    # the scoreboard tab's title, its full table's expander, and the arithmetic check's expander.
    scoreboard_title: str = ""
    scoreboard_table_title: str = ""
    arithmetic13_title: str = ""


def _first_year(table: pd.DataFrame, column: str) -> int | str:
    years = pd.to_numeric(table[column], errors="coerce").dropna() if column in table.columns else []
    return int(years.mode().iloc[0]) if len(years) else ""


_ZH_COUNTS = "一二三四五六七八九十"
_EN_COUNTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def grid_title(n_indicators: int, n_categories: int, lang: str) -> str:
    """The grid's heading: how many indicators in how many of the plan's categories (六大类 for the 14th plan)."""
    words = _EN_COUNTS if lang == "en" else _ZH_COUNTS
    k = words[n_categories - 1] if 1 <= n_categories <= len(words) else str(n_categories)
    return t("ov_grid", lang, n=n_indicators, k=k)


def build(table14: pd.DataFrame, table13: pd.DataFrame | None, statements: pd.DataFrame | None, lang: str,
          plan_id: str = DOCUMENT_PLAN, actuals: pd.DataFrame | None = None,
          plans: pd.DataFrame | None = None) -> Overview:
    """The overview of one plan from data.indicator_table(plan), the previous plan's table (or None),
    data.statements() (the 14th plan's prose: pass None for any other plan), data.imported_actuals() (the
    growth at comparable prices of GDP-like rows; None: none imported) and the plans table (data.plans(): the
    previous plan's short name; read from the data layer when not given)."""
    if table13 is None:
        table13 = table14.iloc[0:0]
    if plans is None and not table13.empty:
        plans = data.plans()
    words = previous_words(table13, plans, lang)
    prog = progress.progress_table(table14)
    board = progress.scoreboard(table13)
    arith14 = progress.plan_arithmetic(table14)
    arith13 = progress.plan_arithmetic(table13)
    count, year = actuals_summary(prog)
    topic = statements["topic"] if statements is not None and not statements.empty else pd.Series(dtype=object)
    headline = placements.filled(placements.ids(placements.resolve(
        data.placements(), table14, "overview", str(table13["plan_id"].iloc[0]) if not table13.empty else None)),
        table14, FALLBACK_TILES)
    arith_table = arithmetic_table(arith14, lang)
    grid = progress_grid(prog, lang, plan_id)
    return Overview(
        tiles=headline_tiles(prog, lang, headline, actuals),
        grid=grid,
        n_indicators=len(prog),
        grid_title=grid_title(len(prog), len(grid), lang),
        actuals_count=count,
        actuals_year=year,
        scoreboard_table=scoreboard_table(board, lang),
        scoreboard_chart=scoreboard_chart_frame(board, lang),
        scoreboard_summary=scoreboard_summary(board, lang),
        scoreboard_labels=scoreboard_labels(lang, words),
        vision=statements_in_order(statements[topic == "vision2035"], VISION_ORDER, lang) if len(topic) else [],
        goals=statements_in_order(statements[topic == "goals2025"], GOALS_ORDER, lang) if len(topic) else [],
        arithmetic=arith_table,
        arithmetic_markdown=fmt.md_table(arith_table) if not arith_table.empty else "",
        arithmetic13=arithmetic_table(arith13, lang, with_basis=True),
        gdp_note=gdp_note(arith14, lang, role_id(table14, "gdp"), gdp_word(table14, lang)),
        base_year=_first_year(table14, "base_year"),
        target_year=_first_year(table14, "target_year"),
        previous_plan=str(table13["plan_id"].iloc[0]) if not table13.empty else None,
        scoreboard_title=words.title("ov_scoreboard", lang) if not table13.empty else "",
        scoreboard_table_title=(t("ov_scoreboard_table", lang, table=words.table) if words.table
                                else t("ov_scoreboard_table_plan", lang)),
        arithmetic13_title=words.title("ov_arith_previous", lang) if not table13.empty else "",
    )


def build_page(lang: str, plan_id: str = DOCUMENT_PLAN) -> Overview:
    """The overview of `plan_id` for `lang`, read from the data layer (the page caches it via ui.view)."""
    from lishi_metrics.data import db as data

    previous = previous_plan(data.plans(), plan_id)
    return build(data.indicator_table(plan_id), data.indicator_table(previous) if previous else None,
                 data.statements() if is_document_plan(plan_id) else None, lang, plan_id, data.imported_actuals(),
                 data.plans())


def scoreboard_spec(lang: str, plan_id: str = DOCUMENT_PLAN) -> dict:
    """The scoreboard chart as a Vega-Lite dict (built once per data version and language, via ui.view)."""

    page = build_page(lang, plan_id)
    return charts.scoreboard_chart(page.scoreboard_chart, page.scoreboard_labels).to_dict(validate=False)


def warm_up_models(lang: str, plan_id: str, day: str) -> list[tuple]:
    """What this page builds through ui.view for its first visitor, as (function, arguments): the warm-up
    (ui.warmup, for pages the registry marks `warm`) builds them before the server listens."""
    return [(build_page, (lang, plan_id)), (scoreboard_spec, (lang, plan_id))]
