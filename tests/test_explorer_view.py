"""Tests for lishi_metrics.views.explorer: the catalogue, filters and search, URL state, downloads and details."""

import io
import re

import openpyxl
import pandas as pd
import pytest

from lishi_metrics.data import db as data
from lishi_metrics.data import export
from lishi_metrics.text.i18n import t
from lishi_metrics.views import explorer as ev
from lishi_metrics.views import state

from facts import FACTS, FYP14

HOSTILE = [
    "<script>alert(1)</script>",
    "'; DROP TABLE observations; --",
    "x" * 400,
    "📈🚀",
    "../../etc/passwd",
    "\x00\x1b[31m",
    "%00",
    "\ud800",
    "**bold** :red[x] $x$",
]
NAN_WORDS = re.compile(r"\b(nan|NaN|None|NaT|<NA>)\b")


@pytest.fixture(scope="module")
def tables():
    return {plan: data.indicator_table(plan) for plan in ("fyp13", "fyp14")}


@pytest.fixture(scope="module")
def rows(tables):
    return ev.catalog_rows(tables, data.text_figures())


def row_of(rows, item_id):
    return next(rows[rows["id"] == item_id].itertuples())


# --- the catalogue -----------------------------------------------------------------------------

def test_catalog_has_every_indicator_and_figure(rows):
    assert len(rows) == FACTS.explorer_rows
    assert rows["kind"].value_counts().to_dict() == {"figure": FACTS.figures, "indicator": FACTS.indicators}
    assert rows["id"].is_unique
    assert ((rows["kind"] == "indicator") & (rows["plan_id"] == "fyp14")).sum() == FYP14


def test_catalog_plan_of_prose_figures(rows):
    assert row_of(rows, "tf_wind_capacity_2025").plan_id == "fyp14"  # a target: the 14th plan
    assert row_of(rows, "tf_gdp_2020").plan_id == "fyp13"  # an achievement of 2016-2020


def test_catalog_values(rows):
    gdp = row_of(rows, "fyp14_gdp")
    assert (gdp.base_value, gdp.target_value, gdp.growth_pct, gdp.cat, gdp.attr) == (
        154.7, 255.0, 9.8, "economic_development", "anticipatory")
    forest13 = row_of(rows, "fyp13_forest_cover")
    assert (forest13.actual_year, forest13.actual_value, forest13.outcome) == (2020, 27.76, "missed")
    ranged = row_of(rows, "tf_high_level_talent_per_year")
    assert (ranged.target_text, ranged.target_value) == ("30-50", None)


# --- filters and URL state ---------------------------------------------------------------------

def test_parse_filters_valid():
    params = {"kind": "indicator", "plan": "fyp14", "cat": "green_ecology", "attr": "binding", "topic": "ecology",
              "q": " 森林 "}
    filters, notices = ev.parse_filters(params)
    assert filters == ev.Filters("indicator", "fyp14", "green_ecology", "binding", "ecology", "森林")
    assert notices == []


def test_parse_filters_accepts_chinese_spellings():
    filters, notices = ev.parse_filters({"plan": "十四五", "cat": "绿色生态", "attr": "约束性", "kind": "FIGURE"})
    assert filters == ev.Filters(kind="figure", plan="fyp14", cat="green_ecology", attr="binding")
    assert notices == []


def test_parse_filters_unknown_values_give_notices():
    filters, notices = ev.parse_filters({"plan": "fyp15", "cat": "六新", "topic": "<b>", "attr": "x", "kind": "y"})
    assert filters == ev.Filters()
    assert [(n.param, n.message_key, n.kind) for n in notices] == [
        ("kind", state.UNKNOWN_CHOICE, "ignored"), ("plan", state.UNKNOWN_CHOICE, "ignored"),
        ("cat", state.UNKNOWN_CHOICE, "ignored"), ("attr", state.UNKNOWN_CHOICE, "ignored"),
        ("topic", state.UNKNOWN_CHOICE, "ignored")]


