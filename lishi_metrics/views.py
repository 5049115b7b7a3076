"""Display-ready tables built from data-layer frames: localised, formatted, no arithmetic in pages."""

from __future__ import annotations

import pandas as pd

from . import fmt
from .catalog import localized
from .i18n import t


def indicator_display_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The plan's indicator table as printed: 2020 value, 2025 target, stated growth, attribute."""
    loc = localized(table, lang)
    out = pd.DataFrame({
        t("seq", lang): loc["seq"],
        t("category", lang): loc["category"],
        t("indicator", lang): loc["name"],
        t("unit", lang): loc["unit"],
        f"{loc['base_year'].iloc[0]}": [fmt.value_text_display(v, s, u, lang)
                                        for v, s, u in zip(loc["base_value"], loc["base_text"], loc["unit_zh"])],
        f"{loc['target_year'].iloc[0]}": [fmt.value_text_display(v, s, u, lang)
                                          for v, s, u in zip(loc["target_value"], loc["target_text"], loc["unit_zh"])],
        t("stated_growth", lang): [fmt.value_text_display(g, s, "%", lang) if s not in (None, "") else fmt.no_data(lang)
                                   for g, s in zip(loc["growth_pct"], loc["growth_text"])],
        t("attribute", lang): [t("attr_binding" if a == "约束性" else "attr_anticipatory", lang) for a in loc["attribute"]],
    })
    return out
