"""Progress towards targets, direction-aware, and the plan-arithmetic checks (stated vs implied growth)."""

from __future__ import annotations

import math

import pandas as pd

from lishi_metrics.model import growth

# A latest actual within this distance of the plan path counts as "on track":
# relative for levels and counts, percentage points for indicators measured in %.
ON_TRACK_REL = 0.01
ON_TRACK_PP = 0.1
PERCENT_TYPES = ("share", "rate")


def _num(x) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def outcome(actual, target, direction: str) -> str:
    """13th-plan style verdict of an actual against its target: exceeded, met, missed (or why not judged)."""
    a, t = _num(actual), _num(target)
    if t is None:
        return "no_target"
    if a is None:
        return "no_actual"
    if direction == "none":
        return "met" if a == t else "no_direction"
    better = a > t if direction == "up" else a < t
    return "met" if a == t else ("exceeded" if better else "missed")


def scoreboard(table: pd.DataFrame) -> pd.DataFrame:
    """专栏1 rows with their verdict and actual as a share of target; text cells keep their text."""
    out = table.copy()
    out["status"] = [
        "text" if _num(r.actual_value) is None and r.actual_text not in (None, "—") and _num(r.target_value) is not None
        else outcome(r.actual_value, r.target_value, r.direction)
        for r in out.itertuples()
    ]
    out["ratio"] = [
        (a / t) if (a := _num(r.actual_value)) is not None and (t := _num(r.target_value)) not in (None, 0.0) else float("nan")
        for r in out.itertuples()
    ]
    return out


def plan_value(row, year: int) -> float | None:
    """Value of the plan's constant-growth path from base to target in `year` (None without both ends)."""
    b, t = _num(row.base_value), _num(row.target_value)
    if b is None or t is None:
        return None
    for y, v in growth.constant_growth_path(int(row.base_year), b, int(row.target_year), t, row.value_type):
        if y == year:
            return v
    return None


def track_status(actual, path_value, direction: str, value_type: str) -> str:
    """ahead / on_track / behind of the plan path, direction-aware."""
    a, p = _num(actual), _num(path_value)
    if a is None or p is None:
        return "no_data"
    diff = a - p
    tol = ON_TRACK_PP if value_type in PERCENT_TYPES else ON_TRACK_REL * abs(p)
    if abs(diff) <= tol or direction == "none":
        return "on_track"
    better = diff > 0 if direction == "up" else diff < 0
    return "ahead" if better else "behind"


def progress_table(table: pd.DataFrame) -> pd.DataFrame:
    """14th-plan rows with the change needed per year, the plan-path value and status of the latest actual.

    status: ahead / on_track / behind (latest imported actual vs plan path), else planned (numeric target,
    no actual yet), text_target (target printed as text), growth_only (only a growth rate printed),
    no_target.
    """
    rows = []
    for r in table.itertuples():
        b, t = _num(r.base_value), _num(r.target_value)
        rec = {"indicator_id": r.indicator_id, "needed_mode": None, "needed_per_year": float("nan"),
               "already_met": False, "path_value": float("nan"), "status": "no_target", "progress": float("nan")}
        if b is not None and t is not None:
            years = int(r.target_year) - int(r.base_year)
            need = growth.needed_change(b, t, years, r.value_type, r.direction)
            rec.update(needed_mode=need.mode, needed_per_year=need.per_year, already_met=need.already_met,
                       status="planned")
            latest = _num(getattr(r, "latest_value", None))
            if latest is not None:
                pv = plan_value(r, int(r.latest_year))
                rec["path_value"] = pv if pv is not None else float("nan")
                rec["status"] = track_status(latest, pv, r.direction, r.value_type)
                rec["progress"] = (latest - b) / (t - b) if t != b else float("nan")
        elif r.target_text not in (None, "—") and t is None:
            rec["status"] = "text_target"
        elif _num(r.growth_pct) is not None:
            rec["status"] = "growth_only"
        rows.append(rec)
    return table.merge(pd.DataFrame(rows), on="indicator_id", how="left")


def plan_arithmetic(table: pd.DataFrame) -> pd.DataFrame:
    """Stated vs implied compound growth for rows with a base, an end value and a stated yearly rate.

    For 专栏2 the ends are 2020 actual → 2025 target; for 专栏1 both the plan (2015 → target) and the
    outcome (2015 → 2020 actual, against the achieved rate). Cumulative `[ ]` figures are skipped.
    """
    rows = []
    for r in table.itertuples():
        b = _num(r.base_value)
        pairs = [("plan", _num(r.target_value), _num(r.growth_pct), bool(r.growth_cumulative))]
        if "actual_value" in table.columns and r.table_ref == "专栏1":
            pairs.append(("outcome", _num(r.actual_value), _num(r.actual_growth_pct), False))
        for which, end, stated, cumulative in pairs:
            if b is None or end is None or stated is None or cumulative or b <= 0 or end <= 0:
                continue
            years = int(r.target_year) - int(r.base_year)
            chk = growth.implied_vs_stated(b, end, years, stated, r.value_type)
            rows.append({
                "indicator_id": r.indicator_id, "table_ref": r.table_ref, "which": which,
                "name_zh": r.name_zh, "name_en": r.name_en, "unit_zh": r.unit_zh,
                "base_year": int(r.base_year), "base_value": b, "end_year": int(r.target_year), "end_value": end,
                "stated_pct": stated, "implied_pct": chk.implied_pct, "difference_pp": chk.difference_pp,
                "agrees": chk.agrees, "implied_price_pct": chk.implied_price_pct,
            })
    return pd.DataFrame(rows)
