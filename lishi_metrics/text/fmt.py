"""Number, sign, unit and text formatting for the UI, and Markdown escaping: Chinese first, with English.

The one place for: the number formatter (`format_number`: "−1,234.5", a negative with U+2212 as everywhere), the
signed-number formatter (`signed`: "+1.5", "−1.5", "0"), percentage points
(`pp_text`), unit words (`fmt_value`, English units read through the data layer), an indicator's figure at its
display precision (`figure`, `precision_of`, `shown_decimals`: indicators.decimals, trailing zeros dropped) and
`md_escape`.

Length (about 620 lines): "one definition per concept" puts every number, sign, unit and escaping rule here, so
the pages, the wall and the documents print a figure alike and data text is made literal in one place for each
element it goes into (Markdown, HTML, chart titles, table cells).
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache

from lishi_metrics import config
from lishi_metrics.errors import DataError
from lishi_metrics.model import printed
from lishi_metrics.text.i18n import LANGS, t
from lishi_metrics.text.linebreak import unbroken_cell

NO_DATA = {lang: t("no_data", lang) for lang in LANGS}
MINUS = "\u2212"  # the typographic minus sign: "−1.5", not "-1.5"

# Decimals are capped so float noise (0.1 + 0.2) never reaches the screen.
_MAX_DECIMALS = 6
_SIGNIFICANT = 12

# Units printed without a space after the number.
_TIGHT_UNITS = {"%", "‰"}

# English renderings that change scale: unit_zh -> (factor to base unit, suffix).
# Currency is handled separately (CNY, with million / bn).
_CURRENCY_FACTOR = {"元": 1.0, "万元": 1e4, "亿元": 1e8}
_EN_SCALED = {
    "万人": (1e4, "people"),
    "万吨": (1e4, "t"),
    "吨": (1.0, "t"),
    "万亩": (1e4, "mu"),
    "万套/年": (1e4, "sets a year"),
    "立方米": (1.0, "m³"),
    "万立方米": (1e4, "m³"),
    "平方米": (1.0, "m²"),
    "万平方米": (1e4, "m²"),
    "万千瓦": (10.0, "MW"),
    "亿吨标准煤": (100.0, "million tce"),
    "岁": (1.0, "years"),
}

# Printed text cells of the plan tables and their English.
TEXT_EN = {
    "力争达到全省平均水平": "strive to reach the provincial average",
    "完成市任务": "meet the city's assigned target",
    "完成市定任务": "meet the city-assigned target",
    "已完成市定任务": "city-assigned target met",
    "全部脱贫": "all lifted out of poverty",
}
_HAN = re.compile(r"[\u3400-\u9fff]")
_DASHES = {"", "—", "——", "-", "–", "－", "/", "n/a"}
_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[-–—~～至]\s*(-?\d+(?:\.\d+)?)\s*$")


def _lang(lang: str) -> str:
    return "en" if str(lang).lower().startswith("en") else "zh"


def no_data(lang: str) -> str:
    """Return the missing-data text for `lang`."""
    return NO_DATA[_lang(lang)]


def to_float(value: object) -> float | None:
    """Return `value` as a finite float, or None for None/NaN/NA/inf/non-numbers."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if math.isnan(number) or math.isinf(number):
        return None
    return number


def units_en() -> dict[str, str]:
    """Map unit_zh -> unit_en from the data layer's units table (read once per data directory)."""
    return _units_en(str(config.parquet_dir()))


@lru_cache(maxsize=4)
def _units_en(_data_dir: str) -> dict[str, str]:
    from lishi_metrics.data import db  # text sits above data; imported here so fmt loads without DuckDB work

    try:
        frame = db.units()
    except DataError:
        return {}
    return dict(zip(frame["unit_zh"].astype(str), frame["unit_en"].astype(str), strict=True))


# Plural nouns whose singular is not the plural less -s / -ies, or that are the same in both numbers.
_IRREGULAR_SINGULAR = {"people": "person", "head": "head", "series": "series", "times": "times", "data": "data",
                       "consortia": "consortium"}
