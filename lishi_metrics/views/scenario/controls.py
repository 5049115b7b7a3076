"""Presets and widget state: widget values ↔ URL state (state.ScenarioParams), the preset and "same for all years" callbacks, tabs and links."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, MutableMapping, Sequence

from lishi_metrics.model import scenario
from lishi_metrics.model.growth import cagr
from lishi_metrics.text.i18n import t
from lishi_metrics.views import state
from lishi_metrics.views.scenario.constants import (
    _MATCH_TOL,
    _URL_DECIMALS,
    K_FROM_YEAR,
    K_G_ALL,
    K_HORIZON,
    K_IND_G,
    K_LR,
    K_N,
    K_OTH_G,
    K_P_ALL,
    K_P_IMPLIED,
    K_SAME_G,
    K_SAME_P,
    K_SEED,
    K_SIGMA,
    K_TAB,
    k_g,
    k_p,
)
from lishi_metrics.views.scenario.facts import PlanFacts
from lishi_metrics.views.scenario.frame import Scenario
from lishi_metrics.views.scenario.joint import joint_defaults


def _ceil(value: float, decimals: int = _URL_DECIMALS) -> float:
    scale = 10.0**decimals
    return math.ceil(value * scale - 1e-6) / scale


def preset_values(facts: PlanFacts) -> dict[str, tuple[list[float], list[float] | None]]:
    """Preset key → (real growth % per plan year, price change % per plan year or None = plan-implied).

    plan / trend13 / optimistic / cautious come from scenario.presets (all with the plan-implied price);
    on_target is the constant rate that lands on the target from the starting point with prices flat,
    rounded up to the URL's 4 decimals; year_target (only when a simulated year has an imported year target)
    takes those years' GDP growth targets and the plan's rate for the others.
    """
    n = facts.years
    base = scenario.presets(facts.base_gdp, facts.target_gdp, n, facts.plan_real, facts.trend_real)
    out: dict[str, tuple[list[float], list[float] | None]] = {}
    for key in ("plan", "trend13", "optimistic", "cautious"):
        real, _ = base[key]
        out[key] = ([round(r * 100.0, 10) for r in real], None)
    remaining = facts.target_year - facts.start_year
    rate = _ceil(cagr(facts.start_gdp, facts.target_gdp, remaining) * 100.0)
    out["on_target"] = ([rate] * n, [0.0] * n)
    year_targets = facts.simulated_year_targets
    if year_targets:  # the years' own targets (经济运行), the plan's rate for the other years
        plan_g = out["plan"][0]
        out["year_target"] = ([round(year_targets[y] * 100.0, 10) if y in year_targets else g
                               for y, g in zip(facts.plan_years, plan_g)], None)
    return out


def _equal(values: Sequence[float]) -> bool:
    return all(abs(v - values[0]) < _MATCH_TOL for v in values)


def controls_from_params(params: state.ScenarioParams, facts: PlanFacts) -> dict[str, object]:
    """Widget values for a URL state: 'same for all years' is on when the URL gave one value (the simulated
    years then are equal); the open tab is given by its code (the page turns it into its label)."""
    years, k = facts.plan_years, facts.first_sim_index
    g = list(params.g)
    implied_pct = facts.implied_price * 100.0
    p = list(params.p) if params.p is not None else [implied_pct] * len(years)
    from_years = facts.required_from_years
    out: dict[str, object] = {
        K_SAME_G: not params.g_each and _equal(g[k:]),
        K_G_ALL: g[k],
        K_P_IMPLIED: params.p is None,
        K_SAME_P: not (params.p is not None and params.p_each) and _equal(p[k:]),
        K_P_ALL: p[k],
        K_SIGMA: float(params.sigma),
        K_N: int(params.n),
        K_SEED: int(params.seed),
        K_HORIZON: int(params.horizon),
        K_LR: float(params.lr),
        K_FROM_YEAR: params.from_year if params.from_year in from_years else facts.start_year,
        K_TAB: params.tab if params.tab in state.SCENARIO_TABS else state.SCENARIO_TABS[0],
    }
    if facts.has_share:
        default_ind, default_rest = joint_defaults(facts)
        out[K_IND_G] = float(params.ind) if params.ind is not None else default_ind
        out[K_OTH_G] = float(params.rest) if params.rest is not None else default_rest
    for i, year in enumerate(years):
        out[k_g(year)] = float(g[i])
        out[k_p(year)] = float(p[i])
    return out


def params_from_controls(values: Mapping[str, object], facts: PlanFacts, lang: str) -> state.ScenarioParams:
    """The URL state for the current widget values (missing keys fall back to the defaults)."""
    defaults = controls_from_params(state.default_params(facts), facts)

    def get(key: str):
        value = values.get(key) if hasattr(values, "get") else None
        return defaults.get(key) if value is None else value

    years = facts.plan_years
    g = [float(get(K_G_ALL))] * len(years) if get(K_SAME_G) else [float(get(k_g(y))) for y in years]
    p: tuple[float, ...] | None = None
    if not get(K_P_IMPLIED):
        p = tuple([float(get(K_P_ALL))] * len(years) if get(K_SAME_P) else [float(get(k_p(y))) for y in years])
    from_year = get(K_FROM_YEAR)
    joint = {}
    if facts.has_share:  # None: at the plan's joint requirement, left out of the URL
        for name, key in (("ind", K_IND_G), ("rest", K_OTH_G)):
            value = float(get(key))
            joint[name] = None if abs(value - float(defaults[key])) < _MATCH_TOL else value
    return state.ScenarioParams(
        g=tuple(g),
        p=p,
        sigma=float(get(K_SIGMA)),
        n=int(get(K_N)),
        seed=int(get(K_SEED)),
        horizon=int(get(K_HORIZON)),
        lr=float(get(K_LR)),
        lang="en" if lang == "en" else "zh",
        g_each=not get(K_SAME_G),
        p_each=p is not None and not get(K_SAME_P),
        from_year=from_year if from_year in facts.required_from_years and from_year != facts.start_year else None,
        tab=tab_code(get(K_TAB)),
        **joint,
    )


def tab_labels(lang: str) -> list[str]:
    """The tabs' labels in `lang`, in the order of state.SCENARIO_TABS."""
    return [t(f"sim_tab_{code}", lang) for code in state.SCENARIO_TABS]


