"""tests/servers.py, the servers of the tests and measurements: the nginx configuration it generates from deploy/
is the template's, and the replicas behind it get sticky routing that spreads and keeps viewers."""

from __future__ import annotations

import http.cookies
import re
import urllib.request
from pathlib import Path

import pytest
import servers

TEMPLATE = servers.NGINX_TEMPLATE.read_text(encoding="utf-8")
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# ---------------------------------------------------------------- generated nginx configuration


def test_nginx_site_lists_the_replicas_and_listens_on_loopback_only():
    site = servers.nginx_site(TEMPLATE, 18080, [18501, 18502])
    upstream = re.search(r"upstream lishi_metrics \{(.*?)\n\}", site, re.S).group(1)
    upstreams = re.findall(r"^\s*server\s+(\S+);", upstream, re.M)
    assert upstreams == ["127.0.0.1:18501", "127.0.0.1:18502"]
    listens = [line.strip() for line in site.splitlines() if re.match(r"\s*listen\s", line.split("#")[0])]
    assert listens == ["listen 127.0.0.1:18080;"]


def test_nginx_site_keeps_the_template_apart_from_upstream_and_listen():
    site = servers.nginx_site(TEMPLATE, 18080, [18501])
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
        servers.nginx_site("server { listen 80; }", 1, [2])


@pytest.mark.skipif(not servers.nginx_binary(), reason="no nginx")
def test_generated_configuration_passes_nginx_t(tmp_path: Path):
    import subprocess

    (tmp_path / "site.conf").write_text(servers.nginx_site(TEMPLATE, servers.free_port(), [8501, 8502]))
    (tmp_path / "nginx.conf").write_text(servers.nginx_main_config("", tmp_path))
    done = subprocess.run([servers.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


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
    if not servers.nginx_binary():
        pytest.skip("no nginx")
    with servers.serve_replicas(2, env={"LISHI_STORE_DIR": str(tmp_path / "store")}) as server:
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
