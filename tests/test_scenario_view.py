"""Tests for lishi_metrics.views.scenario: plan facts, widget ↔ URL state, the scenario frame, texts, exports."""

from __future__ import annotations

import dataclasses
import io
import math

import openpyxl
import pandas as pd
import pytest

from lishi_metrics.data import db as data
from lishi_metrics.text.i18n import t
from lishi_metrics.views import scenario as sv
from lishi_metrics.views import state

# The shipped plan's ids of the rows the scenario reads (the scenario itself finds them by role).
GDP_ID, SHARE_ID, GDP13_ID = "fyp14_gdp", "fyp14_industry_share_gdp", "fyp13_gdp"


def _tables(gdp: dict | None = None, share: dict | None = None, gdp13: dict | None = None):
    """Minimal indicator tables with the three rows the scenario reads (plan numbers by default)."""
    fyp14 = pd.DataFrame([
        {"indicator_id": GDP_ID, "role": "gdp", "base_year": 2020, "base_value": 154.7, "target_year": 2025,
         "target_value": 255.0, "growth_pct": 9.8, "latest_year": pd.NA, "latest_value": float("nan"),
         **(gdp or {})},
        {"indicator_id": SHARE_ID, "role": "industry_share", "base_year": 2020, "base_value": 38.7, "target_year": 2025,
         "target_value": 49.0, "growth_pct": 4.9, **(share or {})},
    ])
    fyp13 = pd.DataFrame([{"indicator_id": GDP13_ID, "role": "gdp", "actual_growth_pct": 7.3, **(gdp13 or {})}])
    return fyp14, fyp13


@pytest.fixture
def facts() -> sv.PlanFacts:
    return sv.plan_facts(*_tables())


def with_actuals(facts: sv.PlanFacts, *points: tuple[int, float]) -> sv.PlanFacts:
    return dataclasses.replace(facts, actuals=tuple(points))


def params(**query) -> state.ScenarioParams:
    parsed, _ = state.parse_scenario_params(query, sv.plan_facts(*_tables()))
    return parsed


def scen(facts: sv.PlanFacts, **query) -> sv.Scenario:
    return sv.build_scenario(facts, params(**query))


# --- plan facts ------------------------------------------------------------------------------------


def test_plan_facts_from_the_shipped_tables():
    f = sv.plan_facts(data.indicator_table("fyp14"), data.indicator_table("fyp13"), data.imported_actuals(GDP_ID))
    assert (f.base_year, f.base_gdp, f.target_year, f.target_gdp) == (2020, 154.7, 2025, 255.0)
    assert (f.plan_real, f.trend_real, f.share0, f.share1) == pytest.approx((0.098, 0.073, 0.387, 0.49))
    assert f.actuals == ()


def test_plan_arithmetic_from_the_facts(facts):
    assert facts.plan_nominal == pytest.approx(0.1051214, abs=1e-7)
    assert facts.implied_price == pytest.approx(0.0064858, abs=1e-7)
    assert facts.real_only_gdp == pytest.approx(246.889, abs=1e-3)
    assert facts.plan_years == [2021, 2022, 2023, 2024, 2025]


def test_facts_follow_the_data_not_constants():
    f = sv.plan_facts(*_tables(gdp={"base_value": 100.0, "target_value": 200.0, "growth_pct": 12.0}))
    assert f.plan_nominal == pytest.approx(2 ** 0.2 - 1)
    assert f.implied_price == pytest.approx(2 ** 0.2 / 1.12 - 1)


@pytest.mark.parametrize("broken", [{"base_value": float("nan")}, {"target_value": None}, {"growth_pct": "x"}])
def test_plan_facts_missing_numbers_raise_a_readable_error(broken):
    with pytest.raises(sv.ScenarioDataError, match="lishi_metrics build"):
        sv.plan_facts(*_tables(gdp=broken))


def test_plan_facts_without_a_gdp_row_raise_in_both_languages():
    fyp14, fyp13 = _tables()
    with pytest.raises(sv.ScenarioDataError, match="role 'gdp'.*地区生产总值"):
        sv.plan_facts(fyp14[fyp14["indicator_id"] == SHARE_ID], fyp13)


