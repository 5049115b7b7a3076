"""Tests for lishi_metrics.model.growth, on the plan's own numbers."""

import math

import pytest

from lishi_metrics.errors import LishiError
from lishi_metrics.model.growth import (
    GrowthError,
    cagr,
    compound,
    constant_growth_path,
    implied_price_change,
    implied_vs_stated,
    needed_change,
    nominal_rate,
    path,
    plausible_price_change,
)


@pytest.mark.parametrize(
    ("start", "end", "years", "expected_pct"),
    [
        (154.7, 255, 5, 10.512),  # 专栏2 GDP, nominal
        (67.9, 154.7, 5, 17.903),  # 专栏1 GDP, 2015 → 2020
        (30, 65, 5, 16.724),  # 规上工业企业数量 (printed 16.76)
        (73.47, 75, 5, 0.413),  # 城镇化率 (printed 0.4)
        (38.7, 49, 5, 4.833),  # 工业增加值占比 (printed 4.9)
        (100, 100, 3, 0.0),
        (100, 50, 1, -50.0),
    ],
)
def test_cagr_matches_plan_numbers(start, end, years, expected_pct):
    assert cagr(start, end, years) * 100 == pytest.approx(expected_pct, abs=5e-4)


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [(0, 1, 5), (-1, 5, 5), (5, 0, 5), (5, -2, 5), (1, 2, 0), (1, 2, -1), (math.nan, 2, 5)],
)
def test_cagr_rejects_impossible_inputs_with_a_readable_error(start, end, years):
    with pytest.raises(ValueError, match=r"positive") as info:
        cagr(start, end, years)
    assert isinstance(info.value, GrowthError)
    assert isinstance(info.value, LishiError)


@pytest.mark.parametrize(
    ("start", "rate", "years", "expected"),
    [(154.7, 0.098, 5, 246.889), (154.7, 0.073, 5, 220.034), (154.7, 0.10512136, 5, 255.0)],
)
def test_compound_reproduces_plan_paths(start, rate, years, expected):
    assert compound(start, rate, years) == pytest.approx(expected, abs=1e-3)


def test_cagr_and_compound_are_inverse():
    assert compound(154.7, cagr(154.7, 255, 5), 5) == pytest.approx(255.0, rel=1e-12)


@pytest.mark.parametrize(
    ("real", "price", "nominal"), [(0.098, 0.0065, 0.1051370), (0.073, 0.0, 0.073), (0.05, -0.02, 0.029)]
)
def test_nominal_rate_and_implied_price_change_round_trip(real, price, nominal):
    assert nominal_rate(real, price) == pytest.approx(nominal, abs=1e-7)
    assert implied_price_change(nominal_rate(real, price), real) == pytest.approx(price, abs=1e-12)


def test_implied_price_change_of_plan_gdp_is_about_065_pct():
    assert implied_price_change(cagr(154.7, 255, 5), 0.098) * 100 == pytest.approx(0.6486, abs=1e-4)


def test_implied_price_change_rejects_real_growth_of_minus_100_pct():
    with pytest.raises(ValueError):
        implied_price_change(0.05, -1.0)


def test_path_gives_values_after_each_year():
    values = path(154.7, [0.098] * 5)
    assert len(values) == 5
    assert values[0] == pytest.approx(169.8606)
    assert values[-1] == pytest.approx(246.889, abs=1e-3)
    assert path(10, []) == []


def test_constant_growth_path_is_geometric_for_levels():
    points = constant_growth_path(2020, 154.7, 2025, 255.0, "level")
    assert [y for y, _ in points] == list(range(2020, 2026))
    assert points[0] == (2020, 154.7)
    assert points[-1] == (2025, 255.0)
    ratios = [b / a for (_, a), (_, b) in zip(points, points[1:])]
    assert ratios == pytest.approx([1.10512136] * 5, abs=1e-8)


@pytest.mark.parametrize("value_type", ["share", "rate"])
def test_constant_growth_path_is_linear_in_points_for_percent_indicators(value_type):
    points = constant_growth_path(2020, 73.47, 2025, 75.0, value_type)
    steps = [b - a for (_, a), (_, b) in zip(points, points[1:])]
    assert steps == pytest.approx([0.306] * 5)


@pytest.mark.parametrize(("start", "end"), [(0, 1), (-2, 3), (5, 0)])
def test_constant_growth_path_falls_back_to_linear_when_geometric_is_impossible(start, end):
    points = constant_growth_path(2020, start, 2025, end, "count")
    assert [v for _, v in points] == pytest.approx([start + (end - start) * k / 5 for k in range(6)])


