"""Where each indicator appears (issue 21.4): sector pages, the overview's headline tiles, the wall's panels.

One checked table (data/source/placements.csv → placements.parquet) says it. A row names one indicator of a
plan; a rule row (plan_id empty) places any plan's rows by a word of their category (「生态」 → the ecology page)
or by their role (gdp → the headline tiles). A plan's places are, in this order of preference:
1. the rows naming its own indicators;
2. else the places of the same-slug rows of another plan (fyp15_forest_cover stands where fyp14_forest_cover
   does), its predecessor's first: a plan exported from fyp14 keeps every place;
3. else the rules, in row order (the first matching rule of a place wins for a row).
"""

from __future__ import annotations

import pandas as pd

# Places and the groups each knows (the keys of the pages' strings); "plan" groups a rule's rows on a page.
GROUPS: dict[str, tuple[str, ...]] = {
    "overview": ("headline",),
    "industries": ("structure", "innovation", "plan"),
    "ecology": ("air", "water", "forest", "energy", "pollutants", "plan"),
    "livelihood": ("employment", "income", "education", "health", "care", "social", "roads", "sports", "plan"),
    "industries_tiles": ("headline",),
    "livelihood_tiles": ("headline",),
    "screen_overview": ("headline",),
    "screen_industries": ("structure", "innovation", "plan"),
    "screen_ecology": ("ecology",),
    "screen_livelihood": ("income", "employment", "skills", "education", "health", "elderly", "childcare", "sport",
                          "plan"),
}
PLACES = tuple(GROUPS)
COLUMNS = ["indicator_id", "group", "position", "charted"]


def _empty() -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": pd.Series(dtype=object), "group": pd.Series(dtype=object),
                         "position": pd.Series(dtype="int64"), "charted": pd.Series(dtype=bool)})


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def resolve(placements: pd.DataFrame, table: pd.DataFrame, place: str, previous: str | None = None) -> pd.DataFrame:
    """The indicators of one plan's table placed at `place`, in order: indicator_id, group, position, charted.

    Args:
        placements: the placements table (data.db.placements()).
        table: one plan's indicator table (data.indicator_table): indicator_id, plan_id, category_zh, role.
        place: one of PLACES.
        previous: the plan's predecessor (plans.previous_plan), preferred for same-slug places.
    """
    if table is None or table.empty or placements is None or placements.empty:
        return _empty()
    plan_id = str(table["plan_id"].iloc[0])
    rows = placements[placements["place"] == place]
    named = rows[rows["indicator_id"].map(_text) != ""]
    own = named[named["indicator_id"].isin(set(table["indicator_id"]))]
    if not own.empty:
        return own[COLUMNS].sort_values("position", kind="stable").reset_index(drop=True)
    # Same slug as another plan's placed row (the predecessor's first, then the other plans in row order).
    ids = {str(i)[len(plan_id) + 1:] if str(i).startswith(f"{plan_id}_") else None: str(i)
           for i in table["indicator_id"]}
    ids.pop(None, None)
    found = []
    for source in sorted(set(named["plan_id"].map(_text)), key=lambda p: p != previous):
        part = named[named["plan_id"] == source]
        for r in part.itertuples(index=False):
            target = ids.get(str(r.indicator_id)[len(source) + 1:])
            if target is not None:
                found.append({"indicator_id": target, "group": r.group, "position": int(r.position),
                              "charted": bool(r.charted)})
        if found:
            return pd.DataFrame(found, columns=COLUMNS).sort_values("position", kind="stable").reset_index(drop=True)
    # Rules by category word or role.
    rules = rows[rows["indicator_id"].map(_text) == ""]
    out = []
    for r in table.sort_values("row_order", kind="stable").itertuples(index=False):
        category, role = _text(getattr(r, "category_zh", "")), _text(getattr(r, "role", ""))
        for rule in rules.itertuples(index=False):
            word, rule_role = _text(rule.category), _text(rule.role)
            if (word and word in category) or (rule_role and rule_role == role):
                out.append({"indicator_id": str(r.indicator_id), "group": rule.group,
                            "position": int(rule.position) * 10_000 + int(r.row_order), "charted": bool(rule.charted)})
                break
    if not out:
        return _empty()
    return pd.DataFrame(out, columns=COLUMNS).sort_values("position", kind="stable").reset_index(drop=True)


def ids(placed: pd.DataFrame, group: str | None = None, charted: bool | None = None) -> tuple[str, ...]:
    """The indicator ids of a resolved placement, optionally of one group or only the charted ones."""
    part = placed
    if group is not None:
        part = part[part["group"] == group]
    if charted is not None:
        part = part[part["charted"].astype(bool) == charted]
    return tuple(str(i) for i in part["indicator_id"])


def filled(ids_: tuple[str, ...], table: pd.DataFrame, n: int) -> tuple[str, ...]:
    """A headline selection of at least `n` ids: `ids_`, then the plan's other rows in printed order (a plan that
    only has its GDP row placed by a rule still fills the overview's tiles)."""
    if len(ids_) >= n or table is None or table.empty:
        return ids_
    rest = [str(i) for i in table.sort_values("row_order", kind="stable")["indicator_id"] if str(i) not in ids_]
    return (*ids_, *rest[:n - len(ids_)])


def check(rows: list[dict], indicators: dict[str, dict], roles: tuple[str, ...]) -> list[str]:
    """Problems of the placements table: known places and groups, one target per row (an indicator, a category
    word or a role), indicators that exist in the plan named, rules without a plan."""
    problems = []
    for i, r in enumerate(rows, 2):
        where = f"placements.csv row {i}"
        place, group = r["place"], r["group"]
        if place not in GROUPS:
            problems.append(f"{where}: place {place!r} not in {list(PLACES)}")
        elif group not in GROUPS[place]:
            problems.append(f"{where}: group {group!r} not one of {list(GROUPS[place])} for {place}")
        targets = [c for c in ("indicator_id", "category", "role") if r[c]]
        if len(targets) != 1:
            problems.append(f"{where}: give exactly one of indicator_id, category, role (got {targets or 'none'})")
            continue
        if r["indicator_id"]:
            ind = indicators.get(r["indicator_id"])
            if ind is None:
                problems.append(f"{where}: unknown indicator {r['indicator_id']!r}")
            elif ind["plan_id"] != r["plan_id"]:
                problems.append(f"{where}: {r['indicator_id']} belongs to {ind['plan_id']}, not {r['plan_id']!r}")
        elif r["plan_id"]:
            problems.append(f"{where}: a rule (by category or role) applies to any plan: leave plan_id empty")
        if r["role"] and r["role"] not in roles:
            problems.append(f"{where}: role {r['role']!r} not in {list(roles)}")
    return problems
