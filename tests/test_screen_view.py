"""Tests of lishi_metrics.views.screen: the big screen's panels as plain data (exact values from the plan)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lishi_metrics.data import db as data
from lishi_metrics.text.strings import screen as screen_texts
from lishi_metrics.views import screen as sv
from lishi_metrics.views import state

from facts import FACTS, FYP14

TODAY = date(2025, 6, 3)  # a Tuesday


@pytest.fixture(scope="module")
def frames() -> sv.ScreenData:
    data.reset()
    return sv.ScreenData(
        t14=data.indicator_table("fyp14"), t13=data.indicator_table("fyp13"), actuals=data.imported_actuals(),
        project_counts=data.project_counts(), enterprises=data.enterprises(), figures=data.text_figures(),
    )


def with_actual(t14: pd.DataFrame, indicator_id: str, year: int, value: float) -> pd.DataFrame:
    """The indicator table as if `value` had been imported for `year`."""
    out = t14.copy()
    out["latest_year"] = out["latest_year"].astype("Int64")
    mask = out["indicator_id"] == indicator_id
    out.loc[mask, "latest_year"] = year
    out.loc[mask, "latest_value"] = value
    return out


def tile(t14: pd.DataFrame, indicator_id: str, lang: str = "zh") -> sv.Tile:
    (only,) = sv.indicator_tiles(t14, (indicator_id,), lang)
    return only


# --- URL parameters and rotation ---------------------------------------------------------------

def test_parse_params_defaults_without_notice():
    assert sv.parse_params({}) == (sv.ScreenParams(rotate=20, panel=1), [])
    assert sv.parse_params(None) == (sv.ScreenParams(rotate=20, panel=1), [])


def test_parse_params_reads_rotate_and_panel():
    assert sv.parse_params({"rotate": "0", "panel": "3"}) == (sv.ScreenParams(rotate=0, panel=3), [])
    assert sv.parse_params({"rotate": "45", "panel": "5"})[0] == sv.ScreenParams(rotate=45, panel=5)


@pytest.mark.parametrize(
    ("params", "expected", "notice"),
    [
        ({"panel": "9"}, sv.ScreenParams(20, 6), ("panel", state.CLAMPED, "clamped", "6")),
        ({"panel": "0"}, sv.ScreenParams(20, 1), ("panel", state.CLAMPED, "clamped", "1")),
        ({"panel": "2.5"}, sv.ScreenParams(20, 1), ("panel", state.NOT_AN_INTEGER, "ignored", "1")),
        ({"rotate": "abc"}, sv.ScreenParams(20, 1), ("rotate", state.NOT_A_NUMBER, "ignored", "20")),
        ({"rotate": "-5"}, sv.ScreenParams(0, 1), ("rotate", state.CLAMPED, "clamped", "0")),
        ({"rotate": "99999"}, sv.ScreenParams(3600, 1), ("rotate", state.CLAMPED, "clamped", "3600")),
    ],
)
def test_parse_params_invalid_gives_default_and_notice(params, expected, notice):
    parsed, notices = sv.parse_params(params)
    assert parsed == expected
    assert [(n.param, n.message_key, n.kind, n.value) for n in notices] == [notice]


def test_parse_params_survives_a_broken_mapping():
    class Broken:
        def get(self, key):
            raise RuntimeError("boom")

    assert sv.parse_params(Broken()) == (sv.ScreenParams(20, 1), [])


@pytest.mark.parametrize(("panel", "following"), [(1, 2), (2, 3), (4, 5), (5, 6), (6, 1)])
def test_next_panel_wraps(panel, following):
    assert sv.next_panel(panel) == following


def test_run_every_is_none_when_the_wall_stays():
    assert sv.run_every(sv.ScreenParams(rotate=0)) is None
    assert sv.run_every(sv.ScreenParams(rotate=20)) == 20


def test_counter_and_date_line():
    assert sv.counter_text(2, "zh") == "2 / 6" and sv.counter_text(2, "zh", 5) == "2 / 5"
    assert sv.date_line(TODAY, "zh") == "2025年6月3日 星期二"
    assert sv.date_line(TODAY, "en") == "Tuesday, 3 June 2025"
    assert sv.date_line(date(2026, 11, 29), "en") == "Sunday, 29 November 2026"


def test_notice_lines_are_plain_text_and_name_parameters_in_words():
    """Issue 14.8: the wall's notices say 大屏画面（panel）, not a bare `panel`."""
    _, notices = sv.parse_params({"panel": "<b>9</b>"})
    assert sv.notice_lines(notices, "zh") == ["⚠ 已忽略无效参数 大屏画面（panel）: “<b>9</b>”"]
    _, notices = sv.parse_params({"panel": "7"})
    assert sv.notice_lines(notices, "en") == [
        "⚠ Parameter big-screen panel (panel) was out of range and was set to 6: “7”"]
    _, notices = sv.parse_params({"panel": "7", "rotate": "x", "sidebar": "2"})
    assert sv.notice_text(notices, "zh") == ("⚠ 已忽略无效参数 轮播秒数（rotate）: “x”   "
                                             "⚠ 参数 大屏画面（panel） 超出范围，已调整为 6: “7”   "
                                             "⚠ 参数 侧边栏（sidebar） 超出范围，已调整为 1: “2”")


