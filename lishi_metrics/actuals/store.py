"""The versioned, writable store of imported yearly actuals (versions, history, rollback).

Length (about 610 lines): every write path (import, plan import, removal, rollback) keeps the same
invariants under one lock (never rewrite a version, publish the pointer last, survive a kill at any step);
kept in one module so those invariants are read and tested together (tests/test_store_hardening.py).

Layout of a store directory::

    versions/v0001.parquet …  every imported actual observation as of that version (never rewritten)
    versions/v0001.plans.parquet, .indicators.parquet, .plan_observations.parquet
                              the imported plans as of that version (only once a plan was imported; every later
                              version carries them, so a rollback restores plans and actuals together)
    history.json              one entry per import or rollback, oldest first
    CURRENT                   the current version number (0 = no imported data); replaced last
    .lock                     the cross-process lock every mutation holds

Readers take no lock: data files are immutable and CURRENT changes atomically, so a reader sees
either the old or the new version, never a mix.

A mutation writes, in this order, the new version file (imports only), history.json with the new entry,
and CURRENT. CURRENT is the commit point: a process killed before it leaves CURRENT as it was, and
`history` then drops the trailing entry that names another version than CURRENT (each entry's `version`
is the version it made current, and consecutive entries never name the same one). Temporary files left
by a killed writer are removed under the lock by the next mutation. Every file is created with mode 0600
(directories 0700); a root process writing into a store owned by the service user gives the new files to
that user, so the service can always read what the CLI stored.

The store keeps versions of one table (imported actual observations); `commit_import` and `rollback` are
the only mutations and share `_locked`, `_append_history` and the commit order above.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import filelock
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lishi_metrics import config
from lishi_metrics.actuals import fileio
from lishi_metrics.errors import DataError, StoreError

STORE_ENV = "LISHI_STORE_DIR"
LOCK_TIMEOUT = 30.0
CURRENT_FILE = "CURRENT"
HISTORY_FILE = "history.json"
VERSIONS_DIR = "versions"
LOCK_FILE = ".lock"

# Same columns and types as the observations table, so the data layer can UNION the two.
ACTUALS_SCHEMA = pa.schema(
    [
        ("indicator_id", pa.string()),
        ("year", pa.int64()),
        ("kind", pa.string()),
        ("value", pa.float64()),
        ("value_text", pa.string()),
        ("growth_pct", pa.float64()),
        ("growth_text", pa.string()),
        ("growth_cumulative", pa.bool_()),
        ("source", pa.string()),
    ]
)
ACTUALS_COLUMNS = tuple(ACTUALS_SCHEMA.names)

_VERSION_FILE_RE = re.compile(r"^v(\d{4,})\.parquet$")
# Tables of imported plans stored beside each version's actuals (columns as the data layer's tables).
PLAN_TABLES = ("plans", "indicators", "plan_observations")
# History actions that create a version (a rollback only points back at one).
VERSION_ACTIONS = ("import", "plan_import", "plan_remove")


class UnknownVersion(StoreError, ValueError):
    """A rollback named a version that the store does not have."""


def default_store_dir() -> Path:
    """The store directory: $LISHI_STORE_DIR, else <repo>/data/local/ (the one lookup lives in config)."""
    return config.store_dir()


def import_source(version: int) -> str:
    """The `source` value of observations stored by import `version`, e.g. 'import-v3'."""
    return f"import-v{version}"


def version_path(store_dir: str | os.PathLike[str], version: int) -> Path:
    """Path of the data file of `version` (which may not exist)."""
    return Path(store_dir) / VERSIONS_DIR / f"v{version:04d}.parquet"


def plan_table_path(store_dir: str | os.PathLike[str], version: int, table: str) -> Path:
    """Path of one imported-plan table of `version` (which may not exist)."""
    return Path(store_dir) / VERSIONS_DIR / f"v{version:04d}.{table}.parquet"


# ---------------------------------------------------------------- reading


def current_version(store_dir: str | os.PathLike[str]) -> int:
    """The current version number; 0 when nothing has been imported (or the store does not exist)."""
    path = Path(store_dir) / CURRENT_FILE
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise StoreError(
            f"cannot read {path}: {exc.strerror or exc}; check the permissions of the store directory"
        ) from exc
    if not text.isdigit():
        raise StoreError(
            f"store file {path} is damaged (expected a version number, found {text[:20]!r}); "
            "roll back to a known version or restore it from a backup"
        )
    return int(text)


def current_actuals_path(store_dir: str | os.PathLike[str]) -> Path | None:
    """The Parquet file of the current version (for DuckDB), or None when the current version is 0."""
    version = current_version(store_dir)
    if version == 0:
        return None
    path = version_path(store_dir, version)
    if not path.is_file():
        raise StoreError(
            f"store is damaged: {Path(store_dir) / CURRENT_FILE} names version {version} but {path} "
            "is missing; roll back to an existing version or restore the file from a backup"
        )
    return path


def current_plan_paths(store_dir: str | os.PathLike[str]) -> dict[str, Path] | None:
    """The imported-plan tables of the current version ({table: path}), or None when it has none."""
    version = current_version(store_dir)
    if version == 0:
        return None
    paths = {name: plan_table_path(store_dir, version, name) for name in PLAN_TABLES}
    present = [p.is_file() for p in paths.values()]
    if not any(present):
        return None
    if not all(present):
        raise StoreError(
            f"store is damaged: version {version} lacks some of its plan files ({', '.join(PLAN_TABLES)}); "
            "roll back to another version or restore the files from a backup"
        )
    return paths


def current_plan_tables(store_dir: str | os.PathLike[str]) -> dict[str, pa.Table] | None:
    """The imported-plan tables of the current version, or None when no plan has been imported."""
    paths = current_plan_paths(store_dir)
    if paths is None:
        return None
    out = {}
    for name, path in paths.items():
        try:
            out[name] = pq.read_table(path)
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"store file {path} is unreadable ({exc}); roll back to another version") from exc
    return out


def empty_actuals() -> pd.DataFrame:
    """An empty actuals DataFrame with the store's columns and dtypes."""
    return ACTUALS_SCHEMA.empty_table().to_pandas()


