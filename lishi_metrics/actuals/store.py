"""The versioned, writable store of imported yearly actuals (versions, history, rollback).

Length (about 1050 lines): every write path (import, plan import, removal, verdict, periods import, rollback,
setting damage aside, backup, restore) keeps the same invariants under one lock (never rewrite a version, seal it with its
checksums, publish the pointer last, survive a kill at any step, delete nothing); kept in one module so those
invariants are read and tested together (tests/test_store_hardening.py, tests/test_store_faults.py). The
checks of every read are in integrity.py.

Layout of a store directory::

    versions/v0001.parquet …  every imported actual observation as of that version (never rewritten)
    versions/v0001.plans.parquet, .indicators.parquet, .plan_observations.parquet
                              the imported plans as of that version (only once a plan was imported; every later
                              version carries them, so a rollback restores plans and actuals together)
    versions/v0001.period_targets.parquet, .periods.parquet
                              the imported year-to-date figures and the year's targets (经济运行),
                              carried by every later version alike
    versions/v0001.verdicts.parquet
                              the verdicts recorded on text targets (评估结论: status, note, by, time), carried
                              the same way once one was recorded
    versions/v0001.manifest.json  the SHA-256 of each file of that version, and its history entry (integrity.py)
    history.json              one entry per import or rollback, oldest first
    CURRENT                   the current version number (0 = no imported data), the checksum of the history it
                              was committed with, and a check of the line; replaced last
    gate.json                 the sign-in gate's counters (auth.py), shared by every replica
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

The mutations (`commit_import`, `commit_plans`, `commit_verdict`, `commit_periods`, `rollback`) share `_locked`,
`_append_history` and the commit order above.
"""

from __future__ import annotations

import errno
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
from lishi_metrics.actuals import fileio, integrity
from lishi_metrics.errors import DataError, StoreError

STORE_ENV = "LISHI_STORE_DIR"
LOCK_TIMEOUT = 30.0
CURRENT_FILE = integrity.CURRENT_FILE
HISTORY_FILE = integrity.HISTORY_FILE
VERSIONS_DIR = integrity.VERSIONS_DIR
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
        # How a printed cell reads (model.printed) and its footnote: empty for imported actuals, which are numbers.
        ("value_kind", pa.string()),
        ("value_op", pa.string()),
        ("growth_kind", pa.string()),
        ("growth_op", pa.string()),
        ("note", pa.string()),
    ]
)
ACTUALS_COLUMNS = tuple(ACTUALS_SCHEMA.names)

_VERSION_FILE_RE = re.compile(r"^v(\d{4,})\.parquet$")
# Tables of imported plans stored beside each version's actuals (columns as the data layer's tables).
PLAN_TABLES = ("plans", "indicators", "plan_observations")
# Recorded verdicts on text targets (评估结论), one row per indicator, beside each version once one was recorded.
VERDICTS_TABLE = "verdicts"
VERDICTS_SCHEMA = pa.schema([("indicator_id", pa.string()), ("status", pa.string()), ("note", pa.string()),
                             ("by", pa.string()), ("time", pa.string())])
VERDICT_CODES = ("met", "missed")
MAX_VERDICT_NOTE = 300
# History actions that create a version (a rollback only points back at one).
VERSION_ACTIONS = ("import", "plan_import", "plan_remove", "verdict", "periods_import")
# Tables of imported year-to-date figures (经济运行, issue 26) stored beside each version, carried like the plans:
# the year's targets per indicator and the published year-to-date values by month or quarter.
PERIOD_SCHEMAS = {
    "period_targets": pa.schema([("indicator_id", pa.string()), ("year", pa.int64()), ("target_growth", pa.float64()),
                                 ("target_value", pa.float64()), ("note", pa.string()), ("source", pa.string())]),
    "periods": pa.schema([("indicator_id", pa.string()), ("period", pa.string()), ("value", pa.float64()),
                          ("growth", pa.float64()), ("source", pa.string())]),
}
PERIOD_TABLES = tuple(PERIOD_SCHEMAS)


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
# Every read goes through integrity.health(): pages and the CLI get the served version (the current one when it
# reads, else the most recently current one that does), never an exception over a damaged file.

