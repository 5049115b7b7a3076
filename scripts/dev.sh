#!/usr/bin/env bash
# Task runner: the README's two commands (run, test) plus lint, bench and the offline wheelhouse.
# Usage: scripts/dev.sh run|test|check|lint|bench|build-data|wheelhouse
#   check: the fast lane for the edit-test loop (lint, data check, unit and AppTest tests; no browser, load,
#          replica, offline-install, egress or fuzz tests). `test` still runs everything, as CI does.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
VENV=${VENV:-.venv}

apt_install() {
  # System packages: Chromium and CJK fonts for browser tests, strace for the no-egress test, nginx for the
  # replica load test, LibreOffice + poppler to render generated reports to PNG in a slow test, systemd
  # (systemd-analyze rates the unit) and openssl (a throw-away certificate for nginx -t of the TLS example).
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

venv() {
  # $1: requirements file. Installs again only when a requirements file changed since the last install.
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  local stamp="$VENV/.installed-$(basename "$1")" want
  want=$(cat requirements*.txt | sha256sum)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -r "$1"
    echo "$want" > "$stamp"
  fi
}

case "${1:-}" in
  run)
    venv requirements.txt
    # Through the launcher: it pins Streamlit's network probes before the server starts.
    exec "$VENV/bin/python" -m lishi_metrics.launcher app.py "${@:2}"
    ;;
  test)
    apt_install chromium fonts-noto-cjk strace nginx-light libreoffice-writer-nogui poppler-utils systemd openssl
    venv requirements-dev.txt
    mkdir -p artifacts
    "$VENV/bin/python" -m ruff check .
    "$VENV/bin/python" -m lishi_metrics check
    exec "$VENV/bin/python" -m pytest "${@:2}"
    ;;
  check)
    venv requirements-dev.txt
    "$VENV/bin/python" -m ruff check .
    "$VENV/bin/python" -m lishi_metrics check
    exec "$VENV/bin/python" -m pytest -m "not browser and not slow" \
      --ignore=tests/test_load.py --ignore=tests/test_replicas.py --ignore=tests/test_offline_install.py \
      --ignore=tests/test_egress.py --ignore=tests/test_fuzz_pages.py "${@:2}"
    ;;
  lint)
    venv requirements-dev.txt
    exec "$VENV/bin/python" -m ruff check .
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
    echo "usage: scripts/dev.sh run|test|check|lint|bench|build-data|wheelhouse" >&2
    exit 64
    ;;
esac