def test_plan_facts_without_share_or_previous_plan_still_work():
    fyp14, _ = _tables()
    f = sv.plan_facts(fyp14[fyp14["indicator_id"] == GDP_ID], None)
    assert not f.has_share and (f.share0, f.share1) == (None, None)
    assert f.trend_real == f.plan_real and not f.trend_known


def test_plan_facts_find_rows_by_role_not_by_id():
    fyp14, fyp13 = _tables()
    fyp14 = fyp14.assign(indicator_id=["x_gdp_row", "x_share"])
    f = sv.plan_facts(fyp14, fyp13.assign(indicator_id="y_gdp"))
    assert (f.gdp_id, f.base_gdp, f.share1, f.trend_real) == ("x_gdp_row", 154.7, 0.49, 0.073)
    # The shipped ids without roles are nothing to the scenario: no GDP row, no trend.
    with pytest.raises(sv.ScenarioDataError, match="role 'gdp'"):
        sv.plan_facts(fyp14.drop(columns="role").assign(indicator_id=[GDP_ID, SHARE_ID]), fyp13)
    assert not sv.plan_facts(*_tables()[:1], fyp13.drop(columns="role")).trend_known


def test_actuals_choose_the_start(facts):
    actuals = pd.DataFrame({"indicator_id": [GDP_ID, GDP_ID, "fyp14_other"], "year": [2022, 2021, 2023],
                            "value": [185.0, 170.0, 1.0]})
    f = sv.plan_facts(*_tables(), actuals)
    assert f.actuals == ((2021, 170.0), (2022, 185.0))
    assert (f.start_year, f.start_gdp, f.from_actual) == (2022, 185.0, True)
    assert f.sim_years == [2023, 2024, 2025] and f.first_sim_index == 2


def test_latest_actual_from_the_indicator_table_when_no_actuals_frame():
    f = sv.plan_facts(*_tables(gdp={"latest_year": 2021, "latest_value": 171.0}))
    assert f.start == (2021, 171.0)


def test_an_actual_for_the_target_year_is_shown_not_simulated_from(facts):
    f = with_actuals(facts, (2021, 170.0), (2025, 260.0))
    assert f.start == (2021, 170.0) and f.target_actual == 260.0
    assert "260.0 亿元" in sv.start_text(f, "zh") and "已达到目标" in sv.start_text(f, "zh")


# --- presets and widget state ----------------------------------------------------------------------


def test_preset_values(facts):
    presets = sv.preset_values(facts)
    assert list(presets) == [k for k in sv.PRESET_KEYS if k != "year_target"]  # no year target imported
    assert presets["plan"] == ([9.8] * 5, None)
    assert presets["trend13"] == ([7.3] * 5, None)
    assert presets["optimistic"][0] == [12.0] * 5 and presets["cautious"][0] == [6.0] * 5
    assert presets["on_target"] == ([10.5122] * 5, [0.0] * 5)


def test_the_year_target_preset_takes_the_years_own_targets_and_the_plan_rate_elsewhere(facts):
    assert "year_target" not in sv.preset_keys(facts)
    # 2026 lies after this plan: a year target there is never a preset of it
    assert "year_target" not in sv.preset_keys(dataclasses.replace(facts, year_targets=((2026, 0.06),)))
    f = dataclasses.replace(with_actuals(facts, (2021, 170.0)), year_targets=((2022, 0.065), (2023, 0.06), (2026, 0.05)))
    assert f.simulated_year_targets == {2022: 0.065, 2023: 0.06}
    assert "year_target" in sv.preset_keys(f)
    assert sv.preset_values(f)["year_target"] == ([9.8, 6.5, 6.0, 9.8, 9.8], None)
    assert sv.preset_label("year_target", f, "zh") == "按年度目标"
    zh, en = sv.preset_caption("year_target", f, "zh"), sv.preset_caption("year_target", f, "en")
    assert "2022年增长 6.50%、2023年增长 6.00%" in zh and "9.80%" in zh
    assert "6.50% in 2022, 6.00% in 2023" in en and "9.80%" in en
    state_ = sv.params_from_controls(sv.controls_from_params(
        dataclasses.replace(state.default_params(f), g=(9.8, 6.5, 6.0, 9.8, 9.8)), f), f, "zh")
    assert sv.matching_preset(state_, f) == "year_target"


