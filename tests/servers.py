"""Servers for tests and measurements: the app on a loopback port (`serve`), or N app processes behind a real
nginx configured from deploy/nginx-lishi.conf (`serve_replicas`). The tests, scripts/loadtest.py and
scripts/bench.py all start servers here, and every server runs the production entry, lishi_metrics.launcher.

Not part of the package (it writes nginx configurations for loopback tests); scripts put tests/ on sys.path
to import it. Nothing here imports Streamlit, so the load test imports it cheaply.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = REPO / "deploy" / "nginx-lishi.conf"
# The sub-path the nginx template serves the app under (STREAMLIT_SERVER_BASE_URL_PATH behind it).
BASE_PATH = "lishi"
# A loopback-only opener: test traffic never goes through an http_proxy from the environment.
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(n: int) -> list[int]:
    """`n` different TCP ports free on 127.0.0.1 (all held open while choosing, so none repeats)."""
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.socket()) for _ in range(n)]
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float, what: str = "streamlit") -> None:
    """Poll `url` until it answers 200; raise RuntimeError if `proc` exits or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with _HTTP.open(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not answer on {url} (exit code {proc.poll()})")
        time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    """Stop `proc`'s process group (it was started in its own session): TERM, then KILL."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def app_command(port: int, script: str = "app.py", as_configured: bool = False,
                extra_args: Sequence[str] = (), plain_streamlit: bool = False) -> list[str]:
    """The command that runs the app on `port` through the production entry, lishi_metrics.launcher.

    By default the server listens on 127.0.0.1 only; `as_configured` keeps .streamlit/config.toml's
    address (the LAN), as the no-egress test requires. `plain_streamlit` bypasses the launcher
    (`streamlit run`): only for the test that shows what the launcher prevents.
    """
    entry = ["streamlit", "run"] if plain_streamlit else ["lishi_metrics.launcher"]
    cmd = [sys.executable, "-m", *entry, script, "--server.port", str(port)]
    if not as_configured:
        cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none"]
    return cmd + list(extra_args)


def start_app(port: int, env: dict | None = None, script: str = "app.py", extra_args: Sequence[str] = (),
              wrapper: Sequence[str] = (), as_configured: bool = False,
              log_path: str | os.PathLike | None = None, plain_streamlit: bool = False,
              warm_up: bool = False) -> subprocess.Popen:
    """Start the app (not waiting for it) in its own process group, from the repository root.

    `warm_up`: build the shared page models before listening, as production does (lishi_metrics.launcher.warm_up); off by
    default, so the many servers the tests start come up quickly."""
    log = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115 - the child keeps it
    try:
        # Own process group: stopping a wrapper (strace) must stop the server it traces too.
        return subprocess.Popen([*wrapper, *app_command(port, script, as_configured, extra_args, plain_streamlit)],
                                cwd=REPO,
                                env={**os.environ, "LISHI_WARM_UP": "1" if warm_up else "0", **(env or {})}, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    finally:
        if log is not subprocess.DEVNULL:
            log.close()


@dataclass
class Served:
    """A running app: the URL a viewer opens, the app processes' pids, and nginx's pid if it is proxied."""

    base_url: str
    pids: list[int]
    proxy_pid: int | None = None
    app_urls: list[str] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.pids[0]


@contextlib.contextmanager
def serve(port: int | None = None, env: dict | None = None, script: str = "app.py", extra_args: Sequence[str] = (),
          wrapper: Sequence[str] = (), as_configured: bool = False, start_timeout: float = 60.0,
          log_path: str | os.PathLike | None = None, plain_streamlit: bool = False,
          warm_up: bool = False) -> Iterator[Served]:
    """One app process on a loopback port; waits for /_stcore/health; stops it afterwards."""
    port = port or free_port()
    proc = start_app(port, env, script, extra_args, wrapper, as_configured, log_path, plain_streamlit, warm_up)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base + "/_stcore/health", proc, start_timeout)
        yield Served(base, [proc.pid], app_urls=[base])
    finally:
        stop(proc)


# ---------------------------------------------------------------- replicas behind nginx

NGINX = "/usr/sbin/nginx"


def nginx_binary() -> str | None:
    """The nginx executable (Debian's package), or None."""
    return shutil.which("nginx") or (NGINX if os.path.exists(NGINX) else None)


def nginx_site(template: str, listen_port: int, app_ports: Sequence[int]) -> str:
    """The deploy template, changed only where a loopback test must differ from production.

    - the upstream lists `app_ports` on 127.0.0.1 (the template's own `server` lines are dropped);
    - one plain-HTTP `listen 127.0.0.1:PORT` replaces its listen directives, and TLS directives and
      HSTS are dropped, and the route cookie loses `Secure` (the test has no certificate);
    - everything else (locations, origin check, headers, stickiness) is the template's, unchanged.
    """
    upstream = re.search(r"upstream\s+lishi_metrics\s*\{(.*?)\n\}", template, re.S)
    if not upstream:
        raise ValueError("deploy template: no `upstream lishi_metrics { ... }` block")
    body = "\n".join(line for line in upstream.group(1).splitlines()
                     if not re.match(r"\s*#?\s*server\s+\S+", line))
    body += "".join(f"\n    server 127.0.0.1:{p};" for p in app_ports)
    text = template[:upstream.start(1)] + body + template[upstream.end(1):]
    out, listened = [], False
    for line in text.splitlines():
        code = line.split("#", 1)[0]
        if re.match(r"\s*listen\s", code):
            if not listened:
                out.append(f"    listen 127.0.0.1:{listen_port};")
                listened = True
            continue
        if re.match(r"\s*(ssl_\w+|http2|add_header\s+Strict-Transport-Security)\b", code):
            continue
        if "lishi_route=" in code:
            line = line.replace("; Secure", "")
        out.append(line)
    if not listened:
        raise ValueError("deploy template: no listen directive")
    return "\n".join(out) + "\n"


def nginx_main_config(site: str, prefix: Path, error_log: Path | None = None) -> str:
    """A complete nginx.conf around the http-context site, with every path inside `prefix` (the error log
    at `error_log` if given)."""
    user = ""
    if os.geteuid() == 0:
        # As root nginx would switch its worker to `nobody`, which cannot use the private temp dirs.
        import pwd

        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n"
    temps = "".join(f"    {name}_temp_path {prefix / name};\n"
                    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"{user}worker_processes 1;\npid {prefix / 'nginx.pid'};\nerror_log {error_log or prefix / 'error.log'} warn;\n"
            "events { worker_connections 4096; }\n"
            f"http {{\n    access_log off;\n{temps}"
            "    default_type application/octet-stream;\n"
            f"    include {prefix / 'site.conf'};\n}}\n")


@contextlib.contextmanager
def serve_replicas(replicas: int, env: dict | None = None, template: Path = NGINX_TEMPLATE,
                   extra_args: Sequence[str] = (), start_timeout: float = 90.0,
                   log_dir: str | os.PathLike | None = None, warm_up: bool = False) -> Iterator[Served]:
    """`replicas` app processes under /lishi/ on loopback ports, behind nginx configured from `template`.

    The viewer's URL is http://127.0.0.1:NGINX_PORT/lishi. Raises RuntimeError without nginx.
    """
    binary = nginx_binary()
    if not binary:
        raise RuntimeError("nginx is not installed (apt-get install nginx-light; scripts/dev.sh test does)")
    if not 1 <= replicas <= 16:
        raise ValueError("replicas: 1-16")
    listen, *ports = free_ports(replicas + 1)
    app_env = {**(env or {}), "STREAMLIT_SERVER_BASE_URL_PATH": BASE_PATH}
    logs = Path(log_dir) if log_dir else None
    with tempfile.TemporaryDirectory(prefix="lishi-nginx-") as tmp, contextlib.ExitStack() as stack:
        prefix = Path(tmp)
        (prefix / "site.conf").write_text(nginx_site(template.read_text(encoding="utf-8"), listen, ports),
                                          encoding="utf-8")
        (prefix / "nginx.conf").write_text(
            nginx_main_config((prefix / "site.conf").read_text(), prefix, logs / "nginx-error.log" if logs else None),
            encoding="utf-8")
        procs = []
        for i, port in enumerate(ports):
            proc = start_app(port, app_env, extra_args=extra_args,
                             log_path=logs / f"replica-{i + 1}.log" if logs else None, warm_up=warm_up)
            stack.callback(stop, proc)
            procs.append(proc)
        check = subprocess.run([binary, "-t", "-q", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                               capture_output=True, text=True, timeout=30)
        if check.returncode != 0:
            raise RuntimeError(f"generated nginx configuration is invalid: {check.stderr.strip()}")
        nginx = subprocess.Popen([binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        stack.callback(stop, nginx)
        app_urls = [f"http://127.0.0.1:{p}/{BASE_PATH}" for p in ports]
        for proc, url in zip(procs, app_urls, strict=True):
            wait_healthy(url + "/_stcore/health", proc, start_timeout)
        base = f"http://127.0.0.1:{listen}/{BASE_PATH}"
        wait_healthy(base + "/_stcore/health", nginx, 20, what="nginx")
        yield Served(base, [p.pid for p in procs], proxy_pid=nginx.pid, app_urls=app_urls)
