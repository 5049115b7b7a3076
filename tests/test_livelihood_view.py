"""livelihood_view: jobs, income and the urban–rural gap, schools, health, care, roads and sport."""

from __future__ import annotations

import pandas as pd
import pytest

from lishi_metrics.data import db as data
from lishi_metrics.views import industries as iv
from lishi_metrics.views import livelihood as lv


@pytest.fixture
def rows() -> pd.DataFrame:
    return lv.livelihood_rows(data.indicator_table("fyp14"), data.indicator_table("fyp13"))


@pytest.fixture
def figures() -> pd.DataFrame:
    return data.text_figures()


# The 14th plan's page as it was when these lists were code (issue 21: placements are data, same page).
TOPICS_14 = {
    "employment": ("fyp14_employee_certification_rate", "fyp14_labour_force_certification_rate",
                   "fyp14_urban_unemployment_rate", "fyp13_new_urban_jobs"),
    "income": ("fyp14_income_growth", "fyp13_urban_income", "fyp13_rural_income"),
    "education": ("fyp14_schooling_years", "fyp13_preschool_enrolment", "fyp13_highschool_enrolment",
                  "fyp13_higher_ed_enrolment"),
    "health": ("fyp14_doctors_per_1000", "fyp14_life_expectancy", "fyp13_life_expectancy", "fyp13_infant_mortality",
               "fyp13_maternal_mortality"),
    "care": ("fyp14_childcare_places_per_1000", "fyp13_elderly_beds"),
    "social": ("fyp14_pension_coverage", "fyp13_poverty_reduction", "fyp13_shantytown_renovation"),
    "roads": (),
    "sports": ("fyp14_sports_population_share",),
}
SHARE_IDS = ("fyp14_employee_certification_rate", "fyp14_labour_force_certification_rate",
             "fyp14_urban_unemployment_rate", "fyp14_pension_coverage", "fyp14_sports_population_share")


def test_the_placements_give_the_14th_plans_topics_tiles_and_chart(rows):
    assert lv.TOPICS == tuple(TOPICS_14)
    assert {tp: tuple(lv.topic_rows(rows, tp, "all")["indicator_id"]) for tp in lv.TOPICS} == TOPICS_14
    assert iv.charted_ids(rows) == SHARE_IDS
    assert lv.headline_ids(data.indicator_table("fyp14")) == (
        "fyp14_employee_certification_rate", "fyp14_income_growth", "fyp14_doctors_per_1000",
        "fyp14_life_expectancy", "fyp14_pension_coverage")


def test_topic_choice_parses_with_a_notice_for_junk():
    assert lv.parse_topic("income") == ("income", [])
    topic, notices = lv.parse_topic("'; DROP TABLE x; --")
    assert topic == "all" and notices[0].param == "topic"


@pytest.mark.parametrize(("urban", "rural", "ratio"), [(24975, 5135, 4.86), (32851, 7901, 4.16),
                                                       (34217, 10600, 3.23)])
def test_urban_rural_income_ratio(urban, rural, ratio):
    assert round(lv.income_ratio(urban, rural), 2) == ratio


@pytest.mark.parametrize(("urban", "rural"), [(None, 5135), (24975, None), (24975, 0), (float("nan"), 1)])
def test_income_ratio_needs_both_incomes(urban, rural):
    assert lv.income_ratio(urban, rural) is None


def test_income_table_of_table_1(rows):
    shown = lv.income_display(rows, "zh")
    assert list(shown.columns) == ["项目", "2015年", "2020年目标", "2020年实际"]
    assert list(shown.iloc[0, 1:]) == ["24,975 元", "34,217 元", "32,851 元"]
    assert list(shown.iloc[1, 1:]) == ["5,135 元", "10,600 元", "7,901 元"]
    assert list(shown.iloc[2, 1:]) == ["4.86", "3.23", "4.16"]
    en = lv.income_display(rows, "en")
    assert list(en.iloc[0, 1:]) == ["CNY 24,975", "CNY 34,217", "CNY 32,851"]


def test_income_gap_sentence_names_both_plans(rows):
    text = lv.income_gap_text(rows, "zh")
    assert "4.86" in text and "4.16" in text and "3.23" in text and "7.5%" in text
    assert "未分城乡设定目标" in text
    assert "7.5% a year" in lv.income_gap_text(rows, "en")


