"""Pieces every page model shares: status display, Markdown pairs, plan-cell helpers, needed-change text.

Page models import these from here instead of from each other (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lishi_metrics.actuals import template
from lishi_metrics.model import growth, status
from lishi_metrics.model import periods as pm
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t

CURRENCY_UNITS = ("元", "万元", "亿元")
NOT_PRINTED = (None, "", "—")


# --- cells ----------------------------------------------------------------------------------------

def text_or_none(value: object) -> str | None:
    """A printed text cell as str, or None when missing (None, NaN, pd.NA)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    return str(value)


def short_name(row, lang: str) -> str:
    """An indicator's tile name (the wall's tiles and charts, the sector pages' tiles): its short name where the
    data declares one (indicators.short_name_zh / short_name_en, the only second name an indicator may have),
    else its name."""
    en = lang == "en"
    short = text_or_none(getattr(row, "short_name_en" if en else "short_name_zh", None))
    if short is not None and short.strip():
        return short
    name = text_or_none(getattr(row, "name_en", None)) if en else None
    return name or text_or_none(getattr(row, "name_zh", None)) or ""


def year_of(value: object) -> int | None:
    number = fmt.to_float(value)
    return None if number is None else int(number)


GDP_WORDS = ("地区生产总值", "GDP")  # a plan without a named GDP row: the district's word, English "GDP"


def gdp_words(table: pd.DataFrame | None) -> tuple[str, str]:
    """What the plan calls its GDP, (zh, en), from its GDP row's own name (role gdp): 「国内生产总值」 for a national
    plan, 「地区生产总值」 for the district's; a bracketed abbreviation and a trailing 增长/增速 are dropped
    (「地区生产总值（GDP）」, 「国内生产总值增长」). English says GDP at every level."""
    import re

    if table is None or table.empty or "role" not in table.columns:
        return GDP_WORDS
    rows = table.loc[table["role"] == "gdp"]
    name = text_or_none(rows.iloc[0].get("name_zh")) if not rows.empty else None
    word = re.sub(r"[（(][^）)]*[）)]", "", name or "").strip()
    word = re.sub(r"(年均)?(增长|增速)(率)?$", "", word).strip()
    # The word reaches titles, captions and help texts that render Markdown, and charts and tables that do not:
    # only plain words (CJK, letters, digits, spaces) are taken, anything else keeps the general word.
    if not re.fullmatch(r"[\u3400-\u9fffA-Za-z0-9 ]{1,30}", word):
        word = ""
    return (word or GDP_WORDS[0], GDP_WORDS[1])


def gdp_word(table: pd.DataFrame | None, lang: str) -> str:
    """gdp_words in one language."""
    return gdp_words(table)[1 if lang == "en" else 0]


def chunks(items: list, size: int) -> list[list]:
    """`items` in consecutive groups of `size` (rows of tiles)."""
    return [items[i:i + size] for i in range(0, len(items), max(1, size))]


def md_pair(label: str, value: str, lang: str, bold: bool = True) -> str:
    """「标签：**值**」 / "Label: **value**" as escaped Markdown."""
    colon = "：" if lang == "zh" else ": "
    shown = f"**{fmt.md_escape(value)}**" if bold else fmt.md_escape(value)
    return f"{fmt.md_escape(label)}{colon}{shown}"


def attribute_label(attribute: object, lang: str) -> str:
    return t("attr_binding" if attribute == "约束性" else "attr_anticipatory", lang)


# --- status ---------------------------------------------------------------------------------------

def status_label(code: str, lang: str) -> str:
    """Symbol and word of a status (model.status): 「▲ 快于预期」 / "▲ Ahead of expectations"."""
    return status.label(code, lang)


def status_markdown(code: str, lang: str, text: str | None = None) -> str:
    """The status label (or `text`, a line about the status) coloured for st.markdown, escaped (grey when the
    status carries no judgement)."""
    shown = status.label(code, lang) if text is None else text
    return f":{status.MARKDOWN_COLOURS.get(code, 'gray')}[{fmt.md_escape(shown)}]"


def _field(row: object, name: str) -> object:
    """A column of a row given as a Series, a dict or a namedtuple (itertuples)."""
    getter = getattr(row, "get", None)
    return getter(name) if callable(getter) else getattr(row, name, None)


