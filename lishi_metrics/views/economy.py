"""经济运行 page model: the year's year-to-date figures against its targets, display-ready (no streamlit).

The numbers are model.periods' (the same status_table the CLI `periods status` prints); this module only
chooses the year and period from the URL, words them in zh/en and builds one chart spec per indicator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lishi_metrics.charts import builders
from lishi_metrics.data import db as data
from lishi_metrics.model import periods as pm
from lishi_metrics.model import rowwise, status
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import state
from lishi_metrics.views._common import status_label
from lishi_metrics.views._common import ytd_needed as _needed
from lishi_metrics.views._common import ytd_pct as _pct
from lishi_metrics.views._common import ytd_period_text as period_text
from lishi_metrics.views._common import ytd_progress as _progress
from lishi_metrics.views._common import ytd_target as _target

YEAR_PARAM, AS_OF_PARAM = "year", "as_of"
YEAR_RANGE = (2000, 2100)
LATEST = ""  # the as_of choice "latest period" (left out of the URL)


@dataclass(frozen=True)
class EconomyPage:
    """Everything the page draws. table: one display row per indicator; charts: (key, spec) per indicator."""

    year: int
    as_of: str
    has_periods: bool
    has_targets: bool
    table: pd.DataFrame
    summary: str
    not_imported: str
    charts: list[tuple[str, dict]] = field(default_factory=list)
    cards: tuple[str, ...] = ()  # the table's rows as Markdown cards (escaped), drawn instead of it on a phone


def available_years(this_year: int) -> tuple[int, ...]:
    """Years up to `this_year` with imported targets or periods, newest first; (this_year,) when there are none."""
    tables = data.period_tables()
    years = {int(y) for y in tables["period_targets"]["year"].tolist()}
    for label in tables["periods"]["period"].tolist():
        try:
            years.add(pm.parse_period(label).year)
        except pm.PeriodError:
            continue
    with_data = sorted((y for y in years if y <= this_year), reverse=True)
    return tuple(with_data) or (this_year,)


def warm_up_models(lang: str, plan_id: str, day: str) -> list[tuple]:
    """What this page builds through ui.view for its first visitor (ui.warmup): the years, the periods and the
    page of the default year and period."""
    this_year = int(day[:4])
    years = available_years(this_year)
    choices = as_of_choices(years[0])
    return [(available_years, (this_year,)), (as_of_choices, (years[0],)),
            (build_page, (years[0], choices[-1], lang)), (plan_link, ("gdp", lang, this_year))]


def as_of_choices(year: int) -> tuple[str, ...]:
    """Every imported period label of `year` in time order (quarters after their last month); ('',) = latest,
    when the year has none."""
    labels = set()
    for label in data.period_tables()["periods"]["period"].tolist():
        try:
            p = pm.parse_period(label)
        except pm.PeriodError:
            continue
        if p.year == year:
            labels.add(p)
    ordered = [p.label for p in sorted(labels, key=lambda p: (p.months, p.frequency == pm.QUARTER))]
    return tuple(ordered) or (LATEST,)


def parse_year(raw: object, years: tuple[int, ...]) -> tuple[int, tuple[int, ...], list[state.Notice]]:
    """`year=` (default: the newest with data), any year in YEAR_RANGE; returns it, the picker's choices (the years
    with data and it) and the notices. A link keeps its year even before that year's figures are imported."""
    year, notices = state.parse_int(raw, years[0], *YEAR_RANGE, param=YEAR_PARAM)
    return year, tuple(sorted({*years, year}, reverse=True)), notices


def parse_as_of(raw: object, choices: tuple[str, ...]) -> tuple[str, list[state.Notice]]:
    """`as_of=` among the year's imported periods (default: the latest one); a link keeps the period it showed."""
    if isinstance(raw, str) and raw.strip():
        try:
            raw = pm.parse_period(raw).label
        except pm.PeriodError:
            pass
    return state.parse_choice(raw, choices, choices[-1], param=AS_OF_PARAM)


