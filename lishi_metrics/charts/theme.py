"""The charts' look: fonts, the light and dark palettes, status colours and symbols (model.status's), the
English fallback labels, and the big-screen dark configuration. Builders and the scenario spec share it."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import altair as alt

from lishi_metrics.model import status

FONT_STACK = "Microsoft YaHei, PingFang SC, Noto Sans CJK SC, sans-serif"

# Status colours: green = ahead/exceeded, teal = on track/met, red = behind/missed.
# Every mark colour has >= 4.5:1 contrast with its background (tests check it),
# and every status also has a symbol so it reads without colour.
PALETTE: dict[str, object] = {
    "background": "#ffffff",
    "text": "#1f2937",
    "muted": "#5b6472",
    "grid": "#e5e7eb",
    "plan": "#637386",
    "actual": "#0b5cad",
    "base": "#3d4a5c",
    "target": "#c8102e",
    "fan": "#0b5cad",
    "scenario": ["#b35c00", "#007a5a", "#7a4fa0", "#8a6d00", "#0e7c86"],
    "status": dict(status.COLOURS),
}

PALETTE_DARK: dict[str, object] = {
    "background": "#0b1a2e",
    "text": "#e8eef7",
    "muted": "#9fb0c6",
    "grid": "#22344f",
    "plan": "#8fa6c2",
    "actual": "#4fa3ff",
    "base": "#b8c4d4",
    "target": "#ff4d5e",  # #c8102e is too dark on navy (2.9:1); this is the same red, lit
    "fan": "#4fa3ff",
    "scenario": ["#ffa94d", "#3ddc97", "#c39bff", "#f2d45c", "#4dd4e0"],
    "status": dict(status.COLOURS_DARK),
}

# Status order and symbols are model.status's (codes from progress.progress_table / progress.scoreboard).
STATUS_ORDER = status.ORDER
STATUS_SYMBOLS = status.SYMBOLS

# English fallbacks; pages pass translated labels (builders never call i18n).
DEFAULT_LABELS = {
    "year": "Year",
    "value": "Value",
    "series": "Series",
    "scenario": "Scenario",
    "plan": "Plan path",
    "actual": "Actual",
    "base": "Base",
    "target": "Target",
    "indicator": "Indicator",
    "progress": "Share of target reached",
    "status": "Status",
    "band_outer": "5–95 %",
    "band_inner": "25–75 %",
    "band": "Range",
    "low": "Low",
    "high": "High",
    "ratio": "Actual as % of target",
    "x_title": "Actual as % of target (direction-adjusted)",
    "title": "",
}


def palette(theme: str = "light") -> dict[str, object]:
    """The palette for `theme` ('light' or 'dark')."""
    return PALETTE_DARK if theme == "dark" else PALETTE


def label(labels: Mapping[str, str] | None, key: str) -> str:
    """labels[key] when the page passed one, else the English fallback (else the key itself)."""
    if labels and labels.get(key):
        return str(labels[key])
    return DEFAULT_LABELS.get(key, key)


def dark_config(chart: alt.TopLevelMixin, scale: float = 1.0) -> alt.TopLevelMixin:
    """Apply the big-screen dark theme to `chart` in place and return it: navy background, light text, CJK font
    stack, sizes × `scale`.

    Configure is top level only: apply it last (layering a configured chart fails). In place, as one Config:
    Altair's configure_* methods each copy the chart, and a copy of a layered chart deep-copies every layer
    (six copies were most of the wall's chart time). Pass a chart of your own (the builders' fresh ones); the
    chart gets a copy of the Config, so changing its config changes no other chart."""
    chart.config = _dark_config(scale).copy(deep=True)
    return chart


@lru_cache(maxsize=8)
def _dark_config(scale: float) -> alt.Config:
    """dark_config's Config (built and validated once per scale; callers take a copy)."""
    pal = PALETTE_DARK
    text, muted, grid = pal["text"], pal["muted"], pal["grid"]
    size = lambda px: round(px * scale, 1)  # noqa: E731
    return alt.Config(
        background=pal["background"], font=FONT_STACK, padding=round(12 * scale),
        title=alt.TitleConfig(
            color=text, subtitleColor=muted, fontSize=size(26), subtitleFontSize=size(18),
            anchor="start", font=FONT_STACK, offset=size(12),
        ),
        axis=alt.AxisConfig(
            labelColor=text, titleColor=text, gridColor=grid, domainColor=muted, tickColor=muted,
            labelFontSize=size(16), titleFontSize=size(18), labelFont=FONT_STACK, titleFont=FONT_STACK,
            titlePadding=size(10), labelPadding=size(6),
        ),
        legend=alt.LegendConfig(
            labelColor=text, titleColor=text, labelFontSize=size(16), titleFontSize=size(16),
            symbolSize=size(180), labelFont=FONT_STACK, titleFont=FONT_STACK, labelLimit=round(400 * scale),
        ),
        text=alt.MarkConfig(fontSize=size(16), font=FONT_STACK),
        view=alt.ViewConfig(stroke=None),
    )


def set_properties(chart: alt.TopLevelMixin, **values: object) -> alt.TopLevelMixin:
    """chart.properties(**values) in place, for a chart of your own: Altair's properties() copies the chart, and
    a copy of a layered chart deep-copies every layer. Returns `chart`."""
    for key, value in values.items():
        setattr(chart, key, value)
    return chart
