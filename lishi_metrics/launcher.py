"""The production entry: pins Streamlit's network probes, builds the shared page models, then runs the app.

    python -m lishi_metrics.launcher [SCRIPT] [streamlit run options]   # SCRIPT defaults to app.py

is `streamlit run` in this same process (the systemd unit, `scripts/dev.sh run`, and every server the tests,
the load test and the benchmarks start through tests/servers.py), after ui._compat.pin_network_probes(): the
pin is in place before the server accepts its first WebSocket, whose origin check is where Streamlit would
otherwise probe the internet. Nothing here imports Streamlit or the ui package at module level.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """`streamlit run SCRIPT OPTIONS...` in this process, with the network probes pinned first."""
    args = list(sys.argv[1:] if argv is None else argv)
    script = args.pop(0) if args and not args[0].startswith("-") else "app.py"
    from lishi_metrics.ui import _compat  # Streamlit's internals live there (the pins, its command line)

    _compat.pin_network_probes()
    _compat.quick_emoji_check()
    _compat.say_download_failures()
    warm_up()
    announce_url(*_compat.open_urls(args))
    return _compat.run_streamlit(script, args)


def announce_url(host: str, port: str, urls: list[str], wait: float = 600.0) -> threading.Thread:
    """Print the address to open once the server accepts connections (Streamlit's own banner is off, see
    .streamlit/config.toml): a thread that tries the port until it answers, then prints one line to stdout."""

    def run() -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((host, int(port)), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            return
        others = f" (from other computers: {', '.join(urls[1:])})" if len(urls) > 1 else ""
        print(f"lishi-metrics: open {urls[0]} in a browser{others}", flush=True)

    thread = threading.Thread(target=run, name="announce-url", daemon=True)
    thread.start()
    return thread


def warm_up() -> None:
    """Build the shared page models before the server listens (lishi_metrics.ui.warm_up), so a room that opens
    the link right after a restart finds them ready instead of queueing behind seconds of cold work, and the
    work is never counted against a visitor. LISHI_WARM_UP=0 skips it (tests that start many servers)."""
    if os.environ.get("LISHI_WARM_UP", "1").strip() == "0":
        return
    from lishi_metrics import ui

    started = time.perf_counter()
    built = ui.warm_up()
    print(f"lishi-metrics: warm-up built {built} shared page models in {time.perf_counter() - started:.1f} s",
          file=sys.stderr, flush=True)
    if os.environ.get("LISHI_GC_FREEZE", "1").strip() != "0":
        import gc

        # Everything built so far (modules, the shared page models) lives as long as the process: moved out
        # of the collector's generations, a full collection no longer walks it on every cycle (issue 11).
        gc.collect()
        gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
