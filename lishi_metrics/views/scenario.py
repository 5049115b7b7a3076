"""The scenario page's pure logic: plan facts from the data, widget state ↔ URL state, the scenario frame,
metric texts, display tables, chart frames, comparison bundles and exports (no Streamlit here).

Widget values live in a plain mapping (the page passes st.session_state), keyed by the K_* names below,
so the callbacks that keep them consistent (presets, "same for all years") are testable without Streamlit.

The URL's `g` and `p` always hold one value per plan year (2021–2025), even when imported actuals cover
the first years: then those values are kept but unused, so a link stays valid after the next import.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lishi_metrics.data import export
from lishi_metrics.errors import LishiError
from lishi_metrics.model import scenario
from lishi_metrics.model.growth import cagr, nominal_rate
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import state

# The rows the scenario reads are found by their role (indicators.role); these ids stand in only for
# tables without a role column (hand-made frames in tests).
GDP_ID = "fyp14_gdp"
SHARE_ID = "fyp14_industry_share_gdp"
GDP13_ID = "fyp13_gdp"
UNIT = "亿元"
PRESET_KEYS = ("plan", "trend13", "optimistic", "cautious", "on_target")
MAX_SAVED = 4
# The national 2035 goal (GDP per head doubled from 2020 to 2035): a benchmark from outside any plan.
DOUBLING_BASE_YEAR, DOUBLING_YEAR = 2020, 2035
REACH_RTOL = 1e-9  # as lishi_metrics.model.scenario: a computed path landing on the target may miss it by rounding
N_CHOICES_STEP = 1_000
# URL values carry 4 decimals (state.format_float_list): the on-target preset is rounded up to that grid so a
# shared link still lands on (not 0.0004 below) the target.
_URL_DECIMALS = 4
_MATCH_TOL = 1e-6

# Widget keys (session state).
K_SEEDED = "sim_seeded"
K_PARAMS = "sim_params"  # the last run's state.ScenarioParams (not a widget)
K_PRESET = "sim_preset"
K_SAME_G = "sim_same_g"
K_G_ALL = "sim_g_all"
K_P_IMPLIED = "sim_p_implied"
K_SAME_P = "sim_same_p"
K_P_ALL = "sim_p_all"
K_SIGMA = "sim_sigma"
K_N = "sim_n"
K_SEED = "sim_seed"
K_HORIZON = "sim_horizon"
K_LR = "sim_lr"
K_FROM_YEAR = "sim_from_year"
K_IND_G = "sim_industry_growth"
K_OTH_G = "sim_other_growth"
K_SAVED = "sim_saved"
K_SAVE_NAME = "sim_save_name"
K_TAB = "sim_tab"  # the open tab: its label (a widget value) or, seeded from the URL, its code


def k_g(year: int) -> str:
    """Widget key of one year's real growth slider."""
    return f"sim_g_{year}"


def k_p(year: int) -> str:
    """Widget key of one year's price change slider."""
    return f"sim_p_{year}"


class ScenarioDataError(LishiError):
    """The plan tables lack a number the scenario needs (GDP base, target, growth, industry share)."""


# --- plan facts from the data ----------------------------------------------------------------------


@dataclass(frozen=True)
class PlanFacts:
    """The plan's numbers the scenario builds on (values 亿元, rates and shares as fractions).

    actuals: imported yearly GDP actuals after the base year, sorted by year.
    """

    base_year: int
    base_gdp: float
    target_year: int
    target_gdp: float
    plan_real: float
    trend_real: float
    share0: float | None
    share1: float | None
    actuals: tuple[tuple[int, float], ...] = ()
    gdp_id: str = GDP_ID
    trend_known: bool = True  # False: the previous plan's achieved growth is unknown, trend = plan growth
    plan_id: str = ""  # the plan these facts are of ('' for hand-made tables): links in exports name it

    @property
    def has_share(self) -> bool:
        """True when the plan has an industry-share row with base and target (the joint view needs it)."""
        return self.share0 is not None and self.share1 is not None

    @property
    def years(self) -> int:
        return self.target_year - self.base_year

    @property
    def plan_years(self) -> list[int]:
        """2021 … 2025: the years the URL's g and p describe."""
        return list(range(self.base_year + 1, self.target_year + 1))

    @property
    def plan_nominal(self) -> float:
        """Constant nominal growth from base to target (154.7 → 255: 10.51 % a year)."""
        return cagr(self.base_gdp, self.target_gdp, self.years)

    @property
    def implied_price(self) -> float:
        """Price change that lets the plan's real growth reach the nominal target (≈ 0.65 % a year)."""
        return scenario.plan_implied_price(self.base_gdp, self.target_gdp, self.years, self.plan_real)

    @property
    def real_only_gdp(self) -> float:
        """Target-year GDP from the plan's real growth with prices flat (154.7 × 1.098⁵ = 246.9)."""
        return self.base_gdp * (1.0 + self.plan_real) ** self.years

    @property
    def start(self) -> tuple[int, float]:
        """Where the simulation starts: the latest actual before the target year, else the base."""
        before = [(y, v) for y, v in self.actuals if y < self.target_year]
        return before[-1] if before else (self.base_year, self.base_gdp)

    @property
    def start_year(self) -> int:
        return self.start[0]

    @property
    def start_gdp(self) -> float:
        return self.start[1]

    @property
    def from_actual(self) -> bool:
        return self.start_year > self.base_year

    @property
    def sim_years(self) -> list[int]:
        return list(range(self.start_year + 1, self.target_year + 1))

    @property
    def first_sim_index(self) -> int:
        """Index into plan_years (and g, p) of the first simulated year."""
        return self.start_year - self.base_year

    @property
    def required_from_years(self) -> list[int]:
        """Years "what growth is needed" can count from: the base year, earlier actuals, then the starting
        year up to the year before the target (the years of the scenario's frame before the target)."""
        history = [y for y in (self.base_year, *(y for y, _ in self.actuals)) if y < self.start_year]
        return history + list(range(self.start_year, self.target_year))

    @property
    def target_actual(self) -> float | None:
        """The imported actual of the target year itself, if any."""
        return next((v for y, v in self.actuals if y == self.target_year), None)


