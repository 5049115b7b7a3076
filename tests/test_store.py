"""Tests of lishi_metrics.actuals.store: versions, history, rollback, atomicity and locking."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import threading
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from lishi_metrics.actuals import store
from lishi_metrics.errors import DataError, LishiError, StoreError


def values(*cells: tuple[str, int, float]) -> pd.DataFrame:
    """A new-values frame as actuals_import.validate produces it."""
    return pd.DataFrame(
        {
            "indicator_id": pd.Series([c[0] for c in cells], dtype=str),
            "year": pd.Series([c[1] for c in cells], dtype="int64"),
            "value": pd.Series([c[2] for c in cells], dtype="float64"),
        }
    )


def snapshot(directory: Path) -> dict[str, str]:
    """sha256 of every file under `directory` (the store's bytes)."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def cells(df: pd.DataFrame) -> dict[tuple[str, int], float]:
    return {(r.indicator_id, int(r.year)): float(r.value) for r in df.itertuples(index=False)}


def commit(store_dir: Path, df: pd.DataFrame, by: str = "测试员") -> int:
    return store.commit_import(store_dir, df, by=by, file_name="actuals.csv", sha256="ab" * 32)


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


def test_new_store_is_version_0_and_empty(store_dir):
    assert store.current_version(store_dir) == 0
    assert store.current_actuals_path(store_dir) is None
    assert store.history(store_dir) == []
    empty = store.current_actuals(store_dir)
    assert empty.empty
    assert list(empty.columns) == list(store.ACTUALS_COLUMNS)
    assert str(empty["year"].dtype) == "int64"
    assert str(empty["value"].dtype) == "float64"
    assert str(empty["growth_cumulative"].dtype) == "bool"
    assert not store_dir.exists(), "reading must not create the store"


def test_accepted_import_reads_back_exactly(store_dir):
    version = commit(store_dir, values(("t_gdp", 2021, 160.25), ("t_count", 2022, 1234.0)))
    assert version == 1
    assert store.current_version(store_dir) == 1
    assert (store_dir / "CURRENT").read_text().split()[0] == "1"  # then the history's checksum, and a check
    df = store.current_actuals(store_dir)
    main = ["indicator_id", "year", "kind", "value", "value_text", "growth_cumulative", "source"]
    assert df[main].to_dict("records") == [
        {
            "indicator_id": "t_count",
            "year": 2022,
            "kind": "actual",
            "value": 1234.0,
            "value_text": "1234",
            "growth_cumulative": False,
            "source": "import-v1",
        },
        {
            "indicator_id": "t_gdp",
            "year": 2021,
            "kind": "actual",
            "value": 160.25,
            "value_text": "160.25",
            "growth_cumulative": False,
            "source": "import-v1",
        },
    ]
    assert df["growth_text"].isna().all() and df["growth_pct"].isna().all()
    assert df.dtypes.astype(str).to_dict() == store.empty_actuals().dtypes.astype(str).to_dict()


def test_current_actuals_path_is_readable_by_duckdb(store_dir):
    commit(store_dir, values(("t_gdp", 2021, 160.25)))
    path = store.current_actuals_path(store_dir)
    assert path == store_dir / "versions" / "v0001.parquet"
    con = duckdb.connect()
    row = con.execute(
        "SELECT indicator_id, year, kind, value, source FROM read_parquet($p)", {"p": str(path)}
    ).fetchall()
    assert row == [("t_gdp", 2021, "actual", 160.25, "import-v1")]


def test_schema_matches_observations_table_when_defined():
    schema = pytest.importorskip("lishi_metrics.data.schema")
    assert store.ACTUALS_SCHEMA.equals(schema.SCHEMAS["observations"])


def test_second_import_merges_and_counts(store_dir):
    commit(store_dir, values(("t_gdp", 2021, 160.0), ("t_share", 2021, 40.0)))
    version = commit(store_dir, values(("t_gdp", 2021, 160.0), ("t_share", 2021, 42.5), ("t_count", 2021, 7.0)))
    assert version == 2
    df = store.current_actuals(store_dir)
    assert cells(df) == {("t_gdp", 2021): 160.0, ("t_share", 2021): 42.5, ("t_count", 2021): 7.0}
    sources = dict(zip(df["indicator_id"], df["source"], strict=True))
    assert sources == {"t_gdp": "import-v1", "t_share": "import-v2", "t_count": "import-v2"}
    last = store.history(store_dir)[-1]
    assert (last["added"], last["changed"], last["unchanged"]) == (1, 1, 1)
    # the earlier version is kept as it was
    v1 = pd.read_parquet(store.version_path(store_dir, 1))
    assert cells(v1) == {("t_gdp", 2021): 160.0, ("t_share", 2021): 40.0}


def test_history_records_each_import(store_dir):
    commit(store_dir, values(("t_gdp", 2021, 1.0), ("t_gdp", 2022, 2.0)), by="  王 五 ")
    store.commit_import(
        store_dir, values(("t_gdp", 2022, 3.0)), by="李四", file_name="/home/x/第二次.xlsx", sha256="cd" * 32
    )
    entries = store.history(store_dir)
    assert [e["version"] for e in entries] == [1, 2]
    first, second = entries
    assert first["by"] == "王 五"
    assert first["file_name"] == "actuals.csv" and first["sha256"] == "ab" * 32
    assert (first["added"], first["changed"], first["unchanged"]) == (2, 0, 0)
    assert first["action"] == "import" and first["rolled_back_to"] is None
    assert second["file_name"] == "第二次.xlsx" and second["by"] == "李四"
    assert (second["added"], second["changed"], second["unchanged"]) == (0, 1, 0)
    assert datetime.fromisoformat(first["time"]).utcoffset().total_seconds() == 0
    # history.json is plain JSON a person can read
    assert json.loads((store_dir / "history.json").read_text(encoding="utf-8")) == entries


def test_rollback_restores_the_earlier_state_exactly(store_dir):
    commit(store_dir, values(("t_gdp", 2021, 160.0), ("t_share", 2021, 40.0)))
    state_v1 = store.current_actuals(store_dir)
    commit(store_dir, values(("t_gdp", 2021, 170.0), ("t_count", 2022, 5.0)))
    files_before = sorted(p.name for p in (store_dir / "versions").iterdir())

    store.rollback(store_dir, 1, by="管理员")

    assert store.current_version(store_dir) == 1
    pd.testing.assert_frame_equal(store.current_actuals(store_dir), state_v1)
    assert sorted(p.name for p in (store_dir / "versions").iterdir()) == files_before, "no new data file"
    entry = store.history(store_dir)[-1]
    assert entry["action"] == "rollback" and entry["rolled_back_to"] == 1 and entry["version"] == 1
    assert entry["by"] == "管理员" and entry["previous_version"] == 2
    assert (entry["added"], entry["changed"], entry["unchanged"], entry["removed"]) == (0, 1, 1, 1)


def test_rollback_to_0_empties_and_import_continues_numbering(store_dir):
    commit(store_dir, values(("t_gdp", 2021, 160.0)))
    commit(store_dir, values(("t_gdp", 2022, 170.0)))
    store.rollback(store_dir, 0, by="管理员")
    assert store.current_version(store_dir) == 0
    assert store.current_actuals_path(store_dir) is None
    pd.testing.assert_frame_equal(store.current_actuals(store_dir), store.empty_actuals())

    version = commit(store_dir, values(("t_count", 2021, 3.0)))
    assert version == 3
    assert cells(store.current_actuals(store_dir)) == {("t_count", 2021): 3.0}
    assert store.history(store_dir)[-1]["added"] == 1


def test_rollback_can_return_to_a_later_version(store_dir):
    commit(store_dir, values(("t_gdp", 2021, 160.0)))
    commit(store_dir, values(("t_gdp", 2021, 170.0)))
    state_v2 = store.current_actuals(store_dir)
    store.rollback(store_dir, 1, by="a")
    store.rollback(store_dir, 2, by="a")
    pd.testing.assert_frame_equal(store.current_actuals(store_dir), state_v2)


@pytest.mark.parametrize("version", [5, -1, 2])
def test_rollback_to_unknown_or_current_version_is_refused(store_dir, version):
    commit(store_dir, values(("t_gdp", 2021, 160.0)))
    commit(store_dir, values(("t_gdp", 2021, 170.0)))
    before = snapshot(store_dir)
    with pytest.raises(store.UnknownVersion) as info:
        store.rollback(store_dir, version, by="a")
    assert isinstance(info.value, StoreError) and isinstance(info.value, ValueError)
    assert snapshot(store_dir) == before


def test_rollback_to_version_0_of_a_new_store_is_refused(store_dir):
    with pytest.raises(store.UnknownVersion, match="already the current version"):
        store.rollback(store_dir, 0, by="a")


@pytest.mark.parametrize(
    "bad",
    [
        values(),
        values(("t_gdp", 2021, 1.0), ("t_gdp", 2021, 2.0)),
        values(("t_gdp", 2021, float("nan"))),
        pd.DataFrame({"indicator_id": ["t_gdp"], "value": [1.0]}),
    ],
)
def test_malformed_values_are_refused_without_writing(store_dir, bad):
    commit(store_dir, values(("t_gdp", 2021, 160.0)))
    before = snapshot(store_dir)
    with pytest.raises(DataError):
        commit(store_dir, bad)
    assert snapshot(store_dir) == before


def test_importer_name_is_required(store_dir):
    with pytest.raises(DataError, match="name"):
        commit(store_dir, values(("t_gdp", 2021, 1.0)), by="  ")
    assert not store_dir.exists()


def test_store_dir_under_a_file_raises_store_error(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="LISHI_STORE_DIR") as info:
        commit(blocker / "store", values(("t_gdp", 2021, 1.0)))
    assert "not writable" in str(info.value)


def test_unwritable_store_dir_raises_store_error(store_dir, monkeypatch):
    commit(store_dir, values(("t_gdp", 2021, 1.0)))
    before = snapshot(store_dir)
    monkeypatch.setattr(store.os, "access", lambda *a, **k: False)
    with pytest.raises(StoreError, match=r"not writable: set LISHI_STORE_DIR to a writable directory"):
        commit(store_dir, values(("t_gdp", 2021, 2.0)))
    with pytest.raises(StoreError):
        store.rollback(store_dir, 0, by="a")
    assert snapshot(store_dir) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores permission bits")
def test_read_only_store_dir_raises_store_error(store_dir):
    commit(store_dir, values(("t_gdp", 2021, 1.0)))
    os.chmod(store_dir, 0o555)
    try:
        with pytest.raises(StoreError, match="not writable"):
            commit(store_dir, values(("t_gdp", 2021, 2.0)))
    finally:
        os.chmod(store_dir, 0o755)


def test_a_failed_write_leaves_the_current_state_and_no_temp_files(store_dir, monkeypatch):
    commit(store_dir, values(("t_gdp", 2021, 1.0)))
    state = store.current_actuals(store_dir)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_append_history", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        commit(store_dir, values(("t_gdp", 2021, 2.0)))
    monkeypatch.undo()
    assert store.current_version(store_dir) == 1
    pd.testing.assert_frame_equal(store.current_actuals(store_dir), state)
    assert not [p for p in store_dir.rglob("*.tmp")]
    # the orphan data file of the failed attempt is never reused
    assert commit(store_dir, values(("t_gdp", 2021, 3.0))) == 3


def test_a_write_that_fails_verification_is_not_installed(store_dir, monkeypatch):
    original = store.pq.read_table
    monkeypatch.setattr(store.pq, "read_table", lambda path, *a, **k: original(path).slice(0, 0))
    with pytest.raises(StoreError, match="verification"):
        commit(store_dir, values(("t_gdp", 2021, 2.0)))
    monkeypatch.undo()
    assert store.current_version(store_dir) == 0
    assert list((store_dir / "versions").iterdir()) == []


def test_damaged_current_file_is_reported_and_the_committed_version_served(store_dir):
    commit(store_dir, values(("t_gdp", 2021, 1.0)))
    (store_dir / "CURRENT").write_text("garbage")
    state = store.health(store_dir)
    assert [(d.kind, d.reason) for d in state.damage] == [("current", "unreadable")]
    assert state.current == state.served == 1  # the history's last entry names it
    assert store.current_actuals(store_dir)["value"].tolist() == [1.0]
    (store_dir / "CURRENT").write_text("9\n")
    state = store.health(store_dir)
    assert ("version", "missing", 9) in [(d.kind, d.reason, d.version) for d in state.damage]
    assert state.current == 9 and state.served == 1 and state.degraded


def test_default_store_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("LISHI_STORE_DIR", str(tmp_path))
    assert store.default_store_dir() == tmp_path
    monkeypatch.delenv("LISHI_STORE_DIR")
    assert store.default_store_dir() == Path(store.__file__).resolve().parents[2] / "data" / "local"


def test_errors_are_package_errors():
    assert issubclass(StoreError, LishiError) and issubclass(store.UnknownVersion, LishiError)


def test_two_threads_importing_at_once_make_two_clean_versions(store_dir):
    barrier = threading.Barrier(2)
    results: dict[str, int] = {}
    errors: list[BaseException] = []

    def worker(name: str, indicator_id: str, value: float) -> None:
        try:
            barrier.wait()
            results[name] = commit(store_dir, values((indicator_id, 2021, value)), by=name)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [
        threading.Thread(target=worker, args=("a", "t_gdp", 160.0)),
        threading.Thread(target=worker, args=("b", "t_count", 7.0)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sorted(results.values()) == [1, 2]
    assert store.current_version(store_dir) == 2
    assert cells(store.current_actuals(store_dir)) == {("t_gdp", 2021): 160.0, ("t_count", 2021): 7.0}
    entries = store.history(store_dir)
    assert [e["version"] for e in entries] == [1, 2]
    assert [e["added"] for e in entries] == [1, 1]
    first_by = entries[0]["by"]
    v1 = pd.read_parquet(store.version_path(store_dir, 1))
    assert cells(v1) == ({("t_gdp", 2021): 160.0} if first_by == "a" else {("t_count", 2021): 7.0})


def _import_in_child(store_dir: str, barrier) -> None:
    barrier.wait()
    commit(Path(store_dir), values(("t_share", 2022, 55.5)), by="child")


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_a_second_process_importing_at_once_is_serialised(store_dir):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    child = ctx.Process(target=_import_in_child, args=(str(store_dir), barrier))
    child.start()
    try:
        barrier.wait(timeout=60)
        mine = commit(store_dir, values(("t_gdp", 2022, 170.0)), by="parent")
    finally:
        child.join(60)
    assert child.exitcode == 0
    assert mine in (1, 2)
    assert store.current_version(store_dir) == 2
    assert cells(store.current_actuals(store_dir)) == {("t_share", 2022): 55.5, ("t_gdp", 2022): 170.0}
    assert sorted(e["by"] for e in store.history(store_dir)) == ["child", "parent"]
    assert sorted(p.name for p in (store_dir / "versions").iterdir()) == [
        "v0001.manifest.json", "v0001.parquet", "v0002.manifest.json", "v0002.parquet"]