def test_the_years_gdp_targets_come_from_the_periodic_rows_that_feed_the_gdp_row():
    indicators = pd.DataFrame({"periodic_id": ["gdp", "retail_sales"], "feeds_role": ["gdp", None]})
    targets = pd.DataFrame({"indicator_id": ["retail_sales", "gdp", "gdp", "gdp"], "year": [2026, 2027, 2026, 2028],
                            "target_growth": [8.0, 5.5, 6.0, float("nan")], "target_value": [None, None, None, 300.0]})
    assert sv.gdp_year_targets(indicators, targets) == ((2026, 0.06), (2027, 0.055))
    assert sv.gdp_year_targets(indicators, None) == () and sv.gdp_year_targets(indicators, targets.iloc[:0]) == ()


def test_facts_from_data_carry_the_imported_year_targets(tmp_path):
    from test_cli_periods import filled

    from conftest import run_cli

    assert run_cli("periods", "import", str(filled(tmp_path / "f.xlsx")), "--by", "t").returncode == 0
    data.reset()
    assert sv.facts_from_data("fyp14").year_targets == ((2026, 0.06),)


def test_on_target_preset_survives_the_url_and_lands_on_the_target(facts):
    g, p = sv.preset_values(facts)["on_target"]
    query = sv.url_params(sv.params_from_controls(
        {sv.K_SAME_G: True, sv.K_G_ALL: g[0], sv.K_P_IMPLIED: False, sv.K_SAME_P: True, sv.K_P_ALL: p[0]}, facts, "zh"))
    out = sv.outcome(sv.build_scenario(facts, params(**query)))
    assert out.reached and out.crossing == 2025
    assert 255.0 <= out.gdp < 255.001


def test_on_target_preset_from_a_later_actual(facts):
    f = with_actuals(facts, (2022, 185.0))
    g, _ = sv.preset_values(f)["on_target"]
    assert g[0] == pytest.approx(((255 / 185) ** (1 / 3) - 1) * 100, abs=1e-4)
    sc = sv.build_scenario(f, sv.params_from_controls(_preset_state(f, "on_target"), f, "zh"))
    assert sv.outcome(sc).reached


def _preset_state(f: sv.PlanFacts, key: str) -> dict:
    values = sv.controls_from_params(state.default_params(sv.plan_facts(*_tables())), f)
    sv.apply_preset(values, key, f)
    return values


@pytest.mark.parametrize("key", sv.PRESET_KEYS)
def test_apply_preset_then_match(facts, key):
    facts = dataclasses.replace(facts, year_targets=((2023, 0.06),))  # every preset offered, year_target too
    p = sv.params_from_controls(_preset_state(facts, key), facts, "zh")
    assert sv.matching_preset(p, facts) == key


def test_defaults_are_the_plan_preset(facts):
    assert sv.matching_preset(state.default_params(sv.plan_facts(*_tables())), facts) == "plan"
    assert sv.matching_preset(params(g="7.3", p="0"), facts) is None


def test_controls_round_trip_the_url_state(facts):
    p = params(g="5,6,7,8,9", p="1,1,2,2,3", sigma="2.5", n="5000", seed="7", horizon="2035", lr="4", lang="en")
    values = sv.controls_from_params(p, facts)
    assert values[sv.K_SAME_G] is False and values[sv.k_g(2023)] == 7.0
    assert values[sv.K_P_IMPLIED] is False and values[sv.K_SAME_P] is False
    assert sv.params_from_controls(values, facts, "en") == p


def test_same_for_all_years_from_one_value(facts):
    values = sv.controls_from_params(params(g="8"), facts)
    assert values[sv.K_SAME_G] is True and values[sv.K_G_ALL] == 8.0
    assert sv.params_from_controls(values, facts, "zh").g == (8.0,) * 5


def test_same_toggle_off_spreads_and_on_takes_the_first_simulated_year(facts):
    values = sv.controls_from_params(params(g="8"), facts)
    values[sv.K_SAME_G] = False
    sv.same_changed(values, facts, "g")
    assert [values[sv.k_g(y)] for y in facts.plan_years] == [8.0] * 5
    values[sv.k_g(2021)] = 3.0
    values[sv.K_SAME_G] = True
    sv.same_changed(values, facts, "g")
    assert values[sv.K_G_ALL] == 3.0
    later = with_actuals(facts, (2021, 170.0))
    values[sv.k_g(2022)] = 4.0
    sv.same_changed(values, later, "g")
    assert values[sv.K_G_ALL] == 4.0  # 2021 is an actual: the first simulated year is 2022


