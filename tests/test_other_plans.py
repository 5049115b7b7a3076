"""Any plan (issue 21.3–21.5): a 2026–2030 plan exported from fyp14 and a national-style plan without a GDP level
or a predecessor, on every page and in every document, with none of the district's or the 14th plan's words.

Both plans are synthetic (built here, in the test's own store): their numbers are for tests only.
"""

from __future__ import annotations

import html
import io
import re
import shutil
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

from conftest import app_test, store_copy, texts

# Full suite only: scripts/dev.sh check (the fast lane) leaves this module out, as its tests import other plans and walk every page, wall panel and document.
pytestmark = pytest.mark.slow

# The district's name and the 14th plan's own table titles: never on screen for another plan.
FOREIGN = re.compile(r"离石|Lishi|专栏\s?2|Table 2|十四五|14th|三新五大|New and leading")
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


# The stores with the synthetic plans imported are built once per module (per xdist worker), and each test gets a
# fresh copy of the one it needs (file contents and times kept) at one place: so tests that serve the same store
# have the same data version (db.version_key: the store's place and the served files' identities) and share the
# pages' cached views and tables, as a server's viewers do, instead of importing the plans and building every
# view again for a store that differs only by its directory name. Stores of different contents keep different
# keys (the key is the product's own, unchanged).
_BUILDS = {"next15": (next_plan_frames,), "nat14": (national_frames,), "both": (next_plan_frames, national_frames)}


@pytest.fixture(scope="module")
def _pristine(_stores, tmp_path_factory):
    """store_of(name): the pristine store with the plans of _BUILDS[name] imported, in that order (as the tests
    used to import them into their own stores), and the import's warnings; each built once."""
    made: dict[str, tuple[Path, list[str]]] = {}

    def store_of(name: str) -> tuple[Path, list[str]]:
        if name not in made:
            directory = _stores[0] / f"other-plans-{name}"
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir()
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("LISHI_STORE_DIR", str(directory))
                data.reset()
                warnings = [_import(frames(), tmp_path_factory.mktemp("plan")) for frames in _BUILDS[name]][-1]
            data.reset()
            made[name] = (directory, warnings)
        return made[name]

    return store_of


@pytest.fixture
def plan_store(_pristine, monkeypatch):
    """use(name): this test's store, a fresh copy of the pristine store `name`, always at the same place."""

    def use(name: str) -> list[str]:
        pristine, warnings = _pristine(name)
        store_copy(pristine, pristine.parent / "other-plans-store", monkeypatch)
        data.reset()
        return warnings

    return use


@pytest.fixture
def next15(plan_store):
    plan_store("next15")
    return "next15"


@pytest.fixture
def nat14(plan_store):
    warnings = plan_store("nat14")
    return "nat14", warnings


@pytest.fixture
def next15_and_nat14(plan_store):
    """Both synthetic plans imported, the 15th first."""
    plan_store("both")
    return "next15", "nat14"


# --- lineage ----------------------------------------------------------------------------------------


def test_lineage_is_the_named_predecessor_only(next15_and_nat14):
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
def test_every_page_shows_another_plan_in_its_own_words(next15_and_nat14, page, lang):
    for plan_id in ("next15", "nat14"):
        at = app_test(page, {"plan": plan_id, "lang": lang})
        at.run()
        assert not at.exception, (plan_id, at.exception)
        shown = texts(at)
        if page == "pages/data.py":  # its list of every plan names the shipped ones, rightly
            for df in at.dataframe:
                shown = shown.replace(df.value.to_string(), "")
        if page in ("pages/ecology.py", "pages/livelihood.py") and plan_id == "next15":
            # its predecessor's rows, rightly, named by its short name (tests/test_sector_pages_plans.py)
            shown = shown.replace(wording.plan_short_label(data.plans_catalogue(), "fyp14", lang), "")
        leak = FOREIGN.search(shown)
        assert leak is None, (plan_id, leak, shown[max(0, leak.start() - 120):leak.end() + 80])
        title = {"next15": {"zh": "测试区“十五五”规划监测", "en": "Test District 15th plan monitor"},
                 "nat14": {"zh": "全国测试纲要规划监测", "en": "China test outline monitor"}}[plan_id][lang]
        if page != "pages/screen.py":  # the wall has no sidebar; its panel titles are checked above
            assert at.sidebar.markdown[0].value == f"**{title}**"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_document_of_another_plan_in_its_own_words(next15, lang):
    predecessor = state.plan_label(data.plans_catalogue(), "fyp14", lang)  # the deck's review names it, rightly
    for fmt_ in ("docx", "pptx", "xlsx"):
        text = _document_text(report_build.document(fmt_, lang, "next15")).replace(predecessor, "")
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
    from lishi_metrics.views import ecology, industries, livelihood

    eco, liv = ecology.build_page("zh", "nat14"), livelihood.build_page("zh", "nat14")
    assert list(eco.tables[("plan", "all")]["指标"]) == ["森林覆盖率", "地级及以上城市空气质量优良天数比率"]
    assert list(liv.tables[("plan", "all")]["指标"]) == ["城镇调查失业率", "人均预期寿命"]
    assert list(industries.build_page("zh", "nat14").plan_rows["指标"]) == ["每万人口高价值发明专利拥有量"]
    assert eco.themes[-1] == "plan" and eco.plans.choices == ("all", "nat14")  # no predecessor to filter by
    panel, _ = scr.panel_model(1, "zh", "2023-06-01", "nat14")
    assert [t.key for t in panel.tiles] == [f"nat14_{i}" for i in range(1, 9)]  # GDP (by role), then its rows


