"""Real-browser harness: serve the app on a loopback port and drive headless Chromium with Playwright."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from lishi_metrics import launcher

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-features=Translate",
]


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
    return launcher.free_port()


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
    with launcher.serve(port=port, env=env, script=script, wrapper=wrapper or (), as_configured=as_configured,
                        log_path=log) as server:
        yield server.base_url


@contextlib.contextmanager
def served_replicas(replicas: int = 2, env: dict | None = None):
    """`replicas` app processes behind nginx (config generated from deploy/); yields launcher.Served.

    Skips without nginx, except in CI where its absence is a failure (scripts/dev.sh test installs it).
    """
    if not launcher.nginx_binary():
        if os.environ.get("CI"):
            pytest.fail("nginx is required (scripts/dev.sh test installs nginx-light)")
        pytest.skip("no nginx")
    logs = REPO / "artifacts" if (REPO / "artifacts").is_dir() else None
    with launcher.serve_replicas(replicas, env=env, log_dir=logs) as server:
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
    """Wait until the page shows `selector` (every page has a title) and the script run has finished."""
    page.wait_for_selector(selector, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
        # every chart drawn (vega-embed holds its canvas or svg once the spec is rendered)
        " && [...document.querySelectorAll('.vega-embed')].every(e => e.querySelector('canvas, svg'))",
        timeout=timeout,
    )


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
