"""Indicator metadata the pages share: headline selections, category order, localised columns."""

from __future__ import annotations

import pandas as pd

CATEGORY_ORDER = {
    "fyp14": ("经济发展", "创新驱动", "“六新”突破与产业升级", "绿色生态", "人的全面发展", "安全保障"),
    "fyp13": ("经济发展", "创新驱动", "民生福祉", "生态文明", "廉洁安全"),
}

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


def select(frame: pd.DataFrame, ids: tuple[str, ...]) -> pd.DataFrame:
    """Rows of `frame` whose indicator_id is in ids, in the order of ids."""
    order = {iid: i for i, iid in enumerate(ids)}
    out = frame[frame["indicator_id"].isin(order)].copy()
    return out.sort_values("indicator_id", key=lambda s: s.map(order)).reset_index(drop=True)
