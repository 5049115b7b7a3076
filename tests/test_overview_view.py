"""Tests for lishi_metrics.views.overview: tiles, grid, scoreboard, statements and arithmetic, with the plan's numbers."""

import re
import warnings

import pandas as pd
import pytest

from lishi_metrics.data import db as data
from lishi_metrics.data import placements
from lishi_metrics.model import progress
from lishi_metrics.text import fmt
from lishi_metrics.views import _common as common
from lishi_metrics.views import overview as ov
from lishi_metrics.views import tiles

from facts import FYP14

# The overview's headline selection of the 14th plan, as data/source/placements.csv places it.
HEADLINE_IDS = (
    "fyp14_gdp", "fyp14_urbanization_rate", "fyp14_industrial_enterprises", "fyp14_industry_share_gdp",
    "fyp14_rd_spending", "fyp14_5g_penetration", "fyp14_good_air_days_ratio", "fyp14_surface_water_good_ratio",
    "fyp14_forest_cover", "fyp14_employee_certification_rate", "fyp14_income_growth", "fyp14_life_expectancy",
    "fyp14_grain_capacity",
)


@pytest.fixture(scope="module")
def table14():
    return data.indicator_table("fyp14")


@pytest.fixture(scope="module")
def table13():
    return data.indicator_table("fyp13")


def with_actual(table, indicator_id, year, value):
    """The indicator table as if `value` had been imported for `year`."""
    out = table.copy()
    out["latest_year"] = out["latest_year"].astype("Int64")
    out.loc[out["indicator_id"] == indicator_id, ["latest_year", "latest_value"]] = [year, value]
    return out


def tiles_by_id(table, lang):
    return {tile.key: tile for tile in ov.headline_tiles(progress.progress_table(table), lang, HEADLINE_IDS)}


def lines(tile) -> dict[str, str]:
    """A tile's (label, value) lines as a dict: {'2020年': '154.7 亿元', '年均需增长': '+10.51%', …}."""
    return dict(tile.lines)


NEEDED = {"zh": "年均所需", "en": "Needed per year"}
STATED = {"zh": "规划年均增长", "en": "Stated growth per year"}


NAN_WORDS = re.compile(r"\b(nan|NaN|None|NaT|<NA>)\b")


def assert_no_missing_words(frame: pd.DataFrame):
    text = frame.to_string()
    assert not NAN_WORDS.search(text), text


# --- needed change -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("mode", "per_year", "unit", "lang", "short", "expected"),
    [
        ("pct", 0.105121, "亿元", "zh", False, "年均 +10.51%"),
        ("pct", 0.105121, "亿元", "en", False, "+10.51% a year"),
        ("pct", 0.105121, "亿元", "zh", True, "+10.51%"),
        ("pct", 0.000526, "岁", "zh", False, "年均 +0.05%"),  # 76 → 76.2: not "+0.1%"
        ("pp", 0.306, "%", "zh", False, "年均 +0.31 个百分点"),
        ("pp", 0.306, "%", "en", False, "+0.31 pp a year"),
        ("pp", 0.306, "%", "zh", True, "+0.31 个百分点"),
        ("pp", -0.1, "%", "en", True, "\u22120.10 pp"),
        ("abs", 0.2, "个", "zh", True, "+0.2 个"),
        ("pct", float("nan"), "亿元", "zh", False, "暂无数据"),
        (None, None, "亿元", "en", False, "no data"),
    ],
)
def test_needed_text(mode, per_year, unit, lang, short, expected):
    assert common.needed_text(mode, per_year, unit, lang, short=short) == expected


def test_needed_text_already_met():
    assert common.needed_text("pp", 0.5, "%", "zh", already_met=True) == "已达到目标"


# --- headline tiles ----------------------------------------------------------------------------

def test_headline_tiles_follow_the_placements_order(table14):
    placed = placements.ids(placements.resolve(data.placements(), table14, "overview"))
    assert placed == HEADLINE_IDS
    assert [tile.key for tile in ov.build(table14, None, None, "zh").tiles] == list(HEADLINE_IDS)


