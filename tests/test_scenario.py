"""Tests for lishi_metrics.model.scenario: the GDP model, presets, joint targets and Monte Carlo."""

import math

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from lishi_metrics.model import scenario as sc


def plan_df():
    return sc.simulate(2020, 154.7, 0.098, None, 255.0, 2025, plan_real=0.098)


def test_plan_implied_price_is_about_065_pct():
    assert sc.plan_implied_price(154.7, 255.0, 5, 0.098) == pytest.approx(0.0064858, abs=1e-7)
    assert sc.plan_implied_price(154.7, 255.0, 5, 0.098) == sc.plan_implied_price(154.7, 255.0, 5, 0.098)


def test_simulate_columns_and_base_row():
    df = plan_df()
    assert list(df.columns) == sc.COLUMNS
    assert df["year"].tolist() == list(range(2020, 2026))
    first = df.iloc[0]
    assert math.isnan(first["real_growth"]) and math.isnan(first["nominal_growth"])
    assert first["gdp"] == first["plan_path"] == 154.7
    assert first["gap"] == 0


def test_simulate_plan_with_implied_price_lands_on_target():
    df = plan_df()
    assert df["gdp"].iloc[-1] == pytest.approx(255.0, rel=1e-12)
    assert df["nominal_growth"].iloc[1:].tolist() == pytest.approx([0.10512136] * 5, abs=1e-8)
    assert df["gap"].abs().max() < 1e-9


@pytest.mark.parametrize(
    ("real", "price", "gdp_2025"),
    [
        (0.098, 0.0, 246.889),  # 154.7 × 1.098⁵, the classic misreading
        (0.073, 0.0, 220.034),  # the URL contract: g=7.3, p=0 → 220.0
        (0.10512136, 0.0, 255.0),
        ([0.05, 0.06, 0.07, 0.08, 0.09], [0.01] * 5, 154.7 * 1.05 * 1.06 * 1.07 * 1.08 * 1.09 * 1.01**5),
    ],
)
def test_simulate_gdp_2025(real, price, gdp_2025):
    df = sc.simulate(2020, 154.7, real, price, 255.0, 2025, plan_real=0.098)
    assert df["gdp"].iloc[-1] == pytest.approx(gdp_2025, abs=1e-3)
    assert df["gap"].iloc[-1] == pytest.approx(gdp_2025 - 255.0, abs=1e-3)


def test_simulate_plan_path_is_constant_nominal_to_target_whatever_the_scenario():
    df = sc.simulate(2020, 154.7, 0.06, 0.0, 255.0, 2025, plan_real=0.098)
    expected = [154.7 * 1.10512136**k for k in range(6)]
    assert df["plan_path"].tolist() == pytest.approx(expected, rel=1e-8)
    assert df["gap"].tolist() == pytest.approx((df["gdp"] - df["plan_path"]).tolist())


def test_simulate_plan_path_with_explicit_plan_rates():
    df = sc.simulate(2020, 154.7, 0.06, 0.0, 255.0, 2025, plan_real=0.098, plan_price=0.0)
    assert df["plan_path"].iloc[-1] == pytest.approx(246.889, abs=1e-3)


def test_simulate_from_a_later_actual_only_simulates_the_remaining_years():
    df = sc.simulate(2022, 180.0, 0.08, 0.01, 255.0, 2025, plan_real=0.098)
    assert df["year"].tolist() == [2022, 2023, 2024, 2025]
    assert df["plan_path"].iloc[-1] == pytest.approx(255.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"base_year": 2025}, "after"),
        ({"base_value": 0.0}, "positive"),
        ({"price": [0.01] * 3}, "5 yearly values"),
    ],
)
def test_simulate_rejects_bad_inputs_with_readable_errors(kwargs, message):
    args = {"base_year": 2020, "base_value": 154.7, "real": 0.098, "price": None} | kwargs
    with pytest.raises(ValueError, match=message):
        sc.simulate(**args, target=255.0, target_year=2025, plan_real=0.098)


def test_presets_order_and_values():
    p = sc.presets(154.7, 255.0, 5, 0.098, 0.073)
    assert list(p) == ["plan", "trend13", "optimistic", "cautious", "on_target"]
    price = sc.plan_implied_price(154.7, 255.0, 5, 0.098)
    assert p["plan"] == ([0.098] * 5, [price] * 5)
    assert p["trend13"][0] == [0.073] * 5
    assert p["optimistic"][0] == [0.12] * 5 and p["cautious"][0] == [0.06] * 5
    assert p["on_target"][0] == pytest.approx([0.10512136] * 5) and p["on_target"][1] == [0.0] * 5


@pytest.mark.parametrize(
    ("key", "gdp_2025"),
    [("plan", 255.0), ("on_target", 255.0), ("trend13", 227.26), ("optimistic", 281.59), ("cautious", 213.82)],
)
def test_presets_end_where_expected(key, gdp_2025):
    real, price = sc.presets(154.7, 255.0, 5, 0.098, 0.073)[key]
    df = sc.simulate(2020, 154.7, real, price, 255.0, 2025, plan_real=0.098)
    assert df["gdp"].iloc[-1] == pytest.approx(gdp_2025, abs=0.01)