def test_income_chart_frame_has_urban_and_rural_bars_per_period(rows):
    frame = lv.income_chart_frame(rows, "zh")
    assert list(frame["period"]) == ["2015年", "2015年", "2020年目标", "2020年目标", "2020年实际", "2020年实际"]
    assert list(frame["group"]) == ["城镇", "农村"] * 3
    assert list(frame["income"]) == [24975, 5135, 34217, 10600, 32851, 7901]


def test_46_kindergartens_are_20_public_plus_26_inclusive(figures):
    k = lv.kindergartens(figures)
    assert (k["total"], k["public"], k["inclusive"], k["adds_up"]) == (46, 20, 26, True)
    assert lv.kindergarten_text(figures, "zh") == "46 所 = 公办 20 所 + 社会办普惠性 26 所（含市直，第九章第二节）"


def test_kindergartens_that_do_not_add_up_are_reported_as_printed(figures):
    broken = figures.copy()
    broken.loc[broken["figure_id"] == "tf_kindergartens_public_2025", "value"] = 19.0
    assert lv.kindergartens(broken)["adds_up"] is False
    assert "不一致" in lv.kindergarten_text(broken, "zh")


def test_rural_roads_288_466_899_km(figures):
    frame = lv.roads_frame(figures, "zh")
    assert list(frame["name"]) == ["县道", "乡道", "村道"]
    assert list(frame["km"]) == [288, 466, 899]
    assert list(lv.roads_frame(figures, "en")["text"]) == ["288 km", "466 km", "899 km"]
    assert lv.roads_total(figures) == 1653


def test_skills_certification_11_96_to_40(rows):
    shown = iv.indicator_display(lv.topic_rows(rows, "employment", "fyp14"), "zh")
    cert = shown.iloc[0]
    assert (cert["起点"], cert["目标"], cert["年均所需"]) == ("11.96%（2020年）", "40%（2025年）", "年均 +5.61 个百分点")


def test_health_doctors_and_life_expectancy(rows):
    shown = iv.indicator_display(lv.topic_rows(rows, "health", "all"), "zh")
    assert list(shown["起点"][:3]) == ["2.5 人（2020年）", "76 岁（2020年）", "75 岁（2015年）"]
    assert list(shown["目标"][:3]) == ["3 人（2025年）", "76.2 岁（2025年）", "76 岁（2020年）"]
    assert shown.iloc[2]["状态"] == "✓ 已完成"


def test_life_expectancy_chart_runs_2015_to_2025(rows):
    chart = lv.life_expectancy_chart_data(rows, None, "zh")
    assert (chart.target_year, chart.target_value) == (2025, 76.2)
    actual = chart.frame[chart.frame["series"] == "实际"]
    assert list(zip(actual["year"], actual["value"], strict=True)) == [(2015, 75.0), (2020, 76.0)]


def test_care_tiles_childcare_and_elderly_beds(rows):
    tiles = lv.care_tiles(rows, "zh")
    assert tiles[0].value == "1 个" and tiles[0].lines[0] == "2025年目标：2 个"
    assert tiles[1].value == "35.4 张"
    en = lv.care_tiles(rows, "en")
    assert en[0].value == "1 place" and en[1].value == "35.4 beds"


def test_headline_tiles(rows):
    tiles = lv.tiles(rows, "zh")
    labels = [t.name for t in tiles]
    assert labels[:2] == ["从业人员持证率（2020年）", "城乡收入比（2020年）"]
    by = {t.name: t for t in tiles}
    assert by["从业人员持证率（2020年）"].value == "11.96%"
    assert by["从业人员持证率（2020年）"].lines[0] == "2025年目标：40%"
    assert by["城乡收入比（2020年）"].value == "4.16" and by["城乡收入比（2020年）"].lines[0] == "2015年：4.86"
    # Tile names are the indicators' short names (indicators.short_name_zh, the wall's too), else their names.
    assert by["人均可支配收入增长（2020年）"].lines[0] == "2025年目标：年均 7.5%"
    assert by["基本养老保险参保率（2020年）"].value == "93%"
    assert by["每千人执业(助理)医师（2020年）"].value == "2.5 人"
    assert lv.tiles(rows, "en")[3].value == "2.5 doctors"