def test_parse_filters_long_query_is_cut_with_a_notice():
    filters, notices = ev.parse_filters({"q": "森" * 400})
    assert filters.q == "森" * ev.MAX_QUERY
    assert [(n.param, n.kind) for n in notices] == [("q", "clamped")]


def test_parse_filters_repeated_parameter_last_counts():
    assert ev.parse_filters({"plan": ["fyp13", "fyp14"]})[0].plan == "fyp14"


@pytest.mark.parametrize("raw", HOSTILE)
def test_parse_filters_hostile_values_never_raise(raw):
    params = {key: raw for key in (*ev.PARAM_KEYS, "id")}
    filters, notices = ev.parse_filters(params)
    assert (filters.kind, filters.plan, filters.cat, filters.attr, filters.topic) == ("", "", "", "", "")
    assert len(filters.q) <= ev.MAX_QUERY
    assert notices
    item, id_notices = ev.parse_id(params, ["fyp14_gdp"])
    assert item == "" and id_notices[0].param == "id"


def test_parse_filters_broken_mapping():
    class Broken:
        def get(self, key):
            raise RuntimeError("no")

    assert ev.parse_filters(Broken()) == (ev.Filters(), [])


def test_parse_id():
    assert ev.parse_id({"id": "fyp14_gdp"}, ["fyp14_gdp", "fyp13_gdp"]) == ("fyp14_gdp", [])
    assert ev.parse_id({}, ["fyp14_gdp"]) == ("", [])
    item, notices = ev.parse_id({"id": "fyp99"}, ["fyp14_gdp"])
    assert item == "" and notices[0].raw == "fyp99"


def test_url_round_trip():
    filters = ev.Filters(kind="indicator", plan="fyp13", cat="ecological_civilisation", attr="binding", q="森林 cover")
    params = ev.to_params(filters, "fyp13_forest_cover")
    assert params == {"kind": "indicator", "plan": "fyp13", "cat": "ecological_civilisation", "attr": "binding",
                      "topic": "", "q": "森林 cover", "id": "fyp13_forest_cover", "page": ""}
    assert ev.parse_filters(params) == (filters, [])
    assert ev.parse_id(params, ["fyp13_forest_cover"]) == ("fyp13_forest_cover", [])


def test_the_explorer_opens_on_the_current_plan_and_plan_all_lists_every_plan():
    """Without plan= the filter is the plan the other pages show (issue 25.6); every plan is written plan=all,
    so a shared link of the whole catalogue reopens as it was."""
    assert ev.parse_filters({}, default_plan="fyp14") == (ev.Filters(plan="fyp14"), [])
    assert ev.parse_filters({"plan": "ALL"}, default_plan="fyp14") == (ev.Filters(), [])
    assert ev.to_params(ev.Filters())["plan"] == "all"
    assert ev.parse_filters(ev.to_params(ev.Filters()), default_plan="fyp14")[0].plan == ""
    filters, notices = ev.parse_filters({"plan": "fyp99"}, default_plan="fyp14")
    assert filters.plan == "fyp14" and [(n.param, n.raw) for n in notices] == [("plan", "fyp99")]


