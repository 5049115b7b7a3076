"""Year-to-date monitoring (经济运行): periods, time elapsed, the gap to the year's target and what the rest needs.

The statistics bureau publishes, by month or quarter, a year-to-date level (累计值) and its growth on the same
months of the year before (累计增速, at comparable prices where it is a value added). Two meeting questions:
- on pace? the year-to-date growth against the year's growth target (gap in percentage points), and the
  year-to-date level as a share of a level target beside the share of the year elapsed (时间过半、任务过半);
- what do the remaining periods need? The year's growth is last year's levels weighting the two parts:
  g_year·Y_last = g_ytd·YTD_last + g_rest·(Y_last − YTD_last), so
  g_rest = (g_target·Y_last − g_ytd·YTD_last) / (Y_last − YTD_last),
  with Y_last last year's full-year level and YTD_last last year's level for the same months.

Pure functions: frames in, frames out; statuses in the evaluation's one vocabulary (model.status).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lishi_metrics.model import rowwise, status

MONTH, QUARTER = "month", "quarter"
PER_YEAR = {MONTH: 12, QUARTER: 4}
_PERIOD_RE = re.compile(r"^\s*(\d{4})\s*-\s*(?:(\d{1,2})|[Qq]([1-4]))\s*$")

# Why a needed growth is empty (Needed.reason); the pages and the CLI say it in words (text strings).
NO_WEIGHTS = "no_weights"          # last year's full-year or same-period level is missing
YEAR_COMPLETE = "year_complete"    # no period is left: the year's verdict is final
REACHED = "reached"                # the year's target is reached whatever the remaining periods do
NO_TARGET = "no_target"            # the year has no target for this indicator
NO_YTD = "no_ytd"                  # the period's year-to-date growth (or level, for a level target) is missing
REASONS = (NO_WEIGHTS, YEAR_COMPLETE, REACHED, NO_TARGET, NO_YTD)

# A level target is broadly on pace while its year-to-date share is within this many points of the time elapsed.
LEVEL_PACE_BAND = 0.05


class PeriodError(ValueError):
    """A period label that is not YYYY-MM or YYYY-Qn."""


@dataclass(frozen=True, order=True)
class Period:
    """A year-to-date period: the year, the frequency and the number of months or quarters it covers."""

    year: int
    frequency: str
    n: int

    @property
    def label(self) -> str:
        return f"{self.year}-{self.n:02d}" if self.frequency == MONTH else f"{self.year}-Q{self.n}"

    @property
    def elapsed(self) -> float:
        """Share of the year the period covers (2026-Q3 → 0.75, 2026-10 → 0.833…)."""
        return self.n / PER_YEAR[self.frequency]

    @property
    def final(self) -> bool:
        """The period closes the year (December or the fourth quarter)."""
        return self.n == PER_YEAR[self.frequency]

    @property
    def months(self) -> int:
        """Months covered, so monthly and quarterly periods compare (Q3 = 9 months)."""
        return self.n if self.frequency == MONTH else self.n * 3

    def same_in(self, year: int) -> Period:
        """The same months of another year."""
        return Period(year, self.frequency, self.n)

    def year_end(self) -> Period:
        """The full year of the period's year in its frequency (2026-10 → 2026-12)."""
        return Period(self.year, self.frequency, PER_YEAR[self.frequency])


def parse_period(text: object) -> Period:
    """Read 'YYYY-MM' (monthly) or 'YYYY-Qn' (quarterly).

    Raises:
        PeriodError: anything else, or a month outside 1–12.
    """
    m = _PERIOD_RE.match(str(text)) if isinstance(text, str) else None
    if m is None:
        raise PeriodError(f"period {str(text)[:40]!r} is not YYYY-MM or YYYY-Qn")
    year = int(m.group(1))
    if m.group(3):
        return Period(year, QUARTER, int(m.group(3)))
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(f"period {text!r}: month {month} is not 1–12")
    return Period(year, MONTH, month)


@dataclass(frozen=True)
class Needed:
    """The growth the remaining periods need (percent on the same periods of the year before), or why none."""

    growth: float | None
    reason: str | None = None


