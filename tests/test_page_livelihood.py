"""AppTest of the 民生福祉 livelihood page: numbers of both plans in both languages, topic and plan in the URL."""

from __future__ import annotations

import re

import pytest

from conftest import app_test, texts

PAGE = "pages/livelihood.py"


def run(params: dict):
    at = app_test(PAGE, params).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def notices(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("⚠️")]


def test_chinese_page_shows_the_livelihood_numbers():
    shown = texts(run({"lang": "zh"}))
    for expected in ("11.96%", "2025年目标：40%", "4.16", "2015年：4.86", "24,975 元", "32,851 元", "5,135 元",
                     "7,901 元", "3.23", "年均 7.5%", "46 所", "20 所", "26 所", "46 所 = 公办 20 所 + 社会办普惠性 26 所",
                     "2.5 人", "2025年目标：3 人", "76 岁", "76.2 岁", "35.4 张", "93%", "98%", "42%（2020年）",
                     "50%（2025年）", "2.2 平方米", "288 公里", "466 公里", "899 公里", "1,653 公里", "65%",
                     "1 个（2020年）", "2 个（2025年）", "幸福养老", "中学。"):
        assert expected in shown, expected
    assert not re.search(r"\b(nan|NaN|None)\b", shown)


def test_english_page_shows_money_and_units():
    shown = texts(run({"lang": "en"}))
    for expected in ("Livelihood", "11.96%", "2025 target: 40%", "CNY 32,851", "CNY 7,901", "4.16", "46 schools",
                     "288 km", "466 km", "899 km", "1,653 km", "76.2 years", "+5.61 pp a year", "Table 11",
                     "Provenance: Table 1"):
        assert expected in shown, expected
    assert not re.search(r"\b(nan|NaN|None)\b", shown)


def test_topic_and_plan_in_the_url_open_that_view():
    at = run({"lang": "zh", "topic": "income", "table": "fyp13"})
    assert at.pills[0].value == "income" and at.segmented_control[0].value == "fyp13"
    assert [h.value for h in at.header] == ["居民收入"]
    shown = texts(at)
    assert "城乡收入比由2015年的 4.86 倍缩小到2020年的 4.16 倍" in shown
    assert "居民人均可支配收入增长率" not in at.table[0].value.to_string()  # a 14th-plan row, filtered out


def test_changing_topic_writes_the_url():
    at = run({"lang": "en", "topic": "roads"})
    assert [h.value for h in at.header] == ["Rural roads and sanitation"]
    at.pills[0].set_value("education").run()
    assert not at.exception
    assert at.query_params["topic"] == "education"
    assert "46 schools = 20 schools public + 26 schools privately run inclusive" in texts(at)
    at.segmented_control[0].set_value("fyp14").run()
    assert at.query_params["table"] == "fyp14"


@pytest.mark.parametrize(("params", "bad"), [
    ({"topic": "weather"}, ["topic"]),
    ({"topic": "<script>alert('x')</script>", "table": "0"}, ["table", "topic"]),
    ({"table": ["fyp13", "junk"]}, ["table", "table"]),  # invalid, and repeated (issue 23.4)
])
def test_junk_params_are_ignored_with_notices(params, bad):
    at = run({"lang": "zh", **params})
    found = notices(at)
    assert len(found) == len(bad)
    for name, text in zip(bad, found, strict=True):
        assert name in text
    assert at.pills[0].value == "all"
