"""Altair chart builders: DataFrame in, chart out; targets drawn with their year. The look is charts.theme's.

Length (about 780 lines): one builder per chart kind (paths, shares, scoreboards, bars, the screen's
charts, the year-to-date growth), each short and independent; the theme and the scenario spec are already
their own modules. A further split by kind is the next step when a new kind is added."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import altair as alt
import pandas as pd

from lishi_metrics.charts import fit

# The look (fonts, palettes, status colours and symbols, fallback labels, dark config) is charts.theme's and the
# scenario simulator's fast spec charts.scenario_spec's; both are re-exported here, where pages and tests find them.
from lishi_metrics.charts.scenario_spec import gdp_scenario_spec  # noqa: F401
from lishi_metrics.charts.theme import (  # noqa: F401
    DEFAULT_LABELS,
    FONT_STACK,
    PALETTE,
    PALETTE_DARK,
    STATUS_ORDER,
    STATUS_SYMBOLS,
    dark_config,
    palette,
    set_properties,
)
from lishi_metrics.charts.theme import label as _label
from lishi_metrics.model import rowwise, status
from lishi_metrics.text.fmt import format_number

_VALUE_FORMAT = ",.4~f"
_YEAR_FORMAT = "d"


def title_lines(text: str, font_px: float = fit.TITLE_PX) -> str | dict:
    """A chart title that wraps with the chart's width (charts.fit.wrapped), as Vega-Lite JSON: the text when
    it fits the narrowest chart, else {"expr": ...} choosing the lines by `width` (issue 25: a phone's chart
    is about 300 px wide, so a long title is broken before its unit or after a colon instead of cut)."""
    title = fit.wrapped(text, font_px)
    return title.to_dict() if isinstance(title, alt.ExprRef) else title


def _title_px(theme: str, scale: float) -> float:
    """The title's font size: Streamlit's theme on pages, theme.dark_config's on the wall."""
    return 26 * scale if theme == "dark" else fit.TITLE_PX


def _legend_px(theme: str, scale: float) -> float:
    return 16 * scale if theme == "dark" else fit.LEGEND_LABEL_PX


def _title(text: str, theme: str = "light", scale: float = 1.0) -> alt.TitleParams:
    """A title that wraps with the chart's width (charts.fit.wrapped), lines 1.3 em apart."""
    px = _title_px(theme, scale)
    return alt.TitleParams(text=fit.wrapped(text, px), anchor="start", lineHeight=round(1.3 * px, 1))


def _legend(labels, theme: str, scale: float, **options: Any) -> alt.Legend:
    """A legend below the plot that wraps into columns by the chart's width (charts.fit.legend)."""
    return fit.legend(labels, _legend_px(theme, scale), **options)


def _num(value: float) -> str:
    return format_number(value, min(2, _decimals(value)))


def _decimals(value: float) -> int:
    text = f"{abs(value):.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def _y_axis(**kwargs: object) -> alt.Axis:
    """A y axis whose title is written horizontally above the labels (rotated Chinese is hard to read)."""
    options: dict[str, object] = {
        "titleAngle": 0, "titleAnchor": "end", "titleAlign": "left", "titleBaseline": "bottom", "titleY": -10,
        "tickCount": 6,  # fonts grow with the big-screen scale; keep ticks sparse
    }
    return alt.Axis(**{**options, **kwargs})


def _x_year(title: str) -> alt.X:
    return alt.X(
        "year:Q",
        title=title,
        axis=alt.Axis(format=_YEAR_FORMAT, tickMinStep=1),
        scale=alt.Scale(zero=False, nice=False, padding=16),
    )


