"""Every use of Streamlit's internals, in one place: each says why it is needed and what it assumes.

Checked against Streamlit 1.67.0 (pyproject.toml and the lock pin it; STREAMLIT_CHECKED below). Each assumption has a
test of the same name in tests/test_streamlit_contract.py that asserts it against the installed Streamlit, so
an upgrade fails there first, by name, instead of somewhere in a page. tests/test_architecture.py keeps private
Streamlit access (streamlit.runtime/web/elements/proto, net_util, emojis, dataframe_util, config, underscore
attributes of Streamlit objects) out of every other module.
"""

from __future__ import annotations

import contextvars
import copy
import os
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

STREAMLIT_CHECKED = "1.67.0"


# --- the run context ---------------------------------------------------------------------------------
# Why: navigation() needs the main script's path (st.Page paths are relative to it), and ui.cache must know
# whether it is called inside a script run at all (outside one, every data-key call looks the version up).
# Streamlit has no public API for either. Assumes: streamlit.runtime.scriptrunner.get_script_run_ctx() returns the current run's context (None
# outside a run), with `main_script_path`; the object may be reused for the session's next run or made anew:
# nothing here depends on which.

def run_context():
    """The current script run's context object (Streamlit's ScriptRunContext), or None outside a run."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return get_script_run_ctx(suppress_warning=True)


def main_script_path() -> str | None:
    """The path of the script Streamlit was started with (app.py, or a page file under AppTest)."""
    ctx = run_context()
    return None if ctx is None else ctx.main_script_path


# --- leaving the legacy router -------------------------------------------------------------------------
#
# Every page run goes through app.py's st.navigation (issue 14). Streamlit 1.67 has two routers, and which one
# runs is a process-wide switch, the class attribute PagesManager.uses_pages_directory
# (streamlit/runtime/pages_manager.py):
#   - The first session's PagesManager sets it to True because pages/ sits beside app.py. While it is True,
#     ScriptRunner._run_script runs _mpa_v1() (runtime/scriptrunner/script_runner.py) instead of app.py: a
#     legacy ("v1") router over app.py plus every pages/*.py, each at the URL of its file stem, so a deep link
#     ran pages/x.py without app.py.
#   - st.navigation (commands/navigation.py) sets it to False for the whole process, for good, the first time
#     any session calls it, i.e. the first time anyone opened `/` (app.py).
# So routing depended on what earlier visitors had opened. After the switch, `/overview` met a second fault:
# a default page's Page.url_path is always "" (navigation/page.py), PagesManager._resolve_page_script matches
# the URL against that url_path, and so the overview, declared default, was "Page not found" at /overview.
#
# pages/ stays where it is (the brief), and no app code runs before the first session reads the switch, so the
# legacy router cannot be kept out of a fresh process. It is left at once instead: page_setup, every page's
# first call, notices that navigation() did not route this run, calls it (its st.navigation turns the switch
# off and resolves the URL against the app's own pages) and reruns, so the run that draws a page is always
# app.py's. "Did navigation() route this run" is asked of the run itself (a mark in the script thread), not of
# the switch: after a restart, open tabs reconnect together, and several first runs are already in the legacy
# router when the first of them turns the switch off. The switch itself is never read or written here; the
# contract test checks that the legacy router still exists and behaves as described.

_routed = threading.local()  # .run: the script thread's current run came through navigation(); .pages: its links


def mark_routed(pages: dict) -> None:
    """navigation() routed this run; `pages` are its st.Page objects by file (for the sidebar's links)."""
    _routed.run, _routed.pages = True, pages


def take_routed() -> tuple[bool, dict | None]:
    """Whether navigation() routed this run, and its pages; the mark is cleared for the next run."""
    routed, _routed.run = getattr(_routed, "run", False), False
    pages, _routed.pages = getattr(_routed, "pages", None) if routed else None, None
    return routed, pages


def started_on_app() -> bool:
    """True when Streamlit runs app.py; False when a page file is the main script (AppTest, or
    `streamlit run pages/x.py`), which has nothing to route."""
    path = main_script_path()
    return path is not None and Path(path).name == "app.py"


def leave_legacy_router(navigation: Callable[[], object]) -> None:
    """Called first in a page run that navigation() did not route: route it (turning the legacy router off for
    the process) and run this request again through app.py. Does nothing when a page file is the main script."""
    if started_on_app():
        navigation()
        st.rerun()  # this request again, now through app.py, on the page navigation() resolved from the URL


# --- st.Page copies ----------------------------------------------------------------------------------
# Why: st.Page(file) resolves and stats its path on every construction (nine pages a run; it showed in the
# server's profile under load, docs/benchmarks.md), so each page is built once per process and copied per run. Assumes: a Page's only state
# that changes after construction is `_can_be_called`, which st.navigation sets on the page it returns (and
# page.run() clears); every other attribute is fixed by the constructor's arguments. A shallow copy therefore
# gives each run its own run state and never lets one run's page be run by another.

def page_copy(template):
    """A fresh st.Page for this run from one built once per process."""
    return copy.copy(template)


# --- chart datasets as Arrow bytes ---------------------------------------------------------------------
# Why: a page model's Vega-Lite spec is shared by every session; converting its datasets once, instead of on
# every rerun, saves the conversion per chart and viewer (scripts/bench.py). Assumes: st.vega_lite_chart sends
# a bytes value of spec["datasets"] as the dataset's Arrow IPC stream unchanged (elements/vega_charts.py,
# _marshall_chart_data), and dataframe_util's converters produce that stream.

def arrow_bytes(data) -> bytes:
    """A chart dataset as the Arrow IPC bytes Streamlit sends. Altair's inline rows (a list of dicts) go
    straight to Arrow, many times faster than through a pandas frame as Streamlit would (docs/benchmarks.md).
    Rows Arrow cannot type (mixed text and numbers in a column) take Streamlit's own path."""
    import pyarrow as pa
    from streamlit import dataframe_util

    if isinstance(data, list) and all(isinstance(row, dict) for row in data):
        try:
            return dataframe_util.convert_arrow_table_to_arrow_bytes(pa.Table.from_pylist(data))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            pass
    return dataframe_util.convert_anything_to_arrow_bytes(data)


# --- the launcher's pins -----------------------------------------------------------------------------

def pin_network_probes() -> None:
    """Pre-fill Streamlit's cached answers for its IP probes (UDP to 8.8.8.8, checkip.amazonaws.com).

    Why: Streamlit runs them for a cross-origin WebSocket before it checks the allowed origins, and no setting
    turns them off (see .streamlit/config.toml, item 3); with the answers cached it never asks. The intranet
    has no internet. Must run before the server starts (the launcher calls it first). Assumes: net_util keeps
    the answers in the module globals `_internal_ip` / `_external_ip` and returns a value found there without
    probing (net_util.get_internal_ip / get_external_ip).
    """
    from streamlit import net_util

    if getattr(net_util, "_internal_ip", None) is None:
        net_util._internal_ip = "127.0.0.1"
    if getattr(net_util, "_external_ip", None) is None:
        net_util._external_ip = "127.0.0.1"


def quick_emoji_check() -> bool:
    """Make Streamlit's leading-emoji check fail fast on text that cannot start with an emoji; return whether
    it was applied.

    Why: Streamlit looks for a leading emoji in every option label of st.pills / st.segmented_control and every
    st.info body (string_util.extract_leading_emoji) with one regex: an alternation of all its emoji. ASCII
    text skips it; Chinese text does not, and the scenario's preset pills paid for it on every rerun in Chinese
    (issue 11; figures in docs/benchmarks.md). The same regex behind a look-ahead on the emoji's first
    characters matches exactly the same strings (the contract test checks every emoji) and rejects a Chinese
    label at once. Assumes: string_util reads emojis.EMOJI_EXTRACTION_REGEX from its module at each call, and
    the pattern has the shape `^(alternation)…`; if a release changes its shape, this leaves it alone.
    """
    from streamlit import emojis

    regex = getattr(emojis, "EMOJI_EXTRACTION_REGEX", None)
    if not isinstance(regex, re.Pattern) or not regex.pattern.startswith("^(") or "(?=" in regex.pattern[:4]:
        return False
    firsts = "".join(re.escape(c) for c in sorted({e[0] for e in emojis.ALL_EMOJIS}))
    emojis.EMOJI_EXTRACTION_REGEX = re.compile(f"^(?=[{firsts}]){regex.pattern[1:]}", regex.flags)
    return True


# --- one scan of the installed packages for components -----------------------------------------------

def scan_components_once() -> bool:
    """Make Streamlit's scan of the installed packages for v2 component manifests run once per process;
    return whether it was applied.

    Why: every Runtime and every AppTest run of a fresh AppTest scans every installed distribution's metadata
    for component manifests (BidiComponentManager.discover_and_register_components →
    manifest_scanner.scan_component_manifests), parsing ~180 METADATA files each time. The server starts once,
    but the test suite makes an AppTest per test, and the scan was a quarter of an AppTest test's CPU
    (docs/benchmarks.md, the row "One component scan"). Packages are not installed into a running process, and the
    project uses no v2 component, so one scan serves every later call: the same manifests, each caller its own
    list. Assumes: discover_and_register_components imports scan_component_manifests from
    streamlit.components.v2.manifest_scanner inside the method, at each call, so the module attribute
    replaced here is the one it calls. Applied by the tests' conftest (and harmless in the server).
    """
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:
        return False
    original = getattr(manifest_scanner, "scan_component_manifests", None)
    if original is None:
        return False
    if getattr(original, "_lishi_once", False):
        return True
    found: list = []
    lock = threading.Lock()

    def scan_once(max_workers: int | None = None) -> list:
        with lock:
            if not found:
                found.append(list(original(max_workers)))
            return list(found[0])

    scan_once._lishi_once = True  # type: ignore[attr-defined]
    manifest_scanner.scan_component_manifests = scan_once
    return True


# --- one bytecode cache for the tests' AppTest runs ---------------------------------------------------

class _StampedScriptCache:
    """Streamlit's ScriptCache interface (get_bytecode, clear) over one ScriptCache per file version: a script's
    bytecode is kept by its path and its file's (mtime, size), so a file rewritten in a test is compiled anew."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make, self.lock = make, threading.Lock()
        self.caches: dict[tuple, Any] = {}

    def get_bytecode(self, script_path: str):
        path = os.path.abspath(script_path)
        try:
            stat = os.stat(path)
            stamp = (path, stat.st_mtime_ns, stat.st_size)
        except OSError:
            return self.make().get_bytecode(script_path)  # Streamlit's own error for a missing file
        with self.lock:
            if stamp not in self.caches:
                if len(self.caches) > 512:
                    self.caches.clear()
                self.caches[stamp] = self.make()
            cache = self.caches[stamp]
        return cache.get_bytecode(path)

    def clear(self) -> None:
        with self.lock:
            self.caches.clear()


def share_test_script_cache() -> bool:
    """Make every AppTest run of this process use one script bytecode cache, as a server does; return whether it
    was applied.

    Why: AppTest makes a new ScriptCache for each run (app_test.AppTest._run for its PagesManager,
    local_script_runner.LocalScriptRunner for the script runner), so every run of every page test reads the page
    file again, rewrites its AST for Streamlit's "magic" and compiles it, where a server compiles each page once
    (its Runtime's one ScriptCache). Assumes: both modules name `ScriptCache` at module
    level and call it with no arguments at each run; the runner only calls get_bytecode and clear on it. Applied
    by the tests' conftest only (a server makes no AppTest).
    """
    try:
        from streamlit.runtime.scriptrunner.script_cache import ScriptCache
        from streamlit.testing.v1 import app_test, local_script_runner
    except ImportError:
        return False
    if getattr(local_script_runner.ScriptCache, "_lishi_shared", False):
        return True
    shared = _StampedScriptCache(ScriptCache)

    def one_cache() -> _StampedScriptCache:
        return shared

    one_cache._lishi_shared = True  # type: ignore[attr-defined]
    setattr(app_test, "ScriptCache", one_cache)  # noqa: B010 - a module's class replaced by a factory
    setattr(local_script_runner, "ScriptCache", one_cache)  # noqa: B010
    return True


# --- a download that fails on click --------------------------------------------------------------------

_FAILED_DOWNLOAD: contextvars.ContextVar[dict | None] = contextvars.ContextVar("lishi_failed_download", default=None)


def say_download_failure(text: str) -> None:
    """Give the words for the download being made now (called by ui.render's callable just before it raises):
    the browser shows them beside the button instead of Streamlit's own English (say_download_failures)."""
    box = _FAILED_DOWNLOAD.get()
    if box is not None:
        box["text"] = text


def say_download_failures() -> bool:
    """Make a download button whose file fails on click show our words (say_download_failure), in the page's
    language, instead of Streamlit's fixed English "Failed to generate file for download"; whether it applied.

    Why: a callable given to st.download_button runs when the button is clicked, outside the script run, and
    when it raises the browser shows only the error message of the server's answer, which Streamlit fixes to
    English; st.download_button has no parameter for it. Assumes:
    streamlit.runtime.backend_operation_handler.DeferredFileHandler.handle(self, request, session_id) is a
    coroutine called on the handler instance for each click, runs the callable through asyncio.to_thread (which
    copies the context, so the callable sees the ContextVar set here) and returns a BackendOperationResponse
    whose `error_msg` is what the browser shows. Applied once, by the launcher, before the server starts.
    """
    try:
        from streamlit.runtime.backend_operation_handler import DeferredFileHandler
    except ImportError:
        return False
    original = getattr(DeferredFileHandler, "handle", None)
    if original is None or getattr(original, "_lishi_says_failures", False):
        return original is not None

    async def handle(self, request, session_id):
        box: dict = {}
        token = _FAILED_DOWNLOAD.set(box)
        try:
            response = await original(self, request, session_id)
        finally:
            _FAILED_DOWNLOAD.reset(token)
        if box.get("text") and response.error_msg:
            response.error_msg = box["text"]
        return response

    handle._lishi_says_failures = True  # type: ignore[attr-defined]
    DeferredFileHandler.handle = handle  # type: ignore[method-assign]
    return True


def run_streamlit(script: str, args: Sequence[str]) -> int:
    """`streamlit run SCRIPT ARGS...` in this process (its command line, streamlit.web.cli); the exit code.

    Why: the pins above must be in place in the server's own process before it starts; `streamlit run` as a
    subprocess would not have them. Assumes: streamlit.web.cli.main reads sys.argv like the `streamlit` command.
    """
    import sys

    from streamlit.web import cli

    sys.argv = ["streamlit", "run", script, *args]
    try:
        cli.main(prog_name="streamlit")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


# --- the address a user opens ------------------------------------------------------------------------
# Why: the configuration hides Streamlit's welcome banner (logger.hideWelcomeMessage: printing it probes the
# internet for the "Network" and "External" URLs), so the launcher prints the one address itself. Uses only the
# public st.get_option (config file and STREAMLIT_* environment) plus the `--section.option` flags of the
# command line, which Streamlit applies only once its own command line runs.

def option(args: Sequence[str], name: str):
    """The value Streamlit will use for `name`: the last `--name VALUE` / `--name=VALUE` flag, else the option."""
    found = None
    for i, arg in enumerate(args):
        if arg == f"--{name}" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith(f"--{name}="):
            found = arg.split("=", 1)[1]
    return found if found is not None else st.get_option(name)


def open_urls(args: Sequence[str]) -> tuple[str, str, list[str]]:
    """(host to connect to, port, the URLs to print: the first is the one to open on this machine)."""
    import socket

    port = str(option(args, "server.port") or 8501)
    base = str(option(args, "server.baseUrlPath") or "").strip("/")
    path = f"/{base}/" if base else "/"
    public = str(option(args, "browser.serverAddress") or "").strip()
    address = str(option(args, "server.address") or "").strip()
    wildcard = address in ("", "0.0.0.0", "::")  # noqa: S104 - the configured LAN address, not a bind here
    urls = []
    if public and public != "localhost":  # Streamlit's default: the name a deployment sets is another
        urls.append(f"http://{public}:{port}{path}")
    if wildcard:
        urls += [f"http://localhost:{port}{path}", f"http://{socket.gethostname()}:{port}{path}"]
    else:
        urls.append(f"http://{address}:{port}{path}")
    return ("127.0.0.1" if wildcard else address), port, list(dict.fromkeys(urls))