def needed_rest_growth(target_growth, ytd_growth, ytd_last, year_last) -> Needed:
    """g_rest = (g_target·Y_last − g_ytd·YTD_last) / (Y_last − YTD_last), in percent.

    Args:
        target_growth: the year's growth target in %.
        ytd_growth: this year's year-to-date growth in %.
        ytd_last: last year's level for the same months (the weight of the part already published).
        year_last: last year's full-year level.

    Returns:
        Needed(growth) or Needed(None, reason): NO_TARGET, NO_YTD, NO_WEIGHTS (a level missing or not positive),
        YEAR_COMPLETE (no months left), REACHED (even a rest at zero reaches the target: the need is ≤ −100 %).
    """
    g_t, g_y = status.as_number(target_growth), status.as_number(ytd_growth)
    w_y, w_all = status.as_number(ytd_last), status.as_number(year_last)
    if g_t is None:
        return Needed(None, NO_TARGET)
    if g_y is None:
        return Needed(None, NO_YTD)
    if w_y is None or w_all is None or w_y < 0 or w_all <= 0:
        return Needed(None, NO_WEIGHTS)
    rest = w_all - w_y
    if status._cmp(rest, 0.0) <= 0:
        return Needed(None, YEAR_COMPLETE)
    need = (g_t * w_all - g_y * w_y) / rest
    if need <= -100.0:
        return Needed(None, REACHED)
    return Needed(need)


def needed_rest_growth_for_level(target_value, ytd_value, ytd_last, year_last) -> Needed:
    """The growth the remaining periods need to reach a level target: (T − YTD) / (Y_last − YTD_last) − 1."""
    t, v = status.as_number(target_value), status.as_number(ytd_value)
    w_y, w_all = status.as_number(ytd_last), status.as_number(year_last)
    if t is None:
        return Needed(None, NO_TARGET)
    if v is None:
        return Needed(None, NO_YTD)
    if status._cmp(v, t) >= 0:
        return Needed(None, REACHED)
    if w_y is None or w_all is None or w_y < 0 or w_all <= 0:
        return Needed(None, NO_WEIGHTS)
    rest = w_all - w_y
    if status._cmp(rest, 0.0) <= 0:
        return Needed(None, YEAR_COMPLETE)
    return Needed(((t - v) / rest - 1.0) * 100.0)


def time_progress(ytd_value, target_value) -> float | None:
    """The year-to-date level as a share of a level target (0.5 = half the target), or None."""
    v, t = status.as_number(ytd_value), status.as_number(target_value)
    if v is None or t is None or t <= 0:
        return None
    return v / t


def period_status(period: Period, direction: str, *, ytd_growth=None, target_growth=None, ytd_value=None,
                  target_value=None, needed: Needed | None = None) -> str:
    """The period's status in the evaluation's words (model.status).

    In the closing period the final words (exceeded / met / missed); before it: achieved early once the
    target is reached whatever the rest does, else the yearly-rate band of the one rule set (broadly on track
    within 10 % of the target rate, at least 0.1 point) for a growth target, or the year-to-date share of a
    level target against the time elapsed (within LEVEL_PACE_BAND) for a level target only.
    """
    d = direction if direction in ("up", "down") else "up"
    g, g_t = status.as_number(ytd_growth), status.as_number(target_growth)
    v, t = status.as_number(ytd_value), status.as_number(target_value)
    if g_t is None and t is None:
        return status.NO_TARGET
    if g_t is not None:
        if g is None:
            return status.PENDING
        if period.final:
            return status.final_status(g, g_t, d)
        if needed is not None and needed.reason == REACHED:
            return status.ACHIEVED_EARLY
        return status.rate_status(g, g_t, d)
    if v is None or t is None:
        return status.PENDING
    if period.final:
        return status.final_status(v, t, d)
    return status.path_status(v, t * period.elapsed, t, d, LEVEL_PACE_BAND * abs(t))


STATUS_COLUMNS = ("indicator_id", "period", "value", "growth", "target_growth", "target_value", "gap_pp",
                  "time_progress", "time_elapsed", "needed_rest_growth", "needed_reason", "status")


