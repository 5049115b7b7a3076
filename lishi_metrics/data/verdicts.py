"""Verdicts on text targets (评估结论): which rows can take one, recording and withdrawing them, and listing them.

A text target (「完成市任务」, 「保持在合理区间」) stays 待评估 until an admin records whether it was met; the verdict
(status, who, when, a short note) is a new version of the store (actuals.store.commit_verdict), so it has history and
rolls back with the rest, and model.status.judge then gives the row that status on every page and in every document.
"""

from __future__ import annotations

import os

import pandas as pd

from lishi_metrics.actuals import store
from lishi_metrics.data import db
from lishi_metrics.errors import DataError
from lishi_metrics.model import printed, rowwise, status

STATUSES = store.VERDICT_CODES


def text_targets(plan_id: str) -> pd.DataFrame:
    """The rows of a plan whose target is text (indicator_id, name_zh, name_en, target_text, growth_text and any
    verdict recorded), in the plan's order."""
    table = db.indicator_table(plan_id)
    keep = [status.target_rule(r.target_kind, r.growth_kind, r.target_value, r.target_text, r.growth_pct,
                               r.growth_text)[0] == printed.TEXT for r in rowwise.rows(table)]
    cols = ["indicator_id", "plan_id", "seq", "name_zh", "name_en", "target_text", "growth_text", "verdict",
            "verdict_note", "verdict_by", "verdict_time"]
    return table.loc[keep, cols].reset_index(drop=True)


def _indicator_plan(indicator_id: str) -> str:
    found = db.fetch("SELECT plan_id FROM indicators WHERE indicator_id = $id", {"id": indicator_id})
    if found.empty:
        raise DataError(f"unknown indicator {indicator_id!r} / 未知指标 {indicator_id}")
    return str(found["plan_id"].iloc[0])


def record(store_dir: str | os.PathLike[str], indicator_id: str, verdict: str, note: str, by: str) -> int:
    """Record a verdict (met / missed) on a row whose target is text; returns the new store version.

    Raises:
        DataError: an unknown indicator, a row with a numeric target (its status comes from its actuals), an
            unknown verdict, an empty name or a long note. StoreError: the store cannot be written.
    """
    plan_id = _indicator_plan(indicator_id)
    targets = text_targets(plan_id)
    if indicator_id not in set(targets["indicator_id"]):
        raise DataError(
            f"{indicator_id} has a numeric target: its status comes from its actuals, a verdict is recorded only on "
            f"a target in words / {indicator_id} 的目标为数值，其状态由实际值判断；只有文字表述的目标才录入评估结论")
    version = store.commit_verdict(store_dir, indicator_id, verdict, note, by)
    db.reset()
    return version


def withdraw(store_dir: str | os.PathLike[str], indicator_id: str, by: str) -> int:
    """Withdraw the verdict on a row (it awaits evaluation again); returns the new store version."""
    version = store.commit_verdict(store_dir, indicator_id, None, "", by)
    db.reset()
    return version


def listing(plan_id: str | None = None) -> pd.DataFrame:
    """Every recorded verdict (of one plan or all) with the indicator's plan and names."""
    recorded = store.current_verdicts(store.default_store_dir())
    names = db.indicators(plan_id)[["indicator_id", "plan_id", "name_zh", "name_en"]]
    return names.merge(recorded, on="indicator_id", how="inner")


__all__ = ["STATUSES", "listing", "record", "text_targets", "withdraw"]
