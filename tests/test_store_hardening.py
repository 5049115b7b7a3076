"""The store survives a writer killed at any step, keeps its files private, and stores no control characters
(issue 15 items 4, 6 and 7)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from lishi_metrics.actuals import fileio, store

# Full suite only: scripts/dev.sh check (the fast lane) leaves this module out, as its tests kill writers at every step and run the CLI as other users.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent


def values(*cells: tuple[str, int, float]) -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": [c[0] for c in cells], "year": [c[1] for c in cells],
                         "value": [float(c[2]) for c in cells]})


# A child process that runs one mutation and kills itself with SIGKILL just before or just after the n-th
# rename (os.replace) of the store's atomic writer: version file, its manifest, history.json, CURRENT for an import.
CHILD = r"""
import os, signal, sys
import pandas as pd
from lishi_metrics.actuals import fileio, store


action, when, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
real_replace, calls = fileio.os.replace, [0]

def replace(src, dst):
    calls[0] += 1
    if calls[0] == n and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)
    if calls[0] == n and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)

fileio.os.replace = replace
if action == "import":
    frame = pd.DataFrame({"indicator_id": ["t_gdp", "t_new"], "year": [2022, 2022], "value": [120.0, 7.0]})
    store.commit_import(sys.argv[1], frame, by="child", file_name="child.csv", sha256="c" * 64)
else:
    store.rollback(sys.argv[1], 0, by="child")