health = integrity.health


def current_version(store_dir: str | os.PathLike[str]) -> int:
    """The current version number as committed (0 when nothing has been imported or the store does not exist).

    When it is damaged, pages serve `served_version` instead; `health()` says why.
    """
    return health(store_dir, full=False).current


def served_version(store_dir: str | os.PathLike[str]) -> int:
    """The version pages serve: the current one when it reads, else the most recently current readable one."""
    return health(store_dir, full=False).served


def current_actuals_path(store_dir: str | os.PathLike[str]) -> Path | None:
    """The Parquet file of the served version (for DuckDB), or None when it is 0."""
    version = served_version(store_dir)
    return version_path(store_dir, version) if version else None


def current_plan_paths(store_dir: str | os.PathLike[str]) -> dict[str, Path] | None:
    """The imported-plan tables of the served version ({table: path}), or None when it has none."""
    return _plan_paths(store_dir, served_version(store_dir))


def _plan_paths(store_dir: str | os.PathLike[str], version: int) -> dict[str, Path] | None:
    if version == 0:
        return None
    paths = {name: plan_table_path(store_dir, version, name) for name in PLAN_TABLES}
    present = [p.is_file() for p in paths.values()]
    if not any(present):
        return None
    if not all(present):
        raise StoreError(
            f"store is damaged: version {version} lacks some of its plan files ({', '.join(PLAN_TABLES)}); "
            "roll back to another version or restore the files from a backup", "version_damaged", version=version)
    return paths


def current_plan_tables(store_dir: str | os.PathLike[str]) -> dict[str, pa.Table] | None:
    """The imported-plan tables of the served version, or None when no plan has been imported."""
    return _plan_tables(store_dir, served_version(store_dir))


def _plan_tables(store_dir: str | os.PathLike[str], version: int) -> dict[str, pa.Table] | None:
    paths = _plan_paths(store_dir, version)
    if paths is None:
        return None
    out = {}
    for name, path in paths.items():
        try:
            out[name] = pq.read_table(path)
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"store file {path} is unreadable ({exc}); roll back to another version",
                             "version_damaged", version=version) from exc
    return out


def current_verdicts_path(store_dir: str | os.PathLike[str]) -> Path | None:
    """The verdicts file of the served version (the current one, or the newest that reads when it is damaged),
    or None when no verdict was ever recorded up to it."""
    version = served_version(store_dir)
    if version == 0:
        return None
    path = plan_table_path(store_dir, version, VERDICTS_TABLE)
    return path if path.is_file() else None


def current_verdicts(store_dir: str | os.PathLike[str]) -> pd.DataFrame:
    """The recorded verdicts of the current version (indicator_id, status, note, by, time); empty when none."""
    path = current_verdicts_path(store_dir)
    if path is None:
        return VERDICTS_SCHEMA.empty_table().to_pandas()
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise StoreError(f"store file {path} is unreadable ({exc}); roll back to another version") from exc
    have = set(table.column_names)
    arrays = [table.column(f.name).cast(f.type) if f.name in have else pa.nulls(table.num_rows, f.type)
              for f in VERDICTS_SCHEMA]
    return pa.Table.from_arrays(arrays, schema=VERDICTS_SCHEMA).to_pandas()


