"""Any plan (issue 21.3–21.5): a 2026–2030 plan exported from fyp14 and a national-style plan without a GDP level
or a predecessor, on every page and in every document, with none of the district's or the 14th plan's words.

Both plans are synthetic (built here, in the test's own store): their numbers are for tests only.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from lishi_metrics.cli import main as cli
from lishi_metrics.data import db as data
from lishi_metrics.data import plan_workbook as pw
from lishi_metrics.data import plans
from lishi_metrics.reports import build as report_build
from lishi_metrics.reports import evaluation
from lishi_metrics.views import scenario as scv
from lishi_metrics.views import screen as scr
from lishi_metrics.views import state, wording

from conftest import app_test, texts

# The district's name and the 14th plan's own table titles: never on screen for another plan.
FOREIGN = re.compile(r"离石|Lishi|专栏\s?2|Table 2|十四五|14th")
PAGES = ("pages/overview.py", "pages/explorer.py", "pages/scenario.py", "pages/industries.py", "pages/ecology.py",
         "pages/livelihood.py", "pages/screen.py", "pages/data.py")


def _import(frames: dict[str, pd.DataFrame], tmp_path: Path) -> list[str]:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(pw.workbook_bytes(frames))
    check = pw.check_upload({"plan.xlsx": path.read_bytes()})
    assert check.ok, check.problems
    assert cli.main(["plan", "import", str(path), "--by", "tester", "--yes"]) == 0
    data.reset()
    return [w.message for w in check.warnings]


def next_plan_frames() -> dict[str, pd.DataFrame]:
    """fyp14 exported, given another id, region and period (2026–2030), as an analyst would for a 15th plan."""
    catalogue = data.plans_catalogue()
    frames = pw.plan_frames(catalogue[catalogue["plan_id"] == "fyp14"].iloc[0], data.indicator_table("fyp14"))
    plan = frames["plan"]
    plan.loc[0, ["plan_id", "name_zh", "name_en", "region_zh", "region_en"]] = [
        "next15", "测试区“十五五”规划", "Test District 15th plan", "测试区", "Test District"]
    plan.loc[0, ["start_year", "end_year", "base_year"]] = [2026, 2030, 2025]
    plan.loc[0, ["previous_plan_id", "short_name_zh", "short_name_en", "table_title_zh", "table_title_en",
                 "stats_source_zh", "stats_source_en"]] = [
        "fyp14", "“十五五”", "15th plan", "专栏1：测试区主要指标", "Table 1: main indicators", "测试区统计局",
        "Test District Statistics Bureau"]
    ind = frames["indicators"]
    ind["indicator_id"] = ind["indicator_id"].str.replace("fyp14_", "next15_")
    ind["base_year"], ind["target_year"], ind["source"] = 2025, 2030, "专栏1"
    return frames


def national_frames() -> dict[str, pd.DataFrame]:
    """A national-style plan: five categories, GDP printed as a yearly rate only, no predecessor."""
    plan = pd.DataFrame([{"plan_id": "nat14", "name_zh": "测试国家规划纲要", "name_en": "Test national plan outline",
                          "region_zh": "全国", "region_en": "China", "start_year": 2021, "end_year": 2025,
                          "base_year": 2020, "short_name_zh": "测试纲要", "short_name_en": "test outline"}])

    def row(i, cat, cat_en, name, name_en, unit, attr, direction, vtype, base, target, growth, role=None):
        return {"indicator_id": f"nat14_{i}", "seq": str(i), "category_zh": cat, "category_en": cat_en,
                "name_zh": name, "name_en": name_en, "unit_zh": unit, "unit_en": unit, "attribute": attr,
                "direction": direction, "value_type": vtype, "base_year": None, "base_value": base,
                "target_year": None, "target_value": target, "growth_text": growth, "role": role,
                "source": "主要指标表"}

    rows = [
        row(1, "经济发展", "Economic development", "国内生产总值增长", "GDP growth", "%", "预期性", "up", "rate",
            "2.3", None, "5.5", "gdp"),
        row(2, "经济发展", "Economic development", "常住人口城镇化率", "Urbanisation rate", "%", "预期性", "up", "share",
            "60.6", "65", None),
        row(3, "创新驱动", "Innovation", "每万人口高价值发明专利拥有量", "High-value patents per 10,000 people", "件",
            "预期性", "up", "level", "6.3", "12", None),
        row(4, "民生福祉", "Wellbeing", "城镇调查失业率", "Surveyed urban unemployment rate", "%", "预期性", "down",
            "share", "5.2", "5.5", None),
        row(5, "民生福祉", "Wellbeing", "人均预期寿命", "Life expectancy", "岁", "预期性", "up", "level",
            "77.3", "78.3", None),
        row(6, "绿色生态", "Green ecology", "森林覆盖率", "Forest cover", "%", "约束性", "up", "share",
            "23.2", "24.1", None),
        row(7, "绿色生态", "Green ecology", "地级及以上城市空气质量优良天数比率", "Share of good-air days", "%",
            "约束性", "up", "share", "87", "87.5", None),
        row(8, "安全保障", "Security", "粮食综合生产能力", "Grain production capacity", "亿吨", "约束性", "up", "level",
            None, "6.5", None),
    ]
    return {"plan": plan, "indicators": pd.DataFrame(rows, columns=list(pw.INDICATOR_COLUMNS))}


@pytest.fixture
def next15(tmp_path):
    _import(next_plan_frames(), tmp_path)
    return "next15"


@pytest.fixture
def nat14(tmp_path):
    warnings = _import(national_frames(), tmp_path)
    return "nat14", warnings


# --- lineage ----------------------------------------------------------------------------------------


def test_lineage_is_the_named_predecessor_only(next15, tmp_path):
    _import(national_frames(), tmp_path)
    catalogue = data.plans()
    assert plans.previous_plan(catalogue, "next15") == "fyp14"
    # nat14 starts in 2021 with base year 2020, as fyp14 does, yet inherits nothing of fyp13.
    assert plans.previous_plan(catalogue, "nat14") is None
    assert scr.load_data("nat14").t13.empty


# --- a plan without a GDP level ------------------------------------------------------------------------


def test_import_warnings_name_every_limited_feature(nat14):
    _, warnings = nat14
    limited = [w for w in warnings if "GDP" in w]
    assert len(limited) == 1
    for feature in ("scenario", "big screen", "reports", "every other indicator"):
        assert feature in limited[0], limited[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_a_gdp_level_the_wall_says_what_is_missing(nat14, lang):
    panel, specs = scr.panel_model(1, lang, "2023-06-01", "nat14")
    assert panel.charts == () and specs == ()
    assert len(panel.notice) == 2
    assert "5.5%" in panel.notice[0] and ("role gdp" in panel.notice[1] or "role 为 gdp" in panel.notice[1])
    assert [t.key for t in panel.tiles][:1] == ["nat14_1"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_a_gdp_level_the_reports_are_made_and_say_what_is_missing(nat14, lang):
    ev = evaluation.build_current(lang, "nat14")
    assert ev.gdp_chart is None and ev.gdp_caption == ""
    assert ev.gdp_text[0].startswith("测试纲要" if lang == "zh" else "Test") or "nat14" not in ev.gdp_text[0]
    assert ("5.5%" in ev.gdp_text[0]) and len(ev.gdp_text) == 2
    for fmt_ in ("docx", "pptx", "xlsx"):
        blob = report_build.document(fmt_, lang, "nat14")
        text = _document_text(blob)
        assert ev.gdp_text[0][:20] in text.replace("\n", ""), fmt_ if fmt_ != "pptx" else None
        assert not FOREIGN.search(text), (fmt_, FOREIGN.search(text))


def test_the_scenario_page_explains_a_missing_gdp_level(nat14):
    for lang in ("zh", "en"):
        at = app_test("pages/scenario.py", {"plan": "nat14", "lang": lang})
        at.run()
        assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
        info = " ".join(str(i.value) for i in at.info)
        assert "5.5%" in info and ("role gdp" in info if lang == "en" else "role 为 gdp" in info)
    assert scv.gdp_gap_markdown("fyp14", "zh") == ""


# --- every page and document under another plan --------------------------------------------------------


def _document_text(blob: bytes) -> str:
    """The words of a docx/pptx/xlsx (their XML parts, tags removed)."""
    out = []
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        for name in z.namelist():
            if name.endswith(".xml") and ("word/" in name or "ppt/slides/" in name or "xl/" in name):
                out.append(html.unescape(re.sub(r"<[^>]+>", "", z.read(name).decode("utf-8"))))
    return "\n".join(out)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_another_plan_in_its_own_words(next15, tmp_path, page, lang):
    _import(national_frames(), tmp_path)
    for plan_id in ("next15", "nat14"):
        at = app_test(page, {"plan": plan_id, "lang": lang})
        at.run()
        assert not at.exception, (plan_id, at.exception)
        shown = texts(at)
        if page == "pages/data.py":  # its list of every plan names the shipped ones, rightly
            for df in at.dataframe:
                shown = shown.replace(df.value.to_string(), "")
        leak = FOREIGN.search(shown)
        assert leak is None, (plan_id, leak, shown[max(0, leak.start() - 120):leak.end() + 80])
        title = {"next15": {"zh": "测试区“十五五”规划监测", "en": "Test District 15th plan monitor"},
                 "nat14": {"zh": "全国测试纲要规划监测", "en": "China test outline monitor"}}[plan_id][lang]
        if page != "pages/screen.py":  # the wall has no sidebar; its panel titles are checked above
            assert at.sidebar.markdown[0].value == f"**{title}**"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_document_of_another_plan_in_its_own_words(next15, lang):
    for fmt_ in ("docx", "pptx", "xlsx"):
        text = _document_text(report_build.document(fmt_, lang, "next15"))
        leak = FOREIGN.search(text)
        assert leak is None, (fmt_, leak, text[max(0, leak.start() - 120):leak.end() + 80])


def test_plans_sharing_a_short_name_are_shown_with_their_region(tmp_path):
    frames = national_frames()
    frames["plan"].loc[0, ["short_name_zh", "short_name_en"]] = ["“十四五”", "14th plan"]
    _import(frames, tmp_path)
    catalogue = data.plans_catalogue()
    assert state.plan_label(catalogue, "nat14", "zh") == "全国“十四五”规划（2021—2025年）"
    assert state.plan_label(catalogue, "fyp14", "zh") == "吕梁市离石区“十四五”规划（2021—2025年）"
    assert state.plan_label(catalogue, "nat14", "en") == "China: 14th plan (2021–2025)"
    assert state.plan_label(catalogue, "fyp13", "zh") == "“十三五”规划（2016—2020年）"  # no namesake
    assert wording.app_title(catalogue, "nat14", "zh") == "全国“十四五”规划监测"
    assert wording.app_title(catalogue, "fyp14", "zh") == "离石区“十四五”规划监测"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_counts_the_plans_own_categories(nat14, lang):
    from lishi_metrics.views import overview as ov

    page = ov.build_page(lang, "nat14")
    assert page.grid_title == {"zh": "全部 8 项指标（按规划五大类）",
                               "en": "All 8 indicators by the plan's five categories"}[lang]
    assert page.previous_plan is None and page.scoreboard_table.empty
    assert ov.build_page(lang, "fyp14").grid_title == {"zh": "全部 34 项指标（按规划六大类）",
                                                       "en": "All 34 indicators by the plan's six categories"}[lang]


def test_sector_pages_show_the_plans_own_indicators_by_category(nat14):
    from lishi_metrics.views import sectors

    shown = {place: sectors.own_indicators("nat14", place, "zh") for place in ("ecology", "livelihood", "industries")}
    assert list(shown["ecology"].table.iloc[:, 0]) == ["森林覆盖率", "地级及以上城市空气质量优良天数比率"]
    assert list(shown["livelihood"].table.iloc[:, 0]) == ["城镇调查失业率", "人均预期寿命"]
    assert list(shown["industries"].table.iloc[:, 0]) == ["每万人口高价值发明专利拥有量"]
    panel, _ = scr.panel_model(1, "zh", "2023-06-01", "nat14")
    assert [t.key for t in panel.tiles] == [f"nat14_{i}" for i in range(1, 9)]  # GDP (by role), then its rows