def test_paging(rows):
    """15 rows a page; page= clamped to the pages there are; a shared item's page when page= is absent."""
    shown = ev.apply_filters(rows, ev.Filters(plan="fyp14"))
    n = len(shown)
    assert n > ev.PAGE_SIZE and ev.page_count(n) == -(-n // 15) and ev.page_count(0) == 1
    assert list(ev.page_rows(shown, 2)["id"]) == list(shown["id"])[15:30]
    assert list(ev.page_rows(shown, 99)["id"]) == list(shown["id"])[(ev.page_count(n) - 1) * 15:]
    assert ev.page_caption(n, 2, "zh") == f"第 16–30 项，共 {n} 项 · 第 2/{ev.page_count(n)} 页"
    assert ev.page_caption(n, 1, "en") == f"Items 1–15 of {n} · page 1 of {ev.page_count(n)}"
    assert ev.page_caption(0, 1, "en") == "Items 0–0 of 0 · page 1 of 1"
    assert ev.parse_page({}, shown) == (1, [])
    assert ev.parse_page({"page": "2"}, shown) == (2, [])
    assert ev.parse_page({}, shown, str(shown["id"].iloc[20])) == (2, [])
    page, notices = ev.parse_page({"page": "999"}, shown)
    assert page == ev.page_count(n) and [(x.param, x.kind) for x in notices] == [("page", "clamped")]
    assert ev.to_params(ev.Filters(plan="fyp14"), "", 3)["page"] == "3"
    assert ev.clamp_page("x", n) == 1 and ev.clamp_page(5, 3) == 1


# --- filtering and search ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("filters", "count"),
    [
        (ev.Filters(), FACTS.explorer_rows),
        (ev.Filters(plan="fyp14", kind="indicator"), FYP14),
        (ev.Filters(plan="fyp13", kind="indicator"), FACTS.plan_indicators["fyp13"]),
        (ev.Filters(plan="fyp14", attr="binding"), FACTS.attributes["fyp14"]["约束性"]),
        (ev.Filters(cat="green_ecology"), 5),
        (ev.Filters(topic="ecology"), 8),
        (ev.Filters(kind="figure"), 125),
        (ev.Filters(kind="figure", attr="binding"), 0),  # figures have no attribute
        (ev.Filters(plan="fyp13", cat="six_new"), 0),
    ],
)
def test_apply_filters_counts(rows, filters, count):
    assert len(ev.apply_filters(rows, filters)) == count


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("森林覆盖率", ["fyp13_forest_cover", "fyp14_forest_cover"]),
        ("forest cover", ["fyp13_forest_cover", "fyp14_forest_cover"]),
        ("FOREST   Cover", ["fyp13_forest_cover", "fyp14_forest_cover"]),
        ("工业增加值占GDP比重", ["fyp14_industry_share_gdp"]),  # the printed name has spaces around GDP
        ("风电装机", ["tf_wind_capacity_2025"]),
        ("<script>", []),
        ("'; DROP TABLE observations; --", []),
        ("📈", []),
    ],
)
def test_search(rows, query, ids):
    found = ev.apply_filters(rows, ev.Filters(q=query))
    assert sorted(found["id"]) == ids


def test_search_full_width_and_case(rows):
    half = set(ev.apply_filters(rows, ev.Filters(q="gdp"))["id"])
    assert half == set(ev.apply_filters(rows, ev.Filters(q="ＧＤＰ"))["id"])
    assert "fyp14_gdp" in half


def test_search_finds_quotes(rows):
    assert "tf_above_size_industrial_enterprises_2025" in set(ev.apply_filters(rows, ev.Filters(q="50亿元以上"))["id"])


# --- the table and downloads -------------------------------------------------------------------

def test_display_table_zh(rows):
    table = ev.display_table(rows, "zh")
    assert list(table.columns) == ["名称", "类型", "规划", "出处", "类别 / 主题", "基期值", "目标", "累计或年均增长", "实际",
                                   "属性", "编号"]
    gdp = table[table["编号"] == "fyp14_gdp"].iloc[0]
    assert gdp.tolist() == ["地区生产总值（GDP）", "表格指标", "“十四五”", "专栏2", "经济发展", "154.7 亿元（2020年）",
                            "255 亿元（2025年）", "9.8%", "暂无数据", "预期性", "fyp14_gdp"]
    services = table[table["编号"] == "fyp13_services_share"].iloc[0]
    assert services["累计或年均增长"] == "五年累计 +0.04 个百分点"
    wind = table[table["编号"] == "tf_wind_capacity_2025"].iloc[0]
    assert (wind["类型"], wind["类别 / 主题"], wind["目标"], wind["实际"]) == ("正文数字", "产业", "500 兆瓦（2025年）", "")
    assert not NAN_WORDS.search(table.to_string())