def tab_code(value: object) -> str:
    """The code of a tab from its code or its label in either language (a language switch keeps the tab);
    the first tab for anything else."""
    for lang in ("zh", "en"):
        for code, label in zip(state.SCENARIO_TABS, tab_labels(lang)):
            if value in (code, label):
                return code
    return state.SCENARIO_TABS[0]


def apply_preset(values: MutableMapping[str, object], key: str | None, facts: PlanFacts) -> None:
    """Set the growth and price widgets to a preset (a no-op for None or an unknown key)."""
    presets = preset_values(facts)
    if key not in presets:
        return
    g, p = presets[key]
    k = facts.first_sim_index
    values[K_SAME_G] = _equal(g[k:])  # year_target differs by year: the per-year sliders show it
    values[K_G_ALL] = g[k]
    for year, value in zip(facts.plan_years, g):
        values[k_g(year)] = value
    values[K_P_IMPLIED] = p is None
    p_values = p if p is not None else [facts.implied_price * 100.0] * len(g)
    values[K_SAME_P] = True
    values[K_P_ALL] = p_values[0]
    for year, value in zip(facts.plan_years, p_values):
        values[k_p(year)] = value


def same_changed(values: MutableMapping[str, object], facts: PlanFacts, which: str = "g") -> None:
    """After the 'same for all years' toggle: on → the single value takes the first simulated year's;
    off → every year takes the single value."""
    same, all_key, year_key = (K_SAME_G, K_G_ALL, k_g) if which == "g" else (K_SAME_P, K_P_ALL, k_p)
    if values.get(same):
        first = values.get(year_key(facts.sim_years[0]))
        if first is not None:
            values[all_key] = first
    else:
        for year in facts.plan_years:
            values[year_key(year)] = values.get(all_key)


def implied_changed(values: MutableMapping[str, object], facts: PlanFacts) -> None:
    """After the 'plan-implied price' toggle is switched off: custom prices start at the implied rate."""
    if not values.get(K_P_IMPLIED):
        implied_pct = facts.implied_price * 100.0
        values[K_SAME_P] = True
        values[K_P_ALL] = implied_pct
        for year in facts.plan_years:
            values[k_p(year)] = implied_pct


def matching_preset(params: state.ScenarioParams, facts: PlanFacts) -> str | None:
    """The preset whose growth and price equal the scenario's for the simulated years, else None."""
    k = facts.first_sim_index
    for key, (g, p) in preset_values(facts).items():
        if any(abs(a - b) > _MATCH_TOL for a, b in zip(g[k:], params.g[k:])):
            continue
        if (p is None) != (params.p is None):
            continue
        if p is not None and any(abs(a - b) > _MATCH_TOL for a, b in zip(p[k:], params.p[k:])):
            continue
        return key
    return None


def year_control(facts: PlanFacts, year: int, lang: str) -> tuple[str, bool]:
    """Label of one year's slider and whether it is disabled (the year has an imported actual)."""
    known = year <= facts.start_year
    return t("sim_g_year_actual" if known else "sim_g_year", lang, year=year), known


def extends(facts: PlanFacts, horizon: int) -> bool:
    """Whether the path goes beyond the target year (the long-run growth matters)."""
    return int(horizon) > facts.target_year


def from_year_choice(current: object, years: Sequence[int], facts: PlanFacts) -> int:
    """The solver's year: the current choice when still offered, else the starting year."""
    return current if current in years else facts.start_year


def results_params(params: state.ScenarioParams) -> state.ScenarioParams:
    """The part of the state the answer (Results) depends on: the view's own choices (per-year toggles, the
    required-growth year, the joint sliders, the open tab) at their defaults, so that they do not split the
    shared cache of answers (ui.scenario_results); with_view puts them back for the links."""
    return dataclasses.replace(params, g_each=False, p_each=False, from_year=None, ind=None, rest=None,
                               tab=state.SCENARIO_TABS[0])


def with_view(sc: Scenario, params: state.ScenarioParams) -> Scenario:
    """A shared scenario with this viewer's whole state, for the links in exports and comparisons (the frame is
    shared, not copied: nothing changes it)."""
    return sc if sc.params == params else dataclasses.replace(sc, params=params)


def url_params(params: state.ScenarioParams) -> dict[str, str]:
    """state.to_params plus "" for every page parameter it leaves out (p when the price is implied, from, ind,
    rest and tab at their defaults), so a stale value is removed from the URL."""
    return {**dict.fromkeys(state.SCENARIO_PARAMS, ""), **state.to_params(params)}


def query_string(params: state.ScenarioParams, plan_id: str = "") -> str:
    """The shareable query string, e.g. 'g=7.3&p=0&sigma=1&…' (for exports and the comparison).

    With `plan_id` the link names its plan (plan=fyp14): a link kept in a file must not follow the calendar's
    default plan, which changes when the next plan starts."""
    out = state.to_params(params)
    if plan_id:
        out[state.PLAN_PARAM] = plan_id
    return "&".join(f"{k}={v}" for k, v in out.items())