def _role_row(table: pd.DataFrame | None, role: str, fallback_id: str) -> pd.Series | None:
    """The row with this role (indicators.role), or the fallback id where the table has no role column."""
    if table is None or table.empty or "indicator_id" not in table.columns:
        return None
    if "role" in table.columns:
        rows = table.loc[table["role"] == role]
    else:
        rows = table.loc[table["indicator_id"] == fallback_id]
    return None if rows.empty else rows.iloc[0]


def _row(table: pd.DataFrame, indicator_id: str) -> pd.Series:
    rows = table.loc[table["indicator_id"] == indicator_id] if "indicator_id" in table.columns else table.iloc[0:0]
    if rows.empty:
        raise ScenarioDataError(
            f"The plan tables have no row {indicator_id}; run `python -m lishi_metrics build` to rebuild them."
        )
    return rows.iloc[0]


def _number(row: pd.Series, column: str) -> float:
    value = fmt.to_float(row.get(column))
    if value is None:
        raise ScenarioDataError(
            f"{row.get('indicator_id')} has no number in {column}; check data/source and rebuild "
            "(`python -m lishi_metrics build`)."
        )
    return value


def plan_facts(fyp14: pd.DataFrame, fyp13: pd.DataFrame | None = None,
               actuals: pd.DataFrame | None = None) -> PlanFacts:
    """Read base, target, growth and industry share from the indicator tables (data.indicator_table).

    Args:
        fyp14: the indicator table of the plan shown (any plan with a `gdp` role row).
        fyp13: the previous plan's table (its `gdp` row's achieved growth is the trend preset), or None.
        actuals: imported actuals (data.imported_actuals), any indicators; GDP rows after the base
            year are used. Without it, the GDP row's latest_year/latest_value is used.

    Raises:
        ScenarioDataError: the plan has no GDP row, or a needed number is missing or not positive.
    """
    gdp = _role_row(fyp14, "gdp", GDP_ID)
    if gdp is None:
        plan = str(fyp14["plan_id"].iloc[0]) if fyp14 is not None and "plan_id" in fyp14 and len(fyp14) else "?"
        raise ScenarioDataError(
            f"Plan {plan} has no GDP row (an indicator with role 'gdp'): the scenario needs the plan's GDP base and "
            f"target. Give the GDP row the role gdp in the plan workbook and import it again. / "
            f"规划 {plan} 没有地区生产总值指标（role 为 gdp 的行）：请在规划工作簿中为该行填写 role=gdp 后重新导入。"
        )
    gdp_id = str(gdp["indicator_id"])
    share = _role_row(fyp14, "industry_share", SHARE_ID)
    gdp13 = _role_row(fyp13, "gdp", GDP13_ID)
    base_year, target_year = int(_number(gdp, "base_year")), int(_number(gdp, "target_year"))
    base, target = _number(gdp, "base_value"), _number(gdp, "target_value")
    if not (base > 0 and target > 0 and target_year > base_year):
        raise ScenarioDataError(f"{gdp_id}: base {base} ({base_year}) and target {target} ({target_year}) are unusable.")
    points: dict[int, float] = {}
    if actuals is not None and not actuals.empty:
        rows = actuals
        if "indicator_id" in rows.columns:
            rows = rows.loc[rows["indicator_id"] == gdp_id]
        for year, value in zip(rows["year"], rows["value"]):
            number = fmt.to_float(value)
            if fmt.to_float(year) is not None and number is not None and number > 0:
                points[int(year)] = number
    else:
        year, value = fmt.to_float(gdp.get("latest_year")), fmt.to_float(gdp.get("latest_value"))
        if year is not None and value is not None and value > 0:
            points[int(year)] = value
    actual_points = tuple(sorted((y, v) for y, v in points.items() if y > base_year))
    plan_real = _number(gdp, "growth_pct") / 100.0
    trend = fmt.to_float(gdp13.get("actual_growth_pct")) if gdp13 is not None else None
    share0 = fmt.to_float(share.get("base_value")) if share is not None else None
    share1 = fmt.to_float(share.get("target_value")) if share is not None else None
    return PlanFacts(
        base_year=base_year,
        base_gdp=base,
        target_year=target_year,
        target_gdp=target,
        plan_real=plan_real,
        trend_real=trend / 100.0 if trend is not None else plan_real,
        share0=share0 / 100.0 if share0 is not None and share1 is not None else None,
        share1=share1 / 100.0 if share0 is not None and share1 is not None else None,
        actuals=actual_points,
        gdp_id=gdp_id,
        trend_known=trend is not None,
    )


def facts_from_data(plan_id: str) -> PlanFacts:
    """plan_facts for one plan read from the data layer: its table, its previous plan's, its GDP actuals."""
    from lishi_metrics.data import db as data
    from lishi_metrics.data.plans import previous_plan

    table = data.indicator_table(plan_id)
    if table.empty:
        raise ScenarioDataError(f"there is no plan {plan_id!r} / 没有规划 {plan_id}")
    previous = previous_plan(data.plans(), plan_id)
    facts = plan_facts(table, data.indicator_table(previous) if previous else None, data.imported_actuals())
    return dataclasses.replace(facts, plan_id=plan_id)


# --- presets and widget state ----------------------------------------------------------------------


def _ceil(value: float, decimals: int = _URL_DECIMALS) -> float:
    scale = 10.0**decimals
    return math.ceil(value * scale - 1e-6) / scale