def test_display_table_en(rows):
    table = ev.display_table(rows, "en")
    gdp = table[table["ID"] == "fyp14_gdp"].iloc[0]
    assert (gdp["Base value"], gdp["Target"]) == ("CNY 15.47 bn (2020)", "CNY 25.5 bn (2025)")
    gdp13 = table[table["ID"] == "fyp13_gdp"].iloc[0]
    assert (gdp13["Target"], gdp13["Actual"]) == ("CNY 12.4 bn (2020)", "CNY 15.47 bn (2020)")
    talent = table[table["ID"] == "tf_high_level_talent_per_year"].iloc[0]
    assert talent["Target"] == "30–50 persons"
    assert not NAN_WORDS.search(table.to_string())


def test_display_table_empty(rows):
    assert list(ev.display_table(rows.iloc[0:0], "en").columns)[-1] == "ID"


def test_export_table_keeps_numbers_and_both_languages(rows):
    out = ev.export_table(ev.apply_filters(rows, ev.Filters(plan="fyp14", kind="indicator")), "en")
    assert len(out.columns) == len(ev.EXPORT_COLUMNS)
    assert not any(c in out.columns for c in ("plan_id", "growth_text", "name_en"))  # headers in the language
    assert len(out) == FYP14
    gdp = out[out["ID"] == "fyp14_gdp"].iloc[0]
    assert (gdp["Base value"], gdp["Target value"], gdp["Base year"], gdp["Name (English)"], gdp["Name (Chinese)"]) == (
        154.7, 255.0, 2020, "Gross domestic product (GDP)", "地区生产总值（GDP）")
    assert pd.api.types.is_float_dtype(out["Base value"])
    assert "名称（中文）" in ev.export_table(rows.head(1), "zh").columns


def test_choice_options(rows):
    shown = ev.apply_filters(rows, ev.Filters(q="森林覆盖率"))
    assert ev.choice_options(shown) == ["", "fyp13_forest_cover", "fyp14_forest_cover"]
    assert ev.choice_options(shown, "fyp14_gdp") == ["", "fyp14_gdp", "fyp13_forest_cover", "fyp14_forest_cover"]
    assert ev.choice_options(shown, "fyp14_forest_cover") == ["", "fyp13_forest_cover", "fyp14_forest_cover"]


def test_table_height():
    assert ev.table_height(0) == ev.table_height(1) == 73
    assert ev.table_height(5) == 213
    assert ev.table_height(177) == ev.table_height(ev.PAGE_SIZE) == 563


def test_position(rows):
    shown = ev.apply_filters(rows, ev.Filters(plan="fyp14", kind="indicator"))
    assert ev.position(shown, "fyp14_urbanization_rate") == 1
    assert ev.position(shown, "fyp13_gdp") is None


def test_filter_notes_and_xlsx_about_sheet(rows):
    filters = ev.Filters(plan="fyp14", q="森林")
    notes = ev.filter_notes(filters, "zh", 177, 1)
    assert notes == {"筛选条件": "plan=fyp14; q=森林", "行数": "共 177 项，符合条件 1 项"}
    assert ev.filter_notes(ev.Filters(), "en", 177, 177)["Filters"] == "none (everything)"
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(
        {"lishi_indicators": ev.export_table(ev.apply_filters(rows, filters), "zh")}, notes, "zh",
        ev.export_title("zh", 1))))
    about = [str(c.value) for row in book["说明"].iter_rows() for c in row if c.value is not None]
    assert "筛选条件" in about and "plan=fyp14; q=森林" in about
    sheet = book["lishi_indicators"]
    assert sheet["A1"].value == "离石区“十四五”规划指标（筛选结果，1 项）" and sheet["A2"].value.startswith("来源：")
    assert (sheet["A4"].value, sheet["A5"].value) == ("编号", "fyp14_forest_cover")


# --- labels ------------------------------------------------------------------------------------