def test_gdp_tile_zh(table14):
    gdp = tiles_by_id(table14, "zh")["fyp14_gdp"]
    assert (gdp.name, gdp.tag, gdp.tag_kind) == ("地区生产总值（GDP）", "预期性", "anticipatory")
    assert (gdp.label, gdp.value, gdp.value_kind) == ("2025年目标", "255 亿元", "number")
    # The printed rate is real growth (at comparable prices): marked so, like for like with the realised growth.
    assert gdp.lines == (("2020年", "154.7 亿元"), (NEEDED["zh"], "+10.51%"), (STATED["zh"], "9.8%（可比价）"))
    assert (gdp.status_text, gdp.note) == ("", "")  # nothing imported: nothing pretends


def test_gdp_tile_en_money_in_cny_bn(table14):
    gdp = tiles_by_id(table14, "en")["fyp14_gdp"]
    assert (gdp.value, lines(gdp)["2020"], lines(gdp)[NEEDED["en"]]) == ("CNY 25.5 bn", "CNY 15.47 bn", "+10.51%")


def test_percent_indicators_need_percentage_points(table14):
    tiles = tiles_by_id(table14, "zh")
    assert lines(tiles["fyp14_urbanization_rate"])[NEEDED["zh"]] == "+0.31 个百分点"
    assert lines(tiles["fyp14_forest_cover"])[NEEDED["zh"]] == "+0.45 个百分点"
    assert lines(tiles_by_id(table14, "en")["fyp14_5g_penetration"])[NEEDED["en"]] == "+11.6 pp"


def test_binding_tile_and_text_growth(table14):
    air = tiles_by_id(table14, "en")["fyp14_good_air_days_ratio"]
    assert (air.tag, air.tag_kind) == ("Binding", "binding")
    assert lines(air)[STATED["en"]] == "meet the city's assigned target"


def test_growth_only_tile_shows_the_rate_as_target(table14):
    income = tiles_by_id(table14, "zh")["fyp14_income_growth"]
    assert (income.label, income.value) == ("规划年均增长", "7.5%")
    assert lines(income) == {"2020年": "3.8%", NEEDED["zh"]: "目标即年均增速"}


def test_long_unit_moves_into_the_label(table14):
    firms = tiles_by_id(table14, "en")["fyp14_industrial_enterprises"]
    assert (firms.value, firms.label) == ("65", "2025 target (enterprises)")
    zh = tiles_by_id(table14, "zh")["fyp14_industrial_enterprises"]
    assert (zh.value, zh.label) == ("65 户", "2025年目标")


def test_tile_with_imported_actual_shows_latest_and_status(table14):
    ahead = tiles_by_id(with_actual(table14, "fyp14_gdp", 2022, 205.0), "zh")["fyp14_gdp"]
    assert lines(ahead)["2022年实际"] == "205 亿元"
    assert ahead.status == "ahead"  # path 188.9, band half a year's planned change (about 10 亿元)
    assert (ahead.status_text, ahead.tone) == ("▲ 快于预期", "good")
    assert ahead.note == "规划路径 2022年：188.9 亿元"
    assert ":green[▲ 快于预期]" in tiles.markdown(ahead, "zh")
    near = tiles_by_id(with_actual(table14, "fyp14_gdp", 2022, 195.0), "zh")["fyp14_gdp"]
    assert near.status_text == "● 基本符合预期"
    behind = tiles_by_id(with_actual(table14, "fyp14_forest_cover", 2022, 28.0), "en")["fyp14_forest_cover"]
    assert (behind.status, behind.status_text, lines(behind)["2022 actual"]) == ("behind", "▼ Lagging", "28%")
    assert ":red[▼ Lagging]" in tiles.markdown(behind, "en")
    on_track = tiles_by_id(with_actual(table14, "fyp14_forest_cover", 2022, 28.656), "en")["fyp14_forest_cover"]
    assert on_track.status_text == "● Broadly on track"


def test_actuals_summary(table14):
    assert ov.actuals_summary(progress.progress_table(table14)) == (0, None)
    table = with_actual(with_actual(table14, "fyp14_gdp", 2022, 195.0), "fyp14_forest_cover", 2023, 28.0)
    assert ov.actuals_summary(progress.progress_table(table)) == (2, 2023)


# --- progress grid -----------------------------------------------------------------------------