# Where a unit phrase's noun ends: "years of age", "deaths per CNY 100 million", "pieces a year".
_PHRASE_TAIL = re.compile(r"\s+(?:of|per|a|an|each)\s+.*$")


def _singular_word(word: str) -> str:
    """One English plural noun made singular: laboratories → laboratory, centres → centre, boxes → box."""
    lower = word.lower()
    if lower in _IRREGULAR_SINGULAR:
        return _IRREGULAR_SINGULAR[lower]
    if not word.isalpha() or not word.islower():  # MW, kW, CNY, µg/m³: symbols, not nouns
        return word
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _singular_noun(phrase: str) -> str:
    """The singular of a noun phrase: its last word before any "of / per / a year" tail (cubic metres → cubic
    metre, years of age → year of age, deaths per CNY 100 million → death per CNY 100 million)."""
    match = _PHRASE_TAIL.search(phrase)
    head, tail = (phrase[:match.start()], phrase[match.start():]) if match else (phrase, "")
    words = head.split(" ")
    if not words[-1]:
        return phrase
    return " ".join([*words[:-1], _singular_word(words[-1])]) + tail


def singular(word: str) -> str:
    """The singular of an English plural unit word, for exactly one: laboratories → laboratory, "laboratories or
    centres" → "laboratory or centre", "years of age" → "year of age". A word that is no plural noun stays: a
    symbol (MW, µg/m³), a rate ("per 100 000"), or a quantity ("10 thousand persons" is what 1 counts)."""
    text = word.strip() if isinstance(word, str) else word
    if not text or text[0].isdigit() or text.startswith(("per ", "CNY")):
        return word
    return " or ".join(" and ".join(_singular_noun(part) for part in alternative.split(" and "))
                       for alternative in text.split(" or "))


def _clean(number: float) -> float:
    """Drop float noise beyond 12 significant digits."""
    return float(f"{number:.{_SIGNIFICANT}g}")


def decimals_needed(number: float, max_decimals: int = _MAX_DECIMALS) -> int:
    """Decimals needed to print `number` without losing digits or showing noise."""
    text = f"{abs(_clean(number)):.{max_decimals}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def shown_decimals(number: float, precision: int | None) -> int | None:
    """Decimals a figure of an indicator is printed with at its display precision (indicators.decimals): rounded
    to `precision`, trailing zeros dropped, as the plan prints its own rows (154.7 and 255; 1.2028 at 2 → 1.2);
    None without a precision (as many as needed)."""
    if precision is None:
        return None
    return decimals_needed(round(_clean(number), max(0, int(precision))), max(0, int(precision)))


def precision_of(row: object) -> int | None:
    """The display precision of an indicator row (a Series, dict or namedtuple with `decimals`), None when it
    has none."""
    getter = getattr(row, "get", None)
    value = getter("decimals") if callable(getter) else getattr(row, "decimals", None)
    number = to_float(value)
    return None if number is None else int(number)


def format_number(number: float, decimals: int | None = None, grouping: bool = True) -> str:
    """Format `number` with `decimals` (default: as many as needed) and optional separators; a negative number
    reads with the typographic minus like `signed` does ("−1,234.5"), so every number shown has one sign."""
    if decimals is None:
        decimals = decimals_needed(number)
    decimals = max(0, decimals)
    number = round(_clean(number), decimals)
    if number == 0:
        number = 0.0  # no "-0"
    text = f"{abs(number):,.{decimals}f}" if grouping else f"{abs(number):.{decimals}f}"
    return MINUS + text if number < 0 else text


def _shift(factor: float, divisor: float) -> int:
    """Extra decimals needed after multiplying by `factor` and dividing by `divisor`."""
    return round(math.log10(divisor / factor))


def _display(number: float, factor: float, divisor: float, digits: int | None, grouping: bool) -> str:
    """Print number*factor/divisor keeping the source precision (`digits` in source units)."""
    if digits is not None:
        number = round(number, digits)
        decimals = max(0, digits + _shift(factor, divisor))
        return format_number(number * factor / divisor, decimals, grouping)
    return format_number(number * factor / divisor, None, grouping)