def test_item_labels_are_unique(rows):
    for lang in ("zh", "en"):  # the chooser's labels (item_labels: item_label of each row, checked equal below)
        labels = list(ev.item_labels(rows, lang).values())
        assert len(labels) == len(rows) and len(set(labels)) == len(labels)
    assert ev.item_label(row_of(rows, "fyp14_gdp"), "zh") == "地区生产总值（GDP） · 专栏2 · “十四五”"
    assert ev.item_label(row_of(rows, "tf_gdp_2015"), "en") == "Gross domestic product (GDP) (2015) · ch. 1, sec. 1 · 13th plan"  # English source refs (issue 14.6)


def test_the_chooser_labels_every_item_as_item_label_does_with_each_plan_looked_up_once(rows, monkeypatch):
    plans = data.plans_catalogue()
    sample = rows.groupby(["plan_id", "kind"], dropna=False).head(3)  # every plan and kind (item_label is slow)
    real = ev.wording.plan_short_label
    for lang in ("zh", "en"):
        looked_up: list[str] = []
        monkeypatch.setattr(ev.wording, "plan_short_label", lambda *a, seen=looked_up: seen.append(a[1]) or real(*a))
        labels = ev.item_labels(rows, lang, plans)
        assert sorted(looked_up) == sorted(set(rows["plan_id"].astype(str)))  # once per plan, not once per row
        assert list(labels) == list(rows["id"])
        assert {i: labels[i] for i in sample["id"]} == {r.id: ev.item_label(r, lang, plans) for r in sample.itertuples()}
        monkeypatch.undo()


def test_option_labels():
    assert ev.category_label("green_ecology", "en") == "Green ecology"
    assert ev.topic_label("agriculture", "zh") == "农业农村"
    assert ev.plan_label("", "zh") == "全部"
    assert ev.attribute_choice_label("binding", "zh") == "约束性"
    assert ev.kind_label("figure", "en") == "Figure in the text"


# --- details -----------------------------------------------------------------------------------

def test_gdp_detail(rows, tables):
    item = ev.detail(rows, "fyp14_gdp", "zh", observations=data.observations(indicator_id="fyp14_gdp"),
                     arith=ev.plan_checks(tables))
    assert item.title == "地区生产总值（GDP）"
    assert item.subtitle == "专栏2 · 序号 1 · “十四五” · 经济发展 · 预期性"
    assert item.metrics == [("2020年基数", "154.7 亿元"), ("2025年目标", "255 亿元"), ("规划年均增长", "9.8%（可比价）"),
                            ("年均所需", "+10.51%")]
    chart = item.chart
    plan = chart.frame[chart.frame["series"] == "规划路径"]
    assert plan["year"].tolist() == [2020, 2021, 2022, 2023, 2024, 2025]
    assert plan["value"].round(3).tolist() == [154.7, 170.962, 188.934, 208.795, 230.744, 255.0]
    assert (chart.target_year, chart.target_value, chart.percent) == (2025, 255.0, False)
    assert chart.title == "地区生产总值（GDP）：2020年基数至2025年目标"
    assert chart.labels["target_text"] == "目标 2025年：255 亿元"
    assert item.arithmetic == ["规划目标：154.7 亿元 → 255 亿元（2020—2025年），印出的年均增长 9.8%，由起止值推算 10.51%，"
                               "差 +0.71 个百分点。≈ 名义与实际之差：价格年均 +0.65%"]
    assert item.source_title == "专栏 2：“十四五”吕梁市离石区转型出雏型主要指标"
    assert item.source_table.iloc[0].tolist() == ["1", "地区生产总值（GDP）（亿元）", "154.7", "255", "9.8", "预期性"]
    assert item.note.startswith("备注（转录说明）：年均增长为可比价")


