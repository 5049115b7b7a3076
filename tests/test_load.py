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


def test_ten_sessions_through_nginx_on_two_replicas_have_no_errors_and_memory_does_not_grow(tmp_path):
    """The recommended deployment (docs/deployment.md): two app processes behind nginx, config from deploy/."""
    with served_replicas(2, env={"LISHI_STORE_DIR": str(tmp_path / "store")}) as server:
        assert server.base_url.endswith("/lishi") and server.proxy_pid
        report = loadtest.run_load(server.base_url, pages=("scenario", "overview"), sessions=10, duration=15,
                                   rounds=2, server_pid=server.pids, proxy_pid=server.proxy_pid, run_timeout=90)
    summary = report.summary()
    print(summary)
    assert not report.errors, summary
    first, second = report.rounds
    for r in report.rounds:
        assert all(p["reruns"] > 0 for p in r.per_page.values()), f"a page was never rerun:\n{summary}"
        # The route cookie spread the ten sessions (all from 127.0.0.1) over both replicas.
        assert len(r.server_cpu_per_process_s) == 2 and min(r.server_cpu_per_process_s) > 0.3, summary
    # Widgets were really moved on the scenario page (its sliders and inputs), not plain reruns.
    assert set(first.per_page["scenario"]["moved"]) & {"slider", "number_input", "selectbox"}, summary
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
