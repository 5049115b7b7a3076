"""Chart text that fits its box at any width: text width estimates, titles wrapped by rule, legends in columns.

A chart drawn at "container" width does not know its width in Python, so titles and legends are given as Vega
expressions over the chart's `width` signal: the browser (and vl-convert for documents) picks the lines or the
number of legend columns that fit. Widths are estimated from the characters: a Chinese character or a
full-width sign is one em, anything else about 0.6 em (a slight over-estimate for Latin text, so text fits).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import altair as alt

# Font sizes (px) of Streamlit's chart theme (pages); the wall's dark theme sets its own × its scale.
TITLE_PX = 16
LEGEND_LABEL_PX = 14
# Width budgets (px of the plot's `width` signal) at which a title is wrapped again: a phone's chart is about
# 300 px wide, a half-width chart at 1366 about 560 px.
TITLE_BUDGETS = (900, 680, 520, 400, 300, 220)
# A legend entry: symbol, the gap to its label, and the padding between columns.
LEGEND_ENTRY_EXTRA_PX = 34
# The y axis's labels sit left of the plot, so the title and legend may use this much more than `width`.
AXIS_ALLOWANCE_PX = 30

_WIDE = re.compile(r"[\u1100-\u11ff\u2e80-\u303f\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                   r"\uffe0-\uffe6\u2014\u2018\u2019\u201c\u201d\u2026]")
# Where a line may end, best first: before an opening bracket or after a colon; after a closing bracket, a comma
# or an arrow outside brackets; at a space outside brackets; between two Chinese characters outside brackets;
# anywhere between Chinese characters. A year range (2020—2025) is never broken.
_OPEN, _CLOSE = set("（(〔［["), set("）)〕］]")
_COLON, _COMMA = set("：:"), set("，,、；;→")


def text_px(text: str, font_px: float) -> float:
    """Estimated width of `text` in pixels at `font_px`."""
    return sum(font_px if _WIDE.match(ch) else 0.6 * font_px for ch in str(text))


def _fitting(text: str, max_px: float, font_px: float) -> int:
    """How many leading characters of `text` fit in `max_px` (at least one)."""
    used = 0.0
    for i, ch in enumerate(text):
        used += font_px if _WIDE.match(ch) else 0.6 * font_px
        if used > max_px:
            return max(i, 1)
    return len(text)


def _tier(text: str, i: int, depth: int) -> int:
    """How good a line end between text[i-1] and text[i] is (0 best, 5 not allowed); depth: open brackets."""
    before, after = text[i - 1], text[i] if i < len(text) else ""
    if "—" in (before, after) or "–" in (before, after):
        return 5
    if after in _OPEN or before in _COLON:
        return 0
    if depth == 0 and (before in _CLOSE or before in _COMMA):
        return 1
    if depth == 0 and " " in (before, after):
        return 2
    wide = bool(_WIDE.match(before)) and bool(_WIDE.match(after or "x")) and after not in _CLOSE and before not in _OPEN
    if wide and depth == 0:
        return 3
    if wide or " " in (before, after):
        return 4
    return 5


def _cut(text: str, n: int) -> int:
    """Where to end a line of at most `n` characters of `text`: the best tier of line end (see above); the
    first three tiers only in the line's last two thirds, so no line is left nearly empty."""
    depth, tiers = 0, {}
    for i in range(1, n + 1):
        ch = text[i - 1]
        depth += (ch in _OPEN) - (ch in _CLOSE)
        tiers[i] = _tier(text, i, max(depth, 0))
    for tier in range(5):
        low = n // 3 if tier < 3 else 0
        fits = [i for i, t in tiers.items() if t == tier and i > low]
        if fits:
            return max(fits)
    return n


def wrap(text: str, max_px: float, font_px: float) -> list[str]:
    """`text` in lines no wider than `max_px` (estimated), broken by the rule of `_cut`."""
    lines: list[str] = []
    rest = str(text).strip()
    while rest and text_px(rest, font_px) > max_px:
        n = _fitting(rest, max_px, font_px)
        if n >= len(rest):
            break
        cut = _cut(rest, n)
        head, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if head:
            lines.append(head)
    if rest:
        lines.append(rest)
    return lines or [""]


def _literal(lines: list[str]) -> str:
    return json.dumps(lines[0] if len(lines) == 1 else lines, ensure_ascii=False)


def wrapped(text: str, font_px: float = TITLE_PX, budgets: Iterable[float] = TITLE_BUDGETS) -> str | alt.ExprRef:
    """A title that wraps with the chart's width: the text itself when it fits the narrowest budget, else a
    Vega expression choosing, by `width`, the wrapping made for the largest budget that width reaches."""
    text = str(text)
    budgets = sorted(budgets, reverse=True)
    if text_px(text, font_px) <= budgets[-1]:
        return text
    choices: list[tuple[float, list[str]]] = []
    for budget in budgets:
        lines = wrap(text, budget, font_px)
        if not choices or choices[-1][1] != lines:
            choices.append((budget, lines))
        elif choices:
            choices[-1] = (budget, lines)
    expr = _literal(choices[-1][1])
    for budget, lines in reversed(choices[:-1]):
        expr = f"width + {AXIS_ALLOWANCE_PX} >= {budget} ? {_literal(lines)} : {expr}"
    # the widest form when the chart is at least as wide as its budget
    return alt.ExprRef(expr)


def legend(labels: Iterable[str], font_px: float = LEGEND_LABEL_PX, orient: str = "bottom",
           **options: Any) -> alt.Legend:
    """A legend below (or above) the plot whose entries wrap into as many columns as the chart's width holds, each label
    whole (no "…"): columns = floor(width / widest entry), at least one."""
    names = [str(x) for x in labels]
    entry = max((text_px(x, font_px) for x in names), default=0) + LEGEND_ENTRY_EXTRA_PX * font_px / LEGEND_LABEL_PX
    n = max(len(names), 1)
    cols = alt.ExprRef(f"max(1, min({n}, floor((width + {AXIS_ALLOWANCE_PX}) / {round(entry, 1)})))")
    settings: dict[str, Any] = {"orient": orient, "columns": cols, "labelLimit": 0,
                                "columnPadding": round(10 * font_px / 14, 1), **options}
    return alt.Legend(**settings)