def test_gdp_detail_en_with_imported_actuals(rows):
    actuals = pd.DataFrame({"indicator_id": ["fyp14_gdp", "fyp14_gdp"], "year": [2021, 2022], "value": [170.0, 195.0],
                            "source": ["import-v1", "import-v1"]})
    table = data.indicator_table("fyp14")
    table.loc[table["indicator_id"] == "fyp14_gdp", ["latest_year", "latest_value"]] = [2022, 195.0]
    rows = ev.catalog_rows({"fyp14": table}, None)
    item = ev.detail(rows, "fyp14_gdp", "en", actuals=actuals)
    assert ("Latest actual (2022)", "CNY 19.5 bn") in item.metrics
    assert item.status_markdown == "Against the plan path: :blue[● Broadly on track]"  # path 188.9 ± 10
    actual = item.chart.frame[item.chart.frame["series"] == "Actual"]
    assert actual[["year", "value"]].values.tolist() == [[2021, 170.0], [2022, 195.0]]
    assert item.chart.labels["target_text"] == "Target 2025: CNY 25.5 bn"


def test_fyp13_forest_detail_marks_missed(rows, tables):
    item = ev.detail(rows, "fyp13_forest_cover", "zh", observations=data.observations(indicator_id="fyp13_forest_cover"),
                     arith=ev.plan_checks(tables))
    assert ("2020年实际", "27.76%") in item.metrics
    assert item.status_markdown == "“十三五”结果：:red[✗ 未完成]"
    assert item.chart.percent
    assert item.chart.frame[item.chart.frame["series"] == "实际"][["year", "value"]].values.tolist() == [[2020, 27.76]]
    assert item.chart_note == "虚线为匀速路径：每年变化相同的百分点（或相同数量）。"
    assert item.arithmetic[0].endswith("✓ 一致（取整误差内）")
    assert item.source_table.iloc[0].tolist() == ["23", "森林覆盖率（%）", "32", "40", "4.6", "27.76", "—", "约束性"]
    assert list(item.source_table.columns)[2:5] == ["2015 年", "规划目标 2020 年", "规划目标 累计或年均增长"]


def test_range_indicator_has_no_chart_and_says_why(rows):
    item = ev.detail(rows, "fyp14_schooling_years", "en")
    assert item.chart is None
    assert item.no_chart == "No path from base to target can be drawn: the base or the target is words or a range, " \
                            "not one number."
    assert ("2020 base", "9–12 years") in item.metrics
    assert item.arithmetic == [
        "Nothing to check for this item (it needs a base, an end value and a printed yearly rate; cumulative "
        "figures are excluded)."]


def test_text_target_without_base(rows):
    item = ev.detail(rows, "fyp14_carbon_intensity_reduction", "zh")
    assert item.no_chart == "无法绘制从基数到目标的路径：规划未给出基期数值。"
    assert ("2025年目标", "完成市任务") in item.metrics


def test_figure_detail(rows):
    item = ev.detail(rows, "tf_wind_capacity_2025", "en", sectors=data.sectors())
    assert item.title == "Installed wind power capacity"
    assert item.metrics == [("Value", "500 MW"), ("Year", "2025"), ("Kind", "Target"), ("Topic", "Industry"),
                            ("Sector", "New energy")]
    assert item.quote == "力争到 2025 年，全区风电装机规模达到 500MW。"
    assert item.source_title == "Plan text, ch. 3, sec. 1 (Chinese, verbatim)"
    assert item.chart is None and item.source_table is None


def test_detail_of_unknown_id(rows):
    assert ev.detail(rows, "<script>", "zh") is None