def test_grid_has_the_six_categories_in_plan_order(table14):
    grid = ov.progress_grid(progress.progress_table(table14), "zh")
    assert [g.name for g in grid] == ["经济发展", "创新驱动", "“六新”突破与产业升级", "绿色生态", "人的全面发展", "安全保障"]
    assert [len(g.table) for g in grid] == [6, 4, 7, 5, 10, 2]
    assert sum(len(g.table) for g in grid) == FYP14


def test_grid_rows_zh(table14):
    economy = ov.progress_grid(progress.progress_table(table14), "zh")[0]
    assert list(economy.table.columns) == ["指标", "2020年", "2025年目标", "年均所需", "状态"]
    assert economy.table.iloc[0].tolist() == ["1 地区生产总值（GDP）", "154.7 亿元", "255 亿元", "+10.51%", "○ 待评估"]
    assert economy.table.iloc[4].tolist() == ["5 战略性新兴产业增加值占 GDP 比重", "0.35%", "力争达到全省平均水平",
                                              "暂无数据", "○ 待评估"]
    assert economy.table.iloc[5].tolist() == ["6 全员劳动生产率增长", "5.48%", "年均增长 9%", "+9%", "↗ 增速目标"]
    assert economy.statuses[:2] == ("pending", "pending")


def test_grid_en_and_no_missing_words(table14):
    grid = ov.progress_grid(progress.progress_table(table14), "en")
    assert grid[0].table.iloc[0].tolist() == ["1 Gross domestic product (GDP)", "CNY 15.47 bn", "CNY 25.5 bn",
                                              "+10.51%", "○ Awaiting evaluation"]
    security = grid[-1].table
    assert security.iloc[1].tolist() == ["34 Overall energy production capacity", "no data", "no data", "no data",
                                         "– No numeric target"]
    for group in grid:
        assert_no_missing_words(group.table)


def test_grid_gets_latest_column_once_actuals_exist(table14):
    grid = ov.progress_grid(progress.progress_table(with_actual(table14, "fyp14_gdp", 2022, 205.0)), "zh")
    economy = grid[0].table
    assert "最新实际" in economy.columns
    assert economy.iloc[0]["最新实际"] == "205 亿元 (2022)"
    assert economy.iloc[0]["状态"] == "▲ 快于预期"
    assert economy.iloc[1]["最新实际"] == "暂无数据"


def test_display_table_colours_status_and_escapes_text(table14):
    group = ov.progress_grid(progress.progress_table(with_actual(table14, "fyp14_gdp", 2022, 205.0)), "en")[0]
    assert list(group.display.columns) == list(group.table.columns)
    assert group.display.iloc[0, -1] == ":green[▲ Ahead of expectations]"  # ahead: green, the symbol stays the cue
    assert group.display.iloc[1, -1].startswith(":gray[")  # no judgement: grey
    frame = pd.DataFrame({"name": ["*x* [a](b)"], "status": ["▼ Lagging"]})
    shown = ov.display_table(frame, ("behind",), "en")
    assert shown.iloc[0].tolist() == [fmt.md_escape("*x* [a](b)"), ":red[▼ Lagging]"]
    assert "\\*" in shown.iloc[0, 0] or "\\[" in shown.iloc[0, 0]  # Markdown in data stays literal


# --- 13th-plan scoreboard ----------------------------------------------------------------------

def result_of(table, name_column, name):
    return table.loc[table[name_column] == name].iloc[0]


def test_scoreboard_table_verdicts_zh(table13):
    board = ov.scoreboard_table(progress.scoreboard(table13), "zh")
    assert list(board.columns) == ["序号", "指标", "2015年", "2020年目标", "2020年实际", "结果"]
    gdp = result_of(board, "指标", "地区生产总值")
    assert gdp.tolist() == ["1", "地区生产总值", "67.9 亿元", "124 亿元", "154.7 亿元", "✓ 超额完成"]
    forest = result_of(board, "指标", "森林覆盖率")
    assert forest.tolist() == ["23", "森林覆盖率", "32%", "40%", "27.76%", "✗ 未完成"]
    assert result_of(board, "指标", "贫困人口减少")["2020年实际"] == "全部脱贫"
    assert result_of(board, "指标", "贫困人口减少")["结果"] == "○ 待评估"  # a result in words
    assert result_of(board, "指标", "固定资产投资")["结果"] == "↗ 增速目标"
    assert result_of(board, "指标", "常住人口城镇化率")["结果"] == "– 无量化目标"
    assert result_of(board, "指标", "婴儿死亡率")["结果"] == "✓ 已完成"  # lower is better: 2.3 against at most 2.3
    assert_no_missing_words(board)