def _cny(number: float, factor: float, digits: int | None) -> str:
    yuan = abs(number * factor)
    if yuan >= 1e9 - 0.5:
        divisor, suffix = 1e9, " bn"
    elif yuan >= 1e6 - 0.5:
        divisor, suffix = 1e6, " million"
    else:
        divisor, suffix = 1.0, ""
    return f"CNY {_display(number, factor, divisor, digits, True)}{suffix}"


def _join(number_text: str, unit: str) -> str:
    if not unit:
        return number_text
    return f"{number_text}{unit}" if unit in _TIGHT_UNITS else f"{number_text} {unit}"


def fmt_value(value: object, unit_zh: str | None, lang: str, digits: int | None = None,
              unit_en: str | None = None, precision: int | None = None) -> str:
    """Format a value in its plan unit: `154.7 亿元` / `CNY 15.47 bn`; missing -> 暂无数据 / no data.

    Args:
        value: the number (None, NaN and pandas NA read as missing).
        unit_zh: the unit as printed in the plan (see the units table), or empty.
        lang: 'zh' or 'en'.
        digits: decimals in the source unit; default keeps the printed precision.
        unit_en: the indicator's own English word for a unit that is not money or a scaled unit (户 is
            "enterprises" for one row, "households" for another); default: the units table's word. '' prints
            the bare number. The unit word is singular for exactly 1 (`singular`).
        precision: the indicator's display precision (indicators.decimals, `precision_of`): every figure of one
            indicator is printed with it, trailing zeros dropped (`shown_decimals`); `digits` wins when given.
    """
    lang = _lang(lang)
    number = to_float(value)
    if number is None:
        return NO_DATA[lang]
    if digits is None and precision is not None:  # rounded first: scaled (CNY bn) it still drops trailing zeros
        number = round(_clean(number), max(0, int(precision)))
    unit = "" if unit_zh is None or (isinstance(unit_zh, float) and math.isnan(unit_zh)) else str(unit_zh).strip()
    if lang == "zh":
        text = _display(number, 1.0, 1.0, digits, grouping=True)  # one rule in both languages: 7,901 元 beside 32,851 元
        return _join(text, unit)
    if unit in _CURRENCY_FACTOR:
        return _cny(number, _CURRENCY_FACTOR[unit], digits)
    if unit in _EN_SCALED:
        factor, suffix = _EN_SCALED[unit]
        text = _display(number, factor, 1.0, digits, True)
        return _join(text, singular(suffix) if text == "1" else suffix)  # "1 year" (岁), "1 t"
    if unit in _TIGHT_UNITS:
        return _join(_display(number, 1.0, 1.0, digits, True), unit)
    text = _display(number, 1.0, 1.0, digits, True)
    own = unit_en.strip() if isinstance(unit_en, str) and not _HAN.search(unit_en) else None  # an imported
    word = own if own is not None else units_en().get(unit, unit)  # plan may repeat the Chinese as its English
    if text == "1":  # "1 laboratory or centre", "1 year", never "1 units"
        word = singular(word)
    return _join(text, word)


def _signed(number: float, decimals: int | None) -> tuple[str, str]:
    """Sign ('+', '−' or '' for zero) and the absolute value printed with `decimals` ('0' for zero)."""
    if decimals is None:
        decimals = decimals_needed(number)
    rounded = round(_clean(number), decimals)
    if rounded == 0:
        return "", "0"
    return ("+" if rounded > 0 else MINUS), format_number(abs(rounded), decimals)


def signed(value: object, decimals: int | None = None, lang: str = "zh", ascii_minus: bool = False) -> str:
    """The one signed-number formatter: +1.5, −1.5 (U+2212), 0; missing -> 暂无数据 / no data.

    Args:
        value: the number.
        decimals: decimals to show (default: as many as needed, noise dropped).
        lang: language of the missing-data text.
        ascii_minus: "-" instead of "−", for st.metric deltas (Streamlit reads a leading "-" as a fall).
    """
    number = to_float(value)
    if number is None:
        return no_data(lang)
    sign, text = _signed(number, decimals)
    return ("-" if ascii_minus and sign == MINUS else sign) + text