def current_actuals(store_dir: str | os.PathLike[str]) -> pd.DataFrame:
    """All imported actual observations of the current version (empty DataFrame when there are none)."""
    path = current_actuals_path(store_dir)
    if path is None:
        return empty_actuals()
    return _read_version_file(path).to_pandas()


def history(store_dir: str | os.PathLike[str]) -> list[dict]:
    """The committed history entries, oldest first ([] when the store is new).

    An entry written by a mutation that was killed before it replaced CURRENT is not returned (see the
    module docstring): CURRENT is read first, so a concurrent mutation cannot make this drop a committed one.
    """
    current = current_version(store_dir)
    entries = _history_file(store_dir)
    if entries and _count(entries[-1].get("version")) != current:
        entries = entries[:-1]
    return entries


def _count(value: object) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return -1


def _history_file(store_dir: str | os.PathLike[str]) -> list[dict]:
    path = Path(store_dir) / HISTORY_FILE
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StoreError(
            f"cannot read {path}: {exc.strerror or exc}; check the permissions of the store directory"
        ) from exc
    try:
        entries = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise StoreError(f"store file {path} is damaged ({exc}); restore it from a backup") from exc
    if not isinstance(entries, list):
        raise StoreError(f"store file {path} is damaged (expected a list); restore it from a backup")
    return entries


def _read_version_file(path: Path) -> pa.Table:
    try:
        table = pq.read_table(path)
    except OSError as exc:
        raise StoreError(
            f"cannot read {path}: {exc}; restore it from a backup or roll back to another version"
        ) from exc
    except pa.ArrowException as exc:
        raise StoreError(f"store file {path} is damaged ({exc}); roll back to another version") from exc
    if not table.schema.equals(ACTUALS_SCHEMA):
        try:
            table = table.select(list(ACTUALS_COLUMNS)).cast(ACTUALS_SCHEMA)
        except (KeyError, pa.ArrowException) as exc:
            raise StoreError(
                f"store file {path} does not have the expected columns ({exc}); roll back to another version"
            ) from exc
    return table


# ---------------------------------------------------------------- writing