def test_custom_price_starts_at_the_implied_rate(facts):
    values = sv.controls_from_params(state.default_params(sv.plan_facts(*_tables())), facts)
    values[sv.K_P_IMPLIED] = False
    sv.implied_changed(values, facts)
    p = sv.params_from_controls(values, facts, "zh")
    assert p.p == pytest.approx((facts.implied_price * 100,) * 5)
    assert sv.outcome(sv.build_scenario(facts, p)).gdp == pytest.approx(255.0)


def test_url_params_remove_a_stale_price(facts):
    assert sv.url_params(state.default_params(sv.plan_facts(*_tables())))["p"] == ""
    assert sv.url_params(params(p="0"))["p"] == "0"
    assert sv.query_string(params(g="7.3", p="0")).startswith("g=7.3&p=0&sigma=1&n=10000&seed=2021")


# --- the scenario ----------------------------------------------------------------------------------


def test_contract_url_gives_220(facts):
    sc = scen(facts, g="7.3,7.3,7.3,7.3,7.3", p="0")
    out = sv.outcome(sc)
    assert out.gdp == pytest.approx(220.0336, abs=1e-4)
    assert sv.money(out.gdp, "zh") == "220.0 亿元"
    assert sv.money(out.gdp, "en") == "CNY 22.00 bn"  # English shows the English unit (issue 14.6)
    assert out.gap == pytest.approx(-34.9664, abs=1e-4) and out.gap_fraction == pytest.approx(-0.137123, abs=1e-6)
    assert out.crossing is None and not out.reached


def test_default_plan_lands_on_255(facts):
    sc = scen(facts)
    out = sv.outcome(sc)
    assert out.gdp == pytest.approx(255.0, rel=1e-12) and out.reached and out.crossing == 2025
    assert out.cumulative_nominal == pytest.approx(255 / 154.7 - 1)
    assert out.cumulative_real == pytest.approx(1.098 ** 5 - 1)
    assert sc.frame["kind"].tolist() == ["base"] + ["scenario"] * 5
    assert sc.frame["nominal_growth"].iloc[1:].tolist() == pytest.approx([0.1051214] * 5, abs=1e-7)
    assert sc.frame["gap"].abs().max() < 1e-9


def test_plan_path_is_the_plans_whatever_the_scenario(facts):
    sc = scen(facts, g="6", p="0")
    assert sc.frame["plan_path"].tolist() == pytest.approx([154.7 * (255 / 154.7) ** (k / 5) for k in range(6)], rel=1e-12)
    assert sc.frame["gap"].iloc[-1] == pytest.approx(154.7 * 1.06 ** 5 - 255.0)


def test_extension_to_2035(facts):
    sc = scen(facts, horizon="2035", lr="5")
    tail = sc.frame[sc.frame["year"] > 2025]
    assert tail["year"].tolist() == list(range(2026, 2036))
    assert set(tail["kind"]) == {"extension"} and tail["plan_path"].isna().all()
    growth = 1.05 * (1 + facts.implied_price)
    assert sc.gdp_in(2035) == pytest.approx(255.0 * growth ** 10)
    assert sv.horizon_card(sc, "zh").label == "2035年地区生产总值"
    assert sv.horizon_card(scen(facts), "zh") is None


@pytest.mark.parametrize("query", [{}, {"g": "7.3", "p": "0"}, {"g": "9", "horizon": "2035", "lr": "9"},
                                   {"g": "10.5122", "p": "0"}, {"g": "25"}, {"g": "-10", "horizon": "2035"}])
def test_outcome_agrees_with_the_scenario_module(facts, query):
    sc = scen(facts, **query)
    out = sv.outcome(sc)
    assert out.crossing == sv.scenario.crossing_year(sc.frame, 255.0)
    short = sv.scenario.shortfall(sc.frame, 255.0, 2025)
    assert (out.gap, out.gap_fraction) == pytest.approx((-short.amount, -short.fraction))