def test_notice_lines_for_unknown_parameters():
    names, notices = state.unknown_params({"indicator": "x", "rotate": "5"}, "screen")
    assert names == ["indicator"]
    assert sv.notice_lines(notices, "en") == [
        "⚠ Ignored parameter indicator, which this page does not use; removed from the address: “x”"]


def test_chunks():
    assert sv.chunks((1, 2, 3, 4, 5), 2) == [(1, 2), (3, 4), (5,)]
    assert sv.chunks((), 5) == []


# --- stylesheet and texts -------------------------------------------------------------------------

def test_css_is_local_only_and_sets_the_font_stack():
    css = sv.screen_css()
    assert '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif' in css
    for banned in ("http:", "https:", "@import", "url(", "@font-face", "<"):
        assert banned not in css
    assert "overflow: hidden" in css


def test_screen_strings_are_prefixed():
    assert all(key.startswith("sc_") for key in screen_texts.STRINGS)


# --- tiles ----------------------------------------------------------------------------------------

def test_gdp_tile_without_actuals_shows_2020_and_target(frames):
    assert tile(frames.t14, "fyp14_gdp") == sv.Tile(
        key="fyp14_gdp", name="地区生产总值", label="2020年实际", value="154.7 亿元",
        lines=("2025年目标 255 亿元",), status="pending", status_text="○ 规划路径 年均 +10.51%",
        tag="预期性", tag_kind="anticipatory", value_kind="number",
    )


def test_gdp_tile_in_english_uses_cny_bn(frames):
    en = tile(frames.t14, "fyp14_gdp", "en")
    assert (en.name, en.label, en.value, en.lines, en.status_text, en.tag) == (
        "GDP", "2020 actual", "CNY 15.47 bn", ("2025 target CNY 25.5 bn",), "○ Plan path +10.51% a year", "Anticipatory")


def test_share_tile_paces_in_percentage_points_and_binding_tag(frames):
    air = tile(frames.t14, "fyp14_good_air_days_ratio")
    assert (air.value, air.lines, air.status_text, air.tag, air.tag_kind) == (
        "82.8%", ("2025年目标 85%",), "○ 规划路径 年均 +0.4 个百分点", "约束性", "binding")
    assert tile(frames.t14, "fyp14_urbanization_rate", "en").status_text == "○ Plan path +0.31 pp a year"


def test_firm_counts_use_the_rows_own_english_unit_moved_into_the_label(frames):
    """indicators.csv's unit_en through fmt.fmt_value, the one formatter; too long for the wall's big number,
    the unit word joins the label."""
    firms = tile(frames.t14, "fyp14_industrial_enterprises", "en")
    assert (firms.label, firms.value, firms.lines) == ("2020 actual (enterprises)", "30", ("2025 target 65 enterprises",))
    zh = tile(frames.t14, "fyp14_industrial_enterprises")
    assert (zh.label, zh.value) == ("2020年实际", "30 户")
    doctors = tile(frames.t14, "fyp14_doctors_per_1000", "en")
    assert (doctors.value, doctors.lines) == ("2.5 doctors", ("2025 target 3 doctors",))


