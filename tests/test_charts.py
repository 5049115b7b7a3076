"""Tests for lishi_metrics.charts.builders: build each chart and check its Vega-Lite spec."""

import json

import altair as alt
import pandas as pd
import pytest

from lishi_metrics.charts import builders as charts
from lishi_metrics.charts.builders import (
    PALETTE,
    PALETTE_DARK,
    STATUS_SYMBOLS,
    bar_chart,
    dark_config,
    gdp_scenario_chart,
    indicator_path_chart,
    scoreboard_chart,
    share_path_chart,
)
from lishi_metrics.model import status

ZH = {"plan": "规划路径", "actual": "实际", "base": "基数", "target": "目标", "year": "年份", "series": "系列",
      "value": "地区生产总值（亿元）", "scenario": "情景", "title": "地区生产总值情景 2020—2025",
      "status": "状态", "status_ahead": "领先", "status_behind": "落后", "status_exceeded": "超额完成",
      "status_missed": "未完成", "status_no_target": "无目标"}


def gdp_path() -> pd.DataFrame:
    years = list(range(2020, 2026))
    return pd.DataFrame({
        "year": years + [2015, 2020],
        "value": [154.7 * 1.1051 ** i for i in range(6)] + [67.9, 154.7],
        "series": ["规划路径"] * 6 + ["基数", "实际"],
    })


def rows(spec: dict, layer: dict) -> list[dict]:
    """The inline rows of a layer (Altair consolidates them into top-level datasets)."""
    data = layer.get("data", spec.get("data"))
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def layers(spec: dict, mark: str) -> list[dict]:
    found = []
    for layer in spec["layer"]:
        kind = layer["mark"] if isinstance(layer["mark"], str) else layer["mark"]["type"]
        if kind == mark:
            found.append(layer)
    return found


def walk_keys(obj):
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield key
            yield from walk_keys(value)
    elif isinstance(obj, list):
        for item in obj:
            yield from walk_keys(item)


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def all_charts(theme: str = "light"):
    sb = pd.DataFrame({"name": ["地区生产总值", "森林覆盖率", "万元地区生产总值用水量", "常住人口城镇化率"],
                       "target": [124, 40, 42.6, None], "actual": [154.7, 27.76, 35.5, 73.47],
                       "direction": ["up", "up", "down", "up"]})
    scen = pd.DataFrame({"year": [2020, 2025, 2020, 2025], "value": [154.7, 255, 154.7, 240],
                         "scenario": ["规划路径", "规划路径", "基准", "基准"]})
    share = pd.DataFrame({"year": [2020, 2025, 2020], "value": [38.7, 49, 38.7], "series": ["规划路径", "规划路径", "实际"]})
    bars = pd.DataFrame({"sector": ["新能源", "新材料"], "projects": [12, 5]})
    return {
        "path": indicator_path_chart(gdp_path(), 2025, 255, "地区生产总值 2015—2025", "亿元", ZH, theme),
        "share": share_path_chart(share, 2025, 49, "工业增加值占 GDP 比重 2020—2025", "%", ZH, theme),
        "scenario": gdp_scenario_chart(scen, 255, 2025, ZH, theme=theme),
        "scoreboard": scoreboard_chart(sb, {**ZH, "title": "十三五"}, theme),
        "bar": bar_chart(bars, "sector", "projects", "重点项目数", {"sector": "产业", "projects": "项目数"}, theme),
    }


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_chart_is_valid_inline_container_width_with_title_and_tooltips(theme):
    for name, chart in all_charts(theme).items():
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert spec["width"] == "container", name
        assert spec["title"]["text"], name
        assert "url" not in set(walk_keys(spec)), name  # data inline only
        assert any("tooltip" in layer.get("encoding", {}) for layer in spec["layer"]), name
        for layer in spec["layer"]:
            data = layer.get("data", spec.get("data"))
            assert "values" in data or data["name"] in spec["datasets"], name


