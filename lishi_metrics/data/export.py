"""Export tables (or any DataFrames) as CSV files or one XLSX workbook with an 'about' sheet."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pandas as pd

from lishi_metrics.data import db as data
from lishi_metrics.config import DOCUMENT_NAME, TABLES

SOURCE_NOTE = (
    "来源 Source: 《吕梁市离石区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》"
    f"(离政发〔2021〕11号), file {DOCUMENT_NAME}; transcribed by hand with provenance (专栏 / chapter, quote)."
)


def about_frame(frames: dict[str, pd.DataFrame], notes: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per (sheet, column) with its type, plus source and filter notes at the top."""
    rows = [{"sheet": "", "column": "source", "type": "", "note": SOURCE_NOTE}]
    for key, value in (notes or {}).items():
        rows.append({"sheet": "", "column": key, "type": "", "note": value})
    for sheet, frame in frames.items():
        for col, dtype in frame.dtypes.items():
            rows.append({"sheet": sheet, "column": str(col), "type": str(dtype), "note": ""})
    return pd.DataFrame(rows)


def xlsx_bytes(frames: dict[str, pd.DataFrame], notes: dict[str, str] | None = None) -> bytes:
    """A workbook: one sheet per frame plus an 'about' sheet (source, filters, columns)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for sheet, frame in frames.items():
            frame.to_excel(writer, sheet_name=sheet[:31], index=False)
        about_frame(frames, notes).to_excel(writer, sheet_name="about", index=False)
    return buf.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with a BOM, so Excel on Chinese Windows opens it as UTF-8."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def all_tables() -> dict[str, pd.DataFrame]:
    """Every table as queried through the data layer (observations include imported actuals)."""
    return {name: data.fetch_table(name) for name in TABLES}


def _write_atomic(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)
    os.replace(tmp, path)


def export(fmt: str, output: Path) -> list[Path]:
    """Write all tables: csv → one file per table in the directory `output`; xlsx → one workbook."""
    frames = all_tables()
    if fmt == "xlsx":
        _write_atomic(output, xlsx_bytes(frames))
        return [output]
    written = []
    for name, frame in frames.items():
        path = output / f"{name}.csv"
        _write_atomic(path, csv_bytes(frame))
        written.append(path)
    return written


__all__ = ["about_frame", "all_tables", "csv_bytes", "export", "xlsx_bytes"]
