"""GDP scenarios: nominal GDP_t = GDP_(t-1) × (1 + real_t) × (1 + price_t), presets, Monte Carlo."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import numpy as np
import pandas as pd

from lishi_metrics.model.growth import GrowthError, cagr, implied_price_change, nominal_rate

# The plan's numbers (base, target, years, growth, shares) are always passed in by the caller, read from
# the plan's tables (views.scenario.plan_facts); only the two preset assumptions below are the model's own.
OPTIMISTIC_REAL_GROWTH = 0.12
CAUTIOUS_REAL_GROWTH = 0.06

COLUMNS = ["year", "real_growth", "price_change", "nominal_growth", "gdp", "plan_path", "gap"]
QUANTILES = {"p05": 0.05, "p25": 0.25, "p50": 0.5, "p75": 0.75, "p95": 0.95}
MAX_PATHS = 200_000
MAX_SIGMA_PP = 20.0
# A computed path that lands on the target may miss it by float rounding.
_REACH_RTOL = 1e-9
_BLOCK = 64

Rates = float | Sequence[float]


def _rates(values: Rates, years: int, name: str) -> list[float]:
    """A per-year list from a scalar (every year) or a sequence of `years` values."""
    if isinstance(values, (int, float)):
        return [float(values)] * years
    out = [float(v) for v in values]
    if len(out) != years:
        raise GrowthError(f"{name} needs {years} yearly values, got {len(out)}.")
    return out


def plan_implied_price(base: float, target: float, years: int, real: float) -> float:
    """Constant price change that makes `real` growth land exactly on the nominal target.

    The plan's 9.8 % is real while 154.7 and 255 are nominal: ≈ 0.65 % a year of prices.
    """
    return implied_price_change(cagr(base, target, years), real)


def presets(
    base: float,
    target: float,
    years: int,
    plan_real: float,
    trend_real: float,
) -> dict[str, tuple[list[float], list[float]]]:
    """Preset key → (real growth list, price change list), in display order.

    'plan', 'trend13', 'optimistic' and 'cautious' differ only in real growth and all
    use the plan-implied price change, so they compare like with like. 'on_target'
    puts the whole constant nominal rate (10.51 % for 154.7 → 255) into real growth
    with prices flat: the reading "without inflation, this is what the target takes".
    It ends exactly on the target, as 'plan' does by construction.
    """
    price = plan_implied_price(base, target, years, plan_real)
    return {
        "plan": ([plan_real] * years, [price] * years),
        "trend13": ([trend_real] * years, [price] * years),
        "optimistic": ([OPTIMISTIC_REAL_GROWTH] * years, [price] * years),
        "cautious": ([CAUTIOUS_REAL_GROWTH] * years, [price] * years),
        "on_target": ([cagr(base, target, years)] * years, [0.0] * years),
    }


def simulate(
    base_year: int,
    base_value: float,
    real: Rates,
    price: Rates | None,
    target: float,
    target_year: int,
    plan_real: float,
    plan_price: float | None = None,
) -> pd.DataFrame:
    """Year-by-year scenario from the base year (first row, growth NaN), rates as fractions.

    `real` and `price` are one value for every year up to `target_year` or one per
    simulated year; `price=None` uses the price change that lets the plan's real rate
    reach the target. plan_path grows at (1+plan_real)(1+plan_price); with the defaults
    (plan real 9.8 %, its implied price) that is the constant nominal path from base to
    target. It is NaN after the target year; gap = gdp - plan_path.
    """
    horizon = target_year - base_year
    if horizon <= 0:
        raise GrowthError(f"The target year {target_year} must come after {base_year}.")
    if not base_value > 0:
        raise GrowthError(f"The starting GDP must be positive (got {base_value}).")
    if plan_price is None:
        plan_price = plan_implied_price(base_value, target, horizon, plan_real)
    years = horizon if isinstance(real, (int, float)) else len(real)
    real_l = _rates(real, years, "Real growth")
    price_l = _rates(plan_price if price is None else price, years, "Price change")
    growth = (1.0 + np.array(real_l)) * (1.0 + np.array(price_l))
    gdp = base_value * np.cumprod(np.concatenate([[1.0], growth]))
    k = np.arange(years + 1, dtype=float)
    plan = base_value * (1.0 + nominal_rate(plan_real, plan_price)) ** k
    plan[k > horizon] = np.nan
    df = pd.DataFrame(
        {
            "year": np.arange(base_year, base_year + years + 1),
            "real_growth": [np.nan, *real_l],
            "price_change": [np.nan, *price_l],
            "nominal_growth": np.concatenate([[np.nan], growth - 1.0]),
            "gdp": gdp,
            "plan_path": plan,
        }
    )
    df["gap"] = df["gdp"] - df["plan_path"]
    return df


def extend(df: pd.DataFrame, long_run_real: float, long_run_price: float, to_year: int) -> pd.DataFrame:
    """Continue a scenario to `to_year` at constant long-run rates; the plan path stays NaN."""
    last = df.iloc[-1]
    extra = int(to_year) - int(last["year"])
    if extra <= 0:
        return df.copy()
    growth = nominal_rate(long_run_real, long_run_price)
    k = np.arange(1, extra + 1, dtype=float)
    tail = pd.DataFrame(
        {
            "year": np.arange(int(last["year"]) + 1, int(to_year) + 1),
            "real_growth": float(long_run_real),
            "price_change": float(long_run_price),
            "nominal_growth": growth,
            "gdp": float(last["gdp"]) * (1.0 + growth) ** k,
            "plan_path": np.nan,
            "gap": np.nan,
        }
    )
    return pd.concat([df, tail], ignore_index=True)


def doubling_rate(base_year: int, to_year: int) -> float:
    """Real growth a year that doubles GDP from `base_year` to `to_year` (2020→2035: 4.73 %).

    The national reading of the 2035 goal; a benchmark from outside this plan.
    """
    return 2.0 ** (1.0 / (to_year - base_year)) - 1.0


def _reached(values, target: float):
    return values >= target * (1.0 - _REACH_RTOL)


def crossing_year(df: pd.DataFrame, target: float) -> int | None:
    """First year whose GDP reaches `target` (within float rounding), or None."""
    hit = df.loc[_reached(df["gdp"], target), "year"]
    return None if hit.empty else int(hit.iloc[0])


def _value_in(df: pd.DataFrame, year: int) -> float:
    rows = df.loc[df["year"] == year, "gdp"]
    if rows.empty:
        raise GrowthError(f"The scenario has no year {year}.")
    return float(rows.iloc[0])


class Shortfall(NamedTuple):
    """How far GDP falls short of the target: positive when short, negative when ahead."""

    amount: float  # 亿元
    fraction: float  # of the target


def shortfall(df: pd.DataFrame, target: float, target_year: int) -> Shortfall:
    """(target - GDP in the target year in 亿元, that as a fraction of the target)."""
    gap = target - _value_in(df, target_year)
    return Shortfall(gap, gap / target)


class RequiredGrowth(NamedTuple):
    """Constant rates a year (fractions) that reach the target from a given year."""

    nominal: float
    real: float
    from_value: float
    years: int


def required_constant_growth(
    df: pd.DataFrame, from_year: int, target: float, target_year: int, price: float
) -> RequiredGrowth:
    """Constant nominal and real growth from the GDP of `from_year` to `target` in `target_year`.

    Closed form: nominal = (target / GDP_from)^(1/years) - 1; real deflates it by the
    constant `price` change.
    """
    years = int(target_year) - int(from_year)
    if years <= 0:
        raise GrowthError(f"Pick a year before {target_year} (got {from_year}).")
    value = _value_in(df, from_year)
    nominal = cagr(value, target, years)
    return RequiredGrowth(nominal, implied_price_change(nominal, price), value, years)


def joint_industry(
    base_gdp: float,
    share0: float,
    industry_growth_nominal_list: Rates,
    other_growth_nominal_list: Rates,
    start_year: int,
) -> pd.DataFrame:
    """GDP as industry plus the rest, each growing at its own nominal rate; share as a fraction."""
    lists = [v for v in (industry_growth_nominal_list, other_growth_nominal_list) if not isinstance(v, (int, float))]
    if not lists:
        raise GrowthError("Give yearly growth rates for industry or for the rest.")
    years = len(lists[0])
    ind = np.cumprod([1.0, *(1.0 + np.array(_rates(industry_growth_nominal_list, years, "Industry growth")))])
    oth = np.cumprod([1.0, *(1.0 + np.array(_rates(other_growth_nominal_list, years, "Other growth")))])
    industry = base_gdp * share0 * ind
    other = base_gdp * (1.0 - share0) * oth
    return pd.DataFrame(
        {
            "year": np.arange(start_year, start_year + years + 1),
            "industry": industry,
            "other": other,
            "gdp": industry + other,
            "industry_share": industry / (industry + other),
        }
    )


@dataclass(frozen=True)
class JointRequirements:
    """What a GDP target and an industry-share target imply together (values 亿元, rates fractions)."""

    industry_start: float
    industry_end: float
    industry_growth: float
    other_start: float
    other_end: float
    other_growth: float
    gdp_growth: float


def joint_requirements(
    base_gdp: float,
    target_gdp: float,
    share0: float,
    share1: float,
    years: int,
) -> JointRequirements:
    """Nominal growth each part needs to meet both targets (plan: industry ≈15.9 %, rest ≈6.5 %)."""
    i0, i1 = base_gdp * share0, target_gdp * share1
    o0, o1 = base_gdp - i0, target_gdp - i1
    return JointRequirements(
        i0, i1, cagr(i0, i1, years), o0, o1, cagr(o0, o1, years), cagr(base_gdp, target_gdp, years)
    )


def joint_status(df: pd.DataFrame, target_gdp: float, target_share: float, target_year: int) -> tuple[bool, bool]:
    """(GDP target met, industry-share target met) in `target_year` of a joint_industry frame."""
    row = df.loc[df["year"] == target_year]
    if row.empty:
        raise GrowthError(f"The scenario has no year {target_year}.")
    gdp, share = float(row["gdp"].iloc[0]), float(row["industry_share"].iloc[0])
    return bool(_reached(gdp, target_gdp)), bool(share >= target_share * (1.0 - _REACH_RTOL))


def _clamp(value: float, lo: float, hi: float) -> float:
    return lo if not math.isfinite(value) else min(max(value, lo), hi)


@dataclass(frozen=True)
class MonteCarloResult:
    """Simulated GDP paths (n × years, base year excluded) and their summary.

    quantiles (year, p05 … p95, base year first) is computed on first access: the
    sorting costs more than the simulation, and not every caller needs it.
    """

    paths: np.ndarray
    base_year: int
    base_value: float
    sigma_pp: float
    n: int
    seed: int
    target: float | None = None
    prob_reach: float | None = None
    years: list[int] = field(default_factory=list)

    @cached_property
    def quantiles(self) -> pd.DataFrame:
        """Per-year quantiles of GDP across paths (p05, p25, p50, p75, p95)."""
        q = _quantiles(self.paths, list(QUANTILES.values()))
        first = np.full((1, len(QUANTILES)), self.base_value)
        values = np.vstack([first, q.T])
        columns = {"year": np.arange(self.base_year, self.base_year + len(values))}
        columns.update({name: values[:, i] for i, name in enumerate(QUANTILES)})
        return pd.DataFrame(columns)


def _quantiles(paths: np.ndarray, probs: Sequence[float]) -> np.ndarray:
    """np.quantile(paths, probs, axis=0) (method "linear"), the same numbers, several times faster.

    np.quantile along the first axis of an n × years array partitions strided columns once per
    probability (most of a scenario rerun); sorting each year's contiguous row once and interpolating is an
    order of magnitude cheaper (figures: docs/benchmarks.md, "Measurements behind the code"). The
    interpolation is NumPy's own (_lerp), so results are bit-identical (tests/test_scenario.py compares them).
    """
    rows = np.sort(np.ascontiguousarray(paths.T), axis=1)  # years × n
    n = rows.shape[1]
    pos = np.asarray(probs, dtype=float) * (n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    t = pos - lo
    a, b = rows[:, lo], rows[:, hi]
    diff = b - a
    out = a + diff * t
    np.subtract(b, diff * (1 - t), out=out, where=np.broadcast_to(t >= 0.5, out.shape))
    return out.T  # probs × years, as np.quantile gives


def _per_year(ufunc: np.ufunc, draws: np.ndarray, values: np.ndarray) -> None:
    """draws[:, t] = ufunc(draws[:, t], values[t]) in place, for every year t.

    Broadcasting over a short last axis is slow, so rows are viewed in blocks of 64
    (one wide row per block) against the values tiled 64 times.
    """
    if np.all(values == values[0]):
        ufunc(draws, values[0], out=draws)
        return
    n, years = draws.shape
    whole = n - n % _BLOCK
    if whole:
        wide = draws[:whole].reshape(whole // _BLOCK, _BLOCK * years)
        ufunc(wide, np.tile(values, _BLOCK), out=wide)
    if whole < n:
        ufunc(draws[whole:], values, out=draws[whole:])


def monte_carlo(
    base_value: float,
    real: Sequence[float],
    price: Rates,
    sigma_pp: float,
    n: int,
    seed: int,
    target: float | None,
    base_year: int,
) -> MonteCarloResult:
    """GDP paths with real growth = mean real_t + sigma_pp/100 × N(0,1), independent per year.

    Reproducible: draws = default_rng(seed).standard_normal((n, years)). n is clamped to
    [1, 200000] and sigma_pp to [0, 20]; sigma 0 gives the deterministic path. A yearly
    growth factor below zero (real growth under -100 %, only in extreme draws) is floored
    at zero, since GDP cannot turn negative. prob_reach: share of paths whose final value
    reaches `target` (None without a target). Speed: close to the normal draws themselves
    (scripts/bench.py's Monte Carlo row, docs/benchmarks.md).
    """
    years = len(real)
    if years == 0:
        raise GrowthError("Give at least one year of growth to simulate.")
    n = int(_clamp(float(n), 1, MAX_PATHS))
    sigma = _clamp(float(sigma_pp), 0.0, MAX_SIGMA_PP)
    price_f = 1.0 + np.asarray(_rates(price, years, "Price change"))
    draws = np.random.default_rng(seed).standard_normal((n, years))
    # factor = (1 + real + s·z)(1 + price) = z·s(1+price) + (1+real)(1+price), in place.
    mean_f = 1.0 + np.asarray(real, dtype=float)
    _per_year(np.multiply, draws, (sigma / 100.0) * price_f)
    _per_year(np.add, draws, mean_f * price_f)
    # Floor only when a negative factor is plausible (a draw below -9 sd never happens).
    if sigma > 0 and np.any(mean_f < 9.0 * sigma / 100.0):
        np.maximum(draws, 0.0, out=draws)
    draws[:, 0] *= base_value
    # A loop over the few years (not the paths): faster than cumprod along a short axis.
    for t in range(1, years):
        np.multiply(draws[:, t], draws[:, t - 1], out=draws[:, t])
    prob = None
    if target is not None:
        prob = float(np.count_nonzero(_reached(draws[:, -1], target))) / n
    return MonteCarloResult(
        draws,
        base_year,
        float(base_value),
        sigma,
        n,
        int(seed),
        target,
        prob,
        list(range(base_year + 1, base_year + years + 1)),
    )