def _series_scale(present: Iterable[str], known: Mapping[str, str], others: list[str]) -> alt.Scale:
    """Colour scale over the series present: known ones first (in `known` order) in their palette colour,
    the rest in order of appearance cycling through `others`."""
    seen = list(dict.fromkeys(present))
    domain = [name for name in known if name in seen] + [name for name in seen if name not in known]
    spare = iter(others * (len(domain) // max(len(others), 1) + 1))
    colours = [known[name] if name in known else next(spare) for name in domain]
    return alt.Scale(domain=domain, range=colours)


def _finish(chart: alt.TopLevelMixin, theme: str, height: object, scale: float) -> alt.TopLevelMixin:
    """Container width, height × scale (a Step scales its step), dark config for the dark theme."""
    if isinstance(height, alt.Step):
        height = alt.Step(round(height.step * scale))
    elif isinstance(height, (int, float)):
        height = round(height * scale)
    # fit-x: the width follows the container, the height is the plot's, so legends that wrap into more rows
    # on a phone add height instead of squeezing the plot
    set_properties(chart, width="container", height=height, padding=_padding(theme, scale),
                   autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return dark_config(chart, scale) if theme == "dark" else chart


def _padding(theme: str, scale: float) -> dict[str, float]:
    """Room around the chart. Vega places a title by an ascent of 0.79 em, but the browser's fonts ascend
    further (Source Sans 1.02 em, Noto Sans CJK 1.16 em), so the title gets 0.4 em more at the top and its
    first line stays inside the SVG (issue 25). Composing charts: set the copy's .padding and .autosize to alt.Undefined."""
    edge = round(12 * scale) if theme == "dark" else 5
    return {"left": edge, "right": edge, "bottom": edge, "top": edge + round(0.4 * _title_px(theme, scale))}


def _target_layers(
    target_year: int,
    target_value: float,
    text: str,
    y_title: str,
    year_title: str,
    pal: Mapping[str, object],
    scale: float = 1.0,
    legend: alt.Color | None = None,
) -> list[alt.Chart]:
    """Horizontal rule at the target, a diamond at (target year, target) and its label; with `legend` (the chart's
    series colour, whose domain holds `text`) the label is the diamond's legend entry instead, so it can never
    lie on the actuals' own labels (the wall: issue 25)."""
    data = pd.DataFrame({"year": [int(target_year)], "value": [float(target_value)], "label": [text]})
    if legend is not None:
        data["series"] = text
    tooltip = [
        alt.Tooltip("label:N", title=text.split(" ")[0] if " " in text else text),
        alt.Tooltip("year:Q", title=year_title, format=_YEAR_FORMAT),
        alt.Tooltip("value:Q", title=y_title, format=_VALUE_FORMAT),
    ]
    base = alt.Chart(data)
    rule = base.mark_rule(color=pal["target"], strokeDash=[4, 4], strokeWidth=1.5 * scale).encode(
        y=alt.Y("value:Q"), tooltip=tooltip
    )
    point = base.mark_point(
        shape="diamond", filled=True, size=160 * scale**2, color=pal["target"], opacity=1
    ).encode(
        x=alt.X("year:Q"), y=alt.Y("value:Q"), tooltip=tooltip, **({"color": legend} if legend is not None else {})
    )
    if legend is not None:
        return [rule, point]
    text_style = {"align": "right", "baseline": "bottom", "dx": -10 * scale, "dy": -8 * scale, "fontWeight": "bold"}
    # A halo in the background colour keeps the label legible where it crosses a line.
    halo = base.mark_text(
        **text_style, color=pal["background"], stroke=pal["background"], strokeWidth=4 * scale, strokeJoin="round"
    ).encode(x=alt.X("year:Q"), y=alt.Y("value:Q"), text="label:N")
    label = base.mark_text(**text_style, color=pal["target"]).encode(
        x=alt.X("year:Q"), y=alt.Y("value:Q"), text="label:N"
    )
    return [rule, point, halo, label]


def target_text(labels: Mapping[str, str] | None, target_year: int, target_value: float) -> str:
    """The target label, e.g. 「目标 2025: 255」; labels['target_text'] overrides it."""
    if labels and labels.get("target_text"):
        return str(labels["target_text"])
    return f"{_label(labels, 'target')} {int(target_year)}: {_num(float(target_value))}"


def share_domain(values: Iterable[float]) -> list[float]:
    """A y domain for percent shares: the data plus margin, on multiples of 5, inside 0–100 when the data is."""
    numbers = [float(v) for v in values if not _is_missing(v)]
    if not numbers:
        return [0.0, 100.0]
    low, high = min(numbers), max(numbers)
    pad = max(2.0, 0.25 * (high - low))
    lower = max(0.0, math.floor((low - pad) / 5) * 5)
    upper = math.ceil((high + pad) / 5) * 5
    if high <= 100:
        upper = min(100.0, upper)
    return [float(lower), float(upper)]


def indicator_path_chart(
    df: pd.DataFrame,
    target_year: int | None,
    target_value: float | None,
    title: str,
    y_title: str,
    labels: Mapping[str, str] | None = None,
    theme: str = "light",
    *,
    percent: bool = False,
    y_domain: list[float] | None = None,
    height: int = 320,
    scale: float = 1.0,
    target_in_legend: bool = False,
) -> alt.LayerChart:
    """Path of one indicator: dashed constant-growth plan path, actual points, target rule and label.

    Args:
        df: columns year, value, series; series values are translated labels and the
            ones equal to labels['plan'] / labels['actual'] / labels['base'] get the
            plan (dashed line), actual and base styles.
        target_year, target_value: the target; None (e.g. a text target) draws no target.
        title: what and when, e.g. 「地区生产总值 2020—2025」.
        y_title: translated y-axis title with unit.
        labels: translated words (see DEFAULT_LABELS); 'target_text' overrides the target label.
        theme: 'light' or 'dark' (dark also applies `dark_config`).
        percent: y values are percents (0–100): axis labels get a % sign.
        y_domain: explicit y domain.
        target_in_legend: the target's label is its diamond's legend entry, not a text beside it (the wall writes
            the actuals' values on the chart, and a label beside the target could lie on them).
    """
    pal = palette(theme)
    plan, actual, base = _label(labels, "plan"), _label(labels, "actual"), _label(labels, "base")
    year_title, series_title = _label(labels, "year"), _label(labels, "series")
    data = df.loc[:, ["year", "value", "series"]].copy()
    data["series"] = data["series"].astype(str)
    data = data.dropna(subset=["year", "value"])
    has_target = target_year is not None and not _is_missing(target_value)
    text = target_text(labels, target_year, float(target_value)) if has_target else ""  # type: ignore[arg-type]
    in_legend = target_in_legend and has_target
    series_scale = _series_scale(
        data["series"].tolist() + ([text] if in_legend else []),
        {plan: pal["plan"], actual: pal["actual"], base: pal["base"], **({text: pal["target"]} if in_legend else {})},
        list(pal["scenario"]),
    )
    colour = alt.Color("series:N", title=None, scale=series_scale,
                       legend=_legend(series_scale.domain, theme, scale))
    y_scale = alt.Scale(zero=False, domain=y_domain) if y_domain else alt.Scale(zero=False)
    y_axis = _y_axis(labelExpr="datum.label + '%'") if percent else _y_axis()
    y = alt.Y("value:Q", title=y_title, scale=y_scale, axis=y_axis)
    tooltip = [
        alt.Tooltip("series:N", title=series_title),
        alt.Tooltip("year:Q", title=year_title, format=_YEAR_FORMAT),
        alt.Tooltip("value:Q", title=y_title, format=_VALUE_FORMAT),
    ]
    layers: list[alt.Chart] = []
    plan_rows = data[data["series"] == plan]
    if not plan_rows.empty:
        layers.append(
            alt.Chart(plan_rows)
            .mark_line(strokeDash=[6 * scale, 4 * scale], strokeWidth=2.5 * scale)
            .encode(x=_x_year(year_title), y=y, color=colour, tooltip=tooltip)
        )
    actual_rows = data[data["series"] == actual]
    if len(actual_rows) >= 2:
        layers.append(
            alt.Chart(actual_rows).mark_line(strokeWidth=2 * scale).encode(x=_x_year(year_title), y=y, color=colour)
        )
    point_rows = data[data["series"] != plan]
    if not point_rows.empty:
        layers.append(
            alt.Chart(point_rows)
            .mark_point(filled=True, size=110 * scale**2, opacity=1)
            .encode(x=_x_year(year_title), y=y, color=colour, tooltip=tooltip)
        )
    if has_target:
        layers += _target_layers(target_year, float(target_value), text, y_title, year_title, pal, scale,  # type: ignore[arg-type]
                                 legend=colour if in_legend else None)
    if not layers:
        layers.append(alt.Chart(pd.DataFrame({"year": [], "value": []})).mark_point().encode(x=_x_year(year_title), y=y))
    chart = alt.layer(*layers, title=_title(title, theme, scale))
    return _finish(chart, theme, height, scale)


def share_path_chart(
    df: pd.DataFrame,
    target_year: int | None,
    target_value: float | None,
    title: str,
    y_title: str,
    labels: Mapping[str, str] | None = None,
    theme: str = "light",
    *,
    y_domain: list[float] | None = None,
    height: int = 320,
    scale: float = 1.0,
    target_in_legend: bool = False,
) -> alt.LayerChart:
    """Path of a percent indicator (values 0–100): like `indicator_path_chart`, y axis in % with a sensible domain."""
    if y_domain is None:
        values = list(df["value"]) + ([] if _is_missing(target_value) else [float(target_value)])
        y_domain = share_domain(values)
    return indicator_path_chart(
        df, target_year, target_value, title, y_title, labels, theme,
        percent=True, y_domain=y_domain, height=height, scale=scale, target_in_legend=target_in_legend,
    )


def gdp_scenario_chart(
    df_long: pd.DataFrame,
    target: float | None,
    target_year: int,
    labels: Mapping[str, str] | None = None,
    fan: pd.DataFrame | None = None,
    theme: str = "light",
    *,
    height: int = 360,
    scale: float = 1.0,
) -> alt.LayerChart:
    """Scenario paths (one line each, the plan path dashed), the target rule with label, optional fan.

    Args:
        df_long: columns year, value, scenario (translated names; labels['plan'] is the plan path).
        target, target_year: the target (e.g. 255 in 2025).
        labels: 'title' (what and when), 'value' (y title with unit), 'year', 'scenario',
            'plan', 'target', 'band_outer', 'band_inner', 'band', 'low', 'high'.
        fan: optional columns year, p05, p25, p50, p75, p95 (Monte Carlo): drawn as a
            5–95 band and a 25–75 band.
    """
    pal = palette(theme)
    plan = _label(labels, "plan")
    year_title, y_title, scenario_title = _label(labels, "year"), _label(labels, "value"), _label(labels, "scenario")
    data = df_long.loc[:, ["year", "value", "scenario"]].copy()
    data["scenario"] = data["scenario"].astype(str)
    data = data.dropna(subset=["year", "value"])
    series_scale = _series_scale(
        data["scenario"].tolist(), {plan: pal["plan"], _label(labels, "actual"): pal["actual"]}, list(pal["scenario"])
    )
    colour = alt.Color("scenario:N", title=None, scale=series_scale,
                       legend=_legend(series_scale.domain, theme, scale))
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False), axis=_y_axis())
    tooltip = [
        alt.Tooltip("scenario:N", title=scenario_title),
        alt.Tooltip("year:Q", title=year_title, format=_YEAR_FORMAT),
        alt.Tooltip("value:Q", title=y_title, format=_VALUE_FORMAT),
    ]
    layers: list[alt.Chart] = []
    if fan is not None and not fan.empty:
        outer, inner = _label(labels, "band_outer"), _label(labels, "band_inner")
        bands = pd.concat(
            [
                pd.DataFrame({"year": fan["year"], "low": fan["p05"], "high": fan["p95"], "band": outer}),
                pd.DataFrame({"year": fan["year"], "low": fan["p25"], "high": fan["p75"], "band": inner}),
            ],
            ignore_index=True,
        )
        layers.append(
            alt.Chart(bands)
            .mark_area(color=pal["fan"])
            .encode(
                x=_x_year(year_title),
                y=alt.Y("low:Q", title=y_title, axis=_y_axis()),
                y2="high:Q",
                opacity=alt.Opacity(
                    "band:O",
                    title=_label(labels, "band"),
                    scale=alt.Scale(domain=[outer, inner], range=[0.3, 0.5] if theme == "dark" else [0.14, 0.28]),
                    # Vega sets legends of one side in a row, which no width bounds: the bands' legend goes above.
                    legend=_legend([outer, inner], theme, scale, orient="top"),
                ),
                tooltip=[
                    alt.Tooltip("band:N", title=_label(labels, "band")),
                    alt.Tooltip("year:Q", title=year_title, format=_YEAR_FORMAT),
                    alt.Tooltip("low:Q", title=_label(labels, "low"), format=_VALUE_FORMAT),
                    alt.Tooltip("high:Q", title=_label(labels, "high"), format=_VALUE_FORMAT),
                ],
            )
        )
    plan_rows = data[data["scenario"] == plan]
    if not plan_rows.empty:
        layers.append(
            alt.Chart(plan_rows)
            .mark_line(strokeDash=[6 * scale, 4 * scale], strokeWidth=2.5 * scale, point=True)
            .encode(x=_x_year(year_title), y=y, color=colour, tooltip=tooltip)
        )
    other_rows = data[data["scenario"] != plan]
    if not other_rows.empty:
        layers.append(
            alt.Chart(other_rows)
            .mark_line(strokeWidth=2.5 * scale, point=True)
            .encode(x=_x_year(year_title), y=y, color=colour, tooltip=tooltip)
        )
    if not _is_missing(target):
        text = target_text(labels, target_year, float(target))
        layers += _target_layers(target_year, float(target), text, y_title, year_title, pal, scale)
    if not layers:
        layers.append(alt.Chart(pd.DataFrame({"year": [], "value": []})).mark_point().encode(x=_x_year(year_title), y=y))
    chart = alt.layer(*layers, title=_title(_label(labels, "title"), theme, scale))
    return _finish(chart, theme, height, scale)


def _status_word(labels: Mapping[str, str] | None, code: str) -> str:
    key = f"status_{code}"
    if labels and labels.get(key):
        return str(labels[key])
    return status.word(code, "en") if code in status.WORDS else code


def _status_column(
    codes_in: pd.Series, labels: Mapping[str, str] | None
) -> tuple[pd.Series, pd.Series, list[str], list[str]]:
    """Symbols, 'symbol + status' labels, and the legend domain and codes (STATUS_ORDER, then unknown codes)."""
    codes = codes_in.where(codes_in.notna(), status.PENDING).astype(str)
    symbols = codes.map(lambda code: STATUS_SYMBOLS.get(code, "?"))
    present = list(dict.fromkeys(codes.tolist()))
    ordered = [code for code in STATUS_ORDER if code in present] + [c for c in present if c not in STATUS_ORDER]
    names = {code: f"{STATUS_SYMBOLS.get(code, '?')} {_status_word(labels, code)}" for code in ordered}
    return symbols, codes.map(names), [names[c] for c in ordered], ordered


def _y_names(names: pd.Series, scale: float) -> alt.Y:
    """Indicator names on the y axis in the DataFrame's order (explicit, so rows without a bar keep their place)."""
    order = list(dict.fromkeys(names.tolist()))
    return alt.Y("name:N", title=None, sort=order, axis=alt.Axis(labelLimit=round(320 * scale)))


def _font(theme: str, scale: float, light_px: float, dark_px: float) -> float:
    return round((dark_px if theme == "dark" else light_px) * scale, 1)


def _status_colour(domain: list[str], codes: list[str], pal: Mapping[str, object], title: str,
                   theme: str = "light", scale: float = 1.0) -> alt.Color:
    status_colours: Mapping[str, str] = pal["status"]  # type: ignore[assignment]
    colours = [status_colours.get(code, status_colours[status.PENDING]) for code in codes]
    return alt.Color(
        "status_label:N",
        title=title,
        scale=alt.Scale(domain=domain, range=colours),
        legend=_legend(domain, theme, scale),
    )


def _ratio_decimals(ratio: float) -> int:
    """Whole percent, except where rounding would show 100 % for a ratio that is not 100 % (99.5 % missed)."""
    return 0 if round(ratio * 100) != 100 or ratio == 1 else 1


def scoreboard_chart(
    df: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    theme: str = "light",
    *,
    cap: float = 2.0,
    step: int = 28,
    scale: float = 1.0,
) -> alt.LayerChart:
    """13th-plan scoreboard: per indicator a target marker at 100 % and the actual, direction-aware.

    The actual is drawn as achievement = actual / target (direction 'up' or 'none') or
    target / actual ('down': less is better), so right of 100 % is always better.

    Args:
        df: columns name, target, actual; optional direction ('up'/'down'/'none'),
            status (a model.status code, e.g. from progress.scoreboard; default: status.final_status),
            target_text and actual_text (formatted values for the tooltip).
        labels: 'title', 'x_title', 'indicator', 'target', 'actual', 'ratio', 'status', 'status_<code>'.
        cap: ratios beyond cap (e.g. 200 %) are drawn as an arrow past the cap (▶), the text beside it shows
            the true value (238 %).
    """
    pal = palette(theme)
    target = pd.to_numeric(df["target"], errors="coerce").astype(float).reset_index(drop=True)
    actual = pd.to_numeric(df["actual"], errors="coerce").astype(float).reset_index(drop=True)
    if "direction" in df.columns:
        direction = df["direction"].fillna("up").astype(str).reset_index(drop=True)
    else:
        direction = pd.Series(["up"] * len(df))
    ratio = []
    for tgt, act, way in zip(target, actual, direction, strict=True):
        if _is_missing(tgt) or _is_missing(act) or tgt == 0 or (way == "down" and act == 0):
            ratio.append(float("nan"))
        else:
            ratio.append(tgt / act if way == "down" else act / tgt)
    ratio_s = pd.Series(ratio, dtype=float)
    if "status" in df.columns:
        verdicts = df["status"].reset_index(drop=True)
    else:
        verdicts = pd.Series(
            [status.final_status(a, t, way) for t, a, way in zip(target, actual, direction, strict=True)],
            dtype=object,
        )
    symbols, status_labels, domain, codes = _status_column(verdicts, labels)
    data = pd.DataFrame({"name": df["name"].astype(str).to_numpy()})
    data["ratio"] = ratio_s.to_numpy()
    data["shown"] = ratio_s.clip(lower=0, upper=cap).to_numpy()
    # beyond the axis: drawn as an arrow just past the last tick, pointing on, never as a dot at the edge
    data["beyond"] = (ratio_s > cap).to_numpy()
    data.loc[data["beyond"], "shown"] = cap + 0.1
    data["one"] = 1.0
    data["has_target"] = target.notna().to_numpy()
    data["status_label"] = status_labels.to_numpy()
    data["ratio_label"] = [
        f"{sym} {format_number(r * 100, _ratio_decimals(r))}%" if not _is_missing(r) else f"{sym} {lab.split(' ', 1)[1]}"
        for sym, r, lab in zip(symbols, data["ratio"], data["status_label"], strict=True)
    ]
    data["target_text"] = (
        df["target_text"].astype(str).to_numpy() if "target_text" in df.columns else [_fmt_or_dash(v) for v in target]
    )
    data["actual_text"] = (
        df["actual_text"].astype(str).to_numpy() if "actual_text" in df.columns else [_fmt_or_dash(v) for v in actual]
    )
    x = alt.X(
        "shown:Q",
        title=_label(labels, "x_title"),
        scale=alt.Scale(domain=[0, cap + 0.45], nice=False),
        axis=alt.Axis(format="%", values=[v / 4 for v in range(int(cap * 4) + 1)]),
    )
    y = _y_names(data["name"], scale)
    colour = _status_colour(domain, codes, pal, _label(labels, "status"), theme, scale)
    tooltip = [
        alt.Tooltip("name:N", title=_label(labels, "indicator")),
        alt.Tooltip("target_text:N", title=_label(labels, "target")),
        alt.Tooltip("actual_text:N", title=_label(labels, "actual")),
        alt.Tooltip("ratio:Q", title=_label(labels, "ratio"), format=".1%"),
        alt.Tooltip("status_label:N", title=_label(labels, "status")),
    ]
    base = alt.Chart(data)
    hundred = (
        alt.Chart(pd.DataFrame({"one": [1.0]}))
        .mark_rule(color=pal["target"], strokeDash=[4, 3], strokeWidth=1.5 * scale)
        .encode(x=alt.X("one:Q"))
    )
    segment = base.mark_rule(color=pal["muted"], strokeWidth=2 * scale).encode(x=alt.X("one:Q"), x2="shown:Q", y=y)
    target_marker = alt.Chart(data[data["has_target"]]).mark_point(
        shape="diamond", filled=False, size=150 * scale**2, strokeWidth=2.5 * scale, color=pal["target"], opacity=1
    ).encode(x=alt.X("one:Q"), y=y, tooltip=tooltip)
    actual_marker = alt.Chart(data[~data["beyond"]]).mark_point(filled=True, size=170 * scale**2, opacity=1).encode(
        x=x, y=y, color=colour, tooltip=tooltip)
    beyond_marker = alt.Chart(data[data["beyond"]]).mark_point(
        shape="triangle-right", filled=True, size=230 * scale**2, opacity=1
    ).encode(x=x, y=y, color=colour, tooltip=tooltip)
    text_column = base.mark_text(
        align="right", baseline="middle", dx=-4 * scale, fontWeight="bold", fontSize=_font(theme, scale, 13, 18)
    ).encode(
        x=alt.value("width"), y=y, text="ratio_label:N", color=colour, tooltip=tooltip
    )
    chart = alt.layer(
        hundred, segment, target_marker, actual_marker, beyond_marker, text_column, title=_title(_label(labels, "title"))
    )
    return _finish(chart, theme, alt.Step(step), scale)


def _fmt_or_dash(value: float) -> str:
    return "—" if _is_missing(value) else format_number(value)


def bar_chart(
    df: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    labels: Mapping[str, str] | None = None,
    theme: str = "light",
    *,
    horizontal: bool = False,
    color: str | None = None,
    height: int | None = None,
    scale: float = 1.0,
) -> alt.LayerChart:
    """Bars of `y` (numbers) per `x` (categories, in the DataFrame's order), value labels on the bars.

    Args:
        labels: axis/tooltip titles keyed by column name (labels[x], labels[y], labels[color]).
        horizontal: categories on the y axis (better for long Chinese names).
        color: optional category column for colour (scenario palette).
    """
    pal = palette(theme)
    cat_title, val_title = _label(labels, x), _label(labels, y)
    category = alt.X(f"{x}:N", title=cat_title, sort=None, axis=alt.Axis(labelAngle=0, labelLimit=240))
    value = alt.Y(f"{y}:Q", title=val_title, axis=_y_axis())
    if horizontal:
        category = alt.Y(f"{x}:N", title=cat_title, sort=None, axis=_y_axis(labelLimit=round(320 * scale)))
        value = alt.X(f"{y}:Q", title=val_title, axis=alt.Axis(tickCount=6))
    tooltip = [alt.Tooltip(f"{x}:N", title=cat_title), alt.Tooltip(f"{y}:Q", title=val_title, format=_VALUE_FORMAT)]
    mark_colour: dict[str, object] = {}
    encodings: dict[str, object] = {}
    if color:
        tooltip.append(alt.Tooltip(f"{color}:N", title=_label(labels, color)))
        encodings["color"] = alt.Color(
            f"{color}:N", title=_label(labels, color), scale=alt.Scale(range=list(pal["scenario"])),
            legend=_legend(df[color].astype(str).unique(), theme, scale),
        )
    else:
        mark_colour["color"] = pal["actual"]
    positions = {"y": category, "x": value} if horizontal else {"x": category, "y": value}
    base = alt.Chart(df)
    bars = base.mark_bar(**mark_colour).encode(**positions, **encodings, tooltip=tooltip)
    text_opts = (
        {"align": "left", "dx": 4 * scale, "baseline": "middle"} if horizontal else {"baseline": "bottom", "dy": -3 * scale}
    )
    texts = base.mark_text(color=pal["text"], **text_opts).encode(
        **positions, text=alt.Text(f"{y}:Q", format=_VALUE_FORMAT), tooltip=tooltip
    )
    chart = alt.layer(bars, texts, title=_title(title, theme, scale))
    if height is None:
        height = alt.Step(28) if horizontal else 300
    return _finish(chart, theme, height, scale)


# --- sector pages (industries, ecology, livelihood) ------------------------------------------------


def dumbbell_chart(
    df: pd.DataFrame,
    title: str,
    labels: Mapping[str, str] | None = None,
    theme: str = "light",
    *,
    percent: bool = False,
    x_domain: list[float] | None = None,
    step: int = 34,
    scale: float = 1.0,
) -> alt.LayerChart:
    """From → to per row (e.g. 2020 actual → 2025 target): a line, a dot at the start, a diamond at the end.

    Args:
        df: columns name, start, end (numbers; a row missing one end shows only the other);
            optional start_text, end_text (formatted values drawn beside the marks and in the
            tooltip) and change (formatted change, e.g. “+28.04 个百分点”, for the tooltip).
        labels: 'start' and 'end' (legend, e.g. 「2020年实际」/「2025年目标」), 'indicator',
            'value' (x title with unit), 'change'.
        percent: values are percents (0–100): axis labels get a % sign and the domain stays in 0–100.
    """
    pal = palette(theme)
    start_name, end_name = _label(labels, "start") or "Start", _label(labels, "end") or "End"
    rows = []
    for r in rowwise.rows(df.reset_index(drop=True), index=False):
        start, end = r.start, r.end
        change = str(getattr(r, "change", "") or "")
        for which, value, text in (
            (start_name, start, getattr(r, "start_text", None)),
            (end_name, end, getattr(r, "end_text", None)),
        ):
            if _is_missing(value):
                continue
            other = end if which == start_name else start
            # Labels go on the outer side of each mark so the two never collide.
            outer_right = _is_missing(other) or float(value) >= float(other)
            rows.append({
                "name": str(r.name), "value": float(value), "series": which, "change": change,
                "text": str(text) if text is not None else _num(float(value)), "right": outer_right,
            })
    data = pd.DataFrame(rows, columns=["name", "value", "series", "change", "text", "right"])
    lines = pd.DataFrame(
        [{"name": str(r.name), "start": float(r.start), "end": float(r.end)}
         for r in rowwise.rows(df, index=False) if not _is_missing(r.start) and not _is_missing(r.end)],
        columns=["name", "start", "end"],
    )
    if x_domain is None:
        x_domain = share_domain(data["value"]) if percent else None
    x_scale = alt.Scale(domain=x_domain, nice=False) if x_domain else alt.Scale(zero=False, nice=True)
    axis = alt.Axis(labelExpr="datum.label + '%'", tickCount=10) if percent else alt.Axis(tickCount=10)
    x = alt.X("value:Q", title=_label(labels, "value"), scale=x_scale, axis=axis)
    y = _y_names(df["name"].astype(str), scale)
    colour = alt.Color(
        "series:N", title=None, scale=alt.Scale(domain=[start_name, end_name], range=[pal["actual"], pal["target"]]),
        legend=_legend([start_name, end_name], theme, scale),
    )
    shape = alt.Shape(
        "series:N", title=None, scale=alt.Scale(domain=[start_name, end_name], range=["circle", "diamond"]),
        legend=_legend([start_name, end_name], theme, scale),
    )
    tooltip = [
        alt.Tooltip("name:N", title=_label(labels, "indicator")),
        alt.Tooltip("series:N", title=_label(labels, "series")),
        alt.Tooltip("text:N", title=_label(labels, "value")),
        alt.Tooltip("change:N", title=_label(labels, "change")),
    ]
    layers: list[alt.Chart] = []
    if not lines.empty:
        layers.append(
            alt.Chart(lines).mark_rule(color=pal["muted"], strokeWidth=3, opacity=0.6).encode(
                x=alt.X("start:Q", scale=x_scale), x2="end:Q", y=y
            )
        )
    layers.append(
        alt.Chart(data).mark_point(filled=True, size=170, opacity=1).encode(
            x=x, y=y, color=colour, shape=shape, tooltip=tooltip
        )
    )
    text_colour = pal["text"]
    for right in (True, False):
        part = data[data["right"] == right]
        if part.empty:
            continue
        layers.append(
            alt.Chart(part).mark_text(
                align="left" if right else "right", dx=12 if right else -12, baseline="middle",
                color=text_colour, fontSize=_font(theme, scale, 12, 16),
            ).encode(x=x, y=y, text="text:N", tooltip=tooltip)
        )
    chart = alt.layer(*layers, title=_title(title, theme, scale))
    return _finish(chart, theme, alt.Step(step), scale)


def grouped_bar_chart(
    df: pd.DataFrame,
    x: str,
    y: str,
    group: str,
    title: str,
    labels: Mapping[str, str] | None = None,
    theme: str = "light",
    *,
    text: str | None = None,
    height: int = 320,
    scale: float = 1.0,
) -> alt.LayerChart:
    """Side-by-side bars: one group of bars per `x` category (DataFrame order), one bar per `group`.

    Args:
        df: columns x (category, e.g. 「2015年」), y (number), group (e.g. 城镇/农村); optional
            `text` column with the formatted value drawn on each bar (default: the number).
        labels: axis, legend and tooltip titles keyed by column name.
    """
    pal = palette(theme)
    data = df.copy()
    text_col = text or "_text"
    if text is None:
        data["_text"] = [_fmt_or_dash(v) for v in data[y]]
    groups = list(dict.fromkeys(data[group].astype(str)))
    colours = [pal["actual"], pal["scenario"][0], *pal["scenario"][1:]][: max(len(groups), 1)]
    category = alt.X(f"{x}:N", title=_label(labels, x), sort=None, axis=alt.Axis(labelAngle=0, labelLimit=240))
    value = alt.Y(f"{y}:Q", title=_label(labels, y), axis=_y_axis(), scale=alt.Scale(zero=True))
    offset = alt.XOffset(f"{group}:N", sort=groups)
    colour = alt.Color(
        f"{group}:N", title=_label(labels, group), scale=alt.Scale(domain=groups, range=colours),
        legend=_legend(groups, theme, scale),
    )
    tooltip = [
        alt.Tooltip(f"{x}:N", title=_label(labels, x)),
        alt.Tooltip(f"{group}:N", title=_label(labels, group)),
        alt.Tooltip(f"{text_col}:N", title=_label(labels, y)),
    ]
    base = alt.Chart(data)
    bars = base.mark_bar().encode(x=category, xOffset=offset, y=value, color=colour, tooltip=tooltip)
    texts = base.mark_text(baseline="bottom", dy=-3, color=pal["text"], fontSize=_font(theme, scale, 12, 16)).encode(
        x=category, xOffset=offset, y=value, text=f"{text_col}:N", tooltip=tooltip
    )
    chart = alt.layer(bars, texts, title=_title(title, theme, scale))
    return _finish(chart, theme, height, scale)


def ytd_growth_chart(
    df: pd.DataFrame,
    periods_in_year: int,
    target_growth: float | None,
    title: str,
    x_title: str,
    y_title: str,
    labels: Mapping[str, str],
    theme: str = "light",
    *,
    height: int = 260,
    scale: float = 1.0,
) -> alt.LayerChart:
    """Year-to-date growth by period (经济运行): this year against last year, with the year's target as a rule.

    Args:
        df: columns n (month or quarter number), growth (%), series (labels['this'] or labels['last']).
        periods_in_year: 12 or 4 (the x axis runs 1..periods_in_year).
        target_growth: the year's growth target in %, or None (no rule).
        labels: 'this', 'last' (series names) and 'target' (the rule's label, the value in it).
    """
    pal = palette(theme)
    this, last = labels["this"], labels["last"]
    data = df.loc[:, ["n", "growth", "series"]].dropna(subset=["growth"]).copy()
    x = alt.X("n:Q", title=x_title, scale=alt.Scale(domain=[1, periods_in_year], nice=False),
              axis=alt.Axis(values=list(range(1, periods_in_year + 1)), format="d", grid=False))
    y = alt.Y("growth:Q", title=y_title, scale=alt.Scale(zero=True), axis=_y_axis(labelExpr="datum.label + '%'"))
    colour = alt.Color("series:N", title=None, legend=_legend([this, last], theme, scale),
                       scale=alt.Scale(domain=[this, last], range=[pal["actual"], pal["base"]]))
    tooltip = [alt.Tooltip("series:N", title=" "), alt.Tooltip("n:Q", title=x_title, format="d"),
               alt.Tooltip("growth:Q", title=y_title, format=".1f")]
    base = alt.Chart(data)
    layers: list[alt.Chart] = [
        base.mark_line(strokeWidth=2.5 * scale).encode(x=x, y=y, color=colour,
                                                     strokeDash=alt.StrokeDash("series:N", legend=None,
                                                                               scale=alt.Scale(domain=[this, last],
                                                                                               range=[[1, 0], [5, 4]]))),
        base.mark_point(filled=True, size=90 * scale**2, opacity=1).encode(x=x, y=y, color=colour, tooltip=tooltip),
    ]
    if target_growth is not None and not _is_missing(target_growth):
        rule = pd.DataFrame({"growth": [float(target_growth)], "n": [periods_in_year], "label": [labels["target"]]})
        layers.append(alt.Chart(rule).mark_rule(color=pal["target"], strokeDash=[4, 4], strokeWidth=1.5 * scale)
                      .encode(y="growth:Q", tooltip=[alt.Tooltip("label:N", title=" ")]))
        layers.append(alt.Chart(rule).mark_text(align="right", baseline="bottom", dy=-4 * scale, fontWeight="bold",
                                                color=pal["target"])
                      .encode(x="n:Q", y="growth:Q", text="label:N"))
    chart = alt.layer(*layers, title=_title(title, theme, scale))
    return _finish(chart, theme, height, scale)