def commit_import(
    store_dir: str | os.PathLike[str],
    new_values_df: pd.DataFrame,
    by: str,
    file_name: str,
    sha256: str,
) -> int:
    """Store validated values as a new version merged over the current one; return its number.

    Args:
        store_dir: the store directory (created when missing).
        new_values_df: columns indicator_id, year, value (one row per non-empty uploaded cell).
        by: the importer's name (free text, required).
        file_name: the uploaded file's name (only its last component is kept).
        sha256: hex checksum of the uploaded bytes.

    Returns:
        The new version number (max existing + 1).

    Raises:
        DataError: the values are malformed (missing columns, NULL values, duplicate cells) or `by` is empty.
        StoreError: the store cannot be written or is locked by another import for too long.
    """
    by = _clean_name(by)
    incoming = _clean_values(new_values_df)
    store = Path(store_dir)

    def mutate() -> int:
        base_version = current_version(store)
        base = current_actuals(store)
        old = {(r.indicator_id, int(r.year)): r for r in base.itertuples(index=False)}
        version = _next_version(store)
        source = import_source(version)
        rows = {key: _row_dict(r) for key, r in old.items()}
        added = changed = unchanged = 0
        for indicator_id, year, value in incoming:
            key = (indicator_id, year)
            previous = old.get(key)
            if previous is None:
                added += 1
            elif float(previous.value) == value:
                unchanged += 1
                continue  # keep the import that first stored this value as its source
            else:
                changed += 1
            rows[key] = _new_row(indicator_id, year, value, source)
        table = _to_table([rows[key] for key in sorted(rows)])
        _carry_plans(store, base_version, version)
        _write_parquet(version_path(store, version), table)
        _append_history(
            store,
            {
                "version": version,
                "time": _now(),
                "by": by,
                "file_name": printable(Path(str(file_name)).name),
                "sha256": str(sha256),
                "added": added,
                "changed": changed,
                "unchanged": unchanged,
                "removed": 0,
                "action": "import",
                "rolled_back_to": None,
                "previous_version": base_version,
            },
        )
        _write_text(store / CURRENT_FILE, f"{version}\n")
        return version

    return _locked(store, mutate)


def printable(text: object, limit: int = 200) -> str:
    """A stored name or file name as it may be shown or printed: no control characters, one line, capped."""
    return " ".join(fileio.strip_controls(text).split())[:limit]


def rollback(store_dir: str | os.PathLike[str], to_version: int, by: str) -> None:
    """Make `to_version` (0 = no imported data) current again, recording it in the history.

    No data file is written: CURRENT points back at the earlier version's file, so the earlier
    state is restored exactly.

    Raises:
        UnknownVersion: `to_version` is not 0 nor an imported version, or is already current.
        StoreError: the store cannot be written or is locked by another import for too long.
    """
    by = _clean_name(by)
    if isinstance(to_version, bool) or not isinstance(to_version, int):
        raise UnknownVersion(f"version must be a whole number, not {to_version!r}")
    store = Path(store_dir)

    def mutate() -> None:
        entries = history(store)
        imported = sorted({int(e["version"]) for e in entries if e.get("action") in VERSION_ACTIONS})
        if to_version != 0 and to_version not in imported:
            known = ", ".join(str(v) for v in [0, *imported])
            raise UnknownVersion(f"there is no version {to_version} to roll back to; existing versions: {known}")
        base_version = current_version(store)
        if to_version == base_version:
            raise UnknownVersion(f"version {to_version} is already the current version; nothing to roll back")
        before = current_actuals(store)
        if to_version == 0:
            after = empty_actuals()
        else:
            after = _read_version_file(version_path(store, to_version)).to_pandas()
        counts = _diff_counts(before, after)
        _append_history(
            store,
            {
                "version": to_version,
                "time": _now(),
                "by": by,
                "file_name": None,
                "sha256": None,
                **counts,
                "action": "rollback",
                "rolled_back_to": to_version,
                "previous_version": base_version,
            },
        )
        _write_text(store / CURRENT_FILE, f"{to_version}\n")

    _locked(store, mutate)