def preset_values(facts: PlanFacts) -> dict[str, tuple[list[float], list[float] | None]]:
    """Preset key → (real growth % per plan year, price change % per plan year or None = plan-implied).

    plan / trend13 / optimistic / cautious come from scenario.presets (all with the plan-implied price);
    on_target is the constant rate that lands on the target from the starting point with prices flat,
    rounded up to the URL's 4 decimals.
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
    values[K_SAME_G] = True
    values[K_G_ALL] = g[0]
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


# --- the scenario ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """One scenario: plan facts, URL state, rates per plan year (fractions) and the yearly frame.

    frame columns: year, kind ('base', 'actual', 'scenario', 'extension'), real_growth, price_change,
    nominal_growth (fractions, NaN where unknown), gdp, plan_path (the plan's constant nominal path from
    the base year, NaN after the target year), gap (gdp - plan_path).
    """

    facts: PlanFacts
    params: state.ScenarioParams
    real: tuple[float, ...]
    price: tuple[float, ...]
    frame: pd.DataFrame

    @property
    def price_implied(self) -> bool:
        return self.params.p is None

    @property
    def sim_real(self) -> list[float]:
        return list(self.real[self.facts.first_sim_index :])

    @property
    def sim_price(self) -> list[float]:
        return list(self.price[self.facts.first_sim_index :])

    def gdp_in(self, year: int) -> float:
        years = self.frame["year"].to_numpy()
        hit = np.flatnonzero(years == year)
        return float(self.frame["gdp"].to_numpy()[hit[0]]) if hit.size else float("nan")


def build_scenario(facts: PlanFacts, params: state.ScenarioParams) -> Scenario:
    """Simulate from the starting point (base or latest actual) to the horizon; history rows first.

    The arithmetic is scenario.simulate / scenario.extend; this adds the history, the kinds and the
    plan's own path (from the base year, not from the latest actual), assembling one frame at the end
    (many small pandas operations would cost more than the simulation).
    """
    n = facts.years
    real = [float(v) for v in params.real_growth][:n]
    real += [real[-1]] * (n - len(real))
    price = list(params.price_change) if params.p is not None else [facts.implied_price] * n
    price = price[:n] + [price[-1]] * (n - len(price))
    k = facts.first_sim_index
    sim = scenario.simulate(
        facts.start_year, facts.start_gdp, real[k:], price[k:], facts.target_gdp, facts.target_year,
        plan_real=facts.plan_real, plan_price=facts.implied_price,
    )
    if params.horizon > facts.target_year:
        sim = scenario.extend(sim, params.lr / 100.0, price[-1], params.horizon)
    years = sim["year"].to_numpy(dtype=int)
    cols = {c: sim[c].to_numpy(dtype=float) for c in ("real_growth", "price_change", "nominal_growth", "gdp")}
    kinds = np.where(years > facts.target_year, "extension", "scenario").astype(object)
    kinds[0] = "actual" if facts.from_actual else "base"
    if facts.from_actual:
        history = [(facts.base_year, facts.base_gdp, "base")]
        history += [(y, v, "actual") for y, v in facts.actuals if y < facts.start_year]
        nan = np.full(len(history), np.nan)
        years = np.concatenate([[h[0] for h in history], years])
        kinds = np.concatenate([np.array([h[2] for h in history], dtype=object), kinds])
        cols = {c: np.concatenate([nan, v]) for c, v in cols.items()}
        cols["gdp"][: len(history)] = [h[1] for h in history]
        # Actual years: only the nominal change is known (from consecutive actuals); real and price stay NaN.
        known = dict(zip(years.tolist(), cols["gdp"].tolist()))
        for i, (year, kind) in enumerate(zip(years.tolist(), kinds)):
            if kind == "actual":
                cols["real_growth"][i] = cols["price_change"][i] = np.nan
                previous = known.get(year - 1)
                cols["nominal_growth"][i] = cols["gdp"][i] / previous - 1.0 if previous else np.nan
    plan_rate = nominal_rate(facts.plan_real, facts.implied_price)
    plan = np.where(
        years <= facts.target_year, facts.base_gdp * (1.0 + plan_rate) ** (years - facts.base_year), np.nan
    )
    frame = pd.DataFrame({"year": years, "kind": kinds, **cols, "plan_path": plan, "gap": cols["gdp"] - plan})
    return Scenario(facts, params, tuple(real), tuple(price), frame)


def mc_inputs(sc: Scenario) -> dict[str, object]:
    """Hashable arguments of scenario.monte_carlo for the simulated years (for a cached wrapper)."""
    f = sc.facts
    return {
        "base_value": float(f.start_gdp),
        "real": tuple(sc.sim_real),
        "price": tuple(sc.sim_price),
        "sigma_pp": float(sc.params.sigma),
        "n": int(sc.params.n),
        "seed": int(sc.params.seed),
        "target": float(f.target_gdp),
        "base_year": int(f.start_year),
    }


# --- formatting ------------------------------------------------------------------------------------


def money(value: float, lang: str) -> str:
    """An amount in 亿元 with one decimal: 220.0 亿元; in English its CNY reading, CNY 22.00 bn."""
    if fmt.to_float(value) is None:
        return fmt.no_data(lang)
    return fmt.fmt_value(value, UNIT, lang, digits=1)


def cny(value: float) -> str:
    """The English reading of an amount in 亿元: 220.0 → CNY 22.00 bn."""
    return fmt.fmt_value(value, UNIT, "en", digits=1)


def _money_card(label: str, value: float, lang: str, help: str | None = None) -> Card:
    """An amount as the card's value: 220.0 亿元 / CNY 22.00 bn."""
    return Card(label, money(value, lang), help=help)