def test_constant_growth_path_single_year_and_reversed_years():
    assert constant_growth_path(2020, 5.0, 2020, 5.0, "level") == [(2020, 5.0)]
    with pytest.raises(ValueError):
        constant_growth_path(2025, 1, 2020, 2, "level")


@pytest.mark.parametrize(
    ("base", "target", "value_type", "direction", "mode", "per_year", "total", "met"),
    [
        (154.7, 255, "level", "up", "pct", 0.10512136, 0.6483516, False),
        (30, 65, "count", "up", "pct", 0.16723532, 1.1666667, False),
        (73.47, 75, "share", "up", "pp", 0.306, 1.53, False),
        (38.7, 49, "share", "up", "pp", 2.06, 10.3, False),
        (0, 1, "count", "up", "abs", 0.2, 1.0, False),
        (2.0, 1.6, "level", "down", "pct", -0.04364750, -0.2, False),  # lower is better
        (1.5, 1.6, "level", "down", "pct", 0.01299136, 0.0666667, True),
        (5.5, 5.0, "rate", "down", "pp", -0.1, -0.5, False),
        (80, 75, "share", "up", "pp", -1.0, -5.0, True),
        (10, 10, "level", "none", "pct", 0.0, 0.0, True),
        (10, 12, "level", "none", "pct", 0.03713729, 0.2, False),
    ],
)
def test_needed_change(base, target, value_type, direction, mode, per_year, total, met):
    change = needed_change(base, target, 5, value_type, direction)
    assert change.mode == mode
    assert change.per_year == pytest.approx(per_year, abs=1e-7)
    assert change.total == pytest.approx(total, abs=1e-7)
    assert change.already_met is met


def test_needed_change_rejects_zero_years():
    with pytest.raises(ValueError, match="years"):
        needed_change(1, 2, 0, "level", "up")


@pytest.mark.parametrize(
    ("base", "target", "stated", "value_type", "implied", "agrees", "price", "pp"),
    [
        (154.7, 255, 9.8, "level", 10.5121, False, 0.6486, None),  # real vs nominal
        (67.9, 154.7, 7.3, "level", 17.9028, False, 9.8814, None),  # 专栏1
        (30, 65, 16.76, "count", 16.7235, True, None, None),
        (73.47, 75, 0.4, "share", 0.4131, True, None, 0.306),  # compound agrees; pp reported
        (38.7, 49, 4.9, "share", 4.8328, True, None, 2.06),
    ],
)
def test_implied_vs_stated_on_plan_rows(base, target, stated, value_type, implied, agrees, price, pp):
    check = implied_vs_stated(base, target, 5, stated, value_type)
    assert check.implied_pct == pytest.approx(implied, abs=1e-4)
    assert check.stated_pct == stated
    assert check.difference_pp == pytest.approx(implied - stated, abs=1e-4)
    assert check.agrees is agrees
    assert check.implied_price_pct == (None if price is None else pytest.approx(price, abs=1e-4))
    assert check.implied_pp_per_year == (None if pp is None else pytest.approx(pp))


def test_implied_vs_stated_tolerance_is_015_points():
    assert implied_vs_stated(100, 100 * 1.1015**5, 5, 10.0, "level").agrees
    assert not implied_vs_stated(100, 100 * 1.1016**5, 5, 10.0, "level").agrees


@pytest.mark.parametrize(
    ("price_pct", "plausible"),
    [(0.6486, True), (5.0, True), (-5.0, True), (9.8814, False), (16.32, False), (-5.01, False), (None, False),
     (float("nan"), False)],
)
def test_plausible_price_change(price_pct, plausible):
    """A gap of 0.65 %/yr is prices; 9.88 %/yr (13th-plan GDP, levels rebased) is not (issue 14.5)."""
    assert plausible_price_change(price_pct) is plausible


@pytest.mark.parametrize(("rates", "expected_pct"), [
    ([7, 6, 5, 4, 3], 4.99),  # the example: about 5.0 % a year, not the mean of the rates
    ([9.8] * 5, 9.8),
    ([-2.0, 2.0], -0.02),
    ([10.0], 10.0),
])
def test_compound_rates_is_the_geometric_mean_of_yearly_rates(rates, expected_pct):
    from lishi_metrics.model.growth import compound_rates

    assert compound_rates(rates) * 100 == pytest.approx(expected_pct, abs=0.005)


@pytest.mark.parametrize("rates", [[], [-100.0], [5.0, -120.0]])
def test_compound_rates_rejects_impossible_inputs(rates):
    from lishi_metrics.model.growth import GrowthError, compound_rates

    with pytest.raises(GrowthError):
        compound_rates(rates)
