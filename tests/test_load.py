"""Load, short form: 10 WebSocket sessions move widgets on the scenario and overview pages for 15 s, twice,
through nginx on two replicas (the recommended deployment).

The full form (30 sessions × 60 s, three rounds) runs from the benchmark: scripts/loadtest.py.
"""

from __future__ import annotations

import importlib.util
import sys
from urllib.parse import urlparse

import pytest

from browser import REPO, served, served_replicas

# Run while other tests run (scripts/dev.sh test starts this file in a pytest of its own beside the xdist run): the
# tests check errors and memory, not speed. The sessions think a second between actions, so the test keeps a third
# of a core busy (~19 s of CPU in ~50 s) and a shared CPU only makes each run slower, well inside run_timeout; the
# memory check compares the server's own RSS between its rounds.
pytestmark = pytest.mark.slow


def _loadtest():
    """scripts/loadtest.py as a module (scripts/ is not a package; the benchmark imports it the same way)."""
    if "loadtest" in sys.modules:
        return sys.modules["loadtest"]
    spec = importlib.util.spec_from_file_location("loadtest", REPO / "scripts" / "loadtest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["loadtest"] = module
    spec.loader.exec_module(module)
    return module


loadtest = _loadtest()


def test_loadtest_refuses_non_loopback_targets():
    for url in ("http://10.1.2.3:8501", "http://example.org", "https://127.0.0.1:8501"):
        with pytest.raises(loadtest.LoopbackOnly):
            loadtest.check_loopback(url)
    assert loadtest.check_loopback("http://127.0.0.1:8501/") == "http://127.0.0.1:8501"


def _w(kind: str, name: str, fragment: str = "", sidebar: bool = False):
    return loadtest.Widget(f"$$ID-0123-{name}", kind, None, fragment, sidebar)


def test_a_viewer_moves_the_pages_controls_else_the_language_switch():
    """choose_widgets: the main area's value widgets; on a page without them (the overview), the language
    switch; never the sidebar's plan chooser, which is navigation."""
    plan, lang = _w("selectbox", "_plan_switch", sidebar=True), _w("button_group", "_lang_switch", sidebar=True)
    slider, pills = _w("slider", "sim_g_all", "frag1"), _w("button_group", "sim_preset", "frag1")
    assert loadtest.choose_widgets([plan, lang, slider, pills]) == [slider]
    assert loadtest.choose_widgets([plan, lang]) == [lang]
    assert loadtest.choose_widgets([plan, pills]) == [pills]
    assert loadtest.choose_widgets([plan]) == []


def test_a_fragment_run_redraws_only_its_own_widgets():
    """current_widgets: after a fragment run the page's other widgets stay; after a page run, the run's."""
    page_w, old, new = _w("button_group", "_lang_switch", sidebar=True), _w("slider", "a", "f"), _w("slider", "b", "f")
    fragment_run = loadtest.RunOutcome(0.1, [], [new], 3, fragment_id="f")
    assert loadtest.current_widgets([page_w, old], fragment_run) == [page_w, new]
    page_run = loadtest.RunOutcome(0.1, [], [new], 3)
    assert loadtest.current_widgets([page_w, old], page_run) == [new]
    assert loadtest.current_widgets([page_w], loadtest.RunOutcome(0.1, [], [], 0)) == [page_w]


def _periods(store_dir, tmp_path) -> None:
    """Issue 26's year-to-date figures in the store, so the 经济运行 page under load draws its table and charts."""
    from test_cli_periods import filled

    from lishi_metrics.cli import main as cli

    mp = pytest.MonkeyPatch()
    mp.setenv("LISHI_STORE_DIR", str(store_dir))
    try:
        assert cli.main(["periods", "import", str(filled(tmp_path / "periods.xlsx")), "--by", "load"]) == 0
    finally:
        mp.undo()


def test_ten_sessions_through_nginx_on_two_replicas_have_no_errors_and_memory_does_not_grow(tmp_path):
    """The recommended deployment (docs/deployment.md): two app processes behind nginx, config from deploy/."""
    _periods(tmp_path / "store", tmp_path)
    with served_replicas(2, env={"LISHI_STORE_DIR": str(tmp_path / "store")}) as server:
        assert server.base_url.endswith("/lishi") and server.proxy_pid
        report = loadtest.run_load(server.base_url, pages=loadtest.DEFAULT_PAGES, sessions=10, duration=15,
                                   rounds=2, server_pid=server.pids, proxy_pid=server.proxy_pid, run_timeout=90)
    summary = report.summary()
    print(summary)
    assert not report.errors, summary
    first, second = report.rounds
    for r in report.rounds:
        assert all(p["reruns"] > 0 for p in r.per_page.values()), f"a page was never rerun:\n{summary}"
        # The route cookie spread the ten sessions (all from 127.0.0.1) over both replicas.
        assert len(r.server_cpu_per_process_s) == 2 and min(r.server_cpu_per_process_s) > 0.3, summary
    # Widgets were really moved on the scenario page (its sliders and inputs), not plain reruns, and as in the
    # browser each reran the page's fragment (its controls and results), not the page.
    scenario = first.per_page["scenario"]
    assert set(scenario["moved"]) & {"slider", "number_input", "selectbox"}, summary
    assert scenario["fragment_reruns"] == scenario["reruns"], summary
    # The overview's viewers switch the language (the mix), not the sidebar's plan chooser.
    assert first.per_page["overview"]["moved"] == {"button_group": first.per_page["overview"]["reruns"]}, summary
    assert first.per_page["overview"]["fragment_reruns"] == 0, summary
    # 经济运行 (issue 26) is in the mix: its viewers pick the year and the period (selectbox, pills).
    assert set(first.per_page["economy"]["moved"]) & {"selectbox", "button_group"}, summary
    # Caches are bounded: the second round (same pages, new sessions; the first round's sessions are
    # still kept for server.disconnectedSessionTTL) may not keep adding memory.
    assert second.rss_after_mb <= first.rss_after_mb * 1.15, summary


def test_one_server_without_replicas_behaves_as_before(tmp_path):
    """`--serve` without --replicas: one process, reached directly, its pid measured."""
    with served(env={"LISHI_STORE_DIR": str(tmp_path / "store")}) as base:
        pid = loadtest.server_pid_for_port(urlparse(base).port)
        assert pid, "could not find the server process by its port"
        report = loadtest.run_load(base, pages=("overview",), sessions=2, duration=3, rounds=1, server_pid=pid,
                                   run_timeout=90)
    assert not report.errors, report.summary()
    r = report.rounds[0]
    assert r.reruns > 0 and r.server_cpu_s > 0 and r.proxy_cpu_s is None and r.server_cpu_per_process_s is None