def national_level_frames() -> dict[str, pd.DataFrame]:
    """The national-style plan with its GDP printed as a level (国内生产总值, 万亿元 written as 亿元 here)."""
    frames = national_frames()
    ind = frames["indicators"]
    ind.loc[0, ["name_zh", "name_en", "unit_zh", "unit_en", "value_type", "base_value", "target_value",
                "growth_text"]] = ["国内生产总值（GDP）", "Gross domestic product", "亿元", "CNY 100 million", "level",
                                   "1015986", "1300000", "5.5"]
    return frames


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_gdp_row_is_called_by_its_own_name(tmp_path, lang):
    """Task 3 of issue 21: the scenario page, the wall and the reports name the plan's GDP as its row does
    (国内生产总值 for a national plan), never the district's 地区生产总值; English says GDP."""
    _import(national_level_frames(), tmp_path)
    own, foreign = {"zh": ("国内生产总值", "地区生产总值"), "en": ("GDP", "地区生产总值")}[lang]
    at = app_test("pages/scenario.py", {"plan": "nat14", "lang": lang})
    at.run()
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    shown = texts(at)
    assert at.title[0].value.startswith({"zh": "情景模拟：国内生产总值如何达到2025年目标",
                                         "en": "Scenario simulator: how GDP reaches the 2025 target"}[lang])
    assert own in shown and foreign not in shown and "{gdp}" not in shown
    facts = scv.facts_from_data("nat14")
    sc = scv.build_scenario(facts, state.parse_scenario_params({}, facts)[0])
    assert scv.export_title(sc, lang) == {"zh": "全国国内生产总值情景 2020—2025",
                                          "en": "GDP scenario 2020–2025: China"}[lang]
    ev = evaluation.build_current(lang, "nat14")
    words = " ".join([*ev.gdp_text, ev.gdp_caption])
    assert own in words and foreign not in words and "{gdp}" not in words
    panel, _ = scr.panel_model(1, lang, "2023-06-01", "nat14")
    assert panel.charts[0].title.startswith(f"{own} ")
    # The district's own plan keeps its words.
    assert evaluation.build_current("zh", "fyp14").gdp_text[0].startswith("规划目标：地区生产总值由2020年")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_wall_panel_shows_the_plans_own_indicators_or_says_what_it_lacks(next15_and_nat14, lang):
    """Task 2 of issue 21: under another plan all five panels rotate; each shows that plan's placed indicators
    (data.placements), or one line saying what the plan lacks, and nothing of the district's document."""
    assert scr.panel_count("nat14") == scr.panel_count("next15") == 5
    nat = {i: scr.panel_model(i, lang, "2023-06-01", "nat14")[0] for i in range(1, 6)}
    assert [t.key for t in nat[3].tiles] == ["nat14_6", "nat14_7"]  # forest cover, good-air days
    assert [c.key for c in nat[3].charts] == ["nat14_6", "nat14_7"]
    assert [t.key for t in nat[4].tiles] == ["nat14_4", "nat14_5"]  # unemployment, life expectancy
    assert [t.key for t in nat[2].tiles] == ["nat14_3"]  # patents (创新)
    assert nat[5].charts == () and "previous_plan_id" in nat[5].notice[0]
    nxt = {i: scr.panel_model(i, lang, "2028-06-01", "next15")[0] for i in range(1, 6)}
    # The 15th plan takes the 14th plan's places by slug: the same tiles and charts as the 14th plan's wall.
    ours = {i: scr.panel_model(i, lang, "2023-06-01", "fyp14")[0] for i in range(1, 6)}
    assert [t.key for t in nxt[3].tiles] == [t.key.replace("fyp14_", "next15_") for t in ours[3].tiles]
    assert [t.key for t in nxt[4].tiles] == [t.key.replace("fyp14_", "next15_") for t in ours[4].tiles]
    assert [c.key for c in nxt[2].charts] == ["next15_industry_share_gdp", "next15_industrial_enterprises"]
    assert [c.kind for c in nxt[5].charts] == ["scoreboard"] or "十四五" in nxt[5].notice[0] or "14th" in nxt[5].notice[0]
    for panels in (nat, nxt):
        for panel in panels.values():
            assert panel.tiles or panel.charts or panel.notice, panel.code
            words = " ".join([panel.title, panel.subtitle, panel.provenance, panel.facts_title, *panel.notice,
                              *(t.name for t in panel.tiles), *(c.title for c in panel.charts)])
            if panels is nxt and panel.code == "review":  # it reviews its predecessor, the 14th plan, by name
                words = words.replace(state.plan_label(data.plans_catalogue(), "fyp14", lang), "")
            leak = FOREIGN.search(words)
            assert leak is None, (panel.code, leak, words)
    for index in range(1, 6):
        at = app_test("pages/screen.py", {"plan": "nat14", "lang": lang, "rotate": "0", "panel": str(index)})
        at.run()
        assert not at.exception and not at.error, (index, at.exception)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_recorded_verdict_shows_with_its_note_wherever_the_status_shows(lang):
    """Task 5 of issue 21: the verdict on a text target (评估结论, who, when, note) shows on the overview's grid,
    the explorer's detail, the sector page's table, the wall's tile and in the report workbook, in one wording."""
    from lishi_metrics import config
    from lishi_metrics.data import verdicts
    from lishi_metrics.reports import xlsx
    from lishi_metrics.views import ecology as ev
    from lishi_metrics.views import explorer as exv
    from lishi_metrics.views import overview as ov

    iid = "fyp14_energy_intensity_reduction"  # 「完成市任务」
    verdicts.record(config.store_dir(), iid, "met", "市考核通知（2026）确认完成", "王五")
    data.reset()
    line = {"zh": "评估结论：✓ 已完成（王五，", "en": "Verdict: ✓ Met (王五, "}[lang]
    note = "市考核通知（2026）确认完成"
    grid = " ".join(g.table.to_string() for g in ov.build_page(lang, "fyp14").grid)
    assert line in grid and note in grid
    rows = ev.ecology_rows(data.indicator_table("fyp14"), data.indicator_table("fyp13"))
    energy = ev.theme_rows(rows, "energy", "fyp14")
    shown = ev.sectors.indicator_display(energy, lang).to_string()
    assert line in shown and note in shown
    _, catalogue, _ = exv.catalog_from_data()
    detail = exv.detail(catalogue, iid, lang, observations=data.observations(indicator_id=iid))
    assert note in detail.status_markdown.replace("\\", "") and "✓" in detail.status_markdown
    panel, _ = scr.panel_model(3, lang, "2026-12-01", "fyp14")
    tile = next(t for t in panel.tiles if t.key == iid)
    assert tile.note.startswith(line) and note in tile.note and tile.status == "met"
    ev_ = evaluation.build_current(lang, "fyp14")
    row = next(r for r in ev_.rows if r.indicator_id == iid)
    assert row.reason.startswith(line) and note in row.reason
    assert note in xlsx.frames(ev_)[next(iter(xlsx.frames(ev_)))].to_string()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_scenario_of_a_plan_that_covers_this_year_starts_from_the_years_target(next15, tmp_path, lang):
    """Issue 26.6: with the year's GDP target imported (经济运行: 2026 +6.0 %), the 2026–2030 plan's scenario offers
    a preset that starts its path from it; the plan's own rate follows."""
    from test_cli_periods import filled

    assert cli.main(["periods", "import", str(filled(tmp_path / "periods.xlsx")), "--by", "t"]) == 0
    data.reset()
    at = app_test("pages/scenario.py", {"plan": next15, "lang": lang})
    at.run()
    assert not at.exception, at.exception
    pills = at.pills(key=scv.K_PRESET)
    assert pills.options[-1] == {"zh": "按年度目标", "en": "This year's target"}[lang]
    pills.set_value("year_target").run()
    assert not at.exception, at.exception
    plan_rate = scv.facts_from_data(next15).plan_real * 100.0
    assert at.slider(key=scv.k_g(2026)).value == pytest.approx(6.0)
    assert [at.slider(key=scv.k_g(y)).value for y in range(2027, 2031)] == pytest.approx([plan_rate] * 4)
    assert at.query_params["g"].split(",")[0] == "6"
    caption = {"zh": "2026年增长 6.00%", "en": "6.00% in 2026"}[lang]
    assert any(caption in str(c.value) for c in at.caption), [str(c.value) for c in at.caption]


