"""AppTest of pages/overview.py in both languages: the numbers shown, the scoreboard, notices and imported actuals."""

import json
import os
import re

import pandas as pd
import pytest

from lishi_metrics.actuals import store
from lishi_metrics.text.linebreak import as_read

from conftest import app_test, texts, tile_cards

PAGE = "pages/overview.py"
NAN_WORDS = re.compile(r"\b(nan|NaN|None|NaT|<NA>)\b")


def run(params=None):
    at = app_test(PAGE, params)
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at, label_start):
    """The big values of the headline tiles whose label starts with `label_start`."""
    return [card["value"] for card in tile_cards(at) if card["label"].startswith(label_start)]


def scoreboard(at, lang):
    """The 13th-plan verdict table (the dataframe with a result column)."""
    column = "结果" if lang == "zh" else "Result"
    return next(df.value for df in at.dataframe if column in df.value.columns)


def plain(text: str) -> str:
    return text.replace("\\", "")


TABS = {"zh": {"grid": "全部指标", "scoreboard": "上一规划完成情况", "vision": "远景与目标", "arith": "规划数字核对"},
        "en": {"grid": "All indicators", "scoreboard": "Previous plan: results", "vision": "Vision and goals",
               "arith": "Plan arithmetic"}}


def open_tab(at, code, lang="zh"):
    """Open one of the overview's lazy tabs (a click on it reruns the page) and return the app."""
    label = next(tab.label for tab in at.tabs if tab.label.startswith(TABS[lang][code]))
    at.session_state["ov_tab"] = label
    at.run()
    assert not at.exception, at.exception
    return at


