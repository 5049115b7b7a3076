"""AppTest of the big screen page (pages/screen.py): every panel in both languages, notices, actuals."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from lishi_metrics.actuals import store

from conftest import app_test, texts, tile_cards

PANEL_TITLES = {
    "zh": ("总览", "三新五大", "绿色生态", "民生福祉", "“十三五”成就"),
    "en": ("Overview", "New and leading industries", "Green ecology", "People's wellbeing", "13th-plan achievements"),
}
# One value each panel must show, straight from the plan.
PANEL_VALUES = {
    "zh": ("154.7 亿元", "19 项", "36.4%", "5.4 万人", "✓ 超额完成 10 · ✓ 已完成 2 · ✗ 未完成 10"),
    "en": ("CNY 15.47 bn", "Wind power 500 MW", "36.4%", "Vocational training, total", "✓ Exceeded 10"),
}


def run(params: dict):
    at = app_test("pages/screen.py", params)
    at.run()
    assert not at.exception, at.exception
    return at


def metric_values(at) -> list[str]:
    """The big values of the tiles (one Markdown block each, read back by conftest.tile_cards) and the facts."""
    return [card["value"] for card in tile_cards(at)] + [str(m.value) for m in at.metric]


@pytest.mark.parametrize("panel", range(1, 6))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_panel_in_both_languages(panel, lang):
    at = run({"panel": str(panel), "rotate": "0", "lang": lang})
    shown = texts(at)
    title = at.title[0].value
    assert title.endswith(PANEL_TITLES[lang][panel - 1])
    assert f"{panel} / 5" in shown
    assert PANEL_VALUES[lang][panel - 1] in shown
    assert "nan" not in metric_values(at) and "None" not in shown
    assert not [c for c in at.caption if "⚠" in str(c.value)]  # valid parameters: no notice
    assert len(at.get("vega_lite_chart")) == {1: 1, 2: 2, 3: 3, 4: 1, 5: 1}[panel]


def test_overview_shows_2020_value_and_2025_target():
    at = run({"panel": "1", "rotate": "0", "lang": "zh"})
    shown = texts(at)
    cards = tile_cards(at)
    assert len(cards) == 10 and len(at.metric) == 3  # 10 tiles (a box and one Markdown block each), 3 facts
    gdp = cards[0]
    assert (gdp["scope"], gdp["key"], gdp["name"], gdp["label"], gdp["tag"], gdp["value"]) == (
        "sc-tile", "fyp14_gdp", "地区生产总值", "2020年实际", "预期性", "154.7 亿元")
    assert gdp["lines"] == ["2025年目标 255 亿元", ":gray[○ 规划路径 年均 +10.51%]"]
    assert (gdp["tone"], gdp["kind"], gdp["tag_kind"]) == ("muted", "number", "anticipatory")
    assert "2025年目标 255 亿元" in shown


def test_overview_in_english_shows_cny_bn():
    at = run({"panel": "1", "rotate": "0", "lang": "en"})
    shown = texts(at)
    assert "CNY 15.47 bn" in metric_values(at)
    assert "2025 target CNY 25.5 bn" in shown
    assert "Lishi District 14th Plan Monitor · Overview" == at.title[0].value


def test_default_url_opens_panel_1_rotating():
    at = run({"rotate": "20", "lang": "zh"})
    assert at.title[0].value.endswith("总览")
    assert "1 / 5" in texts(at)
    assert at.session_state["sc_panel"] == 1


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        # Parameters named in words with their short name (issue 14.8), as on the other pages.
        ({"panel": "9", "rotate": "0"}, "参数 大屏画面（panel） 超出范围，已调整为 6"),
        ({"panel": "abc", "rotate": "0"}, "已忽略无效参数 大屏画面（panel）"),
        ({"rotate": "fast"}, "已忽略无效参数 轮播秒数（rotate）"),
        ({"rotate": "0", "lang": "xx"}, "已忽略无效参数 语言（lang）"),
        ({"rotate": "0", "panel": "<script>alert(1)</script>"}, "“<script>alert(1)</script>”"),
        ({"rotate": "0", "indicator": "x"}, "已忽略本页不使用的参数 indicator，已从地址中移除: “x”"),
    ],
)
def test_invalid_params_give_a_small_notice_and_the_default(params, fragment):
    at = run(params)
    notices = [str(e.value) for e in at.text if str(e.value).startswith("⚠")]
    assert any(fragment in n for n in notices), notices
    assert at.title  # the wall still shows a panel


def test_clamped_panel_opens_the_last_panel():
    at = run({"panel": "9", "rotate": "0"})
    assert at.title[0].value.endswith("“十三五”成就")


def test_notice_text_is_never_markup():
    at = run({"rotate": "0", "panel": "<b>x</b>"})
    for el in at.markdown:
        assert "<b>x</b>" not in str(el.value)


def test_tiles_show_the_latest_imported_actual_with_status():
    values = pd.DataFrame({"indicator_id": ["fyp14_gdp", "fyp14_gdp"], "year": [2022, 2023],
                           "value": [185.0, 195.0]})
    values = values.astype({"year": "int64", "value": "float64"})
    store.commit_import(os.environ["LISHI_STORE_DIR"], values, by="测试", file_name="a.csv", sha256="ab" * 32)
    at = run({"panel": "1", "rotate": "0", "lang": "zh"})
    shown = texts(at)
    gdp = tile_cards(at)[0]
    assert (gdp["label"], gdp["value"], gdp["tone"]) == ("2023年实际", "195 亿元", "bad")
    assert gdp["lines"][-1] == ":red[▼ 滞后 · 规划路径 208.8 亿元]"
    assert "已导入年度实际值（最新2023年）· 状态为对照规划路径" in shown
