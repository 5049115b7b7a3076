"""The one atomic file writer, and the text hygiene of anything a person typed that is stored or written out.

It lives in the lowest layer that writes files (the store of imported actuals) so the data layer's build,
exports and the store share it (docs/architecture.md: data may import actuals).

- `atomic_write`: temp file in the same directory (mode 0600), write, fsync, optional check, chown when a
  root process writes into a directory owned by the service user, rename over the target, fsync the
  directory. A reader sees the old file or the new one, never a part.
- `neutralise`: a text cell that a spreadsheet would run as a formula (starts with = + - @, tab or carriage
  return) gets a leading apostrophe; Excel and WPS then show it as text.
- `strip_controls`: removes control and format characters (escape sequences, bidi overrides) from names
  and file names, so a terminal or a table shows what was typed and nothing else.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FILE_MODE = 0o600
DIR_MODE = 0o700
TMP_SUFFIX = ".tmp"


def neutralise(value: object) -> object:
    """`value` with a leading "'" when it is text a spreadsheet would evaluate; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def strip_controls(text: object) -> str:
    """`text` without control or format characters (ESC, BEL, NUL, U+202E …); tabs and line breaks become spaces."""
    s = str(text if text is not None else "")
    s = s.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return "".join(ch for ch in s if not unicodedata.category(ch).startswith("C"))


def owner_for(directory: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(uid, gid) new files in `directory` must get: its owner's, when root writes into a directory owned by
    another user (the CLI run as root in the service's store); None when no chown is needed."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    st = os.stat(directory)
    return None if st.st_uid == 0 else (st.st_uid, st.st_gid)


def make_dir(path: str | os.PathLike[str], owner: tuple[int, int] | None = None) -> Path:
    """Create `path` (and parents) with mode 0700 when missing, owned by `owner` when given."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        if owner:
            os.chown(path, *owner)
    return path


def atomic_write(
    path: str | os.PathLike[str],
    payload: bytes | Callable[[BinaryIO], None],
    check: Callable[[Path], None] | None = None,
    owner: tuple[int, int] | None = None,
    mode: int = FILE_MODE,
) -> Path:
    """Replace `path` with `payload` (bytes, or a function writing to a binary file) all at once.

    Args:
        check: called with the finished temp file before the rename; raising keeps the old file.
        owner: (uid, gid) for the new file (see owner_for); None keeps the writer's.
        mode: permission bits of the new file (0600: only the owner reads it).
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            if owner:
                os.fchown(f.fileno(), *owner)
            if callable(payload):
                payload(f)
            else:
                f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        if check is not None:
            check(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


def remove_stale_temp_files(directory: str | os.PathLike[str]) -> list[Path]:
    """Delete the temp files atomic_write leaves when its process is killed; call only while no writer runs
    in `directory` (under the store's lock). Returns what was removed."""
    removed = []
    for p in Path(directory).glob(f".*{TMP_SUFFIX}"):
        if p.is_file():
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not every platform lets a directory be opened.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