def has_verdict(row: object) -> bool:
    """True when an admin recorded a verdict (评估结论: met / missed) on the row's text target."""
    return text_or_none(_field(row, "verdict")) in (status.MET, status.MISSED)


def verdict_line(row: object, lang: str) -> str:
    """The recorded verdict on a row's text target in one line, '' when none: 「评估结论：✓ 已完成（王五，
    2026-12-01）：按期完成市定任务」. One text wherever the status shows (tiles, tables, the explorer, documents);
    plain text, to be escaped where Markdown renders it."""
    if not has_verdict(row):
        return ""
    when = text_or_none(_field(row, "verdict_time")) or ""
    note = " ".join((text_or_none(_field(row, "verdict_note")) or "").split())
    words = {"status": status.label(str(_field(row, "verdict")), lang),
             "by": text_or_none(_field(row, "verdict_by")) or "—", "day": when[:10] or "—"}
    return t("verdict_line_note", lang, note=note, **words) if note else t("verdict_line", lang, **words)


def status_cell(row: object, lang: str) -> str:
    """A table's status cell: the status label, and the recorded verdict with who, when and the note, if any."""
    label = status.label(str(_field(row, "status")), lang)
    line = verdict_line(row, lang)
    return f"{label} · {line}" if line else label


# --- growth and change ----------------------------------------------------------------------------

def growth_text(value: object, lang: str, sign: bool = False) -> str:
    """A printed yearly rate in percent, with its printed precision: 9.8 → 9.8%, 16.76 → 16.76%; with sign, as a
    change per year (+7.5%, −0.2%). The one formatter of a growth figure as the plan prints it."""
    number = fmt.to_float(value)
    if number is None:
        return fmt.no_data(lang)
    return f"{fmt.signed(number)}%" if sign else fmt.fmt_value(number, "%", lang)


def cumulative_text(value: object, value_type: object, unit_zh: object, lang: str) -> str:
    """A bracketed 专栏 cell ([600], [0.04]): a five-year total in the row's own unit, not a percentage.

    Shares change by percentage points (+0.04 个百分点 / +0.04 pp); rates compound to a percent (〔13.5〕 on
    单位 GDP 能源消耗降低: +13.5%); other rows add up an amount (600 亿元 / CNY 60 bn).
    """
    if value_type == "rate":  # yearly rates compounded over five years (〔13.5〕: 13.5 % lower): percent
        return fmt.change_display(value, "%", lang, value_type="rate")
    if value_type == "share":
        return fmt.pp_text(value, lang, decimals=fmt.decimals_needed(fmt.to_float(value) or 0.0))
    return fmt.fmt_value(value, unit_zh if isinstance(unit_zh, str) else None, lang)


def pct_decimals(pct: float) -> int:
    """Decimals of a computed yearly rate in percent (a plan path's pace, an implied growth): up to two, trailing
    zeros dropped, so one figure reads alike on the tiles, the wall, the arithmetic check and the scenario page
    (154.7 → 255 is 10.51%, 30 → 65 enterprises 16.72% against the printed 16.76%; 76 → 76.2 years +0.05%)."""
    return fmt.shown_decimals(pct, 2) or 0