def plain_money(value: float, lang: str) -> str:
    """A plan figure as printed: 255 亿元, 154.7 亿元 / CNY 25.5 bn, CNY 15.47 bn."""
    return fmt.fmt_value(value, UNIT, lang)


def signed_money(value: float, lang: str, ascii_minus: bool = True) -> str:
    """+12.3 亿元 / -CNY 3.50 bn (ASCII minus by default, so st.metric colours the delta; tables pass False)."""
    if fmt.to_float(value) is None:
        return fmt.no_data(lang)
    return fmt.signed_value(value, UNIT, lang, digits=1, ascii_minus=ascii_minus)


# English shows amounts in CNY bn (1 亿元 = CNY 0.1 bn); tables, exports and charts scale their 亿元 numbers by this.
_AMOUNT_SCALE = {"zh": 1.0, "en": 0.1}
_AMOUNT_DECIMALS = {"zh": 1, "en": 2}


def amount_scale(lang: str) -> float:
    """Factor from 亿元 to the unit amounts are shown in for `lang` (亿元 in Chinese, CNY bn in English)."""
    return _AMOUNT_SCALE["en" if lang == "en" else "zh"]


def chart_target(facts: PlanFacts, lang: str) -> float:
    """The target GDP in the chart's unit."""
    return facts.target_gdp * amount_scale(lang)


def delta_pct(fraction: float | None, lang: str, digits: int = 1) -> str:
    """A signed percent for an st.metric delta: ASCII minus, so Streamlit reads a fall as a fall."""
    number = fmt.to_float(fraction)
    return fmt.no_data(lang) if number is None else f"{fmt.signed(number * 100, digits, ascii_minus=True)}%"


def pct(fraction: float | None, lang: str, digits: int = 2, sign: bool = False) -> str:
    return fmt.fmt_pct(fraction, lang, digits=digits, sign=sign)


def year_text(year: int, lang: str) -> str:
    return fmt.fmt_year(year, lang)


def span_text(first: int, last: int, lang: str) -> str:
    return f"{first}—{last}" if lang != "en" else f"{first}–{last}"


# --- model explanation and status ------------------------------------------------------------------


def model_explanation(facts: PlanFacts, lang: str) -> str:
    """The nominal = real × price explanation with the plan's own numbers (markdown)."""
    return t(
        "sim_model_body",
        lang,
        base=plain_money(facts.base_gdp, lang),
        target=plain_money(facts.target_gdp, lang),
        base_year=facts.base_year,
        target_year=facts.target_year,
        real=pct(facts.plan_real, lang, 1),
        nominal=pct(facts.plan_nominal, lang, 2),
        price=pct(facts.implied_price, lang, 2),
        real_only=money(facts.real_only_gdp, lang),
        trend=pct(facts.trend_real, lang, 1),
    )


def start_text(facts: PlanFacts, lang: str) -> str:
    """Where the simulation starts and which years it covers."""
    span = span_text(facts.sim_years[0], facts.target_year, lang)
    if facts.from_actual:
        text = t("sim_start_actual", lang, year=facts.start_year, value=money(facts.start_gdp, lang), span=span)
    else:
        text = t("sim_start_base", lang, year=facts.base_year, value=money(facts.base_gdp, lang), span=span)
    if facts.target_actual is not None:
        met = facts.target_actual >= facts.target_gdp
        text += " " + t(
            "sim_target_actual", lang, year=facts.target_year, value=money(facts.target_actual, lang),
            verdict=t("sim_met" if met else "sim_not_met", lang),
        )
    return text


def preset_caption(key: str | None, facts: PlanFacts, lang: str) -> str:
    """What the selected preset assumes (or that the values are custom)."""
    if key is None:
        return t("sim_preset_custom", lang)
    g, p = preset_values(facts)[key]
    k = facts.first_sim_index
    price = t("sim_price_implied_short", lang, price=pct(facts.implied_price, lang)) if p is None else pct(
        p[k] / 100.0, lang
    )
    return t(f"sim_preset_{key}_note", lang, real=pct(g[k] / 100.0, lang), price=price)


# --- metrics ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """One st.metric: label, value, optional delta (sign first, so Streamlit colours it) and help."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "normal"
    help: str | None = None
    delta_arrow: str = "auto"


@dataclass(frozen=True)
class Outcome:
    """The scenario's result in the target year (values 亿元, rates fractions)."""

    gdp: float
    gap: float  # gdp - target: negative when short
    gap_fraction: float
    crossing: int | None
    reached: bool
    cumulative_nominal: float  # start year → target year
    cumulative_real: float
    avg_real_to_horizon: float  # geometric mean of real growth over the simulated years to the horizon


def outcome(sc: Scenario) -> Outcome:
    """The target-year result. Same rules as scenario.shortfall / crossing_year (a value within float
    rounding of the target reaches it), on NumPy arrays: this runs on every slider move."""
    f = sc.facts
    years = sc.frame["year"].to_numpy()
    gdp_all = sc.frame["gdp"].to_numpy()
    real = sc.frame["real_growth"].to_numpy()
    hits = np.flatnonzero(gdp_all >= f.target_gdp * (1.0 - REACH_RTOL))
    crossing = int(years[hits[0]]) if hits.size else None
    simulated = years > f.start_year
    gdp = sc.gdp_in(f.target_year)
    real_index = float(np.prod(1.0 + real[simulated & (years <= f.target_year)]))
    horizon_index = float(np.prod(1.0 + real[simulated]))
    return Outcome(
        gdp=gdp,
        gap=gdp - f.target_gdp,
        gap_fraction=(gdp - f.target_gdp) / f.target_gdp,
        crossing=crossing,
        reached=crossing is not None and crossing <= f.target_year,
        cumulative_nominal=gdp / f.start_gdp - 1.0,
        cumulative_real=real_index - 1.0,
        avg_real_to_horizon=horizon_index ** (1.0 / int(simulated.sum())) - 1.0,
    )


