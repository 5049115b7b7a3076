"""Shared fixtures: clean Streamlit caches between AppTest runs, an isolated store, the real data, and one
Chromium and one app server for all the browser tests of a session.

Fixtures for a new test:
- every test: an empty store of its own (LISHI_STORE_DIR) and fresh caches (autouse `_isolated`);
- page tests (AppTest): `app_test(page, params)`, then `texts(at)` and `tile_cards(at)` read what a user sees;
- the command line: `run_cli(*argv, env=...)` runs `python -m lishi_metrics` in-process (a CompletedProcess);
- browser tests (mark the module `pytestmark = pytest.mark.browser`):
  * `app_url`: the base URL of the shared app server (default settings, an empty store of its own). Use it
    unless the test needs other settings or changes the store; only then start one with `browser.served(env=...)`;
  * `new_page(viewport=..., locale=...)`: a tab in a fresh browser context (own cookies and storage) of the
    session's one Chromium (`chromium`), closed after the test. Never launch a Chromium of your own;
  * `shared_page(viewport=..., locale=...)`: a tab the module's tests that only read share; open a page in it
    with `browser.show(page, app_url, "overview?lang=en")` (a full load only the first time).
- under CI=true a skip is a failure (pytest_runtest_makereport below), except the few in CI_ALLOWED_SKIPS;
- parallel runs: `scripts/dev.sh test` runs the whole suite with pytest-xdist (`-n 2`, each worker has its own
  Chromium and shared server), so a test never needs the machine to itself: it starts its servers on free ports
  and checks outcomes (errors, memory, values), never speed (scripts/bench.py and scripts/loadtest.py measure
  that, as ratios).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


# Skips that say who runs the tests (CI runs as root), not that a tool is missing: the only ones CI accepts.
CI_ALLOWED_SKIPS = ("root ignores permission bits", "needs root (to act as two users)")


def pytest_configure(config):
    """Streamlit scans every installed package for components at each AppTest's first run; one scan per process
    serves them all (ui._compat.scan_components_once: a quarter of an AppTest test's CPU). AppTest also compiles
    the page anew at every run; one bytecode cache per process serves them all, as in a server
    (ui._compat.share_test_script_cache)."""
    from lishi_metrics.ui import _compat

    _compat.scan_components_once()
    _compat.share_test_script_cache()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test fails (issue 24): a missing Chromium, nginx, strace or LibreOffice must not
    pass quietly; .ci/run installs them. Only the skips in CI_ALLOWED_SKIPS stay skips."""
    outcome = yield
    report = outcome.get_result()
    if not os.environ.get("CI") or not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if not any(allowed in reason for allowed in CI_ALLOWED_SKIPS):
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid} skipped under CI=true ({reason}); install what it needs (.ci/run does)"


# Modules whose single tests run longest (the routing walks: one fresh server and 20-40 page loads each) start first.
LONGEST_FIRST = ("test_browser_routing.py",)


def pytest_collection_modifyitems(config, items):
    """The longest tests first, whole modules kept together: LONGEST_FIRST, then modules with browser tests, then
    with `slow` ones, then the rest, in file order within each group. With `scripts/dev.sh test`'s
    `--dist loadgroup` pytest-xdist hands each worker the next tests as it frees up, so the long ones spread over
    the workers at the start and the many short ones fill the end: both workers finish together instead of one
    waiting on a late long test.

    A module whose tests share a module-scoped fixture (test_browser_fit's servers, a `shared_page` tab, a store
    built once, every document of a store) is one work unit for pytest-xdist (`xdist_group`): its fixture is made
    once, on one worker, instead of once on each worker that happened to run one of its tests."""
    groups: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        rank = (0 if module.rsplit("/", 1)[-1] in LONGEST_FIRST else 1 if item.get_closest_marker("browser")
                else 2 if item.get_closest_marker("slow") else 3)
        groups[module] = min(groups.get(module, rank), rank)
        if _uses_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(module))
    order = {module: i for i, module in enumerate(dict.fromkeys(item.nodeid.split("::")[0] for item in items))}
    items.sort(key=lambda item: (groups[item.nodeid.split("::")[0]], order[item.nodeid.split("::")[0]]))


def _uses_module_fixture(item) -> bool:
    """True if `item` uses a fixture that lives as long as its module (directly or through another fixture)."""
    info = getattr(item, "_fixtureinfo", None)
    return info is not None and any(d.scope == "module" for defs in info.name2fixturedefs.values() for d in defs)


@pytest.fixture(scope="session")
def chromium():
    """The session's one headless Chromium (per xdist worker); tests open pages with `new_page`."""
    from browser import browser, require_browser

    require_browser()
    with browser() as b:
        yield b


