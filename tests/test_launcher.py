"""lishi_metrics.launcher, the production entry: the network-probe pin covers the first WebSocket handshake, and
the shared page models are built before the server listens."""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import shutil

import pytest
import servers
from test_egress import outbound

# ---------------------------------------------------------------- the probe pin, under strace


async def _cross_origin_handshake(base: str) -> str:
    """Open the app's WebSocket with a foreign Origin (as a page on another intranet host would)."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed, InvalidStatus

    host = base.split("://", 1)[1]
    try:
        async with connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],
                           origin="http://other-host.intranet.example:8501", open_timeout=30, proxy=None) as ws:
            await asyncio.wait_for(ws.recv(), 30)
    except (ConnectionClosed, InvalidStatus) as exc:
        return type(exc).__name__
    return "accepted"


def _probes(trace: str) -> list[str]:
    """Lines where the server reached for the internet: 8.8.8.8, or any DNS/HTTP(S) outside loopback."""
    return [line for line in outbound(trace) if "8.8.8.8" in line or "htons(53)" in line or "htons(443)" in line
            or "htons(80)" in line]


def _require_strace() -> None:
    if not shutil.which("strace"):
        if __import__("os").environ.get("CI"):
            pytest.fail("strace is required (scripts/dev.sh test installs it)")
        pytest.skip("no strace")


@pytest.mark.slow
@pytest.mark.parametrize("through_launcher", [True, False], ids=["launcher", "plain-streamlit-run"])
def test_first_cross_origin_handshake_is_refused_without_probing_the_internet(tmp_path, through_launcher):
    """The first WebSocket after a start, before any page ran, from another origin: refused, and only
    through the launcher without Streamlit's 8.8.8.8 / checkip probes (plain `streamlit run` probes, which
    shows the test can fail)."""
    _require_strace()
    trace_file = tmp_path / "strace.log"
    wrapper = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace_file)]
    with servers.serve(env={"LISHI_STORE_DIR": str(tmp_path / "store")}, wrapper=wrapper,
                        plain_streamlit=not through_launcher) as server:
        # A fresh thread: under xdist the session's sync Playwright leaves an event loop running in this one.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            outcome = pool.submit(asyncio.run, _cross_origin_handshake(server.base_url)).result()
    assert outcome != "accepted"
    probes = _probes(trace_file.read_text(errors="replace"))
    if through_launcher:
        assert not probes, "the server probed the internet:\n" + "\n".join(probes[:10])
    else:
        assert any("8.8.8.8" in line for line in probes), "plain streamlit run no longer probes: drop the pin?"


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_the_server_builds_the_shared_page_models_before_it_listens(tmp_path):
    """Production start (launcher.main): the warm-up runs before /_stcore/health answers, builds every page
    model it lists (both languages, the big screen's panels) and says so in the log; test servers skip it."""
    log = tmp_path / "server.log"
    with servers.serve(warm_up=True, log_path=log, start_timeout=180):
        text = log.read_text(encoding="utf-8")
    found = re.search(r"warm-up built (\d+) shared page models in ([\d.]+) s", text)
    assert found, text[-2000:]
    assert int(found.group(1)) >= 2 + 2 * 5 + 2 * 5  # explorer, scenario facts; 5 page models and 5 panels per language
    # A clean start warns about nothing (issue 25.6: "No runtime found, using MemoryCacheStorageManager" was
    # st.cache_data called outside a script run, in the warm-up, before the documents cache left st.cache_data)
    assert not re.search(r"WARNING|No runtime found|Traceback", text), text[-2000:]
    cold = tmp_path / "cold.log"
    with servers.serve(log_path=cold):
        assert "warm-up built" not in cold.read_text(encoding="utf-8")


def test_the_run_command_prints_the_address_to_open(capsys):
    """The launcher prints the URL a user should open once the port answers (Streamlit's banner is off):
    localhost and this machine's name for the configured LAN address, the address itself when one is set."""
    import socket

    from lishi_metrics import launcher
    from lishi_metrics.ui import _compat

    host, port, urls = _compat.open_urls(["--server.port", "8610", "--server.address=0.0.0.0"])
    assert (host, port, urls) == ("127.0.0.1", "8610", ["http://localhost:8610/", f"http://{socket.gethostname()}:8610/"])
    assert _compat.open_urls(["--server.address", "127.0.0.1", "--server.port", "9000",
                              "--server.baseUrlPath", "lishi"])[2] == ["http://127.0.0.1:9000/lishi/"]
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        free = str(listening.getsockname()[1])
        launcher.announce_url("127.0.0.1", free, [f"http://localhost:{free}/", "http://box:1/"]).join(timeout=30)
    out = capsys.readouterr().out
    assert out == f"lishi-metrics: open http://localhost:{free}/ in a browser (from other computers: http://box:1/)\n"