def commit_verdict(store_dir: str | os.PathLike[str], indicator_id: str, status: str | None, note: str,
                   by: str) -> int:
    """Record (or, with status None, withdraw) the verdict on one indicator's text target as a new version.

    The actuals and imported plans are carried over unchanged, so a rollback restores verdicts, plans and actuals
    together. Returns the new version.

    Raises:
        DataError: an empty name or indicator, an unknown status, a note too long, or nothing to withdraw.
        StoreError: the store cannot be written or is locked by another import for too long.
    """
    by = _clean_name(by)
    indicator_id = printable(indicator_id, 80)
    if not indicator_id:
        raise DataError("give the indicator (indicator_id) the verdict is about")
    if status is not None and status not in VERDICT_CODES:
        raise DataError(f"a verdict is one of {', '.join(VERDICT_CODES)} (got {printable(status, 40)!r})")
    note = printable(note, 10 * MAX_VERDICT_NOTE)
    if len(note) > MAX_VERDICT_NOTE:
        raise DataError(f"the note is {len(note)} characters long; at most {MAX_VERDICT_NOTE} are allowed / "
                        f"说明超过 {MAX_VERDICT_NOTE} 个字符")
    store = Path(store_dir)

    def mutate() -> int:
        base_version = _intact_current(store)
        current = current_verdicts(store)
        had = indicator_id in set(current["indicator_id"])
        if status is None and not had:
            raise DataError(f"there is no recorded verdict on {indicator_id} to withdraw / {indicator_id} 没有评估结论可撤销")
        rows = current[current["indicator_id"] != indicator_id]
        if status is not None:
            rows = pd.concat([rows, pd.DataFrame([{"indicator_id": indicator_id, "status": status, "note": note or None,
                                                   "by": by, "time": _now()}])], ignore_index=True)
        table = pa.Table.from_pandas(rows.sort_values("indicator_id").reset_index(drop=True),
                                     schema=VERDICTS_SCHEMA, preserve_index=False)
        version = _next_version(store)
        _carry_plans(store, base_version, version, with_verdicts=False)  # plans and periods; the verdicts are new
        base_path = version_path(store, base_version) if base_version else None
        actuals = _read_version_file(base_path) if base_path is not None else ACTUALS_SCHEMA.empty_table()
        _write_parquet(version_path(store, version), actuals)
        _write_parquet(plan_table_path(store, version, VERDICTS_TABLE), table)
        _append_history(
            store,
            {
                "version": version,
                "time": _now(),
                "by": by,
                "file_name": None,
                "sha256": None,
                "added": 0 if had else 1,
                "changed": 1 if had else 0,
                "unchanged": 0,
                "removed": 0,
                "action": "verdict",
                "indicator_id": indicator_id,
                "verdict": status or "withdrawn",
                "rolled_back_to": None,
                "previous_version": base_version,
            },
        )
        _commit_current(store, version)
        return version

    return _locked(store, mutate)


