"""Where each indicator appears (issue 21.4): sector pages, the overview's headline tiles, the wall's panels.

One checked table (data/source/placements.csv → placements.parquet) says it. A row names one indicator of a
plan; a rule row (plan_id empty) places any plan's rows by a word of their category (「生态」 → the ecology page)
or by their role (gdp → the headline tiles). A plan's places are, in this order of preference:
1. the rows naming its own indicators;
2. else the places of the same-slug rows of another plan (fyp15_forest_cover stands where fyp14_forest_cover
   does), its predecessor's first: a plan exported from fyp14 keeps every place;
3. else the rules, in row order (the first matching rule of a place wins for a row).

Two places name rows only, never borrowed by slug nor placed by a rule, since what they show is built from the
document's prose around one indicator: `pieces` (a sector page's tile or chart of its own: the PM2.5 tile, the
forest chart …; `pieces()`) and `screen_sectors` (the wall's sector tiles: each sector's indicators and prose
figures, a row naming a figure by figure_id; `sector_items()`). Another plan shows them only where its own rows
place them.
"""

from __future__ import annotations

import pandas as pd
from lishi_metrics.model import rowwise

_ECOLOGY = ("air", "water", "forest", "energy", "pollutants", "plan")
_LIVELIHOOD = ("employment", "income", "education", "health", "care", "social", "roads", "sports", "plan")
# Pieces built from the document's prose figures (rows naming a figure_id): the ecology air tile's good-air days,
# the clean-heating bars, the rural-road bars, the kindergarten counts, the industries page's industry-wide
# figures; and each theme's or topic's figures table (ecology_figures_<theme>, livelihood_figures_<topic>).
_FIGURE_PIECES = ("ecology_air_days", "heating_gas", "heating_electric", "heating_central", "roads_county",
                  "roads_township", "roads_village", "kindergartens_total", "kindergartens_public",
                  "kindergartens_inclusive", "industry_wide")