def test_extend_continues_at_long_run_rates():
    df = sc.extend(plan_df(), 0.05, 0.01, 2035)
    assert df["year"].tolist() == list(range(2020, 2036))
    assert df["gdp"].iloc[-1] == pytest.approx(255.0 * 1.0605**10)
    assert df["plan_path"].iloc[6:].isna().all() and df["gap"].iloc[6:].isna().all()
    assert df["real_growth"].iloc[6:].eq(0.05).all()
    assert sc.extend(plan_df(), 0.05, 0.01, 2025).equals(plan_df())


@pytest.mark.parametrize(("base", "to", "rate"), [(2020, 2035, 0.047294), (2020, 2030, 0.071773)])
def test_doubling_rate(base, to, rate):
    assert sc.doubling_rate(base, to) == pytest.approx(rate, abs=1e-6)
    assert sc.doubling_rate(2020, 2035) == pytest.approx(2 ** (1 / 15) - 1)


@pytest.mark.parametrize(("real", "year"), [(0.098, 2025), (0.12, 2025), (0.15, 2024), (0.073, None), (0.2, 2023)])
def test_crossing_year(real, year):
    df = sc.simulate(2020, 154.7, real, sc.plan_implied_price(154.7, 255.0, 5, 0.098), 255.0, 2025, plan_real=0.098)
    assert sc.crossing_year(df, 255.0) == year


def test_crossing_year_after_extension():
    df = sc.extend(sc.simulate(2020, 154.7, 0.073, 0.0, 255.0, 2025, plan_real=0.098), 0.073, 0.0, 2035)
    assert sc.crossing_year(df, 255.0) == 2028


def test_shortfall_in_yuan_and_fraction():
    df = sc.simulate(2020, 154.7, 0.073, 0.0, 255.0, 2025, plan_real=0.098)
    gap, fraction = sc.shortfall(df, 255.0, 2025)
    assert gap == pytest.approx(34.966, abs=1e-3)
    assert fraction == pytest.approx(0.13712, abs=1e-5)
    assert sc.shortfall(plan_df(), 255.0, 2025).amount == pytest.approx(0.0, abs=1e-9)
    with pytest.raises(ValueError, match="2030"):
        sc.shortfall(df, 255.0, 2030)


@pytest.mark.parametrize(
    ("from_year", "price", "nominal", "real"),
    [
        (2020, 0.0, 0.10512136, 0.10512136),
        (2020, 0.0064858, 0.10512136, 0.098),
        (2022, 0.0, (255 / (154.7 * 1.073**2)) ** (1 / 3) - 1, (255 / (154.7 * 1.073**2)) ** (1 / 3) - 1),
        (2024, 0.02, 255 / (154.7 * 1.073**4) - 1, (255 / (154.7 * 1.073**4)) / 1.02 - 1),
    ],
)
def test_required_constant_growth(from_year, price, nominal, real):
    df = sc.simulate(2020, 154.7, 0.073, 0.0, 255.0, 2025, plan_real=0.098)
    req = sc.required_constant_growth(df, from_year, 255.0, 2025, price)
    assert req.nominal == pytest.approx(nominal, abs=1e-6)
    assert req.real == pytest.approx(real, abs=1e-6)
    assert req.years == 2025 - from_year
    # Solver check: growing at the answer from from_value lands on the target.
    assert req.from_value * (1 + req.real) ** req.years * (1 + price) ** req.years == pytest.approx(255.0)


def test_required_constant_growth_rejects_the_target_year_itself():
    with pytest.raises(ValueError):
        sc.required_constant_growth(plan_df(), 2025, 255.0, 2025, 0.0)


def test_joint_requirements_of_the_plan():
    req = sc.joint_requirements(154.7, 255.0, 0.387, 0.49, 5)
    assert (req.industry_start, req.industry_end) == pytest.approx((59.87, 124.95), abs=0.005)
    assert (req.other_start, req.other_end) == pytest.approx((94.83, 130.05), abs=0.005)
    assert req.industry_growth * 100 == pytest.approx(15.85, abs=0.005)
    assert req.other_growth * 100 == pytest.approx(6.52, abs=0.005)
    assert req.gdp_growth * 100 == pytest.approx(10.51, abs=0.005)
    assert sc.joint_requirements(154.7, 255.0, 0.387, 0.49, 5) == req


def test_joint_industry_meets_both_targets_at_the_required_rates():
    req = sc.joint_requirements(154.7, 255.0, 0.387, 0.49, 5)
    df = sc.joint_industry(154.7, 0.387, [req.industry_growth] * 5, [req.other_growth] * 5, 2020)
    assert list(df.columns) == ["year", "industry", "other", "gdp", "industry_share"]
    assert df["year"].tolist() == list(range(2020, 2026))
    assert df["industry_share"].iloc[0] == pytest.approx(0.387)
    assert df["industry"].iloc[-1] == pytest.approx(124.95)
    assert df["gdp"].iloc[-1] == pytest.approx(255.0)
    assert df["industry_share"].iloc[-1] == pytest.approx(0.49)
    assert sc.joint_status(df, 255.0, 0.49, 2025) == (True, True)


