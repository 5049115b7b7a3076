"""Progress and plan arithmetic on the real plan tables."""

from __future__ import annotations

import pytest

from lishi_metrics.data import db as data
from lishi_metrics.model import progress


@pytest.fixture(scope="module")
def fyp13():
    return progress.scoreboard(data.indicator_table("fyp13")).set_index("indicator_id")


@pytest.mark.parametrize(
    ("iid", "status"),
    [
        ("fyp13_gdp", "exceeded"),           # 154.7 against 124
        ("fyp13_forest_cover", "missed"),    # 27.76 against 40
        ("fyp13_water_per_gdp", "exceeded"),  # lower is better: 35.5 against 42.6
        ("fyp13_infant_mortality", "met"),    # 2.3 against a ceiling of 2.3
        ("fyp13_urbanization_rate", "no_target"),
        ("fyp13_poverty_reduction", "pending"),  # 全部脱贫: a result in words awaits evaluation
        ("fyp13_coal_deaths_per_mt", "pending"),  # no actual printed
    ],
)
def test_scoreboard_direction_aware(fyp13, iid, status):
    assert fyp13.loc[iid, "status"] == status


def test_progress_table_judges_imported_actuals_with_model_status():
    table = data.indicator_table("fyp14")
    gdp = table["indicator_id"] == "fyp14_gdp"
    # GDP path 154.7 → 255: 2022 on the path is about 188.9; the band is half a year's change (about 10 亿元)
    cases = {195.0: "on_track", 205.0: "ahead", 170.0: "behind", 256.0: "achieved_early"}
    for value, expected in cases.items():
        t = table.assign(latest_year=2022, latest_value=None)
        t.loc[gdp, "latest_value"] = value
        row = progress.progress_table(t).set_index("indicator_id").loc["fyp14_gdp"]
        assert (row.status, bool(row.status_final)) == (expected, False), value
    t = table.assign(latest_year=2025, latest_value=None)
    t.loc[gdp, "latest_value"] = 250.0
    row = progress.progress_table(t).set_index("indicator_id").loc["fyp14_gdp"]
    assert (row.status, bool(row.status_final)) == ("missed", True)


def test_gdp_plan_arithmetic():
    checks = progress.plan_arithmetic(data.indicator_table("fyp14")).set_index("indicator_id")
    gdp = checks.loc["fyp14_gdp"]
    assert gdp.implied_pct == pytest.approx(10.51, abs=0.005)
    assert gdp.stated_pct == 9.8 and not gdp.agrees
    assert gdp.implied_price_pct == pytest.approx(0.65, abs=0.005)
    assert checks.loc["fyp14_industrial_enterprises"].agrees


def test_fyp13_outcome_arithmetic():
    checks = progress.plan_arithmetic(data.indicator_table("fyp13"))
    gdp = checks[(checks.indicator_id == "fyp13_gdp") & (checks.which == "outcome")].iloc[0]
    assert gdp.implied_pct == pytest.approx(17.9, abs=0.01) and gdp.stated_pct == 7.3


def test_progress_table_statuses():
    table = progress.progress_table(data.indicator_table("fyp14")).set_index("indicator_id")
    assert table.loc["fyp14_gdp", "status"] == "pending"
    assert table.loc["fyp14_gdp", "needed_mode"] == "pct"
    assert table.loc["fyp14_forest_cover", "needed_mode"] == "pp"
    assert table.loc["fyp14_forest_cover", "needed_per_year"] == pytest.approx(0.448)
    assert table.loc["fyp14_strategic_emerging_share", "status"] == "pending"  # text target awaiting evaluation
    assert table.loc["fyp14_energy_intensity_reduction", "status"] == "pending"
    assert table.loc["fyp14_hightech_mfg_growth", "status"] == "growth_only"
    assert table.loc["fyp14_energy_capacity", "status"] == "no_target"
