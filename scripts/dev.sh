#!/usr/bin/env bash
# Task runner: the README's two commands (run, test) plus lint, bench and the offline wheelhouse.
# Usage: scripts/dev.sh run|test|check|lint|lock|bench|build-data|wheelhouse|release
#   test:  every test, as CI does, on every core (pytest-xdist, one Chromium and one shared app server per
#          worker, see tests/conftest.py), except the `release` ones (the load test beside the others, in a pytest
#          of its own). Extra arguments select tests as pytest's do, in one run (a `-m` of yours replaces the
#          selection).
#   check: the fast lane for the edit-test loop (ruff, mypy, data check, unit and AppTest tests in parallel; no
#          browser, `slow` (walks of every page or document, fault matrices), load, replica, offline-install,
#          egress or fuzz tests; the full suite, `test`, runs them all).
#   lock:  compile the hashed locks requirements.txt and requirements-dev.txt from pyproject.toml.
#   release: the tests marked `release` (the offline install from a fresh wheelhouse, which needs the package
#          index); on success it records the lock's hash in .ci/release.sha256, and .ci/run runs them again only
#          when the lock no longer matches that hash.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
VENV=${VENV:-.venv}
# Bytecode caches on (a shell may set PYTHONDONTWRITEBYTECODE): otherwise every test worker, app server and
# CLI run compiles lishi_metrics and pytest rewrites every test module again (~4 s of CPU per process).
unset PYTHONDONTWRITEBYTECODE

apt_install() {
  # System packages: Chromium and CJK fonts for browser tests, strace for the no-egress test, nginx for the
  # replica load test, LibreOffice (Writer for the report, Impress for the deck, Calc for the workbook) + poppler
  # to render generated documents to PNG in slow tests, systemd
  # (systemd-analyze rates the unit) and openssl (a throw-away certificate for nginx -t of the TLS example).
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

venv() {
  # $1: a hashed lock (requirements.txt: runtime; requirements-dev.txt: runtime + dev, both compiled from
  # pyproject.toml). Installs again only when a requirements file changed since the last install.
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  local stamp="$VENV/.installed-$(basename "$1")" want
  want=$(cat requirements*.txt | sha256sum)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q --require-hashes -r "$1"  # a hashed lock (scripts/dev.sh lock)
    echo "$want" > "$stamp"
  fi
}

lock_hash() {
  # What the release tests depend on: the requirements and the scripts that build and check the wheelhouse.
  cat requirements*.txt scripts/build_wheelhouse.sh scripts/check_offline_install.sh | sha256sum | cut -d' ' -f1
}

case "${1:-}" in
  run)
    venv requirements.txt
    # Through the launcher: it pins Streamlit's network probes before the server starts.
    exec "$VENV/bin/python" -m lishi_metrics.launcher app.py "${@:2}"
    ;;
  test)
    apt_install chromium fonts-noto-cjk strace nginx-light libreoffice-writer-nogui libreoffice-impress-nogui libreoffice-calc-nogui poppler-utils systemd openssl
    venv requirements-dev.txt
    mkdir -p artifacts
    "$VENV/bin/python" -m ruff check .
    "$VENV/bin/python" -m lishi_metrics check
    "$VENV/bin/python" -m mypy
    # --dist loadgroup: each worker is handed the next tests as it frees up (not a quarter of the suite at the
    # start), so the long browser tests, collected first (tests/conftest.py), spread over the workers; a module
    # whose tests share a module fixture goes to one worker as a whole (tests/conftest.py), in collection order.
    all=(-n "${TEST_WORKERS:-auto}" --dist loadgroup --no-loadscope-reorder -m "not release")
    if [ $# -gt 1 ]; then  # your selection: one run
      exec "$VENV/bin/python" -m pytest "${all[@]}" "${@:2}"
    fi
    # The whole suite (CI): the load test mostly waits (its sessions think a second between actions: a third of a
    # core for a minute), so it runs beside the others in a pytest of its own instead of holding one of their
    # workers; its report follows theirs.
    "$VENV/bin/python" -m pytest tests/test_load.py > artifacts/test-load.log 2>&1 &
    load=$!
    status=0
    "$VENV/bin/python" -m pytest "${all[@]}" --ignore=tests/test_load.py || status=$?
    wait "$load" || status=1
    echo "--- tests/test_load.py, run beside the others (artifacts/test-load.log):"
    cat artifacts/test-load.log
    exit "$status"
    ;;
  check)
    venv requirements-dev.txt
    "$VENV/bin/python" -m ruff check .
    "$VENV/bin/python" -m lishi_metrics check
    "$VENV/bin/python" -m mypy
    exec "$VENV/bin/python" -m pytest -n "${TEST_WORKERS:-auto}" -m "not browser and not slow and not release" \
      --ignore=tests/test_load.py --ignore=tests/test_replicas.py --ignore=tests/test_offline_install.py \
      --ignore=tests/test_egress.py --ignore=tests/test_fuzz_pages.py "${@:2}"
    ;;
  release)
    venv requirements-dev.txt
    "$VENV/bin/python" -m pytest -m release "${@:2}"
    lock_hash > .ci/release.sha256
    ;;
  release-current)
    # Exit 0 when the lock is the one the release tests last passed with (.ci/run asks before running them).
    [ "$(lock_hash)" = "$(cat .ci/release.sha256 2>/dev/null)" ]
    ;;
  lint)
    venv requirements-dev.txt
    "$VENV/bin/python" -m ruff check .
    exec "$VENV/bin/python" -m mypy
    ;;
  lock)
    # After a change to the dependencies in pyproject.toml: compile the hashed locks again (pins that still fit
    # are kept; add --upgrade to move everything), then run `scripts/dev.sh release` and commit all three files.
    venv requirements-dev.txt
    "$VENV/bin/python" -m pip install -q pip-tools==7.7.0
    common=(--quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links)
    "$VENV/bin/pip-compile" "${common[@]}" "${@:2}" --output-file requirements.txt pyproject.toml
    "$VENV/bin/pip-compile" "${common[@]}" "${@:2}" --extra dev --constraint requirements.txt \
      --output-file requirements-dev.txt pyproject.toml
    ;;
  build-data)
    venv requirements.txt
    exec "$VENV/bin/python" -m lishi_metrics build
    ;;
  bench)
    apt_install chromium fonts-noto-cjk nginx-light
    venv requirements-dev.txt
    exec "$VENV/bin/python" scripts/bench.py "${@:2}"
    ;;
  wheelhouse)
    exec bash scripts/build_wheelhouse.sh "${@:2}"
    ;;
  *)
    echo "usage: scripts/dev.sh run|test|check|lint|lock|bench|build-data|wheelhouse|release" >&2
    exit 64
    ;;
esac