# --- the 14th plan's own pieces (its prose figures' tiles and charts) are data ----------------------------------

FYP14_PIECES = {
    "ecology_pm25": ("fyp13_pm25",), "ecology_air": ("fyp14_good_air_days_ratio",),
    "ecology_water": ("fyp14_surface_water_good_ratio",), "ecology_forest": ("fyp14_forest_cover",),
    "ecology_water_use": ("fyp13_water_per_gdp",), "forest_chart": ("fyp13_forest_cover", "fyp14_forest_cover"),
    "life_expectancy_chart": ("fyp13_life_expectancy", "fyp14_life_expectancy"),
    "enterprises_chart": ("fyp14_industrial_enterprises",), "urban_income": ("fyp13_urban_income",),
    "rural_income": ("fyp13_rural_income",), "income_growth": ("fyp14_income_growth",),
    "childcare": ("fyp14_childcare_places_per_1000",), "elderly_beds": ("fyp13_elderly_beds",),
}


def test_the_14th_plans_pieces_are_placed_as_they_were_coded_and_another_plan_borrows_none(next15):
    """placements.csv (places pieces and screen_sectors) chooses the indicators of the 14th plan's own tiles and
    charts (the view tests pin the pages built from them); a plan exported from fyp14 gets none of them, neither
    by slug nor from its predecessor's rows, until its own rows place them."""
    from lishi_metrics.data import placements as pl
    from lishi_metrics.views import ecology, industries, livelihood

    table = data.placements()
    both = pd.concat([data.indicator_table("fyp13"), data.indicator_table("fyp14")])
    assert pl.pieces(table, "fyp14", both["indicator_id"]) == FYP14_PIECES
    assert pl.sector_items(table, "fyp14") == {
        "new_energy": (("figure", "tf_wind_capacity_2025"), ("figure", "tf_pv_capacity_2025")),
        "new_materials": (("indicator", "fyp14_new_materials_revenue_growth"),
                          ("figure", "tf_copper_aluminium_wire_capacity")),
        "new_equipment": (("indicator", "fyp14_high_end_equipment_growth"),),
        "big_data": (("indicator", "fyp14_digital_economy_share"),)}
    t15, t14 = data.indicator_table("next15"), data.indicator_table("fyp14")
    with_predecessor = pd.concat([t15, t14])
    assert pl.pieces(table, "next15", with_predecessor["indicator_id"]) == {}
    assert pl.sector_items(table, "next15") == {}
    eco = ecology.ecology_rows(t15, t14)
    assert ecology.tiles(eco, data.text_figures(topic="ecology"), "zh") == []
    assert ecology.forest_chart_data(eco, None, "zh") is None
    liv = livelihood.livelihood_rows(t15, t14)
    assert livelihood.income_points(liv) == [] and livelihood.care_tiles(liv, "en") == []
    assert livelihood.life_expectancy_chart_data(liv, None, "en") is None
    assert industries.enterprise_path(t15).empty and industries.enterprise_growth(t15) is None
    # Its own rows place them: then they are its pieces.
    own = pd.DataFrame([{"plan_id": "next15", "indicator_id": "next15_forest_cover", "figure_id": None,
                         "category": None, "role": None, "place": "pieces", "group": "forest_chart", "position": 2,
                         "charted": False},
                        {"plan_id": "next15", "indicator_id": "fyp14_forest_cover", "figure_id": None,
                         "category": None, "role": None, "place": "pieces", "group": "forest_chart", "position": 1,
                         "charted": False}])
    assert pl.pieces(pd.concat([table, own]), "next15", with_predecessor["indicator_id"]) == {
        "forest_chart": ("fyp14_forest_cover", "next15_forest_cover")}


