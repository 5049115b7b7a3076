"""The scenario page's formatting of amounts (亿元 / CNY bn), rates, years and spans, and table cells of amounts."""

from __future__ import annotations

from lishi_metrics.text import fmt
from lishi_metrics.views.scenario.constants import UNIT
from lishi_metrics.views.scenario.facts import PlanFacts


def money(value: float, lang: str) -> str:
    """An amount in 亿元 with one decimal: 220.0 亿元; in English its CNY reading, CNY 22.00 bn."""
    if fmt.to_float(value) is None:
        return fmt.no_data(lang)
    return fmt.fmt_value(value, UNIT, lang, digits=1)


def cny(value: float) -> str:
    """The English reading of an amount in 亿元: 220.0 → CNY 22.00 bn."""
    return fmt.fmt_value(value, UNIT, "en", digits=1)


def plain_money(value: float, lang: str) -> str:
    """A plan figure as printed: 255 亿元, 154.7 亿元 / CNY 25.5 bn, CNY 15.47 bn."""
    return fmt.fmt_value(value, UNIT, lang)


def signed_money(value: float, lang: str, ascii_minus: bool = True) -> str:
    """+12.3 亿元 / -CNY 3.50 bn (ASCII minus by default, so st.metric colours the delta; tables pass False)."""
    if fmt.to_float(value) is None:
        return fmt.no_data(lang)
    return fmt.signed_value(value, UNIT, lang, digits=1, ascii_minus=ascii_minus)


# English shows amounts in CNY bn (1 亿元 = CNY 0.1 bn); tables, exports and charts scale their 亿元 numbers by this.
_AMOUNT_SCALE = {"zh": 1.0, "en": 0.1}
_AMOUNT_DECIMALS = {"zh": 1, "en": 2}


def amount_scale(lang: str) -> float:
    """Factor from 亿元 to the unit amounts are shown in for `lang` (亿元 in Chinese, CNY bn in English)."""
    return _AMOUNT_SCALE["en" if lang == "en" else "zh"]


def chart_target(facts: PlanFacts, lang: str) -> float:
    """The target GDP in the chart's unit."""
    return facts.target_gdp * amount_scale(lang)


def delta_pct(fraction: float | None, lang: str, digits: int = 1) -> str:
    """A signed percent for an st.metric delta: ASCII minus, so Streamlit reads a fall as a fall."""
    number = fmt.to_float(fraction)
    return fmt.no_data(lang) if number is None else f"{fmt.signed(number * 100, digits, ascii_minus=True)}%"


def pct(fraction: float | None, lang: str, digits: int = 2, sign: bool = False) -> str:
    return fmt.fmt_pct(fraction, lang, digits=digits, sign=sign)


def year_text(year: int, lang: str) -> str:
    return fmt.fmt_year(year, lang)


def span_text(first: int, last: int, lang: str) -> str:
    return f"{first}—{last}" if lang != "en" else f"{first}–{last}"


def _amount_cell(value: float, lang: str, signed: bool = False) -> str:
    """A table cell of an amount in 亿元: 220.0 in Chinese, 22.00 (CNY bn) in English."""
    number = fmt.to_float(value)
    if number is None:
        return fmt.no_data(lang)
    number *= amount_scale(lang)
    decimals = _AMOUNT_DECIMALS["en" if lang == "en" else "zh"]
    if signed:
        return fmt.signed(number, decimals)
    return fmt.format_number(number, decimals)
