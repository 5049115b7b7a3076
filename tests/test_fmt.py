"""Tests for lishi_metrics.text.fmt: exact strings, Chinese and English."""

import math

import pandas as pd
import pytest

from lishi_metrics.text import fmt
from lishi_metrics.text.fmt import fmt_change, fmt_pct, fmt_value, fmt_year, value_text_display


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (255, "亿元", "255 亿元", "CNY 25.5 bn"),
        (154.7, "亿元", "154.7 亿元", "CNY 15.47 bn"),
        (250, "亿元", "250 亿元", "CNY 25 bn"),
        (67.9, "亿元", "67.9 亿元", "CNY 6.79 bn"),
        (1.5, "亿元", "1.5 亿元", "CNY 150 million"),
        (5, "万元", "5 万元", "CNY 50,000"),
        (32851, "元", "32,851 元", "CNY 32,851"),
        (7901, "元", "7,901 元", "CNY 7,901"),  # one grouping rule beside 32,851 (issue 14.9)
        (73.47, "%", "73.47%", "73.47%"),
        (2.3, "‰", "2.3‰", "2.3‰"),
        (30, "户", "30 户", "30 enterprises"),
        (0.47, "万人", "0.47 万人", "4,700 people"),
        (0.6591, "万人", "0.6591 万人", "6,591 people"),
        (2.58, "万吨", "2.58 万吨", "25,800 t"),
        (16.7, "万亩", "16.7 万亩", "167,000 mu"),
        (220, "万立方米", "220 万立方米", "2,200,000 m³"),
        (8540.03, "吨", "8,540.03 吨", "8,540.03 t"),
        (0.31, "个百分点", "0.31 个百分点", "0.31 percentage points"),
        (6, "人/十万人", "6 人/十万人", "6 per 100 000"),
        (76.2, "岁", "76.2 岁", "76.2 years"),
        (12, "", "12", "12"),
        (12, None, "12", "12"),
        (0.1 + 0.2, "%", "0.3%", "0.3%"),
        (-15, "%", "\u221215%", "\u221215%"),
        (-1.5, "亿元", "\u22121.5 亿元", "CNY \u2212150 million"),
        (-12500, "张", "\u221212,500 张", "\u221212,500 beds"),
        (12500, "张", "12,500 张", "12,500 beds"),
    ],
)
def test_fmt_value_zh_and_en(value, unit, zh, en):
    assert fmt_value(value, unit, "zh") == zh
    assert fmt_value(value, unit, "en") == en


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, math.inf, "abc"])
def test_fmt_value_missing_reads_as_no_data(missing):
    assert fmt_value(missing, "亿元", "zh") == "暂无数据"
    assert fmt_value(missing, "亿元", "en") == "no data"


@pytest.mark.parametrize(
    ("value", "unit", "digits", "zh", "en"),
    [
        (73.4, "%", 2, "73.40%", "73.40%"),
        (154.66, "亿元", 1, "154.7 亿元", "CNY 15.47 bn"),
        (255, "亿元", 1, "255.0 亿元", "CNY 25.50 bn"),
        (0.4712, "万人", 2, "0.47 万人", "4,700 people"),
        (10.5136, "%", 1, "10.5%", "10.5%"),
    ],
)
def test_fmt_value_digits_are_source_unit_decimals(value, unit, digits, zh, en):
    assert fmt_value(value, unit, "zh", digits) == zh
    assert fmt_value(value, unit, "en", digits) == en


def test_fmt_value_unknown_unit_falls_back_to_the_chinese_unit():
    assert fmt_value(3, "匹", "en") == "3 匹"


def test_fmt_value_accepts_language_variants():
    assert fmt_value(255, "亿元", "en-US") == "CNY 25.5 bn"


