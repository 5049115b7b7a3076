"""Air-gapped install: a freshly built wheelhouse installs into a new virtual environment with no index
and the app starts from it (scripts/build_wheelhouse.sh, then scripts/check_offline_install.sh).

Building the wheelhouse needs the package index; without it the test is skipped on a developer's
machine and fails in CI. pip's download cache is used, so a repeated run mostly measures the install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.release]


def _index_url() -> str:
    """The index pip would use (PIP_INDEX_URL, else pip's configuration, else PyPI)."""
    url = os.environ.get("PIP_INDEX_URL")
    if not url:
        result = subprocess.run([sys.executable, "-m", "pip", "config", "get", "global.index-url"],
                                capture_output=True, text=True, timeout=60)
        url = result.stdout.strip() if result.returncode == 0 else ""
    return (url or "https://pypi.org/simple").split()[0].rstrip("/")


def _require_index() -> None:
    url = f"{_index_url()}/pip/"
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            if response.status == 200:
                return
            problem = f"HTTP {response.status}"
    except OSError as exc:
        problem = str(exc)
    message = f"the package index {url} is unreachable ({problem}); building a wheelhouse needs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _python311() -> str:
    for candidate in ("python3.11", sys.executable):
        path = shutil.which(candidate) if os.sep not in candidate else candidate
        if path and subprocess.run([path, "-c", "import sys; sys.exit(sys.version_info[:2] != (3, 11))"],
                                   timeout=60).returncode == 0:
            return path
    pytest.fail("the offline install check needs CPython 3.11 (the wheelhouse targets it)")


def test_fresh_wheelhouse_installs_with_no_index_and_the_app_starts(tmp_path):
    _require_index()
    python = _python311()
    wheelhouse = tmp_path / "wheelhouse"
    env = {**os.environ, "PYTHON": python}
    try:
        build = subprocess.run(["bash", str(REPO / "scripts" / "build_wheelhouse.sh"), str(wheelhouse)],
                               cwd=REPO, env=env, capture_output=True, text=True, timeout=1200)
        assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
        wheels = sorted(p.name for p in wheelhouse.glob("*.whl"))
        assert any(w.startswith("streamlit-1.67.0-") for w in wheels), wheels
        assert (wheelhouse / "SHA256SUMS").is_file() and (wheelhouse / "requirements.txt").is_file()

        check = subprocess.run(["bash", str(REPO / "scripts" / "check_offline_install.sh"), str(wheelhouse)],
                               cwd=REPO, env=env, capture_output=True, text=True, timeout=1200)
        output = check.stdout + check.stderr
        assert check.returncode == 0, output[-4000:]
        assert "/_stcore/health ok" in output and "script-health-check 200" in output, output[-4000:]
        assert "check_offline_install: OK" in output
    finally:
        shutil.rmtree(wheelhouse, ignore_errors=True)  # 140 MB
