"""A DataFrame's rows as named tuples, as `DataFrame.itertuples` gives them, for less CPU.

itertuples takes each column out through `.iloc` (a cost per column, whatever the number of rows) and makes a
new namedtuple class at every call, so even one row of a wide indicator table is dear. Page models walk such
tables a few hundred times per build, and a build follows every import (the figures are in docs/benchmarks.md,
"Measurements behind the code"). Here the values come out in one `to_numpy(dtype=object)` per block of CHUNK
rows (a whole large table at once would hold every cell as a Python object; lazily, block by block, as
itertuples goes, the memory stays bounded) and the row type is made once per set of columns.
"""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pandas as pd

CHUNK = 4096  # rows converted at a time

@functools.lru_cache(maxsize=256)
def _maker(fields: tuple[str, ...]) -> Callable[[Iterable], tuple]:
    """The constructor of the row type for these fields (pandas' own: a namedtuple called Pandas)."""
    row_type: Any = namedtuple("Pandas", fields, rename=True)  # type: ignore[misc]  # fields known at run time, as in pandas
    return row_type._make


def rows(frame: pd.DataFrame, index: bool = True) -> Iterator:
    """What `frame.itertuples(index=index)` yields: the same fields (`Index` first unless `index` is False; a column name
    that is no identifier, or repeats, renamed `_1`, `_2` … as namedtuple's `rename` does) and the same values
    (Python scalars, NaN, NaT or pd.NA where pandas gives them; a nullable-integer cell is a Python int where
    pandas gives numpy's)."""
    fields = (("Index",) if index else ()) + tuple(str(c) for c in frame.columns)
    return _rows(frame, _maker(fields), index)


def _rows(frame: pd.DataFrame, make: Callable[[Iterable], tuple], index: bool) -> Iterator:
    for start in range(0, len(frame), CHUNK):
        block = frame.iloc[start:start + CHUNK]
        values = block.to_numpy(dtype=object).tolist()
        if index:
            yield from map(make, ((i, *v) for i, v in zip(block.index.tolist(), values)))
        else:
            yield from map(make, values)