@pytest.fixture
def new_page(chromium):
    """`new_page(**context_options)`: a page in a fresh browser context (Playwright's `browser.new_context`
    options: viewport, locale, device_scale_factor…); every context is closed after the test.
    `new_page(context=shared.context, viewport=...)`: a tab of its own (a new session) in the context of a
    `shared_page`, whose caches hold the app's code; closed after the test."""
    contexts, tabs = [], []

    def make(context=None, **options):
        if context is not None:
            tabs.append(context.new_page())
            if "viewport" in options:
                tabs[-1].set_viewport_size(options.pop("viewport"))
            assert not options, f"a tab in a shared context keeps its context's {sorted(options)}"
            return tabs[-1]
        context = chromium.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield make
    for page in tabs:
        page.close()
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def shared_page(chromium):
    """`shared_page(**context_options)`: one tab that a module's reading tests share, per set of options (a
    viewport, a locale) and `key` (tabs whose sessions must differ), in one browser context per set of options
    (the app's code fetched and compiled once), closed at the module's end. Open a page in it with `browser.show`
    (a full load first, then the page's own run in the same session, for half the browser's CPU). A test that
    types, clicks or imports takes a tab of its own (`new_page(context=tab.context)` keeps the caches)."""
    from browser import watch_runs

    contexts: dict = {}
    tabs: dict = {}

    def get(key: str = "", **options):
        where = repr(sorted(options.items()))
        if where not in contexts:
            contexts[where] = chromium.new_context(**options)
        if (key, where) not in tabs:
            tabs[key, where] = contexts[where].new_page()
            watch_runs(tabs[key, where])
        return tabs[key, where]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """Base URL of the app server shared by the browser tests that need the default one, with an empty store of
    its own (never data/local). A test that imports or logs in starts its own server (`browser.served`)."""
    from browser import require_browser, served

    require_browser()
    store = tmp_path_factory.mktemp("shared-server-store")
    with served(env={"LISHI_STORE_DIR": str(store)}) as base:
        yield base


@pytest.fixture(scope="session")
def _stores():
    """Where the tests' own stores go: numbered directories under one session directory (tmp_path_factory.mktemp
    per test lists every directory made so far, which grew quadratically over ~1,700 tests), in memory where the
    machine has a tmpfs: the store fsyncs every file it commits, ~5 ms each on this machine's disk and ~1,600 of
    them in the fast lane. The store-hardening tests make stores of their own on disk."""
    import itertools
    import tempfile

    shm = Path("/dev/shm")
    where = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="lishi-stores-", dir=where, ignore_cleanup_errors=True) as root:
        yield Path(root), itertools.count()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, _stores):
    """Every test gets an empty store of its own and an empty st.cache_data (it survives AppTest runs). The shared
    caches (lishi_metrics.shared_cache) are kept: they are keyed by the data version, which names the data
    directory and the store's file, so a test's own data gets entries of its own (shared_cache.clear_all
    empties them where a test needs that)."""
    root, numbers = _stores
    store = root / f"store{next(numbers)}"
    store.mkdir()
    monkeypatch.setenv("LISHI_STORE_DIR", str(store))
    monkeypatch.delenv("LISHI_DATA_DIR", raising=False)
    monkeypatch.delenv("LISHI_ADMIN_PASSWORD", raising=False)
    try:
        import streamlit as st

        st.cache_data.clear()
    except Exception:  # noqa: BLE001 - streamlit absent is fine for pure tests
        pass
    yield


def store_copy(pristine: Path, place: Path, monkeypatch) -> Path:
    """A fresh copy of the store `pristine` (file contents and times kept) at `place`, made the test's store
    (LISHI_STORE_DIR). Copies of one store at one place have one data version, so page views built for one test
    serve the next that shows the same data (test_store_faults, test_other_plans build a store once per module)."""
    shutil.rmtree(place, ignore_errors=True)
    shutil.copytree(pristine, place, copy_function=shutil.copy2)
    monkeypatch.setenv("LISHI_STORE_DIR", str(place))
    return place


def app_test(page: str | None = None, params: dict | None = None, timeout: float = 60):
    """AppTest of a page file run on its own (as `streamlit run pages/x.py` would), with URL params."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / (page or "app.py")), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m lishi_metrics ARGS` in this process (cli.main with stdout and stderr captured), as a
    CompletedProcess. `env` is set for the call only; the data layer is reset around it. An exception the CLI
    does not turn into a message propagates and fails the test (a subprocess would print a traceback).
    tests/test_cli.py keeps one real subprocess run."""
    from lishi_metrics.cli import main as cli
    from lishi_metrics.data import db as data

    out, err = io.StringIO(), io.StringIO()
    saved = {key: os.environ.get(key) for key in (env or {})}
    os.environ.update(env or {})
    data.reset()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exc:  # argparse: --help, a usage error
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        data.reset()
    return subprocess.CompletedProcess(["lishi_metrics", *args], code, out.getvalue(), err.getvalue())