def latest_period(periods: pd.DataFrame, year: int, frequency: str, as_of: Period | None = None) -> Period | None:
    """The latest period of `year` in `periods` (columns indicator's period labels in 'period'), not after as_of.

    A monthly as_of bounds quarterly rows by the months they cover (as of 2026-10, the latest quarter is Q3).
    """
    best: Period | None = None
    for label in periods["period"].tolist() if len(periods) else []:
        try:
            p = parse_period(label)
        except PeriodError:
            continue
        if p.year != year or p.frequency != frequency:
            continue
        if as_of is not None and (as_of.year < year or (as_of.year == year and p.months > as_of.months)):
            continue
        if best is None or p.n > best.n:
            best = p
    return best


def status_table(indicators: pd.DataFrame, targets: pd.DataFrame, periods: pd.DataFrame, year: int,
                 as_of: Period | None = None) -> pd.DataFrame:
    """One row per periodic indicator for its latest period of `year` (not after `as_of`): STATUS_COLUMNS.

    Args:
        indicators: periodic_id, frequency, direction (the shipped periodic_indicators table), in display order.
        targets: indicator_id, year, target_growth, target_value (imported).
        periods: indicator_id, period, value, growth (imported; this year's and last year's rows).
        year: the year monitored.
        as_of: the latest period to consider (None: the latest imported).
    """
    rows = []
    for ind in rowwise.rows(indicators, index=False):
        iid, freq, direction = ind.periodic_id, ind.frequency, ind.direction
        own = periods[periods["indicator_id"] == iid] if len(periods) else periods
        tgt = targets[(targets["indicator_id"] == iid) & (targets["year"] == year)] if len(targets) else targets
        g_t = status.as_number(tgt["target_growth"].iloc[0]) if len(tgt) else None
        t_v = status.as_number(tgt["target_value"].iloc[0]) if len(tgt) else None
        p = latest_period(own, year, freq, as_of)
        row = dict.fromkeys(STATUS_COLUMNS)
        row.update(indicator_id=iid, target_growth=g_t, target_value=t_v)
        if p is None:
            row["status"] = status.PENDING if (g_t is not None or t_v is not None) else status.NO_TARGET
            row["needed_reason"] = NO_YTD if (g_t is not None or t_v is not None) else NO_TARGET
            rows.append(row)
            continue
        by_label = {_label(x): r for x, r in zip(own["period"], rowwise.rows(own, index=False))}
        cur = by_label[p.label]  # latest_period found it among these labels
        last = by_label.get(p.same_in(year - 1).label)
        full_last = by_label.get(p.year_end().same_in(year - 1).label)
        v, g = status.as_number(cur.value), status.as_number(cur.growth)
        ytd_last = status.as_number(last.value) if last is not None else None
        year_last = status.as_number(full_last.value) if full_last is not None else None
        if g_t is not None:
            needed = needed_rest_growth(g_t, g, ytd_last, year_last)
        else:
            needed = needed_rest_growth_for_level(t_v, v, ytd_last, year_last)
        if p.final and needed.reason != NO_TARGET:
            needed = Needed(None, YEAR_COMPLETE)
        row.update(
            period=p.label, value=v, growth=g,
            gap_pp=(g - g_t) if (g is not None and g_t is not None) else None,
            time_progress=time_progress(v, t_v), time_elapsed=p.elapsed,
            needed_rest_growth=needed.growth, needed_reason=needed.reason,
            status=period_status(p, direction, ytd_growth=g, target_growth=g_t, ytd_value=v, target_value=t_v,
                                 needed=needed),
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=list(STATUS_COLUMNS))


def growth_series(periods: pd.DataFrame, indicator_id: str, year: int, frequency: str) -> pd.DataFrame:
    """Year-to-date growth by period for `year` and the year before: columns year, n, period, growth (chart)."""
    rows = []
    own = periods[periods["indicator_id"] == indicator_id] if len(periods) else periods
    for label, g in zip(own.get("period", []), own.get("growth", [])):
        try:
            p = parse_period(label)
        except PeriodError:
            continue
        if p.frequency == frequency and p.year in (year, year - 1) and status.as_number(g) is not None:
            rows.append({"year": p.year, "n": p.n, "period": p.label, "growth": float(g)})
    return pd.DataFrame(rows, columns=["year", "n", "period", "growth"]).sort_values(["year", "n"],
                                                                                     ignore_index=True)


def _label(text: object) -> str | None:
    try:
        return parse_period(text).label
    except PeriodError:
        return None
