"""Read a cell of a plan's main-indicator table as printed: a level, a bound, a cumulative change, or text.

Plan tables at every level print a value in one of a few ways (shared/references/plan-evaluation.md):

- a level: 「65」, 「3.2」, 「255」 (in the target column) or a yearly rate 「9.8」 (in the growth column);
- a bound: 「>6.5」, 「<5.5」, 「≥87.5」, 「≤2」, also 「不低于90」, 「90以上」, sometimes with words after the
  number (「>7、力争投入强度高于……」). Strict (>, <) and inclusive (≥, ≤) bounds differ on the boundary;
- a five-year cumulative change in brackets: 「[600]」, 「［0.04］」 or the 〔 〕 of national tables, 「〔13.5〕」;
- text: 「完成市任务」, 「保持在合理区间」, 「12-15」;
- nothing: empty or a dash 「—」.

`parse` keeps the printed text verbatim beside what it read, so a table can always show what the plan says.
The codes stored in the observations table (value_kind / growth_kind, value_op / growth_op) are the ones here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

# Kinds of a printed cell. A plain number in the growth column is a yearly rate (RATE), in any other a LEVEL.
LEVEL, RATE, BOUND, CUMULATIVE, TEXT = "level", "rate", "bound", "cumulative", "text"
VALUE_KINDS = (LEVEL, BOUND, CUMULATIVE, TEXT)
GROWTH_KINDS = (RATE, BOUND, CUMULATIVE, TEXT)
# Bound operators as stored; strict ones exclude the boundary.
GT, GE, LT, LE = ">", ">=", "<", "<="
OPS = (GT, GE, LT, LE)
STRICT = frozenset({GT, LT})
OP_SYMBOLS = {GT: ">", GE: "≥", LT: "<", LE: "≤"}

# Cells that print "nothing here".
_EMPTY = frozenset({"", "—", "——", "-", "--", "－", "–", "/", "／", "…", "……", "无", "空"})
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
# Brackets that print a five-year cumulative figure (NFKC turns ［ ］ into [ ]; 〔 〕 and 【 】 stay).
_BRACKETS = {"[": "]", "〔": "〕", "【": "】", "〖": "〗"}
_PREFIX_OPS = (
    (">=", GE), ("≥", GE), ("⩾", GE), ("不低于", GE), ("不少于", GE), ("至少", GE),
    ("<=", LE), ("≤", LE), ("⩽", LE), ("不高于", LE), ("不超过", LE), ("不大于", LE), ("最多", LE),
    (">", GT), ("高于", GT), ("大于", GT), ("超过", GT),
    ("<", LT), ("低于", LT), ("小于", LT),
)
_SUFFIX_OPS = (("以上", GE), ("以下", LE))
_BOUND_RE = re.compile(
    r"^(?P<op>" + "|".join(re.escape(p) for p, _ in _PREFIX_OPS) + r")\s*(?P<num>" + _NUMBER + r")\s*%?"
    r"(?P<rest>.*)$", re.S)
_SUFFIX_RE = re.compile(r"^(?P<num>" + _NUMBER + r")\s*%?\s*(?P<op>以上|以下)(?P<rest>.*)$", re.S)
_LEVEL_RE = re.compile(r"^(?P<num>" + _NUMBER + r")\s*%?$")
_SEPARATORS = "、，,；;。 \t"


@dataclass(frozen=True)
class Printed:
    """What one printed cell says.

    Attributes:
        text: the cell as typed (stripped), kept verbatim.
        kind: LEVEL / RATE / BOUND / CUMULATIVE / TEXT, or None when nothing is printed (「—」).
        value: the number (the bound, the cumulative change, the level); None for text and nothing.
        op: the bound's operator ('>', '>=', '<', '<='), else None.
        words: words printed after a bound's number (「力争……」), else None.
    """

    text: str
    kind: str | None
    value: float | None = None
    op: str | None = None
    words: str | None = None

    @property
    def strict(self) -> bool:
        """True for > and < (the boundary itself does not meet the bound)."""
        return self.op in STRICT

    @property
    def is_number(self) -> bool:
        return self.value is not None


def _norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)  # 1,234.5 → 1234.5


def _number(text: str) -> float | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def parse(text: object, column: str = "value") -> Printed:
    """Read a printed cell.

    Args:
        text: the cell as typed (None, NaN and numbers are accepted too).
        column: 'value' (a base, target or actual cell: a plain number is a LEVEL) or 'growth' (the yearly
            growth column: a plain number is a yearly RATE).
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        raw = ""
    elif isinstance(text, (int, float)) and not isinstance(text, bool):
        raw = repr(float(text)) if not float(text).is_integer() else str(int(text))
    else:
        raw = str(text).strip()
    t = _norm(raw)
    if t in _EMPTY:
        return Printed(raw, None)
    plain = RATE if column == "growth" else LEVEL
    m = _LEVEL_RE.match(t)
    if m and (v := _number(m["num"])) is not None:
        return Printed(raw, plain, v)
    close = _BRACKETS.get(t[:1])
    if close and t.endswith(close):
        inner = t[1:-1].strip()
        m = _LEVEL_RE.match(inner)
        if m and (v := _number(m["num"])) is not None:
            return Printed(raw, CUMULATIVE, v)
        return Printed(raw, TEXT)
    for regex in (_BOUND_RE, _SUFFIX_RE):
        m = regex.match(t)
        if m and (v := _number(m["num"])) is not None:
            op = dict(_PREFIX_OPS + _SUFFIX_OPS)[m["op"]]
            rest = m["rest"].strip().lstrip(_SEPARATORS).strip()
            return Printed(raw, BOUND, v, op, rest or None)
    return Printed(raw, TEXT)


