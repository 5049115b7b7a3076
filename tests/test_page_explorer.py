"""AppTest of pages/explorer.py in both languages: filters from the URL and back, details, fuzzed parameters."""

import json
import re

import pytest

from conftest import app_test, texts
from facts import FACTS

PAGE = "pages/explorer.py"
NAN_WORDS = re.compile(r"\b(nan|NaN|None|NaT|<NA>)\b")
HOSTILE = [
    "<script>alert(1)</script>",
    "'; DROP TABLE observations; --",
    "x" * 400,
    "📈🚀",
    "../../etc/passwd",
    "%00",
    "**bold** :red[x] $x$",
]


def run(params=None):
    at = app_test(PAGE, params)
    at.run()
    assert not at.exception, at.exception
    return at


def table(at):
    return at.dataframe[0].value


def plain(text: str) -> str:
    return text.replace("\\", "")


def test_explorer_opens_on_the_current_plan_with_its_count_and_pages():
    """Without plan= the explorer shows the plan the other pages show (issue 25.6), 15 rows a page, the row
    count and the page said in words; plan=all lists every plan."""
    at = run({"lang": "zh"})
    assert at.selectbox(key="ex_plan").value == "fyp14"
    current = FACTS.plan_indicators["fyp14"] + 75  # its table rows and the figures of its prose
    assert len(table(at)) == 15
    captions = [c.value for c in at.caption]
    assert f"共 {FACTS.explorer_rows} 项，符合条件 {current} 项" in captions
    assert f"第 1–15 项，共 {current} 项 · 第 1/{-(-current // 15)} 页" in captions
    at.number_input(key="ex_page").set_value(2).run()
    assert at.query_params["page"] == "2"
    assert "第 16–30 项" in texts(at)
    at = run({"lang": "en", "plan": "fyp99"})
    assert at.selectbox(key="ex_plan").value == at.query_params["plan"] == "fyp14"
    assert any("fyp99" in plain(c.value) for c in at.caption if c.value.startswith("⚠️"))


def test_explorer_zh_lists_everything():
    at = run({"lang": "zh", "plan": "all"})
    assert at.title[0].value == "指标库"
    assert at.selectbox(key="ex_plan").value == ""
    assert len(table(at)) == 15
    assert f"共 {FACTS.explorer_rows} 项，符合条件 {FACTS.explorer_rows} 项" in [c.value for c in at.caption]
    assert f"第 1–15 项，共 {FACTS.explorer_rows} 项 · 第 1/14 页" in [c.value for c in at.caption]
    assert at.query_params["plan"] == "all"
    assert list(table(at).columns)[0] == "名称"  # the indicator's name first (issue 25.2)
    assert len(at.get("download_button")) == 3  # the table as CSV and XLSX, and the evaluation workbook
    assert at.selectbox(key="ex_id").value == ""
    assert not NAN_WORDS.search(texts(at))


def test_explorer_opens_the_view_of_the_link():
    params = {"lang": "zh", "kind": "indicator", "plan": "fyp14", "cat": "green_ecology", "attr": "binding",
              "q": "森林", "id": "fyp14_forest_cover"}
    at = run(params)
    assert at.selectbox(key="ex_kind").value == "indicator"
    assert at.selectbox(key="ex_plan").value == "fyp14"
    assert at.selectbox(key="ex_cat").value == "green_ecology"
    assert at.selectbox(key="ex_attr").value == "binding"
    assert at.selectbox(key="ex_topic").value == ""
    assert at.text_input(key="ex_q").value == "森林"
    assert at.selectbox(key="ex_id").value == "fyp14_forest_cover"
    assert table(at)["编号"].tolist() == ["fyp14_forest_cover"]
    assert {k: at.query_params[k] for k in params} == params | {"kind": "indicator"}
    detail = ev_table(at)
    assert detail == {"2020年基数": "27.76%", "2025年目标": "30%", "规划年均增长": "暂无数据", "年均所需": "+0.45 个百分点"}
    assert not [c for c in at.caption if c.value.startswith("⚠️")]


def ev_table(at):
    """The detail's label → value table."""
    frame = next(t.value for t in at.table if len(t.value.columns) == 2)
    return dict(zip(frame.iloc[:, 0], frame.iloc[:, 1]))