def signed_value(value: object, unit_zh: str | None, lang: str, digits: int | None = None,
                 ascii_minus: bool = False, unit_en: str | None = None) -> str:
    """A signed amount in its unit: +12.3 亿元 / +CNY 1.23 bn; zero without a sign (unit_en as in fmt_value)."""
    number = to_float(value)
    if number is None:
        return no_data(lang)
    sign, _ = _signed(number, 2 if digits is None else digits)
    if ascii_minus and sign == MINUS:
        sign = "-"
    rounded = abs(round(number, 2 if digits is None else digits))
    return f"{sign}{fmt_value(rounded, unit_zh, lang, digits, unit_en=unit_en)}"


def pp_text(value: object, lang: str, decimals: int = 2, ascii_minus: bool = False) -> str:
    """Percentage points (not percent): +0.04 个百分点 / +0.04 pp."""
    number = to_float(value)
    if number is None:
        return no_data(lang)
    body = signed(number, decimals, ascii_minus=ascii_minus)
    return f"{body} 个百分点" if _lang(lang) == "zh" else f"{body} pp"


def fmt_change(
    per_year: object,
    mode: str,
    lang: str,
    unit_zh: str | None = None,
    digits: int | None = None,
    unit_en: str | None = None,
) -> str:
    """Format a change per year: `年均 +10.5%` / `+10.5% a year` (one percent style a language: no space before %,
    "a year", never "%/yr").

    Args:
        per_year: the change per year (percent for 'pct', points for 'pp', units for 'abs').
        mode: 'pct' (growth rate, default 1 decimal), 'pp' (percentage points,
            default 2 decimals) or 'abs' (units of `unit_zh` per year).
        lang: 'zh' or 'en'.
        unit_zh: unit for mode 'abs'.
        unit_en: the row's own English unit word for mode 'abs' (fmt_value).
        digits: decimals to show instead of the default.

    Raises:
        ValueError: unknown mode.
    """
    lang = _lang(lang)
    number = to_float(per_year)
    if mode not in ("pct", "pp", "abs"):
        raise ValueError(f"unknown change mode {mode!r}: use 'pct', 'pp' or 'abs'")
    if number is None:
        return NO_DATA[lang]
    if mode == "pct":
        text = signed(number, 1 if digits is None else digits)
        return f"年均 {text}%" if lang == "zh" else f"{text}% a year"
    if mode == "pp":
        text = signed(number, 2 if digits is None else digits)
        return f"年均 {text} 个百分点" if lang == "zh" else f"{text} pp a year"
    body = signed_value(number, unit_zh, lang, digits, unit_en=unit_en)
    return f"年均 {body}" if lang == "zh" else f"{body} a year"


def figure(value: object, row: object, lang: str, signed_change: bool = False) -> str:
    """A figure of one indicator (base, target, latest actual, plan-path value, a change in its unit) as every page,
    the wall and the documents print it: in the row's unit with its own English unit word, at its display
    precision (indicators.decimals, trailing zeros dropped). signed_change: a change (+0.31 个百分点 for a percent
    row, else +12.3 亿元), at the same precision."""
    getter = getattr(row, "get", None)

    def field(name: str) -> str | None:
        v = getter(name) if callable(getter) else getattr(row, name, None)
        return v if isinstance(v, str) else None

    unit, precision = field("unit_zh"), precision_of(row)
    number = to_float(value)
    if signed_change and number is not None:
        digits = shown_decimals(number, precision)
        if unit and unit.strip() == "%":
            return pp_text(number, lang, decimals=digits if digits is not None else 2)
        return signed_value(number, unit, lang, digits=digits)
    return fmt_value(value, unit, lang, unit_en=field("unit_en"), precision=precision)


