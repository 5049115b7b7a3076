"""Where a line may break in a table cell or a deck line: between words, never inside a number with its unit
(「154.7 亿 / 元」), a year (「2020 / 年」), a range (「1—10 / 月」), a status (「✓超额完 / 成」) or a short bracketed
part. No-break spaces and word joiners (zero width, honoured by Chromium and LibreOffice) do it; the deck
(reports.measure, keep_together) and the pages' tables (fmt.md_cells, fmt.md_table: unbroken_cell) share them."""

from __future__ import annotations

import re

NBSP, WJ = "\u00a0", "\u2060"  # no-break space; word joiner (no break, no width): honoured by Chromium and LibreOffice
# A number's unit after a space (255 亿元, 16.7 %/yr, 25.5 bn, 2.1 pp/yr), a currency before its number (CNY 25.5),
# and a short Chinese unit word right after a number or its space (亿元, 个百分点, 年目标).
_UNIT_AFTER = re.compile(r"(?<=\d) (?=%|pp\b|pp/|bn\b|m\b|million\b|billion\b|[\u4e00-\u9fff])")
_CURRENCY = re.compile(r"\b(CNY|RMB) (?=[\d+\-−])")
_CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{1,4}/[\u4e00-\u9fff]{1,4}")  # 现价/名义, 国家级/省级: one term
_CJK_UNIT = re.compile(r"(?<=[\d\u00a0])([\u4e00-\u9fff]{2,4})(?=$|[\s，。；：、）)·])")


def keep_together(text: str) -> str:
    """`text` with a number and its unit (or currency) joined so no line break falls between them, nor inside a
    short Chinese unit word: 「255 亿元」 never breaks as 「255 亿 / 元」, "+16.7 %/yr" never as "+16.7 / %/yr"."""
    text = _CURRENCY.sub(lambda m: m.group(1) + NBSP, _UNIT_AFTER.sub(NBSP, text))
    text = _CJK_PAIR.sub(lambda m: WJ.join(m.group(0)), text)
    return _CJK_UNIT.sub(lambda m: WJ + WJ.join(m.group(1)), text)


_NUMBER_WORD = re.compile(r"(?<=\d)(?=[\u4e00-\u9fff])")  # 2020年, 10月: a number and the word after it
_DASH_RANGE = re.compile(r"(?<=\w)([—–~])(?=\w)|(?<=\d)(-)(?=\d)")  # 1—10月, Jan–Oct, Q1–Q3, 30-50
_SPACED_UNIT = re.compile(r"(?<=\u00a0)([\u4e00-\u9fff]{2,4})(?=$|[\s，。；：、）)·])")  # 154.7 亿元, 0.44 个百分点
_UNIT_WORD = re.compile(r"(?<=\d)(个百分点|百分点|亿元|万元|万人|万吨|万户)")  # 50亿元以上: the unit in running text
# A status (model.status.SYMBOLS and its word: ✓ 超额完成, ● 基本符合预期), a short bracketed part (（2015年）, （按原表）)
_STATUS = re.compile(r"[★▲●▼✓✗○↗–] [\u4e00-\u9fff]{1,6}(?![\u4e00-\u9fff])")
_BRACKETED = re.compile(r"[（(][^\s（）()]{1,8}[)）]")
_SHORT_WORD = re.compile(r"(?=\S*[\u4e00-\u9fff])\S{1,5}")  # a cell of up to five characters, Chinese, no space
_MD_SYNTAX = frozenset("\\[]()*_`:|<>#~$!{}&")  # Markdown / Streamlit syntax: nothing is put beside it


def _joined(text: str) -> str:
    """`text` as one unbreakable piece: spaces no-break, a word joiner between two characters where a line could
    break (beside a Chinese character, a dash or a symbol), never beside Markdown syntax, so an escaped or coloured
    cell (`:green[▲ 领先]`) keeps its meaning."""
    out = []
    for a, b in zip(text, text[1:] + " "):
        out.append(NBSP if a == " " else a)
        if not (a.isspace() or b.isspace() or WJ in (a, b) or a in _MD_SYNTAX or b in _MD_SYNTAX
                or (a.isascii() and b.isascii())):
            out.append(WJ)
    return "".join(out)


def unbroken_cell(text: str, whole_words: bool = True) -> str:
    """A table cell (Markdown, escaped already) that a narrow column wraps between words only (issue 25.2):
    a number keeps its unit (as keep_together, which the deck uses) and the character after it (2020年), a range
    its dash (1—10月), a status its symbol and word, a short bracketed part stays whole, and with `whole_words` a
    short Chinese cell too (“十四五”, 约束性; headers leave it out and fit the width their cells give). Word
    joiners are invisible and zero-width; md_escape removes them from data, so this comes after escaping."""
    if whole_words and _SHORT_WORD.fullmatch(text):  # a short cell (“十四五”, 约束性): never one character a line
        return _joined(text)
    # keep_together's rules, but a Chinese unit word only after a space: 2020年目标 may break before 目标
    text = _CURRENCY.sub(lambda m: m.group(1) + NBSP, _UNIT_AFTER.sub(NBSP, text))
    text = _SPACED_UNIT.sub(lambda m: WJ + WJ.join(m.group(1)), _CJK_PAIR.sub(lambda m: WJ.join(m.group(0)), text))
    text = _UNIT_WORD.sub(lambda m: WJ.join(m.group(1)), text)
    text = _NUMBER_WORD.sub(WJ, _DASH_RANGE.sub(lambda m: WJ + (m.group(1) or m.group(2)) + WJ, text))
    return _BRACKETED.sub(lambda m: _joined(m.group(0)), _STATUS.sub(lambda m: _joined(m.group(0)), text))


def as_read(text: str) -> str:
    """`text` as a reader reads it: word joiners are nothing, no-break spaces are spaces (what tests compare)."""
    return text.replace(WJ, "").replace(NBSP, " ")


# A period of the year-to-date figures (views._common.ytd_period_text): 「2026年前三季度」, 「2026年1—10月」, 「上半年」,
# "2026 Q1–Q3", "Jan–Oct": one piece, never 「前三 / 季度」.
_PERIOD = re.compile(r"(?:\d{4}年)?(?:前[一二三四]季度|第?[一二三四]季度|上半年|\d{1,2}[—–-]\d{1,2}月)"
                     r"|(?:\d{4} )?(?:Q[1-4]–Q[1-4]|Q[1-4]|H1|[A-Z][a-z]{2}–[A-Z][a-z]{2})")


def keep_units(text: str) -> str:
    """Prose outside a table (a metric, a tile, a summary line; Markdown escaped already) with a number kept with
    its unit (「255\u00a0亿元」, "27.29\u00a0bn", 亿元 itself unbroken) and a period kept whole (「2026年前三季度」), while a
    currency word may still end a line before its number ("CNY / 27.29 bn" fits a narrow metric where
    "CNY 27.29 bn" would not). Spaces become no-break spaces and word joiners go between characters only: no
    Markdown syntax is touched."""
    text = _UNIT_AFTER.sub(NBSP, text)
    text = _SPACED_UNIT.sub(lambda m: WJ + WJ.join(m.group(1)), text)
    text = _UNIT_WORD.sub(lambda m: WJ.join(m.group(1)), text)
    return _PERIOD.sub(lambda m: _joined(m.group(0)), text)