def test_late_crossing_after_2025(facts):
    sc = scen(facts, g="9", horizon="2030", lr="9")
    out = sv.outcome(sc)
    assert not out.reached and out.crossing == 2026
    assert sv.crossing_text(sc, out, "zh") == "2026年才达到"
    assert "2026年才达到" in sv.chart_labels(sc, out, "zh")["title"]


def test_simulation_starts_from_the_latest_actual(facts):
    f = with_actuals(facts, (2021, 170.0), (2022, 185.0))
    sc = sv.build_scenario(f, params(g="8"))
    df = sc.frame
    assert df["year"].tolist() == list(range(2020, 2026))
    assert df["kind"].tolist() == ["base", "actual", "actual", "scenario", "scenario", "scenario"]
    assert df["nominal_growth"].iloc[1] == pytest.approx(170 / 154.7 - 1)
    assert df["nominal_growth"].iloc[2] == pytest.approx(185 / 170 - 1)
    assert math.isnan(df["real_growth"].iloc[2])
    assert sc.gdp_in(2025) == pytest.approx(185.0 * (1.08 * (1 + f.implied_price)) ** 3)
    assert df["plan_path"].iloc[2] == pytest.approx(154.7 * (255 / 154.7) ** 0.4, rel=1e-12)  # the plan's path, not from 185
    out = sv.outcome(sc)
    assert out.cumulative_nominal == pytest.approx(sc.gdp_in(2025) / 185 - 1)
    assert sv.mc_inputs(sc)["base_year"] == 2022 and len(sv.mc_inputs(sc)["real"]) == 3
    assert "2022年实际值" in sv.start_text(f, "zh")


def test_chart_frame_shows_actuals_only_when_imported(facts):
    labels = sv.chart_labels(scen(facts), sv.outcome(scen(facts)), "zh")
    frame = sv.chart_frame(scen(facts), labels)
    assert set(frame["scenario"]) == {labels["scenario"], labels["plan"]}
    f = with_actuals(facts, (2021, 170.0))
    frame = sv.chart_frame(sv.build_scenario(f, params()), labels)
    actual = frame[frame["scenario"] == labels["actual"]]
    assert actual["year"].tolist() == [2020, 2021] and actual["value"].tolist() == [154.7, 170.0]
    assert frame[frame["scenario"] == labels["scenario"]]["year"].min() == 2021


def test_fan_only_with_volatility():
    q = pd.DataFrame({"year": [2020], "p05": [1.0], "p25": [1.0], "p50": [1.0], "p75": [1.0], "p95": [1.0]})
    assert sv.fan_frame(q, 0.0) is None and sv.fan_frame(q, 1.0) is q and sv.fan_frame(None, 1.0) is None


# --- metrics and texts -----------------------------------------------------------------------------


def test_headline_cards_zh_and_en(facts):
    sc = scen(facts, g="7.3", p="0")
    out = sv.outcome(sc)
    zh = sv.headline_cards(sc, out, 0.0, "zh")
    assert [c.label for c in zh] == ["2025年地区生产总值", "距2025年目标（255 亿元）", "何时达到 255 亿元", "2025年达标概率"]
    assert [c.value for c in zh] == ["220.0 亿元", "−35.0 亿元", "2025年前未达到", "0.0%"]
    assert zh[1].delta == "-13.7%"
    en = sv.headline_cards(sc, out, 0.5, "en")
    assert [c.label for c in en] == ["GDP 2025", "Gap to the 2025 target (CNY 25.5 bn)", "When CNY 25.5 bn is reached",
                                     "Chance of reaching the target by 2025"]
    assert [c.value for c in en[:3]] == ["CNY 22.00 bn", "−CNY 3.50 bn", "not by 2025"]
    assert en[0].delta is None  # English shows the English unit, not 亿元 with a reading below (issue 14.6)
    assert en[3].value == "50.0%"