def fmt_pct(fraction: object, lang: str, digits: int = 1, sign: bool = False) -> str:
    """Format a fraction as percent: 0.7347 -> `73.5%`; missing -> 暂无数据 / no data."""
    number = to_float(fraction)
    if number is None:
        return no_data(lang)
    if sign:
        return f"{signed(number * 100, digits)}%"
    return f"{format_number(number * 100, digits)}%"


def fmt_year(y: object, lang: str) -> str:
    """Format a year: `2025年` (zh) / `2025` (en); missing -> 暂无数据 / no data."""
    number = to_float(y)
    if number is None:
        return no_data(lang)
    return f"{int(number)}年" if _lang(lang) == "zh" else str(int(number))


def _range_text(low: float, high: float, unit: str, lang: str) -> str:
    if lang == "zh":
        return _join(f"{format_number(low, grouping=False)}-{format_number(high, grouping=False)}", unit)
    if unit in _CURRENCY_FACTOR or (unit in _EN_SCALED and _EN_SCALED[unit][0] != 1.0):
        return f"{fmt_value(low, unit, 'en')}–{fmt_value(high, unit, 'en')}"
    suffix = _EN_SCALED[unit][1] if unit in _EN_SCALED else units_en().get(unit, unit)
    return _join(f"{format_number(low)}–{format_number(high)}", suffix)


def bound_display(cell: printed.Printed, unit_zh: str | None, lang: str, unit_en: str | None = None) -> str:
    """A printed bound with its operator and unit, and any words printed after it: 「<5.5%」, 「≥87.5 万吨」,
    「>7%，力争……」 / ">7% (力争……)"."""
    body = printed.bound_text(cell.op or "", fmt_value(cell.value, unit_zh, _lang(lang), unit_en=unit_en))
    if not cell.words:
        return body
    return f"{body}，{cell.words}" if _lang(lang) == "zh" else f"{body} ({TEXT_EN.get(cell.words, cell.words)})"


def change_display(value: object, unit_zh: str | None, lang: str, unit_en: str | None = None,
                   value_type: str | None = None) -> str:
    """A change in its unit of change: percent for rates (+13.5%), percentage points for other percentages
    (+2.5 个百分点), else the row's unit (+1 岁)."""
    number = to_float(value)
    if number is None:
        return no_data(lang)
    unit = unit_zh.strip() if isinstance(unit_zh, str) else None
    digits = decimals_needed(number)
    if value_type == "rate":
        return f"{signed(number, digits)}%"
    if unit == "%" or value_type == "share":
        return pp_text(number, lang, decimals=digits)
    sign, _ = _signed(number, digits)
    return f"{sign}{fmt_value(abs(number), unit, lang, unit_en=unit_en)}"


def cumulative_display(value: object, unit_zh: str | None, lang: str, unit_en: str | None = None,
                       value_type: str | None = None) -> str:
    """A five-year cumulative change as printed in 〔 〕 or [ ]: 「五年累计 +1 岁」 / "+1 years of age over five
    years" (a rate in percent, another percentage in percentage points)."""
    change = change_display(value, unit_zh, lang, unit_en, value_type)
    return f"五年累计 {change}" if _lang(lang) == "zh" else f"{change} over five years"


def value_text_display(value: object, value_text: object, unit_zh: str | None, lang: str,
                       unit_en: str | None = None, value_type: str | None = None,
                       precision: int | None = None) -> str:
    """Show a cell: a bound with its operator, a cumulative change as one, the number when there is one, else its
    printed text (translated in en).

    `力争达到全省平均水平` -> "strive to reach the provincial average"; `9-12` with unit 年 ->
    `9-12 年` / "9–12 years"; `—` -> 暂无数据 / no data; unknown text in en -> the Chinese
    text followed by "(text target)".
    """
    lang = _lang(lang)
    if isinstance(value_text, str):
        cell = printed.parse(value_text)
        if cell.kind == printed.BOUND:
            return bound_display(cell, unit_zh, lang, unit_en)
        if cell.kind == printed.CUMULATIVE:
            return cumulative_display(cell.value, unit_zh, lang, unit_en, value_type)
    if to_float(value) is not None:  # at the indicator's display precision (a printed number never has more)
        return fmt_value(value, unit_zh, lang, unit_en=unit_en, precision=precision)
    if value_text is None or (isinstance(value_text, float) and math.isnan(value_text)):
        return NO_DATA[lang]
    text = str(value_text).strip()
    unit = "" if unit_zh is None or not isinstance(unit_zh, str) else unit_zh.strip()
    if text in _DASHES:
        return NO_DATA[lang]
    number = to_float(text)
    if number is not None:
        return fmt_value(number, unit, lang, unit_en=unit_en)
    match = _RANGE.match(text)
    if match:
        return _range_text(float(match.group(1)), float(match.group(2)), unit, lang)
    if lang == "zh":
        return text
    return TEXT_EN.get(text, f"{text} (text target)")