def crossing_text(sc: Scenario, out: Outcome, lang: str) -> str:
    """「2025年达到」, 「2027年达到（晚于目标年）」 or 「2025年差 35.0 亿元」."""
    f = sc.facts
    if out.crossing is None:
        last = int(sc.frame["year"].iloc[-1])
        return t("sim_not_reached", lang, year=last)
    key = "sim_reached_in" if out.crossing <= f.target_year else "sim_reached_late"
    return t(key, lang, year=out.crossing)


def headline_cards(sc: Scenario, out: Outcome, prob: float | None, lang: str) -> list[Card]:
    """GDP in the target year, gap to target, when the target is reached, probability."""
    f = sc.facts
    p = sc.params
    cards = [
        _money_card(
            t("sim_m_gdp", lang, year=f.target_year), out.gdp, lang,
            help=t("sim_m_gdp_help", lang, target=plain_money(f.target_gdp, lang)),
        ),
        Card(
            t("sim_m_gap", lang, year=f.target_year, target=plain_money(f.target_gdp, lang)),
            signed_money(out.gap, lang),
            delta=delta_pct(out.gap_fraction, lang),
            help=t("sim_m_gap_help", lang),
        ),
        Card(t("sim_m_crossing", lang, target=plain_money(f.target_gdp, lang)), crossing_text(sc, out, lang)),
        Card(
            t("sim_m_prob", lang, year=f.target_year),
            pct(prob, lang, 1) if prob is not None else fmt.no_data(lang),
            help=t("sim_m_prob_help", lang, sigma=fmt.format_number(p.sigma), n=f"{p.n:,}", seed=p.seed),
        ),
    ]
    return cards


def cumulative_card(sc: Scenario, out: Outcome, lang: str) -> Card:
    f = sc.facts
    return Card(
        t("sim_m_cumulative", lang, span=span_text(f.start_year, f.target_year, lang)),
        pct(out.cumulative_nominal, lang, 1, sign=True),
        delta=t("sim_real_delta", lang, value=pct(out.cumulative_real, lang, 1, sign=True)),
        delta_color="off",
        delta_arrow="off",
        help=t("sim_m_cumulative_help", lang),
    )


def horizon_card(sc: Scenario, lang: str) -> Card | None:
    """GDP in the horizon year when the path is extended beyond the target year."""
    h = sc.params.horizon
    if h <= sc.facts.target_year:
        return None
    return _money_card(
        t("sim_m_gdp", lang, year=h), sc.gdp_in(h), lang,
        help=t("sim_m_horizon_help", lang, lr=pct(sc.params.lr / 100.0, lang, 1), year=sc.facts.target_year),
    )


def from_years(sc: Scenario) -> list[int]:
    """Years the required-growth solver can start from: the start year (or earlier actuals) to target − 1."""
    return sc.facts.required_from_years


def required(sc: Scenario, from_year: int) -> tuple[scenario.RequiredGrowth, float]:
    """Constant growth from `from_year`'s GDP (actual or scenario) to the target, and the price used.

    The price is the scenario's average (geometric) price change over the years after `from_year`.
    """
    f = sc.facts
    prices = [p for y, p in zip(f.plan_years, sc.price) if y > from_year]
    price = float(np.prod([1.0 + p for p in prices]) ** (1.0 / len(prices)) - 1.0) if prices else 0.0
    return scenario.required_constant_growth(sc.frame, from_year, f.target_gdp, f.target_year, price), price


def required_card(sc: Scenario, from_year: int, lang: str) -> Card:
    res, price = required(sc, from_year)
    f = sc.facts
    return Card(
        t("sim_m_required", lang, span=span_text(from_year + 1, f.target_year, lang)),
        pct(res.nominal, lang),
        delta=t("sim_real_delta", lang, value=pct(res.real, lang)),
        delta_color="off",
        delta_arrow="off",
        help=t(
            "sim_m_required_help", lang, year=from_year, value=money(res.from_value, lang),
            target=plain_money(f.target_gdp, lang), price=pct(price, lang),
        ),
    )


def doubling_text(sc: Scenario, out: Outcome, lang: str) -> str:
    """The 2035 doubling benchmark (from outside this plan); compared with the scenario when it reaches 2035."""
    f = sc.facts
    rate = scenario.doubling_rate(DOUBLING_BASE_YEAR, DOUBLING_YEAR)
    last = int(sc.frame["year"].iloc[-1])
    if last < DOUBLING_YEAR:
        return t("sim_doubling_only", lang, base_year=DOUBLING_BASE_YEAR, rate=pct(rate, lang))
    span = span_text(f.start_year + 1, last, lang)
    verdict = t("sim_doubling_above" if out.avg_real_to_horizon >= rate else "sim_doubling_below", lang)
    return t(
        "sim_doubling", lang, base_year=DOUBLING_BASE_YEAR, rate=pct(rate, lang), span=span,
        avg=pct(out.avg_real_to_horizon, lang), verdict=verdict,
    )


# --- tables ----------------------------------------------------------------------------------------


def _kind_label(kind: str, lang: str) -> str:
    return t(f"sim_kind_{kind}", lang)


def _rate_cell(value: float, lang: str) -> str:
    return pct(value, lang, 2) if fmt.to_float(value) is not None else fmt.no_data(lang)


def _amount_cell(value: float, lang: str, signed: bool = False) -> str:
    """A table cell of an amount in 亿元: 220.0 in Chinese, 22.00 (CNY bn) in English."""
    number = fmt.to_float(value)
    if number is None:
        return fmt.no_data(lang)
    number *= amount_scale(lang)
    decimals = _AMOUNT_DECIMALS["en" if lang == "en" else "zh"]
    if signed:
        return fmt.signed(number, decimals)
    return fmt.format_number(number, decimals)


