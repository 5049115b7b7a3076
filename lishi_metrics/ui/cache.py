"""Cached data for the pages: the data key, the shared wrappers of the data layer and page models, the
scenario's caches and the admin gate.

Cached per data version: an import or rebuild changes the key and so refreshes every page.

Shared, not copied: these caches are SharedCache objects (like st.cache_resource), so every session gets the
same objects. Under a room of viewers st.cache_data's copy per hit (unpickling frames, then rebuilding their
indexes) was a large share of the server's CPU (py-spy, issue 11; docs/benchmarks.md). Pages and page models therefore never change a
frame or model they are given (tests/test_shared_caches.py runs every page and then compares every object the
shared caches made with its state when made); the caches are bounded by entries and keyed by data version.
"""

from __future__ import annotations

import importlib
import time

import pandas as pd
import streamlit as st

from lishi_metrics.data import db as data
from lishi_metrics.errors import LishiError
from lishi_metrics.shared_cache import shared
from lishi_metrics.ui import _compat
from lishi_metrics.views import state

# --- the data key --------------------------------------------------------------------------------------
# Every cached call of a run asks for the data version, and each lookup stats every table file and reads the
# store's state, so the lookup is shared: page_setup (every page's first call) looks the version up afresh and
# keeps it for the whole process, and a call within MAX_AGE seconds of the last lookup reuses it. So every full
# run sees the data as it is when the run starts, and a fragment's rerun (which runs no page_setup: the
# scenario's sliders, the wall's rotation) sees it at most MAX_AGE late. Nothing depends on how Streamlit
# keeps or resets its run context. Outside a script run (warm-up, CLI, tests) every call looks it up.

MAX_AGE = 2.0  # seconds
_memo: tuple[str, float] = ("", float("-inf"))  # (data key, time.monotonic() of its lookup), replaced whole


def new_run_key() -> str:
    """Look the data version up now (page_setup calls this first in every run), keep it and return it.

    A new version (an import, a rollback) seen by a server whose warm-up pre-built the documents starts
    pre-building them again, so the first click on a document of this version finds it (nearly) built."""
    global _memo
    key = repr(data.version_key())
    previous = _memo[0]
    _memo = (key, time.monotonic())
    if previous and key != previous:
        from lishi_metrics.reports import build as reports

        if reports.prebuild_enabled():
            reports.prebuild()
    return key


def data_key() -> str:
    """The data version (files and store) as a cache key: the last lookup if it is at most MAX_AGE old and
    this is a script run, else a new lookup (see new_run_key)."""
    if _compat.run_context() is None:
        return repr(data.version_key())
    key, looked_up = _memo
    if time.monotonic() - looked_up <= MAX_AGE:
        return key
    return new_run_key()


# --- the data layer ------------------------------------------------------------------------------------

@shared(max_entries=32)
def _indicator_table(plan_id: str, key: str) -> pd.DataFrame:
    return data.indicator_table(plan_id)


@shared(max_entries=32)
def _dataset(name: str, key: str, **kwargs) -> pd.DataFrame:
    return getattr(data, name)(**kwargs)


@shared(max_entries=8)
def _plans_catalogue(key: str) -> pd.DataFrame:
    return data.plans_catalogue()


def plans_catalogue() -> pd.DataFrame:
    """Every plan, shipped and imported (data.plans_catalogue), cached per data version."""
    return _plans_catalogue(data_key())


def indicator_table(plan_id: str) -> pd.DataFrame:
    return _indicator_table(plan_id, data_key())


def all_indicators() -> pd.DataFrame:
    """The indicator tables of every plan in one frame (an actuals upload may hold rows of any plan)."""
    tables = [indicator_table(str(p)) for p in plans_catalogue()["plan_id"]]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def dataset(name: str, **kwargs) -> pd.DataFrame:
    """Any dataset function of lishi_metrics.data.db by name (text_figures, projects, …), cached."""
    return _dataset(name, data_key(), **kwargs)


# --- plans ---------------------------------------------------------------------------------------------

@shared(max_entries=256)
def parse_plan(raw: str | None, fallback: str | None, day: str, key: str):
    """state.parse_plan over the plan catalogue, once per URL value, session choice, day and data version
    (it sorts and filters the catalogue: a few ms on every run of every page)."""
    from datetime import date

    try:
        plans = _plans_catalogue(key)
    except LishiError:
        plans = None  # the page's own guard reports the broken data
    plan, notices = state.parse_plan(raw, plans, date.fromisoformat(day), fallback=fallback)
    return plan, tuple(notices)


