#!/usr/bin/env bash
# Check that a wheelhouse installs and starts lishi-metrics with no package index.
#
# Usage: scripts/check_offline_install.sh WHEELHOUSE_DIR
# Environment:
#   PYTHON        interpreter for the new virtual environment (default: python3.11,
#                 else python3; it must be CPython 3.11 to match the wheelhouse)
#   START_TIMEOUT seconds to wait for /_stcore/health (default: 60)
#
# Creates a fresh virtual environment in a temporary directory, installs
# requirements.txt from the wheelhouse alone (every pip configuration file and
# PIP_* variable is ignored, so an extra index or find-links set on this
# machine cannot fill a gap), starts the app (python -m lishi_metrics.launcher app.py) from the repository
# with that environment on a free loopback port, waits for /_stcore/health,
# then asks /_stcore/script-health-check to run the entry script once, prints
# OK and stops the server. Exits non-zero on any failure.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 WHEELHOUSE_DIR" >&2
    exit 2
fi
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wheelhouse="$(cd "$1" && pwd)"
start_timeout="${START_TIMEOUT:-120}"  # the launcher warms the page models before it listens
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "check_offline_install: $python is not Python 3.11; set PYTHON" >&2
    exit 2
fi
if [[ ! -f "$repo_root/app.py" ]]; then
    echo "check_offline_install: $repo_root/app.py not found" >&2
    exit 2
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "check_offline_install: FAILED: $*" >&2
    if [[ -s "$work/server.log" ]]; then
        echo "---- server log (last 40 lines) ----" >&2
        tail -n 40 "$work/server.log" >&2
    fi
    exit 1
}

# Nothing from this machine's pip setup may leak into the install.
while IFS='=' read -r var _; do
    unset "$var"
done < <(env | grep -E '^PIP_' || true)
export PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1
export PYTHONNOUSERSITE=1

if [[ -f "$wheelhouse/SHA256SUMS" ]]; then
    (cd "$wheelhouse" && sha256sum --quiet -c SHA256SUMS) || fail "checksums in $wheelhouse/SHA256SUMS do not match"
fi

t0=$SECONDS
"$python" -m venv "$work/venv" || fail "could not create a virtual environment"
venv_python="$work/venv/bin/python"
"$venv_python" -m pip install --no-index --find-links "$wheelhouse" \
    -r "$repo_root/requirements.txt" >"$work/pip.log" 2>&1 \
    || { tail -n 30 "$work/pip.log" >&2; fail "pip install --no-index from $wheelhouse"; }
"$venv_python" -m pip check >&2 || fail "pip check reports broken dependencies"
echo "check_offline_install: installed $(grep -c . <("$venv_python" -m pip freeze)) packages from $wheelhouse in $((SECONDS - t0)) s"

port="$("$venv_python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

# The repository's .streamlit/config.toml applies (cwd is the repo); only the
# address and port are overridden so the check never listens beyond loopback.
# HOME and the store directory point into the temporary directory so the check
# neither reads ~/.streamlit nor writes to a real store.
mkdir -p "$work/home" "$work/store"
t1=$SECONDS
(
    cd "$repo_root"
    HOME="$work/home" LISHI_STORE_DIR="$work/store" \
        exec "$work/venv/bin/python" -m lishi_metrics.launcher app.py \
        --server.address 127.0.0.1 --server.port "$port" --server.headless true \
        --server.scriptHealthCheckEnabled true
) >"$work/server.log" 2>&1 &
server_pid=$!

"$venv_python" - "$port" "$start_timeout" "$server_pid" <<'PY' || fail "the app did not become healthy"
import os, sys, time, urllib.error, urllib.request

port, timeout, pid = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
base = f"http://127.0.0.1:{port}"
deadline = time.monotonic() + timeout
while True:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit("server exited before becoming healthy")
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
            if r.status == 200 and r.read().strip() == b"ok":
                break
    except (urllib.error.URLError, OSError):
        pass
    if time.monotonic() > deadline:
        sys.exit(f"/_stcore/health did not answer ok within {timeout:.0f} s")
    time.sleep(0.5)
print("check_offline_install: /_stcore/health ok")
# Runs app.py once in a throwaway session: imports and the default page.
try:
    with urllib.request.urlopen(f"{base}/_stcore/script-health-check", timeout=90) as r:
        print(f"check_offline_install: /_stcore/script-health-check {r.status} {r.read().decode().strip()}")
except urllib.error.HTTPError as e:
    sys.exit(f"/_stcore/script-health-check answered {e.code} {e.read().decode().strip()}: app.py raised")
PY

echo "check_offline_install: OK (install $((t1 - t0)) s, start and checks $((SECONDS - t1)) s)"
