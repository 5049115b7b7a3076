"""ecology_view: air, water, forest, energy and carbon of both plans; city-task targets as text; 专栏10."""

from __future__ import annotations

import pandas as pd
import pytest

from lishi_metrics.data import db as data
from lishi_metrics.views import ecology as ev
from lishi_metrics.views import industries as iv


@pytest.fixture
def rows() -> pd.DataFrame:
    return ev.ecology_rows(data.indicator_table("fyp14"), data.indicator_table("fyp13"))


@pytest.fixture
def figures() -> pd.DataFrame:
    return data.text_figures(topic="ecology")


# The 14th plan's page as it was when these lists were code (issue 21: placements are data, same page).
THEMES_14 = {
    "air": ("fyp14_good_air_days_ratio", "fyp13_pm25", "fyp13_pm10"),
    "water": ("fyp14_surface_water_good_ratio", "fyp13_water_per_gdp", "fyp13_worse_than_v_water"),
    "forest": ("fyp14_forest_cover", "fyp13_forest_cover", "fyp13_forest_stock"),
    "energy": ("fyp14_energy_intensity_reduction", "fyp14_carbon_intensity_reduction",
               "fyp13_energy_intensity_reduction", "fyp13_non_fossil_share", "fyp13_carbon_intensity_reduction"),
    "pollutants": ("fyp13_pollutant_reduction", "fyp13_so2", "fyp13_cod", "fyp13_nox", "fyp13_ammonia_nitrogen",
                   "fyp13_soot", "fyp13_dust"),
}


def test_the_placements_give_the_14th_plans_themes_and_chart(rows):
    assert ev.THEMES == tuple(THEMES_14)
    assert {th: tuple(ev.theme_rows(rows, th, "all")["indicator_id"]) for th in ev.THEMES} == THEMES_14
    assert iv.charted_ids(rows) == ("fyp14_good_air_days_ratio", "fyp14_surface_water_good_ratio",
                                    "fyp14_forest_cover")


def test_theme_and_plan_choices_parse_with_notices_for_junk():
    assert ev.parse_theme("forest") == ("forest", [])
    assert ev.parse_theme(None) == ("all", [])
    theme, notices = ev.parse_theme("<img src=x onerror=alert(1)>")
    assert theme == "all" and notices[0].param == "theme"
    assert iv.parse_plan("FYP13") == ("fyp13", [])
    plan, notices = iv.parse_plan("fyp15")
    assert plan == "all" and notices[0].param == "table"


def test_tiles_show_pm25_48_to_33_good_air_days_water_forest_and_water_use(rows, figures):
    tiles = {t.name: t for t in ev.tiles(rows, figures, "zh")}
    pm = tiles["PM2.5 浓度（2020年）"]
    assert pm.value == "33 ug/m³" and pm.lines[0] == "2015年：48 ug/m³"
    assert "\u221231.2%" in pm.help  # 33 / 48 - 1 = -31.25 %
    air = tiles["空气质量优良天数（2020年）"]
    assert air.value == "303 天 · 82.8%" and air.lines[0] == "2025年目标：85%"
    assert tiles["地表水好于Ⅲ类比例（2020年）"].value == "36.4%"
    assert tiles["地表水好于Ⅲ类比例（2020年）"].lines[0] == "2025年目标：50%"
    assert "+13.6 个百分点" in tiles["地表水好于Ⅲ类比例（2020年）"].help
    assert tiles["森林覆盖率（2020年）"].value == "27.76%"
    water = tiles["万元GDP用水量（2020年）"]
    assert water.value == "35.5 立方米" and water.lines[0] == "2015年：48.2 立方米"
    assert "超额完成" in water.help  # less is better: 35.5 beats the target 42.6


