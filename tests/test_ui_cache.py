"""lishi_metrics.ui.cache: the data key is looked up once per run, at page_setup, and an import is seen by the
very next run of an open page, and by a fragment's rerun (no page_setup) once the last lookup is MAX_AGE old;
nothing depends on how Streamlit keeps or resets its run context."""

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
    monkeypatch.setattr(cache, "MAX_AGE", 3600.0)  # however slow the machine, the run's calls reuse its lookup
    at = app_test("pages/overview.py", {"lang": "en"})
    at.run()
    assert not at.exception, at.exception
    assert len(calls) == 1
    at.run()
    assert len(calls) == 2  # once more for the next run, never carried over


def _fragment_like_run():
    """A run that calls the cached wrappers without page_setup first, as a fragment's rerun does."""
    import streamlit as st

    from lishi_metrics.ui import cache

    st.session_state["key"] = cache.data_key()


def test_a_run_without_page_setup_reuses_a_recent_lookup_and_looks_again_once_it_is_old(monkeypatch):
    import time

    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(cache, "_memo", ("a recent lookup", time.monotonic()))
    at = AppTest.from_function(_fragment_like_run)
    at.run()
    assert at.session_state["key"] == "a recent lookup"
    monkeypatch.setattr(cache, "_memo", ("an old lookup", time.monotonic() - cache.MAX_AGE - 1))
    at.run()
    assert at.session_state["key"] == repr(data.version_key())  # the data as it is now
    assert cache._memo[0] == at.session_state["key"]  # and kept for the calls that follow


def test_outside_a_run_every_call_looks_the_version_up(monkeypatch):
    """The warm-up, the CLI and tests call the cached wrappers outside a script run: no run key applies, so a
    change of data between two calls is seen by the second."""
    before = cache.data_key()
    _import_gdp(234.5)
    assert cache.data_key() != before
