"""Every read of the store checked: versions against their recorded SHA-256, CURRENT against history.

`health(store_dir)` reads the store's three kinds of files and says what it finds, never raising over damage:

- **CURRENT** holds ``<version> <sha256 of history.json> <check>``: the version made current, the checksum of the
  history it was committed with, and a check of the line itself. A bit flip anywhere in it shows. A CURRENT of
  older stores (``<version>`` only) is still read, with the older rule for the history's last entry.
- **history.json** must hash to what CURRENT recorded. When it hashes to the history without its last entry, a
  writer was killed between the two files (the entry is not committed, as before); anything else is damage.
  A history that cannot be read is rebuilt for display from the versions' manifests.
- **a version** is every file ``versions/vNNNN.*``; its manifest ``vNNNN.manifest.json`` (written before the
  history entry, which carries the same checksums) records each file's SHA-256. Whatever a version holds
  (actuals, imported plans, any record added later) is checked alike. Versions stored before manifests existed
  are checked by reading each Parquet file.

The pages serve `served`: the current version when it reads, else the version that was current most recently
and reads (shipped plan data is never affected). Each kind of damage is logged once per process at ERROR.
Checksums are cached per file identity (inode, size, mtime), so a page run hashes nothing twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from lishi_metrics.errors import StoreError

CURRENT_FILE = "CURRENT"
HISTORY_FILE = "history.json"
VERSIONS_DIR = "versions"
MANIFEST_SUFFIX = ".manifest.json"
DAMAGED_MARK = ".damaged-"
LOG_NAME = "lishi_metrics.store"
# History actions that only point back at an existing version (every other action made a new one).
POINTER_ACTIONS = ("rollback", "restore")

_FILE_RE = re.compile(r"^v(\d{4,})\.(.+)$")


@dataclass(frozen=True)
class Damage:
    """One damaged part of the store.

    Attributes:
        kind: 'version', 'current' or 'history'.
        reason: 'missing', 'empty', 'unreadable', 'checksum', 'mismatch' (CURRENT names a version the
            history does not end with) or 'aside' (the current version was kept aside as damaged earlier).
        version: the damaged version (kind 'version'), else None.
        files: the files concerned, relative to the store directory (CLI and admin only, never viewers).
        since: when the damaged file last changed (ISO 8601, UTC).
    """

    kind: str
    reason: str
    version: int | None
    files: tuple[str, ...]
    since: str


@dataclass(frozen=True)
class Health:
    """What a read of the store found.

    Attributes:
        current: the version the store's commit record names (CURRENT, else the history's last entry).
        served: what pages serve: `current` when it reads, else the most recently current version that reads.
        readable: every committed version whose files verify, ascending (only those checked unless `full`).
        damage: what is damaged (empty for a sound store).
        entries: the committed history, oldest first (rebuilt from manifests when history.json is damaged).
        aside: versions kept aside earlier as damaged (their history entries carry 'damaged').
    """

    current: int
    served: int
    readable: tuple[int, ...]
    damage: tuple[Damage, ...]
    entries: list[dict] = field(default_factory=list)
    aside: tuple[int, ...] = ()

    @property
    def degraded(self) -> bool:
        """True when pages cannot serve the current version (they serve `served` instead)."""
        return self.served != self.current

    @property
    def damaged_versions(self) -> tuple[int, ...]:
        return tuple(sorted({d.version for d in self.damage if d.kind == "version" and d.version is not None}))

    @property
    def since(self) -> str:
        """The earliest change among the damaged files ('' when nothing is damaged)."""
        return min((d.since for d in self.damage), default="")


# ----------------------------------------------------------------------------- CURRENT


def current_line(version: int, history_bytes: bytes | None) -> str:
    """The text of CURRENT for `version` committed with the history file `history_bytes` (None: no history)."""
    digest = sha256_bytes(history_bytes or b"")
    head = f"{int(version)} {digest}"
    return f"{head} {_line_check(head)}\n"


def parse_current(raw: bytes) -> tuple[int, str | None] | None:
    """(version, history checksum or None for an old one-number CURRENT), or None when the text is damaged."""
    try:
        text = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        return None
    parts = text.split(" ")
    if len(parts) == 1 and parts[0].isdigit():
        return int(parts[0]), None
    if len(parts) == 3 and parts[0].isdigit() and re.fullmatch(r"[0-9a-f]{64}", parts[1]):
        if parts[2] == _line_check(f"{parts[0]} {parts[1]}"):
            return int(parts[0]), parts[1]
    return None


def _line_check(head: str) -> str:
    return hashlib.sha256(head.encode("ascii")).hexdigest()[:16]


def history_bytes(entries: list[dict]) -> bytes:
    """history.json exactly as the store writes it (so a checksum can be recomputed from entries)."""
    return (json.dumps(entries, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# ----------------------------------------------------------------------------- versions


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_name(version: int) -> str:
    return f"v{version:04d}{MANIFEST_SUFFIX}"


def version_files(store_dir: str | os.PathLike[str]) -> dict[int, dict[str, Path]]:
    """{version: {file name: path}} of every file that belongs to a version (manifests included); temp files
    and files kept aside as damaged are not part of any version."""
    directory = Path(store_dir) / VERSIONS_DIR
    out: dict[int, dict[str, Path]] = {}
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        return out
    except OSError as exc:
        raise StoreError(f"cannot read {directory}: {exc.strerror or exc}; check the permissions of the store "
                         "directory", "unreadable_dir") from exc
    for name in names:
        m = _FILE_RE.match(name)
        if m and DAMAGED_MARK not in name:
            out.setdefault(int(m.group(1)), {})[name] = directory / name
    return out


def seal(files: dict[str, Path]) -> dict[str, str]:
    """{name: sha256} of a version's data files (its manifest excluded)."""
    return {name: file_sha256(path) for name, path in sorted(files.items()) if not name.endswith(MANIFEST_SUFFIX)}


