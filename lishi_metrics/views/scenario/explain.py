"""The model's explanation, the start text and the preset captions."""

from __future__ import annotations

from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views.scenario.constants import PRESET_KEYS
from lishi_metrics.views.scenario.controls import preset_values
from lishi_metrics.views.scenario.facts import PlanFacts
from lishi_metrics.views.scenario.formatting import money, pct, plain_money, span_text


def model_explanation(facts: PlanFacts, lang: str) -> str:
    """The nominal = real × price explanation with the plan's own numbers (markdown)."""
    return t(
        "sim_model_body",
        lang,
        base=plain_money(facts.base_gdp, lang),
        target=plain_money(facts.target_gdp, lang),
        base_year=facts.base_year,
        target_year=facts.target_year,
        real=pct(facts.plan_real, lang, 1),
        nominal=pct(facts.plan_nominal, lang, 2),
        price=pct(facts.implied_price, lang, 2),
        real_only=money(facts.real_only_gdp, lang),
        gdp=facts.gdp(lang),
    ) + (t("sim_model_trend", lang, prev=fmt.md_escape(previous_name(facts, lang)),
           trend=pct(facts.trend_real, lang, 1))
         if facts.trend_known and previous_name(facts, lang) else "")


def previous_name(facts: PlanFacts, lang: str) -> str:
    """The predecessor plan's short name in `lang` (「“十三五”」), "" when the plan names none."""
    return facts.previous_names[1 if lang == "en" else 0]


def preset_keys(facts: PlanFacts) -> tuple[str, ...]:
    """The presets offered: the predecessor's trend only when the plan names a predecessor with a known growth;
    the year's target only when a simulated year has an imported year target (经济运行)."""
    return tuple(k for k in PRESET_KEYS
                 if (k != "trend13" or (facts.trend_known and previous_name(facts, "zh")))
                 and (k != "year_target" or facts.simulated_year_targets))


def preset_label(key: str, facts: PlanFacts, lang: str) -> str:
    """A preset's name: 「“十三五”趋势」 names the plan's own predecessor."""
    return t(f"sim_preset_{key}", lang, prev=fmt.md_escape(previous_name(facts, lang)))


def start_text(facts: PlanFacts, lang: str) -> str:
    """Where the simulation starts and which years it covers."""
    span = span_text(facts.sim_years[0], facts.target_year, lang)
    if facts.from_actual:
        text = t("sim_start_actual", lang, year=facts.start_year, value=money(facts.start_gdp, lang), span=span)
    else:
        text = t("sim_start_base", lang, year=facts.base_year, value=money(facts.base_gdp, lang), span=span)
    if facts.target_actual is not None:
        met = facts.target_actual >= facts.target_gdp
        text += " " + t(
            "sim_target_actual", lang, year=facts.target_year, value=money(facts.target_actual, lang),
            verdict=t("sim_met" if met else "sim_not_met", lang),
        )
    realised = realised_text(facts, lang)
    return f"{text} {realised}" if realised else text


def realised_text(facts: PlanFacts, lang: str) -> str:
    """The growth so far, like for like with the plan's real rate: the realised real growth (compounded from
    the imported growth at comparable prices) beside the current-price (nominal) growth, or that the real
    growth cannot be evaluated from current-price levels alone; '' before any actual is imported."""
    lines = facts.realised.lines(lang) if facts.realised is not None else ()
    if not lines:
        return ""
    colon = "：" if lang == "zh" else ": "  # as views._common.md_pair (plain text here: a caption and the documents)
    return t("sim_realised", lang, lines=("；" if lang == "zh" else "; ").join(f"{label}{colon}{value}"
                                                                             for label, value in lines))


def preset_caption(key: str | None, facts: PlanFacts, lang: str) -> str:
    """What the selected preset assumes (or that the values are custom)."""
    if key is None:
        return t("sim_preset_custom", lang)
    g, p = preset_values(facts)[key]
    k = facts.first_sim_index
    price = t("sim_price_implied_short", lang, price=pct(facts.implied_price, lang)) if p is None else pct(
        p[k] / 100.0, lang
    )
    if key == "year_target":
        years = facts.simulated_year_targets
        targets = t("sim_year_rate_sep", lang).join(t("sim_year_rate", lang, year=y, rate=pct(r, lang)) for y, r in years.items())
        return t("sim_preset_year_target_note", lang, targets=targets, real=pct(facts.plan_real, lang), price=price)
    return t(f"sim_preset_{key}_note", lang, real=pct(g[k] / 100.0, lang), price=price, prev=fmt.md_escape(previous_name(facts, lang)))
