"""lishi_metrics.ui.cache: the data key is looked up once per run, at page_setup, and an import is seen by the
very next run of an open page (no dependence on how Streamlit resets its run context)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from lishi_metrics.actuals import store
from lishi_metrics.data import db as data
from lishi_metrics.ui import cache

from conftest import app_test, texts


def _import_gdp(value: float) -> None:
    frame = pd.DataFrame({"indicator_id": ["fyp14_gdp"], "year": [2024], "value": [value]})
    store.commit_import(Path(os.environ["LISHI_STORE_DIR"]), frame, by="测试员", file_name="t.csv", sha256="ab" * 32)


def test_an_import_is_seen_by_the_next_run_of_an_open_page():
    at = app_test("pages/overview.py", {"lang": "zh"})
    at.run()
    assert not at.exception, at.exception
    assert "234.5" not in texts(at)
    _import_gdp(234.5)
    at.run()  # the same session's next run, e.g. a widget moved after another viewer imported
    assert not at.exception, at.exception
    assert "234.5" in texts(at)


def test_a_page_run_looks_the_data_version_up_once(monkeypatch):
    calls = []
    real = data.version_key

    def counted():
        calls.append(1)
        return real()

    monkeypatch.setattr(data, "version_key", counted)
    at = app_test("pages/overview.py", {"lang": "en"})
    at.run()
    assert not at.exception, at.exception
    assert len(calls) == 1
    at.run()
    assert len(calls) == 2  # once more for the next run, never carried over


def test_outside_a_run_every_call_looks_the_version_up(monkeypatch):
    """The warm-up, the CLI and tests call the cached wrappers outside a script run: no run key applies, so a
    change of data between two calls is seen by the second."""
    before = cache.data_key()
    _import_gdp(234.5)
    assert cache.data_key() != before
