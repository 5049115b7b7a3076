"""Expected counts of the shipped data, computed once from data/source/*.csv (not from the code under test), so a
data correction changes one place: the data. Tests import these instead of writing 34, 77 or 202.

    from facts import FACTS
    assert len(table) == FACTS.plan_indicators["fyp14"]
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "data" / "source"


def _rows(name: str) -> list[dict[str, str]]:
    with (SOURCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Facts:
    """Counts of data/source as a reader of the plan would count them."""

    indicators: int  # table indicators of every plan (indicators.csv)
    plan_indicators: dict[str, int]  # per plan_id
    attributes: dict[str, dict[str, int]]  # plan_id -> {约束性: n, 预期性: n}
    figures: int  # prose figures (text_figures.csv)
    explorer_rows: int  # the explorer's catalogue: every table indicator and every prose figure
    industry_projects: int  # key projects of the industry sectors (sectors.csv groups other than non_industry)


@cache
def _facts() -> Facts:
    indicators = _rows("indicators.csv")
    per_plan = Counter(r["plan_id"] for r in indicators)
    attributes: dict[str, Counter[str]] = {}
    for r in indicators:
        attributes.setdefault(r["plan_id"], Counter())[r["attribute"]] += 1
    figures = len(_rows("text_figures.csv"))
    industry = {r["sector"] for r in _rows("sectors.csv") if r["group"] != "non_industry"}
    return Facts(
        indicators=len(indicators),
        plan_indicators=dict(per_plan),
        attributes={plan: dict(counts) for plan, counts in attributes.items()},
        figures=figures,
        explorer_rows=len(indicators) + figures,
        industry_projects=sum(r["sector"] in industry for r in _rows("projects.csv")),
    )


FACTS = _facts()
# The plan the shipped pages open on, and its number of table indicators (the one count most tests need).
FYP14 = FACTS.plan_indicators["fyp14"]
