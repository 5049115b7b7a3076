"""Indicator status: the one vocabulary (codes, symbols, colours, zh/en words) and the direction-aware rules.

The words follow how Chinese governments evaluate a plan (docs: shared/references/plan-evaluation.md):
- along the way (a year before the target year), the mid-term words: 提前实现 achieved early, 快于预期 ahead of
  expectations, 基本符合预期 broadly on track, 滞后 lagging;
- in the target year, the final-evaluation words: 已完成 met (超额完成 exceeded, which also counts as met),
  未完成 not met;
- 待评估 awaiting evaluation: no actual for the year judged, or a text target nobody has evaluated.
Rows that cannot be judged for another reason say why (a growth-rate target only, no target at all).

"Broadly on track" is a band around the plan's constant-growth path whose half-width scales with the planned
change: half of one year's planned change (so life expectancy 76 → 76.2 allows ±0.02 years, GDP 154.7 → 255
about ±10 亿元), and at least 0.1 percentage point for indicators measured in percent. Boundaries are compared
after rounding away float noise, so 2.4 against a path of 2.3 with a band of 0.1 is on the boundary (on track).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lishi_metrics.model import growth

# --- codes --------------------------------------------------------------------------------------------------
ACHIEVED_EARLY = "achieved_early"
AHEAD = "ahead"
ON_TRACK = "on_track"
BEHIND = "behind"
EXCEEDED = "exceeded"
MET = "met"
MISSED = "missed"
PENDING = "pending"
GROWTH_ONLY = "growth_only"
NO_TARGET = "no_target"

TRACK = (ACHIEVED_EARLY, AHEAD, ON_TRACK, BEHIND)
FINAL = (EXCEEDED, MET, MISSED)
JUDGED = TRACK + FINAL
# Display order: best first, unjudged last.
ORDER = (EXCEEDED, MET, ACHIEVED_EARLY, AHEAD, ON_TRACK, BEHIND, MISSED, PENDING, GROWTH_ONLY, NO_TARGET)

# Every status has a symbol, so it reads without colour (and in print).
SYMBOLS = {
    ACHIEVED_EARLY: "★", AHEAD: "▲", ON_TRACK: "●", BEHIND: "▼",
    EXCEEDED: "✓", MET: "✓", MISSED: "✗",
    PENDING: "○", GROWTH_ONLY: "↗", NO_TARGET: "–",
}
# One status palette for pages, charts, the big screen and documents: every status its own colour (超额完成 and
# 已完成 differ; issue 25), greens for ahead/exceeded, blues for on track/met, amber for lagging, red for
# missed, neutrals for the unjudged. Light: every colour has >= 4.5:1 contrast on white; dark: the same hues lit
# for the navy big screen (tests/test_charts.py checks both).
COLOURS = {
    ACHIEVED_EARLY: "#6b3fa0", AHEAD: "#2f6f0f", EXCEEDED: "#0e6b3a", MET: "#1f5fa8",
    ON_TRACK: "#0f6f8f",
    BEHIND: "#a34a00", MISSED: "#b42318",
    PENDING: "#5b6472", GROWTH_ONLY: "#6b5a2e", NO_TARGET: "#6e6e73",
}
COLOURS_DARK = {
    ACHIEVED_EARLY: "#c39bff", AHEAD: "#a6e35c", EXCEEDED: "#3fcf6e", MET: "#6fb2ff",
    ON_TRACK: "#5cc8e6",
    BEHIND: "#ffa94d", MISSED: "#ff6b6b",
    PENDING: "#9fb0c6", GROWTH_ONLY: "#d9c38c", NO_TARGET: "#b8b8c0",
}
# A CSS class-friendly tone per status (the big screen colours its status lines by tone).
TONES = {
    ACHIEVED_EARLY: "good", AHEAD: "good", EXCEEDED: "good", MET: "good",
    ON_TRACK: "on_track", BEHIND: "bad", MISSED: "bad",
    PENDING: "muted", GROWTH_ONLY: "muted", NO_TARGET: "muted",
}
# Streamlit markdown colour names (":green[...]").
MARKDOWN_COLOURS = {
    ACHIEVED_EARLY: "green", AHEAD: "green", EXCEEDED: "green", MET: "green",
    ON_TRACK: "blue", BEHIND: "red", MISSED: "red",
}
WORDS: dict[str, tuple[str, str]] = {
    ACHIEVED_EARLY: ("提前实现", "Achieved early"),
    AHEAD: ("快于预期", "Ahead of expectations"),
    ON_TRACK: ("基本符合预期", "Broadly on track"),
    BEHIND: ("滞后", "Lagging"),
    EXCEEDED: ("超额完成", "Exceeded"),
    MET: ("已完成", "Met"),
    MISSED: ("未完成", "Not met"),
    PENDING: ("待评估", "Awaiting evaluation"),
    GROWTH_ONLY: ("增速目标", "Growth-rate target"),
    NO_TARGET: ("无量化目标", "No numeric target"),
}
# The three words of a final-evaluation table (终期评估): exceeded reads as met there.
EVALUATION = {EXCEEDED: MET, MET: MET, MISSED: MISSED}

PERCENT_TYPES = growth.PERCENT_TYPES
BAND_SHARE_OF_YEARLY_CHANGE = 0.5
BAND_FLOOR_PP = 0.1
_EPS = 1e-9


def word(code: str, lang: str) -> str:
    """The status word in `lang` ('zh' or 'en'); unknown codes read as awaiting evaluation."""
    zh, en = WORDS.get(code, WORDS[PENDING])
    return en if lang == "en" else zh


def label(code: str, lang: str) -> str:
    """Symbol and word: 「▲ 快于预期」 / "▲ Ahead of expectations"."""
    return f"{SYMBOLS.get(code, SYMBOLS[PENDING])} {word(code, lang)}"


def colour(code: str, theme: str = "light") -> str:
    """The status colour on a light (pages, documents) or dark (big screen) background; unknown codes grey."""
    colours = COLOURS_DARK if theme == "dark" else COLOURS
    return colours.get(code, colours[PENDING])


def evaluation_word(code: str, lang: str) -> str:
    """已完成 / 未完成 / 待评估 for a final-evaluation table (exceeded counts as met)."""
    return word(EVALUATION.get(code, PENDING), lang)


def is_judged(code: str) -> bool:
    return code in JUDGED


# --- rules ----------------------------------------------------------------------------------------------------

def as_number(x) -> float | None:
    """x as a float, or None for None, NaN and non-numbers."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _cmp(a: float, b: float) -> int:
    """-1, 0, 1 comparing a and b, treating differences within float noise (relative 1e-9) as equal."""
    d = a - b
    if abs(d) <= _EPS * max(1.0, abs(a), abs(b)):
        return 0
    return 1 if d > 0 else -1