@pytest.mark.parametrize(
    ("per_year", "mode", "unit", "zh", "en"),
    [
        (10.5136, "pct", None, "年均 +10.5%", "+10.5% a year"),
        (9.8, "pct", None, "年均 +9.8%", "+9.8% a year"),
        (-3, "pct", None, "年均 −3.0%", "−3.0% a year"),
        (0.306, "pp", None, "年均 +0.31 个百分点", "+0.31 pp a year"),
        (2.06, "pp", None, "年均 +2.06 个百分点", "+2.06 pp a year"),
        (20.06, "abs", "亿元", "年均 +20.06 亿元", "+CNY 2.006 bn a year"),
        (7, "abs", "户", "年均 +7 户", "+7 enterprises a year"),
        (-2.54, "abs", "立方米", "年均 −2.54 立方米", "−2.54 m³ a year"),
        (0, "pct", None, "年均 0%", "0% a year"),
    ],
)
def test_fmt_change(per_year, mode, unit, zh, en):
    assert fmt_change(per_year, mode, "zh", unit) == zh
    assert fmt_change(per_year, mode, "en", unit) == en


def test_percentage_points_are_not_percent():
    assert "%" not in fmt_change(0.31, "pp", "en")
    assert "%" not in fmt_change(0.31, "pp", "zh")
    assert fmt_change(0.31, "pct", "en") != fmt_change(0.31, "pp", "en")


def test_fmt_change_missing_and_bad_mode():
    assert fmt_change(None, "pct", "zh") == "暂无数据"
    assert fmt_change(float("nan"), "pp", "en") == "no data"
    with pytest.raises(ValueError, match="pct"):
        fmt_change(1, "percent", "en")


def test_fmt_change_digits_override():
    assert fmt_change(10.5136, "pct", "en", digits=2) == "+10.51% a year"


@pytest.mark.parametrize(
    ("fraction", "digits", "sign", "text"),
    [
        (0.7347, 1, False, "73.5%"),
        (0.7347, 0, False, "73%"),
        (1.25, 1, False, "125.0%"),
        (0.05, 1, True, "+5.0%"),
        (-0.05, 1, True, "−5.0%"),
        (0, 1, True, "0%"),
    ],
)
def test_fmt_pct(fraction, digits, sign, text):
    assert fmt_pct(fraction, "zh", digits, sign) == text
    assert fmt_pct(fraction, "en", digits, sign) == text


def test_fmt_pct_missing():
    assert fmt_pct(None, "zh") == "暂无数据"
    assert fmt_pct(float("nan"), "en") == "no data"


@pytest.mark.parametrize(("year", "zh", "en"), [(2025, "2025年", "2025"), (2020.0, "2020年", "2020")])
def test_fmt_year(year, zh, en):
    assert fmt_year(year, "zh") == zh
    assert fmt_year(year, "en") == en


def test_fmt_year_missing():
    assert fmt_year(None, "zh") == "暂无数据"


@pytest.mark.parametrize(
    ("value", "text", "unit", "zh", "en"),
    [
        (None, "力争达到全省平均水平", "%", "力争达到全省平均水平", "strive to reach the provincial average"),
        (None, "完成市任务", "%", "完成市任务", "meet the city's assigned target"),
        (None, "已完成市定任务", "%", "已完成市定任务", "city-assigned target met"),
        (None, "全部脱贫", "万人", "全部脱贫", "all lifted out of poverty"),
        (None, "—", "%", "暂无数据", "no data"),
        (None, None, "%", "暂无数据", "no data"),
        (float("nan"), "", "%", "暂无数据", "no data"),
        (None, "9-12", "年", "9-12 年", "9–12 years"),
        (None, "12-15", "年", "12-15 年", "12–15 years"),
        (None, "30-50", "%", "30-50%", "30–50%"),
        (None, "1-2", "亿元", "1-2 亿元", "CNY 100 million–CNY 200 million"),
        (None, "某项新任务", "%", "某项新任务", "某项新任务 (text target)"),
        (255.0, "255", "亿元", "255 亿元", "CNY 25.5 bn"),
        (None, "154.7", "亿元", "154.7 亿元", "CNY 15.47 bn"),
    ],
)
def test_value_text_display(value, text, unit, zh, en):
    assert value_text_display(value, text, unit, "zh") == zh
    assert value_text_display(value, text, unit, "en") == en