def test_tiles_in_english_use_si_units(rows, figures):
    tiles = ev.tiles(rows, figures, "en")
    assert tiles[0].value == "33 µg/m³" and tiles[0].lines[0] == "2015: 48 µg/m³"
    assert tiles[1].value == "303 days · 82.8%"
    assert tiles[4].value == "35.5 m³"


def test_forest_cover_missed_40_in_the_13th_plan_and_aims_at_30(rows):
    shown = iv.indicator_display(ev.theme_rows(rows, "forest", "all"), "zh")
    fyp13 = shown[(shown["规划"] == "“十三五”") & (shown["指标"] == "森林覆盖率")].iloc[0]
    assert (fyp13["起点"], fyp13["目标"], fyp13["实际 / 最新实际"], fyp13["状态"]) == (
        "32%（2015年）", "40%（2020年）", "27.76%（2020年）", "✗ 未完成")
    fyp14 = shown[(shown["规划"] == "“十四五”") & (shown["指标"] == "森林覆盖率")].iloc[0]
    assert (fyp14["起点"], fyp14["目标"], fyp14["年均所需"]) == ("27.76%（2020年）", "30%（2025年）", "年均 +0.45 个百分点")


def test_forest_chart_spans_2015_to_2025_with_both_plans(rows):
    chart = ev.forest_chart_data(rows, None, "zh")
    labels = ev.forest_labels(rows, "zh")
    frame = chart.frame
    actual = frame[frame["series"] == labels["actual"]]
    assert list(zip(actual["year"], actual["value"], strict=True)) == [(2015, 32.0), (2020, 27.76)]
    target13 = frame[frame["series"] == labels["previous_target"]]
    assert list(zip(target13["year"], target13["value"], strict=True)) == [(2020, 40.0)]
    plan = frame[frame["series"] == labels["plan"]]
    assert list(plan["year"]) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert plan["value"].iloc[-1] == 30.0
    assert (chart.target_year, chart.target_value) == (2025, 30.0)


def test_forest_chart_adds_imported_actuals(rows):
    imported = pd.DataFrame({"indicator_id": ["fyp14_forest_cover"], "year": [2023], "value": [28.4]})
    chart = ev.forest_chart_data(rows, imported, "en")
    actual = chart.frame[chart.frame["series"] == "Actual"]
    assert (2023, 28.4) in list(zip(actual["year"], actual["value"], strict=True))


def test_plan_toggle_keeps_only_that_plans_rows(rows):
    assert set(ev.theme_rows(rows, "forest", "fyp13")["plan_id"]) == {"fyp13"}
    assert list(ev.theme_rows(rows, "forest", "fyp14")["indicator_id"]) == ["fyp14_forest_cover"]
    assert ev.theme_rows(rows, "pollutants", "fyp14").empty


def test_pm25_and_water_use_of_the_13th_plan(rows):
    shown = iv.indicator_display(ev.theme_rows(rows, "air", "fyp13"), "zh")
    pm = shown.iloc[0]
    assert (pm["起点"], pm["实际 / 最新实际"], pm["规划增速（按原表）"]) == ("48 ug/m³（2015年）", "33 ug/m³（2020年）", "−3%")
    water = iv.indicator_display(ev.theme_rows(rows, "water", "fyp13"), "zh").iloc[0]
    assert (water["起点"], water["实际 / 最新实际"], water["状态"]) == ("48.2 立方米（2015年）", "35.5 立方米（2020年）", "✓ 超额完成")


