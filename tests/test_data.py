"""Data layer: exact values from both plan tables, text kept as text, errors for broken files, bound params."""

from __future__ import annotations

import shutil

import pytest

from lishi_metrics import config
from lishi_metrics.data import db as data
from lishi_metrics.errors import DataError


def _row(plan: str, iid: str):
    table = data.indicator_table(plan)
    return table.set_index("indicator_id").loc[iid]


@pytest.mark.parametrize(
    ("iid", "base", "target", "growth"),
    [
        ("fyp14_gdp", 154.7, 255.0, 9.8),
        ("fyp14_urbanization_rate", 73.47, 75.0, 0.4),
        ("fyp14_industrial_enterprises", 30.0, 65.0, 16.76),
        ("fyp14_industry_share_gdp", 38.7, 49.0, 4.9),
        ("fyp14_manufacturing_share", 13.11, 30.0, 18.02),
        ("fyp14_employee_certification_rate", 11.96, 40.0, None),
        ("fyp14_grain_capacity", 2.58, 2.83, None),
        ("fyp14_life_expectancy", 76.0, 76.2, None),
    ],
)
def test_fyp14_values_as_printed(iid, base, target, growth):
    row = _row("fyp14", iid)
    assert row.base_year == 2020 and row.target_year == 2025
    assert row.base_value == base
    assert row.target_value == target
    if growth is None:
        assert row.growth_text == "—"
    else:
        assert row.growth_pct == growth


@pytest.mark.parametrize(
    ("iid", "base", "target", "actual", "target_growth", "actual_growth"),
    [
        ("fyp13_gdp", 67.9, 124.0, 154.7, 10.0, 7.3),
        ("fyp13_urban_income", 24975.0, 34217.0, 32851.0, 6.5, 5.6),
        ("fyp13_rural_income", 5135.0, 10600.0, 7901.0, 15.6, 9.0),
        ("fyp13_forest_cover", 32.0, 40.0, 27.76, 4.6, None),
        ("fyp13_water_per_gdp", 48.2, 42.6, 35.5, -15.0, None),
        ("fyp13_maternal_mortality", 13.0, 13.0, 6.0, 6.0, 7.0),
    ],
)
def test_fyp13_values_as_printed(iid, base, target, actual, target_growth, actual_growth):
    row = _row("fyp13", iid)
    assert (row.base_year, row.target_year) == (2015, 2020)
    assert (row.base_value, row.target_value, row.actual_value) == (base, target, actual)
    assert row.growth_pct == target_growth
    if actual_growth is not None:
        assert row.actual_growth_pct == actual_growth


def test_both_tables_complete():
    inds = data.indicators()
    assert (inds.plan_id == "fyp14").sum() == 34
    assert sorted(set(inds[inds.plan_id == "fyp13"].seq.astype(int))) == list(range(1, 31))
    # sub-rows share their printed number: 城镇/农村 income are both 11
    sub = inds[(inds.plan_id == "fyp13") & (inds.seq == "11")]
    assert list(sub.indicator_id) == ["fyp13_urban_income", "fyp13_rural_income"]


def test_text_targets_stay_text():
    row = _row("fyp14", "fyp14_strategic_emerging_share")
    assert row.target_text == "力争达到全省平均水平" and row.target_value != row.target_value  # NaN
    air = _row("fyp14", "fyp14_good_air_days_ratio")
    assert air.growth_text == "完成市任务" and air.growth_pct != air.growth_pct
    energy = _row("fyp13", "fyp13_energy_intensity_reduction")
    assert energy.actual_text == "已完成市定任务"
    poverty = _row("fyp13", "fyp13_poverty_reduction")
    assert poverty.actual_text == "全部脱贫"
    school = _row("fyp14", "fyp14_schooling_years")
    assert (school.base_text, school.target_text) == ("9-12", "12-15")


def test_cumulative_growth_is_flagged():
    obs = data.observations(indicator_id="fyp13_fixed_asset_investment")
    tgt = obs[obs.kind == "target"].iloc[0]
    assert tgt.growth_text == "[600]" and tgt.growth_pct == 600.0 and bool(tgt.growth_cumulative)


def test_numbers_are_float_columns():
    table = data.indicator_table("fyp14")
    for col in ("base_value", "target_value", "growth_pct"):
        assert str(table[col].dtype) == "float64"


def test_prose_figures_and_projects_present():
    tf = data.text_figures()
    assert len(tf) >= 60
    assert set(tf.kind) == {"target", "achievement"}
    projects = data.projects(table_ref="专栏10")
    assert len(projects) > 0 and set(projects.sector) == {"ecology"}


def test_hostile_parameter_is_data():
    hostile = "x'; DROP TABLE indicators; --"
    assert data.indicators(hostile).empty
    assert data.projects(sector="<script>alert(1)</script>").empty
    assert len(data.indicators()) == 77  # still there


def test_missing_file_raises_package_error(tmp_path, monkeypatch):
    shutil.copytree(config.parquet_dir(), tmp_path / "pq")
    (tmp_path / "pq" / "indicators.parquet").unlink()
    monkeypatch.setenv("LISHI_DATA_DIR", str(tmp_path / "pq"))
    data.reset()
    with pytest.raises(DataError, match=r"indicators\.parquet is missing.*python -m lishi_metrics build"):
        data.indicators()


def test_corrupt_file_raises_package_error(tmp_path, monkeypatch):
    shutil.copytree(config.parquet_dir(), tmp_path / "pq")
    path = tmp_path / "pq" / "observations.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    monkeypatch.setenv("LISHI_DATA_DIR", str(tmp_path / "pq"))
    data.reset()
    with pytest.raises(DataError, match=r"observations\.parquet is unreadable or truncated"):
        data.indicator_table("fyp14")


def test_missing_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("LISHI_DATA_DIR", str(tmp_path / "nowhere"))
    data.reset()
    with pytest.raises(DataError, match="does not exist"):
        data.plans()


def test_read_only_query_refuses_writes():
    assert data.read_only_query("SELECT count(*) AS n FROM projects").n.iloc[0] > 0
    for sql in ("DROP VIEW projects", "SELECT 1; SELECT 2", "COPY projects TO '/tmp/x.csv'",
                "SELECT * FROM read_csv('/etc/passwd')"):
        with pytest.raises(DataError):
            data.read_only_query(sql)


def test_external_access_disabled():
    with pytest.raises(DataError):
        data.fetch("SELECT * FROM read_parquet('/etc/hostname')")
    with pytest.raises(DataError):
        data.fetch("INSTALL httpfs")