def test_units_are_read_from_units_csv():
    units = fmt.units_en()
    assert units["亿元"] == "CNY 100 million"
    assert fmt.units_en() is units  # cached


@pytest.mark.parametrize(("number", "decimals"), [(0.1 + 0.2, 1), (154.7 / 10, 2), (255.0, 0), (0.6591, 4)])
def test_decimals_needed_ignores_float_noise(number, decimals):
    assert fmt.decimals_needed(number) == decimals


# --- the one signed formatter, percentage points and Markdown escaping -------------------------------------

@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (0.3, 1, "+0.3"), (-0.3, 1, "\u22120.3"), (0, 1, "0"), (-0.04, 1, "0"), (0.1 + 0.2, None, "+0.3"),
    (1234.5, 1, "+1,234.5"), (None, 1, "暂无数据"), (float("nan"), 2, "暂无数据"),
])
def test_signed_uses_plus_true_minus_and_plain_zero(value, decimals, expected):
    from lishi_metrics.text.fmt import signed

    assert signed(value, decimals) == expected


@pytest.mark.parametrize(("value", "decimals", "grouping", "expected"), [
    (-1234.5, None, True, "\u22121,234.5"), (-1234.5, 0, False, "\u22121234"), (-0.004, 2, True, "0.00"),
    (-0.0, None, True, "0"), (1234.5, 1, True, "1,234.5"),
])
def test_format_number_reads_a_negative_with_the_typographic_minus(value, decimals, grouping, expected):
    """One sign convention: the unsigned printer's minus is the signed formatter's (U+2212), never "-0"."""
    assert fmt.format_number(value, decimals, grouping) == expected
    if value < 0 and expected != "0.00":
        assert fmt.signed(value, decimals).replace(",", "") == expected.replace(",", "")


def test_signed_ascii_minus_for_metric_deltas():
    from lishi_metrics.text.fmt import signed, signed_value

    assert signed(-1.25, 1, ascii_minus=True) == "-1.2"
    assert signed_value(-35, "亿元", "zh", digits=1, ascii_minus=True) == "-35.0 亿元"
    assert signed_value(12.34, "亿元", "en", digits=1) == "+CNY 1.23 bn"


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (0.04, "zh", "+0.04 个百分点"), (0.04, "en", "+0.04 pp"), (-0.5, "en", "\u22120.50 pp"), (0, "zh", "0 个百分点"),
])
def test_pp_text_is_points_not_percent(value, lang, expected):
    from lishi_metrics.text.fmt import pp_text

    assert pp_text(value, lang) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("154.7 亿元", "154.7 亿元"),
    ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
    ("**b** :red[x] $x$", "\\*\\*b\\*\\* \\:red\\[x\\] \\$x\\$"),
    ("- a\n1. b\n-5%", "\\- a\n1\\. b\n-5%"),
    ("see http://e.x", "see http\u200b\\://e.x"),
    (None, ""),
])
def test_md_escape_makes_text_inert(text, expected):
    from lishi_metrics.text.fmt import md_escape

    assert md_escape(text) == expected