def year_table(sc: Scenario, lang: str) -> pd.DataFrame:
    """Year-by-year display table: real growth, price change, nominal growth, GDP, plan path, gap."""
    df = sc.frame
    return pd.DataFrame({
        t("year", lang): [str(int(y)) for y in df["year"]],
        t("sim_col_kind", lang): [_kind_label(k, lang) for k in df["kind"]],
        t("sim_col_real", lang): [_rate_cell(v, lang) for v in df["real_growth"]],
        t("sim_col_price", lang): [_rate_cell(v, lang) for v in df["price_change"]],
        t("sim_col_nominal", lang): [_rate_cell(v, lang) for v in df["nominal_growth"]],
        t("sim_col_gdp", lang): [_amount_cell(v, lang) for v in df["gdp"]],
        t("sim_col_plan", lang): [_amount_cell(v, lang) for v in df["plan_path"]],
        t("sim_col_gap", lang): [_amount_cell(v, lang, signed=True) for v in df["gap"]],
    })


def export_table(sc: Scenario, lang: str) -> pd.DataFrame:
    """The yearly frame for download: numbers (percent and 亿元), localised headers."""
    df = sc.frame
    return pd.DataFrame({
        t("year", lang): df["year"].astype(int),
        t("sim_col_kind", lang): [_kind_label(k, lang) for k in df["kind"]],
        t("sim_xcol_real", lang): (df["real_growth"] * 100.0).round(4),
        t("sim_xcol_price", lang): (df["price_change"] * 100.0).round(4),
        t("sim_xcol_nominal", lang): (df["nominal_growth"] * 100.0).round(4),
        t("sim_xcol_gdp", lang): (df["gdp"] * amount_scale(lang)).round(5),
        t("sim_xcol_plan", lang): (df["plan_path"] * amount_scale(lang)).round(5),
        t("sim_xcol_gap", lang): (df["gap"] * amount_scale(lang)).round(5),
    })


def assumptions_frame(sc: Scenario, prob: float | None, lang: str) -> pd.DataFrame:
    """The scenario's assumptions and headline results, one per row (parameter, value)."""
    f, p = sc.facts, sc.params
    out = outcome(sc)
    years = f.plan_years
    k = f.first_sim_index

    def rates(values: Sequence[float]) -> str:
        return ", ".join(f"{y}: {pct(v, lang)}" for y, v in zip(years[k:], values[k:]))

    price_note = t("sim_x_price_implied", lang) if sc.price_implied else t("sim_x_price_custom", lang)
    rows = [
        (t("sim_x_start", lang), f"{f.start_year}: {money(f.start_gdp, lang)}"),
        (t("sim_x_target", lang), f"{f.target_year}: {money(f.target_gdp, lang)}"),
        (t("sim_x_real", lang), rates(sc.real)),
        (t("sim_x_price", lang), f"{rates(sc.price)} ({price_note})"),
        (t("sim_x_horizon", lang), str(p.horizon)),
        (t("sim_x_lr", lang), pct(p.lr / 100.0, lang, 1) if p.horizon > f.target_year else t("not_applicable", lang)),
        (t("sim_x_sigma", lang), fmt.format_number(p.sigma)),
        (t("sim_x_n", lang), str(p.n)),
        (t("sim_x_seed", lang), str(p.seed)),
        (t("sim_m_gdp", lang, year=f.target_year), money(out.gdp, lang)),
        (t("sim_x_gap", lang), f"{signed_money(out.gap, lang, False)} ({pct(out.gap_fraction, lang, 1, sign=True)})"),
        (t("sim_m_prob", lang, year=f.target_year), pct(prob, lang, 1) if prob is not None else fmt.no_data(lang)),
        (t("sim_x_link", lang), "/scenario?" + query_string(p, f.plan_id)),
    ]
    return pd.DataFrame(rows, columns=[t("sim_x_param", lang), t("value", lang)])


def export_title(sc: Scenario, lang: str) -> str:
    years = sc.frame["year"]
    return t("sim_x_title", lang, span=span_text(int(years.iloc[0]), int(years.iloc[-1]), lang))


def export_csv(sc: Scenario, prob: float | None, lang: str) -> bytes:
    """One table per file: the yearly table under a title and a source line (the link in the title carries the
    assumptions; the workbook has them as a sheet)."""
    title = f"{export_title(sc, lang)} · /scenario?{query_string(sc.params, sc.facts.plan_id)}"
    return export.csv_bytes(export_table(sc, lang), title, export.SOURCE_NOTE[export.lang_of(lang)])


def export_xlsx(sc: Scenario, prob: float | None, lang: str) -> bytes:
    """A workbook: the yearly table, the assumptions, and the 'about' sheet, all in `lang`."""
    notes = {t("sim_x_note_label", lang): t("sim_x_note", lang), t("sim_x_link", lang): "/scenario?" + query_string(sc.params, sc.facts.plan_id)}
    sheets = {t("sim_x_sheet_years", lang): export_table(sc, lang),
              t("sim_x_sheet_assumptions", lang): assumptions_frame(sc, prob, lang)}
    return export.xlsx_bytes(sheets, notes, lang, export_title(sc, lang))


# --- chart frames ----------------------------------------------------------------------------------


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
        "title": t("sim_chart_title", lang, span=span_text(f.base_year, last, lang), status=status),
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


# --- one scenario's results, as the page shows them ----------------------------------------------