def needed_text(mode: object, per_year: object, unit_zh: object, lang: str, already_met: bool = False,
                short: bool = False, precision: int | None = None, *, value_type: object = None,
                years: object = None, unit_en: object = None) -> str:
    """The change a target needs each year (the plan path's pace): compound % for levels (one decimal, two below
    1 %: pct_decimals), percentage points for % indicators and amounts in the unit otherwise, both at the
    indicator's display precision (`precision`, indicators.decimals: +0.31 个百分点 for 73.47 → 75). The one
    text of that figure on the pages, the wall and the documents.

    mode/per_year as in growth.NeededChange (per_year a fraction for 'pct'); missing → 暂无数据 / no data.
    short: without 「年均」 / "a year", for a column already headed "needed per year".
    Counts of things are whole numbers: a count (value_type 'count') that has to change by units (mode 'abs',
    0 → 1 laboratory) reads as its whole change over the plan's `years` (target year − base year), 「5年共 +1 个」 /
    "+1 laboratory over 5 years", never "+0.2 个 a year", short or not (the period is part of the figure).
    unit_en: the row's own English unit word (fmt.fmt_value), "laboratory" rather than "units".
    """
    number = fmt.to_float(per_year)
    if number is None or mode not in ("pct", "pp", "abs"):
        return fmt.no_data(lang)
    if already_met:
        return t("ov_already_met", lang)
    if mode == "pct":
        pct = number * 100.0
        if short:
            return f"{fmt.signed(pct, pct_decimals(pct))}%"
        return fmt.fmt_change(pct, "pct", lang, digits=pct_decimals(pct))
    span = year_of(years)
    if mode == "abs" and value_type == "count" and span is not None and span > 1:
        total = number * span
        whole = 0 if abs(total - round(total)) < 1e-9 else fmt.decimals_needed(total)
        change = fmt.signed_value(total, text_or_none(unit_zh), lang, digits=whole, unit_en=text_or_none(unit_en))
        return t("needed_count_total", lang, change=change, years=span)
    # a pace at the indicator's precision, but never coarser than one decimal (27 → 85 %: +11.6, not +12)
    digits = fmt.shown_decimals(number, None if precision is None else max(precision, 1))
    if mode == "pp":
        digits = 2 if digits is None else digits
        return fmt.pp_text(number, lang, decimals=digits) if short else fmt.fmt_change(number, "pp", lang, digits=digits)
    if short:
        return fmt.signed_value(number, text_or_none(unit_zh), lang, digits=digits, unit_en=text_or_none(unit_en))
    return fmt.fmt_change(number, "abs", lang, unit_zh=text_or_none(unit_zh), digits=digits, unit_en=text_or_none(unit_en))


def plan_years(row: object) -> int | None:
    """The years a plan row's target is set over: target year − base year (2025 − 2020 = 5), or None."""
    base, target = year_of(getattr(row, "base_year", None)), year_of(getattr(row, "target_year", None))
    return None if base is None or target is None else target - base


def row_needed_text(row: object, lang: str, short: bool = False, prog: object = None,
                    already_met: bool | None = None) -> str:
    """needed_text of one indicator row (base/target years, value type, units and precision from `row`; the
    progress columns needed_mode/needed_per_year/already_met from `prog`, by default the row itself): the one
    call the overview, the explorer, the sector pages and the wall make, so the same requirement reads alike."""
    p = row if prog is None else prog
    met = bool(getattr(p, "already_met", False)) if already_met is None else already_met
    return needed_text(getattr(p, "needed_mode", None), getattr(p, "needed_per_year", None),
                       getattr(row, "unit_zh", None), lang, met, short, precision=fmt.precision_of(row),
                       value_type=getattr(row, "value_type", None), years=plan_years(row),
                       unit_en=getattr(row, "unit_en", None))


def pct_text(value: object, lang: str, digits: int | None = None, sign: bool = False) -> str:
    """A computed rate already in percent: 10.51%; with sign, +0.65% / −1.2% (default decimals: pct_decimals)."""
    number = fmt.to_float(value)
    if number is None:
        return fmt.no_data(lang)
    if digits is None:
        digits = pct_decimals(number)
    if sign:
        return f"{fmt.signed(number, digits)}%"
    return fmt.fmt_value(round(number, digits), "%", lang, digits=digits)


def arithmetic_verdict(r, lang: str) -> str:
    """✓ agrees; for money levels the price change that reconciles nominal values with a real rate, when it is
    believable (growth.plausible_price_change), else that the rate cannot be reconciled with the levels; else ✗."""
    if bool(r.agrees):
        return t("ov_arith_agrees", lang)
    price = fmt.to_float(r.implied_price_pct)
    if text_or_none(r.unit_zh) in CURRENCY_UNITS and price is not None:
        if growth.plausible_price_change(price):
            return t("ov_arith_price", lang, price=pct_text(price, lang, sign=True))
        return t("ov_arith_unreconciled", lang, price=pct_text(price, lang, sign=True))
    return t("ov_arith_differs", lang)


# --- a plan without a GDP level (issue 21.5) -------------------------------------------------------