def test_tile_with_an_imported_actual_shows_it_with_status(frames):
    # Plan path 2023: 154.7 × (255/154.7)^(3/5) = 208.8, band ±10.03 (half a year's planned change):
    # 195 is behind it, 220 ahead of it, 200 broadly on track.
    behind = tile(with_actual(frames.t14, "fyp14_gdp", 2023, 195.0), "fyp14_gdp")
    assert (behind.label, behind.value, behind.status, behind.status_text, behind.lines) == (
        "2023年实际", "195 亿元", "behind", "▼ 滞后 · 规划路径 208.8 亿元",
        # No growth at comparable prices imported: the real growth cannot be evaluated, the nominal is labelled.
        ("2025年目标 255 亿元", ("年均增长", "可比价 无法评价 · 现价/名义 +8.0%")))
    assert behind.tone == "bad"
    ahead = tile(with_actual(frames.t14, "fyp14_gdp", 2023, 220.0), "fyp14_gdp", "en")
    assert (ahead.label, ahead.value, ahead.status, ahead.status_text) == (
        "2023 actual", "CNY 22 bn", "ahead", "▲ Ahead of expectations · plan path CNY 20.88 bn")
    assert tile(with_actual(frames.t14, "fyp14_gdp", 2023, 200.0), "fyp14_gdp").status == "on_track"


def test_share_actual_on_track_within_a_tenth_of_a_point(frames):
    # Linear path 82.8 → 85: 83.68 in 2022 (shown at the printed precision); 83.7 is within 0.1 point.
    on = tile(with_actual(frames.t14, "fyp14_good_air_days_ratio", 2022, 83.7), "fyp14_good_air_days_ratio")
    assert (on.value, on.status, on.status_text) == ("83.7%", "on_track", "● 基本符合预期 · 规划路径 83.7%")


def test_text_target_without_2020_value_shows_the_target_as_text(frames):
    carbon = tile(frames.t14, "fyp14_carbon_intensity_reduction")
    assert (carbon.label, carbon.value, carbon.value_kind, carbon.lines, carbon.status, carbon.status_text) == (
        "2025年目标", "完成市任务", "text", ("2020年 暂无数据",), "pending", "○ 待评估")


def test_growth_only_target(frames):
    income = tile(frames.t14, "fyp14_income_growth")
    assert (income.value, income.lines, income.status, income.status_text) == (
        "3.8%", ("目标 年均 7.5%",), "growth_only", "↗ 增速目标")


def test_numeric_target_without_base_has_no_path(frames):
    digital = tile(frames.t14, "fyp14_digital_economy_share")
    assert (digital.label, digital.value, digital.status, digital.status_text) == (
        "2025年目标", "9%", "pending", "○ 待评估 · 规划未列2020年值")


def test_a_missing_base_names_the_plans_own_base_year(frames):
    """Another plan's row without a base value names that plan's base year (2025), not the 14th plan's 2020."""
    t15 = frames.t14.copy()
    t15.loc[t15["indicator_id"] == "fyp14_digital_economy_share", "base_year"] = 2025
    assert tile(t15, "fyp14_digital_economy_share", "en").status_text.endswith("no 2025 value in the plan")
    t15.loc[t15["indicator_id"] == "fyp14_digital_economy_share", "base_year"] = None
    assert tile(t15, "fyp14_digital_economy_share").status_text == "○ 待评估 · 规划未列基期值"


def test_text_range_base_is_shown_as_printed(frames):
    school = tile(frames.t14, "fyp14_schooling_years", "en")
    assert (school.value, school.value_kind, school.lines) == ("9–12 years", "text", ("2025 target 12–15 years",))


# --- panels ---------------------------------------------------------------------------------------

