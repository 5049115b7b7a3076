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

from lishi_metrics.model import growth, printed

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


# Why a row has no judgement yet (Judgement.reason): the pages and documents say it in words.
NO_ACTUAL, NO_BASE, TEXT_TARGET, INCOMPLETE = "no_actual", "no_base", "text", "incomplete"
# A yearly-rate target is broadly on track within this share of the planned rate (at least BAND_FLOOR_PP).
RATE_BAND_SHARE = 0.1
_REDUCTION_WORDS = ("降低", "下降", "减少", "降幅")


@dataclass(frozen=True)
class Judgement:
    """A row's status for the latest actual: code, the year judged and whether it is the final verdict.

    rule: how the target was read (model.printed kinds: level, bound, rate, cumulative, text; None without one);
    measure: the number compared with the target (the actual, the compounded cumulative change or the average
    yearly rate); goal: the number it was compared with (for a cumulative change of a level, base + change);
    breaches: for a bound, the years whose actual did not meet it (empty when it held every year);
    reason: why there is no judgement (NO_ACTUAL, NO_BASE, TEXT_TARGET, INCOMPLETE) or None.
    """

    code: str
    year: int | None
    final: bool
    rule: str | None = None
    measure: float | None = None
    goal: float | None = None
    breaches: tuple[int, ...] = ()
    reason: str | None = None

    @property
    def held(self) -> bool | None:
        """For a bound judged on actuals: True when it held in every year, False when breached on the way."""
        if self.rule != printed.BOUND or self.measure is None:
            return None
        return not self.breaches


def cumulative_rule(rule: object, value_type: str, name_zh: object = None) -> str:
    """What a bracketed five-year figure of a row counts (data.schema.CUMULATIVE_RULES): the row's own rule, else
    compounded yearly rates for rate rows (reductions when the name says 降低/下降/减少), else a change of the level."""
    if isinstance(rule, str) and rule in ("change", "total", "growth", "reduction"):
        return rule
    if value_type == "rate":
        name = name_zh if isinstance(name_zh, str) else ""
        return "reduction" if any(w in name for w in _REDUCTION_WORDS) else "growth"
    return "change"


def compound_pct(rates: list[float], rule: str) -> float:
    """The change over several years from yearly rates in percent: growth (1.03·1.03 − 1 = 6.09 %) or reduction
    (1 − 0.97·0.97 = 5.91 %), in percent."""
    product = 1.0
    for r in rates:
        product *= (1.0 - r / 100.0) if rule == "reduction" else (1.0 + r / 100.0)
    return (1.0 - product) * 100.0 if rule == "reduction" else (product - 1.0) * 100.0


def _planned_compound(total_pct: float, k: int, n: int, rule: str) -> float:
    """Where a constant yearly rate reaching `total_pct` over n years stands after k years, in percent."""
    if rule == "reduction":
        return (1.0 - (1.0 - total_pct / 100.0) ** (k / n)) * 100.0
    return ((1.0 + total_pct / 100.0) ** (k / n) - 1.0) * 100.0


def _series(series, actual, actual_year) -> list[tuple[int, float]]:
    """(year, value) pairs of the actuals, sorted; the latest actual alone when no series is given."""
    out: dict[int, float] = {}
    if series is not None:
        for y, v in series:
            if as_number(y) is not None and as_number(v) is not None:
                out[int(y)] = float(v)
    if as_number(actual) is not None and as_number(actual_year) is not None:
        out.setdefault(int(actual_year), float(actual))
    return sorted(out.items())


def target_rule(target_kind, growth_kind, target, target_text, growth, growth_text=None) -> tuple[str | None, str]:
    """Which printed cell carries the target and how it reads: (rule, cell) with cell 'value' or 'growth'.

    A number or bound in the target column wins; text there is the target (judged by a verdict); an empty target
    column leaves it to the growth column (a yearly rate, a bound on it, a cumulative change, or text).
    Frames without the stored kinds are read from their printed text (model.printed).
    """
    tk = target_kind if isinstance(target_kind, str) and target_kind else None
    if tk is None:
        tk = printed.parse(target_text).kind if target_text not in (None, "") else None
        if tk is None and as_number(target) is not None:
            tk = printed.LEVEL
        elif tk in (printed.LEVEL,) and as_number(target) is None:
            tk = None
    if tk is not None:
        return tk, "value"
    gk = growth_kind if isinstance(growth_kind, str) and growth_kind else None
    if gk is None:
        gk = printed.parse(growth_text, "growth").kind if growth_text not in (None, "") else None
        if gk is None and as_number(growth) is not None:
            gk = printed.RATE
    return gk, "growth"