def test_metrics_table_and_facts(rows):
    item = ev.detail(rows, "fyp14_gdp", "en")
    table = ev.metrics_table(item, "en")
    assert table.iloc[1].tolist() == ["2025 target", "CNY 25.5 bn"]
    assert ev.facts_line(item.facts, "en") == "Unit: CNY 100 million · Direction: higher is better · ID: fyp14_gdp"
    zh = ev.detail(rows, "fyp14_gdp", "zh")
    assert ev.facts_line(zh.facts, "zh") == "单位：亿元 · 方向：越高越好 · 编号：fyp14_gdp"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_detail_builds_without_missing_words(rows, tables, lang):
    arith = ev.plan_checks(tables)
    observations = data.observations()
    for item_id in rows["id"]:
        item = ev.detail(rows, item_id, lang, observations=observations, arith=arith, sectors=data.sectors())
        text = " ".join([item.title, item.subtitle, *(f"{a} {b}" for a, b in item.metrics), *item.arithmetic,
                         item.no_chart, item.quote, item.note])
        assert not NAN_WORDS.search(text), (item_id, text)
        if item.source_table is not None:
            assert not NAN_WORDS.search(item.source_table.to_string()), item_id


def _growth_of(indicator_id: str, lang: str) -> str:
    from lishi_metrics.data import db as data

    tables = {plan: data.indicator_table(plan) for plan in ("fyp13", "fyp14")}
    rows = ev.catalog_rows(tables, data.text_figures())
    table = ev.display_table(rows[rows["id"] == indicator_id], lang)
    return table[t("ex_col_growth", lang)].iloc[0]


@pytest.mark.parametrize(("indicator_id", "lang", "expected"), [
    ("fyp13_fixed_asset_investment", "zh", "五年累计 600 亿元"),
    ("fyp13_fixed_asset_investment", "en", "CNY 60 bn over five years"),
    ("fyp13_services_share", "zh", "五年累计 +0.04 个百分点"),
    ("fyp13_services_share", "en", "+0.04 pp over five years"),
])
def test_bracketed_growth_cells_are_totals_in_the_rows_unit_not_percent(indicator_id, lang, expected):
    """专栏1's [600] is 600 亿元 over five years and [0.04] is +0.04 个百分点 (issue 14.3), never 600% / 0.04%."""
    assert _growth_of(indicator_id, lang) == expected
    assert t("ex_col_growth", "zh") == "累计或年均增长"


def test_plan_labels_read_the_plans_catalogue_once_for_many_rows(tmp_path, monkeypatch):
    """An imported plan's rows are labelled by its name; the catalogue is read once per table, not once per row."""
    from test_plan_workbook import fyp14_frames, import_frames, renamed

    from lishi_metrics.data import db as data

    assert import_frames(renamed(fyp14_frames(), "copy14"), tmp_path) == 0
    _, rows, _ = ev.catalog_from_data()
    copy = rows[rows["plan_id"] == "copy14"]
    assert len(copy) == FYP14
    calls = []
    real = data.plans
    monkeypatch.setattr(data, "plans", lambda: calls.append(1) or real())
    table = ev.display_table(copy, "en")
    assert len(calls) == 1
    label = ev.plan_label("copy14", "en", real())
    assert set(table["Plan"]) == {label} and "copy14" not in label
    catalogue = real()
    calls.clear()
    assert ev.display_table(copy, "zh", catalogue) is not None
    labels = [ev.item_label(r, "zh", catalogue) for r in copy.itertuples()]
    assert calls == [] and all(ev.plan_label("copy14", "zh", catalogue) in x for x in labels)
    assert ev.display_table(rows[rows["plan_id"] == "fyp14"], "zh") is not None and calls == [1]  # shipped too: once


def test_an_english_remark_is_data_and_a_row_without_one_shows_the_chinese_under_its_label(rows):
    """indicators.note_en (no text keyed by indicator id): the English detail shows it; without it the Chinese
    remark under a label that says so."""
    gdp = row_of(rows, "fyp14_gdp")
    assert ev.note_text(gdp, "en") == (
        "Note (transcription remark): Growth a year is real growth at comparable prices; the 2020 and 2025 values "
        "are at current (nominal) prices.")
    assert ev.note_text(gdp, "zh").startswith("备注（转录说明）：年均增长为可比价")
    untranslated = gdp._replace(note_en=None)
    assert ev.note_text(untranslated, "en") == "Note (transcription remark, Chinese): " + gdp.note
