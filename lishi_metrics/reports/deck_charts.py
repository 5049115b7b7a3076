"""The deck's charts: native PowerPoint charts (python-pptx chart objects, editable in PowerPoint and WPS) drawn
from the big screen's chart specs (views.screen.ChartSpec), every text at 18 pt or more.

A path chart is an XY chart: the plan's constant path dashed, the actuals as labelled points, the target as a red
diamond; round axis steps, year labels that fit side by side at 18 pt. The 13th plan's scoreboard is a bar chart
of each indicator's actual as a share of its target, coloured by its verdict.
"""

from __future__ import annotations

import math

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from lishi_metrics.charts import builders as charts
from lishi_metrics.model import rowwise
from lishi_metrics.model import status as st
from lishi_metrics.reports import measure
from lishi_metrics.reports.deck_style import (
    ACCENT,
    BORDER,
    FONT,
    MIN_PT,
    MUTED,
    PAD,
    TEXT,
    _box,
    _font,
    _pt,
    _rgb,
    fit_size,
)
from lishi_metrics.text import fmt
from lishi_metrics.views import screen as sv


def _style_axis(axis, number_format: str | None = None) -> None:
    axis.has_major_gridlines = False
    axis.tick_labels.font.size = Pt(MIN_PT)
    axis.tick_labels.font.name = FONT
    axis.tick_labels.font.color.rgb = _rgb(MUTED)
    axis.format.line.color.rgb = _rgb(BORDER)
    axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if number_format:
        axis.tick_labels.number_format = number_format
        axis.tick_labels.number_format_is_linked = False


def _chart_frame(chart, title: str, width: int) -> None:
    chart.font.size = Pt(MIN_PT)
    chart.font.name = FONT
    chart.font.color.rgb = _rgb(TEXT)
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    para = chart.chart_title.text_frame.paragraphs[0]
    _font(para.runs[0].font, fit_size(title, width, (22, 20, MIN_PT)), TEXT, True)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(MIN_PT)
    chart.legend.font.name = FONT
    chart.legend.font.color.rgb = _rgb(TEXT)


def nice_scale(low: float, high: float, ticks: int = 4) -> tuple[float, float, float]:
    """(minimum, maximum, major unit) of a value axis: round steps (1, 2, 2.5, 5 × 10^k) around [low, high],
    one step of headroom above for the point labels, never below zero for non-negative data."""
    span = (high - low) or abs(high) or 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    minimum = math.floor(low / step) * step
    if low >= 0:
        minimum = max(minimum, 0.0)
    maximum = math.ceil(high / step) * step + step
    return minimum, maximum, step


