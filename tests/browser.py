"""Real-browser harness: serve the app on a loopback port and drive headless Chromium with Playwright.

A browser test takes the fixtures of conftest.py, so a whole session launches one Chromium (per xdist worker)
and one default app server:

    pytestmark = pytest.mark.browser

    def test_overview_title(app_url, new_page):
        page = new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")  # a fresh context
        page.goto(f"{app_url}/overview?lang=zh")
        wait_ready(page)
        assert ...

A test that needs other server settings (a store with imports, an admin password, nginx) starts its own with
`served(env=...)` / `served_replicas(...)` and still opens pages with `new_page`. `browser()` launches a
Chromium of its own: only for scripts (bench.py), never in a test.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import servers

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "artifacts" / "screenshots"
# ScriptStreaming off: a streamed script is compiled on a background thread at every load, past V8's in-memory
# compilation cache; compiled on the main thread, a tab that loads the app's code again (a new document in the
# same tab, as the routing walks and the fit test do) finds it compiled in its renderer process. Fresh loads cost
# ~15 % less of the browser's CPU (docs/benchmarks.md); what the page does is unchanged.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps",
    "--disable-features=Translate,ScriptStreaming",
]


# How often a wait checks its condition in the page (ms). Playwright's default, every animation frame, keeps the
# page drawing frames while it waits: ~0.1 s of CPU per second of waiting, most of a test's CPU on a busy machine.
POLL = 50


def require_browser() -> None:
    """Skip without Chromium/Playwright, except in CI where their absence is a failure."""
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(CHROMIUM)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip)")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests need {', '.join(missing)} in CI (.ci/run installs them)")
        pytest.skip(f"no {', '.join(missing)}")


def free_port() -> int:
    return servers.free_port()


@contextlib.contextmanager
def served(env: dict | None = None, port: int | None = None, script: str = "app.py", wrapper: list[str] | None = None,
           as_configured: bool = False):
    """Start the app through lishi_metrics.launcher and wait for /_stcore/health; yield the base URL
    (always reached via 127.0.0.1).

    By default the server listens on 127.0.0.1 only; `as_configured` keeps the repository's
    .streamlit/config.toml address (the LAN), as the no-egress test requires.
    """
    port = port or free_port()
    log = REPO / "artifacts" / f"server-{port}.log" if (REPO / "artifacts").is_dir() else None
    with servers.serve(port=port, env=env, script=script, wrapper=wrapper or (), as_configured=as_configured,
                        log_path=log) as server:
        yield server.base_url


@contextlib.contextmanager
def served_replicas(replicas: int = 2, env: dict | None = None):
    """`replicas` app processes behind nginx (config generated from deploy/); yields servers.Served.

    Skips without nginx, except in CI where its absence is a failure (scripts/dev.sh test installs it).
    """
    if not servers.nginx_binary():
        if os.environ.get("CI"):
            pytest.fail("nginx is required (scripts/dev.sh test installs nginx-light)")
        pytest.skip("no nginx")
    logs = REPO / "artifacts" if (REPO / "artifacts").is_dir() else None
    with servers.serve_replicas(replicas, env=env, log_dir=logs) as server:
        yield server


@contextlib.contextmanager
def browser():
    """A headless Debian Chromium driven by Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def wait_ready(page, selector: str = "h1", timeout: float = 45_000) -> None:
    """Wait until the page shows `selector` (every page has a title), the script run has finished and every
    chart is drawn.

    The first *visible* match counts: the big screen holds a hidden title (its phone notice's) before the
    wall's own, and Playwright would otherwise wait on the first match alone."""
    page.wait_for_selector(f"{selector} >> visible=true", timeout=timeout)
    # The run's end by Streamlit's own state: its running indicator shows only after a delay, so a page caught
    # early (a phone's industries page, title drawn, still running) passed the checks below without its content.
    wait_finished(page, timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
        # every chart drawn (vega-embed holds its canvas or svg once the spec is rendered)
        " && [...document.querySelectorAll('.vega-embed')].every(e => e.querySelector('canvas, svg'))",
        timeout=timeout, polling=POLL,
    )


def text_of(locator) -> str:
    """A locator's inner text as a reader sees it: table cells hold word joiners and no-break spaces that keep a
    number with its unit (fmt.unbroken_cell); they read as nothing and as a space."""
    from lishi_metrics.text.linebreak import as_read

    return as_read(locator.inner_text())


def wait_for_text(page, text: str, timeout: float = 60_000) -> None:
    """Wait until the main block reads `text` (as text_of reads it: word joiners as nothing, no-break spaces and
    line breaks as spaces): a page's title shows before its tiles are drawn."""
    page.wait_for_function(
        r"""t => { const m = document.querySelector('[data-testid=stMain]');
                  return !!m && m.innerText.replace(/\u2060/g, '').replace(/[\u00a0\n]/g, ' ').includes(t); }""",
        arg=text, timeout=timeout, polling=POLL)


def settled(page) -> None:
    """Wait until the browser has laid out and painted what it has (two animation frames): after a scroll or a
    viewport change, before a screenshot or a check of what is visible."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())))")


def scroll_main(page, top: int) -> None:
    """Scroll Streamlit's main block (it scrolls itself, not the document) to `top` and wait until it is there."""
    page.evaluate("y => document.querySelector('[data-testid=stMain]').scrollTo(0, y)", top)
    page.wait_for_function(
        """y => { const m = document.querySelector('[data-testid=stMain]');
                  return Math.abs(m.scrollTop - Math.min(y, m.scrollHeight - m.clientHeight)) <= 1; }""",
        arg=top, timeout=10_000, polling=POLL)
    settled(page)