@dataclass(frozen=True)
class Results:
    """Everything the page's answer shows for one plan, parameter set and language, built once.

    Every viewer who sets the same parameters (a preset, a shared link, a room following the presenter) gets
    the same object from ui.scenario_results, which caches it: a slider move then costs drawing, not
    simulating, formatting and building the chart again (issue 11). Never changed after it is built.
    """

    sc: Scenario
    out: Outcome
    prob: float | None
    cards: tuple[Card, ...]
    labels: Mapping[str, str]
    chart: dict  # Vega-Lite spec of the path chart (with the Monte Carlo fan when sigma > 0)
    fan_caption: str
    from_years: tuple[int, ...]
    cumulative: Card
    horizon: Card | None
    doubling: str
    table: object  # the year table as a pyarrow.Table (st.dataframe sends Arrow; converted once)


def results(facts: PlanFacts, params: state.ScenarioParams, quantiles: pd.DataFrame | None, prob: float | None,
            lang: str) -> Results:
    """The page's answer for `params` from the scenario and its Monte Carlo summary (quantiles, prob)."""
    import pyarrow as pa

    from lishi_metrics.charts import builders as charts

    sc = build_scenario(facts, params)
    out = outcome(sc)
    labels = chart_labels(sc, out, lang)
    fan = fan_frame(quantiles, params.sigma, lang)
    chart = charts.gdp_scenario_spec(chart_frame(sc, labels, lang=lang), chart_target(facts, lang),
                                     facts.target_year, labels, fan=fan)
    return Results(
        sc=sc, out=out, prob=prob, cards=tuple(headline_cards(sc, out, prob, lang)), labels=labels, chart=chart,
        fan_caption=fan_caption(params, fan is not None, lang), from_years=tuple(from_years(sc)),
        cumulative=cumulative_card(sc, out, lang), horizon=horizon_card(sc, lang),
        doubling=doubling_text(sc, out, lang),
        table=pa.Table.from_pandas(year_table(sc, lang), preserve_index=False),
    )


# --- joint GDP and industry-share targets -----------------------------------------------------------


@dataclass(frozen=True)
class JointView:
    frame: pd.DataFrame  # year, industry, other, gdp, industry_share
    gdp_met: bool
    share_met: bool
    requirements: scenario.JointRequirements


def joint_defaults(facts: PlanFacts) -> tuple[float, float]:
    """Industry and rest nominal growth (%) that meet both targets together (≈ 15.85 and 6.5)."""
    req = joint_requirements(facts)
    return req.industry_growth * 100.0, req.other_growth * 100.0


def joint_requirements(facts: PlanFacts) -> scenario.JointRequirements:
    return scenario.joint_requirements(facts.base_gdp, facts.target_gdp, facts.share0, facts.share1, facts.years)


def joint_view(facts: PlanFacts, industry_pct: float, other_pct: float) -> JointView:
    """GDP as industry plus the rest from the base year, each at its own constant nominal growth."""
    n = facts.years
    frame = scenario.joint_industry(
        facts.base_gdp, facts.share0, [industry_pct / 100.0] * n, [other_pct / 100.0] * n, facts.base_year
    )
    gdp_met, share_met = scenario.joint_status(frame, facts.target_gdp, facts.share1, facts.target_year)
    return JointView(frame, gdp_met, share_met, joint_requirements(facts))


def joint_intro(facts: PlanFacts, lang: str) -> str:
    return t("sim_joint_intro", lang, base_year=facts.base_year, target_year=facts.target_year,
             share0=pct(facts.share0, lang, 1), share1=pct(facts.share1, lang, 1))


def joint_equal_note(facts: PlanFacts, lang: str) -> str:
    return t("sim_joint_equal_note", lang, share0=pct(facts.share0, lang, 1))


def joint_requirement_text(facts: PlanFacts, lang: str) -> str:
    req = joint_requirements(facts)
    return t(
        "sim_joint_reveal", lang,
        base_year=facts.base_year, target_year=facts.target_year,
        share0=pct(facts.share0, lang, 1), share1=pct(facts.share1, lang, 1),
        i0=money(req.industry_start, lang), i1=money(req.industry_end, lang), ig=pct(req.industry_growth, lang),
        o0=money(req.other_start, lang), o1=money(req.other_end, lang), og=pct(req.other_growth, lang),
        gg=pct(req.gdp_growth, lang),
    )


def joint_cards(jv: JointView, facts: PlanFacts, lang: str) -> list[Card]:
    last = jv.frame.iloc[-1]
    mark = {True: t("sim_met", lang), False: t("sim_not_met", lang)}
    return [
        Card(
            t("sim_m_gdp", lang, year=facts.target_year), money(float(last["gdp"]), lang),
            delta=f"{signed_money(float(last['gdp']) - facts.target_gdp, lang)} · {mark[jv.gdp_met]}",
        ),
        Card(
            t("sim_joint_share", lang, year=facts.target_year), pct(float(last["industry_share"]), lang, 1),
            delta=f"{fmt.pp_text((float(last['industry_share']) - facts.share1) * 100, lang, 1, ascii_minus=True)} · "
                  f"{mark[jv.share_met]}",
        ),
        Card(
            t("sim_joint_both", lang),
            t("sim_joint_both_yes", lang) if jv.gdp_met and jv.share_met else t("sim_joint_both_no", lang),
        ),
    ]


def joint_table(jv: JointView, lang: str) -> pd.DataFrame:
    df = jv.frame
    return pd.DataFrame({
        t("year", lang): [str(int(y)) for y in df["year"]],
        t("sim_joint_col_industry", lang): [_amount_cell(v, lang) for v in df["industry"]],
        t("sim_joint_col_other", lang): [_amount_cell(v, lang) for v in df["other"]],
        t("sim_col_gdp", lang): [_amount_cell(v, lang) for v in df["gdp"]],
        t("sim_joint_col_share", lang): [pct(v, lang, 1) for v in df["industry_share"]],
    })