def test_required_growth_from_any_year(facts):
    sc = scen(facts)
    res, price = sv.required(sc, 2020)
    assert (res.nominal, res.real) == pytest.approx((0.1051214, 0.098), abs=1e-7)
    assert price == pytest.approx(facts.implied_price)
    sc = scen(facts, g="7.3", p="0")
    res, price = sv.required(sc, 2023)
    assert res.from_value == pytest.approx(154.7 * 1.073 ** 3)
    assert res.nominal == pytest.approx((255 / (154.7 * 1.073 ** 3)) ** 0.5 - 1)
    assert price == 0.0 and res.real == pytest.approx(res.nominal)
    card = sv.required_card(sc, 2023, "zh")
    assert card.label == "2024—2025 年均所需（名义）" and card.delta.startswith("实际 ")
    assert sv.from_years(sc) == [2020, 2021, 2022, 2023, 2024]


def test_model_explanation_uses_the_computed_numbers(facts):
    named = dataclasses.replace(facts, previous_names=("“十三五”", "13th plan"))  # as facts_from_data("fyp14")
    assert sv.facts_from_data("fyp14").previous_names == named.previous_names
    zh = sv.model_explanation(named, "zh")
    for text in ("9.8%", "154.7 亿元", "255 亿元", "10.51%", "0.65%", "246.9 亿元", "作为参照，“十三五”时期实际年均增长 7.3%。"):
        assert text in zh
    en = sv.model_explanation(named, "en")
    assert "real" in en and "nominal" in en and "0.65%" in en and "CNY 25.5 bn" in en
    assert en.endswith("For reference, the 13th plan period achieved 7.3% a year real.")
    # A plan naming no predecessor: no reference sentence and no trend preset.
    assert "7.3%" not in sv.model_explanation(facts, "zh") and "trend13" not in sv.preset_keys(facts)
    assert sv.preset_keys(named) == tuple(k for k in sv.PRESET_KEYS if k != "year_target") and sv.preset_label("trend13", named, "zh") == "“十三五”趋势"


def test_doubling_benchmark_is_labelled_as_outside_the_plan(facts):
    sc = scen(facts, horizon="2035", lr="4")
    text = sv.doubling_text(sc, sv.outcome(sc), "zh")
    assert "4.73%" in text and "非本规划目标" in text and "2021—2035" in text
    assert "Extend the path to 2035" in sv.doubling_text(scen(facts), sv.outcome(scen(facts)), "en")


def test_preset_caption(facts):
    assert "0.65%" in sv.preset_caption("plan", facts, "zh")
    assert "10.51%" in sv.preset_caption("on_target", facts, "zh")
    assert sv.preset_caption(None, facts, "en").startswith("Custom")


# --- tables and exports ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_year_table_has_no_nan_text(facts, lang):
    f = with_actuals(facts, (2021, 170.0))
    table = sv.year_table(sv.build_scenario(f, params(horizon="2030")), lang)
    assert len(table.columns) == 8 and len(table) == 11
    cells = " ".join(table.astype(str).to_numpy().ravel())
    assert "nan" not in cells.lower() and "None" not in cells


def test_year_table_values(facts):
    table = sv.year_table(scen(facts, g="7.3", p="0"), "zh")
    last = table.iloc[-1].tolist()
    assert last == ["2025", "情景", "7.30%", "0.00%", "7.30%", "220.0", "255.0", "\u221235.0"]
    assert table.iloc[0].tolist()[2] == "暂无数据"


def test_links_in_exports_and_comparisons_name_the_plan_and_the_whole_view():
    """Issue 14.8: a link kept in a file reopens the same plan (not the calendar's default, which moves on) and the
    same view (the required-growth year, the joint sliders, the open tab)."""
    f = sv.facts_from_data("fyp14")
    assert f.plan_id == "fyp14"
    sc = sv.build_scenario(f, state.parse_scenario_params(
        {"g": "8,8,8,8,8", "from": "2022", "ind": "12", "tab": "joint"}, f)[0])
    link = "/scenario?g=8,8,8,8,8&sigma=1&n=10000&seed=2021&horizon=2025&lr=5&lang=zh&from=2022&ind=12&tab=joint&plan=fyp14"
    assert sv.assumptions_frame(sc, 0.5, "zh").iloc[-1].tolist() == ["链接参数", link, ""]
    book = openpyxl.load_workbook(io.BytesIO(sv.export_xlsx(sc, 0.5, "zh")))
    about = [c.value for row in book["说明"].iter_rows() for c in row]
    assert link in about
    assert "/scenario?" + sv.bundle(sc, 0.5, "A", "zh")["query"] == link
    assert sv.query_string(sc.params) == link.removeprefix("/scenario?").removesuffix("&plan=fyp14")