sys.exit(0)
"""

STEPS = [("import", w, n) for n in (1, 2, 3, 4) for w in ("before", "after")] + [
    ("rollback", w, n) for n in (1, 2) for w in ("before", "after")]


@pytest.mark.parametrize("action, when, n", STEPS, ids=[f"{a}-{w}-{n}" for a, w, n in STEPS])
def test_a_writer_killed_at_any_step_leaves_a_consistent_store(tmp_path, action, when, n):
    directory = tmp_path / "store"
    store.commit_import(directory, values(("t_gdp", 2021, 110.0)), by="a", file_name="a.csv", sha256="a" * 64)
    before = store.current_actuals(directory)
    proc = subprocess.run([sys.executable, "-c", CHILD, str(directory), action, when, str(n)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9, proc.stderr  # killed, not finished
    committed = (action, when, n) in {("import", "after", 4), ("rollback", "after", 2)}

    version = store.current_version(directory)
    entries = store.history(directory)
    assert entries[-1]["version"] == version, "history must name the version CURRENT names"
    if committed:
        assert len(entries) == 2 and entries[-1]["by"] == "child"
        assert version == (2 if action == "import" else 0)
    else:
        assert version == 1 and len(entries) == 1
        pd.testing.assert_frame_equal(store.current_actuals(directory), before)

    # The next mutation cleans up what the killed one left and continues the numbering.
    new = store.commit_import(directory, values(("t_gdp", 2023, 130.0)), by="b", file_name="b.csv",
                              sha256="b" * 64)
    assert new > max(1, version)
    assert not list(directory.rglob("*.tmp")), list(directory.rglob("*"))
    entries = store.history(directory)
    assert entries[-1]["version"] == new == store.current_version(directory)
    assert [e["by"] for e in entries] == (["a", "child", "b"] if committed else ["a", "b"])
    assert store.current_actuals(directory).query("year == 2023")["value"].tolist() == [130.0]


def test_stale_temp_files_are_removed_under_the_lock(tmp_path):
    directory = tmp_path / "store"
    store.commit_import(directory, values(("t_gdp", 2021, 1.0)), by="a", file_name="a.csv", sha256="a" * 64)
    stale = [directory / ".CURRENT.x1.tmp", directory / "versions" / ".v0002.parquet.x2.tmp"]
    for p in stale:
        p.write_bytes(b"half")
    store.rollback(directory, 0, by="a")
    assert not any(p.exists() for p in stale)


def test_store_files_are_private(tmp_path):
    directory = tmp_path / "store"
    store.commit_import(directory, values(("t_gdp", 2021, 1.0)), by="a", file_name="a.csv", sha256="a" * 64)
    store.rollback(directory, 0, by="a")
    modes = {str(p.relative_to(directory)): stat.S_IMODE(p.stat().st_mode) for p in directory.rglob("*")}
    assert modes == {"versions": 0o700, "versions/v0001.parquet": 0o600, "versions/v0001.manifest.json": 0o600,
                     "history.json": 0o600,
                     "CURRENT": 0o600, ".lock": 0o600}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root (to act as two users)")
def test_the_cli_run_as_root_leaves_files_the_service_user_can_read_and_write():
    """The store belongs to the service user (here: nobody); root imports through the CLI; the service user
    must then be able to read every file and to take the lock and write the next version."""
    uid, gid = 65534, 65534
    base = Path(tempfile.mkdtemp(prefix="lishi-store-"))
    try:
        base.chmod(0o755)
        directory = base / "store"
        directory.mkdir(mode=0o750)
        os.chown(directory, uid, gid)
        upload = base / "a.csv"
        upload.write_text("indicator_id,2021\nfyp14_gdp,170.2\n", encoding="utf-8")
        env = {**os.environ, "LISHI_STORE_DIR": str(directory)}
        proc = subprocess.run([sys.executable, "-m", "lishi_metrics", "import", str(upload), "--by", "root"],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        owners = {str(p.relative_to(directory)): (p.stat().st_uid, p.stat().st_gid) for p in directory.rglob("*")}
        assert owners and set(owners.values()) == {(uid, gid)}, owners
        # The venv's interpreter lives under /root here, out of the service user's reach: check with the shell
        # what the service does (read every file, open the lock and the history for writing, add files).
        as_service = ('cd "$1" && cat CURRENT history.json versions/*.parquet > /dev/null && test -w .lock '
                      '&& test -w history.json && test -w versions && test -w . && echo ok')
        proc = subprocess.run(["/bin/sh", "-c", as_service, "sh", str(directory)], user=uid, group=gid,
                              extra_groups=[], capture_output=True, text=True, timeout=60)
        assert proc.stdout.strip() == "ok", proc.stderr
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)


# --------------------------------------------------------------------------------------- control characters

HOSTILE = "x\x1b]0;PWNED\x07y\u202egnp.exe\r\n\x00z"


def test_control_characters_are_stripped_when_stored(tmp_path):
    directory = tmp_path / "store"
    store.commit_import(directory, values(("t_gdp", 2021, 1.0)), by=HOSTILE, file_name=f"dir/{HOSTILE}.csv",
                        sha256="a" * 64)
    entry = store.history(directory)[-1]
    assert entry["by"] == "x]0;PWNEDygnp.exe z"
    assert entry["file_name"] == "x]0;PWNEDygnp.exe z.csv"
    raw = (directory / "history.json").read_text(encoding="utf-8")
    assert "\\u001b" not in raw and "\x1b" not in raw and "\\u202e" not in raw.lower()


def test_cli_history_prints_no_control_characters_even_from_an_old_store(tmp_path, monkeypatch, capsys):
    """A store written before the fix may hold raw escape codes: `history` strips them again when printing."""
    import argparse

    from lishi_metrics.cli import store as cli_store

    directory = tmp_path / "store"
    store.commit_import(directory, values(("t_gdp", 2021, 1.0)), by="a", file_name="a.csv", sha256="a" * 64)
    entries = json.loads((directory / "history.json").read_text(encoding="utf-8"))
    entries[-1]["by"], entries[-1]["file_name"] = HOSTILE, HOSTILE
    for e in entries:
        e.pop("files", None)
    (directory / "history.json").write_text(json.dumps(entries), encoding="utf-8")
    # as the store wrote it before issue 23: no manifests, CURRENT without checksums
    for manifest in (directory / "versions").glob("*.manifest.json"):
        manifest.unlink()
    (directory / "CURRENT").write_text("1\n")
    monkeypatch.setenv("LISHI_STORE_DIR", str(directory))
    parser = argparse.ArgumentParser()
    cli_store.register(parser.add_subparsers(dest="command", required=True), lambda: pd.DataFrame())
    args = parser.parse_args(["history"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "PWNED" in out
    assert not [c for c in out if c not in "\n\t" and (ord(c) < 32 or ord(c) == 0x7F or c == "\u202e")]


def test_strip_controls_and_neutralise():
    assert fileio.strip_controls("a\x1b[31mb\x9bc\u200ed") == "a[31mbcd"
    assert fileio.neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [fileio.neutralise(v) for v in ("+1", "-2", "@SUM(A1)", "\tx", "\rx", "ok", 5, -3.0)] == [
        "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "ok", 5, -3.0]