def test_pensions_sports_and_sanitation(rows, figures):
    social = iv.indicator_display(lv.topic_rows(rows, "social", "fyp14"), "zh").iloc[0]
    assert (social["起点"], social["目标"]) == ("93%（2020年）", "98%（2025年）")
    sports = iv.indicator_display(lv.topic_rows(rows, "sports", "all"), "zh").iloc[0]
    assert (sports["起点"], sports["目标"]) == ("42%（2020年）", "50%（2025年）")
    sport_figures = lv.topic_figures(figures, "sports", "zh")
    assert "2.2 平方米" in list(sport_figures["数值"])
    roads = lv.topic_figures(figures, "roads", "zh")
    assert list(roads["数值"]) == ["288 公里", "466 公里", "899 公里", "99%", "65%", "65%"]


def test_education_and_culture_figures_of_the_prose_and_table_11(figures):
    edu = lv.topic_figures(figures, "education", "zh")
    by = dict(zip(edu["内容"], edu["数值"], strict=True))
    assert by["每个乡镇高标准寄宿制学校"] == "1 所"  # 「每个乡镇建成一所高标准寄宿制学校」
    assert (by["主城区新建幼儿园"], by["新城区新建小学"], by["主城区改扩建小学"]) == ("4 所", "6 所", "3 所")
    sport = lv.topic_figures(figures, "sports", "en")
    row = sport[sport["What"] == "Free public-welfare performances taken to grass-roots communities"].iloc[0]
    assert row["Value"] == "100 events"  # 百场公益演出送基层


def test_13th_plan_elderly_beds_and_poverty(rows):
    shown = iv.indicator_display(lv.topic_rows(rows, "care", "fyp13"), "zh").iloc[0]
    assert (shown["实际 / 最新实际"], shown["状态"]) == ("35.4 张（2020年）", "✓ 超额完成")
    poverty = iv.indicator_display(lv.topic_rows(rows, "social", "fyp13"), "zh").iloc[0]
    assert (poverty["实际 / 最新实际"], poverty["状态"]) == ("全部脱贫（2020年）", "○ 待评估")


def test_school_and_elderly_projects():
    projects = data.projects()
    assert len(lv.topic_projects(projects, "education", "zh")) == 4
    assert len(lv.topic_projects(projects, "care", "zh")) == 9
    assert lv.topic_projects(projects, "income", "zh") is None


def test_share_dumbbell_includes_unemployment_going_down(rows):
    frame = lv.shares_frame(rows, SHARE_IDS, "zh")
    row = frame[frame["name"] == "城镇调查失业率"].iloc[0]
    assert (row["start"], row["end"], row["change"]) == (2.5, 2.0, "\u22120.5 个百分点")


def test_no_nan_anywhere_in_the_livelihood_tables(rows, figures):
    for topic in lv.TOPICS:
        for lang in ("zh", "en"):
            text = iv.indicator_display(lv.topic_rows(rows, topic, "all"), lang).to_string()
            text += lv.topic_figures(figures, topic, lang).to_string()
            assert "nan" not in text and "None" not in text


def test_charts_pass_vega_lite_schema_validation(rows, figures):
    for chart in (lv.shares_chart(rows, "zh"), lv.income_chart(rows, "en"), lv.life_chart(rows, None, "zh"),
                  lv.roads_chart(figures, "en")):
        assert chart.to_dict()["title"]["text"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_model_has_a_table_per_topic_and_plan(lang):
    page = lv.build_page(lang)
    assert set(page.tables) == {(tp, p) for tp in lv.TOPICS for p in ("all", "fyp14", "fyp13")}
    assert page.tables[("roads", "all")] is None and page.tables[("sports", "fyp13")] is None
    assert len(page.tables[("health", "all")]) == 5
    assert [v for _, v in page.kindergartens] == (["46 所", "20 所", "26 所"] if lang == "zh"
                                                  else ["46 schools", "20 schools", "26 schools"])
    assert page.roads_total == ("1,653 公里" if lang == "zh" else "1,653 km")
    assert set(page.projects) == {"education", "care"}