def build_page(year: int, as_of: str, lang: str) -> EconomyPage:
    """The page for `year` up to `as_of` ('' = each indicator's latest period)."""
    indicators = data.periodic_indicators()
    tables = data.period_tables()
    at = pm.parse_period(as_of) if as_of else None
    frame = pm.status_table(indicators, tables["period_targets"], tables["periods"], year, at)
    meta = {r.periodic_id: r for r in rowwise.rows(indicators, index=False)}
    rows, missing = [], []
    for r in frame.to_dict("records"):
        m = meta[r["indicator_id"]]
        name = m.name_zh if lang == "zh" else m.name_en
        if not isinstance(r["period"], str) and r["status"] == status.NO_TARGET:
            missing.append(name)  # neither a figure nor a target: listed under the table, not as an empty row
            continue
        value = fmt.fmt_value(r["value"], m.unit_zh, lang) if fmt.to_float(r["value"]) is not None else ""
        growth_part = _pct(r["growth"], lang, sign=True)
        gap = fmt.pp_text(r["gap_pp"], lang, 1) if fmt.to_float(r["gap_pp"]) is not None else ""
        rows.append({
            t("eco_col_indicator", lang): name,
            t("eco_col_period", lang): period_text(r["period"], lang) or t("eco_not_imported", lang),
            t("eco_col_value", lang): " ".join(x for x in (value, f"({growth_part})" if value and growth_part
                                                           else growth_part) if x),
            t("eco_col_target", lang): _target(r, m.unit_zh, m.unit_en, lang) + (f" ({gap})" if gap else ""),
            t("eco_col_progress", lang): _progress(r, lang),
            t("eco_col_needed", lang): _needed(r, lang),
            t("eco_col_status", lang): status_label(r["status"], lang),
        })
    table = pd.DataFrame(rows)
    cards = tuple(phone_card(row) for row in rows)
    judged = frame[frame["status"].isin(status.JUDGED)]
    on = int(judged["status"].isin((status.ON_TRACK, status.AHEAD, status.ACHIEVED_EARLY, status.MET,
                                    status.EXCEEDED)).sum())
    latest = max((pm.parse_period(p) for p in frame["period"].dropna()), key=lambda p: p.months, default=None)
    summary = ""
    if len(judged) and latest is not None:
        summary = t("eco_summary", lang, period=period_text(at.label if at else latest.label, lang), n=len(judged),
                    on=on, behind=len(judged) - on)
    charts = []
    this_label, last_label = t("eco_chart_year", lang, year=year), t("eco_chart_year", lang, year=year - 1)
    for r in frame.to_dict("records"):
        m = meta[r["indicator_id"]]
        series = pm.growth_series(tables["periods"], m.periodic_id, year, m.frequency)
        if at is not None:
            series = series[(series["year"] < year) | (series["n"] <= at.months // (1 if m.frequency == pm.MONTH else 3))]
        name = m.name_zh if lang == "zh" else m.name_en
        if series.empty:
            continue
        series = series.assign(series=[this_label if y == year else last_label for y in series["year"]])
        target = fmt.to_float(r["target_growth"])
        chart = builders.ytd_growth_chart(
            series, pm.PER_YEAR[m.frequency], target, t("eco_chart_title", lang, name=name),
            t(f"eco_chart_x_{m.frequency}", lang), t("eco_chart_y", lang),
            {"this": this_label, "last": last_label,
             "target": t("eco_chart_target", lang, value=_pct(target, lang, sign=True)) if target is not None else ""},
        )
        charts.append((m.periodic_id, chart.to_dict(validate=False)))
    return EconomyPage(year=year, as_of=as_of, has_periods=frame["period"].notna().any(),
                       has_targets=bool(frame["target_growth"].notna().any() or frame["target_value"].notna().any()),
                       table=table, summary=summary, charts=charts, cards=cards,
                       not_imported=t("eco_missing", lang, names=fmt.md_escape("、".join(missing) if lang == "zh"
                                                                              else "; ".join(missing)))
                       if missing else "")


def phone_card(row: dict[str, str]) -> str:
    """One table row as a card for a phone (a 7-column table does not fit 390 px): the indicator and its status,
    then one line per filled column, «column: value»; every text escaped (fmt.md_escape)."""
    items = list(row.items())
    (_, name), (_, status_text) = items[0], items[-1]
    lines = [f"**{fmt.md_escape(name)}** · {fmt.md_escape(status_text)}"]
    lines += [f"{fmt.md_escape(k)}: {fmt.md_escape(v)}" for k, v in items[1:-1] if v]
    return "  \n".join(lines)


def plan_link(role: str, lang: str, year: int) -> str:
    """The current year's latest figure of the periodic indicator that feeds the plan row of `role` (GDP), for
    the plan pages: 「经济运行：地区生产总值 2026年前三季度 +5.0%（全年目标 +6.0%）」; '' without one."""
    indicators = data.periodic_indicators()
    fed = indicators[indicators["feeds_role"] == role]
    if fed.empty:
        return ""
    tables = data.period_tables()
    frame = pm.status_table(fed, tables["period_targets"], tables["periods"], year)
    r = frame.iloc[0]
    if not isinstance(r["period"], str) or fmt.to_float(r["growth"]) is None:
        return ""
    m = fed.iloc[0]
    target = fmt.to_float(r["target_growth"])
    return t("eco_plan_link" if target is not None else "eco_plan_link_no_target", lang,
             name=m["name_zh"] if lang == "zh" else m["name_en"], period=period_text(r["period"], lang),
             growth=_pct(r["growth"], lang, sign=True), target=_pct(target, lang, sign=True))
