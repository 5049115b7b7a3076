"""Data layer: exact values from both plan tables, text kept as text, errors for broken files, bound params."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from lishi_metrics import config
from lishi_metrics.data import db as data
from lishi_metrics.errors import DataError

from facts import FACTS, FYP14


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
    assert (inds.plan_id == "fyp14").sum() == FYP14
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
    assert len(tf) == 125
    assert set(tf.kind) == {"target", "achievement"}
    projects = data.projects(table_ref="专栏10")
    assert len(projects) > 0 and set(projects.sector) == {"ecology"}


@pytest.mark.parametrize(
    ("figure_id", "value", "unit", "qualifier", "year"),
    [
        ("tf_coal_coking_specialty_chain", 100.0, "亿元", "more_than", None),  # 超百亿元特色产业链
        ("tf_4a_scenic_areas", 1.0, "个", "at_least", None),  # 4A景区「破零」
        ("tf_quality_business_districts", 2.0, "个", None, None),  # 两个高品质商圈
        ("tf_boarding_school_per_township_2025", 1.0, "所", None, 2025),  # 每个乡镇建成一所
        ("tf_service_team_per_township", 1.0, "支", None, None),  # 每个乡镇组建一支
        ("tf_public_welfare_performances", 100.0, "场", None, None),  # 百场公益演出
        ("tf_food_fairs_2020", 2.0, "届", None, 2020),  # 举办了两届
        ("tf_future_industries_system_years", 15.0, "年", None, None),  # 用十五年的时间
        ("tf_zaolin_pig_farm", 10000.0, "头", None, None),  # 万头(存栏)
        ("tf_regulating_reservoirs", 3.0, "个", None, None),  # 三个调蓄水库
        ("tf_good_air_days_2020", 303.0, "天", "about", 2020),  # 303 天左右
        ("tf_agri_service_teams_2025", 20.0, "支", "more_than", 2025),  # 20 余支
    ],
)
def test_prose_figures_in_chinese_numerals_and_their_bounds(figure_id, value, unit, qualifier, year):
    row = data.text_figures().set_index("figure_id").loc[figure_id]
    assert (row.value, row.unit_zh) == (value, unit)
    assert (None if pd.isna(row.qualifier) else row.qualifier) == qualifier
    assert (None if pd.isna(row.year) else int(row.year)) == year


def test_school_building_of_table_11_is_counted():
    tf = data.text_figures(topic="livelihood").set_index("figure_id")
    new = [f"tf_new_{k}" for k in ("kindergartens_main_urban", "kindergartens_new_urban", "primary_schools_main_urban",
                                    "primary_schools_new_urban", "middle_schools_main_urban", "middle_schools_new_urban")]
    assert tf.loc[new, "value"].tolist() == [4.0, 4.0, 2.0, 6.0, 2.0, 3.0]
    assert tf.loc["tf_expanded_primary_schools_main_urban", "value"] == 3.0
    assert set(tf.loc[new, "chapter_ref"]) == {"第九章第二节"}


def test_enterprises_named_in_the_prose():
    ent = data.enterprises().set_index("name_zh")
    assert len(ent) == 43
    assert ent.loc["凯赛生物", "sector"] == "new_materials"
    assert ent.loc["吕梁市千朵科技有限公司", "sector"] == "innovation"
    assert ent.loc["华川养老", ["sector", "chapter_ref"]].tolist() == ["elderly_care", "第九章第三节"]
    tourism = data.enterprises(sector="culture_tourism")
    assert set(tourism.name_en) == {"Tencent", "Ctrip (Trip.com)", "Alibaba", "Huawei"}
    assert set(tourism.quote) == {"加强与腾讯、携程、阿里巴巴、华为等互联网企业签署智慧文旅战略合作框架协议"}
    assert {"沃尔玛", "永辉", "国贸市场", "凯鑫数码广场", "泰化物资城", "聚富汽贸城"} <= set(
        data.enterprises(sector="commerce").name_zh)


def test_vision_opens_and_goals_are_whole():
    st = data.statements().set_index("statement_id")
    assert len(st) == 13
    assert st.loc["st_vision2035_opening", "text_zh"] == (
        "在全面建成小康社会的基础上，再经过十五年的努力，与全国同步基本实现社会主义现代化。")
    assert st.loc["st_goal2025_innovation", "text_zh"].endswith("科技创新体制不断完善，聚才用才育才环境大幅改善。")
    assert all(st.loc[st.topic == "goals2025", "text_en"].str.len() > 300)


def test_hostile_parameter_is_data():
    hostile = "x'; DROP TABLE indicators; --"
    assert data.indicators(hostile).empty
    assert data.projects(sector="<script>alert(1)</script>").empty
    assert len(data.indicators()) == FACTS.indicators  # still there


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


def test_read_only_query_is_stopped_after_its_time_limit():
    """A recursive CTE that never ends is interrupted (issue 23.4); the message says so in both languages."""
    endless = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
    with pytest.raises(DataError, match=r"longer than 0.5 s.*--timeout.*查询超过"):
        data.read_only_query(endless, timeout=0.5)


def test_read_only_query_is_held_to_its_memory_limit():
    with pytest.raises(DataError, match=r"memory limit \(50MB\).*内存超过上限"):
        data.read_only_query("SELECT string_agg(repeat('x', 100000), ',') FROM range(20000)", memory_limit="50MB")


def test_read_only_query_refuses_a_huge_result():
    with pytest.raises(DataError, match="larger than 1 MB"):
        data.read_only_query("SELECT repeat('x', 10000) AS s FROM range(500)", max_result_bytes=1024**2)


def test_read_only_query_cli_has_the_limits_as_options(capsys):
    from lishi_metrics.cli import main as cli

    assert cli.main(["query", "SELECT 1 AS one", "--timeout", "5", "--memory", "200MB"]) == 0
    assert capsys.readouterr().out.split() == ["one", "1"]


def test_query_results_are_kept_per_version_as_copies_within_a_cell_bound(monkeypatch):
    """db.fetch keeps a data version's results: a repeat is equal but a copy of its own (a caller changing it
    changes nobody else's), and what is kept stays within _RESULT_CELLS whatever is asked."""
    from lishi_metrics.data import db

    first = db.indicator_table("fyp14")
    first.loc[:, "name_zh"] = "changed by a caller"
    again = db.indicator_table("fyp14")
    assert again is not first and not (again["name_zh"] == "changed by a caller").any()
    monkeypatch.setattr(db, "_RESULT_CELLS", again.size + 10)
    for plan in ("fyp13", "fyp14", "fyp13"):
        db.indicator_table(plan)
        assert sum(f.size for f in db._results.values()) <= db._RESULT_CELLS


def test_select_picks_rows_in_the_order_of_the_ids_keeping_columns_and_types():
    from lishi_metrics.data import catalog

    frame = pd.DataFrame({"indicator_id": pd.array(["a", "b", None, "c", "b"], dtype="str"),
                          "value": [1.0, 2.0, 3.0, float("nan"), 5.0],
                          "figure_id": ["f1", "f2", "f3", "f4", "f5"]}, index=[10, 11, 12, 13, 14])
    out = catalog.select(frame, ("c", "b", "zz", "a"))
    assert out["indicator_id"].tolist() == ["c", "b", "b", "a"]  # a repeated id keeps the frame's order
    assert out["value"].tolist()[1:] == [2.0, 5.0, 1.0] and pd.isna(out["value"].iloc[0])
    assert out.index.tolist() == [0, 1, 2, 3] and out.dtypes.equals(frame.dtypes)
    assert catalog.select(frame, ("f4", "f1"), column="figure_id")["value"].tolist()[1] == 1.0
    empty = catalog.select(frame, ("zz",))
    assert empty.empty and list(empty.columns) == list(frame.columns) and empty.dtypes.equals(frame.dtypes)