# --- Source references ------------------------------------------------------------------------------------

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHAPTER = re.compile(r"第([一二三四五六七八九十]+)章")
_SECTION = re.compile(r"第([一二三四五六七八九十]+)节")
_TABLE = re.compile(r"专栏\s*(\d+)")


def cn_number(text: str) -> int | None:
    """一 … 九十九 as an int (chapter and section numbers); None for anything else."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def source_ref(ref: object, lang: str) -> str:
    """Where in the plan a number is printed: `专栏2` / `第三章第一节` in Chinese, `Table 2` / `ch. 3, sec. 1`
    in English (the Chinese original belongs in a tooltip there). Not a string -> ''."""
    if not isinstance(ref, str):
        return ""
    if _lang(lang) != "en":
        return ref

    def _sub(pattern: re.Pattern, word: str, text: str) -> str:
        def repl(m: re.Match) -> str:
            n = cn_number(m.group(1))
            return m.group(0) if n is None else f"{word} {n}"
        return pattern.sub(repl, text)

    out = _sub(_SECTION, ", sec.", _sub(_CHAPTER, "ch.", ref))
    out = _TABLE.sub(lambda m: f"Table {m.group(1)}", out)
    return out.replace(" , sec.", ", sec.").strip()


# --- Markdown ---------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$:])")
_MD_BULLET = re.compile(r"^(\s*)([-+=])(?=\s|$)", re.M)
_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)", re.M)
_AUTOLINK = re.compile(r"(?i)(?:https?|ftp|mailto|www)(?=\\?:|\.)|@")


# Characters that change how text around them is shown without being shown themselves: bidi overrides,
# embeddings and isolates (U+202A–U+202E, U+2066–U+2069) and zero-width/invisible ones. Data text loses them,
# so what a page shows is what the data says, in its order.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
ELEMENTS = ("markdown", "html", "chart", "cell")


def md_escape(text: object, into: str = "markdown") -> str:
    """Text from data made literal for the element it goes into: the one escaper of data text (issue 23.2).

    Every string from a data file or an import (plan, region, category, indicator names, units, notes,
    importer and file names) reaches a page through here. `into`:

    - "markdown" (st.markdown, caption, info, metric labels, tab and expander labels …): Markdown and
      Streamlit's own syntax (:red[…], :material/…:, $KaTeX$, emoji shortcodes) are escaped; list and heading
      markers only where they open a line; bare URLs and e-mail addresses get a zero-width space so they
      stay text.
    - "html" (st.html, the big screen's markup): &, <, >, " and ' become entities.
    - "chart" (Altair titles, axis and legend text; Vega shows them as text) and "cell" (st.dataframe cells,
      shown as text): only the invisible characters go. st.table renders its cells as Markdown: md_cells.

    In every element, bidi controls and zero-width characters are removed first. None reads as ''.
    """
    raw = _INVISIBLE.sub("", "" if text is None else str(text))
    if into == "html":
        import html

        return html.escape(raw, quote=True)
    if into in ("chart", "cell"):
        return raw
    if into != "markdown":
        raise ValueError(f"unknown element kind {into!r}; one of {', '.join(ELEMENTS)}")
    escaped = _MD_SPECIAL.sub(r"\\\1", raw)
    escaped = _MD_BULLET.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    escaped = _MD_NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    # GFM turns bare URLs and e-mail addresses into links even when escaped: a zero-width space breaks them.
    return _AUTOLINK.sub(lambda m: m.group(0) + "\u200b", escaped)



def md_cells(frame):
    """A copy of `frame` for st.table, which renders its cells and headers as Markdown: every text cell and
    header through md_escape, then unbroken_cell, so a narrow column wraps between words only (numbers and
    missing values unchanged). The frame given is not changed."""
    out = frame.map(lambda v: unbroken_cell(md_escape(v)) if isinstance(v, str) else v)
    out.columns = [unbroken_cell(md_escape(c), whole_words=False) if isinstance(c, str) else c for c in frame.columns]
    return out


def md_cards(frame, lang: str = "zh", escape: bool = True, quoted: tuple[str, ...] | None = None) -> str:
    """The same table as cards, for a phone (ui.table shows them below 640 px): one block a row, its first cell
    in bold, then `header：value` a line for every other non-empty cell, a rule between rows. Escaping as
    md_table.

    `quoted`: the columns whose cells are the plan's own printed words (by default the one headed
    t("in_col_quote"), 规划原文 / "Plan text (Chinese original)"). Such a cell closes its card as a block quote
    under its header, the way the plan's words are quoted elsewhere (the explorer), so the English card keeps
    the Chinese original marked as the plan's text. It comes last: lines after a block quote would join it."""
    def cell(value: object) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        text = md_escape(value) if escape else str(value)
        return text.replace("\r", " ").replace("\n", " ").strip()

    colon = "：" if lang == "zh" else ": "
    quotes = {t("in_col_quote", lang)} if quoted is None else set(quoted)
    header = [md_escape(c) for c in frame.columns]
    is_quote = [c in quotes for c in frame.columns]
    cards = []
    for row in frame.itertuples(index=False, name=None):
        cells = [cell(v) for v in row]
        lines = [f"**{cells[0]}**"] if cells and cells[0] else []
        lines += [f"{h}{colon}{v}" for h, v, q in zip(header[1:], cells[1:], is_quote[1:]) if v and not q]
        quoted_cells = [f"{h}{colon.strip()}\n> {v}" for h, v, q in zip(header[1:], cells[1:], is_quote[1:])
                        if v and q]
        # the first quote's header ends the card's paragraph (a block quote may interrupt one); a further quote
        # is a paragraph of its own
        cards.append("  \n".join(lines + quoted_cells[:1]) + "".join(f"\n\n{q}" for q in quoted_cells[1:]))
    return "\n\n---\n\n".join(cards)