def test_explorer_widgets_write_the_url():
    at = run({"lang": "en"})
    at.selectbox(key="ex_plan").set_value("fyp13").run()
    assert at.query_params["plan"] == "fyp13"
    at.text_input(key="ex_q").input("forest cover").run()
    assert at.query_params["q"] == "forest cover"
    assert table(at)["ID"].tolist() == ["fyp13_forest_cover"]
    at.selectbox(key="ex_id").set_value("fyp13_forest_cover").run()
    assert at.query_params["id"] == "fyp13_forest_cover"
    assert not at.exception
    assert ev_table(at)["2020 actual"] == "27.76%"
    assert "13th-plan result: :red[✗ Not met]" in [m.value for m in at.markdown]
    at.selectbox(key="ex_plan").set_value("").run()
    assert at.query_params["plan"] == "all"
    assert at.query_params["lang"] == "en"


def test_explorer_gdp_detail_en():
    at = run({"lang": "en", "id": "fyp14_gdp"})
    detail = ev_table(at)
    assert detail["2020 base"] == "CNY 15.47 bn"
    assert detail["2025 target"] == "CNY 25.5 bn"
    assert detail["Needed per year"] == "+10.51%"
    shown = plain(texts(at))
    assert "implied by the values 10.51%" in shown and "prices +0.65% a year" in shown
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    # A long chart title wraps with the chart's width (charts.builders.title_lines), never cut.
    assert '["Gross domestic product (GDP):", "2020 base to 2025 target"]' in spec["title"]["text"]["expr"]
    source = next(t.value for t in at.table if "序号" in t.value.columns)
    assert source.iloc[0].tolist() == ["1", "地区生产总值（GDP）（亿元）", "154.7", "255", "9.8", "预期性"]
    assert not NAN_WORDS.search(texts(at))


def test_explorer_fyp13_detail_zh():
    at = run({"lang": "zh", "id": "fyp13_gdp"})
    assert ev_table(at)["2020年实际"] == "154.7 亿元"
    assert "“十三五”结果：:green[✓ 超额完成]" in [m.value for m in at.markdown]


def test_explorer_figure_detail():
    at = run({"lang": "zh", "kind": "figure", "plan": "all", "id": "tf_wind_capacity_2025"})
    assert ev_table(at)["数值"] == "500 兆瓦"
    assert "> 力争到 2025 年，全区风电装机规模达到 500MW。" in [m.value for m in at.markdown]
    assert "共 202 项，符合条件 125 项" in [c.value for c in at.caption]


def test_explorer_figure_written_in_chinese_numerals():
    at = run({"lang": "zh", "kind": "figure", "id": "tf_public_welfare_performances"})
    assert ev_table(at)["数值"] == "100 场"
    assert "> 组织实施好百场公益演出送基层" in [m.value for m in at.markdown]


def test_explorer_selected_item_outside_filters_stays_visible():
    at = run({"lang": "en", "plan": "fyp13", "id": "fyp14_gdp"})
    assert at.selectbox(key="ex_id").value == "fyp14_gdp"
    assert "The chosen item is outside the current filters; its detail is still shown." in [c.value for c in at.caption]


def test_explorer_no_match():
    at = run({"lang": "en", "q": "nothing-matches-this"})
    assert not at.dataframe
    assert at.warning[0].value.startswith("Nothing matches")


@pytest.mark.parametrize("raw", HOSTILE)
def test_explorer_fuzzed_params_show_notices(raw):
    params = {"lang": raw, "kind": raw, "plan": raw, "cat": raw, "attr": raw, "topic": raw, "id": raw, "q": raw}
    at = run(params)
    assert at.title[0].value == "指标库"
    notices = [c.value for c in at.caption if c.value.startswith("⚠️")]
    assert any("plan" in n for n in notices) and any("id" in n for n in notices)
    assert at.selectbox(key="ex_plan").value == "fyp14"  # an unknown plan= dropped: the current plan's rows
    assert len(at.text_input(key="ex_q").value) <= 100
    assert at.query_params.get("plan") == "fyp14"
    assert not [e for e in at.markdown if "<script>" in e.value]
