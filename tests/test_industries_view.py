"""industries_view: sector sections, the 规上企业 doubling path, structure and innovation tables, shared helpers."""

from __future__ import annotations

import pandas as pd
import pytest

from lishi_metrics.data import catalog
from lishi_metrics.data import db as data
from lishi_metrics.text import fmt
from lishi_metrics.views import industries as iv

from facts import FACTS

# The 14th plan's rows as they were when these lists were code (issue 21: placements are data, same page).
INDUSTRY_IDS = ("fyp14_industrial_enterprises", "fyp14_industry_share_gdp", "fyp14_manufacturing_share",
                "fyp14_hightech_mfg_growth", "fyp14_digital_economy_share", "fyp14_strategic_emerging_share",
                "fyp14_new_materials_revenue_growth", "fyp14_high_end_equipment_growth",
                "fyp14_new_product_projects_growth")
INNOVATION_IDS = ("fyp14_rd_spending", "fyp14_national_provincial_labs", "fyp14_key_labs_centres",
                  "fyp14_high_value_patents", "fyp14_5g_penetration")
SHARE_IDS = ("fyp14_industry_share_gdp", "fyp14_manufacturing_share", "fyp14_digital_economy_share")


def test_the_placements_give_the_14th_plans_groups_tiles_and_chart():
    rows = iv.placed_rows("industries", data.indicator_table("fyp14"))
    assert tuple(iv.in_group(rows, "structure")["indicator_id"]) == INDUSTRY_IDS
    assert tuple(iv.in_group(rows, "innovation")["indicator_id"]) == INNOVATION_IDS
    assert iv.charted_ids(rows) == SHARE_IDS
    page = iv.build_page("zh")
    assert [tile.key for tile in page.tiles] == ["fyp14_industrial_enterprises", "fyp14_industry_share_gdp",
                                                 "fyp14_manufacturing_share", "fyp14_hightech_mfg_growth",
                                                 "fyp14_digital_economy_share"]


@pytest.fixture
def table14() -> pd.DataFrame:
    return data.indicator_table("fyp14")


@pytest.fixture
def sections_data():
    return data.sectors(), iv.industry_figures(data.text_figures()), data.projects(), data.enterprises()


def _all_text(frame: pd.DataFrame) -> str:
    return frame.to_string()


# --- the doubling path --------------------------------------------------------------------------

def test_enterprise_path_runs_2020_to_2025_from_30_to_65(table14):
    path = iv.enterprise_path(table14)
    assert list(path["year"]) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert path["value"].iloc[0] == 30
    assert path["value"].iloc[-1] == 65
    assert path["value"].is_monotonic_increasing


def test_enterprise_path_grows_at_a_constant_rate(table14):
    values = list(iv.enterprise_path(table14)["value"])
    ratios = [b / a for a, b in zip(values, values[1:], strict=False)]
    assert max(ratios) - min(ratios) < 1e-9
    assert ratios[0] == pytest.approx((65 / 30) ** 0.2)


def test_enterprise_growth_is_2_17_times_at_16_72_percent_against_printed_16_76(table14):
    g = iv.enterprise_growth(table14)
    assert round(g["multiple"], 2) == 2.17
    assert round(g["implied_pct"], 2) == 16.72
    assert g["stated_pct"] == 16.76
    assert iv.enterprise_growth_text(table14, "zh") == (
        "30 户 → 65 户，为 2020 年的 2.17 倍，折合年均增长 16.72%（规划表列 16.76%）。")
    assert "16.72% a year" in iv.enterprise_growth_text(table14, "en")


def test_enterprise_path_table_shows_whole_enterprises_and_no_actual_until_imported(table14):
    shown = iv.enterprise_path_display(table14, None, "zh")
    assert list(shown.iloc[:, 1]) == ["30", "35", "41", "48", "56", "65"]  # a count: whole numbers (issue 25.4)
    assert set(shown.iloc[:, 2]) == {"暂无数据"}


def test_enterprise_path_table_shows_imported_actuals(table14):
    imported = pd.DataFrame({"indicator_id": ["fyp14_industrial_enterprises"], "year": [2022], "value": [45.0]})
    shown = iv.enterprise_path_display(table14, imported, "en")
    assert shown.iloc[2, 2] == "45 enterprises"
    assert shown.iloc[3, 2] == "no data"


