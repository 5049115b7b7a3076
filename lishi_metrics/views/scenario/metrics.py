"""The scenario's outcome in the target year and the metric cards built from it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lishi_metrics.model import scenario
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views.scenario.constants import DOUBLING_BASE_YEAR, DOUBLING_YEAR, REACH_RTOL
from lishi_metrics.views.scenario.formatting import delta_pct, money, pct, plain_money, signed_money, span_text
from lishi_metrics.views.scenario.frame import Scenario


@dataclass(frozen=True)
class Card:
    """One st.metric: label, value, optional delta (sign first, so Streamlit colours it) and help."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "normal"
    help: str | None = None
    delta_arrow: str = "auto"


def _money_card(label: str, value: float, lang: str, help: str | None = None) -> Card:
    """An amount as the card's value: 220.0 亿元 / CNY 22.00 bn."""
    return Card(label, money(value, lang), help=help)


@dataclass(frozen=True)
class Outcome:
    """The scenario's result in the target year (values 亿元, rates fractions)."""

    gdp: float
    gap: float  # gdp - target: negative when short
    gap_fraction: float
    crossing: int | None
    reached: bool
    cumulative_nominal: float  # start year → target year
    cumulative_real: float
    avg_real_to_horizon: float  # geometric mean of real growth over the simulated years to the horizon


def outcome(sc: Scenario) -> Outcome:
    """The target-year result. Same rules as scenario.shortfall / crossing_year (a value within float
    rounding of the target reaches it), on NumPy arrays: this runs on every slider move."""
    f = sc.facts
    years = sc.frame["year"].to_numpy()
    gdp_all = sc.frame["gdp"].to_numpy()
    real = sc.frame["real_growth"].to_numpy()
    hits = np.flatnonzero(gdp_all >= f.target_gdp * (1.0 - REACH_RTOL))
    crossing = int(years[hits[0]]) if hits.size else None
    simulated = years > f.start_year
    gdp = sc.gdp_in(f.target_year)
    real_index = float(np.prod(1.0 + real[simulated & (years <= f.target_year)]))
    horizon_index = float(np.prod(1.0 + real[simulated]))
    return Outcome(
        gdp=gdp,
        gap=gdp - f.target_gdp,
        gap_fraction=(gdp - f.target_gdp) / f.target_gdp,
        crossing=crossing,
        reached=crossing is not None and crossing <= f.target_year,
        cumulative_nominal=gdp / f.start_gdp - 1.0,
        cumulative_real=real_index - 1.0,
        avg_real_to_horizon=horizon_index ** (1.0 / int(simulated.sum())) - 1.0,
    )


def crossing_text(sc: Scenario, out: Outcome, lang: str) -> str:
    """「2025年达到」, 「2027年达到（晚于目标年）」 or 「2025年差 35.0 亿元」."""
    f = sc.facts
    if out.crossing is None:
        last = int(sc.frame["year"].iloc[-1])
        return t("sim_not_reached", lang, year=last)
    key = "sim_reached_in" if out.crossing <= f.target_year else "sim_reached_late"
    return t(key, lang, year=out.crossing)


def headline_cards(sc: Scenario, out: Outcome, prob: float | None, lang: str) -> list[Card]:
    """GDP in the target year, gap to target, when the target is reached, probability."""
    f = sc.facts
    p = sc.params
    cards = [
        _money_card(
            t("sim_m_gdp", lang, year=f.target_year, gdp=f.gdp(lang)), out.gdp, lang,
            help=t("sim_m_gdp_help", lang, target=plain_money(f.target_gdp, lang)),
        ),
        Card(
            t("sim_m_gap", lang, year=f.target_year, target=plain_money(f.target_gdp, lang)),
            signed_money(out.gap, lang, False),  # a value, not a delta: the typographic minus
            delta=delta_pct(out.gap_fraction, lang),
            help=t("sim_m_gap_help", lang),
        ),
        Card(t("sim_m_crossing", lang, target=plain_money(f.target_gdp, lang)), crossing_text(sc, out, lang)),
        Card(
            t("sim_m_prob", lang, year=f.target_year),
            pct(prob, lang, 1) if prob is not None else fmt.no_data(lang),
            help=t("sim_m_prob_help", lang, sigma=fmt.format_number(p.sigma), n=f"{p.n:,}", seed=p.seed),
        ),
    ]
    return cards


def cumulative_card(sc: Scenario, out: Outcome, lang: str) -> Card:
    f = sc.facts
    return Card(
        t("sim_m_cumulative", lang, span=span_text(f.start_year, f.target_year, lang)),
        pct(out.cumulative_nominal, lang, 1, sign=True),
        delta=t("sim_real_delta", lang, value=pct(out.cumulative_real, lang, 1, sign=True)),
        delta_color="off",
        delta_arrow="off",
        help=t("sim_m_cumulative_help", lang),
    )


def horizon_card(sc: Scenario, lang: str) -> Card | None:
    """GDP in the horizon year when the path is extended beyond the target year."""
    h = sc.params.horizon
    if h <= sc.facts.target_year:
        return None
    return _money_card(
        t("sim_m_gdp", lang, year=h, gdp=sc.facts.gdp(lang)), sc.gdp_in(h), lang,
        help=t("sim_m_horizon_help", lang, lr=pct(sc.params.lr / 100.0, lang, 1), year=sc.facts.target_year),
    )


def from_years(sc: Scenario) -> list[int]:
    """Years the required-growth solver can start from: the start year (or earlier actuals) to target − 1."""
    return sc.facts.required_from_years


def required(sc: Scenario, from_year: int) -> tuple[scenario.RequiredGrowth, float]:
    """Constant growth from `from_year`'s GDP (actual or scenario) to the target, and the price used.

    The price is the scenario's average (geometric) price change over the years after `from_year`.
    """
    f = sc.facts
    prices = [p for y, p in zip(f.plan_years, sc.price) if y > from_year]
    price = float(np.prod([1.0 + p for p in prices]) ** (1.0 / len(prices)) - 1.0) if prices else 0.0
    return scenario.required_constant_growth(sc.frame, from_year, f.target_gdp, f.target_year, price), price


def required_card(sc: Scenario, from_year: int, lang: str) -> Card:
    res, price = required(sc, from_year)
    f = sc.facts
    return Card(
        t("sim_m_required", lang, span=span_text(from_year + 1, f.target_year, lang)),
        pct(res.nominal, lang),
        delta=t("sim_real_delta", lang, value=pct(res.real, lang)),
        delta_color="off",
        delta_arrow="off",
        help=t(
            "sim_m_required_help", lang, year=from_year, value=money(res.from_value, lang),
            target=plain_money(f.target_gdp, lang), price=pct(price, lang),
        ),
    )


def doubling_text(sc: Scenario, out: Outcome, lang: str) -> str:
    """The 2035 doubling benchmark (from outside this plan); compared with the scenario when it reaches 2035."""
    f = sc.facts
    rate = scenario.doubling_rate(DOUBLING_BASE_YEAR, DOUBLING_YEAR)
    last = int(sc.frame["year"].iloc[-1])
    if last < DOUBLING_YEAR:
        return t("sim_doubling_only", lang, base_year=DOUBLING_BASE_YEAR, rate=pct(rate, lang))
    span = span_text(f.start_year + 1, last, lang)
    verdict = t("sim_doubling_above" if out.avg_real_to_horizon >= rate else "sim_doubling_below", lang)
    return t(
        "sim_doubling", lang, base_year=DOUBLING_BASE_YEAR, rate=pct(rate, lang), span=span,
        avg=pct(out.avg_real_to_horizon, lang), verdict=verdict,
    )