def band(base, target, years: int, value_type: str) -> float:
    """Half-width of the 'broadly on track' band: half a year's planned change, ≥ 0.1 pp for percent types."""
    b, t = as_number(base), as_number(target)
    planned = abs(t - b) / years if (b is not None and t is not None and years > 0) else 0.0
    width = BAND_SHARE_OF_YEARLY_CHANGE * planned
    if value_type in PERCENT_TYPES:
        width = max(width, BAND_FLOOR_PP)
    return width


def _better(diff_sign: int, direction: str) -> bool:
    return diff_sign > 0 if direction == "up" else diff_sign < 0


def final_status(actual, target, direction: str) -> str:
    """Target-year verdict: exceeded / met / missed, direction-aware (lower is better for 'down').

    Without a direction ('none'), only reaching the target exactly counts as met.
    """
    a, t = as_number(actual), as_number(target)
    if t is None:
        return NO_TARGET
    if a is None:
        return PENDING
    c = _cmp(a, t)
    if c == 0:
        return MET
    if direction not in ("up", "down"):
        return MISSED
    return EXCEEDED if _better(c, direction) else MISSED


def path_status(actual, path_value, target, direction: str, width: float) -> str:
    """Along-the-way verdict against the plan path: achieved_early / ahead / on_track / behind.

    Args:
        actual: the latest actual (before the target year).
        path_value: the plan path's value in that year.
        target: the target value (an actual at or past it is achieved early).
        direction: 'up', 'down' or 'none'.
        width: the band half-width from `band`.
    """
    a, p, t = as_number(actual), as_number(path_value), as_number(target)
    if a is None or p is None:
        return PENDING
    if direction in ("up", "down") and t is not None and (_cmp(a, t) == 0 or _better(_cmp(a, t), direction)):
        return ACHIEVED_EARLY
    diff = a - p
    if _cmp(abs(diff), width) <= 0 or direction not in ("up", "down"):
        return ON_TRACK
    return AHEAD if _better(1 if diff > 0 else -1, direction) else BEHIND


@dataclass(frozen=True)
class Judgement:
    """A row's status for the latest actual: code, the year judged and whether it is the final verdict."""

    code: str
    year: int | None
    final: bool


def judge(*, base, target, base_year, target_year, direction: str, value_type: str,
          actual=None, actual_year=None, path_value=None, target_text=None, growth=None,
          text_evaluation: str | None = None) -> Judgement:
    """The one rule every page and document uses to give an indicator its status.

    Args:
        base, target: numeric base and target values (None where the plan prints none).
        base_year, target_year: their years.
        direction, value_type: from the indicator row.
        actual, actual_year: the latest actual and its year (None without imported data).
        path_value: the plan path's value in actual_year (from progress.plan_value).
        target_text: the printed target when it is text (e.g. 完成市任务).
        growth: the printed yearly growth when the plan gives only a rate.
        text_evaluation: a user-recorded verdict for a text target: 'met' or 'missed'.
    """
    a_year = int(actual_year) if as_number(actual_year) is not None else None
    if as_number(target) is None:
        if target_text not in (None, "", "—"):
            if text_evaluation in (MET, MISSED):
                return Judgement(text_evaluation, a_year, True)
            return Judgement(PENDING, a_year, False)
        if as_number(growth) is not None:
            return Judgement(GROWTH_ONLY, a_year, False)
        return Judgement(NO_TARGET, None, False)
    if as_number(actual) is None or a_year is None:
        return Judgement(PENDING, None, False)
    ty = int(target_year)
    if a_year >= ty:
        return Judgement(final_status(actual, target, direction), a_year, True)
    years = int(target_year) - int(base_year) if as_number(base_year) is not None else 0
    width = band(base, target, years, value_type)
    return Judgement(path_status(actual, path_value, target, direction, width), a_year, False)
