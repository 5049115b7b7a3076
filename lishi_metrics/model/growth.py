"""Compound growth: CAGR, paths, the change a target needs, real versus nominal rates."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from lishi_metrics.errors import LishiError

# Indicators measured in percent: their change is read in percentage points.
PERCENT_TYPES = frozenset({"share", "rate"})
# Printed rates carry one or two decimals; a gap up to this many points is rounding.
AGREE_TOLERANCE_PP = 0.15
# A price change (GDP deflator) beyond this many percent a year is not a believable reading of the gap
# between a printed real rate and nominal levels: the levels were rebased or the rate is nominal.
PLAUSIBLE_PRICE_PCT = 5.0


class GrowthError(LishiError, ValueError):
    """Growth arithmetic asked of impossible inputs (a ValueError too, for plain callers)."""


def _check_years(years: float) -> None:
    if not years > 0:
        raise GrowthError(f"The number of years must be positive (got {years}).")


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate (a fraction) that takes `start` to `end` in `years`.

    Raises:
        GrowthError (a ValueError): a non-positive start or end, or years <= 0;
            compound growth is undefined there.
    """
    _check_years(years)
    if not (start > 0 and end > 0):
        raise GrowthError(
            f"Compound growth needs positive start and end values (got {start} → {end}); "
            "use the change per year in units instead."
        )
    return (end / start) ** (1.0 / years) - 1.0


def compound(start: float, rate: float, years: float) -> float:
    """Value of `start` after `years` of growth at `rate` (a fraction) a year."""
    return start * (1.0 + rate) ** years


def nominal_rate(real: float, price: float) -> float:
    """Nominal growth from real growth and the price change: (1+real)(1+price)-1."""
    return (1.0 + real) * (1.0 + price) - 1.0


def implied_price_change(nominal: float, real: float) -> float:
    """Price change that reconciles a nominal and a real rate: (1+nominal)/(1+real)-1."""
    if real <= -1.0:
        raise GrowthError(f"Real growth of {real:.2%} or less leaves nothing to deflate.")
    return (1.0 + nominal) / (1.0 + real) - 1.0


def compound_rates(rates_pct: Sequence[float]) -> float:
    """Average yearly rate (a fraction) of consecutive yearly rates given in percent, compounded:
    7, 6, 5, 4, 3 → 4.99 % a year (how a run of published comparable-price growth rates makes the realised real
    growth of a period).

    Raises:
        GrowthError: no rates, or a rate of −100 % or less.
    """
    if not len(rates_pct):
        raise GrowthError("Compounding needs at least one yearly rate.")
    factor = 1.0
    for rate in rates_pct:
        if not rate > -100.0:
            raise GrowthError(f"A yearly rate of {rate} % leaves nothing to compound.")
        factor *= 1.0 + rate / 100.0
    return factor ** (1.0 / len(rates_pct)) - 1.0


def plausible_price_change(price_pct: float | None) -> bool:
    """Whether a price change (percent a year) can explain a real-vs-nominal gap: within ±PLAUSIBLE_PRICE_PCT.

    The 13th plan's GDP 67.9 → 154.7 at 7.3 % real would need prices +9.88 % a year: the levels were rebased
    (the 2018 economic census), so the gap is not inflation.
    """
    return price_pct is not None and math.isfinite(price_pct) and abs(price_pct) <= PLAUSIBLE_PRICE_PCT + 1e-9


def path(start: float, rates: Sequence[float]) -> list[float]:
    """Values after each year of growing `start` by `rates` (one fraction a year)."""
    values, value = [], start
    for rate in rates:
        value *= 1.0 + rate
        values.append(value)
    return values


def constant_growth_path(
    start_year: int, start_value: float, end_year: int, end_value: float, value_type: str
) -> list[tuple[int, float]]:
    """Evenly spread path between two points, both ends included.

    Geometric (constant % a year) for levels and counts; linear for indicators in
    percent ('share', 'rate'), whose change is read in percentage points. Where a
    geometric path is impossible (a zero or negative end, e.g. 0 → 1 labs) it is linear.
    """
    span = end_year - start_year
    if span < 0:
        raise GrowthError(f"The end year {end_year} is before the start year {start_year}.")
    if span == 0:
        return [(start_year, start_value)]
    geometric = value_type not in PERCENT_TYPES and start_value > 0 and end_value > 0
    points = []
    for k in range(span + 1):
        if geometric:
            value = start_value * (end_value / start_value) ** (k / span)
        else:
            value = start_value + (end_value - start_value) * k / span
        points.append((start_year + k, value))
    points[-1] = (end_year, end_value)  # exact, not end_value ± rounding
    return points


@dataclass(frozen=True)
class NeededChange:
    """What a target needs each year.

    mode: 'pct' (compound, per_year and total are fractions), 'pp' (percentage points
    a year and in total, for indicators in percent) or 'abs' (units a year and in
    total, where compound growth is impossible). already_met: the base already
    satisfies the target for the indicator's direction.
    """

    mode: str
    per_year: float
    total: float
    already_met: bool


def is_met(value: float, target: float, direction: str) -> bool:
    """Whether `value` satisfies `target`: 'up' at or above, 'down' at or below, 'none' equal."""
    if direction == "up":
        return value >= target
    if direction == "down":
        return value <= target
    return math.isclose(value, target, rel_tol=1e-9, abs_tol=1e-12)


def needed_change(base: float, target: float, years: float, value_type: str, direction: str) -> NeededChange:
    """Change per year that takes `base` to `target` in `years` (negative when falling)."""
    _check_years(years)
    met = is_met(base, target, direction)
    if value_type in PERCENT_TYPES:
        return NeededChange("pp", (target - base) / years, target - base, met)
    if base > 0 and target > 0:
        return NeededChange("pct", cagr(base, target, years), target / base - 1.0, met)
    return NeededChange("abs", (target - base) / years, target - base, met)


@dataclass(frozen=True)
class ArithmeticCheck:
    """A printed yearly rate against the rate its base and target imply (all in percent).

    implied_pct is compound for every value type, because the plan prints compound
    rates even for shares (城镇化率 73.47 → 75: 0.41 % a year, printed 0.4).
    implied_pp_per_year gives the percentage-point reading for shares and rates
    (None for other types). implied_price_pct is the price change that reconciles a
    stated real rate with nominal money levels (value type 'level' only, else None):
    GDP 154.7 → 255 is 10.51 % nominal against 9.8 % real, i.e. prices ≈ 0.65 % a year.
    """

    implied_pct: float
    stated_pct: float
    difference_pp: float
    agrees: bool
    implied_price_pct: float | None
    implied_pp_per_year: float | None


def implied_vs_stated(base: float, target: float, years: float, stated_pct: float, value_type: str) -> ArithmeticCheck:
    """Compare a printed yearly growth rate (percent) with what base → target implies."""
    implied = cagr(base, target, years)
    implied_pct = implied * 100.0
    diff = implied_pct - stated_pct
    price = None
    if value_type == "level":
        price = implied_price_change(implied, stated_pct / 100.0) * 100.0
    pp = (target - base) / years if value_type in PERCENT_TYPES else None
    agrees = abs(diff) <= AGREE_TOLERANCE_PP + 1e-9
    return ArithmeticCheck(implied_pct, stated_pct, diff, agrees, price, pp)