def test_joint_industry_equal_growth_keeps_the_share():
    rate = sc.joint_requirements(154.7, 255.0, 0.387, 0.49, 5).gdp_growth
    df = sc.joint_industry(154.7, 0.387, rate, [rate] * 5, 2020)
    assert df["industry_share"].tolist() == pytest.approx([0.387] * 6)
    assert sc.joint_status(df, 255.0, 0.49, 2025) == (True, False)


def test_monte_carlo_sigma_zero_equals_the_deterministic_path():
    price = sc.plan_implied_price(154.7, 255.0, 5, 0.098)
    result = sc.monte_carlo(154.7, [0.098] * 5, price, 0.0, 1000, 7, target=255.0, base_year=2020)
    assert result.paths.shape == (1000, 5)
    expected = plan_df()["gdp"].iloc[1:].to_numpy()
    assert_allclose(result.paths, np.broadcast_to(expected, (1000, 5)), rtol=1e-12)
    assert result.prob_reach == 1.0
    q = result.quantiles
    assert list(q.columns) == ["year", "p05", "p25", "p50", "p75", "p95"]
    assert q["year"].tolist() == list(range(2020, 2026))
    assert_allclose(q.iloc[1:, 1:].to_numpy(), np.repeat(expected[:, None], 5, axis=1), rtol=1e-12)


def test_monte_carlo_is_reproducible_with_the_documented_draws():
    real, price = [0.09, 0.1, 0.098, 0.11, 0.07], [0.01, 0.0, 0.005, 0.02, 0.0]
    a = sc.monte_carlo(154.7, real, price, 2.0, 5000, 2021, target=255.0, base_year=2020)
    b = sc.monte_carlo(154.7, real, price, 2.0, 5000, 2021, target=255.0, base_year=2020)
    assert_allclose(a.paths, b.paths, rtol=0)
    z = np.random.default_rng(2021).standard_normal((5000, 5))
    factors = (1 + np.array(real) + 0.02 * z) * (1 + np.array(price))
    assert_allclose(a.paths, 154.7 * np.cumprod(factors, axis=1), rtol=1e-12)
    assert a.prob_reach == pytest.approx(np.mean(a.paths[:, -1] >= 255.0))
    assert sc.monte_carlo(154.7, real, price, 2.0, 5000, 2022, None, 2020).paths[0, 0] != a.paths[0, 0]


def test_monte_carlo_probability_and_quantiles_are_plausible():
    price = sc.plan_implied_price(154.7, 255.0, 5, 0.098)
    result = sc.monte_carlo(154.7, [0.098] * 5, price, 1.0, 20000, 2021, target=255.0, base_year=2020)
    assert 0.45 < result.prob_reach < 0.55  # the plan lands on 255, noise splits it in two
    q = result.quantiles.set_index("year")
    assert q.loc[2025, "p50"] == pytest.approx(255.0, abs=0.5)
    assert (q["p05"] <= q["p25"]).all() and (q["p75"] <= q["p95"]).all()
    assert q.loc[2025, "p95"] - q.loc[2025, "p05"] > q.loc[2021, "p95"] - q.loc[2021, "p05"]
    assert sc.monte_carlo(154.7, [0.098] * 5, price, 1.0, 100, 1, None, 2020).prob_reach is None


@pytest.mark.parametrize(("n", "sigma", "n_used", "sigma_used"), [(0, -1, 1, 0.0), (10**9, 99, 200_000, 20.0)])
def test_monte_carlo_clamps_n_and_sigma(n, sigma, n_used, sigma_used):
    result = sc.monte_carlo(154.7, [0.098] * 5, 0.0, sigma, n, 1, None, 2020)
    assert result.paths.shape == (n_used, 5)
    assert (result.n, result.sigma_pp) == (n_used, sigma_used)


def test_monte_carlo_never_goes_negative_under_extreme_volatility():
    result = sc.monte_carlo(154.7, [-0.1] * 5, 0.0, 20.0, 200_000, 3, None, 2020)
    assert result.paths.min() >= 0.0


def test_dataframes_are_plain_pandas():
    assert isinstance(plan_df(), pd.DataFrame)
    assert plan_df()["year"].dtype.kind == "i"


@pytest.mark.parametrize("n, sigma", [(1, 1.0), (2, 1.0), (7, 0.0), (10_000, 1.0), (12_345, 3.0)])
def test_quantiles_equal_numpys_exactly(n, sigma):
    """The fast per-year quantiles (sort once, NumPy's own interpolation) give np.quantile's numbers, bit for bit."""
    result = sc.monte_carlo(154.7, [0.073, 0.05, 0.06], [0.0065] * 3, sigma, n, 7, 255.0, 2020)
    expected = np.quantile(result.paths, list(sc.QUANTILES.values()), axis=0)
    table = result.quantiles
    assert list(table.columns) == ["year", *sc.QUANTILES]
    assert table["year"].tolist() == [2020, 2021, 2022, 2023]
    assert (table.iloc[0, 1:] == 154.7).all()
    assert np.array_equal(table.iloc[1:, 1:].to_numpy().T, expected)