def test_enterprise_chart_data_has_the_plan_path_base_and_target(table14):
    labels = iv.chart_labels("zh")
    chart = iv.enterprise_chart_data(table14, None, labels)
    assert chart.target_year == 2025 and chart.target_value == 65
    plan = chart.frame[chart.frame["series"] == labels["plan"]]
    assert len(plan) == 6
    assert list(chart.frame[chart.frame["series"] == labels["base"]]["value"]) == [30]


# --- sectors ------------------------------------------------------------------------------------

def test_sector_choice_accepts_every_industry_sector_and_all():
    for code in iv.SECTOR_CHOICES:
        assert iv.parse_sector(code) == (code, [])
    assert iv.parse_sector("NEW_ENERGY")[0] == "new_energy"
    assert iv.parse_sector(None) == ("all", [])


@pytest.mark.parametrize("raw", ["ecology", "x" * 500, "<script>alert(1)</script>", "[a](http://evil)", "１"])
def test_junk_sector_falls_back_to_all_with_a_notice(raw):
    sector, notices = iv.parse_sector(raw)
    assert sector == "all"
    assert len(notices) == 1 and notices[0].param == "sector" and notices[0].kind == "ignored"
    assert len(notices[0].raw) <= 40


def test_one_section_per_industry_sector_in_catalog_order(sections_data):
    sections = iv.sector_sections(*sections_data, "zh")
    assert [s.code for s in sections] == list(catalog.INDUSTRY_SECTORS)
    assert [s.title for s in sections][:3] == ["新能源", "新材料", "新装备"]


def test_new_energy_has_wind_and_pv_500_mw_five_projects_and_two_enterprises(sections_data):
    (sec,) = iv.sector_sections(*sections_data, "zh", only="new_energy")
    # 4 figures of the prose and the 3 capacities of 专栏3's new-energy projects
    assert sec.n_projects == 5 and sec.n_enterprises == 2 and sec.n_figures == 7
    assert "风电装机规模：**500 兆瓦**（2025年目标 · 第三章第一节）" in sec.figure_md
    assert "光伏发电装机规模：**500 兆瓦**（2025年目标 · 第三章第一节）" in sec.figure_md
    assert "王老婆山风电项目装机：**50 兆瓦**（目标 · 第三章第一节）" in sec.figure_md
    assert "离石区分散式风力发电项目装机：**45 兆瓦**（目标 · 第三章第一节）" in sec.figure_md
    assert sec.tables == "专栏3"
    assert sec.empty_notes == []
    (en,) = iv.sector_sections(*sections_data, "en", only="new_energy")
    assert "Installed wind power capacity: **500 MW** (Target 2025 · ch. 3, sec. 1)" in en.figure_md
    assert en.tables == "Table 3"


def test_sector_figures_list_targets_before_results(sections_data):
    (sec,) = iv.sector_sections(*sections_data, "zh", only="traditional")
    kinds = list(sec.figures["类型"])
    assert kinds == sorted(kinds, key=lambda k: k != "目标")
    assert "“十三五”成就" in kinds


def test_future_industries_give_two_time_frames_and_say_honestly_there_is_nothing_else(sections_data):
    (sec,) = iv.sector_sections(*sections_data, "zh", only="future")
    assert (sec.n_figures, sec.n_projects, sec.n_enterprises) == (2, 0, 0)
    # 「力争用五年的时间，夯实未来产业发展基础；用十五年的时间，形成……」 in Chinese numerals
    assert "夯实未来产业发展基础用时：**5 年**（目标 · 第三章第四节）" in sec.figure_md
    assert "形成未来产业发展体系用时：**15 年**（目标 · 第三章第四节）" in sec.figure_md
    assert sec.empty_notes == ["规划专栏未列出该产业的重点项目。", "规划正文未点名该产业的企业。"]


