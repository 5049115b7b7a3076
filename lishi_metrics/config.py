"""Paths and defaults, overridable by environment variables."""

from __future__ import annotations

import os
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
SOURCE_DIR = REPO_DIR / "data" / "source"
PLAN_DOCUMENT = SOURCE_DIR / "plan_document.txt"
DOCUMENT_NAME = "000_4f11a0db4e69313a.txt"

TABLES = ("plans", "indicators", "observations", "text_figures", "projects", "sectors", "enterprises", "statements", "units")


def parquet_dir() -> Path:
    """Directory of the shipped Parquet tables (LISHI_DATA_DIR overrides, for tests and benchmarks)."""
    return Path(os.environ.get("LISHI_DATA_DIR") or REPO_DIR / "data" / "parquet")


def store_dir() -> Path:
    """Writable directory of imported actuals (LISHI_STORE_DIR overrides)."""
    return Path(os.environ.get("LISHI_STORE_DIR") or REPO_DIR / "data" / "local")


CURRENT_PLAN = "fyp14"
PREVIOUS_PLAN = "fyp13"
PLAN_YEARS = tuple(range(2021, 2026))
