"""CSV sources → validated Parquet tables, each written by the one atomic writer (actuals.fileio) and re-read first."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lishi_metrics.actuals import fileio
from lishi_metrics.config import SOURCE_DIR, TABLES, parquet_dir
from lishi_metrics.data.schema import DERIVED, OPTIONAL, SCHEMAS
from lishi_metrics.errors import DataError
from lishi_metrics.model import printed

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", ""}


def _convert(column: pd.Series, typ: pa.DataType, table: str) -> list:
    """Convert a column of CSV strings to Python values of the Arrow type; empty cells become None."""
    out = []
    for i, raw in enumerate(column.tolist()):
        text = "" if raw is None or (isinstance(raw, float) and pd.isna(raw)) else str(raw)
        if typ == pa.string():
            out.append(text if text != "" else None)
            continue
        stripped = text.strip()
        try:
            if typ == pa.bool_():
                if stripped.lower() not in _TRUE | _FALSE:
                    raise ValueError(stripped)
                out.append(stripped.lower() in _TRUE)
            elif stripped == "":
                out.append(None)
            elif typ == pa.int64():
                out.append(int(stripped))
            else:
                out.append(float(stripped))
        except ValueError as exc:
            raise DataError(f"{table}.csv row {i + 2} column {column.name}: {text!r} is not a {typ}") from exc
    return out


def read_source(table: str, source_dir: Path = SOURCE_DIR) -> pa.Table:
    """Read one source CSV into an Arrow table with the declared schema."""
    path = source_dir / f"{table}.csv"
    if not path.exists():
        raise DataError(f"source file {path} is missing")
    schema = SCHEMAS[table]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if table in DERIVED:
        frame = with_printed_kinds(frame)
    for name in OPTIONAL.get(table, ()):
        if name not in frame.columns:
            frame[name] = ""
    missing = [n for n in schema.names if n not in frame.columns]
    if missing:
        raise DataError(f"{path.name}: missing columns {', '.join(missing)}")
    arrays = [pa.array(_convert(frame[f.name], f.type, table), type=f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def printed_kinds(value_text: object, growth_text: object) -> dict[str, str | None]:
    """How an observation's printed cells read (model.printed): value_kind, value_op, growth_kind, growth_op."""
    value, grow = printed.parse(value_text, "value"), printed.parse(growth_text, "growth")
    return {"value_kind": value.kind, "value_op": value.op, "growth_kind": grow.kind, "growth_op": grow.op}


def with_printed_kinds(frame: pd.DataFrame) -> pd.DataFrame:
    """An observations frame of strings with the printed kinds filled in where the source leaves them out."""
    frame = frame.copy()
    kinds = [printed_kinds(v, g) for v, g in zip(frame.get("value_text", [""] * len(frame)),
                                                frame.get("growth_text", [""] * len(frame)))]
    for col in DERIVED["observations"]:
        derived = [k[col] or "" for k in kinds]
        if col not in frame.columns:
            frame[col] = derived
        else:
            frame[col] = [given if given else d for given, d in zip(frame[col], derived)]
    return frame


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write `table` as a Parquet file with the one atomic writer; the new file is re-read and compared with
    `table` before it replaces the old one (DataError, old file kept, when they differ)."""

    def verify(tmp: Path) -> None:
        if not pq.read_table(tmp).equals(table):
            raise DataError(f"verification of {path.name} failed after writing")

    path.parent.mkdir(parents=True, exist_ok=True)
    fileio.atomic_write(path, lambda f: pq.write_table(table, f, compression="zstd"), check=verify)


def build(source_dir: Path = SOURCE_DIR, out_dir: Path | None = None) -> dict[str, int]:
    """Build every table; all sources are read and converted before any file is replaced."""
    out_dir = out_dir or parquet_dir()
    tables = {name: read_source(name, source_dir) for name in TABLES}
    for name, table in tables.items():
        write_parquet(table, out_dir / f"{name}.parquet")
    return {name: t.num_rows for name, t in tables.items()}