def test_figures_written_in_chinese_numerals_reach_their_sectors(sections_data):
    (trad,) = iv.sector_sections(*sections_data, "zh", only="traditional")
    assert "煤焦特色产业链规模：**100 亿元**（目标 · 第三章第三节）" in trad.figure_md  # 超百亿元
    (tour,) = iv.sector_sections(*sections_data, "en", only="culture_tourism")
    assert "4A-grade scenic areas (at least; the first one): **1 scenic area**" in tour.figure_md  # 4A景区「破零」
    assert [ln.split(" · ")[0] for ln in tour.enterprise_md.splitlines()] == [
        "- Alibaba", "- Ctrip (Trip.com)", "- Huawei", "- Tencent"]
    (shop,) = iv.sector_sections(*sections_data, "zh", only="commerce")
    assert "高品质商圈（世纪广场、吕梁学院）：**2 个**（目标 · 第三章第二节）" in shop.figure_md  # 两个
    assert "沃尔玛 · 第三章第二节" in shop.enterprise_md and "永辉 · 第三章第二节" in shop.enterprise_md


def test_agri_specialty_projects_come_from_two_tables(sections_data):
    (sec,) = iv.sector_sections(*sections_data, "zh", only="agri_specialty")
    assert sec.n_projects == 37
    assert sec.tables == "专栏4、专栏7"


def test_project_counts_keep_every_sector_including_zero():
    frame = iv.project_count_frame(data.project_counts(), "zh")
    assert list(frame["sector"]) == list(catalog.INDUSTRY_SECTORS)
    counts = dict(zip(frame["sector"], frame["projects"], strict=True))
    assert counts["new_energy"] == 5 and counts["big_data"] == 19 and counts["future"] == 0
    assert iv.project_total(data.project_counts()) == FACTS.industry_projects
    assert iv.group_totals(data.project_counts(), "zh") == [("“三新”产业", 20), ("“五大”产业", 86),
                                                            ("传统与未来产业", 5)]


# --- indicator tables ---------------------------------------------------------------------------

def test_structure_table_shows_targets_needed_change_and_no_nan(table14):
    rows = iv.indicator_rows(table14, INDUSTRY_IDS)
    shown = iv.indicator_display(rows, "zh")
    text = _all_text(shown)
    for bad in ("nan", "None", "NaN"):
        assert bad not in text
    first = shown.iloc[0]
    assert first["起点"] == "30 户（2020年）" and first["目标"] == "65 户（2025年）"
    assert shown.iloc[1]["年均所需"] == "年均 +2.1 个百分点"  # 38.7 → 49: percentage points, not percent, at its precision
    assert shown.iloc[2]["目标"] == "30%（2025年）"
    hightech = shown[shown["指标"] == "高技术制造业增加值增速"].iloc[0]
    assert hightech["目标"] == "年均 18%" and hightech["状态"] == "↗ 增速目标"
    digital = shown[shown["指标"].str.startswith("数字经济")].iloc[0]
    assert digital["目标"] == "9%（2025年）" and digital["状态"] == "○ 待评估"
    assert set(shown["实际 / 最新实际"]) == {"暂无数据（尚未导入）"}


def test_latest_imported_actual_gets_a_direction_aware_status(table14):
    table = table14.copy()
    ent = table["indicator_id"] == "fyp14_industrial_enterprises"
    share = table["indicator_id"] == "fyp14_industry_share_gdp"
    table.loc[ent, ["latest_year", "latest_value"]] = [2022, 45.0]  # plan path 40.9: ahead
    table.loc[share, ["latest_year", "latest_value"]] = [2022, 39.0]  # plan path 42.82: behind
    shown = iv.indicator_display(iv.indicator_rows(table, INDUSTRY_IDS), "zh")
    assert shown.iloc[0]["实际 / 最新实际"] == "45 户（2022年）" and shown.iloc[0]["状态"] == "▲ 快于预期"
    assert shown.iloc[1]["实际 / 最新实际"] == "39%（2022年）" and shown.iloc[1]["状态"] == "▼ 滞后"