# Places and the groups each knows (the keys of the pages' strings); "plan" groups a rule's rows on a page.
GROUPS: dict[str, tuple[str, ...]] = {
    "overview": ("headline",),
    "industries": ("structure", "innovation", "plan"),
    "ecology": _ECOLOGY,
    "livelihood": _LIVELIHOOD,
    "industries_tiles": ("headline",),
    "livelihood_tiles": ("headline",),
    "screen_overview": ("headline",),
    "screen_industries": ("structure", "innovation", "plan"),
    "screen_ecology": ("ecology",),
    "screen_livelihood": ("income", "employment", "skills", "education", "health", "elderly", "childcare", "sport",
                          "plan"),
    "pieces": ("ecology_pm25", "ecology_air", "ecology_water", "ecology_forest", "ecology_water_use", "forest_chart",
               "life_expectancy_chart", "enterprises_chart", "urban_income", "rural_income", "income_growth",
               "childcare", "elderly_beds", *(f"ecology_figures_{g}" for g in _ECOLOGY),
               *(f"livelihood_figures_{g}" for g in _LIVELIHOOD), *_FIGURE_PIECES),
    "screen_sectors": ("new_energy", "new_materials", "new_equipment", "big_data", "culture_tourism",
                       "agri_specialty", "health", "commerce"),
}
OWN_ROWS_ONLY = ("pieces", "screen_sectors")  # places that only rows naming an indicator or figure fill
FIGURE_GROUPS = frozenset(g for g in GROUPS["pieces"] if g in _FIGURE_PIECES or "_figures_" in g)
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
        for r in rowwise.rows(part, index=False):
            target = ids.get(str(r.indicator_id)[len(source) + 1:])
            if target is not None:
                found.append({"indicator_id": target, "group": r.group, "position": int(r.position),
                              "charted": bool(r.charted)})
        if found:
            return pd.DataFrame(found, columns=COLUMNS).sort_values("position", kind="stable").reset_index(drop=True)
    # Rules by category word or role.
    if place in OWN_ROWS_ONLY:
        return _empty()
    rules = rows[(rows["indicator_id"].map(_text) == "") & (_column(rows, "figure_id") == "")]
    out = []
    for r in rowwise.rows(table.sort_values("row_order", kind="stable"), index=False):
        category, role = _text(getattr(r, "category_zh", "")), _text(getattr(r, "role", ""))
        for rule in rowwise.rows(rules, index=False):
            word, rule_role = _text(rule.category), _text(rule.role)
            if (word and word in category) or (rule_role and rule_role == role):
                out.append({"indicator_id": str(r.indicator_id), "group": rule.group,
                            "position": int(rule.position) * 10_000 + int(r.row_order), "charted": bool(rule.charted)})
                break
    if not out:
        return _empty()
    return pd.DataFrame(out, columns=COLUMNS).sort_values("position", kind="stable").reset_index(drop=True)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A text column as strings ("" for empty), or all "" when the frame has no such column."""
    if name not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[name].map(_text)


def pieces(placements: pd.DataFrame, plan_id: str, indicator_ids) -> dict[str, tuple[str, ...]]:
    """The pieces (place `pieces`: a tile or chart a sector page builds around one indicator) on the pages of
    `plan_id` (a pieces row's plan_id is the plan whose pages show it; its indicator is that plan's or its
    predecessor's) whose indicator is among `indicator_ids`: piece → ids in position order (a two-plan chart:
    the predecessor's row first)."""
    if placements is None or placements.empty:
        return {}
    known = {str(i) for i in indicator_ids}
    part = placements[placements["place"] == "pieces"]  # the place first: _text then maps a third of the rows
    part = part[(part["plan_id"].map(_text) == plan_id) & part["indicator_id"].map(_text).isin(known)]
    out: dict[str, tuple[str, ...]] = {}
    for r in rowwise.rows(part.sort_values("position", kind="stable"), index=False):
        out[str(r.group)] = (*out.get(str(r.group), ()), str(r.indicator_id))
    return out


def piece_figures(placements: pd.DataFrame, plan_id: str) -> dict[str, tuple[str, ...]]:
    """The prose figures (figure_id) placed as pieces on the pages of `plan_id`: piece → figure ids in position
    order (FIGURE_GROUPS: the clean-heating bars, a theme's figures table …); {} for a plan that places none."""
    if placements is None or placements.empty:
        return {}
    part = placements[placements["place"] == "pieces"]
    part = part[(part["plan_id"].map(_text) == plan_id) & (_column(part, "figure_id") != "")]
    out: dict[str, tuple[str, ...]] = {}
    for r in rowwise.rows(part.sort_values("position", kind="stable"), index=False):
        out[str(r.group)] = (*out.get(str(r.group), ()), _text(r.figure_id))
    return out


def sector_items(placements: pd.DataFrame, plan_id: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """The numbers of each sector tile of the wall (place `screen_sectors`) of one plan: sector → ((kind, id), …)
    in position order, kind "indicator" or "figure" (a prose figure of the document)."""
    if placements is None or placements.empty:
        return {}
    part = placements[(placements["place"] == "screen_sectors") & (placements["plan_id"].map(_text) == plan_id)]
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for r in rowwise.rows(part.sort_values("position", kind="stable"), index=False):
        figure = _text(getattr(r, "figure_id", ""))
        item = ("figure", figure) if figure else ("indicator", _text(r.indicator_id))
        out[str(r.group)] = (*out.get(str(r.group), ()), item)
    return out


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


def check(rows: list[dict], indicators: dict[str, dict], roles: tuple[str, ...],
          figures: dict[str, str] | None = None, previous: dict[str, str] | None = None) -> list[str]:
    """Problems of the placements table: known places and groups, one target per row (an indicator, a prose
    figure, a category word or a role), indicators that exist in the plan named, figures of the document's plan
    (`figures`: figure_id → that plan) only on the wall's sector tiles, rules without a plan and never at a place
    that only rows naming an indicator fill; a `pieces` row may name the predecessor's indicator (`previous`:
    plan → its predecessor)."""
    figures, previous = figures or {}, previous or {}
    problems = []
    for i, r in enumerate(rows, 2):
        where = f"placements.csv row {i}"
        place, group = r["place"], r["group"]
        if place not in GROUPS:
            problems.append(f"{where}: place {place!r} not in {list(PLACES)}")
        elif group not in GROUPS[place]:
            problems.append(f"{where}: group {group!r} not one of {list(GROUPS[place])} for {place}")
        targets = [c for c in ("indicator_id", "figure_id", "category", "role") if r.get(c)]
        if len(targets) != 1:
            problems.append(f"{where}: give exactly one of indicator_id, figure_id, category, role "
                            f"(got {targets or 'none'})")
            continue
        if r.get("figure_id"):
            if place not in OWN_ROWS_ONLY:
                problems.append(f"{where}: a prose figure (figure_id) can only stand on {' or '.join(OWN_ROWS_ONLY)}")
            elif place == "pieces" and group not in FIGURE_GROUPS:
                problems.append(f"{where}: piece {group!r} is built around an indicator, not a prose figure")
            elif r["figure_id"] not in figures:
                problems.append(f"{where}: unknown figure {r['figure_id']!r} (text_figures.csv)")
            elif figures[r["figure_id"]] != r["plan_id"]:
                problems.append(f"{where}: {r['figure_id']} is a figure of {figures[r['figure_id']]}'s document, "
                                f"not of {r['plan_id']!r}")
            continue
        if place == "pieces" and group in FIGURE_GROUPS and r["indicator_id"]:
            problems.append(f"{where}: piece {group!r} is built from prose figures: name a figure_id")
        if place in OWN_ROWS_ONLY and not r["indicator_id"]:
            problems.append(f"{where}: {place} takes rows naming an indicator only (no rules)")
        if r["indicator_id"]:
            ind = indicators.get(r["indicator_id"])
            if ind is None:
                problems.append(f"{where}: unknown indicator {r['indicator_id']!r}")
            elif place == "pieces" and ind["plan_id"] == previous.get(r["plan_id"]):
                pass  # a piece of the plan's pages drawn from its predecessor's row (the PM2.5 tile, a two-plan chart)
            elif ind["plan_id"] != r["plan_id"]:
                problems.append(f"{where}: {r['indicator_id']} belongs to {ind['plan_id']}, not {r['plan_id']!r}")
        elif r["plan_id"]:
            problems.append(f"{where}: a rule (by category or role) applies to any plan: leave plan_id empty")
        if r["role"] and r["role"] not in roles:
            problems.append(f"{where}: role {r['role']!r} not in {list(roles)}")
    return problems