def test_the_placements_check_knows_pieces_and_figures():
    from lishi_metrics.data import placements as pl

    inds = {"a14_x": {"plan_id": "a14"}, "a13_y": {"plan_id": "a13"}, "b1_z": {"plan_id": "b1"}}

    def row(**kw):
        return {"plan_id": "a14", "indicator_id": None, "figure_id": None, "category": None, "role": None,
                "place": "pieces", "group": "forest_chart", "position": 1, "charted": False, **kw}

    ok = [row(indicator_id="a14_x"), row(indicator_id="a13_y"),
          row(figure_id="tf_1", place="screen_sectors", group="new_energy"), row(figure_id="tf_1", group="heating_gas"),
          row(figure_id="tf_1", group="livelihood_figures_roads")]
    assert pl.check(ok, inds, ("gdp",), {"tf_1": "a14"}, {"a14": "a13"}) == []
    bad = [row(indicator_id="b1_z"), row(category="生态"), row(figure_id="tf_1"),
           row(figure_id="tf_2", place="screen_sectors", group="new_energy"),
           row(figure_id="tf_1", plan_id="b1", place="screen_sectors", group="new_energy"),
           row(indicator_id="a14_x", figure_id="tf_1", place="screen_sectors", group="new_energy"),
           row(indicator_id="a14_x", group="kindergartens_total"), row(figure_id="tf_1", place="ecology", group="air")]
    problems = pl.check(bad, inds, ("gdp",), {"tf_1": "a14"}, {"a14": "a13"})
    assert problems == [
        "placements.csv row 2: b1_z belongs to b1, not 'a14'",
        "placements.csv row 3: pieces takes rows naming an indicator only (no rules)",
        "placements.csv row 3: a rule (by category or role) applies to any plan: leave plan_id empty",
        "placements.csv row 4: piece 'forest_chart' is built around an indicator, not a prose figure",
        "placements.csv row 5: unknown figure 'tf_2' (text_figures.csv)",
        "placements.csv row 6: tf_1 is a figure of a14's document, not of 'b1'",
        "placements.csv row 7: give exactly one of indicator_id, figure_id, category, role "
        "(got ['indicator_id', 'figure_id'])",
        "placements.csv row 8: piece 'kindergartens_total' is built from prose figures: name a figure_id",
        "placements.csv row 9: a prose figure (figure_id) can only stand on pieces or screen_sectors",
    ], problems