def test_overview_panel(frames):
    panel = sv.build_panel(1, frames, "zh", TODAY)
    assert panel.title == "离石区“十四五”规划监测 · 总览"
    assert (panel.date, panel.counter) == ("2025年6月3日 星期二", "1 / 5")
    assert panel.subtitle == "暂无年度实际值：显示2020年实际值与2025年规划目标"
    assert [t.key for t in panel.tiles] == [  # data/source/placements.csv, place screen_overview
        "fyp14_gdp", "fyp14_urbanization_rate", "fyp14_industrial_enterprises", "fyp14_industry_share_gdp",
        "fyp14_rd_spending", "fyp14_5g_penetration", "fyp14_good_air_days_ratio", "fyp14_forest_cover",
        "fyp14_employee_certification_rate", "fyp14_life_expectancy"]
    assert 8 <= len(panel.tiles) <= 12
    assert [(f.label, f.value, f.detail) for f in panel.facts] == [
        ("主要指标", f"{FYP14} 项",
         f"约束性 {FACTS.attributes['fyp14']['约束性']} 项 · 预期性 {FACTS.attributes['fyp14']['预期性']} 项"),
        ("有数值目标", "21 项", "其余为文字目标或年均增速"),
        ("对照规划路径", "待导入", "导入年度实际值后显示快于预期 / 滞后"),
    ]


def test_overview_panel_with_actuals_counts_statuses(frames):
    t14 = with_actual(with_actual(frames.t14, "fyp14_gdp", 2023, 195.0), "fyp14_forest_cover", 2023, 29.5)
    panel = sv.build_panel(1, sv.ScreenData(**{**frames.__dict__, "t14": t14}), "zh", TODAY)
    assert panel.subtitle == "已导入年度实际值（最新2023年）· 状态为对照规划路径"
    assert len(panel.facts) == 2  # the status line counts the statuses
    assert panel.status_line == "▲ 快于预期 1 · ▼ 滞后 1"


def test_the_walls_status_summary_counts_the_words_its_tiles_show(frames):
    """With target-year actuals the tiles say 超额完成 / 未完成, and so does the summary beside them (issue 25)."""
    t14 = with_actual(with_actual(frames.t14, "fyp14_gdp", 2025, 260.0), "fyp14_forest_cover", 2023, 29.5)
    t14 = with_actual(t14, "fyp14_urbanization_rate", 2025, 70.0)
    panel = sv.build_panel(1, sv.ScreenData(**{**frames.__dict__, "t14": t14}), "zh", TODAY)
    shown = [tile.status for tile in panel.tiles if tile.status in sv.status.JUDGED]
    assert sorted(shown) == ["ahead", "exceeded", "missed"]
    assert panel.status_line == "✓ 超额完成 1 · ▲ 快于预期 1 · ✗ 未完成 1"
    assert "终期评价" in panel.subtitle


def test_gdp_path_printed_values_plan_path_and_target(frames):
    spec = sv.gdp_path(frames, "zh", 1200, 400)
    actual = spec.data[spec.data["series"] == "实际值"]
    plan = spec.data[spec.data["series"] == "规划路径"]
    assert actual[["year", "value"]].values.tolist() == [[2015, 67.9], [2020, 154.7]]
    assert plan["year"].tolist() == [2020, 2021, 2022, 2023, 2024, 2025]
    assert plan["value"].iloc[0] == 154.7 and plan["value"].iloc[-1] == 255.0
    assert plan["value"].iloc[1] == pytest.approx(154.7 * (255 / 154.7) ** 0.2)
    assert (spec.target_year, spec.target_value, spec.labels["target_text"]) == (2025, 255.0, "2025年目标 255 亿元")
    assert spec.point_labels["label"].tolist() == ["67.9", "154.7"]
    assert (spec.title, spec.y_title, spec.labels["plan"]) == ("地区生产总值 2015—2025年", "亿元", "规划路径")


def test_gdp_path_in_english_is_in_cny_bn(frames):
    spec = sv.gdp_path(frames, "en", 1200, 400)
    actual = spec.data[spec.data["series"] == "Actual"]
    assert actual["value"].tolist() == pytest.approx([6.79, 15.47])
    assert (spec.target_value, spec.y_title, spec.labels["target_text"]) == (25.5, "CNY bn", "2025 target CNY 25.5 bn")


def test_gdp_path_adds_imported_actuals(frames):
    actuals = pd.DataFrame({"indicator_id": ["fyp14_gdp", "fyp14_gdp"], "year": [2021, 2022],
                            "value": [170.0, 186.5], "source": ["import-v1"] * 2})
    spec = sv.gdp_path(sv.ScreenData(**{**frames.__dict__, "actuals": actuals}), "zh", 1200, 400)
    assert spec.data[spec.data["series"] == "实际值"]["year"].tolist() == [2015, 2020, 2021, 2022]
    assert spec.point_labels["label"].tolist() == ["67.9", "154.7", "170", "186.5"]


