"""model.rowwise.rows yields what DataFrame.itertuples yields (fields, values and their types), for less CPU."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lishi_metrics.model import rowwise


def _same(a, b) -> bool:
    """b (rows') is a (itertuples'): equal and of the same type; NaN, NaT and NA are themselves. The one
    difference: a nullable-integer (Int64) cell is a Python int, where itertuples gives numpy's."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if a is pd.NA or b is pd.NA or a is pd.NaT or b is pd.NaT:
        return a is b
    if isinstance(a, np.integer) and type(b) is int:
        return int(a) == b
    return type(a) is type(b) and a == b


def _frames() -> list[pd.DataFrame]:
    mixed = pd.DataFrame({
        "indicator_id": pd.array(["gdp", None, "forest"], dtype="str"),
        "value": [154.7, np.nan, 23.0],
        "year": [2020, 2021, 2025],
        "count": pd.array([1, None, 3], dtype="Int64"),
        "met": [True, False, True],
        "when": pd.to_datetime(["2026-01-01", None, "2026-12-01"]),
        "text": ["完成市任务", None, ""],
        "9 bad name": [1.5, 2.5, 3.5],
        "class": ["a", "b", "c"],
    }, index=[5, 3, 9])
    dup = pd.DataFrame([[1, 2.0, "x"]], columns=["a", "a", "b"])
    return [mixed, mixed.iloc[0:0], mixed.iloc[1:2], dup, pd.DataFrame({"v": [1.0, 2.0]}).iloc[:, 0:0]]


@pytest.mark.parametrize("index", [True, False])
@pytest.mark.parametrize("frame", _frames(), ids=["mixed", "empty", "one-row", "repeated-names", "no-columns"])
def test_rows_are_itertuples(frame, index):
    expected = list(frame.itertuples(index=index))
    got = list(rowwise.rows(frame, index=index))
    assert len(got) == len(expected) == len(frame)
    for e, g in zip(expected, got):
        assert g._fields == e._fields
        assert all(_same(x, y) for x, y in zip(e, g)), (e, g)


def test_rows_is_an_iterator_like_itertuples():
    frame = _frames()[0]
    it = rowwise.rows(frame)
    assert next(it).indicator_id == "gdp" and next(it).Index == 3
    assert next(rowwise.rows(frame.iloc[0:0]), None) is None


def test_a_large_frame_comes_out_block_by_block_in_order(monkeypatch):
    """Rows are converted CHUNK at a time (bounded memory for a large table), across block edges in order."""
    monkeypatch.setattr(rowwise, "CHUNK", 3)
    frame = pd.DataFrame({"v": [float(i) for i in range(10)], "s": [str(i) for i in range(10)]}, index=range(100, 110))
    got = list(rowwise.rows(frame))
    assert got == list(frame.itertuples()) and [r.Index for r in got] == list(range(100, 110))
    it = rowwise.rows(frame, index=False)
    assert next(it) == (0.0, "0")
    assert len(list(it)) == 9
