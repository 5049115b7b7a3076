"""AppTest of the 绿色生态 ecology page: numbers of both plans, city-task targets as text, URL state."""

from __future__ import annotations

import re

import pytest

from lishi_metrics.text.linebreak import as_read

from conftest import app_test, texts

PAGE = "pages/ecology.py"


def run(params: dict):
    at = app_test(PAGE, params).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def notices(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("⚠️")]


def test_chinese_page_shows_air_water_forest_and_water_use():
    shown = texts(run({"lang": "zh"}))
    for expected in ("33 ug/m³", "2015年：48 ug/m³", "48 ug/m³（2015年）", "303 天 · 82.8%", "2025年目标：85%",
                     "36.4%", "2025年目标：50%", "27.76%", "2025年目标：30%", "40%（2020年）", "未完成",
                     "35.5 立方米", "48.2 立方米（2015年）", "超额完成", "6,343 户", "7,125 户", "7,600 户", "16.7 万亩",
                     "合计 21,068 户"):
        assert expected in shown, expected
    assert not re.search(r"\b(nan|NaN|None)\b", shown)


def test_city_task_targets_are_shown_as_words_without_numbers():
    at = run({"lang": "zh"})
    shown = texts(at)
    assert "完成市任务" in shown and "规划未给出数字" in shown and "已完成市定任务" in shown
    assert "仅文字目标，无法计算进度" in shown
    assert "目标为“完成市任务”的约束性指标" in [h.value for h in at.header]


def test_table_10_projects_and_provenance():
    at = run({"lang": "zh"})
    assert "生态保护与修复重大工程（专栏10，共13项）" in [h.value for h in at.header]
    assert "吕梁市离石区森林公园" in texts(at)
    assert at.main.caption[-1].value.startswith("数据出处：专栏1")


def test_english_page():
    shown = texts(run({"lang": "en"}))
    for expected in ("Ecology", "33 µg/m³", "2015: 48 µg/m³", "303 days · 82.8%", "2025 target: 85%",
                     "meet the city's assigned target", "no number in the plan", "6,343 households",
                     "167,000 mu", "35.5 m³", "+2.7 pp a year", "Provenance: Table 1"):
        assert expected in shown, expected
    assert not re.search(r"\b(nan|NaN|None)\b", shown)


def test_plan_and_theme_in_the_url_open_that_view():
    at = run({"lang": "zh", "table": "fyp13", "theme": "forest"})
    assert [s.value for s in at.segmented_control[:2]] == ["fyp13", "forest"]
    assert [h.value for h in at.header][0] == "森林"
    assert "空气" not in [h.value for h in at.header]
    forest_table = at.table[0].value
    assert set(forest_table["规划"].map(as_read)) == {"“十三五”"}  # kept whole by word joiners (fmt.md_cells)
    assert "32%（2015年）" in as_read(forest_table.to_string())  # cells keep numbers with units (fmt.md_cells)


def test_changing_plan_and_theme_writes_the_url():
    at = run({"lang": "en"})
    at.segmented_control[1].set_value("water").run()
    at.segmented_control[0].set_value("fyp14").run()
    assert not at.exception
    assert at.query_params["theme"] == "water" and at.query_params["table"] == "fyp14"
    assert [h.value for h in at.header][0] == "Water"
    at.segmented_control[1].set_value("all").run()
    assert "theme" not in at.query_params


@pytest.mark.parametrize(("params", "bad"), [
    ({"table": "fyp15"}, ["table"]),
    ({"theme": "<b>noise</b>"}, ["theme"]),
    ({"table": "[x](http://example.com)", "theme": "x" * 500}, ["table", "theme"]),
])
def test_junk_params_are_ignored_with_notices(params, bad):
    at = run({"lang": "zh", **params})
    found = notices(at)
    assert len(found) == len(bad)
    for name, text in zip(bad, found, strict=True):
        assert name in text
    assert [s.value for s in at.segmented_control[:2]] == ["all", "all"]