def joint_chart_frame(jv: JointView, lang: str) -> pd.DataFrame:
    """Long frame for charts.grouped_bar_chart: year_text, part (translated), value (亿元 / CNY bn), value_text."""
    df = jv.frame
    scale, decimals = amount_scale(lang), _AMOUNT_DECIMALS["en" if lang == "en" else "zh"]
    parts = []
    for column, key in (("industry", "sim_joint_col_industry_short"), ("other", "sim_joint_col_other_short")):
        parts.append(pd.DataFrame({
            "year_text": [year_text(int(y), lang) for y in df["year"]],
            "part": t(key, lang),
            "value": df[column].to_numpy() * scale,
            "value_text": [fmt.format_number(v * scale, decimals) for v in df[column]],
        }))
    return pd.concat(parts, ignore_index=True)


def joint_chart_labels(lang: str) -> dict[str, str]:
    return {"year_text": t("year", lang), "value": t("sim_axis_gdp", lang), "part": t("sim_joint_part", lang)}


# --- comparison ------------------------------------------------------------------------------------


def bundle(sc: Scenario, prob: float | None, name: str, lang: str) -> dict:
    """A saved scenario as plain data (session state): name, URL state, path and headline results."""
    out = outcome(sc)
    f = sc.facts
    k = f.first_sim_index
    return {
        "name": name,
        "query": query_string(sc.params, sc.facts.plan_id),
        "params": url_params(sc.params),
        "years": [int(y) for y in sc.frame["year"] if y >= f.start_year],
        "gdp": [float(v) for y, v in zip(sc.frame["year"], sc.frame["gdp"]) if y >= f.start_year],
        "real": list(sc.real[k:]),
        "price": list(sc.price[k:]),
        "price_implied": sc.price_implied,
        "gdp_target": out.gdp,
        "gap": out.gap,
        "gap_fraction": out.gap_fraction,
        "crossing": out.crossing,
        "reached": out.reached,
        "prob": prob,
        "sigma": sc.params.sigma,
        "horizon": sc.params.horizon,
        "target_year": f.target_year,
    }


def default_name(saved: Sequence[Mapping], lang: str) -> str:
    return unique_name(t("sim_cmp_default_name", lang, n=len(saved) + 1), saved)


def unique_name(name: str, saved: Sequence[Mapping], reserved: Sequence[str] = ()) -> str:
    """The name stripped and cut to 30 characters, with (2), (3) … added when taken (or reserved)."""
    base = " ".join(str(name or "").split())[:30].strip() or "?"
    taken = {b["name"] for b in saved} | set(reserved)
    candidate, i = base, 2
    while candidate in taken:
        candidate, i = f"{base} ({i})", i + 1
    return candidate


def add_saved(saved: Sequence[Mapping], new: Mapping, reserved: Sequence[str] = ()) -> list[dict]:
    """The saved list with `new` appended under a unique name; unchanged when MAX_SAVED are kept."""
    out = [dict(b) for b in saved]
    if len(out) >= MAX_SAVED:
        return out
    item = dict(new)
    item["name"] = unique_name(item["name"], out, reserved)
    out.append(item)
    return out


def is_full(saved: Sequence[Mapping]) -> bool:
    return len(saved) >= MAX_SAVED


def remove_saved(saved: Sequence[Mapping], name: str) -> list[dict]:
    return [dict(b) for b in saved if b["name"] != name]


def _rates_text(values: Sequence[float], lang: str) -> str:
    texts = [pct(v, lang, 2) for v in values]
    return texts[0] if len(set(texts)) == 1 else " / ".join(texts)


def compare_table(bundles: Sequence[Mapping], lang: str) -> pd.DataFrame:
    """Scenarios side by side: one column per scenario, one row per assumption or result."""
    rows = [
        t("sim_cmp_real", lang), t("sim_cmp_price", lang), t("sim_cmp_gdp", lang), t("sim_cmp_gap", lang),
        t("sim_cmp_crossing", lang), t("sim_cmp_prob", lang), t("sim_cmp_link", lang),
    ]
    data = {t("sim_cmp_item", lang): rows}
    for b in bundles:
        price = _rates_text(b["price"], lang) + (f" ({t('sim_cmp_implied', lang)})" if b["price_implied"] else "")
        if b["crossing"] is None:
            crossing = t("sim_cmp_not_reached", lang)
        else:
            crossing = year_text(b["crossing"], lang)
        data[b["name"]] = [
            _rates_text(b["real"], lang),
            price,
            money(b["gdp_target"], lang),
            f"{signed_money(b['gap'], lang, False)} ({pct(b['gap_fraction'], lang, 1, sign=True)})",
            crossing,
            pct(b["prob"], lang, 1) if b["prob"] is not None else fmt.no_data(lang),
            "/scenario?" + b["query"],
        ]
    return pd.DataFrame(data)


def compare_chart_frame(bundles: Sequence[Mapping], facts: PlanFacts, labels: Mapping[str, str],
                        lang: str = "zh") -> pd.DataFrame:
    """Long frame with every bundle's path, the plan path and the actuals (亿元, or CNY bn in English)."""
    plan = _plan_series(facts)
    actual = _actual_series(facts)
    years, values, names = [], [], []
    for b in bundles:
        years += b["years"]
        values += b["gdp"]
        names += [b["name"]] * len(b["years"])
    years += plan["year"] + [y for y, _ in actual]
    values += plan["value"] + [v for _, v in actual]
    names += [labels["plan"]] * len(plan["year"]) + [labels["actual"]] * len(actual)
    scale = amount_scale(lang)
    return pd.DataFrame({"year": years, "value": [v * scale for v in values], "scenario": names})


def reserved_names(labels: Mapping[str, str]) -> set[str]:
    """Series names a saved scenario may not take (they have their own styles in the chart)."""
    return {labels["plan"], labels["actual"]}