def judge(*, base, target, base_year, target_year, direction: str, value_type: str,
          actual=None, actual_year=None, path_value=None, target_text=None, growth=None,
          text_evaluation: str | None = None, target_kind=None, target_op=None, growth_kind=None, growth_op=None,
          growth_text=None, rule=None, name_zh=None, series=None, start_year=None) -> Judgement:
    """The one rule set every page and document uses to give an indicator its status, for every printed kind.

    - level: along the way the mid-term words against the plan path (a row without a base: achieved early as
      soon as an actual meets or passes the target, else pending); in the target year exceeded / met / missed.
    - bound (>, ≥, <, ≤): met or not by its strictness in any year; along the way broadly on track while it holds,
      lagging when the latest actual breaks it; in the target year met / missed. `breaches` lists the years it
      did not hold (held every year, or breached on the way).
    - yearly rate: the average of the published yearly rates (compounded; for a level row the compound growth
      from the base) against the planned rate.
    - cumulative change: yearly rates compounded (growth or reduction, every year needed), the level's change
      from its base (〔1〕 岁: base + 1, against the row's direction), or a five-year total (every year needed).
    - text: pending until a verdict is recorded (met / missed), then that verdict.

    Args:
        base, target: numeric base and target values (None where the plan prints none).
        base_year, target_year: their years (a row's base year may be earlier than the plan's).
        direction, value_type: from the indicator row.
        actual, actual_year: the latest actual and its year (None without imported data).
        path_value: the plan path's value in actual_year (from progress.plan_value), for level targets.
        target_text, growth, growth_text: the printed target, the printed yearly growth figure and its text.
        text_evaluation: a recorded verdict for a text target: 'met' or 'missed'.
        target_kind, target_op, growth_kind, growth_op: how the cells were read (model.printed; read from the
            printed text when None).
        rule, name_zh: the row's cumulative rule (cumulative_rule) and name.
        series: (year, value) pairs of every actual after the base year (bounds, compounding, totals).
        start_year: the plan's first year (five-year totals; default base_year + 1).
    """
    a_year = int(actual_year) if as_number(actual_year) is not None else None
    kind, cell = target_rule(target_kind, growth_kind, target, target_text, growth, growth_text)
    if kind is None:
        return Judgement(NO_TARGET, None, False)
    if kind == printed.TEXT:
        if text_evaluation in (MET, MISSED):
            return Judgement(text_evaluation, a_year, True, kind)
        return Judgement(PENDING, a_year, False, kind, reason=TEXT_TARGET)
    goal = as_number(target if cell == "value" else growth)
    op = target_op if cell == "value" else growth_op
    if kind == printed.BOUND and op not in printed.OPS:
        op = printed.parse(target_text if cell == "value" else growth_text).op
    points = _series(series, actual, actual_year)
    if kind == printed.RATE and not points:
        return Judgement(GROWTH_ONLY, None, False, kind, goal=goal, reason=NO_ACTUAL)
    if goal is None or as_number(target_year) is None:
        return Judgement(NO_TARGET, None, False, kind)
    ty = int(target_year)
    by = int(base_year) if as_number(base_year) is not None else None
    if not points:
        return Judgement(PENDING, None, False, kind, goal=goal, reason=NO_ACTUAL)
    last_year, last = points[-1]
    final = last_year >= ty
    if kind == printed.BOUND:
        return _judge_bound(points, goal, op, cell, value_type, base, by, last_year, final)
    if kind == printed.RATE:
        return _judge_rate(points, goal, direction, value_type, base, by, ty, last_year, final)
    if kind == printed.CUMULATIVE:
        how = cumulative_rule(rule, value_type, name_zh)
        if how == "change":
            b = as_number(base)
            if b is None:
                return Judgement(PENDING, last_year, False, kind, reason=NO_BASE)
            level_goal = b + (-goal if direction == "down" else goal)
            path = _path(by, b, ty, level_goal, value_type, last_year)
            return _judge_level(last, level_goal, b, by, ty, direction, value_type, path, last_year, final, kind)
        return _judge_cumulative(points, goal, how, direction, by, ty, last_year, final,
                                 int(start_year) if as_number(start_year) is not None else None)
    return _judge_level(last, goal, base, by, ty, direction, value_type, path_value, last_year, final, printed.LEVEL)


def _path(by, b, ty, goal, value_type, year) -> float | None:
    if by is None or year < by:
        return None
    for y, v in growth.constant_growth_path(by, b, ty, goal, value_type):
        if y == year:
            return v
    return None


def _judge_level(last, goal, base, by, ty, direction, value_type, path_value, last_year, final, kind) -> Judgement:
    if final:
        return Judgement(final_status(last, goal, direction), last_year, True, kind, last, goal)
    reached = direction in ("up", "down") and (_cmp(last, goal) == 0 or _better(_cmp(last, goal), direction))
    if as_number(base) is None or by is None:
        if reached:
            return Judgement(ACHIEVED_EARLY, last_year, False, kind, last, goal)
        return Judgement(PENDING, last_year, False, kind, last, goal, reason=NO_BASE)
    width = band(base, goal, ty - by, value_type)
    code = path_status(last, path_value, goal, direction, width)
    return Judgement(code, last_year, False, kind, last, goal,
                     reason=NO_ACTUAL if code == PENDING else None)