def year_unit(first: int, last: int, plot_width_pt: float) -> int:
    """The year step of an x axis whose labels, at 18 pt, fit side by side in `plot_width_pt` (no slanted labels)."""
    label = measure.width("2020", MIN_PT) + MIN_PT
    for unit in (1, 2, 5, 10):
        if ((last - first) // unit + 1) * label <= plot_width_pt:
            return unit
    return 10


def _format_for(step: float) -> str:
    decimals = fmt.decimals_needed(step)
    return "0" if decimals == 0 else "0." + "0" * min(decimals, 2)


def _label_point(point, text: str, colour: str, size: float = MIN_PT) -> None:
    label = point.data_label
    frame = label.text_frame
    frame.text = text
    _font(frame.paragraphs[0].runs[0].font, size, colour, True)


def path_chart(slide, spec: sv.ChartSpec, left, top, width, h) -> None:
    """An indicator's plan path (dashed line), its actuals (points, each labelled) and the target (a red
    diamond, labelled), as a native XY chart: years on x, the value in its unit on y."""
    pal = charts.PALETTE_DARK
    data = spec.data
    labels = dict(spec.labels)
    plan_name, actual_name = labels.get("plan", "plan"), labels.get("actual", "actual")
    chart_data = XyChartData()
    plan = data[data["series"] == plan_name].sort_values("year")
    actual = data[data["series"] == actual_name].sort_values("year")
    s_plan = chart_data.add_series(plan_name)
    for year, value in zip(plan["year"], plan["value"], strict=True):
        s_plan.add_data_point(float(year), float(value))
    s_actual = chart_data.add_series(actual_name)
    for year, value in zip(actual["year"], actual["value"], strict=True):
        s_actual.add_data_point(float(year), float(value))
    target = (spec.target_year, spec.target_value) if spec.target_year is not None and spec.target_value is not None \
        else None
    if target is not None:
        chart_data.add_series(labels.get("target", "target")).add_data_point(float(target[0]), float(target[1]))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, left, top, width, h, chart_data)
    chart = frame.chart
    _chart_frame(chart, spec.title, width)
    values = [float(v) for v in data["value"]] + ([float(target[1])] if target is not None else [])
    years = [int(y) for y in data["year"]]
    x_axis, y_axis = chart.category_axis, chart.value_axis
    unit = year_unit(min(years), max(years), _pt(width) - 60)
    # Ticks fall on whole years from the first one (2020, 2025 …); half a step of room right of the target.
    x_axis.minimum_scale, x_axis.maximum_scale = min(years), max(years) + max(unit / 2, 0.5)
    x_axis.major_unit = unit
    _style_axis(x_axis, "0")
    minimum, maximum, step = nice_scale(min(values), max(values))
    y_axis.minimum_scale, y_axis.maximum_scale, y_axis.major_unit = minimum, maximum, step
    _style_axis(y_axis, _format_for(step))
    if spec.y_title:
        y_axis.has_title = True
        y_axis.axis_title.text_frame.text = spec.y_title
        _font(y_axis.axis_title.text_frame.paragraphs[0].runs[0].font, MIN_PT, MUTED)
    plot = chart.plots[0]
    series = list(plot.series)
    styles = [(str(pal["plan"]), True, XL_MARKER_STYLE.NONE), (str(pal["actual"]), False, XL_MARKER_STYLE.CIRCLE),
              (str(pal["target"]), False, XL_MARKER_STYLE.DIAMOND)]
    for s, (colour, line, marker) in zip(series, styles):
        s.smooth = False
        if line:
            s.format.line.color.rgb = _rgb(colour)
            s.format.line.width = Pt(3)
            s.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        else:
            s.format.line.fill.background()
        s.marker.style = marker
        if marker != XL_MARKER_STYLE.NONE:
            s.marker.size = 11 if marker == XL_MARKER_STYLE.CIRCLE else 14
            s.marker.format.fill.solid()
            s.marker.format.fill.fore_color.rgb = _rgb(colour)
            s.marker.format.line.color.rgb = _rgb(colour)
    # The actual values beside their points (the wall's point labels), the target beside its diamond.
    if spec.point_labels is not None and len(actual) and len(series) > 1:
        shown = {int(r.year): str(r.label) for r in rowwise.rows(spec.point_labels)}
        for i, year in enumerate(actual["year"]):
            if int(year) in shown:
                _label_point(series[1].points[i], shown[int(year)], str(pal["actual"]))
    if target is not None and len(series) > 2:
        _label_point(series[2].points[0], fmt.format_number(float(target[1])), str(pal["target"]))


def scoreboard_chart(slide, spec: sv.ChartSpec, left, top, width, h) -> None:
    """The 13th plan's scoreboard as a native bar chart: each indicator's actual as a share of its target (right
    of 100 % is better, lower-is-better rows inverted as on the wall), coloured by its verdict."""
    data = spec.data
    labels = dict(spec.labels)
    ratios = []
    for tgt, act, way in zip(data["target"], data["actual"], data["direction"], strict=True):
        tgt, act = float(tgt), float(act)
        ratio = (tgt / act if way == "down" else act / tgt) if tgt and act else 0.0
        ratios.append(min(ratio, 2.0) * 100.0)
    chart_data = CategoryChartData()
    # Bars are drawn bottom-up: reversed, the first indicator is at the top as on the wall.
    chart_data.categories = list(reversed([str(n) for n in data["name"]]))
    chart_data.add_series(labels.get("ratio", "%"), list(reversed(ratios)))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, h, chart_data)
    chart = frame.chart
    _chart_frame(chart, spec.title, width)
    chart.has_legend = False
    _style_axis(chart.category_axis)
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    value_axis = chart.value_axis
    value_axis.minimum_scale, value_axis.maximum_scale, value_axis.major_unit = 0, 200, 50
    _style_axis(value_axis, '0"%"')
    plot = chart.plots[0]
    plot.gap_width = 40
    series = plot.series[0]
    codes = list(reversed([str(c) for c in data["status"]]))
    for i, code in enumerate(codes):
        point = series.points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(st.colour(code) if code in st.COLOURS else ACCENT)
        _label_point(point, f"{round(list(reversed(ratios))[i])}%", TEXT)


def native_chart(slide, spec: sv.ChartSpec, left, top, width, h) -> None:
    _box(slide, left, top, width, h)
    inner = (left + PAD, top + PAD, width - 2 * PAD, h - 2 * PAD)
    if spec.kind == "scoreboard":
        scoreboard_chart(slide, spec, *inner)
    else:
        path_chart(slide, spec, *inner)