def plan_path_actuals():
    """Synthetic actuals (tests only) from the shipped plan's own rows: 2021–2023 beside the plan path of every
    numeric indicator (some ahead, some behind, some on it) and the target year for every third one (final
    verdicts), as a frame of indicator_id, year, value."""
    import pandas as pd

    from lishi_metrics.data import db
    from lishi_metrics.data.plans import DOCUMENT_PLAN

    rows = []
    for i, r in enumerate(db.indicator_table(DOCUMENT_PLAN).itertuples()):
        base, target = pd.to_numeric(r.base_value, errors="coerce"), pd.to_numeric(r.target_value, errors="coerce")
        if pd.isna(base) or pd.isna(target):
            continue
        by, ty = int(r.base_year), int(r.target_year)
        lean = (1.04, 0.96, 1.0)[i % 3]
        for year in range(by + 1, min(by + 4, ty)):
            rows.append((r.indicator_id, year, round((base + (target - base) * (year - by) / (ty - by)) * lean, 2)))
        if i % 3 == 0:
            rows.append((r.indicator_id, ty, round(target * (1.03 if i % 2 else 0.97), 2)))
    return pd.DataFrame(rows, columns=["indicator_id", "year", "value"])


def texts(at) -> str:
    """All visible text of an AppTest run, for assertions on what a user reads."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        parts += [str(m.label), str(m.value), str(m.delta or "")]
    for card in tile_cards(at):  # as read (the Markdown blocks above are escaped)
        parts += [card["name"], card["label"], card["tag"], card["value"], *card["lines"], card["help"]]
    for df in at.dataframe:
        parts.append(df.value.to_string())
    for tbl in getattr(at, "table", []):
        parts.append(tbl.value.to_string())
    from lishi_metrics.text.linebreak import as_read

    return as_read("\n".join(parts))  # as read: no-break spaces are spaces, word joiners nothing


_TILE_KEY = re.compile(r"-([a-z-]+-tile)-(.+)--(\w+)-(number|text)-(\w+)$")
_BADGE = re.compile(r"\s*:(\w+)-badge\[(.*)\]$")


def _unmark_joiners(text: str) -> str:
    from lishi_metrics.text.linebreak import as_read

    return as_read(text)


def _unmark(text: str) -> str:
    """Markdown of one tile part as read: escapes, bold markers and line-break joiners (text.linebreak) removed."""
    from lishi_metrics.text.linebreak import as_read

    return re.sub(r"\\(.)", r"\1", as_read(text).replace("**", ""))


def tile_cards(at) -> list[dict]:
    """The tiles drawn by ui.tile in an AppTest run, in order, read back from each tile's container key and its
    one Markdown block (views.tiles.markdown): scope, key, tone, kind, tag kind, name, label, tag, value, lines
    (as read: escapes and bold removed), the block itself and its tooltip."""
    found = []

    def walk(node):
        children = getattr(node, "children", None)
        for child in (children.values() if isinstance(children, dict) else []):
            match = _TILE_KEY.search(str(getattr(getattr(child, "proto", None), "id", "") or ""))
            blocks = [c for c in getattr(child, "children", {}).values() if type(c).__name__ == "Markdown"]
            if match and blocks:
                block = blocks[0]
                head, value, *rest = block.value.split("\n\n")
                name, *second = head.split("  \n")
                label, tag = (second[0] if second else ""), ""
                badge = _BADGE.search(label)
                if badge:
                    label, tag = label[:badge.start()], badge.group(2)
                found.append({
                    "scope": match.group(1), "key": match.group(2), "tone": match.group(3), "kind": match.group(4),
                    "tag_kind": match.group(5), "name": _unmark(name), "label": _unmark(label), "tag": _unmark(tag),
                    "value": _unmark(value), "lines": [_unmark(line) for line in (rest[0].split("  \n") if rest else [])],
                    "markdown": _unmark_joiners(block.value), "help": block.help or "",
                })
            walk(child)

    walk(at._tree)
    return found


os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
# t() raises on a missing key under test (production falls back to the key): a typo fails loudly.
os.environ["LISHI_STRICT_TEXTS"] = "1"