def current_period_tables(store_dir: str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """The imported targets and year-to-date periods of the served version (empty frames when none); a damaged
    current version serves the newest readable one (health()), like the actuals and plans."""
    return _period_tables(Path(store_dir), served_version(store_dir))


def _period_tables(store: Path, version: int) -> dict[str, pd.DataFrame]:
    out = {}
    for name, schema in PERIOD_SCHEMAS.items():
        path = plan_table_path(store, version, name)
        if version == 0 or not path.is_file():
            out[name] = schema.empty_table().to_pandas()
            continue
        try:
            out[name] = pq.read_table(path).select(schema.names).cast(schema).to_pandas()
        except (OSError, KeyError, pa.ArrowException) as exc:
            raise StoreError(f"store file {path} is unreadable ({exc}); roll back to another version",
                             "version_damaged", version=version) from exc
    return out


def empty_actuals() -> pd.DataFrame:
    """An empty actuals DataFrame with the store's columns and dtypes."""
    return ACTUALS_SCHEMA.empty_table().to_pandas()


def current_actuals(store_dir: str | os.PathLike[str]) -> pd.DataFrame:
    """All imported actual observations of the served version (empty DataFrame when there are none)."""
    return version_actuals(store_dir, served_version(store_dir))


def version_actuals(store_dir: str | os.PathLike[str], version: int) -> pd.DataFrame:
    """The imported actual observations of one version (empty for 0)."""
    if version == 0:
        return empty_actuals()
    return _read_version_file(version_path(store_dir, version)).to_pandas()


def history(store_dir: str | os.PathLike[str]) -> list[dict]:
    """The committed history entries, oldest first ([] when the store is new).

    An entry written by a mutation that was killed before it replaced CURRENT is not returned (see the
    module docstring). A damaged history.json is rebuilt from the versions' manifests (health()).
    """
    return list(health(store_dir).entries)


def _read_version_file(path: Path) -> pa.Table:
    try:
        table = pq.read_table(path)
    except OSError as exc:
        raise StoreError(
            f"cannot read {path}: {exc}; restore it from a backup or roll back to another version",
            "version_damaged", version=_version_of(path)) from exc
    except pa.ArrowException as exc:
        raise StoreError(f"store file {path} is damaged ({exc}); roll back to another version",
                         "version_damaged", version=_version_of(path)) from exc
    if not table.schema.equals(ACTUALS_SCHEMA):
        # A version stored before the schema gained a column reads it as NULL (select and cast to the current
        # columns); a column that must be there (indicator_id, year, value …) still refuses the file.
        late = {"value_kind", "value_op", "growth_kind", "growth_op", "note"}
        try:
            for name in late - set(table.column_names):
                table = table.append_column(name, pa.nulls(table.num_rows, pa.string()))
            table = table.select(list(ACTUALS_COLUMNS)).cast(ACTUALS_SCHEMA)
        except (KeyError, pa.ArrowException) as exc:
            raise StoreError(
                f"store file {path} does not have the expected columns ({exc}); roll back to another version",
                "version_damaged", version=_version_of(path)) from exc
    return table


def _version_of(path: Path) -> int | str:
    m = _VERSION_FILE_RE.match(path.name)
    return int(m.group(1)) if m else "?"


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
        base_version = _intact_current(store)
        base = version_actuals(store, base_version)
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
        _commit_current(store, version)
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
        raise UnknownVersion(f"version must be a whole number, not {to_version!r}", "not_a_number")
    store = Path(store_dir)

    def mutate() -> None:
        state = health(store)
        known = ", ".join(str(v) for v in [0, *state.readable])
        if to_version != 0 and to_version not in state.readable:
            if to_version in state.aside or to_version in state.damaged_versions:
                raise UnknownVersion(f"version {to_version} is damaged (kept aside); roll back to a readable "
                                     f"version: {known}", "version_damaged", version=to_version)
            raise UnknownVersion(f"there is no version {to_version} to roll back to; existing versions: {known}",
                                 "unknown_version", version=to_version, known=known)
        base_version = state.current
        if to_version == base_version:
            raise UnknownVersion(f"version {to_version} is already the current version; nothing to roll back",
                                 "already_current", version=to_version)
        before = version_actuals(store, state.served)
        after = version_actuals(store, to_version)
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
        _commit_current(store, to_version)

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
        base_version = _intact_current(store)
        new = tables(_plan_tables(store, base_version))
        missing = [n for n in PLAN_TABLES if n not in new]
        if missing:
            raise DataError(f"plan tables to store lack {', '.join(missing)}")
        version = _next_version(store)
        for name in PLAN_TABLES:
            _write_parquet(plan_table_path(store, version, name), new[name])
        _carry_plans(store, base_version, version, tables=PERIOD_TABLES)  # the verdicts and periods stay
        base_path = version_path(store, base_version) if base_version else None
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
        _commit_current(store, version)
        return version

    return _locked(store, mutate)


def _intact_current(store: Path) -> int:
    """The current version, when it reads; a new version is never built on a damaged one."""
    state = health(store)
    if state.degraded:
        raise StoreError(
            f"the current version {state.current} of the store {store} is damaged; roll back to a readable "
            f"version ({', '.join(str(v) for v in [0, *state.readable])}) before importing",
            "current_damaged", version=state.current)
    return state.current


def commit_periods(
    store_dir: str | os.PathLike[str],
    tables: Callable[[dict[str, pd.DataFrame]], tuple[dict[str, pa.Table], dict]],
    by: str,
    file_name: str,
    sha256: str,
) -> int:
    """Store imported targets and year-to-date periods as a new version (actuals, plans, verdicts carried).

    Args:
        tables: called under the lock with the current period tables (current_period_tables); returns the new
            {"period_targets", "periods"} (every stored row, not only the new ones) and the counts for the
            history (added, changed, unchanged). It may raise to refuse (nothing is written then).

    Raises:
        DataError: `by` is empty or a table is missing.
        StoreError: the store cannot be written or is locked by another import for too long.
    """
    by = _clean_name(by)
    store = Path(store_dir)

    def mutate() -> int:
        base_version = _intact_current(store)
        new, counts = tables(_period_tables(store, base_version))
        missing = [n for n in PERIOD_TABLES if n not in new]
        if missing:
            raise DataError(f"period tables to store lack {', '.join(missing)}")
        version = _next_version(store)
        for name in PERIOD_TABLES:
            _write_parquet(plan_table_path(store, version, name), new[name].cast(PERIOD_SCHEMAS[name]))
        _carry_plans(store, base_version, version, tables=PLAN_TABLES)
        base_path = version_path(store, base_version) if base_version else None
        actuals = _read_version_file(base_path) if base_path is not None else ACTUALS_SCHEMA.empty_table()
        _write_parquet(version_path(store, version), actuals)
        _append_history(store, {
            "version": version, "time": _now(), "by": by, "file_name": printable(Path(str(file_name)).name),
            "sha256": str(sha256), "added": counts.get("added", 0), "changed": counts.get("changed", 0),
            "unchanged": counts.get("unchanged", 0), "removed": 0, "action": "periods_import",
            "rolled_back_to": None, "previous_version": base_version,
        })
        _commit_current(store, version)
        return version

    return _locked(store, mutate)


def _carry_plans(store: Path, base_version: int, version: int, with_verdicts: bool = True,
                 tables: tuple[str, ...] = PLAN_TABLES + PERIOD_TABLES) -> None:
    """Copy the side tables of `base_version` to `version`: imported plans and year-to-date figures (`tables`) and
    the recorded verdicts (a new actuals import keeps them all)."""
    if base_version == 0:
        return
    for name in tables + ((VERDICTS_TABLE,) if with_verdicts else ()):
        src = plan_table_path(store, base_version, name)
        if src.is_file():
            data = src.read_bytes()

            def check(tmp: Path, data: bytes = data, src: Path = src) -> None:
                if tmp.read_bytes() != data:
                    raise StoreError(f"copying {src} failed verification; nothing was changed, try again",
                                     "verify_failed")

            fileio.atomic_write(plan_table_path(store, version, name), data, check, owner=fileio.owner_for(store))


def _locked(store: Path, mutate: Callable[[], object]):
    """Run `mutate` under the store's cross-process lock, turning OS failures into StoreError."""
    owner = _ensure_writable(store)
    try:
        lock = filelock.FileLock(_lock_file(store, owner), timeout=LOCK_TIMEOUT, mode=fileio.FILE_MODE)
        with lock:
            for directory in (store, store / VERSIONS_DIR):
                fileio.remove_stale_temp_files(directory)
            set_aside_damage(store)
            return mutate()
    except filelock.Timeout as exc:
        raise StoreError(
            f"the store {store} has been locked by another import for more than {LOCK_TIMEOUT:.0f} s; "
            "try again in a minute", "locked", seconds=int(LOCK_TIMEOUT)
        ) from exc
    except PermissionError as exc:
        raise StoreError(_not_writable(store), "not_writable") from exc
    except OSError as exc:
        code = "disk_full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else (
            "read_only" if exc.errno == errno.EROFS else "write_failed")
        raise StoreError(
            f"could not write to the store {store}: {exc.strerror or exc}; "
            f"free disk space or set {STORE_ENV} to a writable directory", code
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
        raise StoreError(_not_writable(store), "not_writable") from exc
    for d in (store, store / VERSIONS_DIR):
        if not os.access(d, os.W_OK | os.X_OK):
            raise StoreError(_not_writable(store), "not_writable")
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
    numbers.extend(integrity.entry_version(e) for e in history(store))
    for path in (store / VERSIONS_DIR).iterdir():  # versions kept aside as damaged keep their numbers too
        m = re.match(r"^v(\d{4,})\.", path.name)
        if m:
            numbers.append(int(m.group(1)))
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
        "value_kind": "level",
        "value_op": None,
        "growth_kind": None,
        "growth_op": None,
        "note": None,
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
    """Append `entry`; an entry that made a new version is sealed first: the version's manifest records the
    SHA-256 of each of its files (whatever they hold), and the entry carries the same checksums."""
    if integrity.creates_version(entry):
        version = integrity.entry_version(entry)
        files = integrity.version_files(store).get(version, {})
        sums = integrity.seal(files)
        entry = {**entry, "files": sums}
        body = json.dumps({"version": version, "files": sums, "entry": entry}, ensure_ascii=False, indent=1)
        _write_text(store / VERSIONS_DIR / integrity.manifest_name(version), body + "\n")
    entries = history(store)  # without the entry of a killed mutation
    entries.append(entry)
    _write_history(store, entries)


def _write_history(store: Path, entries: list[dict]) -> None:
    _write_text(store / HISTORY_FILE, integrity.history_bytes(entries).decode("utf-8"))


def _commit_current(store: Path, version: int) -> None:
    """Publish `version` as current, with the checksum of the history it is committed with (the commit point)."""
    raw = (store / HISTORY_FILE).read_bytes() if (store / HISTORY_FILE).exists() else None
    _write_text(store / CURRENT_FILE, integrity.current_line(version, raw))


def set_aside_damage(store_dir: str | os.PathLike[str]) -> list[str]:
    """Keep damaged files aside (renamed `<name>.damaged-<time>`, never deleted) and mark their history entries;
    run under the lock before every mutation. A damaged history is rewritten from what could be read (the
    damaged file kept aside); a damaged CURRENT is rewritten naming the same current version. Returns what
    was done, one line each."""
    store = Path(store_dir)
    state = health(store)
    if not state.damage:
        return []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    done: list[str] = []
    marks: dict[int, dict] = {}
    for d in state.damage:
        if d.kind != "version" or d.version is None or d.reason == "aside":
            continue
        kept = []
        for name, path in sorted(integrity.version_files(store).get(d.version, {}).items()):
            target = path.with_name(f"{name}{integrity.DAMAGED_MARK}{stamp}")
            os.replace(path, target)
            kept.append(f"{VERSIONS_DIR}/{target.name}")
        marks[d.version] = {"time": _now(), "reason": d.reason, "files": list(d.files), "kept_as": kept}
        done.append(f"version {d.version}: {d.reason} ({', '.join(d.files)}); kept aside as {', '.join(kept) or '-'}")
    history_damaged = any(d.kind == "history" for d in state.damage)
    if history_damaged and (store / HISTORY_FILE).exists():
        aside = store / f"{HISTORY_FILE}{integrity.DAMAGED_MARK}{stamp}"
        os.replace(store / HISTORY_FILE, aside)
        done.append(f"history: kept aside as {aside.name}; rewritten from what could be read")
    if marks or history_damaged:
        entries = [({**e, "damaged": marks[integrity.entry_version(e)]}
                    if integrity.entry_version(e) in marks and integrity.creates_version(e) else e)
                   for e in state.entries]
        _write_history(store, entries)
    if marks or history_damaged or any(d.kind == "current" for d in state.damage):
        if (store / CURRENT_FILE).exists() and any(d.kind == "current" for d in state.damage):
            aside = store / f"{CURRENT_FILE}{integrity.DAMAGED_MARK}{stamp}"
            os.replace(store / CURRENT_FILE, aside)
            done.append(f"CURRENT: kept aside as {aside.name}; rewritten naming version {state.current}")
        _commit_current(store, state.current)
    if done:
        from lishi_metrics.actuals.auth import service_log

        for line in done:
            service_log(integrity.LOG_NAME).error("store repair: %s", line)
    return done


def _write_parquet(path: Path, table: pa.Table) -> None:
    """Write `table` atomically, read it back and compare before it replaces anything."""

    def check(tmp: Path) -> None:
        if not pq.read_table(tmp).equals(table):
            raise StoreError(f"writing {path} failed verification; nothing was changed, try again",
                             "verify_failed")

    fileio.atomic_write(path, lambda f: pq.write_table(table, f), check, owner=fileio.owner_for(path.parent))


def _write_text(path: Path, text: str) -> None:
    data = text.encode("utf-8")

    def check(tmp: Path) -> None:
        if tmp.read_bytes() != data:
            raise StoreError(f"writing {path} failed verification; nothing was changed, try again",
                             "verify_failed")

    fileio.atomic_write(path, data, check, owner=fileio.owner_for(path.parent))


# ---------------------------------------------------------------- verify, backup, restore

BACKUP_MAX_BYTES = 2 * 1024**3  # a restore reads no more than this from a backup archive
_BACKUP_NAME_RE = re.compile(r"^(CURRENT|history\.json(\.damaged-[0-9TZ]+)?|CURRENT\.damaged-[0-9TZ]+|"
                             r"versions/v\d{4,}\.[A-Za-z0-9_.-]+)$")


def verify(store_dir: str | os.PathLike[str]) -> list[str]:
    """Check every version, CURRENT and the history (read only); return the report's lines. The last line
    starts with 'ok' or 'damaged'."""
    store = Path(store_dir)
    state = health(store, full=True, log=False)
    on_disk = integrity.version_files(store)
    lines = [f"store: {store}", f"current version: {state.current}"
             + (f" (cannot be read; pages serve version {state.served})" if state.degraded else "")]
    damaged = {d.version: d for d in state.damage if d.kind == "version"}
    for d in state.damage:
        if d.kind != "version":
            lines.append(f"{d.kind}: DAMAGED, {d.reason} ({', '.join(d.files)}), since {d.since}")
    if not any(d.kind == "current" for d in state.damage):
        lines.append("CURRENT: ok")
    if not any(d.kind == "history" for d in state.damage):
        lines.append(f"history: ok ({len(state.entries)} entries)")
    versions = sorted({integrity.entry_version(e) for e in state.entries if integrity.creates_version(e)}
                      | set(damaged) - {None})
    for v in versions:
        entry = next((e for e in state.entries if integrity.entry_version(e) == v and e.get("damaged")), None)
        if v in damaged:
            d = damaged[v]
            lines.append(f"version {v}: DAMAGED, {d.reason} ({', '.join(d.files)}), since {d.since}")
        elif entry is not None:
            mark = entry["damaged"] if isinstance(entry["damaged"], dict) else {}
            lines.append(f"version {v}: kept aside as damaged on {mark.get('time', '?')} "
                         f"({', '.join(mark.get('kept_as') or []) or 'no files left'})")
        elif v in state.readable:
            files = on_disk.get(v, {})
            how = ("SHA-256 verified" if integrity.manifest_problem(files, v) is None
                   else "read check only (no usable manifest)")
            lines.append(f"version {v}: ok ({len(integrity.seal(files))} files, {how})")
    if state.damage:
        good = ", ".join(str(v) for v in [0, *state.readable])
        lines.append(f"damaged: {len(state.damage)} problem(s); readable versions: {good}; nothing is deleted: "
                     "`rollback --to N --by NAME` keeps the damaged files aside and marks the history")
    else:
        lines.append(f"ok: {len(state.readable)} version(s) verified")
    return lines


def backup(store_dir: str | os.PathLike[str], output: str | os.PathLike[str]) -> list[str]:
    """Write every file of the store (damaged ones kept aside included) into a .tar.gz, taken under the lock so
    no import is half in it; written atomically, mode 0600. Returns the archived names."""
    import tarfile

    store = Path(store_dir)
    output = Path(output)
    if not output.parent.is_dir():
        raise StoreError(f"directory {output.parent} does not exist", "backup_invalid", reason="no directory")

    def mutate() -> list[str]:
        names = sorted(str(p.relative_to(store)) for p in store.rglob("*")
                       if p.is_file() and _BACKUP_NAME_RE.match(str(p.relative_to(store))))

        def write(f) -> None:
            with tarfile.open(fileobj=f, mode="w:gz") as tar:
                for name in names:
                    tar.add(store / name, arcname=name, recursive=False)

        def check(tmp: Path) -> None:
            with tarfile.open(tmp, "r:gz") as tar:
                if sorted(tar.getnames()) != names:
                    raise StoreError(f"writing {output} failed verification; try again", "verify_failed")

        fileio.atomic_write(output, write, check)
        return names

    return _locked(store, mutate)


def restore(store_dir: str | os.PathLike[str], archive: str | os.PathLike[str], by: str) -> tuple[int, str]:
    """Make a backup's state current. Nothing is lost: the store's files as they were are moved into
    `replaced-<time>/` inside the store, and the history records the restore.

    Returns:
        (the version now current, the directory the replaced files were moved to).

    Raises:
        StoreError: the archive is not a store backup, is damaged, or its current version does not read.
    """
    import shutil
    import tarfile

    by = _clean_name(by)
    store = Path(store_dir)
    archive = Path(archive)

    def invalid(reason: str) -> StoreError:
        return StoreError(f"{archive} cannot be restored: {reason}; nothing was changed", "backup_invalid",
                          reason=reason)

    def mutate() -> tuple[int, str]:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        staging = store / f".restore-{stamp}"
        try:
            try:
                tar = tarfile.open(archive, "r:gz")
            except (OSError, tarfile.TarError) as exc:
                raise invalid("not a readable .tar.gz") from exc
            with tar:
                total = 0
                members = []
                for m in tar.getmembers():
                    total += m.size
                    if not m.isfile() or not _BACKUP_NAME_RE.match(m.name) or total > BACKUP_MAX_BYTES:
                        raise invalid(f"unexpected member {printable(m.name, 80)!r}")
                    members.append(m)
                if not any(m.name == CURRENT_FILE for m in members):
                    raise invalid("no CURRENT in the archive")
                fileio.make_dir(staging / VERSIONS_DIR)
                for m in members:
                    source = tar.extractfile(m)
                    if source is None:
                        raise invalid(f"unreadable member {m.name}")
                    fileio.atomic_write(staging / m.name, source.read(), owner=fileio.owner_for(store))
            state = health(staging, log=False)
            if state.degraded:
                raise invalid(f"its current version {state.current} does not read")
            replaced = store / f"replaced-{stamp}"
            fileio.make_dir(replaced)
            for name in (CURRENT_FILE, HISTORY_FILE, VERSIONS_DIR):
                if (store / name).exists():
                    os.replace(store / name, replaced / name)
            for name in (CURRENT_FILE, HISTORY_FILE, VERSIONS_DIR):
                if (staging / name).exists():
                    os.replace(staging / name, store / name)
            fileio.make_dir(store / VERSIONS_DIR)
            previous = _count(_current_of(replaced))
            entries = health(store, log=False).entries
            entries.append({"version": state.current, "time": _now(), "by": by,
                            "file_name": printable(archive.name), "sha256": integrity.file_sha256(archive),
                            "added": 0, "changed": 0, "unchanged": 0, "removed": 0, "action": "restore",
                            "rolled_back_to": state.current, "previous_version": previous,
                            "replaced_kept_in": replaced.name})
            _write_history(store, entries)
            _commit_current(store, state.current)
            return state.current, replaced.name
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    return _locked(store, mutate)


def _current_of(directory: Path) -> int:
    try:
        parsed = integrity.parse_current((directory / CURRENT_FILE).read_bytes())
    except OSError:
        return 0
    return parsed[0] if parsed else -1


def _count(value: object) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return -1
