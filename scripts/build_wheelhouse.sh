#!/usr/bin/env bash
# Build an offline wheelhouse for lishi-metrics (Linux x86_64, CPython 3.11).
#
# Run on any machine that can reach a package index (the build machine does
# not have to be Linux or run Python 3.11: pip downloads for the target
# platform). Copy the resulting directory, together with requirements.txt, to
# the air-gapped server and install there with
#   pip install --no-index --find-links wheelhouse -r requirements.txt
# (docs/deployment.md).
#
# Usage: scripts/build_wheelhouse.sh [DIR]      (default: ./wheelhouse)
# Environment:
#   PYTHON             interpreter that runs pip (default: python3)
#   REQUIREMENTS       requirements file (default: requirements.txt of the repo)
#   MANYLINUX_GLIBC_MAX  newest glibc the wheels may need (default 2.28; the
#                      target, Debian 12, has 2.36)
#
# Pass 1 downloads binary wheels only, for the target platform, never for the
# build machine. If a requirement (or a dependency) is published only as a
# source distribution, pass 2 builds it into a wheel with `pip wheel --no-deps`
# and pass 1 is repeated with that wheel available; only pure-Python
# (py3-none-any) wheels are accepted from pass 2, because a compiled one would
# be for the build machine, not the server. Finally SHA256SUMS is written so the
# copy can be verified on the server with `sha256sum -c SHA256SUMS`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-./wheelhouse}"
python="${PYTHON:-python3}"
requirements="${REQUIREMENTS:-$repo_root/requirements.txt}"
glibc_max="${MANYLINUX_GLIBC_MAX:-2.28}"

if [[ ! -f "$requirements" ]]; then
    echo "build_wheelhouse: requirements file not found: $requirements" >&2
    exit 2
fi
if ! [[ "$glibc_max" =~ ^2\.([0-9]+)$ ]] || (( BASH_REMATCH[1] < 17 )); then
    echo "build_wheelhouse: MANYLINUX_GLIBC_MAX must look like 2.17 .. 2.39, got '$glibc_max'" >&2
    exit 2
fi
glibc_minor="${BASH_REMATCH[1]}"

mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
if compgen -G "$dest/*.whl" >/dev/null; then
    echo "build_wheelhouse: note: $dest already holds wheels; they are kept (use an empty directory for a clean set)"
fi

# pip (23.x) does not widen a manylinux_2_NN platform to older glibc
# versions by itself, so every step from manylinux2014 (= 2.17) up to the
# newest allowed glibc is listed. Pure-Python wheels (none-any) are always
# accepted; "any" is listed for older pips that want it spelled out.
platform_args=(--platform manylinux2014_x86_64)
for (( minor = 17; minor <= glibc_minor; minor++ )); do
    platform_args+=(--platform "manylinux_2_${minor}_x86_64")
done
platform_args+=(--platform any)

target_args=(
    --only-binary=:all:
    "${platform_args[@]}"
    --python-version 3.11
    --implementation cp
    --abi cp311
)

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

start=$SECONDS
built_from_source=()
for attempt in 1 2 3 4 5 6; do
    echo "build_wheelhouse: pass 1 (binary wheels for manylinux x86_64, cp311), attempt $attempt"
    if "$python" -m pip download "${target_args[@]}" \
        --find-links "$dest" \
        -r "$requirements" -d "$dest" 2>&1 | tee "$log"; then
        break
    fi
    # Which requirement has no wheel? pip names it in its final error line.
    missing="$(sed -n -E \
        's/.*(Could not find a version that satisfies the requirement|No matching distribution found for) ([^ ]+).*/\2/p' \
        "$log" | head -n 1)"
    if [[ -z "$missing" || "$attempt" == 6 ]]; then
        echo "build_wheelhouse: pip download failed (see above)" >&2
        exit 1
    fi
    for previous in "${built_from_source[@]+"${built_from_source[@]}"}"; do
        if [[ "$previous" == "$missing" ]]; then
            echo "build_wheelhouse: $missing still unresolved after building it from source" >&2
            exit 1
        fi
    done
    name="${missing%%[<>=!~;[ ]*}"
    echo "build_wheelhouse: pass 2: $name has no suitable wheel, building one from source"
    before="$(ls "$dest")"
    "$python" -m pip wheel --no-deps --no-binary "$name" "$missing" -w "$dest"
    for wheel in "$dest"/*.whl; do
        file="$(basename "$wheel")"
        if ! grep -qxF "$file" <<<"$before" && [[ "$file" != *-none-any.whl ]]; then
            echo "build_wheelhouse: $name built into $file, which is not pure Python;" \
                 "build the wheelhouse on a Linux x86_64 / Python 3.11 machine instead" >&2
            rm -f "$wheel"
            exit 1
        fi
    done
    built_from_source+=("$missing")
done

if ! [[ "$requirements" -ef "$dest/requirements.txt" ]]; then
    cp "$requirements" "$dest/requirements.txt"
fi
# Written with Python rather than sha256sum so the build machine may be any OS;
# the format is the one `sha256sum -c` reads.
"$python" - "$dest" <<'PY'
import hashlib, pathlib, sys

root = pathlib.Path(sys.argv[1])
files = sorted(p for p in root.iterdir() if p.suffix == ".whl" or p.name == "requirements.txt")
lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in files]
(root / "SHA256SUMS").write_text("".join(lines))
PY

count="$(find "$dest" -maxdepth 1 -name '*.whl' | wc -l)"
size="$(du -sh "$dest" | cut -f1)"
echo "build_wheelhouse: $count wheels, $size in $dest ($((SECONDS - start)) s)"
if (( ${#built_from_source[@]} )); then
    echo "build_wheelhouse: built from source: ${built_from_source[*]}"
fi
