"""Under CI=true a skipped test fails (conftest.pytest_runtest_makereport), but for the allowed reasons."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

SAMPLE = '''
import pytest

def test_missing_tool():
    pytest.skip("no nginx")

@pytest.mark.skipif(True, reason="root ignores permission bits")
def test_allowed():
    pass

def test_plain():
    pass
'''


def _run(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": os.pathsep.join([str(TESTS), str(TESTS.parent)])}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", "-p", "no:xdist",
                           "-q", "-rs", "-o", "addopts=", str(tmp_path / "test_sample.py")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_a_skip_fails_under_ci_unless_its_reason_is_allowed(tmp_path):
    done = _run(tmp_path, "true")
    assert done.returncode == 1, done.stdout[-2000:]
    assert "1 failed, 1 passed, 1 skipped" in done.stdout, done.stdout[-2000:]
    assert "test_missing_tool skipped under CI=true (Skipped: no nginx)" in done.stdout


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_without_ci_a_skip_stays_a_skip(tmp_path):
    done = _run(tmp_path, None)
    assert done.returncode == 0 and "1 passed, 2 skipped" in done.stdout, done.stdout[-2000:]
