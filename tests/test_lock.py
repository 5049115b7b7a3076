"""The installs come from hashed locks compiled from pyproject.toml (scripts/dev.sh lock)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)", re.M)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(name: str, root: Path = REPO) -> dict[str, str]:
    """{package: version} of a lock file; fails on a requirement that is not pinned with hashes."""
    text = (root / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=\S)", re.sub(r"(?m)^\s*#.*\n?", "", text).strip())
    pins = {}
    for entry in entries:
        match = _PIN.match(entry)
        assert match, f"{name}: not an exact pin: {entry[:80]!r}"
        assert "--hash=sha256:" in entry, f"{name}: {match.group(1)} has no hash"
        pins[_norm(match.group(1))] = match.group(2)
    return pins


def declared(extra: str | None = None) -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {_norm(m.group(1)): m.group(2) for m in (_PIN.match(d) for d in deps) if m}


def test_every_requirement_is_locked_with_hashes_down_to_protobuf():
    runtime = locked("requirements.txt")
    assert {"protobuf", "pyarrow", "numpy", "jinja2"} <= set(runtime)  # what streamlit and altair pull in
    assert len(runtime) > len(declared())


def test_the_locks_pin_what_pyproject_declares():
    runtime, dev = locked("requirements.txt"), locked("requirements-dev.txt")
    assert declared() and all(runtime.get(name) == version for name, version in declared().items()), declared()
    assert all(dev.get(name) == version for name, version in declared("dev").items()), declared("dev")


def test_the_dev_lock_installs_the_same_runtime_versions():
    runtime, dev = locked("requirements.txt"), locked("requirements-dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime


def test_a_pin_without_hash_or_a_range_is_refused(tmp_path):
    (tmp_path / "bare.txt").write_text("pandas==3.1.1\n", encoding="utf-8")
    (tmp_path / "range.txt").write_text("pandas>=3 \\\n    --hash=sha256:00\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="pandas has no hash"):
        locked("bare.txt", tmp_path)
    with pytest.raises(AssertionError, match="not an exact pin"):
        locked("range.txt", tmp_path)
