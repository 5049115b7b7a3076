"""Progress towards targets, direction-aware, and the plan-arithmetic checks (stated vs implied growth)."""

from __future__ import annotations

import pandas as pd

from lishi_metrics.model import growth, rowwise, status

_num = status.as_number


def _series(r) -> list[tuple[int, float]] | None:
    """The row's imported actuals as (year, value) pairs (data.indicator_table's actual_years/actual_values)."""
    years, values = getattr(r, "actual_years", None), getattr(r, "actual_values", None)
    try:
        return list(zip([int(y) for y in years], [float(v) for v in values], strict=True))
    except (TypeError, ValueError):
        return None


def _judge(r, actual, actual_year, path_value=None, series=None) -> status.Judgement:
    return status.judge(
        base=r.base_value, target=r.target_value, base_year=r.base_year, target_year=r.target_year,
        direction=r.direction, value_type=r.value_type, actual=actual, actual_year=actual_year,
        path_value=path_value, target_text=getattr(r, "target_text", None), growth=getattr(r, "growth_pct", None),
        growth_text=getattr(r, "growth_text", None), text_evaluation=getattr(r, "verdict", None),
        target_kind=getattr(r, "target_kind", None), target_op=getattr(r, "target_op", None),
        growth_kind=getattr(r, "growth_kind", None), growth_op=getattr(r, "growth_op", None),
        rule=getattr(r, "cumulative_rule", None), name_zh=getattr(r, "name_zh", None), series=series,
    )


def _judgement_columns(verdict: status.Judgement) -> dict:
    return {"status": verdict.code, "status_final": verdict.final, "status_rule": verdict.rule,
            "status_measure": verdict.measure if verdict.measure is not None else float("nan"),
            "status_goal": verdict.goal if verdict.goal is not None else float("nan"),
            "status_breaches": ",".join(str(y) for y in verdict.breaches) or None,
            "status_held": verdict.held, "status_reason": verdict.reason}


def scoreboard(table: pd.DataFrame) -> pd.DataFrame:
    """专栏1 rows with their final verdict (model.status codes: exceeded / met / missed, pending where the result
    is printed in words or missing, no_target) and the actual as a share of target; text cells keep their text."""
    out = table.copy()
    out["status"] = [_judge(r, r.actual_value, r.target_year).code for r in rowwise.rows(out)]
    out["ratio"] = [
        (a / t) if (a := _num(r.actual_value)) is not None and (t := _num(r.target_value)) not in (None, 0.0) else float("nan")
        for r in rowwise.rows(out)
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


def progress_table(table: pd.DataFrame) -> pd.DataFrame:
    """14th-plan rows with the change needed per year, the plan-path value and the status of the latest actual.

    status is a model.status code from status.judge: along the way achieved_early / ahead / on_track / behind,
    in the target year exceeded / met / missed, else pending (no actual yet, or a text target),
    growth_only (only a growth rate printed) or no_target. status_final says whether it is the final verdict;
    status_rule how the target was read, status_measure / status_goal the numbers compared, status_breaches the
    years a bound did not hold ('2022,2023'), status_held whether it held every year, status_reason why a row is
    pending (status.NO_ACTUAL, NO_BASE, TEXT_TARGET, INCOMPLETE).
    """
    rows = []
    for r in rowwise.rows(table):
        b, t = _num(r.base_value), _num(r.target_value)
        latest = _num(getattr(r, "latest_value", None))
        latest_year = getattr(r, "latest_year", None) if latest is not None else None
        rec = {"indicator_id": r.indicator_id, "needed_mode": None, "needed_per_year": float("nan"),
               "already_met": False, "path_value": float("nan"), "progress": float("nan")}
        pv = None
        if b is not None and t is not None:
            years = int(r.target_year) - int(r.base_year)
            need = growth.needed_change(b, t, years, r.value_type, r.direction)
            rec.update(needed_mode=need.mode, needed_per_year=need.per_year, already_met=need.already_met)
            if latest is not None:
                pv = plan_value(r, int(latest_year))
                rec["path_value"] = pv if pv is not None else float("nan")
                rec["progress"] = (latest - b) / (t - b) if t != b else float("nan")
        rec.update(_judgement_columns(_judge(r, latest, latest_year, pv, _series(r))))
        rows.append(rec)
    return table.merge(pd.DataFrame(rows), on="indicator_id", how="left")


def plan_arithmetic(table: pd.DataFrame) -> pd.DataFrame:
    """Stated vs implied compound growth for rows with a base, an end value and a stated yearly rate.

    The plan's ends are base → target (for 专栏2, 2020 actual → 2025 target). A table that also prints the
    outcome at the target year (an ended plan's, like 专栏1: 2015 → 2020 actual, with the achieved rate) gets a
    second check of the outcome against the achieved rate. Cumulative `[ ]` figures are skipped.
    """
    rows = []
    for r in rowwise.rows(table):
        b = _num(r.base_value)
        pairs = [("plan", _num(r.target_value), _num(r.growth_pct), bool(r.growth_cumulative))]
        if "actual_value" in table.columns and _num(r.actual_value) is not None:
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