def commit_plans(
    store_dir: str | os.PathLike[str],
    tables: Callable[[dict[str, pa.Table] | None], dict[str, pa.Table]],
    by: str,
    action: str,
    file_name: str | None = None,
    sha256: str | None = None,
    plan_id: str = "",
) -> int:
    """Store a new set of imported-plan tables as a new version (actuals carried over); return its number.

    Args:
        tables: called under the lock with the current version's plan tables (None when it has none); returns
            the new {"plans", "indicators", "plan_observations"}: every imported plan, not only the new one.
            It may raise to refuse (nothing is written then).
        action: 'plan_import' or 'plan_remove' (recorded in the history with plan_id).

    Raises:
        DataError: `by` is empty, the action is unknown or a table is missing.
        StoreError: the store cannot be written or is locked by another import for too long.
    """
    by = _clean_name(by)
    if action not in ("plan_import", "plan_remove"):
        raise DataError(f"unknown plan action {action!r}")
    store = Path(store_dir)

    def mutate() -> int:
        new = tables(current_plan_tables(store))
        missing = [n for n in PLAN_TABLES if n not in new]
        if missing:
            raise DataError(f"plan tables to store lack {', '.join(missing)}")
        base_version = current_version(store)
        version = _next_version(store)
        for name in PLAN_TABLES:
            _write_parquet(plan_table_path(store, version, name), new[name])
        base_path = current_actuals_path(store)
        actuals = _read_version_file(base_path) if base_path is not None else ACTUALS_SCHEMA.empty_table()
        _write_parquet(version_path(store, version), actuals)
        _append_history(
            store,
            {
                "version": version,
                "time": _now(),
                "by": by,
                "file_name": printable(Path(str(file_name)).name) if file_name else None,
                "sha256": str(sha256) if sha256 else None,
                "added": 0,
                "changed": 0,
                "unchanged": 0,
                "removed": 0,
                "action": action,
                "plan_id": plan_id,
                "rolled_back_to": None,
                "previous_version": base_version,
            },
        )
        _write_text(store / CURRENT_FILE, f"{version}\n")
        return version

    return _locked(store, mutate)


def _carry_plans(store: Path, base_version: int, version: int) -> None:
    """Copy the imported-plan tables of `base_version` to `version` (a new actuals import keeps the plans)."""
    if base_version == 0:
        return
    for name in PLAN_TABLES:
        src = plan_table_path(store, base_version, name)
        if src.is_file():
            data = src.read_bytes()

            def check(tmp: Path, data: bytes = data, src: Path = src) -> None:
                if tmp.read_bytes() != data:
                    raise StoreError(f"copying {src} failed verification; nothing was changed, try again")

            fileio.atomic_write(plan_table_path(store, version, name), data, check, owner=fileio.owner_for(store))


def _locked(store: Path, mutate: Callable[[], object]):
    """Run `mutate` under the store's cross-process lock, turning OS failures into StoreError."""
    owner = _ensure_writable(store)
    try:
        lock = filelock.FileLock(_lock_file(store, owner), timeout=LOCK_TIMEOUT, mode=fileio.FILE_MODE)
        with lock:
            for directory in (store, store / VERSIONS_DIR):
                fileio.remove_stale_temp_files(directory)
            return mutate()
    except filelock.Timeout as exc:
        raise StoreError(
            f"the store {store} has been locked by another import for more than {LOCK_TIMEOUT:.0f} s; "
            "try again in a minute"
        ) from exc
    except PermissionError as exc:
        raise StoreError(_not_writable(store)) from exc
    except OSError as exc:
        raise StoreError(
            f"could not write to the store {store}: {exc.strerror or exc}; "
            f"free disk space or set {STORE_ENV} to a writable directory"
        ) from exc


def _not_writable(store: Path) -> str:
    return f"store directory {store} is not writable: set {STORE_ENV} to a writable directory or fix its permissions"


def _ensure_writable(store: Path) -> tuple[int, int] | None:
    """Create the store's directories when missing; return the owner new files must get (fileio.owner_for)."""
    try:
        fileio.make_dir(store)
        owner = fileio.owner_for(store)
        fileio.make_dir(store / VERSIONS_DIR, owner)
    except OSError as exc:
        raise StoreError(_not_writable(store)) from exc
    for d in (store, store / VERSIONS_DIR):
        if not os.access(d, os.W_OK | os.X_OK):
            raise StoreError(_not_writable(store))
    return owner


