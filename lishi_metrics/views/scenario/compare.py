"""Comparison of saved scenarios: bundles, their names and limits, the comparison table and chart frame."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views._common import GDP_WORDS
from lishi_metrics.views.scenario.chart_frames import _actual_series, _plan_series
from lishi_metrics.views.scenario.constants import MAX_SAVED
from lishi_metrics.views.scenario.controls import query_string, url_params
from lishi_metrics.views.scenario.facts import PlanFacts
from lishi_metrics.views.scenario.formatting import amount_scale, money, pct, signed_money, year_text
from lishi_metrics.views.scenario.frame import Scenario
from lishi_metrics.views.scenario.metrics import outcome


def bundle(sc: Scenario, prob: float | None, name: str, lang: str) -> dict:
    """A saved scenario as plain data (session state): name, URL state, path and headline results."""
    out = outcome(sc)
    f = sc.facts
    k = f.first_sim_index
    return {
        "name": name,
        "query": query_string(sc.params, sc.facts.plan_id),
        "params": url_params(sc.params),
        "years": [int(y) for y in sc.frame["year"] if y >= f.start_year],
        "gdp": [float(v) for y, v in zip(sc.frame["year"], sc.frame["gdp"]) if y >= f.start_year],
        "real": list(sc.real[k:]),
        "price": list(sc.price[k:]),
        "price_implied": sc.price_implied,
        "gdp_target": out.gdp,
        "gap": out.gap,
        "gap_fraction": out.gap_fraction,
        "crossing": out.crossing,
        "reached": out.reached,
        "prob": prob,
        "sigma": sc.params.sigma,
        "horizon": sc.params.horizon,
        "target_year": f.target_year,
    }


def default_name(saved: Sequence[Mapping], lang: str) -> str:
    return unique_name(t("sim_cmp_default_name", lang, n=len(saved) + 1), saved)


def unique_name(name: str, saved: Sequence[Mapping], reserved: Sequence[str] = ()) -> str:
    """The name stripped and cut to 30 characters, with (2), (3) … added when taken (or reserved)."""
    base = " ".join(str(name or "").split())[:30].strip() or "?"
    taken = {b["name"] for b in saved} | set(reserved)
    candidate, i = base, 2
    while candidate in taken:
        candidate, i = f"{base} ({i})", i + 1
    return candidate


def add_saved(saved: Sequence[Mapping], new: Mapping, reserved: Sequence[str] = ()) -> list[dict]:
    """The saved list with `new` appended under a unique name; unchanged when MAX_SAVED are kept."""
    out = [dict(b) for b in saved]
    if len(out) >= MAX_SAVED:
        return out
    item = dict(new)
    item["name"] = unique_name(item["name"], out, reserved)
    out.append(item)
    return out


def is_full(saved: Sequence[Mapping]) -> bool:
    return len(saved) >= MAX_SAVED


def remove_saved(saved: Sequence[Mapping], name: str) -> list[dict]:
    return [dict(b) for b in saved if b["name"] != name]


def _rates_text(values: Sequence[float], lang: str) -> str:
    texts = [pct(v, lang, 2) for v in values]
    return texts[0] if len(set(texts)) == 1 else " / ".join(texts)


def compare_table(bundles: Sequence[Mapping], lang: str, gdp: str = GDP_WORDS[0]) -> pd.DataFrame:
    """Scenarios side by side: one column per scenario, one row per assumption or result; `gdp`: the plan's word
    for its GDP (PlanFacts.gdp)."""
    rows = [
        t("sim_cmp_real", lang), t("sim_cmp_price", lang), t("sim_cmp_gdp", lang, gdp=gdp), t("sim_cmp_gap", lang),
        t("sim_cmp_crossing", lang), t("sim_cmp_prob", lang), t("sim_cmp_link", lang),
    ]
    data = {t("sim_cmp_item", lang): rows}
    for b in bundles:
        price = _rates_text(b["price"], lang) + (f" ({t('sim_cmp_implied', lang)})" if b["price_implied"] else "")
        if b["crossing"] is None:
            crossing = t("sim_cmp_not_reached", lang)
        else:
            crossing = year_text(b["crossing"], lang)
        data[b["name"]] = [
            _rates_text(b["real"], lang),
            price,
            money(b["gdp_target"], lang),
            f"{signed_money(b['gap'], lang, False)} ({pct(b['gap_fraction'], lang, 1, sign=True)})",
            crossing,
            pct(b["prob"], lang, 1) if b["prob"] is not None else fmt.no_data(lang),
            "/scenario?" + b["query"],
        ]
    return pd.DataFrame(data)


def compare_chart_frame(bundles: Sequence[Mapping], facts: PlanFacts, labels: Mapping[str, str],
                        lang: str = "zh") -> pd.DataFrame:
    """Long frame with every bundle's path, the plan path and the actuals (亿元, or CNY bn in English)."""
    plan = _plan_series(facts)
    actual = _actual_series(facts)
    years, values, names = [], [], []
    for b in bundles:
        years += b["years"]
        values += b["gdp"]
        names += [b["name"]] * len(b["years"])
    years += plan["year"] + [y for y, _ in actual]
    values += plan["value"] + [v for _, v in actual]
    names += [labels["plan"]] * len(plan["year"]) + [labels["actual"]] * len(actual)
    scale = amount_scale(lang)
    return pd.DataFrame({"year": years, "value": [v * scale for v in values], "scenario": names})


def reserved_names(labels: Mapping[str, str]) -> set[str]:
    """Series names a saved scenario may not take (they have their own styles in the chart)."""
    return {labels["plan"], labels["actual"]}