def test_build_chart_is_dark_sized_and_labels_points(frames):
    spec = sv.gdp_path(frames, "zh", 1200, 400)
    chart = sv.build_chart(spec).to_dict()
    assert (chart["width"], chart["height"]) == (1200, 400)
    assert chart["autosize"] == {"type": "fit", "contains": "padding"}
    assert chart["config"]["background"] == "#0b1a2e"
    assert chart["config"]["axisX"]["titleFontSize"] == 0
    texts = [layer for layer in chart["layer"] if layer["mark"]["type"] == "text"]
    assert any(layer["encoding"]["text"] == {"field": "label", "type": "nominal"} for layer in texts)


def test_chart_design_sizes():
    assert sv.chart_height(39.5) == 426
    assert sv.chart_width(0.7) == 1247  # 1862.4 × 0.7 − 2.6 % of 1920 (margins, padding) = 1253.8, less 6 px of border
    assert sv.chart_width(1.0) < 1920 * (1 - 2 * sv.PAGE_PAD_VW / 100)


def test_industries_panel_sector_tiles(frames):
    panel = sv.build_panel(2, frames, "zh", TODAY)
    tiles = {t.key: t for t in panel.tiles}
    assert list(tiles) == list(sv.INDUSTRY_SECTORS)
    assert (tiles["new_energy"].value, tiles["new_energy"].lines, tiles["new_energy"].status_text,
            tiles["new_energy"].tag) == ("5 项", ("风电装机 500 兆瓦", "光伏装机 500 兆瓦"), "点名企业 2 家", "三新")
    assert tiles["new_materials"].lines == ("主营业务收入 年均 +13%", "铜（铝）线材年产能 50 万吨")
    assert (tiles["big_data"].value, tiles["big_data"].lines) == ("19 项", ("数字经济核心产业占GDP 9%",))
    assert (tiles["health"].lines, tiles["health"].status_text) == (("规划未列量化目标",), "规划未点名企业")
    assert [(f.label, f.value) for f in panel.facts] == [
        ("营收50亿元以上企业", "1 家"), ("营收10亿元以上企业", "7 家"), ("高新技术企业", "12 家")]
    share, firms = panel.charts
    assert (share.kind, share.target_value, firms.kind, firms.target_value) == ("share_path", 49.0, "path", 65.0)


def test_industries_panel_in_english(frames):
    panel = sv.build_panel(2, frames, "en", TODAY)
    tiles = {t.key: t for t in panel.tiles}
    assert (tiles["new_energy"].name, tiles["new_energy"].value, tiles["new_energy"].lines) == (
        "New energy", "5", ("Wind power 500 MW", "Solar PV 500 MW"))
    assert tiles["big_data"].status_text == "1 enterprise named"
    assert [(f.label, f.value) for f in panel.facts] == [  # text_figures.csv's unit_en, singular for exactly 1
        ("Revenue ≥ CNY 5 bn", "1 enterprise"), ("Revenue ≥ CNY 1 bn (enterprises)", "7"), ("High-tech enterprises", "12")]


def test_ecology_panel(frames):
    panel = sv.build_panel(3, frames, "zh", TODAY)
    assert [t.key for t in panel.tiles] == [  # data/source/placements.csv, place screen_ecology
        "fyp14_good_air_days_ratio", "fyp14_surface_water_good_ratio", "fyp14_forest_cover",
        "fyp14_energy_intensity_reduction", "fyp14_carbon_intensity_reduction"]
    assert [(c.key, c.target_value) for c in panel.charts] == [
        ("fyp14_good_air_days_ratio", 85.0), ("fyp14_surface_water_good_ratio", 50.0), ("fyp14_forest_cover", 30.0)]
    assert [(f.label, f.value) for f in panel.facts] == [
        ("荒山绿化", "16.7 万亩"), ("核桃林提质增效", "25.5 万亩"), ("“煤改气”", "6,343 户"), ("“煤改电”", "7,125 户")]