def md_table(frame, escape: bool = True) -> str:
    """A table as one GitHub-flavoured Markdown table: st.markdown draws it like st.table, but as one small
    text element instead of an Arrow table converted on every rerun. Cells are escaped (md_escape, which also
    escapes the column separator |) unless `escape` is False, for cells that are Markdown already (escaped
    text, a coloured status); a line break inside a cell becomes a space; cells wrap between words only
    (unbroken_cell)."""
    def cell(value: object, whole_words: bool = True) -> str:
        text = md_escape(value) if escape else ("" if value is None else str(value))
        return unbroken_cell(text.replace("\r", " ").replace("\n", " "), whole_words)

    header = [cell(c, whole_words=False) for c in frame.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False, name=None)]
    return "\n".join(lines)


# --- time ---------------------------------------------------------------------------------------

BEIJING = timezone(timedelta(hours=8))  # China has one time zone and no daylight saving time


def beijing_time(iso: object) -> str:
    """A stored timestamp (ISO 8601, UTC when it names no zone) as Beijing time 'YYYY-MM-DD HH:MM'; unreadable
    text is returned as is. The one conversion: the data page, the reports and the CLI show the same minute."""
    text = "" if iso is None else str(iso)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def beijing_today(now: datetime | None = None) -> date:
    """Today's date in Beijing (a server on UTC is still on yesterday until 08:00 Beijing time)."""
    return (now or datetime.now(UTC)).astimezone(BEIJING).date()