def md_tables(at):
    """Every Markdown table on the page as a DataFrame of its cells (as written, Markdown included; as read: the
    word joiners and no-break spaces that keep a number with its unit are a space and nothing)."""
    tables = []
    for block in (as_read(m.value) for m in at.markdown):
        rows = [line for line in block.splitlines() if line.startswith("| ") and not line.startswith("| --- |")]
        if not rows:
            continue
        cells = [[c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]
        tables.append(pd.DataFrame(cells[1:], columns=cells[0]))
    return tables


def test_overview_zh_numbers():
    at = run({"lang": "zh"})
    shown = plain(texts(at))
    assert at.title[0].value == "总览"
    cards = tile_cards(at)
    assert len(cards) == 13 and not at.metric  # one box and one Markdown block per headline tile
    gdp = next(card for card in cards if card["key"] == "fyp14_gdp")
    assert (gdp["name"], gdp["label"], gdp["tag"], gdp["value"]) == ("地区生产总值（GDP）", "2025年目标", "预期性", "255 亿元")
    assert gdp["lines"] == ["2020年：154.7 亿元", "年均所需：+10.51%", "规划年均增长：9.8%（可比价）"]
    assert (gdp["tone"], gdp["kind"], gdp["tag_kind"]) == ("muted", "number", "anticipatory")
    assert "255 亿元" in metric(at, "2025年目标")
    assert "2020年：**154.7 亿元**" in shown
    assert "年均所需：**+10.51%**" in shown
    assert "年均所需：**+0.31 个百分点**" in shown  # urbanisation: percentage points, not percent
    assert metric(at, "规划年均增长") == ["7.5%"]  # income growth: the target is a rate
    assert "尚未导入年度实际数据" in shown
    # closed tabs send nothing (10.51% is no longer a marker of the arithmetic tab: the GDP tile's pace reads it
    # too since issue 25.4, one rendering of the implied rate)
    assert "全区经济进入更高质量的发展阶段" not in shown
    assert not at.get("vega_lite_chart")
    shown = plain(texts(open_tab(at, "arith")))
    assert "10.51%" in shown and "0.65%" in shown and "9.8%" in shown  # real vs nominal GDP
    arith = md_tables(at)[0]
    assert arith.iloc[0, 0] == "地区生产总值（GDP）" and "9.8%" in arith.iloc[0].tolist()
    shown = plain(texts(open_tab(at, "vision")))
    assert "全区经济进入更高质量的发展阶段" in shown  # the 2035 vision
    goals = next(m.value for m in at.markdown if "生态文明再上新水平" in m.value)
    assert "- 生态文明再上新水平：现代环境治理体系基本形成" in goals
    assert "*" not in goals  # the transcription's **bold** is stripped, not shown as stars
    assert not NAN_WORDS.search(texts(at))


def test_overview_zh_grid_and_scoreboard():
    at = run({"lang": "zh"})
    grid = [t for t in md_tables(at) if "状态" in t.columns]
    assert [len(t) for t in grid] == [6, 4, 7, 5, 10, 2]
    # Markdown cells: the status cell is coloured (grey: no judgement yet).
    assert grid[0].iloc[0].tolist() == ["1 地区生产总值（GDP）", "154.7 亿元", "255 亿元", "+10.51%", ":gray[○ 待评估]"]
    board = scoreboard(open_tab(at, "scoreboard"), "zh")
    assert board.loc[board["指标"] == "地区生产总值", "结果"].item() == "✓ 超额完成"
    assert board.loc[board["指标"] == "森林覆盖率", "结果"].item() == "✗ 未完成"
    assert board.loc[board["指标"] == "贫困人口减少", "2020年实际"].item() == "全部脱贫"
    assert board.loc[board["指标"] == "固定资产投资", "结果"].item() == "↗ 增速目标"
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    # the title wraps with the chart's width (charts.fit): whole on one line when it fits
    assert '"“十三五”：2020年实际相对规划目标（方向已校正，右侧为更好）"' in spec["title"]["text"]["expr"]


def test_overview_en_numbers():
    at = run({"lang": "en"})
    shown = plain(texts(at))
    assert at.title[0].value == "Overview"
    assert "CNY 25.5 bn" in metric(at, "2025 target")
    assert "2020: **CNY 15.47 bn**" in shown
    assert "Needed per year: **+10.51%**" in shown
    assert "Needed per year: **+0.31 pp**" in shown
    assert "65" in metric(at, "2025 target (enterprises)")
    board = scoreboard(open_tab(at, "scoreboard", "en"), "en")
    assert board.loc[board["Indicator"] == "Gross domestic product (GDP)", "Result"].item() == "✓ Exceeded"
    assert board.loc[board["Indicator"] == "Forest cover", "Result"].item() == "✗ Not met"
    assert "CNY 15.47 bn" in shown and "10.51%" in plain(texts(open_tab(at, "arith", "en")))
    assert not NAN_WORDS.search(texts(at))


@pytest.mark.parametrize("raw", ["fr", "<script>alert(1)</script>", "'; DROP TABLE x; --", "x" * 400, "📈"])
def test_overview_fuzzed_lang_shows_a_notice(raw):
    at = run({"lang": raw})
    assert at.title[0].value == "总览"
    notices = [c.value for c in at.caption if c.value.startswith("⚠️")]
    assert notices and "lang" in notices[0]


def test_overview_unknown_params_are_harmless():
    at = run({"lang": "en", "id": "<script>", "plan": "'; DROP TABLE x"})
    assert at.title[0].value == "Overview"


def test_overview_shows_imported_actuals_with_status():
    values = pd.DataFrame({"indicator_id": ["fyp14_gdp", "fyp14_gdp", "fyp14_forest_cover"],
                           "year": [2021, 2022, 2022], "value": [170.0, 205.0, 28.0]})
    store.commit_import(os.environ["LISHI_STORE_DIR"], values, "test", "actuals.csv", "0" * 64)
    at = run({"lang": "zh"})
    shown = plain(texts(at))
    assert "已导入实际数据：2 项指标，最新年份 2022年" in shown
    cards = {card["key"]: card for card in tile_cards(at)}
    # No growth at comparable prices imported: the real growth cannot be evaluated, the nominal is labelled so.
    assert cards["fyp14_gdp"]["lines"][-5:] == [
        "2022年实际：205 亿元", "实际年均增长：无法评价：仅有现价总量，缺少按可比价格计算的增速",
        "现价年均增长：+15.1%（现价/名义）", ":green[▲ 快于预期]", ":gray[规划路径 2022年：188.9 亿元]"]
    assert cards["fyp14_gdp"]["tone"] == "good"
    assert cards["fyp14_forest_cover"]["lines"][-3:-1] == ["2022年实际：28%", ":red[▼ 滞后]"]
    assert cards["fyp14_forest_cover"]["tone"] == "bad"
    economy = next(t for t in md_tables(at) if "最新实际" in t.columns)
    assert economy.iloc[0]["最新实际"] == "205 亿元 (2022)"
    assert economy.iloc[0]["状态"] == ":green[▲ 快于预期]"
    at_en = run({"lang": "en"})
    gdp = next(card for card in tile_cards(at_en) if card["key"] == "fyp14_gdp")
    assert gdp["lines"][-5:-1] == ["2022 actual: CNY 20.5 bn", "Real growth a year: Not evaluable: current-price levels "
                                   "alone, no growth at comparable prices",
                                   "Current-price growth a year: +15.1% (current prices, nominal)",
                                   ":green[▲ Ahead of expectations]"]