def _lock_file(store: Path, owner: tuple[int, int] | None) -> Path:
    """The lock file, created 0600 and owned like the store, so the service can lock after a root CLI did."""
    path = store / LOCK_FILE
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, fileio.FILE_MODE)
        try:
            if owner:
                os.fchown(fd, *owner)
        finally:
            os.close(fd)
    return path


def _clean_name(by: object) -> str:
    text = printable(by)
    if not text:
        raise DataError("give the name of the person importing (by)")
    return text


def _clean_values(df: pd.DataFrame) -> list[tuple[str, int, float]]:
    missing = {"indicator_id", "year", "value"} - set(df.columns)
    if missing:
        raise DataError(f"values to import lack the column(s) {', '.join(sorted(missing))}")
    out: list[tuple[str, int, float]] = []
    seen: set[tuple[str, int]] = set()
    for indicator_id, year, value in zip(df["indicator_id"], df["year"], df["value"], strict=True):
        if pd.isna(indicator_id) or pd.isna(year) or pd.isna(value) or not math.isfinite(float(value)):
            raise DataError("values to import contain an empty indicator_id, year or value")
        key = (str(indicator_id), int(year))
        if key in seen:
            raise DataError(f"values to import contain {key[0]} {key[1]} twice")
        seen.add(key)
        out.append((key[0], key[1], float(value)))
    if not out:
        raise DataError("there are no values to import")
    return out


def _next_version(store: Path) -> int:
    """max over version files (even orphans of an interrupted write) and history entries, plus one."""
    numbers = [0]
    for path in (store / VERSIONS_DIR).iterdir():
        m = _VERSION_FILE_RE.match(path.name)
        if m:
            numbers.append(int(m.group(1)))
    numbers.extend(int(e.get("version") or 0) for e in history(store))
    return max(numbers) + 1


def format_value(value: float) -> str:
    """Shortest text that reads back as `value` ('12.5', '300', not '300.0')."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _row_dict(r) -> dict:
    return {c: getattr(r, c) for c in ACTUALS_COLUMNS}


def _new_row(indicator_id: str, year: int, value: float, source: str) -> dict:
    return {
        "indicator_id": indicator_id,
        "year": year,
        "kind": "actual",
        "value": value,
        "value_text": format_value(value),
        "growth_pct": None,
        "growth_text": None,
        "growth_cumulative": False,
        "source": source,
    }


def _to_table(rows: list[dict]) -> pa.Table:
    cols = {c: [None if _isna(r[c]) else r[c] for r in rows] for c in ACTUALS_COLUMNS}
    return pa.table(cols, schema=ACTUALS_SCHEMA)


def _isna(x: object) -> bool:
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _diff_counts(before: pd.DataFrame, after: pd.DataFrame) -> dict:
    old = {(r.indicator_id, int(r.year)): float(r.value) for r in before.itertuples(index=False)}
    new = {(r.indicator_id, int(r.year)): float(r.value) for r in after.itertuples(index=False)}
    common = old.keys() & new.keys()
    changed = sum(1 for k in common if old[k] != new[k])
    return {
        "added": len(new.keys() - old.keys()),
        "changed": changed,
        "unchanged": len(common) - changed,
        "removed": len(old.keys() - new.keys()),
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _append_history(store: Path, entry: dict) -> None:
    entries = history(store)  # without the entry of a killed mutation
    entries.append(entry)
    _write_text(store / HISTORY_FILE, json.dumps(entries, ensure_ascii=False, indent=1) + "\n")


def _write_parquet(path: Path, table: pa.Table) -> None:
    """Write `table` atomically, read it back and compare before it replaces anything."""

    def check(tmp: Path) -> None:
        if not pq.read_table(tmp).equals(table):
            raise StoreError(f"writing {path} failed verification; nothing was changed, try again")

    fileio.atomic_write(path, lambda f: pq.write_table(table, f), check, owner=fileio.owner_for(path.parent))


def _write_text(path: Path, text: str) -> None:
    data = text.encode("utf-8")

    def check(tmp: Path) -> None:
        if tmp.read_bytes() != data:
            raise StoreError(f"writing {path} failed verification; nothing was changed, try again")

    fileio.atomic_write(path, data, check, owner=fileio.owner_for(path.parent))
