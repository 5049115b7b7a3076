"""model.printed: every way a plan table prints a value, read from the printed string."""

from __future__ import annotations

import pytest

from lishi_metrics.model import printed as p

CASES = [
    # text as typed, column, kind, value, operator, words
    ("65", "value", p.LEVEL, 65.0, None, None),
    ("3.2", "value", p.LEVEL, 3.2, None, None),
    ("9.8", "growth", p.RATE, 9.8, None, None),
    ("-0.2", "growth", p.RATE, -0.2, None, None),
    ("9.8%", "value", p.LEVEL, 9.8, None, None),
    ("１２", "value", p.LEVEL, 12.0, None, None),
    ("1,234.5", "value", p.LEVEL, 1234.5, None, None),
    (">6.5", "value", p.BOUND, 6.5, p.GT, None),
    ("＞46", "value", p.BOUND, 46.0, p.GT, None),
    ("<5.5", "value", p.BOUND, 5.5, p.LT, None),
    ("≥87.5", "value", p.BOUND, 87.5, p.GE, None),
    (">=87.5", "value", p.BOUND, 87.5, p.GE, None),
    ("≤2", "value", p.BOUND, 2.0, p.LE, None),
    (">7、力争投入强度高于“十三五”时期实际", "value", p.BOUND, 7.0, p.GT, "力争投入强度高于“十三五”时期实际"),
    ("不低于90", "value", p.BOUND, 90.0, p.GE, None),
    ("85%以上", "value", p.BOUND, 85.0, p.GE, None),
    (">6", "growth", p.BOUND, 6.0, p.GT, None),
    ("〔13.5〕", "value", p.CUMULATIVE, 13.5, None, None),
    ("〔1〕", "value", p.CUMULATIVE, 1.0, None, None),
    ("[600]", "growth", p.CUMULATIVE, 600.0, None, None),
    ("［0.04］", "growth", p.CUMULATIVE, 0.04, None, None),
    ("〔-2〕", "value", p.CUMULATIVE, -2.0, None, None),
    ("完成市任务", "value", p.TEXT, None, None, None),
    ("保持在合理区间", "growth", p.TEXT, None, None, None),
    ("与GDP增长基本同步", "value", p.TEXT, None, None, None),
    ("高于GDP增长", "value", p.TEXT, None, None, None),
    ("12-15", "value", p.TEXT, None, None, None),
    ("〔约13〕", "value", p.TEXT, None, None, None),
    ("—", "value", None, None, None, None),
    ("", "growth", None, None, None, None),
    (None, "value", None, None, None, None),
]


@pytest.mark.parametrize(("text", "column", "kind", "value", "op", "words"), CASES)
def test_a_printed_cell_reads_as_its_kind(text, column, kind, value, op, words):
    cell = p.parse(text, column)
    assert (cell.kind, cell.value, cell.op, cell.words) == (kind, value, op, words)
    assert cell.text == ("" if text is None else text)  # kept verbatim


def test_numbers_from_a_spreadsheet_read_as_levels():
    assert p.parse(255).value == 255.0 and p.parse(255).text == "255"
    assert p.parse(3.2).kind == p.LEVEL and p.parse(float("nan")).kind is None


@pytest.mark.parametrize(("value", "op", "bound", "held"), [
    (6.5, p.GT, 6.5, False), (6.51, p.GT, 6.5, True), (5.5, p.LT, 5.5, False), (5.49, p.LT, 5.5, True),
    (87.5, p.GE, 87.5, True), (87.4, p.GE, 87.5, False), (2.0, p.LE, 2.0, True), (2.01, p.LE, 2.0, False),
    (0.1 + 0.2, p.LE, 0.3, True), (0.1 + 0.2, p.GT, 0.3, False),  # float noise sits on the boundary
])
def test_a_bound_holds_by_its_strictness(value, op, bound, held):
    assert p.holds(value, op, bound) is held
    assert p.parse(f"{p.OP_SYMBOLS[op]}{bound}").strict is (op in (p.GT, p.LT))
