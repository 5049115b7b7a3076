"""No traffic beyond the host: the server (as configured, on the LAN) and the pages it sends stay local.

The server runs under strace (connect/sendto/sendmsg of every thread); every page is opened in headless Chromium
with all requests recorded. Any non-loopback connection or non-local request fails the test.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from lishi_metrics.views.registry import PAGES

from browser import require_browser, served, show, watch_runs

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
_INET = re.compile(r"sin_addr=inet_addr\(\"([\d.]+)\"\)")
_INET6 = re.compile(r"inet_pton\(AF_INET6, \"([0-9a-fA-F:.]+)\"")


def outbound(trace: str) -> list[str]:
    """Lines of an strace log that connect or send to an address outside the loopback range."""
    bad = []
    for line in trace.splitlines():
        if "connect(" not in line and "sendto(" not in line and "sendmsg(" not in line:
            continue
        for addr in _INET.findall(line):
            if not addr.startswith("127.") and addr != "0.0.0.0":
                bad.append(line)
        for addr in _INET6.findall(line):
            if addr not in ("::1", "::ffff:127.0.0.1", "::"):
                bad.append(line)
    return bad


def test_outbound_parser_flags_public_addresses():
    sample = ('123 connect(5, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("52.1.2.3")}, 16) = -1\n'
              '124 connect(6, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, 16) = 0\n'
              '125 sendto(7, "x", 1, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.2")}, 16)')
    assert len(outbound(sample)) == 2


def test_no_egress_from_server_or_pages(tmp_path: Path, new_page):
    require_browser()
    if not shutil.which("strace"):
        pytest.fail("strace is required for the no-egress test (scripts/dev.sh test installs it)")
    trace_file = tmp_path / "strace.log"
    # --seccomp-bpf: the kernel stops the server only at the traced calls (without it strace stops every thread
    # at every system call, and the server under test runs several times slower); the log is the same.
    wrapper = ["strace", "-f", "--seccomp-bpf", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace_file)]
    requests: list[str] = []
    with served(wrapper=wrapper, as_configured=True, env={"LISHI_STORE_DIR": str(tmp_path / "store")}) as base:
        page = new_page(viewport={"width": 1920, "height": 1080})
        page.on("request", lambda r: requests.append(r.url))
        watch_runs(page)
        for spec in PAGES:
            for lang in ("zh", "en"):
                # The app's document and code loaded once (every path serves the same ones), every other page
                # opened as the back/forward buttons do: its own run, elements and requests (browser.show).
                show(page, base, f"{spec.url_path}?lang={lang}" + ("&rotate=0" if spec.url_path == "screen" else ""))
    foreign = [u for u in requests
               if not u.startswith(("data:", "blob:", "about:")) and urlparse(u).hostname not in LOCAL_HOSTS]
    assert not foreign, f"browser requested non-local URLs: {sorted(set(foreign))[:10]}"
    assert len(requests) > 20, "the pages made suspiciously few requests: did they load?"
    bad = outbound(trace_file.read_text(errors="replace"))
    assert not bad, "server connected outside the host:\n" + "\n".join(bad[:10])