def test_scoreboard_table_en(table13):
    board = ov.scoreboard_table(progress.scoreboard(table13), "en")
    assert result_of(board, "Indicator", "Gross domestic product (GDP)")["Result"] == "✓ Exceeded"
    forest = result_of(board, "Indicator", "Forest cover")
    assert (forest["2020 actual"], forest["2020 target"], forest["Result"]) == ("27.76%", "40%", "✗ Not met")
    assert result_of(board, "Indicator", "Reduction of the population in poverty")["2020 actual"] == \
        "all lifted out of poverty"
    assert_no_missing_words(board)


def test_scoreboard_counts_and_summary(table13):
    sb = progress.scoreboard(table13)
    # PM2.5 prints only a yearly rate (−3% a year): 48 → 33 is −7.2% a year, so it is exceeded (model.status, rate rule)
    assert ov.scoreboard_counts(sb) == {"exceeded": 11, "met": 2, "missed": 10, "pending": 3, "total": 43, "other": 17}
    assert ov.scoreboard_summary(sb, "zh") == (
        "43 项指标中：超额完成 11 项，已完成 2 项，未完成 10 项，待评估 3 项（无实际值或结果为文字），无可比目标 17 项。")


def test_scoreboard_chart_frame(table13):
    frame = ov.scoreboard_chart_frame(progress.scoreboard(table13), "zh")
    assert len(frame) == 23  # 22 scored rows and 全部脱贫
    gdp = frame.iloc[0]
    assert (gdp["name"], gdp["target"], gdp["actual"], gdp["status"]) == ("地区生产总值", 124.0, 154.7, "exceeded")
    poverty = frame[frame["name"] == "贫困人口减少"].iloc[0]
    assert (poverty["status"], poverty["actual_text"]) == ("pending", "全部脱贫")
    assert frame[frame["name"] == "万元地区生产总值用水量"].iloc[0]["direction"] == "down"


def test_scoreboard_chart_frame_of_a_plan_without_a_scoreboard(table13):
    """A plan with no 专栏1 rows (empty str columns) gives an empty frame, without pandas' deprecation of & with a
    str column (which will raise in pandas 4)."""
    empty = progress.scoreboard(table13).iloc[0:0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = ov.scoreboard_chart_frame(empty, "en")
    assert frame.empty and "name" in frame.columns


# --- statements --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("——**生态文明再上新水平**。现代环境治理", "——生态文明再上新水平。现代环境治理"),
        ("**a** and __b__", "a and b"),
        ("stray ** marker", "stray  marker"),
        (None, ""),
    ],
)
def test_strip_markdown(text, expected):
    assert ov.strip_markdown(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("——**生态文明再上新水平**。现代环境治理体系基本形成。", ("生态文明再上新水平", "现代环境治理体系基本形成")),
        ("——**坚持新发展理念。**牢固树立", ("坚持新发展理念", "牢固树立")),
        ("——民生福祉取得新改善。城镇就业质量持续提高", ("民生福祉取得新改善", "城镇就业质量持续提高")),
        ("— New strides in transformation. Output rises.", ("New strides in transformation", "Output rises")),
        ("资源型经济转型任务全面完成，实现高水平崛起。", ("", "资源型经济转型任务全面完成，实现高水平崛起")),
    ],
)
def test_statement_parts(text, expected):
    assert ov.statement_parts(text) == expected


def test_vision_in_document_order():
    statements = data.statements()
    vision = ov.statements_in_order(statements[statements["topic"] == "vision2035"], ov.VISION_ORDER, "zh")
    assert len(vision) == 7
    # the vision opens with the sentence that spans a page break in the transcription (与全|国同步)
    assert vision[0] == ("", "在全面建成小康社会的基础上，再经过十五年的努力，与全国同步基本实现社会主义现代化")
    assert vision[1][1].startswith("全区经济进入更高质量的发展阶段")
    assert vision[-1] == ("", "资源型经济转型任务全面完成，在全省发展大格局中的战略地位全面提升，实现高水平崛起")
    assert all("**" not in body for _, body in vision)


