"""Paths and defaults, overridable by environment variables."""

from __future__ import annotations

import os
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
SOURCE_DIR = REPO_DIR / "data" / "source"
PLAN_DOCUMENT = SOURCE_DIR / "plan_document.txt"
DOCUMENT_NAME = "000_4f11a0db4e69313a.txt"

TABLES = ("plans", "indicators", "observations", "text_figures", "projects", "sectors", "enterprises", "statements", "units",
          "placements", "periodic_indicators")


def parquet_dir() -> Path:
    """Directory of the shipped Parquet tables (LISHI_DATA_DIR overrides, for tests and benchmarks)."""
    return Path(os.environ.get("LISHI_DATA_DIR") or REPO_DIR / "data" / "parquet")


def store_dir() -> Path:
    """Writable directory of imported actuals (LISHI_STORE_DIR overrides)."""
    return Path(os.environ.get("LISHI_STORE_DIR") or REPO_DIR / "data" / "local")


# The plan the shipped plan document (and so the prose figures, projects, sectors and statements) belongs to.
# Which plan a page shows is not a constant: see lishi_metrics.data.plans (default from today's date, `plan=`).
DOCUMENT_PLAN = "fyp14"