def test_innovation_table_counts_labs_over_five_years_not_fractions(table14):
    shown = iv.indicator_display(iv.indicator_rows(table14, INNOVATION_IDS), "zh")
    labs = shown[shown["指标"] == "国家实验室/省实验室"].iloc[0]
    assert labs["年均所需"] == "5年共 +1 个"
    assert shown[shown["指标"] == "5G 网络用户普及率"].iloc[0]["年均所需"] == "年均 +11.6 个百分点"


def test_innovation_figures_put_targets_first():
    figures = iv.innovation_figures(data.text_figures())
    assert list(figures["kind"]).index("achievement") == len(figures) - 1
    shown = iv.figure_display(figures, "zh")
    assert "50 家" in list(shown["数值"]) and "10 家" in list(shown["数值"]) and "12 家" in list(shown["数值"])
    assert "30-50 名" in list(shown["数值"])
    assert "30–50 persons" in list(iv.figure_display(figures, "en")["Value"])


def test_headline_tile_uses_short_name_and_target():
    rows = iv.indicator_rows(data.indicator_table("fyp14"), INDUSTRY_IDS)
    tile = iv.headline(rows, "fyp14_industrial_enterprises", "en")  # unit_en of the row
    assert tile.name == "Firms above desig. size (2020)"  # indicators.short_name_en, the wall's name too
    assert (tile.key, tile.value, tile.value_kind) == ("fyp14_industrial_enterprises", "30 enterprises", "number")
    assert tile.lines == ("2025 target: 65 enterprises",)
    assert tile.help == "Start 30 enterprises (2020); target 65 enterprises (2025)"


# --- shared helpers -----------------------------------------------------------------------------

@pytest.mark.parametrize(("ref", "en"), [("第三章第一节", "ch. 3, sec. 1"), ("第十章", "ch. 10"),
                                         ("第九章第五节", "ch. 9, sec. 5"), ("第二十一章", "ch. 21")])
def test_chapter_references_read_in_english(ref, en):
    assert iv.chapter_text(ref, "en") == en
    assert iv.chapter_text(ref, "zh") == ref


def test_amount_keeps_units_and_never_prints_nan():
    assert iv.amount(500, "兆瓦", "en") == "500 MW"
    assert iv.amount(50, "家", "en") == "50 entities"  # units.csv word; a row passes its own unit_en
    assert iv.amount(50, "家", "en", "farms") == "50 farms"
    assert iv.amount(6343, "户", "en", "households") == "6,343 households"
    assert iv.amount(float("nan"), "%", "zh") == "暂无数据"
    assert iv.amount(None, "%", "en") == "no data"
    assert iv.range_amount(30, 50, "名", "zh") == "30-50 名"


def test_total_change_is_in_points_for_shares_and_percent_for_levels():
    assert iv.total_change_text(11.96, 40, "share", "%", "zh") == "+28.04 个百分点"
    assert iv.total_change_text(2.5, 2, "share", "%", "en") == "\u22120.5 pp"
    assert iv.total_change_text(30, 65, "count", "户", "en") == "+116.7%"


def test_markdown_escape_makes_hostile_text_inert():
    assert fmt.md_escape("[x](javascript:alert(1)) <b>*y*</b>") == (
        "\\[x\\](javascript\\:alert(1)) \\<b\\>\\*y\\*\\</b\\>")


# --- page model and charts ----------------------------------------------------------------------

def test_charts_pass_vega_lite_schema_validation(table14):
    rows = iv.indicator_rows(table14, INDUSTRY_IDS)
    for chart in (iv.project_count_chart(data.project_counts(), "zh"),
                  iv.enterprise_path_chart(table14, None, "en"),
                  iv.shares_chart(rows, SHARE_IDS, "t", "x", "zh")):
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert spec["title"]["text"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_model_has_every_part(lang):
    page = iv.build_page(lang)
    assert len(page.tiles) == 5 and len(page.sections) == 10
    assert page.total == FACTS.industry_projects and page.path_spec is not None
    assert [s.code for s in iv.pick_sections(page.sections, "health")] == ["health"]
    assert len(iv.pick_sections(page.sections, "all")) == 10
    assert len(page.path_table) == 6 and len(page.innovation) == len(INNOVATION_IDS)
    assert page.names["new_energy"] == ("新能源" if lang == "zh" else "New energy")
