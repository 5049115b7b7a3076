"""Shared fixtures: clean Streamlit caches between AppTest runs, an isolated store, the real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path_factory):
    """Every test gets an empty store of its own and fresh caches (st.cache_data survives AppTest runs)."""
    store = tmp_path_factory.mktemp("store")
    monkeypatch.setenv("LISHI_STORE_DIR", str(store))
    monkeypatch.delenv("LISHI_DATA_DIR", raising=False)
    monkeypatch.delenv("LISHI_ADMIN_PASSWORD", raising=False)
    from lishi_metrics.data import db as data

    data.reset()
    try:
        import streamlit as st

        st.cache_data.clear()
    except Exception:  # noqa: BLE001 - streamlit absent is fine for pure tests
        pass
    yield
    data.reset()


def app_test(page: str | None = None, params: dict | None = None, timeout: float = 60):
    """AppTest of a page file run on its own (as `streamlit run pages/x.py` would), with URL params."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / (page or "app.py")), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at


def texts(at) -> str:
    """All visible text of an AppTest run, for assertions on what a user reads."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        parts += [str(m.label), str(m.value), str(m.delta or "")]
    for df in at.dataframe:
        parts.append(df.value.to_string())
    for tbl in getattr(at, "table", []):
        parts.append(tbl.value.to_string())
    return "\n".join(parts)


os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
# t() raises on a missing key under test (production falls back to the key): a typo fails loudly.
os.environ["LISHI_STRICT_TEXTS"] = "1"