def gdp_gap_lines(table: pd.DataFrame, plan: str, lang: str) -> tuple[str, ...]:
    """What is missing when a plan has no GDP level, and what a GDP level row would add; () when it has one.

    Args:
        table: the plan's indicator table (data.indicator_table).
        plan: the plan's display name (state.plan_label).
    """
    from lishi_metrics.data.plans import gdp_gap, role_id

    gap = gdp_gap(table)
    if gap is None:
        return ()
    if gap == "no_row":
        return t("gdp_gap_no_row", lang, plan=plan), t("gdp_gap_would_add", lang)
    row = table.loc[table["indicator_id"] == role_id(table, "gdp")].iloc[0]
    name = text_or_none(row.get("name_en" if lang == "en" else "name_zh")) or text_or_none(row.get("name_zh")) or ""
    rate, text = fmt.to_float(row.get("growth_pct")), text_or_none(row.get("target_text")) or text_or_none(
        row.get("growth_text"))
    if rate is not None:
        printed = t("gdp_gap_printed_rate", lang, rate=growth_text(rate, lang))
    elif text is not None:
        printed = t("gdp_gap_printed_text", lang, text=text)
    else:
        printed = t("gdp_gap_printed_none", lang)
    return (t("gdp_gap_no_level", lang, plan=plan, name=name, printed=printed), t("gdp_gap_would_add", lang))


# --- real versus nominal growth -------------------------------------------------------------------

@dataclass(frozen=True)
class RealGrowth:
    """The realised growth of a current-price money level whose plan target is a real rate (GDP, value added).

    real_pct: the published growth at comparable prices, compounded over first–last (% a year); None when the
    rates are missing (then `missing` names the years without one, all of them when none was imported).
    nominal_pct: the growth of the current-price levels from the base year to the latest actual (% a year).
    """

    real_pct: float | None
    first: int | None
    last: int | None
    missing: tuple[int, ...]
    nominal_pct: float | None
    nominal_last: int | None

    @property
    def empty(self) -> bool:
        """Nothing imported to speak of: no rate and no current-price actual after the base year."""
        return self.real_pct is None and self.nominal_pct is None and self._none_given

    @property
    def _none_given(self) -> bool:
        """No rate at all for first–last (or no period)."""
        return self.first is None or self.last is None or len(self.missing) == self.last - self.first + 1

    def real_text(self, lang: str) -> str:
        """「+5.0%（可比价，2021—2025年）」, or why real growth cannot be evaluated."""
        if self.real_pct is None:
            if self._none_given:
                return t("growth_real_missing", lang)
            return t("growth_real_gap", lang, years=t("rp_list_sep", lang).join(str(y) for y in self.missing))
        return t("growth_real_value", lang, rate=f"{fmt.signed(self.real_pct, 1)}%", first=self.first, last=self.last)

    def nominal_text(self, lang: str) -> str:
        """「+7.9%（现价/名义）」, '' without a current-price actual after the base year."""
        if self.nominal_pct is None:
            return ""
        return t("growth_nominal_value", lang, rate=f"{fmt.signed(self.nominal_pct, 1)}%")

    def lines(self, lang: str, short: bool = False) -> tuple[tuple[str, str], ...]:
        """What a tile or a detail shows of it, as (label, value) pairs; () when nothing was imported.

        The realised real growth (compounded growth at comparable prices), or why it cannot be evaluated,
        then the current-price growth labelled nominal beside it: never a nominal rate where a real one belongs.
        short: one pair for a wall tile, 「年均增长：可比价 +5.0% · 现价/名义 +7.9%」 / "+5.0% real · +7.9% nominal".
        """
        if self.empty:
            return ()
        if short:
            real = (t("growth_real_short", lang, rate=f"{fmt.signed(self.real_pct, 1)}%")
                    if self.real_pct is not None else t("growth_real_missing_short", lang))
            if self.nominal_pct is not None:
                real += " · " + t("growth_nominal_short", lang, rate=f"{fmt.signed(self.nominal_pct, 1)}%")
            return ((t("growth_so_far_label", lang), real),)
        out = [(t("growth_real_label", lang), self.real_text(lang))]
        if self.nominal_pct is not None:
            out.append((t("growth_nominal_label", lang), self.nominal_text(lang)))
        return tuple(out)