def test_path_chart_target_rule_is_255_with_year_label():
    spec = indicator_path_chart(gdp_path(), 2025, 255, "地区生产总值 2015—2025", "亿元", ZH).to_dict()
    (rule,) = layers(spec, "rule")
    assert rule["mark"]["color"] == "#c8102e"
    assert rows(spec, rule) == [{"year": 2025, "value": 255.0, "label": "目标 2025: 255"}]
    texts = [rows(spec, layer)[0]["label"] for layer in layers(spec, "text")]
    assert "目标 2025: 255" in texts
    assert spec["title"]["text"] == "地区生产总值 2015—2025"


def test_path_chart_plan_is_dashed_and_colours_follow_the_palette():
    spec = indicator_path_chart(gdp_path(), 2025, 255, "GDP", "亿元", ZH).to_dict()
    (plan_line,) = [layer for layer in layers(spec, "line") if "strokeDash" in layer["mark"]]
    assert {row["series"] for row in rows(spec, plan_line)} == {"规划路径"}
    scale = plan_line["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colours == {"规划路径": PALETTE["plan"], "实际": PALETTE["actual"], "基数": PALETTE["base"]}


def test_path_chart_axis_titles_are_the_translated_labels():
    spec = indicator_path_chart(gdp_path(), 2025, 255, "GDP", "亿元", ZH).to_dict()
    encoding = spec["layer"][0]["encoding"]
    assert encoding["x"]["title"] == "年份"
    assert encoding["x"]["axis"]["format"] == "d"  # 2025, not 2,025
    assert encoding["y"]["title"] == "亿元"
    assert [tip["title"] for tip in encoding["tooltip"]] == ["系列", "年份", "亿元"]


def test_path_chart_english_target_label():
    labels = {"plan": "Plan path", "actual": "Actual", "target": "Target"}
    df = gdp_path().replace({"规划路径": "Plan path", "实际": "Actual", "基数": "Base"})
    spec = indicator_path_chart(df, 2025, 255, "GDP 2015–2025", "CNY 100 million", labels).to_dict()
    assert rows(spec, layers(spec, "rule")[0])[0]["label"] == "Target 2025: 255"


def test_path_chart_without_target_draws_no_rule():
    spec = indicator_path_chart(gdp_path(), 2025, None, "GDP", "亿元", ZH).to_dict()
    assert layers(spec, "rule") == []
    spec = indicator_path_chart(gdp_path(), 2025, float("nan"), "GDP", "亿元", ZH).to_dict()
    assert layers(spec, "rule") == []


def test_path_chart_with_empty_data_still_builds():
    empty = pd.DataFrame({"year": [], "value": [], "series": []})
    assert indicator_path_chart(empty, None, None, "—", "亿元", ZH).to_dict()["layer"]


def test_share_path_chart_has_percent_axis_and_domain_inside_0_100():
    df = pd.DataFrame({"year": [2020, 2025], "value": [73.47, 75], "series": ["规划路径", "规划路径"]})
    spec = share_path_chart(df, 2025, 75, "常住人口城镇化率 2020—2025", "%", ZH).to_dict()
    y = spec["layer"][0]["encoding"]["y"]
    assert "%" in y["axis"]["labelExpr"]
    low, high = y["scale"]["domain"]
    assert 0 <= low < 73.47 and 75 < high <= 100
    assert (low, high) == (70.0, 80.0)


@pytest.mark.parametrize(
    ("values", "domain"),
    [([38.7, 49], [35.0, 55.0]), ([82.8, 85], [80.0, 90.0]), ([96.8, 100], [90.0, 100.0]), ([0.35, 2], [0.0, 5.0]),
     ([], [0.0, 100.0])],
)
def test_share_domain(values, domain):
    assert charts.share_domain(values) == domain


def test_scenario_chart_plan_dashed_target_labelled_and_fan_bands():
    df = pd.DataFrame({
        "year": [2020, 2025] * 3,
        "value": [154.7, 255, 154.7, 275, 154.7, 220],
        "scenario": ["规划路径", "规划路径", "乐观", "乐观", "保守", "保守"],
    })
    fan = pd.DataFrame({"year": [2020, 2025], "p05": [154.7, 200], "p25": [154.7, 220], "p50": [154.7, 235],
                        "p75": [154.7, 250], "p95": [154.7, 270]})
    spec = gdp_scenario_chart(df, 255, 2025, ZH, fan=fan).to_dict()
    assert "地区生产总值情景 2020—2025" in spec["title"]["text"]["expr"]
    (rule,) = layers(spec, "rule")
    assert rows(spec, rule)[0]["value"] == 255
    assert "目标 2025: 255" in {rows(spec, layer)[0]["label"] for layer in layers(spec, "text")}
    lines = layers(spec, "line")
    dashed = [layer for layer in lines if "strokeDash" in layer["mark"]]
    assert {row["scenario"] for row in rows(spec, dashed[0])} == {"规划路径"}
    solid = [layer for layer in lines if "strokeDash" not in layer["mark"]]
    assert {row["scenario"] for row in rows(spec, solid[0])} == {"乐观", "保守"}
    (area,) = layers(spec, "area")
    band_rows = rows(spec, area)
    bands = {row["band"] for row in band_rows}
    assert bands == {"5–95 %", "25–75 %"}
    last_outer = [r for r in band_rows if r["band"] == "5–95 %" and r["year"] == 2025][0]
    assert (last_outer["low"], last_outer["high"]) == (200, 270)
    assert area["encoding"]["y2"]["field"] == "high"


def test_scenario_chart_without_fan_has_no_area():
    df = pd.DataFrame({"year": [2020, 2025], "value": [154.7, 255], "scenario": ["规划路径"] * 2})
    assert layers(gdp_scenario_chart(df, 255, 2025, ZH).to_dict(), "area") == []


def test_status_symbols_are_distinct_for_progress_statuses():
    assert len({STATUS_SYMBOLS[s] for s in ("ahead", "on_track", "behind")}) == 3
    assert STATUS_SYMBOLS["met"] == "✓" and STATUS_SYMBOLS["missed"] == "✗"


def test_scoreboard_normalises_to_target_direction_aware():
    df = pd.DataFrame({"name": ["地区生产总值", "森林覆盖率", "万元地区生产总值用水量", "常住人口城镇化率"],
                       "target": [124, 40, 42.6, None], "actual": [154.7, 27.76, 35.5, 73.47],
                       "direction": ["up", "up", "down", "up"]})
    spec = scoreboard_chart(df, {**ZH, "title": "“十三五”目标与2020年实际"}).to_dict()
    actual_layer = [layer for layer in layers(spec, "point") if "color" in layer["encoding"]][0]
    data = {row["name"]: row for row in rows(spec, actual_layer)}
    assert data["地区生产总值"]["ratio"] == pytest.approx(154.7 / 124)
    assert data["地区生产总值"]["status_label"] == "✓ 超额完成"
    assert data["森林覆盖率"]["ratio"] == pytest.approx(27.76 / 40)
    assert data["森林覆盖率"]["status_label"] == "✗ 未完成"
    assert data["森林覆盖率"]["ratio_label"] == "✗ 69%"
    assert data["万元地区生产总值用水量"]["ratio"] == pytest.approx(42.6 / 35.5)  # less is better
    assert data["常住人口城镇化率"]["status_label"] == "– 无目标"
    target_layer = [layer for layer in layers(spec, "point") if "color" not in layer["encoding"]][0]
    assert {row["name"] for row in rows(spec, target_layer)} == {"地区生产总值", "森林覆盖率", "万元地区生产总值用水量"}
    assert {row["one"] for row in rows(spec, target_layer)} == {1.0}


def test_scoreboard_uses_given_status():
    df = pd.DataFrame({"name": ["贫困人口减少"], "target": [1.8543], "actual": [None], "status": ["met"]})
    spec = scoreboard_chart(df, {"status_met": "完成", "title": "x"}).to_dict()
    point = [layer for layer in layers(spec, "point") if "color" in layer["encoding"]][0]
    assert rows(spec, point)[0]["status_label"] == "✓ 完成"


def test_bar_chart_titles_and_values():
    df = pd.DataFrame({"sector": ["新能源", "新材料"], "projects": [12, 5]})
    spec = bar_chart(df, "sector", "projects", "重点项目数（专栏3—13）", {"sector": "产业", "projects": "项目数"}).to_dict()
    (bars,) = layers(spec, "bar")
    assert bars["encoding"]["x"]["title"] == "产业"
    assert bars["encoding"]["y"]["title"] == "项目数"
    assert [row["projects"] for row in rows(spec, bars)] == [12, 5]
    horizontal = bar_chart(df, "sector", "projects", "t", {}, horizontal=True).to_dict()
    assert layers(horizontal, "bar")[0]["encoding"]["y"]["field"] == "sector"


def test_dark_theme_has_navy_background_light_text_and_font_stack():
    spec = indicator_path_chart(gdp_path(), 2025, 255, "GDP", "亿元", ZH, theme="dark").to_dict()
    config = spec["config"]
    assert config["background"] == PALETTE_DARK["background"] == "#0b1a2e"
    assert config["font"] == "Microsoft YaHei, PingFang SC, Noto Sans CJK SC, sans-serif"
    assert config["axis"]["labelColor"] == "#e8eef7"
    assert config["title"]["color"] == "#e8eef7"
    assert layers(spec, "rule")[0]["mark"]["color"] == PALETTE_DARK["target"]


def test_dark_config_scales_font_sizes():
    chart = bar_chart(pd.DataFrame({"a": ["x"], "b": [1]}), "a", "b", "t", {})
    small, large = dark_config(chart, 1.0).to_dict(), dark_config(chart, 2.0).to_dict()
    assert large["config"]["axis"]["labelFontSize"] == 2 * small["config"]["axis"]["labelFontSize"]
    assert large["config"]["title"]["fontSize"] == 2 * small["config"]["title"]["fontSize"]


def test_light_theme_sets_no_top_level_config_so_charts_stay_composable():
    chart = indicator_path_chart(gdp_path(), 2025, 255, "GDP", "亿元", ZH)
    assert "background" not in chart.to_dict().get("config", {})
    # concatenation works once the top-level padding (room for the title's ascent) and autosize are dropped
    part = chart.copy(deep=True)
    part.padding = part.autosize = alt.Undefined
    assert (part | part).to_dict()


@pytest.mark.parametrize("pal", [PALETTE, PALETTE_DARK], ids=["light", "dark"])
def test_palette_contrast_is_accessible(pal):
    background = pal["background"]
    assert contrast(pal["text"], background) >= 4.5
    for colour in pal["status"].values():
        assert contrast(colour, background) >= 4.5, colour
    for key in ("plan", "actual", "base", "target", "muted"):
        assert contrast(pal[key], background) >= 3, key
    for colour in pal["scenario"]:
        assert contrast(colour, background) >= 3, colour


def test_light_target_is_government_red():
    assert PALETTE["target"] == "#c8102e"


def test_specs_are_json_serialisable_with_chinese_text():
    spec = indicator_path_chart(gdp_path(), 2025, 255, "地区生产总值", "亿元", ZH).to_dict()
    assert "目标 2025: 255" in json.dumps(spec, ensure_ascii=False)


def test_scoreboard_default_status_mirrors_progress_outcome():
    df = pd.DataFrame({"name": ["a", "b", "c", "d"], "target": [5, None, 5, 5], "actual": [5, 3, None, 6],
                       "direction": ["up", "up", "up", "none"]})
    spec = scoreboard_chart(df, {"title": "x"}).to_dict()
    point = [layer for layer in layers(spec, "point") if "color" in layer["encoding"]][0]
    labels = [row["status_label"] for row in rows(spec, point)]
    assert labels == ["✓ Met", "– No numeric target", "○ Awaiting evaluation", "✗ Not met"]


def test_scoreboard_statuses_use_model_status_words_colours_and_unknown_codes_are_drawn():
    df = pd.DataFrame({"name": ["a", "b", "c"], "target": [5, 5, 5], "actual": [6, 4, 5],
                       "status": ["exceeded", "pending", "mystery"]})
    spec = scoreboard_chart(df, {"status_pending": "待评估", "title": "x"}).to_dict()
    point = [layer for layer in layers(spec, "point") if "color" in layer["encoding"]][0]
    assert [row["status_label"] for row in rows(spec, point)] == ["✓ Exceeded", "○ 待评估", "? mystery"]
    scale = point["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colours["? mystery"] == PALETTE["status"]["pending"] == status.colour("pending")
    assert colours["✓ Exceeded"] == status.colour("exceeded")


def test_scoreboard_label_never_rounds_a_miss_to_100_percent():
    import pandas as pd

    from lishi_metrics.charts import builders as ch

    df = pd.DataFrame({"name": ["学前三年毛入学率", "GDP"], "target": [100.0, 124.0], "actual": [99.5, 154.7],
                       "direction": ["up", "up"]})
    spec = ch.scoreboard_chart(df).to_dict()
    rows = [r for values in spec["datasets"].values() for r in values if "ratio_label" in r]
    labels = {r["name"]: r["ratio_label"] for r in rows}
    assert labels["学前三年毛入学率"].endswith("99.5%")
    assert labels["GDP"].endswith("125%")


def _title_at(title, width: int):
    """The lines a title shows at a plot width: evaluates the title expression's `width + k >= b ? x : ...`."""
    import json
    import re

    if isinstance(title, str):
        return title
    expr = title["expr"]
    while True:
        m = re.match(r"width \+ (\d+) >= (\d+) \? (\"(?:[^\"\\]|\\.)*\"|\[.*?\]) : (.*)$", expr, re.S)
        if not m:
            return json.loads(expr)
        if width + int(m.group(1)) >= int(m.group(2)):
            return json.loads(m.group(3))
        expr = m.group(4)


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("短标题", 200, "短标题"),
    ("Industrial value added and the rest of the economy (CNY bn, current prices)", 560,
     ["Industrial value added and the rest of the economy", "(CNY bn, current prices)"]),
    ("Industrial value added and the rest of the economy (CNY bn, current prices)", 1200,
     "Industrial value added and the rest of the economy (CNY bn, current prices)"),
    ("GDP path 2020–2025 (CNY bn, current prices): target reached in 2025", 560,
     ["GDP path 2020–2025 (CNY bn, current prices):", "target reached in 2025"]),
    ("地区生产总值路径 2020—2025（亿元，现价）：2025年达到目标", 300,
     ["地区生产总值路径 2020—2025", "（亿元，现价）：2025年达到目标"]),
    ("地区生产总值情景 2020—2025", 200, ["地区生产总值情景", "2020—2025"]),
])
def test_long_chart_titles_wrap_by_the_charts_width_instead_of_being_cut(text, width, expected):
    """Lines end before a bracket or after a colon, never inside a year range; each fits the width (issue 25)."""
    from lishi_metrics.charts import fit
    from lishi_metrics.charts.builders import title_lines

    shown = _title_at(title_lines(text), width)
    assert shown == expected
    for line in [shown] if isinstance(shown, str) else shown:
        assert fit.text_px(line, fit.TITLE_PX) <= width + fit.AXIS_ALLOWANCE_PX or len(line) <= 1