def holds(value: float, op: str, bound: float) -> bool:
    """Whether `value` meets the bound `op bound`, by its strictness (float noise counts as on the boundary)."""
    d = value - bound
    if abs(d) <= 1e-9 * max(1.0, abs(value), abs(bound)):
        d = 0.0
    return {GT: d > 0, GE: d >= 0, LT: d < 0, LE: d <= 0}[op]


def bound_text(op: str, value: str) -> str:
    """「≥87.5」: the operator's printed symbol before an already formatted value."""
    return f"{OP_SYMBOLS.get(op, op)}{value}"


__all__ = [
    "BOUND", "CUMULATIVE", "GE", "GROWTH_KINDS", "GT", "LE", "LEVEL", "LT", "OPS", "OP_SYMBOLS", "Printed", "RATE",
    "STRICT", "TEXT", "VALUE_KINDS", "bound_text", "holds", "parse",
]


# --- display precision -----------------------------------------------------------------------------------

MAX_DECIMALS = 4  # the most decimals an indicator's figures are shown with (indicators.decimals)
_DECIMALS_RE = re.compile(r"\d+(?:\.(\d+))?")


def decimals(text: object) -> int | None:
    """Decimals of the number a printed cell holds (「154.7」 → 1, 「≥87.5」 → 1, 「[0.04]」 → 2, 「255」 → 0); None
    for a cell without a number (「完成市任务」, 「—」) or a range (「9-12」: 0, its numbers' decimals)."""
    if not isinstance(text, str):
        return None
    cell = parse(text)
    if cell.value is None:
        found = _DECIMALS_RE.findall(_norm(text)) if cell.kind == TEXT else []
        return max((len(d) for d in found), default=None) if found else None
    match = _DECIMALS_RE.search(_norm(text))
    return len(match.group(1) or "") if match else None


def precision(texts, whole: bool = False) -> int:
    """An indicator's display precision derived from its printed value cells: the most decimals any of them has
    (the plan prints 154.7 and 255 in one row: 1), capped at MAX_DECIMALS; 0 for a count of things (`whole`) or
    when no cell holds a number. The default of indicators.decimals where a plan leaves it empty."""
    if whole:
        return 0
    found = [d for d in (decimals(t) for t in texts) if d is not None]
    return min(max(found, default=0), MAX_DECIMALS)
