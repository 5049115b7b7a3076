"""Helpers shared by the three sector page models (industries, ecology, livelihood): plan choice and URL
values, number and year cells, the indicator, figure and project tables, and the two-plan charts.

Length (about 550 lines): everything the three pages share, one definition each (their placed rows and pieces,
cells, tables and charts), so that no page model imports another.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from lishi_metrics.data import catalog, placements
from lishi_metrics.data.plans import DOCUMENT_PLAN, is_document_plan
from lishi_metrics.model import growth, progress, rowwise
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import _common, state, wording
from lishi_metrics.views._common import cumulative_text, growth_text, needed_text, row_needed_text, status_cell
from lishi_metrics.views.tiles import Tile

# --- shared by the sector pages --------------------------------------------------------------------

PLAN_ALL = "all"

# Printed cells that say a city-assigned task rather than a number (binding ecology targets).
CITY_TASK_TEXTS = ("完成市任务", "完成市定任务", "已完成市定任务")



def parse_choice(raw: object, choices: tuple[str, ...], default: str, param: str) -> tuple[str, list[state.Notice]]:
    """One of `choices` from a URL value (junk, lists, hostile text → default plus a notice)."""
    return state.parse_choice(raw, choices, default, param=param)


def page_placements(place: str, table: pd.DataFrame, previous: pd.DataFrame | None = None,
                    placed: pd.DataFrame | None = None) -> pd.DataFrame:
    """The indicators at `place` (data.placements: a page, its tiles, a wall panel) of a plan and of its
    predecessor (the pages' row filter shows both), in the table's order: indicator_id, group, position,
    charted, plan_id.

    Args:
        table: the plan's indicator table; previous: its predecessor's (or None).
        placed: the placements table (data.db.placements()); read from the data layer when None.
    """
    from lishi_metrics.data import placements

    if placed is None:
        from lishi_metrics.data import db

        placed = db.placements()
    has_previous = previous is not None and not previous.empty
    parts = [placements.resolve(placed, table, place, str(previous["plan_id"].iloc[0]) if has_previous else None)
             .assign(plan_id=str(table["plan_id"].iloc[0]) if not table.empty else "")]
    if has_previous:
        parts.append(placements.resolve(placed, previous, place).assign(plan_id=str(previous["plan_id"].iloc[0])))
    return pd.concat(parts, ignore_index=True).sort_values("position", kind="stable").reset_index(drop=True)


def placed_rows(place: str, table: pd.DataFrame, previous: pd.DataFrame | None = None,
                placed: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every indicator at `place` of a plan and its predecessor (page_placements), with status columns
    (indicator_rows) and the placement: place_group, place_position, place_charted (only the plan's own rows are
    charted; the predecessor's are there to compare in the tables)."""
    where = page_placements(place, table, previous, placed).drop_duplicates("indicator_id")
    current = str(table["plan_id"].iloc[0]) if table is not None and not table.empty else DOCUMENT_PLAN
    rows = indicator_rows(combined_table(table, previous), tuple(where["indicator_id"]), current=current)
    info = pd.DataFrame({"place_group": where["group"].to_numpy(), "place_position": where["position"].to_numpy(),
                         "place_charted": (where["charted"].astype(bool) & (where["plan_id"] == current)).to_numpy()},
                        index=where["indicator_id"].to_numpy())
    if rows.empty:
        return rows.assign(place_group=pd.Series(dtype=object), place_position=pd.Series(dtype="int64"),
                           place_charted=pd.Series(dtype=bool))
    return rows.join(info, on="indicator_id")


def piece_ids(rows: pd.DataFrame, piece: str) -> tuple[str, ...]:
    """The ids among `rows` placed as one piece of a sector page (data.placements.pieces, place `pieces` of
    data/source/placements.csv: a tile or chart built around one indicator), in position order (a two-plan chart:
    the predecessor's row first); () when the rows' plan places none."""
    from lishi_metrics.data import db

    if rows is None or rows.empty:
        return ()
    return placements.pieces(db.placements(), shown_plan(rows), rows["indicator_id"]).get(piece, ())


def shown_plan(rows: pd.DataFrame) -> str:
    """The plan a page of `rows` (a plan's, or a plan's and its predecessor's) shows: the latest to start."""
    from lishi_metrics.data import db

    plan_ids = {str(p) for p in rows["plan_id"].dropna()}
    if len(plan_ids) == 1:
        return plan_ids.pop()
    starts = db.plans_catalogue().set_index("plan_id")["start_year"]
    return max(sorted(plan_ids), key=lambda p: int(starts.get(p, 0)))


def figure_ids(piece: str, plan_id: str = DOCUMENT_PLAN) -> tuple[str, ...]:
    """The prose figures placed as one piece of `plan_id`'s pages (data.placements.piece_figures: place `pieces`,
    rows naming a figure_id), in position order; () when the plan places none."""
    from lishi_metrics.data import db

    return placements.piece_figures(db.placements(), plan_id).get(piece, ())


def placed_figures(figures: pd.DataFrame, piece: str, plan_id: str = DOCUMENT_PLAN) -> pd.DataFrame:
    """The prose figures of one piece (figure_ids), in its order."""
    return ids_of(figures, figure_ids(piece, plan_id))


def document_only(frame: pd.DataFrame, plan_id: str) -> pd.DataFrame:
    """The document's prose, projects, sectors or enterprises (data.plans.DOCUMENT_PLAN's) for its own plan; none
    (the frame's columns, no rows) for another plan, whose pages show only what placements place for it."""
    return frame if is_document_plan(plan_id) else frame.iloc[0:0]


def piece_row(rows: pd.DataFrame, piece: str):
    """The row (itertuples) of a one-indicator piece (piece_ids; the plan's own when two are placed), or None."""
    found = piece_ids(rows, piece)
    return next(rowwise.rows(catalog.select(rows, found[-1:])), None) if found else None


def in_group(rows: pd.DataFrame, group: str) -> pd.DataFrame:
    """The placed rows (placed_rows) of one group of the page, in placement order."""
    if rows.empty:
        return rows
    part = rows[rows["place_group"] == group]
    return part.sort_values("place_position", kind="stable").reset_index(drop=True)


def charted_ids(rows: pd.DataFrame) -> tuple[str, ...]:
    """The ids of the placed rows (placed_rows) marked to be charted, in placement order."""
    if rows.empty:
        return ()
    part = rows[rows["place_charted"].astype(bool)].sort_values("place_position", kind="stable")
    return tuple(str(i) for i in part["indicator_id"])


def page_groups(rows: pd.DataFrame, groups: tuple[str, ...], rule_group: str) -> tuple[str, ...]:
    """The groups (themes, topics) a sector page shows for `rows`: its placed groups, then the group of rows that
    placements' rules put there (another plan's) when it has any."""
    has_rule_rows = not rows.empty and (rows["place_group"] == rule_group).any()
    return (*groups, rule_group) if has_rule_rows else groups


def groups_shown(choice: str, groups: tuple[str, ...], every: str = "all") -> tuple[str, ...]:
    """The groups a theme/topic choice shows, in page order (`every`: the choice of all of them)."""
    return groups if choice == every else (choice,)


# The row filter of the sector pages (which plan table's rows to list); `plan=` itself chooses the plan a page
# shows (views.state.parse_plan), so the filter has its own name.
TABLE_PARAM = "table"


@dataclass(frozen=True)
class PlanFilter:
    """The sector pages' row filter for the plan shown: every row (PLAN_ALL), the plan's own, or its named
    predecessor's (data.plans.previous_plan; none → no such choice), each named by the plans table's short name.

    choices: the URL values (plan ids from the data, never constants); labels: choice → words (data text: escape
    it for Markdown); shown: False when there is nothing to choose (no predecessor)."""

    plan_id: str
    previous: str | None
    choices: tuple[str, ...]
    labels: dict[str, str]

    @property
    def shown(self) -> bool:
        return self.previous is not None


def plan_filter(plans: pd.DataFrame, plan_id: str, lang: str) -> PlanFilter:
    """The row filter of `plan_id`'s sector pages (PlanFilter) from the plans table."""
    from lishi_metrics.data.plans import previous_plan

    previous = previous_plan(plans, plan_id)
    choices = (PLAN_ALL, plan_id, *((previous,) if previous else ()))
    labels = {PLAN_ALL: t("in_plan_choice_all", lang),
              **{p: wording.plan_short_label(plans, p, lang) for p in choices[1:]}}
    return PlanFilter(plan_id, previous, choices, labels)


def parse_plan(raw: object, choices: tuple[str, ...] | None = None) -> tuple[str, list[state.Notice]]:
    """The row filter `table=all|<the plan>|<its predecessor>` (PlanFilter.choices; default: those of the
    document's plan); junk → all, with a notice."""
    if choices is None:
        from lishi_metrics.data import db

        choices = plan_filter(db.plans_catalogue(), DOCUMENT_PLAN, "zh").choices
    return parse_choice(raw, choices, PLAN_ALL, TABLE_PARAM)


def plan_labels(plan_ids, lang: str) -> dict[str, str]:
    """plan_id → its short name (state.plan_short_label) for a table's plan column."""
    from lishi_metrics.data import db

    plans = db.plans_catalogue()
    return {str(p): wording.plan_short_label(plans, str(p), lang) for p in dict.fromkeys(plan_ids)}


def url_value(choice: str, default: str) -> str | None:
    """The URL form of a choice: left out (None) when it is the default, so links stay short."""
    return None if choice == default else choice


def num(value: object) -> float | None:
    """A finite float or None (None, NaN, NA, text)."""
    return fmt.to_float(value)


def amount(value: object, unit_zh: object, lang: str, unit_en: object = None, precision: int | None = None) -> str:
    """A number in its plan unit (`500 兆瓦` / `500 MW`); missing → 暂无数据 / no data.

    unit_en is the row's own English unit word (indicators.csv / text_figures.csv `unit_en`, e.g.
    'households' for 户); without one, fmt.fmt_value takes the units table's word.
    """
    number = num(value)
    if number is None:
        return fmt.no_data(lang)
    unit = unit_zh if isinstance(unit_zh, str) else ""
    return fmt.fmt_value(number, unit, lang, unit_en=unit_en if isinstance(unit_en, str) else None,
                         precision=precision)


def cell(value: object, text: object, unit_zh: object, lang: str, unit_en: object = None) -> str:
    """A printed table cell: the number in its unit, else the printed text (translated), else 暂无数据."""
    if num(value) is not None:
        return amount(value, unit_zh, lang, unit_en)
    unit = unit_zh if isinstance(unit_zh, str) else ""
    return fmt.value_text_display(None, text if isinstance(text, str) else None, unit, lang,
                                  unit_en=unit_en if isinstance(unit_en, str) else None)


def range_amount(low: object, high: object, unit_zh: object, lang: str, unit_en: object = None) -> str:
    """A prose figure that may be a range (30-50 名): `30-50 名` / `30–50 persons`."""
    if num(high) is None:
        return amount(low, unit_zh, lang, unit_en)
    if num(low) is None:
        return fmt.no_data(lang)
    sep = "-" if lang == "zh" else "–"
    return f"{fmt.format_number(float(low))}{sep}{amount(high, unit_zh, lang, unit_en)}"


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
        return f"年均 {number}%" if lang == "zh" else f"{number}% a year"
    return fmt.value_text_display(None, printed if isinstance(printed, str) else None, "", lang)


def change_text(mode: str, per_year: float, unit_zh: str, lang: str, precision: int | None = None) -> str:
    """A needed yearly change: `年均 +2.1 个百分点`, `年均 +16.7%`, `年均 +0.1 人` (views._common.needed_text, the
    one text of the plan path's pace, at the indicator's display precision)."""
    return needed_text(mode, per_year, unit_zh, lang, precision=precision)


def total_change_text(start: object, end: object, value_type: str, unit_zh: str, lang: str,
                      unit_en: object = None) -> str:
    """The whole change from start to end: percentage points for shares and rates, else % (or units)."""
    a, b = num(start), num(end)
    if a is None or b is None:
        return fmt.no_data(lang)
    if value_type in growth.PERCENT_TYPES:
        return fmt.pp_text(b - a, lang, decimals=fmt.decimals_needed(round(b - a, 2)))
    if a > 0:
        return fmt.fmt_pct(b / a - 1.0, lang, digits=1, sign=True)
    return ("+" if b > a else fmt.MINUS if b < a else "") + amount(abs(b - a), unit_zh, lang, unit_en)
chapter_text = table_text = fmt.source_ref


def _localized_name(row, lang: str) -> str:
    name = row.name_en if lang == "en" else row.name_zh
    return name if isinstance(name, str) and name else (row.name_zh or "")


def indicator_rows(table: pd.DataFrame, ids: tuple[str, ...], current: str = DOCUMENT_PLAN) -> pd.DataFrame:
    """Rows of one or two plans' indicator tables (data.indicator_table), in the order of `ids`, with the
    progress columns of the `current` plan (needed change, plan-path value, status of the latest actual); the
    other plan's rows are scored as a finished plan's."""
    rows = catalog.select(table, ids)
    if rows.empty:
        return rows
    parts = []
    for plan_id, part in rows.groupby("plan_id", sort=False):
        if plan_id == current:
            part = progress.progress_table(part)
        else:
            part = progress.scoreboard(part)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return catalog.select(out, ids)


def indicator_display(rows: pd.DataFrame, lang: str, current: str = DOCUMENT_PLAN,
                      labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Plan indicators as a readable table: plan, name, start, target, printed growth, change needed,
    latest actual, status, attribute. Text targets stay text; nothing reads nan/None.

    Args:
        current: the plan whose rows show progress (indicator_rows' `current`).
        labels: plan_id → the plan column's words (default: the plans' short names, plan_labels).
    """
    cols = [t("plan", lang), t("indicator", lang), t("in_col_start", lang), t("in_col_target", lang),
            t("in_col_growth", lang), t("needed_per_year", lang), t("in_col_actual", lang), t("status", lang),
            t("attribute", lang)]
    records = []
    if labels is None and not rows.empty:
        labels = plan_labels(rows["plan_id"], lang)
    for r in rowwise.rows(rows):
        unit_en = getattr(r, "unit_en", None)
        start = with_year(cell(r.base_value, r.base_text, r.unit_zh, lang, unit_en), r.base_year, lang)
        target = with_year(cell(r.target_value, r.target_text, r.unit_zh, lang, unit_en), r.target_year, lang)
        if num(r.target_value) is None and num(r.growth_pct) is not None and r.plan_id == current:
            target = stated_growth(r.growth_pct, r.growth_text, r.growth_cumulative, lang, value_type=r.value_type, unit_zh=r.unit_zh)
        if r.plan_id == current:
            if r.needed_mode and num(r.needed_per_year) is not None:
                needed = row_needed_text(r, lang, already_met=False)  # a count: its whole change (needed_text)
                if bool(r.already_met):
                    needed += t("in_already_met_suffix", lang)
            else:
                needed = fmt.no_data(lang)
            latest = num(getattr(r, "latest_value", None))
            actual = (with_year(amount(latest, r.unit_zh, lang, unit_en, fmt.precision_of(r)), r.latest_year, lang)
                      if latest is not None
                      else t("in_no_actual_yet", lang))
        else:
            needed = t("in_not_applicable", lang)
            actual = with_year(cell(r.actual_value, r.actual_text, r.unit_zh, lang, unit_en), r.target_year, lang)
        records.append([
            (labels or {}).get(r.plan_id, str(r.plan_id)), _localized_name(r, lang), start, target,
            stated_growth(r.growth_pct, r.growth_text, r.growth_cumulative, lang, annual=r.plan_id == current,
                          value_type=r.value_type, unit_zh=r.unit_zh),
            needed, actual,
            status_cell(r, lang),
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


def figure_display(figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Prose figures (data.text_figures) as a table: what, how much (ranges kept), year, target or
    achievement, chapter, and the sentence as printed."""
    cols = [t("in_col_subject", lang), t("value", lang), t("year", lang), t("in_col_kind", lang),
            t("source", lang), t("in_col_quote", lang)]
    records = []
    for r in rowwise.rows(figures):
        subject = r.subject_en if lang == "en" and isinstance(r.subject_en, str) else r.subject_zh
        records.append([
            subject, range_amount(r.value, r.value_max, r.unit_zh, lang, getattr(r, "unit_en", None)), year_text(r.year, lang),
            t("in_kind_target" if r.kind == "target" else "in_kind_achievement", lang),
            chapter_text(r.chapter_ref, lang), r.quote or "",
        ])
    return pd.DataFrame(records, columns=cols)


def project_display(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Key projects of the 专栏 tables: number, table, group and name (English name in en)."""
    cols = [t("seq", lang), t("in_col_table", lang), t("in_col_group", lang), t("in_col_project", lang)]
    records = []
    for i, r in enumerate(rowwise.rows(projects), start=1):
        group = r.group_en if lang == "en" and isinstance(r.group_en, str) else r.group_zh
        name = r.name_en if lang == "en" and isinstance(r.name_en, str) and r.name_en else r.name_zh
        records.append([i, table_text(r.table_ref, lang), group, name])
    return pd.DataFrame(records, columns=cols)


def ids_of(figures: pd.DataFrame, ids: tuple[str, ...]) -> pd.DataFrame:
    """Prose figures with the given figure_ids, in that order."""
    return catalog.select(figures, ids, column="figure_id")


def figure_value(figures: pd.DataFrame, figure_id: str) -> float | None:
    """The value of one prose figure, or None when it is not in the data."""
    hit = figures.loc[figures["figure_id"] == figure_id, "value"]
    return num(hit.iloc[0]) if not hit.empty else None


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
    for r in rowwise.rows(rows):
        start, end = num(r.base_value), num(r.target_value)
        if start is None and end is None:
            continue
        out.append({
            "name": short_name(r, lang), "start": start, "end": end,
            "start_text": amount(start, r.unit_zh, lang, getattr(r, "unit_en", None)) if start is not None else None,
            "end_text": amount(end, r.unit_zh, lang, getattr(r, "unit_en", None)) if end is not None else None,
            "change": total_change_text(start, end, r.value_type, r.unit_zh, lang, getattr(r, "unit_en", None)),
        })
    return pd.DataFrame(out, columns=["name", "start", "end", "start_text", "end_text", "change"])


def short_name(row, lang: str) -> str:
    """A tile-sized name: indicators.short_name_zh / short_name_en, else the printed name (_common.short_name)."""
    return _common.short_name(row, lang)


def headline(rows: pd.DataFrame, indicator_id: str, lang: str) -> Tile | None:
    """A number tile: name with the value's year, value (latest actual, else start), the target line, and
    start → target as its tooltip."""
    hit = rows[rows["indicator_id"] == indicator_id]
    if hit.empty:
        return None
    r = next(rowwise.rows(hit))
    unit_en = getattr(r, "unit_en", None)  # the row's own English word (indicators.csv)
    start = cell(r.base_value, r.base_text, r.unit_zh, lang, unit_en)
    target = cell(r.target_value, r.target_text, r.unit_zh, lang, unit_en)
    if num(r.target_value) is None and num(r.growth_pct) is not None:
        target = stated_growth(r.growth_pct, r.growth_text, r.growth_cumulative, lang, value_type=r.value_type, unit_zh=r.unit_zh)
    latest = num(getattr(r, "latest_value", None))
    value_year = r.latest_year if latest is not None else r.base_year
    label = short_name(r, lang)
    value = amount(latest, r.unit_zh, lang, unit_en, fmt.precision_of(r)) if latest is not None else start
    return Tile(
        key=str(r.indicator_id),
        name=f"{label}（{fmt.fmt_year(value_year, lang)}）" if lang == "zh"
        else f"{label} ({fmt.fmt_year(value_year, lang)})",
        value=value,
        value_kind="number" if latest is not None or num(r.base_value) is not None else "text",
        lines=(t("in_tile_target", lang, year=fmt.fmt_year(r.target_year, lang), target=target),),
        help=t("in_tile_help", lang, start=with_year(start, r.base_year, lang),
               target=with_year(target, r.target_year, lang)),
    )


@dataclass(frozen=True)
class PathChartData:
    """Arguments of charts.indicator_path_chart for one indicator."""

    frame: pd.DataFrame
    target_year: int | None
    target_value: float | None


def two_plan_labels(rows: pd.DataFrame, found: tuple[str, ...], lang: str) -> dict[str, str]:
    """Chart words of a chart that spans a plan and its predecessor (a two-plan piece, `found`: piece_ids): the
    predecessor's base year and its target, named by its short name («“十三五”目标（2020年）»)."""
    r = next(rowwise.rows(catalog.select(rows, found[:1])), None) if len(found) > 1 else None
    base = int(num(r.base_year)) if r is not None and num(r.base_year) is not None else None
    label = plan_labels((r.plan_id,), lang)[str(r.plan_id)] if r is not None else ""
    year = int(num(r.target_year)) if r is not None and num(r.target_year) is not None else None
    return chart_labels(lang, base=t("in_series_base_year", lang, year=base) if base else t("in_series", lang),
                        previous_target=t("in_series_previous_target", lang, plan=label, year=year or ""))


def two_plan_chart_data(rows: pd.DataFrame, id13: str | None, id14: str | None, imported: pd.DataFrame | None,
                        labels: dict[str, str]) -> PathChartData | None:
    """One indicator across both plans (e.g. forest cover 2015–2025; the ids of a two-plan piece, piece_ids): the actuals of 2015 (the 13th-plan
    base) and 2020, the 13th-plan target, the 14th-plan constant-growth path to its target and any imported actuals.

    Args:
        rows: indicator rows of both plans (indicator_rows or data.indicator_table stacked).
        labels: two_plan_labels(...) words: base, previous_target, actual, plan.
    """
    r13 = next(rowwise.rows(catalog.select(rows, (id13,))), None) if id13 else None
    r14 = next(rowwise.rows(catalog.select(rows, (id14,))), None) if id14 else None
    if r14 is None:
        return None
    points = []
    if r13 is not None:
        if num(r13.base_value) is not None:
            # The 2015 base is that year's actual value: drawn as one actual line 2015 → 2020.
            points.append({"year": int(r13.base_year), "value": float(r13.base_value), "series": labels["actual"]})
        if num(r13.target_value) is not None:
            points.append({"year": int(r13.target_year), "value": float(r13.target_value),
                           "series": labels["previous_target"]})
    base14, target14 = num(r14.base_value), num(r14.target_value)
    if base14 is not None:
        points.append({"year": int(r14.base_year), "value": base14, "series": labels["actual"]})
    if base14 is not None and target14 is not None:
        for year, value in growth.constant_growth_path(int(r14.base_year), base14, int(r14.target_year), target14,
                                                       r14.value_type):
            points.append({"year": year, "value": value, "series": labels["plan"]})
    if imported is not None and not imported.empty:
        for r in rowwise.rows(imported[imported["indicator_id"] == id14]):
            if num(r.value) is not None:
                points.append({"year": int(r.year), "value": float(r.value), "series": labels["actual"]})
    frame = pd.DataFrame(points, columns=["year", "value", "series"]).sort_values(["series", "year"])
    return PathChartData(frame.reset_index(drop=True),
                         int(r14.target_year) if target14 is not None else None, target14)


# --- the page model (cached per data version and language by ui.view) ----------------------------

def spec(chart) -> dict:
    """A chart's Vega-Lite spec without schema validation (the tests validate the builders)."""
    return chart.to_dict(validate=False)


def shares_chart(rows: pd.DataFrame, ids: tuple[str, ...], title: str, x_title: str, lang: str):
    """Base actual → target of percent indicators (a dumbbell chart), its ends named by the rows' years
    (「2020年实际」「2025年目标」)."""
    from lishi_metrics.charts import builders as charts

    picked = catalog.select(rows, ids)
    first = next(rowwise.rows(picked), None)
    base, target = ((num(first.base_year), num(first.target_year)) if first is not None else (None, None))
    labels = chart_labels(lang, start=t("in_start_year", lang, year=int(base)) if base else t("in_col_start", lang),
                          end=t("in_end_year", lang, year=int(target)) if target else t("in_col_target", lang),
                          value=x_title)
    return charts.dumbbell_chart(dumbbell_frame(catalog.select(rows, ids), lang), title, labels, percent=True)