def test_long_english_fact_values_move_their_unit_into_the_label(frames):
    panel = sv.build_panel(3, frames, "en", TODAY)
    assert [(f.label, f.value) for f in panel.facts][2:] == [
        ("Coal to gas (households)", "6,343"), ("Coal to electricity (households)", "7,125")]
    assert sv.split_long("GDP", "CNY 15.47 bn", "en") == ("GDP", "CNY 15.47 bn")


def test_livelihood_panel_covers_the_six_topics(frames):
    panel = sv.build_panel(4, frames, "zh", TODAY)
    assert {t.tag for t in panel.tiles} >= {"收入", "就业", "技能", "教育", "健康", "养老"}
    assert [(f.label, f.value) for f in panel.facts] == [
        ("职业技能培训累计", "5.4 万人"), ("成建制幼儿园", "46 所"), ("幼儿入园率", "98%"), ("养老重点项目", "9 项")]
    assert panel.charts[0].target_value == 40.0


def test_scoreboard_frame_numeric_verdicts_only(frames):
    board = sv.scoreboard_frame(frames.t13, "zh")
    assert len(board) == 22
    assert board["status"].value_counts().to_dict() == {"exceeded": 10, "missed": 10, "met": 2}
    gdp = board.iloc[0]
    assert (gdp["name"], gdp["target"], gdp["actual"], gdp["target_text"], gdp["actual_text"]) == (
        "地区生产总值", 124.0, 154.7, "124 亿元", "154.7 亿元")
    assert "Industrial value added" in sv.scoreboard_frame(frames.t13, "en")["name"].tolist()


def test_review_panel(frames):
    panel = sv.build_panel(5, frames, "zh", TODAY)
    assert panel.summary == "✓ 超额完成 10 · ✓ 已完成 2 · ✗ 未完成 10"
    facts = {f.key: f for f in panel.facts}
    assert (facts["tf_gdp_2020"].value, facts["tf_gdp_2020"].detail) == ("154.7 亿元", "年均增长 7.3%")
    assert (facts["tf_poverty_persons_2020"].value, facts["tf_poverty_persons_2020"].detail) == (
        "14,587 人", "退出贫困村 93 个")
    en = {f.key: f for f in sv.build_panel(5, frames, "en", TODAY).facts}
    assert en["tf_poverty_persons_2020"].detail == "Poor villages exited: 93"
    assert panel.charts[0].kind == "scoreboard"


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
@pytest.mark.parametrize("index", range(1, 6))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_panel_builds_and_its_charts_render_to_specs(frames, index, lang):
    panel = sv.build_panel(index, frames, lang, TODAY)
    assert panel.index == index and panel.code == sv.PANELS[index - 1]
    assert panel.counter == f"{index} / 5"
    for spec in panel.charts:
        chart = sv.build_chart(spec).to_dict()
        assert chart["width"] <= sv.DESIGN_W and chart["height"] <= sv.DESIGN_H
    for item in panel.tiles:
        assert "nan" not in item.value.lower() and "None" not in item.value


def test_panel_model_reads_the_data_layer_and_serialises_charts():
    panel, specs = sv.panel_model(1, "zh", "2025-06-03")
    assert panel.date == "2025年6月3日 星期二"
    assert len(specs) == 1 and specs[0]["width"] == panel.charts[0].width
    assert specs[0]["config"]["background"] == "#0b1a2e"


@pytest.mark.parametrize(("lang", "label"), [("zh", "247.3"), ("en", "24.73")])
def test_gdp_point_labels_print_the_figure_as_the_tile_does(frames, lang, label):
    """A point's label is the actual at the row's display precision in the chart's unit (亿元, or CNY bn in
    English), as the tile beside it prints it: 247.35 → 247.3 亿元 / CNY 24.73 bn, never 24.735."""
    import dataclasses

    actuals = pd.DataFrame({"indicator_id": ["fyp14_gdp"], "year": [2024], "value": [247.35]})
    spec = sv.gdp_path(dataclasses.replace(frames, actuals=actuals), lang, 1200, 400)
    shown = dict(zip(spec.point_labels["year"], spec.point_labels["label"], strict=True))
    assert shown[2024] == label
    assert shown[2020] == ("154.7" if lang == "zh" else "15.47")
    assert label in tile(with_actual(frames.t14, "fyp14_gdp", 2024, 247.35), "fyp14_gdp", lang).value