def test_goals_lose_their_markdown():
    statements = data.statements()
    goals = ov.statements_in_order(statements[statements["topic"] == "goals2025"], ov.GOALS_ORDER, "zh")
    assert goals[0][0] == "转型发展迈出新步伐"
    assert goals[0][1].startswith("全区经济总量大幅提升，年均经济增速高于全省平均水平。工业在经济发展中的主导作用显著增强")
    # the whole paragraph, including the clauses after the page break (与先|进制造业)
    assert goals[0][1].endswith("与先进制造业深度融合，不断催生新业态、新模式。农业实现优质化、特色化、融合化发展")
    assert all("*" not in head + body for head, body in goals)


def test_goals_keep_every_clause_of_the_plan():
    """Each 2025 goal is its whole paragraph of 第一章第五节, not only its first sentence."""
    goals = dict(ov.statements_in_order(data.statements().query("topic == 'goals2025'"), ov.GOALS_ORDER, "zh"))
    assert goals["创新实力实现新提升"].endswith("科技创新体制不断完善，聚才用才育才环境大幅改善")
    assert "水土流失治理率、森林覆盖率、建成区绿化率进一步提高" in goals["生态文明再上新水平"]
    assert goals["改革开放实现新突破"].endswith("引资、引技、引智政策体系更加完善，一批大项目好项目落地实施")
    assert goals["城乡统筹取得新进展"].endswith("城乡居民收入差距进一步缩小，区域协调发展水平明显增强")
    assert goals["民生福祉取得新改善"].endswith("人民群众获得感、幸福感、安全感普遍增强")
    en = dict(ov.statements_in_order(data.statements().query("topic == 'goals2025'"), ov.GOALS_ORDER, "en"))
    assert "advanced manufacturing" in en["New strides in transformation and development"]


# --- markdown safety and small helpers ---------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("154.7 亿元", "154.7 亿元"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("**b** :red[x] $x$", r"\*\*b\*\* \:red\[x\] \$x\$"),
        ("- a\n1. b\n-5%", "\\- a\n1\\. b\n-5%"),
        ("[l](javascript:1)", r"\[l\](javascript\:1)"),
        ("see http://e.x", "see http\u200b\\://e.x"),  # no autolink
        ("www.e.x or a@b.cn", "www\u200b.e.x or a@\u200bb.cn"),
    ],
)
def test_md_escape(text, expected):
    assert fmt.md_escape(text) == expected


def test_md_pair():
    assert common.md_pair("2020年", "154.7 亿元", "zh") == "2020年：**154.7 亿元**"
    assert common.md_pair("Stated", "9.8%", "en", bold=False) == "Stated: 9.8%"


def test_chunks():
    assert common.chunks(list(range(13)), 5) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12]]
    assert common.chunks([], 5) == []


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (65, "户", "en", ("65", "enterprises")),
        (65, "户", "zh", ("65 户", "")),
        (255, "亿元", "en", ("CNY 25.5 bn", "")),
        (None, "户", "en", ("no data", "")),
    ],
)
def test_split_unit(value, unit, lang, expected):
    assert tiles.split_unit(value, unit, lang) == expected


def test_status_labels():
    assert common.status_label("behind", "zh") == "▼ 滞后"
    assert common.status_label("pending", "en") == "○ Awaiting evaluation"
    assert common.status_markdown("on_track", "en") == ":blue[● Broadly on track]"
    assert common.status_markdown("pending", "zh") == ":gray[○ 待评估]"


# --- plan arithmetic ---------------------------------------------------------------------------

def test_arithmetic_table_zh(table14):
    arith = ov.arithmetic_table(progress.plan_arithmetic(table14), "zh")
    assert list(arith.columns) == ["指标", "起止", "印出的年均增长", "起止值推算（复利）", "差", "核对"]
    assert arith.iloc[0].tolist() == ["地区生产总值（GDP）", "154.7 亿元 → 255 亿元 (2020–2025)", "9.8%", "10.51%",
                                      "+0.71 个百分点", "≈ 名义与实际之差：价格年均 +0.65%"]
    assert arith.iloc[1].tolist()[2:] == ["0.4%", "0.41%", "+0.01 个百分点", "✓ 一致（取整误差内）"]
    assert len(arith) == 5