@pytest.mark.browser
def test_the_sidebar_and_the_browser_tab_name_the_industries_page_for_the_plan_shown(next15, tmp_path, new_page):
    """The page named after the district's slogan (三新五大) under its 14th plan is 产业与创新 under another plan, in
    the sidebar's links, st.navigation's page and the browser tab's title (issue 21.3)."""
    import os

    from playwright.sync_api import expect

    from browser import screenshot, served, wait_ready

    with served(env={"LISHI_STORE_DIR": os.environ["LISHI_STORE_DIR"]}) as base:
        for plan_id, lang, title, app in (
                ("next15", "zh", "产业与创新", "测试区“十五五”规划监测"),
                ("next15", "en", "Industry and innovation", "Test District 15th plan monitor"),
                ("fyp14", "zh", "三新五大", None)):
            page = new_page(viewport={"width": 1366, "height": 768})
            page.goto(f"{base}/industries?plan={plan_id}&lang={lang}")
            wait_ready(page)
            expect(page).to_have_title(re.compile("^" + re.escape(title) + " · " + (re.escape(app) if app else "")))
            screenshot(page, f"industries-nav-{plan_id}-{lang}")
            links = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink").all_inner_texts()
            assert title in links, links
            if plan_id != "fyp14":
                assert not any(FOREIGN.search(text) for text in [page.title(), *links]), (page.title(), links)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_list_names_the_industries_page_for_the_plan_shown(next15, lang):
    """Through app.py (st.navigation and the sidebar's links), as a browser gets it."""
    for plan_id, want in (("next15", {"zh": "产业与创新", "en": "Industry and innovation"}),
                          ("fyp14", {"zh": "三新五大", "en": "Industries"})):
        at = app_test("app.py", {"plan": plan_id, "lang": lang})
        at.run()
        assert not at.exception, at.exception
        labels = [e.proto.label for e in at.sidebar.get("page_link")]
        assert want[lang] in labels, labels
        if plan_id == "next15":
            assert not any(FOREIGN.search(label) for label in labels), labels
