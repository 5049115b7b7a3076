"""lishi_metrics.launcher: the network-probe pin covers the first WebSocket handshake; the nginx config it
generates from deploy/ is the template's, with sticky routing that spreads and keeps viewers."""

from __future__ import annotations

import asyncio
import http.cookies
import re
import shutil
import urllib.request
from pathlib import Path

import pytest
from test_egress import outbound

from lishi_metrics import launcher

TEMPLATE = launcher.NGINX_TEMPLATE.read_text(encoding="utf-8")
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# ---------------------------------------------------------------- generated nginx configuration


def test_nginx_site_lists_the_replicas_and_listens_on_loopback_only():
    site = launcher.nginx_site(TEMPLATE, 18080, [18501, 18502])
    upstream = re.search(r"upstream lishi_metrics \{(.*?)\n\}", site, re.S).group(1)
    servers = re.findall(r"^\s*server\s+(\S+);", upstream, re.M)
    assert servers == ["127.0.0.1:18501", "127.0.0.1:18502"]
    listens = [line.strip() for line in site.splitlines() if re.match(r"\s*listen\s", line.split("#")[0])]
    assert listens == ["listen 127.0.0.1:18080;"]


def test_nginx_site_keeps_the_template_apart_from_upstream_and_listen():
    site = launcher.nginx_site(TEMPLATE, 18080, [18501])
    kept = [line for line in TEMPLATE.splitlines()
            if not re.match(r"\s*(listen|#?\s*server\s+127)", line.split("#")[0] if "listen" in line else line)]
    for line in kept:
        if re.match(r"\s*(ssl_|add_header\s+Strict-Transport)", line) or "lishi_route=" in line:
            continue
        assert line in site, f"template line lost: {line!r}"
    # The template's sticky routing and cross-origin refusal are what the test exercises.
    assert "hash $lishi_route;" in site
    assert "HttpOnly; SameSite=Lax" in site and "Secure" not in site.split("lishi_route=", 2)[-1].split("\n")[0]
    assert "return 403;" in site


def test_nginx_site_rejects_a_template_without_an_upstream():
    with pytest.raises(ValueError):
        launcher.nginx_site("server { listen 80; }", 1, [2])


@pytest.mark.skipif(not launcher.nginx_binary(), reason="no nginx")
def test_generated_configuration_passes_nginx_t(tmp_path: Path):
    import subprocess

    (tmp_path / "site.conf").write_text(launcher.nginx_site(TEMPLATE, launcher.free_port(), [8501, 8502]))
    (tmp_path / "nginx.conf").write_text(launcher.nginx_main_config("", tmp_path))
    done = subprocess.run([launcher.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


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
    with launcher.serve(env={"LISHI_STORE_DIR": str(tmp_path / "store")}, wrapper=wrapper,
                        plain_streamlit=not through_launcher) as server:
        outcome = asyncio.run(_cross_origin_handshake(server.base_url))
    assert outcome != "accepted"
    probes = _probes(trace_file.read_text(errors="replace"))
    if through_launcher:
        assert not probes, "the server probed the internet:\n" + "\n".join(probes[:10])
    else:
        assert any("8.8.8.8" in line for line in probes), "plain streamlit run no longer probes: drop the pin?"


# ---------------------------------------------------------------- replicas behind nginx


def _get(url: str, cookie: str = "") -> tuple[int, http.cookies.SimpleCookie]:
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with _HTTP.open(req, timeout=30) as r:
        jar = http.cookies.SimpleCookie()
        for header in r.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return r.status, jar


@pytest.mark.slow
def test_route_cookie_spreads_browsers_over_replicas_and_keeps_each_on_its_own(tmp_path):
    if not launcher.nginx_binary():
        pytest.skip("no nginx")
    with launcher.serve_replicas(2, env={"LISHI_STORE_DIR": str(tmp_path / "store")}) as server:
        routes = []
        for _ in range(12):  # twelve browsers, all from 127.0.0.1
            status, jar = _get(server.base_url + "/")
            assert status == 200 and "lishi_route" in jar
            assert re.fullmatch(r"[0-9a-f]{32}", jar["lishi_route"].value)
            routes.append(jar["lishi_route"].value)
        assert len(set(routes)) == 12
        # A browser that has its cookie is not given another one.
        _, jar = _get(server.base_url + "/", cookie=f"lishi_route={routes[0]}")
        assert "lishi_route" not in jar
        # That the routes land on both replicas and the load goes through nginx: tests/test_load.py.
        assert server.proxy_pid and len(server.pids) == 2


def test_the_server_builds_the_shared_page_models_before_it_listens(tmp_path):
    """Production start (launcher.main): the warm-up runs before /_stcore/health answers, builds every page
    model it lists (both languages, the big screen's panels) and says so in the log; test servers skip it."""
    log = tmp_path / "server.log"
    with launcher.serve(warm_up=True, log_path=log, start_timeout=180):
        text = log.read_text(encoding="utf-8")
    found = re.search(r"warm-up built (\d+) shared page models in ([\d.]+) s", text)
    assert found, text[-2000:]
    assert int(found.group(1)) >= 2 + 2 * 5 + 2 * 5  # explorer, scenario facts; 5 page models and 5 panels per language
    cold = tmp_path / "cold.log"
    with launcher.serve(log_path=cold):
        assert "warm-up built" not in cold.read_text(encoding="utf-8")