def comparable_rates(actuals: pd.DataFrame | None, indicator_id: object) -> dict[int, float]:
    """{year: % on the year before} of an indicator's imported growth at comparable prices (its companion row)."""
    if actuals is None or not len(actuals):
        return {}
    rows = actuals[actuals["indicator_id"] == template.comparable_id(indicator_id)]
    return {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True) if fmt.to_float(v) is not None}


def real_growth(row, actuals: pd.DataFrame | None) -> RealGrowth | None:
    """The realised real and nominal growth of `row` (an indicator_table row), or None when its growth is not a
    real rate of a current-price level (actuals.template.has_comparable_growth).

    The real rate compounds the published yearly rates from the year after the base year up to the last year
    with a rate, each year needed; it is never computed from the current-price levels (that is the nominal rate).
    """
    if not template.has_comparable_growth(getattr(row, "value_type", None), getattr(row, "unit_zh", None),
                                          getattr(row, "name_zh", None), getattr(row, "role", None)):
        return None
    base_year, base = year_of(getattr(row, "base_year", None)), fmt.to_float(getattr(row, "base_value", None))
    latest_year, latest = year_of(getattr(row, "latest_year", None)), fmt.to_float(getattr(row, "latest_value", None))
    nominal = None
    if (base is not None and latest is not None and base_year is not None and latest_year is not None
            and latest_year > base_year and base > 0 and latest > 0):
        nominal = growth.cagr(base, latest, latest_year - base_year) * 100.0
    rates = comparable_rates(actuals, getattr(row, "indicator_id", ""))
    if base_year is None:
        return RealGrowth(None, None, None, (), nominal, latest_year if nominal is not None else None)
    rates = {y: r for y, r in rates.items() if y > base_year}
    last = max(rates, default=latest_year if latest_year is not None and latest_year > base_year else base_year + 1)
    years = range(base_year + 1, last + 1)
    missing = tuple(y for y in years if y not in rates)
    real = None
    if not missing:
        try:
            real = growth.compound_rates([rates[y] for y in years]) * 100.0
        except growth.GrowthError:
            real = None
    return RealGrowth(real, base_year + 1, last, missing, nominal, latest_year if nominal is not None else None)


# --- year-to-date figures (经济运行: its page, the wall's panel) ----------------------------------

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # not the locale's


def ytd_period_text(label: object, lang: str, with_year: bool = True) -> str:
    """「2026年前三季度」, 「2026年1—10月」 / "2026 Q1–Q3", "2026 Jan–Oct"; '' for no period."""
    try:
        p = pm.parse_period(label)
    except pm.PeriodError:
        return ""
    if p.frequency == pm.QUARTER:
        words = t(f"eco_period_quarter_{p.n}", lang)
    elif p.n == 1:
        words = t("eco_period_month_1", lang)
    else:
        words = t("eco_period_month", lang, n=p.n, m=MONTHS_EN[p.n - 1])
    if not with_year:
        return words
    return f"{p.year}年{words}" if lang == "zh" else f"{p.year} {words}"


def ytd_pct(value: object, lang: str, sign: bool = False) -> str:
    v = fmt.to_float(value)
    if v is None:
        return ""
    return (fmt.signed(v, 1, lang) if sign else fmt.format_number(v, 1)) + "%"


def ytd_needed(r: dict, lang: str) -> str:
    v = fmt.to_float(r["needed_rest_growth"])
    if v is not None:
        return fmt.signed(v, 1, lang) + "%"
    reason = r["needed_reason"]
    return t(f"eco_reason_{reason}", lang) if reason and reason != pm.NO_TARGET else ""


def ytd_target(r: dict, unit_zh: str, unit_en: str, lang: str) -> str:
    parts = []
    if fmt.to_float(r["target_growth"]) is not None:
        parts.append(ytd_pct(r["target_growth"], lang, sign=True))
    if fmt.to_float(r["target_value"]) is not None:
        parts.append(fmt.fmt_value(r["target_value"], unit_zh, lang))
    return " / ".join(parts) or t("eco_reason_no_target", lang)


def ytd_progress(r: dict, lang: str) -> str:
    elapsed = fmt.to_float(r["time_elapsed"])
    if elapsed is None:
        return ""
    share = fmt.to_float(r["time_progress"])
    done = fmt.format_number(share * 100, 1) + "%" if share is not None else "—"
    return f"{done} / {fmt.format_number(elapsed * 100, 1)}%"
