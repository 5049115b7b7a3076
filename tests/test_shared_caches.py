"""The shared caches (lishi_metrics.shared_cache, like st.cache_resource) hand the same objects to every session, so
no page may change what it is given: every page runs, in both languages, with its tabs opened and a few widgets
moved, and afterwards every object any shared cache made must be exactly as it was when made."""

from __future__ import annotations

import pickle

import pytest

from lishi_metrics import shared_cache, ui
from lishi_metrics.views.registry import PAGES

from conftest import app_test

# Full suite only: scripts/dev.sh check (the fast lane) leaves this module out, as its tests walk every page and click through it.
pytestmark = pytest.mark.slow


@pytest.fixture
def recorded(monkeypatch):
    """Every object a shared cache makes during the test, with its pickled state when made: each registered
    SharedCache (all of them, not a list kept by hand) starts empty and records what it computes."""
    seen: dict[int, tuple[object, bytes, str]] = {}

    def recording(name, func):
        def call(*args, **kwargs):
            value = func(*args, **kwargs)
            if id(value) not in seen:
                seen[id(value)] = (value, pickle.dumps(value), f"{name}{args[:3]}")
            return value
        return call

    caches = shared_cache.instances()
    assert {c.__name__ for c in caches} >= {"_view", "_dataset", "_plans_catalogue", "_indicator_table",
                                           "_scenario_results", "parse_plan", "_plan_labels", "monte_carlo_summary"}
    shared_cache.clear_all()
    for cache in caches:
        monkeypatch.setattr(cache, "func", recording(cache.__name__, cache.func))
    yield seen
    shared_cache.clear_all()  # nothing recorded stays shared with later tests


TAB_KEYS = ("ov_tab", "sim_tab")  # the lazy tabs' widget keys (overview, scenario)


def _click_through(at) -> None:
    """Open every tab (lazy tabs render only when open) and move the first slider and the last selectbox."""
    for label in [tab.label for tab in at.tabs]:
        for key in TAB_KEYS:
            if key in at.session_state:
                at.session_state[key] = label
        at.run()
    if at.slider:
        slider = at.slider[0]
        if isinstance(slider.value, float):
            slider.set_value(min(slider.value + 0.5, slider.max)).run()
    if at.selectbox and len(at.selectbox[-1].options) > 1:
        at.selectbox[-1].select_index(len(at.selectbox[-1].options) - 1).run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_never_change_shared_objects(recorded, lang):
    for spec in PAGES:
        at = app_test(spec.file, {"lang": lang})
        at.run()
        assert not at.exception, (spec.file, at.exception)
        _click_through(at)
        assert not at.exception, (spec.file, at.exception)
    assert len(recorded) >= 8  # the page models, the plan catalogue, the scenario's facts and Monte Carlo …
    changed = [where for value, before, where in recorded.values() if pickle.dumps(value) != before]
    assert not changed, f"pages changed shared cached objects: {changed}"


def test_a_changed_shared_object_is_caught(recorded):
    """The check above can fail: a page model changed in place is reported."""
    at = app_test("pages/overview.py", {"lang": "zh"})
    at.run()
    page = next(value for value, _, where in recorded.values() if where.startswith("_view('lishi_metrics.views.overview.build_page'"))
    name = page.tiles[0].name
    object.__setattr__(page.tiles[0], "name", name + "!")
    try:
        changed = [where for value, before, where in recorded.values() if pickle.dumps(value) != before]
    finally:
        object.__setattr__(page.tiles[0], "name", name)  # the cache is shared with the other tests
    assert changed


def test_scenario_answers_are_keyed_by_the_parameters_repr(monkeypatch):
    """ui.scenario_results keys its shared cache by repr(params): equal parameters share one answer, and any
    change of a parameter gives another."""
    import dataclasses

    from lishi_metrics.views import scenario as sv
    from lishi_metrics.views import state

    facts = ui.scenario_facts("fyp14")
    params = sv.results_params(state.parse_scenario_params({}, facts)[0])
    first = ui.scenario_results("fyp14", params, "zh")
    assert ui.scenario_results("fyp14", dataclasses.replace(params), "zh") is first
    other = ui.scenario_results("fyp14", dataclasses.replace(params, g=tuple(v + 0.1 for v in params.g)), "zh")
    assert other is not first and other.cards != first.cards


def test_shared_cache_keys_by_value_and_type_bounds_entries_and_computes_once():
    """SharedCache: equal arguments share one result, an int and a float or a changed argument do not;
    `_`-prefixed keyword arguments are passed on but not part of the key; the least recently used entry goes
    first; exceptions are not kept; concurrent callers of one missing key wait for a single computation."""
    import threading
    import time

    calls = []

    def build(a, b=0, _extra=None):
        calls.append((a, b, _extra))
        if a == "boom":
            raise ValueError(a)
        time.sleep(0.05 if a == "slow" else 0)
        return [a, b]

    cache = shared_cache.SharedCache(build, max_entries=2)
    assert cache in shared_cache.instances()  # registered, so the page test above loops over it too
    first = cache("x", b=1)
    assert cache("x", b=1) is first and cache("x", b=1, _extra="ignored") is first and len(calls) == 1
    assert cache("x", b=1.0) is not first and cache("x", b=2) == ["x", 2]
    assert len(cache.values) == 2  # ("x", 1) was dropped, the least recently used
    with pytest.raises(ValueError):
        cache("boom")
    with pytest.raises(ValueError):
        cache("boom")
    assert calls.count(("boom", 0, None)) == 2 and not cache.computing
    results = []
    threads = [threading.Thread(target=lambda: results.append(cache("slow"))) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert calls.count(("slow", 0, None)) == 1 and all(r is results[0] for r in results)
    cache.clear()
    assert not cache.values


def test_same_keys_by_the_objects_identity_and_keeps_it():
    """shared_cache.Same: an unhashable object (a page model's frame) is a key by its identity: the same object
    gets the one result, an equal copy its own; the key holds the object, so its id cannot be reused meanwhile."""
    import gc
    import weakref

    import pandas as pd

    calls = []
    cache = shared_cache.SharedCache(lambda frame: calls.append(id(frame.obj)) or len(calls), max_entries=4)
    frame = pd.DataFrame({"a": ["x"]})
    assert cache(shared_cache.Same(frame)) == cache(shared_cache.Same(frame)) == 1
    copy = frame.copy()
    assert cache(shared_cache.Same(copy)) == 2  # equal, another object
    held = weakref.ref(copy)
    del copy
    gc.collect()
    assert held() is not None  # its key still holds it


def test_a_table_is_escaped_once_per_frame_not_on_every_rerun(monkeypatch):
    """ui.table makes a page model's table cells and phone cards once per frame object (render._table_parts): a
    second run of the industries page, whose tables come from the shared page model, makes none again."""
    from lishi_metrics.ui import render

    made = []
    monkeypatch.setattr(render._table_parts, "func", lambda *a: made.append(a) or render._table_parts.__wrapped__(*a))
    render._table_parts.clear()
    app_test("pages/industries.py", {"lang": "en"}).run()
    first = len(made)
    assert first >= 10 and len({id(frame.obj) for frame, _, _ in made}) == first  # its sectors' tables, each once
    at = app_test("pages/industries.py", {"lang": "en"})
    at.run()
    assert not at.exception and len(made) == first
    assert at.table and any("Plan text" in " ".join(map(str, table.value.columns)) for table in at.table)