_SOCKETS: dict[int, list] = {}
_REQUESTS: dict[int, list] = {}


def watch_runs(page) -> None:
    """Keep the page's websockets, so that `rerun` can wait for the script run an action starts, and the URLs it
    requests (`requested`). Call it before the page's first goto."""
    sockets: list = []
    page.on("websocket", lambda ws: sockets.append(ws))
    _SOCKETS[id(page)] = sockets
    requests: list = []
    page.on("request", lambda r: requests.append(r.url))
    _REQUESTS[id(page)] = requests


def requested(page) -> list[str]:
    """Every URL `page` has requested since `watch_runs(page)`: in a tab that tests share, the first test's full
    load and every later test's page too."""
    return list(_REQUESTS[id(page)])


def _run_finished(payload) -> bool:
    """True for Streamlit's ForwardMsg that ends a script or fragment run (not one cut short for a rerun)."""
    from google.protobuf.message import DecodeError
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if not isinstance(payload, bytes):
        return False
    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except DecodeError:
        return False
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN


@contextlib.contextmanager
def rerun(page, timeout: float = 45_000):
    """Around a click, a typed value or an upload: afterwards wait for the script run it started to finish (the
    server's script_finished message on the page's websocket), then for the page to be drawn (`wait_ready`).

    Waiting for the run itself, not a pause: right after the action the old page is still there and ready.
    """
    sockets = [s for s in _SOCKETS.get(id(page), []) if not s.is_closed()]
    if not sockets:
        raise RuntimeError("call browser.watch_runs(page) before the page's first goto")
    with sockets[-1].expect_event("framereceived", predicate=_run_finished, timeout=timeout):
        yield
    wait_ready(page, timeout=timeout)


def navigate(page, path: str, timeout: float = 45_000) -> None:
    """Open another page of the app already loaded in `page` (`path`: its address from the origin on, with its
    query) the way the browser's back and forward buttons do: the address changes and Streamlit's own `popstate`
    handler runs that page with that query in the same session, without loading the app's code again (a full
    load costs the browser about twice the CPU). Returns once that run has finished (`rerun`), the address shows
    the page, no element of the previous page is left (a run's end removes the elements it did not draw) and the
    page is drawn (`wait_ready`). Call it on a page whose run has finished (`wait_finished`); needs
    `watch_runs(page)` before the page's first goto."""
    with rerun(page, timeout=timeout):
        page.evaluate("u => { history.pushState(null, '', u); dispatchEvent(new PopStateEvent('popstate')); }",
                      path)
    page.wait_for_function(
        "p => location.pathname === p && !document.querySelector('[data-stale=true]')",
        arg=path.split("?")[0], timeout=timeout, polling=POLL)
    wait_finished(page, timeout)


def show(page, base: str, path: str, timeout: float = 45_000) -> None:
    """Open `path` (a page of the app at `base`, with its query: "overview?lang=en") in a tab that tests share
    (conftest's `shared_page`): a full load the first time (or when the tab shows another server), afterwards as
    the back and forward buttons do (`navigate`: the page's own run in the same session, without loading the
    app's code again). Returns once the run has finished and the page is drawn."""
    if not page.url.startswith(base.rstrip("/") + "/"):
        page.goto(f"{base.rstrip('/')}/{path}", timeout=timeout)
        wait_ready(page, timeout=timeout)
        wait_finished(page, timeout)
    else:
        navigate(page, f"{urlsplit(base).path.rstrip('/')}/{path}", timeout)


def wait_finished(page, timeout: float = 45_000) -> None:
    """Wait until the app is connected and its script run has finished (Streamlit's own state on stApp; its
    running indicator shows only after a delay, so `wait_ready` alone can pass during a run)."""
    page.wait_for_function(
        """() => { const app = document.querySelector('[data-testid="stApp"]');
                   return !!app && app.dataset.testScriptState === 'notRunning'
                       && app.dataset.testConnectionState === 'CONNECTED'; }""",
        timeout=timeout, polling=POLL)


# Text the reader cannot see in full: an element that hides overflow (or ends it with an ellipsis) whose
# content is wider or taller than its box, or a text node that ends in "…". Charts (svg/canvas) and the
# data grid (a canvas) are left to their own tests.
CLIPPED_JS = r"""
() => {
  const out = [];
  const W = window.innerWidth;
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg, canvas, [data-testid=stDataFrame], [data-testid=stSidebar][aria-expanded=false]')) continue;
    if (!(el.innerText || '').trim()) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0 || r.left >= W) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden') continue;
    const text = el.innerText.trim().slice(0, 80);
    const clipX = ['hidden', 'clip', 'auto', 'scroll'].includes(cs.overflowX) || cs.textOverflow === 'ellipsis';
    const clipY = ['hidden', 'clip'].includes(cs.overflowY) || cs.webkitLineClamp !== 'none';
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (clipX && el.scrollWidth > el.clientWidth + 1) out.push(`wider than its box (${el.scrollWidth} > ${el.clientWidth} px): ${text}`);
    else if (clipY && el.scrollHeight > el.clientHeight + 1) out.push(`taller than its box (${el.scrollHeight} > ${el.clientHeight} px): ${text}`);
    else if (own && text.endsWith('…')) out.push(`ends in an ellipsis: ${text}`);
  }
  return out;
}
"""


def clipped_text(page) -> list[str]:
    """Every piece of text on the page that is cut off (see CLIPPED_JS); [] when all of it is visible."""
    return page.evaluate(CLIPPED_JS)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