def test_md_cards_one_block_a_row_escaped_with_the_plan_quote_last_as_a_block_quote():
    """A phone's table (issue 25.2): the first cell bold, a 'header: value' line per other cell, the plan's own
    words (the 规划原文 column) a block quote under its header at the end of the card; data stays text."""
    from lishi_metrics.text.i18n import t

    quote = t("in_col_quote", "en")
    frame = pd.DataFrame([["Cable *plant*", "[x](http://e.x)", "依托<b>电缆</b>\n> 企业", None],
                          ["Mill", "ch. 2", None, "5"]], columns=["Enterprise", "Source", quote, "Rank"])
    assert fmt.md_cards(frame, "en").split("\n\n---\n\n") == [
        "**Cable \\*plant\\***  \nSource: \\[x\\](http\u200b\\://e.x)  \n"
        f"{quote}:\n> 依托\\<b\\>电缆\\</b\\> \\> 企业",
        "**Mill**  \nSource: ch. 2  \nRank: 5",
    ]
    zh = pd.DataFrame([["光伏", "依托"]], columns=["内容", t("in_col_quote", "zh")])
    assert fmt.md_cards(zh, "zh") == "**光伏**  \n规划原文：\n> 依托"


@pytest.mark.parametrize(("cell", "pieces"), [
    ("154.7 亿元", ["154.7 亿元"]), ("+0.31 个百分点", ["+0.31 个百分点"]), ("2026年1—10月", ["2026年", "1—10月"]),
    ("2020年目标", ["2020年", "目", "标"]), ("● 基本符合预期", ["● 基本符合预期"]), ("30-50 名", ["30-50 名"]),
    ("8,540.03 吨（2015年）", ["8,540.03 吨", "（2015年）"]), ("+6.0% (−1.0 pp)", ["+6.0%", "(−1.0 pp)"]),
    ("2026 Jan–Oct", ["2026", "Jan–Oct"]), ("“十四五”", ["“十四五”"]), ("约束性", ["约束性"]), ("属性", ["属性"]),
    ("规划增速（按原表）", ["规", "划", "增", "速", "（按原表）"]),
])
def test_unbroken_cell_lets_a_line_break_between_words_only(cell, pieces):
    """Issue 25.2: where a table cell may break (a space, or between two Chinese characters not joined) — never
    inside a number with its unit, a range, a status or a short bracketed part."""
    import re as _re

    from lishi_metrics.text.linebreak import NBSP, WJ

    joined = fmt.unbroken_cell(cell)
    assert joined.replace(WJ, "").replace(NBSP, " ") == cell  # only invisible joiners and no-break spaces
    cjk = "\u4e00-\u9fff\uff08\uff09"
    # break opportunities left: an ordinary space, or two adjacent characters either of which is Chinese
    parts = _re.split(rf" |(?<=[{cjk}])(?=[^ {WJ}\u00a0])|(?<=[^ {WJ}\u00a0])(?=[{cjk}])", joined)
    assert [p.replace(WJ, "").replace(NBSP, " ") for p in parts if p] == pieces
    assert fmt.unbroken_cell(":green[▲ 领先]") == ":green[▲\u00a0领\u2060先]"  # Markdown syntax untouched


def test_english_units_come_through_the_data_layer():
    from lishi_metrics.text import fmt

    assert fmt.units_en()["公里"] == "km"
    assert "units.csv" not in open(fmt.__file__, encoding="utf-8").read()  # read via data.db, not the CSV


@pytest.mark.parametrize(
    ("value", "unit", "unit_en", "en"),
    [
        (1, "个", None, "1 unit"),  # a counting word is singular for exactly one, never "1 units"
        (2, "个", "laboratories", "2 laboratories"),
        (1, "个", "laboratories", "1 laboratory"),
        (1.5, "件", "patents", "1.5 patents"),  # 1.5 items read badly (issue 14.6)
        (1.5, "件", None, "1.5 patents"),
        (6343, "户", "households", "6,343 households"),  # 户 is households for one row, enterprises for another
        (30, "户", "enterprises", "30 enterprises"),
        (5, "个", "", "5"),  # '' prints the bare number
        (1, "人", None, "1 person"),
        (3, "个", "个", "3 units"),  # an imported plan that repeats the Chinese as its English: the table's word
        (255, "亿元", "CNY 100 million", "CNY 25.5 bn"),  # money and scaled units ignore the row's word
    ],
)
def test_fmt_value_uses_the_indicators_own_english_unit_word(value, unit, unit_en, en):
    assert fmt.fmt_value(value, unit, "en", unit_en=unit_en) == en
    assert fmt.fmt_value(value, unit, "zh", unit_en=unit_en) == fmt.fmt_value(value, unit, "zh")