def test_city_task_indicators_are_text_without_invented_numbers(rows):
    tasks = ev.city_task_rows(rows)
    assert set(tasks["indicator_id"]) == {
        "fyp14_good_air_days_ratio", "fyp14_surface_water_good_ratio", "fyp14_energy_intensity_reduction",
        "fyp14_carbon_intensity_reduction", "fyp13_energy_intensity_reduction", "fyp13_non_fossil_share",
        "fyp13_carbon_intensity_reduction"}
    shown = ev.city_task_display(tasks, "zh").set_index("指标")
    assert shown.loc["单位 GDP 能源消耗降低", "数字目标"] == "规划未给出数字"
    assert shown.loc["单位 GDP 能源消耗降低", "文字目标（原文）"] == "完成市任务"
    assert shown.loc["单位 GDP 能源消耗降低", "说明"] == "仅文字目标，无法计算进度"
    assert shown.loc["空气质量优良天数比例", "数字目标"] == "85%（2025年）"
    assert shown.loc["非化石能源占一次能源消费比重", "文字目标（原文）"] == "已完成市定任务"
    en = ev.city_task_display(tasks, "en")
    assert "meet the city's assigned target" in list(en["Target in words"])  # no Chinese in English (issue 14.6)
    assert "no number in the plan" in list(en["Numeric target"])


def test_city_task_rows_follow_the_plan_toggle(rows):
    assert set(ev.city_task_rows(rows, "fyp13")["plan_id"]) == {"fyp13"}
    assert len(ev.city_task_rows(rows, "fyp14")) == 4


def test_text_targets_get_no_progress_status(rows):
    shown = iv.indicator_display(ev.theme_rows(rows, "energy", "fyp14"), "zh")
    assert set(shown["状态"]) == {"○ 待评估"}
    assert set(shown["年均所需"]) == {"暂无数据"}


def test_clean_heating_households_of_the_13th_plan(figures):
    frame = ev.heating_frame(figures, "zh")
    assert list(frame["name"]) == ["煤改气", "煤改电", "完善集中供热"]
    assert list(frame["households"]) == [6343, 7125, 7600]
    assert list(ev.heating_frame(figures, "en")["text"]) == ["6,343 households", "7,125 households",
                                                             "7,600 households"]
    assert ev.heating_total(figures) == 21068


def test_achievements_include_afforestation(figures):
    shown = ev.achievements_display(figures, ev.theme_figure_ids("forest"), "zh")
    assert list(shown["数值"]) == ["16.7 万亩", "25.5 万亩"]
    assert list(ev.achievements_display(figures, ev.theme_figure_ids("forest"), "en")["Value"]) == [
        "167,000 mu", "255,000 mu"]


def test_table_10_projects():
    shown = ev.project_display(data.projects(), "zh")
    assert len(shown) == 13
    assert set(shown["专栏"]) == {"专栏10"}
    assert "南山采煤沉陷区生态修复项目" in list(shown["项目"])


def test_share_dumbbell_rows(rows):
    frame = ev.shares_frame(rows, "zh")
    assert list(frame["start"]) == [82.8, 36.4, 27.76]
    assert list(frame["end"]) == [85.0, 50.0, 30.0]
    assert list(frame["change"]) == ["+2.2 个百分点", "+13.6 个百分点", "+2.24 个百分点"]


def test_no_nan_anywhere_in_the_ecology_tables(rows, figures):
    for theme in ev.THEMES:
        for lang in ("zh", "en"):
            text = iv.indicator_display(ev.theme_rows(rows, theme, "all"), lang).to_string()
            assert "nan" not in text and "None" not in text


def test_charts_pass_vega_lite_schema_validation(rows, figures):
    for chart in (ev.shares_chart(rows, "zh"), ev.heating_chart(figures, "en"), ev.forest_chart(rows, None, "zh")):
        assert chart.to_dict()["title"]["text"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_model_has_a_table_per_theme_and_plan(lang):
    page = ev.build_page(lang)
    assert set(page.tables) == {(th, p) for th in ev.THEMES for p in ("all", "fyp14", "fyp13")}
    assert page.tables[("pollutants", "fyp14")] is None
    assert len(page.tables[("forest", "all")]) == 3
    assert page.tasks["fyp14"] is not None and len(page.tasks["all"]) == 7
    assert len(page.projects) == 13 and len(page.tiles) == 5
    assert page.heating_total == ("21,068 户" if lang == "zh" else "21,068 households")
