"""The chart frames: the scenario's path, the plan and the actuals, the fan of Monte Carlo quantiles, and their labels."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import state
from lishi_metrics.views.scenario.facts import PlanFacts
from lishi_metrics.views.scenario.formatting import amount_scale, money, pct, plain_money, span_text
from lishi_metrics.views.scenario.frame import Scenario
from lishi_metrics.views.scenario.metrics import Outcome


def chart_labels(sc: Scenario, out: Outcome, lang: str) -> dict[str, str]:
    """Translated labels for charts.gdp_scenario_chart (title says when the target is reached or the gap)."""
    f = sc.facts
    last = int(sc.frame["year"].iloc[-1])
    if out.reached:
        status = t("sim_chart_reached", lang, year=out.crossing)
    elif out.crossing is not None:
        status = t("sim_chart_late", lang, year=out.crossing, gap=money(abs(out.gap), lang), target_year=f.target_year)
    else:
        status = t("sim_chart_short", lang, year=f.target_year, gap=money(abs(out.gap), lang))
    return {
        "title": t("sim_chart_title", lang, span=span_text(f.base_year, last, lang), status=status, gdp=f.gdp(lang)),
        "value": t("sim_axis_gdp", lang),
        "year": t("year", lang),
        "scenario": t("sim_series", lang),
        "plan": t("sim_series_plan", lang, rate=pct(f.plan_nominal, lang)),
        "actual": t("series_actual", lang),
        "target": t("series_target", lang),
        "target_text": t("sim_target_text", lang, year=f.target_year, value=plain_money(f.target_gdp, lang)),
        "band_outer": t("sim_band_outer", lang),
        "band_inner": t("sim_band_inner", lang),
        "band": t("sim_band", lang),
        "low": t("sim_low", lang),
        "high": t("sim_high", lang),
    }


def _actual_series(facts: PlanFacts) -> list[tuple[int, float]]:
    if not facts.actuals:
        return []
    return [(facts.base_year, facts.base_gdp), *facts.actuals]


def _plan_series(facts: PlanFacts) -> dict[str, list]:
    """The plan's constant nominal path from the base year to the target year."""
    years = list(range(facts.base_year, facts.target_year + 1))
    rate = 1.0 + facts.plan_nominal
    return {"year": years, "value": [facts.base_gdp * rate ** (y - facts.base_year) for y in years]}


def chart_frame(sc: Scenario, labels: Mapping[str, str], name: str | None = None, lang: str = "zh") -> pd.DataFrame:
    """Long frame (year, value, scenario) for the path chart: scenario from its start, plan path, actuals
    (values in 亿元, or CNY bn in English)."""
    f = sc.facts
    years = sc.frame["year"].to_numpy()
    gdp = sc.frame["gdp"].to_numpy()
    shown = years >= f.start_year
    plan = _plan_series(f)
    actual = _actual_series(f)
    scenario_name = name or labels["scenario"]
    scale = amount_scale(lang)
    return pd.DataFrame({
        "year": [*years[shown].tolist(), *plan["year"], *(y for y, _ in actual)],
        "value": [v * scale for v in (*gdp[shown].tolist(), *plan["value"], *(v for _, v in actual))],
        "scenario": [scenario_name] * int(shown.sum()) + [labels["plan"]] * len(plan["year"])
        + [labels["actual"]] * len(actual),
    })


def fan_frame(quantiles: pd.DataFrame | None, sigma: float, lang: str = "zh") -> pd.DataFrame | None:
    """The Monte Carlo quantiles for the fan (in the chart's unit), or None when there is no spread (sigma 0)."""
    if quantiles is None or quantiles.empty or not sigma > 0:
        return None
    scale = amount_scale(lang)
    if scale == 1.0:
        return quantiles
    out = quantiles.copy()
    for column in out.columns:
        if column != "year":
            out[column] = out[column] * scale
    return out


def fan_caption(params: state.ScenarioParams, drawn: bool, lang: str) -> str:
    if not drawn:
        return t("sim_fan_off", lang)
    return t("sim_fan_note", lang, sigma=fmt.format_number(params.sigma), n=f"{params.n:,}", seed=params.seed)


def table_note(facts: PlanFacts, lang: str) -> str:
    return t("sim_table_note", lang, base_year=facts.base_year, rate=pct(facts.plan_nominal, lang))
