"""Indicator metadata the pages share: headline selections, category order, localised columns."""

from __future__ import annotations

import pandas as pd


def category_order(table: pd.DataFrame) -> tuple[str, ...]:
    """A plan's categories (category_zh) in the order its table prints them: by each category's first row in
    row_order (the table's own order where there is no row_order). The number of categories is len() of it."""
    if table is None or table.empty or "category_zh" not in table.columns:
        return ()
    rows = table
    if "row_order" in rows.columns:
        rows = rows.assign(_order=pd.to_numeric(rows["row_order"], errors="coerce")).sort_values(
            "_order", kind="stable", na_position="last")
    return tuple(dict.fromkeys(str(c) for c in rows["category_zh"].dropna()))


INDUSTRY_SECTORS = ("new_energy", "new_materials", "new_equipment", "big_data", "culture_tourism",
                    "agri_specialty", "health", "commerce", "traditional", "future")


def localized(frame: pd.DataFrame, lang: str, columns: tuple[str, ...] = ("name", "unit", "category")) -> pd.DataFrame:
    """Add plain `name`, `unit`, `category` … columns from their `_zh`/`_en` pair for the language."""
    out = frame.copy()
    suffix = "en" if lang == "en" else "zh"
    for col in columns:
        src = f"{col}_{suffix}"
        if src in out.columns:
            out[col] = out[src].fillna("")
    return out


def select(frame: pd.DataFrame, ids: tuple[str, ...], column: str = "indicator_id") -> pd.DataFrame:
    """Rows of `frame` whose `column` (an indicator_id, or a prose figure's figure_id) is in ids, in the order of
    ids (rows with the same id in the frame's order), numbered from 0: one `take` of their positions, not a
    filtered copy sorted again (page models make several hundred such picks per build)."""
    order = {iid: i for i, iid in enumerate(ids)}
    picked = sorted((order[v], j) for j, v in enumerate(frame[column].tolist()) if v in order)
    return frame.take([j for _, j in picked]).reset_index(drop=True)