@pytest.mark.parametrize(("plural", "one"), [("laboratories", "laboratory"), ("households", "household"),
                                             ("head", "head"), ("people", "person"), ("10 thousand persons", "10 thousand persons"),
                                             ("boxes", "box"), ("bonus", "bonus"), ("", ""), ("status", "status")])
def test_singular(plural, one):
    assert fmt.singular(plural) == one


# Every English unit word of the shipped data (units.csv, indicators.csv, text_figures.csv) and its form for exactly
# one: a compound reads "1 laboratory or centre", a phrase keeps its tail ("year of age"), and a quantity, a
# symbol or a rate stays as it is ("1 × 10 thousand persons", "1 MW", "1 per 100 000").
SINGULARS = {
    "%": "%", "‰": "‰", "µg/m³": "µg/m³", "MW": "MW", "kW": "kW", "km": "km", "mu": "mu", "head": "head",
    "times": "times", "CNY": "CNY", "CNY 10 thousand": "CNY 10 thousand", "CNY 100 million": "CNY 100 million",
    "10 MW": "10 MW", "10 thousand cubic metres": "10 thousand cubic metres", "10 thousand mu": "10 thousand mu",
    "10 thousand persons": "10 thousand persons", "10 thousand sets a year": "10 thousand sets a year",
    "10 thousand square metres": "10 thousand square metres", "10 thousand tonnes": "10 thousand tonnes",
    "100 million tonnes of coal equivalent": "100 million tonnes of coal equivalent", "per 100 000": "per 100 000",
    "deaths per CNY 100 million": "death per CNY 100 million", "deaths per million tonnes": "death per million tonnes",
    "pieces a year": "piece a year", "years of age": "year of age", "percentage points": "percentage point",
    "cubic metres": "cubic metre", "square metres": "square metre", "metres": "metre", "tonnes": "tonne",
    "laboratories or centres": "laboratory or centre", "enterprises and projects": "enterprise and project",
    "laboratories": "laboratory", "entities": "entity", "facilities": "facility", "consortia": "consortium",
    "beds": "bed", "days": "day", "doctors": "doctor", "dwellings": "dwelling", "editions": "edition", "enterprises": "enterprise",
    "events": "event", "machines": "machine", "minutes": "minute", "patents": "patent", "persons": "person",
    "places": "place", "roads": "road", "schools": "school", "teams": "team", "units": "unit", "years": "year",
    "bases": "base", "business districts": "business district", "cooperatives": "cooperative", "farms": "farm",
    "federations": "federation", "households": "household", "institutions": "institution",
    "platforms": "platform", "reservoirs": "reservoir", "scenic areas": "scenic area", "villages": "village",
}


def _shipped_unit_words() -> set[str]:
    from lishi_metrics import config

    words: set[str] = set()
    for name in ("units.csv", "indicators.csv", "text_figures.csv"):
        words |= set(pd.read_csv(config.SOURCE_DIR / name, dtype=str)["unit_en"].dropna().str.strip())
    return words - {""}


def test_every_shipped_unit_word_has_a_known_singular():
    """A new unit word in the data needs its singular written down here, checked by a reader."""
    assert _shipped_unit_words() == set(SINGULARS)


@pytest.mark.parametrize(("plural", "one"), sorted(SINGULARS.items()))
def test_singular_of_every_shipped_unit_word(plural, one):
    assert fmt.singular(plural) == one


