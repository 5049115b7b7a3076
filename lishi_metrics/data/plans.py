"""The plan catalogue: which plans exist, which one a page shows by default, which came before, which row plays which role.

Everything a page needs to follow "any plan" is derived here from the plans and indicators tables (shipped
and imported alike), never from constants: the default plan from today's date, the previous plan from
`plans.previous_plan_id`, the GDP row from `indicators.role`.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lishi_metrics import config

# The plan the shipped plan document belongs to: the prose figures, projects, sectors, enterprises and
# statements (data/source/*.csv other than plans/indicators/observations) describe this plan only.
DOCUMENT_PLAN = config.DOCUMENT_PLAN


def default_plan(plans: pd.DataFrame, today: date) -> str | None:
    """The newest plan whose period contains `today`, else the most recently ended one, else the newest.

    Args:
        plans: the plans table (plan_id, start_year, end_year).
        today: the date to resolve for (injected so tests can move the calendar).
    """
    if plans is None or plans.empty:
        return None
    rows = plans.sort_values(["start_year", "end_year", "plan_id"], kind="stable")
    year = today.year
    running = rows[(rows["start_year"] <= year) & (rows["end_year"] >= year)]
    if not running.empty:
        return str(running.iloc[-1]["plan_id"])
    ended = rows[rows["end_year"] < year]
    if not ended.empty:
        return str(ended.sort_values(["end_year", "start_year"], kind="stable").iloc[-1]["plan_id"])
    return str(rows.iloc[-1]["plan_id"])


def previous_plan(plans: pd.DataFrame, plan_id: str) -> str | None:
    """The plan this one names as its predecessor (plans.previous_plan_id: fyp13 for fyp14), when that plan is
    known; else None. Never guessed from the years: a national plan starting in 2021 has no district 13th plan
    before it."""
    if plans is None or plans.empty or plan_id not in set(plans["plan_id"]) or "previous_plan_id" not in plans:
        return None
    prev = plans.loc[plans["plan_id"] == plan_id, "previous_plan_id"].iloc[0]
    if prev is None or pd.isna(prev) or not str(prev).strip() or str(prev) == plan_id:
        return None
    return str(prev) if str(prev) in set(plans["plan_id"]) else None


def plan_row(plans: pd.DataFrame, plan_id: str) -> dict:
    """One plan's row as a dict ({} for an unknown plan); empty cells are None."""
    if plans is None or plans.empty:
        return {}
    rows = plans.loc[plans["plan_id"] == plan_id]
    if rows.empty:
        return {}
    return {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in rows.iloc[0].to_dict().items()}


def plan_years(plans: pd.DataFrame, plan_id: str) -> tuple[int, ...]:
    """The years of a plan's period (2021 … 2025 for fyp14); () for an unknown plan."""
    rows = plans.loc[plans["plan_id"] == plan_id] if plans is not None and not plans.empty else plans
    if rows is None or rows.empty:
        return ()
    r = rows.iloc[0]
    return tuple(range(int(r["start_year"]), int(r["end_year"]) + 1))


def role_id(table: pd.DataFrame, role: str) -> str | None:
    """The indicator_id of the row with this role (indicators.role) in one plan's table, or None."""
    if table is None or table.empty or "role" not in table.columns:
        return None
    rows = table.loc[table["role"] == role]
    return None if rows.empty else str(rows.iloc[0]["indicator_id"])


def gdp_gap(table: pd.DataFrame) -> str | None:
    """What keeps a plan from having a GDP level path: None when its GDP row (role gdp) prints a base and a
    target level; 'no_row' when no row has the role gdp; 'no_level' when the GDP row is a growth rate or text
    (national and provincial plans print GDP growth only). The scenario page, the wall's GDP chart and the
    reports' 经济总量 section need a level; everything else works without one."""
    gdp_id = role_id(table, "gdp")
    if gdp_id is None:
        return "no_row"
    row = table.loc[table["indicator_id"] == gdp_id].iloc[0]
    for col in ("base_value", "target_value"):
        value = pd.to_numeric(pd.Series([row.get(col)]), errors="coerce").iloc[0]
        if pd.isna(value) or value <= 0:
            return "no_level"
    return None


def slug(indicator_id: str, plan_id: str) -> str:
    """An indicator's id without its plan's prefix: fyp14_forest_cover → forest_cover."""
    return indicator_id.removeprefix(f"{plan_id}_")


def is_document_plan(plan_id: str) -> bool:
    """True for the plan whose document the prose, projects and sectors were transcribed from."""
    return plan_id == DOCUMENT_PLAN


def catalogue() -> pd.DataFrame:
    """The plans table with an `imported` flag (True for plans loaded from a workbook), by start year."""
    from lishi_metrics.data import db

    return db.plans_catalogue()