def test_export_csv_starts_with_its_header_row_and_holds_numbers(facts):
    sc = scen(facts, g="7.3", p="0")
    raw = sv.export_csv(sc, 0.0, "zh")
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("年份,类型,实际增速（%）")
    assert "'" not in text  # every cell a number or a word: nothing to neutralise
    frame = pd.read_csv(io.StringIO(text))
    assert frame["地区生产总值（亿元）"].iloc[-1] == pytest.approx(220.0336, abs=1e-4)
    assert frame["实际增速（%）"].iloc[-1] == pytest.approx(7.3)
    assert pd.api.types.is_float_dtype(frame["与规划路径之差（亿元）"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_export_xlsx_holds_numbers_with_formats_in_one_amount_scale(facts, lang):
    sc = scen(facts, horizon="2030")
    book = openpyxl.load_workbook(io.BytesIO(sv.export_xlsx(sc, 0.5, lang)))
    years, assumptions = book.worksheets[0], book.worksheets[1]
    assert book.sheetnames[2] == ("说明" if lang == "zh" else "about")
    assert years.max_row == 15  # title, source, blank, header + 2020 … 2030
    header = [c.value for c in years[4]]
    unit = "亿元" if lang == "zh" else "CNY bn"
    assert all(unit in h for h in header[5:]) and all("%" in h for h in header[2:5])
    last = list(years.iter_rows(min_row=15, values_only=False))[0]
    assert all(isinstance(c.value, (int, float)) for c in last[2:6])
    assert [c.number_format for c in last[2:6]] == ["0.00", "0.00", "0.00", "0.0" if lang == "zh" else "0.00"]
    rows = {r[0].value: r for r in assumptions.iter_rows(min_row=5)}
    gap = rows[t("sim_x_gap", lang)]
    # The gap is a number in the file's one scale (亿元 / CNY bn), never text with an apostrophe or in millions.
    assert isinstance(gap[1].value, float) and gap[2].value == unit and not gap[1].quotePrefix
    assert rows[t("sim_x_start_year", lang, year=2020)][1].value == pytest.approx(154.7 if lang == "zh" else 15.47)
    texts = [c.value for row in book.worksheets[1].iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(v.startswith("'") for v in texts)
    assert not any("million" in v for ws in book.worksheets for row in ws.iter_rows() for v in
                   [c.value for c in row] if isinstance(v, str) and not v.startswith("Source"))


def test_long_run_rate_is_not_applicable_when_the_horizon_is_the_target_year(facts):
    frame = sv.assumptions_frame(scen(facts, horizon="2025"), None, "en")
    row = frame[frame.iloc[:, 0] == t("sim_x_lr", "en")].iloc[0]
    assert row.iloc[1] == "not applicable" and row.iloc[2] == ""


# --- joint targets ---------------------------------------------------------------------------------


def test_joint_requirements_reveal(facts):
    ind, oth = sv.joint_defaults(facts)
    assert ind == pytest.approx(15.85, abs=0.01) and oth == pytest.approx(6.52, abs=0.01)
    text = sv.joint_requirement_text(facts, "zh")
    for part in ("59.9 亿元", "125.0 亿元", "15.85%", "6.52%"):
        assert part in text


def test_joint_view_at_the_required_rates_meets_both(facts):
    jv = sv.joint_view(facts, *sv.joint_defaults(facts))
    assert jv.gdp_met and jv.share_met
    assert jv.frame["industry_share"].iloc[-1] == pytest.approx(0.49)
    cards = sv.joint_cards(jv, facts, "zh")
    assert cards[2].value == "均达到"


def test_joint_view_equal_growth_keeps_the_share(facts):
    jv = sv.joint_view(facts, 10.6, 10.6)
    assert jv.frame["industry_share"].tolist() == pytest.approx([0.387] * 6)
    assert jv.frame["gdp"].iloc[-1] == pytest.approx(154.7 * 1.106 ** 5)
    assert (jv.gdp_met, jv.share_met) == (True, False)
    assert sv.joint_cards(jv, facts, "en")[1].delta.startswith("-10.3 pp")
    table = sv.joint_table(jv, "zh")
    assert table.iloc[0].tolist() == ["2020", "59.9", "94.8", "154.7", "38.7%"]
    frame = sv.joint_chart_frame(jv, "zh")
    assert set(frame["part"]) == {"工业增加值", "其余部分"} and len(frame) == 12


# --- comparison ------------------------------------------------------------------------------------


def test_saved_scenarios_are_unique_and_capped(facts):
    b = sv.bundle(scen(facts, g="7.3", p="0"), 0.0, "A", "zh")
    saved: list[dict] = []
    for _ in range(5):
        saved = sv.add_saved(saved, b, reserved=["规划路径"])
    assert [s["name"] for s in saved] == ["A", "A (2)", "A (3)", "A (4)"] and sv.is_full(saved)
    assert sv.add_saved(saved, b) == saved
    assert sv.unique_name("规划路径", [], reserved=["规划路径"]) == "规划路径 (2)"
    assert sv.unique_name("  x  " * 20, []) == ("x " * 15).strip()
    assert [s["name"] for s in sv.remove_saved(saved, "A (2)")] == ["A", "A (3)", "A (4)"]
    assert sv.default_name(saved[:1], "zh") == "情景 2"


def test_compare_table_side_by_side(facts):
    current = sv.bundle(scen(facts), 0.497, "当前", "zh")
    other = sv.bundle(scen(facts, g="7.3", p="0"), 0.0, "十三五", "zh")
    table = sv.compare_table([current, other], "zh")
    assert list(table.columns) == ["项目", "当前", "十三五"]
    rows = dict(zip(table["项目"], table["十三五"]))
    assert rows["目标年地区生产总值"] == "220.0 亿元"
    assert rows["距目标"] == "\u221235.0 亿元 (\u221213.7%)"
    assert rows["达到目标年份"] == "未达到" and rows["达标概率"] == "0.0%"
    assert rows["实际增速"] == "7.30%" and rows["价格涨幅"] == "0.00%"
    assert dict(zip(table["项目"], table["当前"]))["价格涨幅"] == "0.65% (规划隐含)"
    labels = sv.chart_labels(scen(facts), sv.outcome(scen(facts)), "zh")
    frame = sv.compare_chart_frame([current, other], facts, labels)
    assert list(dict.fromkeys(frame["scenario"])) == ["当前", "十三五", labels["plan"]]


def test_view_choices_do_not_split_the_shared_answers_but_stay_in_links(facts):
    """The open tab, the joint sliders, the required-growth year and the per-year toggles change no number of the
    shared answer (ui.scenario_results is keyed by results_params); with_view puts them back for the links."""
    viewer = params(g="8,8,8,8,8", **{"from": "2022"}, ind="12", rest="7", tab="compare")
    plain = params(g="8")
    assert viewer != plain and sv.results_params(viewer) == sv.results_params(plain) == plain
    sc = sv.build_scenario(facts, sv.results_params(viewer))
    mine = sv.with_view(sc, viewer)
    assert mine.frame is sc.frame and "from=2022&ind=12&rest=7&tab=compare" in sv.bundle(mine, None, "A", "zh")["query"]


def test_actual_years_take_their_real_growth_from_the_comparable_price_rates_never_from_the_levels():
    """Issue 22.1: 170 → 185 is +8.82 % at current prices; the imported +6 % at comparable prices is the real
    growth of 2022 and the price change is what lies between (+2.66 %); 2021 has no rate: real stays unknown."""
    actuals = pd.DataFrame({"indicator_id": [GDP_ID, GDP_ID, GDP_ID + ".comparable_growth"],
                            "year": [2021, 2022, 2022], "value": [170.0, 185.0, 6.0]})
    f = sv.plan_facts(*_tables(), actuals)
    assert f.real_actuals == ((2022, 0.06),)
    frame = sv.build_scenario(f, state.parse_scenario_params({}, f)[0]).frame.set_index("year")
    assert frame.loc[2022, "nominal_growth"] == pytest.approx(185 / 170 - 1)
    assert frame.loc[2022, "real_growth"] == pytest.approx(0.06)
    assert frame.loc[2022, "price_change"] == pytest.approx((185 / 170) / 1.06 - 1)
    assert math.isnan(frame.loc[2021, "real_growth"]) and math.isnan(frame.loc[2021, "price_change"])