@pytest.mark.parametrize(
    ("value", "unit", "unit_en", "en"),
    [
        (1, "个", "laboratories or centres", "1 laboratory or centre"),  # fyp14_key_labs_centres
        (2, "个", "laboratories or centres", "2 laboratories or centres"),
        (1, "年", None, "1 year"), (1, "岁", None, "1 year"), (1, "吨", None, "1 t"),  # scaled units too
        (1, "天", None, "1 day"), (1, "个百分点", None, "1 percentage point"), (1, "人/十万人", None, "1 per 100 000"),
        (1, "人/亿元", None, "1 death per CNY 100 million"), (1.0, "天", None, "1 day"), (1.5, "天", None, "1.5 days"),
    ],
)
def test_fmt_value_makes_the_unit_word_singular_for_exactly_one(value, unit, unit_en, en):
    assert fmt.fmt_value(value, unit, "en", unit_en=unit_en) == en


def test_beijing_time_is_utc_plus_8_and_today_follows_beijing():
    from datetime import UTC, date, datetime

    from lishi_metrics.text import fmt

    assert fmt.beijing_time("2026-12-06T19:16:44+00:00") == "2026-12-07 03:16"
    assert fmt.beijing_time("2026-12-06T19:16:44") == "2026-12-07 03:16"  # no zone: stored times are UTC
    assert fmt.beijing_time("not a time") == "not a time"
    assert fmt.beijing_today(datetime(2026, 12, 6, 19, 0, tzinfo=UTC)) == date(2026, 12, 7)


@pytest.mark.parametrize(("value", "unit", "lang", "precision", "expected"), [
    (255.0, "亿元", "zh", 1, "255 亿元"), (154.7, "亿元", "zh", 1, "154.7 亿元"), (154.7, "亿元", "en", 1, "CNY 15.47 bn"),
    (255.0, "亿元", "en", 1, "CNY 25.5 bn"), (74.3873, "%", "zh", 2, "74.39%"), (1.2028, "%", "en", 2, "1.2%"),
    (40.9, "户", "zh", 0, "41 户"), (40.9, "户", "en", 0, "41 enterprises"), (-3.24, "%", "zh", 1, "\u22123.2%"),
])
def test_fmt_value_prints_an_indicator_at_its_display_precision(value, unit, lang, precision, expected):
    """One figure, one rendering (issue 25.4): rounded to the indicator's decimals, trailing zeros dropped."""
    assert fmt.fmt_value(value, unit, lang, precision=precision) == expected


def test_precision_of_reads_a_row():
    import pandas as pd

    assert fmt.precision_of({"decimals": 2}) == 2
    assert fmt.precision_of(pd.Series({"decimals": 1.0})) == 1
    assert fmt.precision_of({"decimals": None}) is None and fmt.precision_of({}) is None


@pytest.mark.parametrize(("text", "kept", "free"), [
    ("CNY 27.29 bn", ["27.29\u00a0bn"], ["CNY "]),  # a currency word may end a line: a narrow metric fits
    ("+CNY 1.79 bn", ["1.79\u00a0bn"], ["CNY "]),
    ("255.0 亿元", ["255.0\u00a0\u2060亿\u2060元"], []),
    ("期别: 2026年前三季度", ["2026\u2060年\u2060前\u2060三\u2060季\u2060度"], ["期别: "]),
    ("截至2026年1—10月，2项滞后", ["2026\u2060年\u20601\u2060—\u206010\u2060月"], ["2项滞后"]),
    ("2026 Q1–Q3 +5.0%", ["2026\u00a0Q1\u2060–\u2060Q3"], []),
    ("**地区生产总值** · ▼ 滞后", [], ["**地区生产总值** · ▼ 滞后"]),
])
def test_keep_units_joins_numbers_with_units_and_periods_in_prose(text, kept, free):
    from lishi_metrics.text import linebreak

    out = linebreak.keep_units(text)
    assert linebreak.as_read(out) == text
    for piece in kept:
        assert piece in out, repr(out)
    for piece in free:
        assert piece in out, repr(out)  # untouched: breaks stay possible there, Markdown keeps its meaning