_cache_lock = threading.Lock()
_sha_cache: dict[tuple, str] = {}
_read_cache: dict[tuple, bool] = {}


def _identity(path: Path) -> tuple:
    st = path.stat()
    return (str(path), st.st_ino, st.st_size, st.st_mtime_ns)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, cached per file identity (store files are never rewritten in place)."""
    key = _identity(path)
    with _cache_lock:
        if key in _sha_cache:
            return _sha_cache[key]
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    digest = h.hexdigest()
    with _cache_lock:
        if len(_sha_cache) > 4096:
            _sha_cache.clear()
        _sha_cache[key] = digest
    return digest


def _parquet_reads(path: Path) -> bool:
    key = _identity(path)
    with _cache_lock:
        if key in _read_cache:
            return _read_cache[key]
    try:
        pq.read_table(path)
        ok = True
    except (OSError, pa.ArrowException):
        ok = False
    with _cache_lock:
        if len(_read_cache) > 4096:
            _read_cache.clear()
        _read_cache[key] = ok
    return ok


def check_version(store_dir: str | os.PathLike[str], version: int, files: dict[str, Path],
                  recorded: dict | None = None) -> Damage | None:
    """None when every file of `version` is present and matches its recorded SHA-256, else the damage.

    Args:
        files: the version's files on disk (version_files()[version]).
        recorded: the checksums its history entry carries, used when the manifest is missing or unreadable.
    """
    store = Path(store_dir)
    main = f"v{version:04d}.parquet"
    rel = f"{VERSIONS_DIR}/"
    expected: dict | None = None
    manifest = files.get(manifest_name(version))
    manifest_bad = False
    if manifest is not None:
        try:
            body = json.loads(manifest.read_bytes())
            expected = body["files"] if isinstance(body, dict) and isinstance(body.get("files"), dict) else None
            manifest_bad = expected is None
        except (OSError, ValueError):
            manifest_bad = True
    if expected is None and isinstance(recorded, dict) and recorded:
        expected = recorded
    if main not in files and (expected is None or main in expected):
        return Damage("version", "missing", version, (rel + main,), _since(store / VERSIONS_DIR))
    if expected is None:  # stored before manifests: every Parquet file must at least read
        bad = [n for n, p in sorted(files.items()) if n.endswith(".parquet") and not _parquet_reads(p)]
        if manifest_bad and not bad:
            return None  # a damaged manifest of readable files: `verify` reports it, pages are unaffected
        if bad:
            reason = "empty" if all(files[n].stat().st_size == 0 for n in bad) else "unreadable"
            return Damage("version", reason, version, tuple(rel + n for n in bad), _since(*[files[n] for n in bad]))
        return None
    missing = [n for n in sorted(expected) if n not in files]
    if missing:
        return Damage("version", "missing", version, tuple(rel + n for n in missing), _since(store / VERSIONS_DIR))
    bad = [n for n in sorted(expected) if file_sha256(files[n]) != expected[n]]
    if bad:
        reason = "empty" if all(files[n].stat().st_size == 0 for n in bad) else "checksum"
        return Damage("version", reason, version, tuple(rel + n for n in bad), _since(*[files[n] for n in bad]))
    return None


def manifest_problem(files: dict[str, Path], version: int) -> str | None:
    """Why the manifest of `version` cannot be used ('missing', 'unreadable'), or None."""
    manifest = files.get(manifest_name(version))
    if manifest is None:
        return "missing"
    try:
        body = json.loads(manifest.read_bytes())
    except (OSError, ValueError):
        return "unreadable"
    return None if isinstance(body, dict) and isinstance(body.get("files"), dict) else "unreadable"


def _since(*paths: Path) -> str:
    stamps = []
    for p in paths:
        try:
            stamps.append(p.stat().st_mtime)
        except OSError:
            continue
    moment = datetime.fromtimestamp(max(stamps), UTC) if stamps else datetime.now(UTC)
    return moment.isoformat(timespec="seconds")


# ----------------------------------------------------------------------------- the whole store


def creates_version(entry: dict) -> bool:
    """True for a history entry that stored a new version (not a rollback pointing back at one)."""
    return entry.get("action") not in POINTER_ACTIONS


def entry_version(entry: dict) -> int:
    try:
        return int(entry.get("version") or 0)
    except (TypeError, ValueError):
        return -1


def health(store_dir: str | os.PathLike[str], full: bool = True, log: bool = True) -> Health:
    """Read and check the store (no lock, no writes); see the module docstring.

    Args:
        full: check every version (`readable` complete); False checks only what serving needs (the current
            version, and when it is damaged the earlier ones until one reads): what pages ask on every run.

    Raises:
        StoreError: the store directory itself cannot be read (permissions): nothing can be judged.
    """
    store = Path(store_dir)
    damage: list[Damage] = []
    cur_raw = _read(store / CURRENT_FILE)
    hist_raw = _read(store / HISTORY_FILE)
    on_disk = version_files(store)

    parsed = None
    if cur_raw is not None:
        parsed = parse_current(cur_raw)
        if parsed is None:
            damage.append(Damage("current", "empty" if not cur_raw.strip() else "unreadable", None,
                                 (CURRENT_FILE,), _since(store / CURRENT_FILE)))

    entries: list[dict] | None = None
    if hist_raw is not None:
        try:
            loaded = json.loads(hist_raw)
            entries = loaded if isinstance(loaded, list) and all(isinstance(e, dict) for e in loaded) else None
        except ValueError:
            entries = None
        if entries is None:
            damage.append(Damage("history", "empty" if not hist_raw.strip() else "unreadable", None,
                                 (HISTORY_FILE,), _since(store / HISTORY_FILE)))

    if parsed is not None and entries is not None:
        version, recorded = parsed
        if recorded is not None:
            if sha256_bytes(hist_raw or b"") != recorded:
                if entries and sha256_bytes(history_bytes(entries[:-1])) == recorded:
                    entries = entries[:-1]  # a writer was killed between history.json and CURRENT
                else:
                    damage.append(Damage("history", "checksum", None, (HISTORY_FILE,),
                                         _since(store / HISTORY_FILE)))
        elif entries and entry_version(entries[-1]) != version:
            # An older CURRENT (no checksum): a trailing entry naming another version is uncommitted only
            # when the entry before it names CURRENT's version.
            before = entry_version(entries[-2]) if len(entries) > 1 else 0
            if before == version:
                entries = entries[:-1]
        if entries and entry_version(entries[-1]) != version:
            damage.append(Damage("current", "mismatch", None, (CURRENT_FILE,), _since(store / CURRENT_FILE)))
    elif parsed is None and cur_raw is None and entries:
        # No CURRENT but a history: a first import killed before its CURRENT, or a deleted CURRENT.
        if len(entries) == 1 and int(entries[0].get("previous_version") or 0) == 0 and hist_raw is not None:
            entries = []
        else:
            damage.append(Damage("current", "missing", None, (CURRENT_FILE,), _since(store)))
    elif parsed is not None and entries is None and hist_raw is None and parsed[0] != 0:
        damage.append(Damage("history", "missing", None, (HISTORY_FILE,), _since(store)))

    if entries and (parsed is None or parsed[1] is None) and not any(d.kind == "history" for d in damage):
        # No CURRENT checksum vouches for the history: each version's entry must equal the one its manifest keeps.
        kept = {e.get("version"): e for e in _entries_from_manifests(on_disk)}
        for e in entries:
            m = kept.get(entry_version(e))
            if m is not None and creates_version(e) and _plain(e) != _plain(m):
                damage.append(Damage("history", "checksum", None, (HISTORY_FILE,), _since(store / HISTORY_FILE)))
                break
    if entries and any(d.kind == "history" for d in damage):
        # What the manifests keep is sound: it replaces the entries of the versions they describe.
        kept = {e.get("version"): e for e in _entries_from_manifests(on_disk)}
        entries = [({**kept[entry_version(e)], **({"damaged": e["damaged"]} if e.get("damaged") else {})}
                    if creates_version(e) and entry_version(e) in kept else e) for e in entries]
    if entries is None:  # damaged or missing while CURRENT names a version: rebuild; a new store has none
        entries = _entries_from_manifests(on_disk) if any(d.kind == "history" for d in damage) else []

    if parsed is not None:
        current = parsed[0]
    elif entries:
        current = entry_version(entries[-1])
    else:
        current = max((v for v, f in on_disk.items() if manifest_name(v) in f), default=0)

    aside = tuple(sorted({entry_version(e) for e in entries if e.get("damaged")}))
    committed = {entry_version(e): e for e in entries if creates_version(e) and not e.get("damaged")}
    if current and current not in committed and current not in aside and current in on_disk:
        committed[current] = {}
    found: dict[int, Damage | None] = {}

    def reads(version: int) -> bool:
        if version not in found:
            found[version] = check_version(store, version, on_disk.get(version, {}),
                                           committed.get(version, {}).get("files"))
        return found[version] is None

    if current in aside:  # kept aside earlier and still current: pages keep saying so until a rollback
        mark: dict = next((e["damaged"] for e in reversed(entries)
                           if entry_version(e) == current and isinstance(e.get("damaged"), dict)), {})
        kept_as = tuple(str(f) for f in mark.get("kept_as") or ())
        found[current] = Damage("version", "aside", current, kept_as, str(mark.get("time", "")))
    elif current and current not in committed:
        main = f"{VERSIONS_DIR}/v{current:04d}.parquet"
        found[current] = Damage("version", "missing", current, (main,), _since(store / CURRENT_FILE))
    served = current
    if current != 0 and (current in aside or not reads(current)):
        served = next((entry_version(e) for e in reversed(entries) if entry_version(e) == 0 or (
            entry_version(e) in committed and reads(entry_version(e)))), 0)
    if full:
        for version in sorted(committed):
            reads(version)
    readable = [v for v in sorted(committed) if found.get(v, 1) is None]
    damage.extend(d for _, d in sorted(found.items()) if d is not None)
    result = Health(current=current, served=served, readable=tuple(readable), damage=tuple(damage),
                    entries=entries, aside=aside)
    if log and result.damage:
        _log_once(store, result)
    return result


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        return b""
    except NotADirectoryError as exc:
        raise StoreError(f"the store {path.parent} is not a directory; set LISHI_STORE_DIR to a directory",
                         "not_a_directory") from exc
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}; check the permissions of the store "
                         "directory", "unreadable_dir") from exc


def _entries_from_manifests(on_disk: dict[int, dict[str, Path]]) -> list[dict]:
    """The history entries each version's manifest carries (rollbacks are not in them), oldest first."""
    out = []
    for version in sorted(on_disk):
        path = on_disk[version].get(manifest_name(version))
        if path is None:
            continue
        try:
            body = json.loads(path.read_bytes())
        except (OSError, ValueError):
            continue
        entry = body.get("entry") if isinstance(body, dict) else None
        if isinstance(entry, dict):
            out.append({**entry, "files": body.get("files"), "recovered": True})
    return out


def _plain(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k not in ("damaged", "recovered")}


_logged: set[tuple] = set()


def _log_once(store: Path, result: Health) -> None:
    from lishi_metrics.actuals.auth import service_log

    for d in result.damage:
        key = (str(store), d)
        with _cache_lock:
            if key in _logged:
                continue
            _logged.add(key)
        service_log(LOG_NAME).error(
            "store damaged: %s %s%s (%s) since %s; serving version %s instead of %s; "
            "run `python -m lishi_metrics verify` and roll back to a readable version",
            d.kind, d.reason, f" version {d.version}" if d.version is not None else "", ", ".join(d.files),
            d.since, result.served, result.current)
