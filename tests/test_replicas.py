"""Scaling out: two app processes on two loopback ports share one store directory.

Two imports started at once (the command-line import, as an administrator on each replica's host would
run it) end as two clean versions, because the store's file lock holds across processes; both replicas
then show the same data without a restart.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import filelock
import pandas as pd
import pytest

from lishi_metrics.actuals import store

from browser import REPO, served

pytestmark = pytest.mark.slow  # two app servers on free loopback ports of their own, CLI imports under strace

# Two different cells, so a lost update (the second import merged over a stale base) would show.
IMPORTS = {
    "张三": ("gdp.csv", "indicator_id,2021\nfyp14_gdp,170.2\n", ("fyp14_gdp", 2021, 170.2)),
    "李四": ("urban.csv", "indicator_id,2021\nfyp14_urbanization_rate,74.1\n", ("fyp14_urbanization_rate", 2021, 74.1)),
}


def _loadtest():
    if "loadtest" in sys.modules:
        return sys.modules["loadtest"]
    spec = importlib.util.spec_from_file_location("loadtest", REPO / "scripts" / "loadtest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["loadtest"] = module
    spec.loader.exec_module(module)
    return module


def _cli_env(store_dir: Path) -> dict:
    env = {**os.environ, "LISHI_STORE_DIR": str(store_dir)}
    env.pop("LISHI_DATA_DIR", None)
    return env


def _refused_the_lock(trace: Path) -> bool:
    """Whether an strace log shows a non-blocking flock() refused: the process is waiting for the lock."""
    try:
        text = trace.read_text(errors="replace")
    except FileNotFoundError:
        return False
    return any("flock(" in line and ("EAGAIN" in line or "EWOULDBLOCK" in line) for line in text.splitlines())


def _require_strace() -> None:
    if shutil.which("strace"):
        return
    if os.environ.get("CI"):
        pytest.fail("strace is required (scripts/dev.sh test installs it)")
    pytest.skip("no strace")


def test_simultaneous_imports_on_two_replicas_end_as_two_clean_versions(tmp_path):
    _require_strace()
    loadtest = _loadtest()
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    env = {"LISHI_STORE_DIR": str(store_dir)}
    with served(env=env) as first, served(env=env) as second:
        for base in (first, second):
            text, errors = loadtest.page_text(base, "overview")
            assert not errors and "154.7" in text and "170.2" not in text

        # Hold the store's lock while both imports start, until strace shows each of them refused by
        # the lock (inside the import, waiting for it, at the same moment); then let them race for it.
        lock = filelock.FileLock(store_dir / store.LOCK_FILE)
        procs, traces = {}, {}
        with lock:
            for file_name, content, _ in IMPORTS.values():
                (tmp_path / file_name).write_text(content, encoding="utf-8")
            for name, (file_name, _, _) in IMPORTS.items():
                traces[name] = tmp_path / f"flock-{file_name}.trace"
                procs[name] = subprocess.Popen(
                    ["strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=flock", "-o", str(traces[name]),
                     sys.executable, "-m", "lishi_metrics", "import", str(tmp_path / file_name), "--by", name],
                    cwd=REPO, env=_cli_env(store_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            deadline = time.monotonic() + 25  # the store's lock timeout is 30 s
            while not all(_refused_the_lock(t) for t in traces.values()):
                ended = {n: p.communicate() for n, p in procs.items() if p.poll() is not None}
                assert not ended, f"an import ended before waiting for the lock: {ended}"
                assert time.monotonic() < deadline, "the imports did not reach the store lock in time"
                time.sleep(0.05)
            assert store.current_version(store_dir) == 0 and not (store_dir / store.HISTORY_FILE).exists()
        results = {name: p.communicate(timeout=60) for name, p in procs.items()}
        for name, p in procs.items():
            assert p.returncode == 0, f"{name}: {results[name]}"

        # Two clean versions: 1 and 2, one per import, the second merged over the first.
        assert store.current_version(store_dir) == 2
        history = store.history(store_dir)
        assert [e["version"] for e in history] == [1, 2]
        assert [e["previous_version"] for e in history] == [0, 1]
        assert {e["by"] for e in history} == set(IMPORTS)
        # Each version is its data file and the manifest that seals it (issue 23), nothing else.
        assert sorted(p.name for p in (store_dir / store.VERSIONS_DIR).iterdir()) == [
            "v0001.manifest.json", "v0001.parquet", "v0002.manifest.json", "v0002.parquet"]
        assert not [p for p in store_dir.rglob("*.tmp")], "a temporary file was left behind"
        json.loads((store_dir / store.HISTORY_FILE).read_text(encoding="utf-8"))
        cells = store.current_actuals(store_dir).set_index(["indicator_id", "year"])["value"].to_dict()
        assert cells == {(i, y): v for _, _, (i, y, v) in IMPORTS.values()}

        # The query command sees both imports.
        query = subprocess.run(
            [sys.executable, "-m", "lishi_metrics", "query",
             "SELECT indicator_id, year, value, source FROM observations WHERE source LIKE 'import-%' "
             "ORDER BY indicator_id"],
            cwd=REPO, env=_cli_env(store_dir), capture_output=True, text=True, timeout=120)
        assert query.returncode == 0, query.stderr
        rows = pd.read_csv(io.StringIO(query.stdout))
        assert sorted(zip(rows["indicator_id"], rows["year"], rows["value"])) == sorted(
            cell for _, _, cell in IMPORTS.values())
        assert set(rows["source"]) == {"import-v1", "import-v2"}

        # Both replicas, still running, show the imported values, and the same page.
        pages = []
        for base in (first, second):
            text, errors = loadtest.page_text(base, "overview")
            assert not errors, errors
            assert "170.2" in text and "74.1" in text, f"{base} does not show the imports"
            pages.append(text)
        assert pages[0] == pages[1], "the two replicas show different overview pages"