def test_the_target_years_point_label_goes_below_the_point_clear_of_the_target_label(frames):
    """The target's label 「2025年目标 255 亿元」 sits above the target at the plan's end: an actual of that year has
    its value written below its point, the other years' above."""
    import dataclasses

    actuals = pd.DataFrame({"indicator_id": ["fyp14_gdp", "fyp14_gdp"], "year": [2024, 2025], "value": [240.0, 247.35]})
    spec = sv.gdp_path(dataclasses.replace(frames, actuals=actuals), "zh", 1200, 400)
    chart = sv.build_chart(spec).to_dict()
    placed = {}
    for layer in chart["layer"]:
        # the point labels (sized; the target's own label layers carry no fontSize)
        if layer["mark"]["type"] == "text" and layer["mark"].get("fontSize") and layer["encoding"].get("text") == {
                "field": "label", "type": "nominal"}:
            rows = chart["datasets"][layer["data"]["name"]] if "name" in layer.get("data", {}) else layer["data"]["values"]
            for row in rows:
                placed.setdefault(row["year"], set()).add((layer["mark"]["baseline"], layer["mark"]["dy"]))
    assert placed[2025] == {("top", 12)}
    assert placed[2024] == {("bottom", -12)}


def test_point_labels_on_a_narrow_chart_keep_the_latest_and_first_and_never_touch():
    """A quarter-width chart (the ecology panel) has no room for a value over every year: the latest and the
    first stay, the others only where their boxes clear the kept ones (measured overlap in Chromium: issue 25)."""
    from lishi_metrics.charts import fit

    points = pd.DataFrame({"year": [2020, 2021, 2022, 2023], "value": [82.8, 83.2, 83.7, 84.1],
                           "label": ["82.8%", "83.2%", "83.7%", "84.1%"]})
    narrow = sv.spaced_labels(points, sv.chart_width(0.25), 2025)
    assert narrow["year"].tolist()[0] == 2020 and narrow["year"].tolist()[-1] == 2023
    assert len(narrow) < 4
    wide = sv.spaced_labels(points, sv.chart_width(0.7), 2025)
    assert wide["year"].tolist() == [2020, 2021, 2022, 2023]
    # kept boxes clear one another on the narrow chart
    per_year = (sv.chart_width(0.25) - sv.PLOT_ALLOWANCE_PX * sv.CHART_SCALE - 2 * sv.YEAR_PADDING_PX) / 5
    font = sv.POINT_LABEL_PX * sv.CHART_SCALE
    boxes = sorted(((y - 2020) * per_year - (0 if y == 2020 else fit.text_px(lab, font) / 2),
                    (y - 2020) * per_year + fit.text_px(lab, font) / (1 if y == 2020 else 2))
                   for y, lab in zip(narrow["year"], narrow["label"], strict=True))
    assert all(a[1] < b[0] for a, b in zip(boxes, boxes[1:], strict=False))


def test_the_walls_target_label_is_a_legend_entry_not_a_text_beside_the_target(frames):
    """Beside the target, its label lay on the actuals' labels (2023's at 1366×768): on the wall it is the target
    diamond's legend entry, and the chart's only text marks are the actuals' values."""
    import dataclasses

    actuals = pd.DataFrame({"indicator_id": ["fyp14_gdp"] * 3, "year": [2021, 2022, 2023], "value": [181.8, 202.6, 223.5]})
    spec = sv.gdp_path(dataclasses.replace(frames, actuals=actuals), "zh", sv.chart_width(0.7), 300)
    chart = sv.build_chart(spec).to_dict()
    texts = [layer for layer in chart["layer"] if layer["mark"]["type"] == "text"]
    assert texts and all(layer["mark"].get("fontSize") for layer in texts)  # the point labels only
    domains = {tuple(layer["encoding"]["color"]["scale"]["domain"]) for layer in chart["layer"]
               if "color" in layer.get("encoding", {}) and "scale" in layer["encoding"]["color"]}
    assert domains == {("规划路径", "实际值", "2025年目标 255 亿元")}