def _judge_bound(points, goal, op, cell, value_type, base, by, last_year, final) -> Judgement:
    """A bound on each year's actual (target column, or a rate row's growth column), or on the average yearly
    growth since the base (a level row's growth column)."""
    measured: list[tuple[int, float]] = []
    if cell == "value" or value_type == "rate":
        measured = list(points)
    else:
        b = as_number(base)
        for y, v in points:
            if b is not None and by is not None and b > 0 and v > 0 and y > by:
                measured.append((y, growth.cagr(b, v, y - by) * 100.0))
    if not measured or op not in printed.OPS:
        return Judgement(PENDING, last_year, False, printed.BOUND, goal=goal, reason=NO_BASE)
    breaches = tuple(y for y, v in measured if not printed.holds(v, op, goal))
    y_last, v_last = measured[-1]
    ok = printed.holds(v_last, op, goal)
    if final:
        return Judgement(MET if ok else MISSED, y_last, True, printed.BOUND, v_last, goal, breaches)
    return Judgement(ON_TRACK if ok else BEHIND, y_last, False, printed.BOUND, v_last, goal, breaches)


def _judge_rate(points, goal, direction, value_type, base, by, ty, last_year, final) -> Judgement:
    """A planned yearly rate: the compounded average of the published yearly rates (rate rows), or the compound
    growth of the level from its base."""
    if value_type == "rate":
        rates = [v for y, v in points if by is None or y > by]
        if not rates:
            return Judgement(GROWTH_ONLY, None, False, printed.RATE, goal=goal, reason=NO_ACTUAL)
        measure = ((1.0 + compound_pct(rates, "growth") / 100.0) ** (1.0 / len(rates)) - 1.0) * 100.0
    else:
        b = as_number(base)
        if b is None or by is None or b <= 0 or points[-1][1] <= 0 or last_year <= by:
            return Judgement(PENDING, last_year, False, printed.RATE, goal=goal, reason=NO_BASE)
        measure = growth.cagr(b, points[-1][1], last_year - by) * 100.0
    d = direction if direction in ("up", "down") else "up"
    if final:
        return Judgement(final_status(measure, goal, d), last_year, True, printed.RATE, measure, goal)
    return Judgement(rate_status(measure, goal, d), last_year, False, printed.RATE, measure, goal)


def rate_status(measure: float, goal: float, direction: str) -> str:
    """Along the way, a growth rate against a target rate: broadly on track within RATE_BAND_SHARE of the target
    (at least BAND_FLOOR_PP points), else ahead / behind by direction (the plan's yearly rates and a year's
    year-to-date growth, model.periods, are judged alike)."""
    d = direction if direction in ("up", "down") else "up"
    width = max(RATE_BAND_SHARE * abs(goal), BAND_FLOOR_PP)
    if _cmp(abs(measure - goal), width) <= 0:
        return ON_TRACK
    return AHEAD if _better(1 if measure > goal else -1, d) else BEHIND


def _judge_cumulative(points, goal, how, direction, by, ty, last_year, final, start_year) -> Judgement:
    """A five-year change from compounded yearly rates, or a five-year total; every year up to the latest needed."""
    first = (by + 1) if by is not None else start_year
    if how == "total" and start_year is not None:
        first = start_year
    if first is None:
        return Judgement(PENDING, last_year, False, printed.CUMULATIVE, goal=goal, reason=NO_BASE)
    values = dict(points)
    years = list(range(first, last_year + 1))
    if not years or any(y not in values for y in years):
        if how == "total":
            return Judgement(GROWTH_ONLY, None, False, printed.CUMULATIVE, goal=goal, reason=INCOMPLETE)
        return Judgement(PENDING, last_year, False, printed.CUMULATIVE, goal=goal, reason=INCOMPLETE)
    n = ty - first + 1
    k = len(years)
    if how == "total":
        measure = sum(values[y] for y in years)
        path = goal * k / n
        width = BAND_SHARE_OF_YEARLY_CHANGE * abs(goal) / n
    else:
        measure = compound_pct([values[y] for y in years], how)
        path = _planned_compound(goal, k, n, how)
        width = band(0.0, goal, n, "rate")
    d = direction if direction in ("up", "down") else "up"
    if final:
        return Judgement(final_status(measure, goal, d), last_year, True, printed.CUMULATIVE, measure, goal)
    code = path_status(measure, path, goal, d, width)
    return Judgement(code, last_year, False, printed.CUMULATIVE, measure, goal)