def test_arithmetic_table_fyp13_has_basis(table13):
    arith = ov.arithmetic_table(progress.plan_arithmetic(table13), "en", with_basis=True)
    assert arith.columns[1] == "Basis"
    patents = arith[(arith["Indicator"] == "Invention patents per 10,000 people") & (arith["Basis"] == "plan")].iloc[0]
    assert (patents["Implied by the values (compound)"], patents["Check"]) == ("34.96%", "✗ does not agree")


def test_arithmetic_table_empty():
    assert ov.arithmetic_table(pd.DataFrame(), "zh").empty


def test_gdp_note_explains_real_vs_nominal(table14):
    arith = progress.plan_arithmetic(table14)
    zh = ov.gdp_note(arith, "zh", "fyp14_gdp")
    for part in ("154.7 亿元", "255 亿元", "10.51%", "9.8%", "0.65%", "可比价"):
        assert part in zh
    en = ov.gdp_note(arith, "en", "fyp14_gdp")
    for part in ("CNY 15.47 bn", "CNY 25.5 bn", "10.51%", "9.8%", "0.65%", "nominal", "real"):
        assert part in en
    assert ov.gdp_note(pd.DataFrame(), "en", "fyp14_gdp") == ""


# --- the whole page ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_build_has_no_missing_words(table14, table13, lang):
    page = ov.build(table14, table13, data.statements(), lang)
    assert len(page.tiles) == 13 and page.n_indicators == FYP14
    assert (page.actuals_count, page.actuals_year) == (0, None)
    for frame in [g.table for g in page.grid] + [page.scoreboard_table, page.arithmetic, page.arithmetic13]:
        assert_no_missing_words(frame)
    words = " ".join(str(v) for tile in page.tiles for v in vars(tile).values())
    assert not NAN_WORDS.search(words)
    assert len(page.vision) == 7 and len(page.goals) == 6


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_arithmetic_13th_plan_gdp_gap_is_not_read_as_prices(table13, lang):
    """67.9 → 154.7 at 7.3 % real would take prices +9.88 % a year: say the rate and levels cannot be
    reconciled (rebased statistics or a nominal rate), not that prices rose that much (issue 14.5)."""
    arith = ov.arithmetic_table(progress.plan_arithmetic(table13), lang, with_basis=True)
    checks = arith[arith.columns[-1]]
    read_as_prices = checks[checks.str.startswith("≈")].str.extract(r"([-+−]?\d+\.?\d*)%")[0]
    assert all(abs(float(v.replace("−", "-"))) <= 5 for v in read_as_prices), read_as_prices.tolist()
    outcome = arith[arith.columns[1]] == ("实际" if lang == "zh" else "outcome")
    gdp = checks[arith[arith.columns[0]].str.contains("地区生产总值|GDP") & outcome].iloc[0]
    if lang == "zh":
        assert gdp.startswith("✗ 印出的增速与起止值对不上") and "+9.88%" in gdp and "统计口径" in gdp
    else:
        assert gdp.startswith("✗ the printed rate cannot be reconciled") and "+9.88%" in gdp and "rebased" in gdp


@pytest.mark.parametrize(("value", "lang", "sign", "expected"), [
    (9.8, "zh", False, "9.8%"), (16.76, "en", False, "16.76%"), (-3, "zh", False, "−3%"), (-0.2, "en", False, "−0.2%"),
    (7.5, "zh", True, "+7.5%"), (-0.2, "en", True, "−0.2%"), (0, "zh", True, "0%"), (None, "en", True, "no data"),
])
def test_growth_text_is_the_one_printed_rate_formatter(value, lang, sign, expected):
    """The printed rate as the plan prints it, or as a change per year (the report's 规划增速 column); a fall
    reads with the typographic minus (U+2212) in both forms."""
    assert common.growth_text(value, lang, sign=sign) == expected
    if sign and value is not None:
        assert ov.stated_growth_change(value, lang, short=True) == expected