@shared(max_entries=16)
def _store_banner(key: str, lang: str) -> str | None:
    from lishi_metrics import config
    from lishi_metrics.actuals import store
    from lishi_metrics.views import data_admin

    try:
        return data_admin.banner_text(store.health(config.store_dir(), full=False), lang)
    except LishiError:
        return None


def store_banner(lang: str) -> str | None:
    """The notice every page shows while the store's current version cannot be read (None when it can)."""
    return _store_banner(data_key(), lang)


@shared(max_entries=32)
def _plan_labels(key: str, lang: str) -> dict[str, str]:
    """Every plan's display name (state.plan_label), by id in catalogue order."""
    plans = _plans_catalogue(key)
    return {str(p): state.plan_label(plans, str(p), lang) for p in plans["plan_id"]}


def plan_labels(lang: str) -> dict[str, str]:
    """Every plan's display name by id (catalogue order), cached per data version and language."""
    return _plan_labels(data_key(), lang)


def plan_name(plan_id: str, lang: str) -> str:
    """A plan's display name (state.plan_label, cached)."""
    try:
        return plan_labels(lang).get(plan_id) or state.plan_label(None, plan_id, lang)
    except LishiError:
        return plan_id


# --- page models ---------------------------------------------------------------------------------------

@shared(max_entries=64)
def _view(func_path: str, key: str, args: tuple, kwargs: tuple):
    module, name = func_path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(*args, **dict(kwargs))


def _path(func) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def view(func, *args, **kwargs):
    """A page's model built by a lishi_metrics function from the data layer, cached per data version.

    `func` must be a module-level function of lishi_metrics taking plain hashable arguments (lang, ids);
    reruns then cost a cache lookup instead of rebuilding tables.
    """
    return _view(_path(func), data_key(), args, tuple(sorted(kwargs.items())))


# --- the scenario page ---------------------------------------------------------------------------------

@shared(max_entries=64)
def monte_carlo_summary(base_value: float, real: tuple, price: tuple, sigma_pp: float, n: int, seed: int,
                        target: float | None, base_year: int) -> tuple[pd.DataFrame, float | None]:
    """scenario.monte_carlo's quantiles (year, p05 … p95) and probability of reaching the target, cached by
    its parameters; only this small summary is kept, not the n × years paths."""
    from lishi_metrics.model import scenario

    result = scenario.monte_carlo(base_value, list(real), list(price), sigma_pp, n, seed, target, base_year)
    return result.quantiles, result.prob_reach


def _scenario_facts(key: str, plan_id: str):
    """The plan's scenario facts as a page model (the warm-up builds them through view() too)."""
    from lishi_metrics.views import scenario as scenario_view

    return _view(_path(scenario_view.facts_from_data), key, (plan_id,), ())


@shared(max_entries=256)
def _scenario_results(key: str, plan_id: str, params_key: str, lang: str, _params):
    from lishi_metrics.views import scenario as scenario_view

    facts = _scenario_facts(key, plan_id)
    sc = scenario_view.build_scenario(facts, _params)
    quantiles, prob = monte_carlo_summary(**scenario_view.mc_inputs(sc))
    return scenario_view.results(facts, _params, quantiles, prob, lang, sc=sc)


def scenario_results(plan_id: str, params, lang: str):
    """The scenario page's answer (views.scenario.Results) for one parameter set, shared by every viewer who
    sets the same parameters, per data version; the chart's datasets are Arrow bytes once (ready_spec).

    The cache key is the parameters' repr (a frozen dataclass of numbers, strings and tuples: equal repr,
    equal parameters), far cheaper than Streamlit's hashing of the dataclass itself (docs/benchmarks.md).
    """
    return _scenario_results(data_key(), plan_id, repr(params), lang, _params=params)


def scenario_facts(plan_id: str):
    """The scenario page's plan facts (GDP base and target, growth, industry share, imported GDP actuals),
    cached per data version and plan: one small object instead of three table reads per rerun."""
    return _scenario_facts(data_key(), plan_id)


# --- the admin gate ------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def admin_gate():
    """The one admin gate of this server process (throttle, pending delay, lockout, token salt)."""
    from lishi_metrics.actuals import auth

    return auth.AdminGate()
