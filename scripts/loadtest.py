"""Load test: concurrent Streamlit WebSocket sessions that move widgets, against a server on loopback only.

Each simulated viewer speaks Streamlit 1.67's own protocol, as the browser does: it fetches the XSRF
cookie from /_stcore/health, opens ws://127.0.0.1:PORT/_stcore/stream with the subprotocols
["streamlit", <xsrf token>] and a same-origin Origin header, sends a `rerun_script` BackMsg for its
page, and reads ForwardMsgs until `script_finished`. Then, for D seconds after its page has loaded,
it keeps changing one widget of the page at a time, sends the new widget states in a `rerun_script`
BackMsg and times the rerun: from sending the BackMsg to receiving `script_finished`. Widgets are found
in the deltas of every run (element protos carry their widget `id`), so the tool works with whatever
widgets a page has. Which widget a viewer moves (choose_widgets): a control of the page's main area (a
numeric slider, a number input, a select box); on a page without those, the language switch (the
overview's viewers switch the language); else a button group or checkbox of the main area; on a page
without any, a plain rerun. The sidebar's plan chooser is navigation, not a control a viewer "moves".

As the browser does, a widget drawn inside an `st.fragment` sends its rerun with that fragment's id
(Delta.fragment_id), so the server reruns the fragment, not the page: the scenario page's controls and
results are one fragment.

A page with a timed fragment (`st.fragment(run_every=...)`, the big screen's rotation) is driven as the
browser drives it: when the server sends `auto_rerun` (interval, fragment id), the viewer asks for a
fragment run every `interval` seconds (`rerun_script` with the fragment id and is_auto_rerun) and times
each one; a rotation is late when its panel arrives more than ROTATION_SLACK_S after it was due. Such
viewers do not move widgets (nobody touches the wall).

Errors: a connection that fails or closes, a run that does not finish in time, an exception element
(not a deprecation warning), an `st.error` box, a compile error or page-not-found. The server's memory is read from
/proc/<pid>/status (VmRSS sampled during the round, VmHWM = the kernel's peak) of the server's
process tree; after every round all sessions close and the server's RSS is read again, so repeated
rounds show whether memory keeps growing.

Usage (full form, as in the README's Development section)::

    python scripts/loadtest.py --serve                          # own server on a free loopback port
    python scripts/loadtest.py --url http://127.0.0.1:8501      # a running server (pid found by port)
    python scripts/loadtest.py --serve --sessions 10 --duration 15 --rounds 2 --json out.json
    python scripts/loadtest.py --serve --replicas 2 ...         # 2 app processes behind a real nginx

With --replicas N the app runs as N processes under /lishi/ behind nginx (Debian's package), configured
from deploy/nginx-lishi.conf (tests/servers.py: serve_replicas), and every viewer goes through
nginx; server_cpu_s and memory are summed over all app processes (nginx's own CPU is proxy_cpu_s).

From Python (the benchmark script)::

    from loadtest import serve_app, run_load
    with serve_app() as (base_url, pid):
        report = run_load(base_url, sessions=30, duration=60, rounds=3, server_pid=pid)
    # server_pid may also be a list of pids (replicas): CPU and memory are summed over them.
    print(report.summary())

Traffic goes only to loopback: any other host is refused. Every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.cookies
import json
import os
import random
import resource
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlparse

REPO = Path(__file__).resolve().parent.parent
for _p in (str(REPO), str(REPO / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)
import servers  # noqa: E402 - tests/servers.py, the one server launcher of the tests, the load test and the bench

DEFAULT_PAGES = ("scenario", "overview", "economy")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
XSRF_COOKIE = "_streamlit_xsrf"
# Widget kinds a viewer "moves", in order of preference: value widgets first, then toggles and button
# groups (e.g. the language switch) for pages that have nothing else.
PRIMARY_KINDS = ("slider", "number_input", "selectbox", "radio")
SECONDARY_KINDS = ("button_group", "checkbox")
# Streamlit keeps messages the client says it has cached for this many runs (global.maxCachedMessageAge).
CACHED_MESSAGE_AGE = 2
MAX_RERUNS_PER_SESSION = 100_000
LANGUAGE_SWITCH_KEY = "_lang_switch"
# Delta paths start with the root container: 0 the main area, 1 the sidebar (RootContainer in Streamlit's protos).
SIDEBAR_ROOT = 1
# A timed fragment run (a big-screen rotation) that finishes later than this after it was due is late.
ROTATION_SLACK_S = 1.0  # a bound on the loop count besides the time bound
# No proxy, whatever http_proxy says: load traffic must stay on loopback.
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class LoopbackOnly(ValueError):
    """The target is not a loopback address."""


def check_loopback(base_url: str) -> str:
    """The base URL without a trailing slash; raises LoopbackOnly unless its host is loopback."""
    parsed = urlparse(base_url)
    if parsed.scheme != "http" or parsed.hostname not in LOOPBACK_HOSTS:
        raise LoopbackOnly(f"load traffic goes to loopback only (http://127.0.0.1:PORT), not {base_url!r}")
    return base_url.rstrip("/")


# ---------------------------------------------------------------- server memory (/proc, no psutil)


def _proc_status_kb(pid: int, field_name: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces: split after the last ')'.
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[1].isdigit():
            children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [pid]
    while todo and len(tree) < 10_000:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def _pids(pid: int | Sequence[int] | None) -> list[int]:
    """One pid or several (replicas) as a list; every tree-wide reading sums over all of them."""
    if pid is None:
        return []
    return [pid] if isinstance(pid, int) else list(pid)


def _trees(pid: int | Sequence[int]) -> list[int]:
    return [p for root in _pids(pid) for p in process_tree(root)]


def tree_rss_kb(pid: int | Sequence[int]) -> int:
    """Resident memory (VmRSS) of `pid` (or each of several) and its descendants, in KiB."""
    return sum(_proc_status_kb(p, "VmRSS") for p in _trees(pid))


def tree_hwm_kb(pid: int | Sequence[int]) -> int:
    """Peak resident memory (VmHWM, kept by the kernel) of `pid` (or each of several) and descendants, in KiB."""
    return sum(_proc_status_kb(p, "VmHWM") for p in _trees(pid))


def tree_cpu_s(pid: int | Sequence[int]) -> float:
    """CPU time (user + system) used so far by `pid` (or each of several) and its descendants, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in _trees(pid):
        try:
            with open(f"/proc/{p}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[-1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, ValueError, IndexError):
            continue
    return total / ticks


def server_pid_for_port(port: int) -> int | None:
    """The pid of the process listening on TCP `port` (from /proc/net/tcp*; needs the same user or root)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as f:
                next(f, None)
                for line in f:
                    parts = line.split()
                    if len(parts) > 9 and parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                        inodes.add(parts[9])
        except OSError:
            continue
    if not inodes:
        return None
    targets = {f"socket:[{inode}]" for inode in inodes}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fds = os.listdir(f"/proc/{entry}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{entry}/fd/{fd}") in targets:
                    return int(entry)
            except OSError:
                continue
    return None


class MemorySampler:
    """Samples the server tree's VmRSS every `interval` seconds in a thread; keeps the maximum."""

    def __init__(self, pid: int | Sequence[int] | None, interval: float = 0.25):
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        if self.pid:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)


# ---------------------------------------------------------------- widgets


@dataclass
class Widget:
    """A widget seen in a run: its id, element kind and the element proto (for ranges and options); the id of
    the fragment it is drawn in ('' = the page), and whether it is in the sidebar."""

    id: str
    kind: str
    proto: object
    fragment_id: str = ""
    sidebar: bool = False

    @property
    def language_switch(self) -> bool:
        """The sidebar's 中文 / English switch (ui.language_switch, widget key `_lang_switch`)."""
        return self.id.endswith(LANGUAGE_SWITCH_KEY)


def widget_of(element, fragment_id: str = "", sidebar: bool = False) -> Widget | None:
    """The widget an Element proto carries, if it is one a viewer can move (enabled, outside forms)."""
    kind = element.WhichOneof("type")
    if kind not in PRIMARY_KINDS + SECONDARY_KINDS:
        return None
    proto = getattr(element, kind)
    if not proto.id or proto.disabled or getattr(proto, "form_id", "") or getattr(proto, "ignore_rerun", False):
        return None
    if kind == "slider":
        from streamlit.proto.Slider_pb2 import Slider

        # Numeric sliders only: select sliders (options) and date/time sliders are left alone.
        if proto.type == Slider.SELECT_SLIDER or proto.options or proto.data_type not in (Slider.INT, Slider.FLOAT):
            return None
        if not proto.step or proto.max <= proto.min:
            return None
    elif kind in ("selectbox", "radio"):
        if len(proto.options) < 2:
            return None
    elif kind == "button_group":
        from streamlit.proto.ButtonGroup_pb2 import ButtonGroup

        if proto.click_mode != ButtonGroup.SINGLE_SELECT or len(proto.options) < 2:
            return None
    return Widget(proto.id, kind, proto, fragment_id, sidebar)


def choose_widgets(widgets: Sequence[Widget]) -> list[Widget]:
    """The widgets a viewer moves: the main area's value widgets if the page has any, else the language
    switch, else the main area's toggles and button groups. Sidebar navigation (the plan chooser) is left."""
    main = [w for w in widgets if not w.sidebar]
    primary = [w for w in main if w.kind in PRIMARY_KINDS]
    language = [w for w in widgets if w.language_switch]
    return primary or language or [w for w in main if w.kind in SECONDARY_KINDS]


def _grid_value(proto, k: int):
    value = proto.min + k * proto.step
    return min(max(round(value, 10), proto.min), proto.max)


def new_state(widget: Widget, rng: random.Random, current=None):
    """A WidgetState proto with a new value for `widget`, different from `current` where possible."""
    from streamlit.proto.NumberInput_pb2 import NumberInput
    from streamlit.proto.Slider_pb2 import Slider
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    p = widget.proto
    ws = WidgetState(id=widget.id)
    if widget.kind == "slider":
        steps = int(round((p.max - p.min) / p.step))
        now = list(current) if current is not None else list(p.value if p.set_value else p.default)
        n_values = 2 if len(now) == 2 else 1
        for _ in range(10):
            picked = sorted(_grid_value(p, rng.randint(0, steps)) for _ in range(n_values))
            if picked != now:
                break
        if p.data_type == Slider.INT:
            picked = [float(int(v)) for v in picked]
        ws.double_array_value.data.extend(picked)
    elif widget.kind == "number_input":
        now = current if current is not None else (p.value if p.HasField("value") else p.default)
        step = p.step or 1
        value = now + rng.choice((-1, 1)) * rng.randint(1, 3) * step
        if p.has_min and value < p.min:
            value = now + step
        if p.has_max and value > p.max:
            value = now - step
        if p.has_min:
            value = max(value, p.min)
        if p.has_max:
            value = min(value, p.max)
        if p.data_type == NumberInput.INT:
            ws.int_value = int(round(value))
        else:
            ws.double_value = round(value, 10)
    elif widget.kind in ("selectbox", "radio"):
        options = list(p.options)
        # raw_value is optional in Selectbox, plain in Radio; set_value says the server set it.
        server_set = p.set_value and (widget.kind == "radio" or p.HasField("raw_value"))
        if current is not None:
            now = current
        elif server_set:
            now = p.raw_value
        else:
            now = options[p.default] if 0 <= p.default < len(options) else None
        others = [o for o in options if o != now] or options
        ws.string_value = rng.choice(others)
    elif widget.kind == "button_group":
        options = [o.content for o in p.options]
        if current is not None:
            now = current[0] if current else None
        elif p.set_value:
            now = p.raw_values[0] if p.raw_values else None
        else:
            now = options[p.default[0]] if p.default and p.default[0] < len(options) else None
        others = [o for o in options if o != now] or options
        ws.string_array_value.data.append(rng.choice(others))
    elif widget.kind == "checkbox":
        now = current if current is not None else (p.value if p.set_value else p.default)
        ws.bool_value = not now
    return ws


def element_text(element) -> str:
    """The text a viewer reads in an Element proto: markdown, headings, alerts, metrics, table cells."""
    kind = element.WhichOneof("type")
    if kind in ("markdown", "heading", "alert", "text"):
        return getattr(element, kind).body
    if kind == "metric":
        m = element.metric
        return " ".join(x for x in (m.label, m.body, m.delta) if x)
    if kind in ("table", "dataframe") and getattr(element, kind).arrow_data.data:
        import pyarrow as pa

        try:
            table = pa.ipc.open_stream(getattr(element, kind).arrow_data.data).read_all()
        except pa.ArrowException:
            return ""
        cells = [str(name) for name in table.column_names]
        for column in table.columns:
            cells += ["" if v is None else str(v) for v in column.to_pylist()]
        return " ".join(cells)
    return ""


def state_value(ws):
    """The plain value of a WidgetState proto (for choosing a different one next time)."""
    which = ws.WhichOneof("value")
    value = getattr(ws, which)
    if which in ("double_array_value", "string_array_value", "int_array_value"):
        return list(value.data)
    return value


# ---------------------------------------------------------------- one viewer


def _import_protocol() -> None:
    """Import the protobuf modules (and with them the streamlit package, ~1 s) before any clock starts."""
    import streamlit.proto.BackMsg_pb2  # noqa: F401
    import streamlit.proto.ForwardMsg_pb2  # noqa: F401
    import websockets.asyncio.client  # noqa: F401


@dataclass
class RunOutcome:
    seconds: float
    errors: list[str]
    widgets: list[Widget]
    messages: int
    texts: list[str] = field(default_factory=list)
    fragment_id: str = ""  # the fragment that ran ('' = the whole page)


def current_widgets(before: Sequence[Widget], outcome: RunOutcome) -> list[Widget]:
    """The page's widgets after a run: a page run shows them all; a fragment run redraws only its own, and
    the page's other widgets stay as they were."""
    if not outcome.fragment_id:
        return list(outcome.widgets) or list(before)
    return [w for w in before if w.fragment_id != outcome.fragment_id] + list(outcome.widgets)


class ViewerSession:
    """One browser tab on one page: connects, loads the page, then moves widgets until told to stop."""

    def __init__(self, base_url: str, page: str, query: dict[str, str], rng: random.Random, run_timeout: float):
        self.base_url = check_loopback(base_url)
        # A page may carry its own query ("screen?rotate=10"), added to the common one (lang).
        page, _, own = page.partition("?")
        self.page = page.strip("/")
        self.query_string = urlencode({**query, **dict(parse_qsl(own))})
        self.rng = rng
        self.run_timeout = run_timeout
        self.ws = None
        self.page_script_hash = ""
        self.states: dict[str, object] = {}  # widget id -> WidgetState we have set
        self.cache: dict[str, tuple[int, object]] = {}  # message hash -> (run number, ForwardMsg)
        self.run_number = 0
        self.auto_rerun: tuple[float, str] | None = None  # (interval s, fragment id) of a timed fragment
        self.moved_fragment = ""  # the fragment of the widget moved last: the next run is that fragment's

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        cookies = await asyncio.to_thread(self._cookies)
        cookie = cookies.get(XSRF_COOKIE)
        host = urlparse(self.base_url).netloc
        # Origin is scheme://host:port, never with a path (as browsers send it; nginx compares it with Host).
        subprotocols = ["streamlit", cookie] if cookie else ["streamlit"]
        # Every cookie goes back, as a browser's would: behind nginx its route cookie keeps the session sticky.
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        self.ws = await connect(
            f"ws://{host}{urlparse(self.base_url).path}/_stcore/stream", subprotocols=subprotocols,
            origin=f"http://{host}", additional_headers=headers, max_size=None, open_timeout=self.run_timeout,
            compression=None, proxy=None,
        )

    def _cookies(self) -> dict[str, str]:
        # The browser gets the XSRF cookie from /_stcore/health, which its frontend pings before it opens
        # the WebSocket, and passes it back as the WebSocket's second subprotocol entry. Like the
        # frontend, it tries again with a growing pause when refused: the nginx example limits health
        # checks per client address (429), and every simulated viewer comes from 127.0.0.1.
        deadline = time.monotonic() + self.run_timeout
        pause = 0.1
        while True:
            try:
                with _HTTP.open(self.base_url + "/_stcore/health", timeout=self.run_timeout) as r:
                    jar = http.cookies.SimpleCookie()
                    for header in r.headers.get_all("Set-Cookie") or []:
                        jar.load(header)
                return {name: morsel.value for name, morsel in jar.items()}
            except urllib.error.HTTPError as exc:
                if exc.code not in (429, 503) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 2.0)

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 5)
            self.ws = None

    def _rerun_msg(self, first: bool, fragment_id: str = "", auto: bool = False):
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        rs = msg.rerun_script
        rs.query_string = self.query_string
        if first or not self.page_script_hash:
            # As the frontend does on page load: no script hash yet, the page named by the URL path.
            rs.page_name = self.page
            rs.page_script_hash = ""
        else:
            rs.page_script_hash = self.page_script_hash
        if fragment_id:  # a widget of a fragment, or (auto) the browser's timer of st.fragment(run_every=...)
            rs.fragment_id, rs.is_auto_rerun = fragment_id, auto
        rs.widget_states.widgets.extend(self.states.values())
        rs.cached_message_hashes.extend(self.cache)
        ci = rs.context_info
        ci.timezone, ci.timezone_offset, ci.locale = "Asia/Shanghai", -480, "zh-CN"
        ci.url = f"{self.base_url}/{self.page}" + (f"?{self.query_string}" if self.query_string else "")
        ci.is_embedded, ci.color_scheme = False, "light"
        return msg

    async def run(self, first: bool = False, collect_text: bool = False, fragment_id: str = "",
                  auto: bool = False) -> RunOutcome:
        """Send one rerun_script and read until the run finishes; time it (and collect the page's text).

        fragment_id: run only that fragment (auto: as the timer of a timed fragment asks for it)."""
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.run_number += 1
        payload = self._rerun_msg(first, fragment_id, auto).SerializeToString()
        errors: list[str] = []
        widgets: list[Widget] = []
        texts: list[str] = []
        count = 0
        t0 = time.perf_counter()
        await self.ws.send(payload)
        deadline = t0 + self.run_timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                errors.append(f"timeout: the run did not finish within {self.run_timeout:.0f} s")
                break
            try:
                raw = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                continue
            count += 1
            fmsg = ForwardMsg()
            fmsg.ParseFromString(raw)
            kind = fmsg.WhichOneof("type")
            if kind == "ref_hash":
                cached = self.cache.get(fmsg.ref_hash)
                if cached is None:
                    errors.append(f"protocol: server referred to an unknown cached message {fmsg.ref_hash}")
                    continue
                self.cache[fmsg.ref_hash] = (self.run_number, cached[1])
                fmsg, kind = cached[1], cached[1].WhichOneof("type")
            elif fmsg.hash and fmsg.metadata.cacheable:
                self.cache[fmsg.hash] = (self.run_number, fmsg)
            if kind == "script_finished":
                status = fmsg.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    errors.append("compile error in the page script")
                if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    break
                widgets, texts = [], []  # a callback asked for another run: only the last run counts
            elif kind == "delta" and fmsg.delta.WhichOneof("type") == "new_element":
                element = fmsg.delta.new_element
                etype = element.WhichOneof("type")
                if etype == "exception" and not element.exception.is_warning:
                    errors.append(f"exception: {element.exception.type}: {element.exception.message[:160]}")
                elif etype == "alert" and element.alert.format == Alert.ERROR:
                    errors.append(f"st.error: {element.alert.body[:160]}")
                else:
                    path = fmsg.metadata.delta_path
                    w = widget_of(element, fmsg.delta.fragment_id, bool(path) and path[0] == SIDEBAR_ROOT)
                    if w is not None:
                        widgets.append(w)
                if collect_text:
                    texts.append(element_text(element))
            elif kind == "new_session" and fmsg.new_session.page_script_hash and not self.page_script_hash:
                self.page_script_hash = fmsg.new_session.page_script_hash
            elif kind == "navigation" and fmsg.navigation.page_script_hash:
                self.page_script_hash = fmsg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = fmsg.page_info_changed.query_string
            elif kind == "auto_rerun" and fmsg.auto_rerun.interval > 0:
                self.auto_rerun = (float(fmsg.auto_rerun.interval), fmsg.auto_rerun.fragment_id)
            elif kind == "stop_auto_rerun":
                self.auto_rerun = None
            elif kind == "page_not_found":
                errors.append(f"page not found: {self.page}")
            elif kind == "session_event" and fmsg.session_event.HasField("script_compilation_exception"):
                errors.append(f"compile error: {fmsg.session_event.script_compilation_exception.message[:160]}")
        seconds = time.perf_counter() - t0
        # Forget cached messages the server no longer references (as the browser does).
        self.cache = {h: v for h, v in self.cache.items() if self.run_number - v[0] < CACHED_MESSAGE_AGE}
        # Keep only states of widgets that are still on the page (a fragment run shows only its own).
        if not fragment_id:
            present = {w.id for w in widgets}
            self.states = {k: v for k, v in self.states.items() if k in present}
        return RunOutcome(seconds, errors, widgets, count, [t for t in texts if t], fragment_id)

    def move(self, widgets: Sequence[Widget]) -> str:
        """Change one widget's value in the states sent with the next rerun; return what was moved."""
        movable = choose_widgets(widgets)
        self.moved_fragment = ""
        if not movable:
            return "rerun"
        w = self.rng.choice(movable)
        self.moved_fragment = w.fragment_id  # as the browser: a widget in a fragment reruns its fragment
        previous = self.states.get(w.id)
        self.states[w.id] = new_state(w, self.rng, state_value(previous) if previous is not None else None)
        return w.kind


def _run(coro):
    """asyncio.run, also from a thread whose event loop is already running (a test process that drives a sync
    Playwright browser in the same thread, as the shared Chromium of the test session does): then in a thread of its
    own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def page_text(base_url: str, page: str, query: dict | None = None, timeout: float = 60.0) -> tuple[str, list[str]]:
    """Open `page` once as a viewer would; return (all text it shows, errors). Loopback only."""
    _import_protocol()

    async def fetch() -> tuple[str, list[str]]:
        session = ViewerSession(base_url, page, dict(query or {"lang": "zh"}), random.Random(0), timeout)
        try:
            await session.connect()
            outcome = await session.run(first=True, collect_text=True)
        finally:
            await session.close()
        return "\n".join(outcome.texts), outcome.errors

    return _run(fetch())


# ---------------------------------------------------------------- one round


@dataclass
class SessionStats:
    page: str
    load_s: float | None = None
    rerun_s: list[float] = field(default_factory=list)
    rotation_s: list[float] = field(default_factory=list)  # timed fragment runs: duration
    rotation_late_s: list[float] = field(default_factory=list)  # timed fragment runs: finished − due
    errors: list[str] = field(default_factory=list)
    moved: dict[str, int] = field(default_factory=dict)
    fragment_reruns: int = 0  # reruns of a fragment (a widget drawn in one), not of the whole page


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


@dataclass
class RoundResult:
    round: int
    sessions: int
    duration_s: float
    wall_s: float
    reruns: int
    errors: list[str]
    rerun_median_ms: float | None
    rerun_p95_ms: float | None
    rerun_max_ms: float | None
    load_median_ms: float | None
    load_p95_ms: float | None
    per_page: dict[str, dict]
    moved: dict[str, int]
    rss_peak_mb: float | None
    rss_after_mb: float | None
    client_cpu_s: float
    server_cpu_s: float | None
    # 1-minute load average of the machine at the start and end of the round: other work on the same
    # cores inflates every wall-clock figure.
    loadavg: tuple[float, float]
    # CPU of the reverse proxy (nginx) when the app runs as replicas behind it; None without one.
    proxy_cpu_s: float | None
    # CPU seconds per app process (replicas, in order) when there are several: shows how the sticky
    # balancing spread the sessions.
    server_cpu_per_process_s: list[float] | None
    # Timed fragment runs (big-screen rotations): count, p95 duration, and how many came late
    # (more than ROTATION_SLACK_S after they were due). 0 rotations when no page has a timed fragment.
    rotations: int = 0
    rotation_p95_ms: float | None = None
    rotation_max_late_ms: float | None = None
    rotations_late: int = 0


async def _viewer(index: int, base_url: str, page: str, query: dict, seed: int, duration: float,
                  think: float, run_timeout: float, stats: SessionStats) -> None:
    rng = random.Random(seed * 1_000_003 + index)
    session = ViewerSession(base_url, page, query, rng, run_timeout)
    try:
        await session.connect()
        first = await session.run(first=True)
        stats.load_s = first.seconds
        stats.errors += first.errors
        if first.messages == 0:
            stats.errors.append("the page sent nothing")
        if first.errors:
            return
        # Every viewer moves widgets for `duration` seconds once its page has loaded.
        end = time.monotonic() + duration
        if session.auto_rerun:
            await _watch_rotation(session, end, stats)
            return
        widgets = first.widgets
        for _ in range(MAX_RERUNS_PER_SESSION):
            pause = rng.uniform(0.5 * think, 1.5 * think) if think > 0 else 0.0
            if time.monotonic() + pause >= end:
                break
            await asyncio.sleep(pause)
            moved = session.move(widgets)
            stats.moved[moved] = stats.moved.get(moved, 0) + 1
            outcome = await session.run(fragment_id=session.moved_fragment)
            stats.rerun_s.append(outcome.seconds)
            stats.fragment_reruns += bool(outcome.fragment_id)
            stats.errors += outcome.errors
            if any(e.startswith("timeout") for e in outcome.errors):
                break  # the connection is in an unknown state; the error is counted
            widgets = current_widgets(widgets, outcome)
    except Exception as exc:  # noqa: BLE001 - every failure of a viewer is an error of the round
        stats.errors.append(f"{type(exc).__name__}: {str(exc)[:160]}")
    finally:
        await session.close()


async def _watch_rotation(session: ViewerSession, end: float, stats: SessionStats) -> None:
    """A wall display: ask for the timed fragment every interval (as the browser's timer) until `end`."""
    due = time.monotonic()
    for _ in range(MAX_RERUNS_PER_SESSION):
        if session.auto_rerun is None:
            return
        interval, fragment_id = session.auto_rerun
        due += interval
        if due >= end:
            return
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        outcome = await session.run(fragment_id=fragment_id, auto=True)
        stats.rotation_s.append(outcome.seconds)
        stats.rotation_late_s.append(time.monotonic() - due)
        stats.errors += outcome.errors
        if any(e.startswith("timeout") for e in outcome.errors):
            return
        due = max(due, time.monotonic() - interval)  # a late panel delays the next, as in the browser


async def _round_async(base_url: str, pages: Sequence[str], sessions: int, duration: float, think: float,
                       seed: int, query: dict, run_timeout: float) -> tuple[list[SessionStats], float]:
    start = time.monotonic()
    stats = [SessionStats(pages[i % len(pages)]) for i in range(sessions)]
    # Everyone opens the link at once, as in a meeting.
    tasks = [asyncio.create_task(_viewer(i, base_url, s.page, query, seed, duration, think, run_timeout, s))
             for i, s in enumerate(stats)]
    # Hard bound: a run's timeout each for connecting, the first load and the last run, the interaction
    # time, and a margin.
    _, pending = await asyncio.wait(tasks, timeout=duration + 3 * run_timeout + 15)
    for task in pending:
        task.cancel()
    for task, s in zip(tasks, stats, strict=True):
        if task in pending:
            s.errors.append("viewer did not stop in time (cancelled)")
    if pending:
        await asyncio.wait(pending, timeout=10)
    return stats, time.monotonic() - start


def load_round(base_url: str, pages: Sequence[str] = DEFAULT_PAGES, sessions: int = 30, duration: float = 60.0,
               server_pid: int | Sequence[int] | None = None, think: float = 1.0, seed: int = 0,
               query: dict | None = None, run_timeout: float = 60.0, settle: float = 3.0, round_no: int = 1,
               proxy_pid: int | None = None) -> RoundResult:
    """One round: `sessions` viewers on `pages` (round-robin) for `duration` seconds; stats and memory.

    Args:
        base_url: http://127.0.0.1:PORT (loopback only).
        pages: URL paths of the pages, e.g. ("scenario", "overview", "economy").
        sessions: concurrent viewers (WebSocket sessions).
        duration: seconds each viewer keeps moving widgets after its page has loaded (a run in
            progress is finished).
        server_pid: the server process, or the list of app processes (replicas), for CPU and memory
            (None: looked up by port).
        think: mean pause in seconds between a run's end and the next widget change (uniform ±50 %);
            0 makes every viewer move widgets back to back.
        seed: random seed (widget choice and values are reproducible per viewer).
        query: URL query parameters of the first load (default lang=zh).
        run_timeout: seconds a single run may take before it counts as an error.
        settle: seconds to wait after the sessions closed before reading the server's RSS.
        round_no: number reported for this round.
        proxy_pid: the reverse proxy's process (nginx), whose CPU is reported apart (proxy_cpu_s).
    """
    base_url = check_loopback(base_url)
    if sessions < 1 or duration <= 0:
        raise ValueError("sessions must be >= 1 and duration > 0")
    pid = server_pid or server_pid_for_port(urlparse(base_url).port or 80)
    _import_protocol()
    load0 = os.getloadavg()[0]
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    server_cpu0 = tree_cpu_s(pid) if pid else 0.0
    per_process0 = [tree_cpu_s(p) for p in _pids(pid)]
    proxy_cpu0 = tree_cpu_s(proxy_pid) if proxy_pid else 0.0
    with MemorySampler(pid) as sampler:
        stats, wall = _run(_round_async(base_url, tuple(pages), sessions, duration, think, seed,
                                               dict(query or {"lang": "zh"}), run_timeout))
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    server_cpu = tree_cpu_s(pid) - server_cpu0 if pid else None
    per_process = [round(tree_cpu_s(p) - c0, 1) for p, c0 in zip(_pids(pid), per_process0, strict=True)]
    proxy_cpu = round(tree_cpu_s(proxy_pid) - proxy_cpu0, 1) if proxy_pid else None
    time.sleep(settle)
    reruns = [r for s in stats for r in s.rerun_s]
    loads = [s.load_s for s in stats if s.load_s is not None]
    errors = [f"{s.page}#{i}: {e}" for i, s in enumerate(stats) for e in s.errors]
    moved: dict[str, int] = {}
    per_page: dict[str, dict] = {}
    for page in pages:
        ps = [s for s in stats if s.page == page]
        rr = [r for s in ps for r in s.rerun_s]
        pm: dict[str, int] = {}
        for s in ps:
            for k, v in s.moved.items():
                pm[k] = pm.get(k, 0) + v
                moved[k] = moved.get(k, 0) + v
        rot = [r for s in ps for r in s.rotation_s]
        late = [r for s in ps for r in s.rotation_late_s]
        per_page[page] = {
            "sessions": len(ps), "reruns": len(rr), "errors": sum(len(s.errors) for s in ps),
            "rotations": len(rot), "rotation_p95_ms": _ms(_percentile(rot, 0.95)),
            "rotations_late": sum(1 for x in late if x > ROTATION_SLACK_S),
            "rerun_median_ms": _ms(_percentile(rr, 0.5)), "rerun_p95_ms": _ms(_percentile(rr, 0.95)),
            "load_median_ms": _ms(_percentile([s.load_s for s in ps if s.load_s is not None], 0.5)),
            "moved": pm, "fragment_reruns": sum(s.fragment_reruns for s in ps),
        }
    rotations = [r for s in stats for r in s.rotation_s]
    late = [r for s in stats for r in s.rotation_late_s]
    peak_kb = max(sampler.peak_kb, tree_hwm_kb(pid)) if pid else 0
    after_kb = tree_rss_kb(pid) if pid else 0
    return RoundResult(
        round=round_no, sessions=sessions, duration_s=duration, wall_s=round(wall, 1), reruns=len(reruns),
        errors=errors, rerun_median_ms=_ms(_percentile(reruns, 0.5)), rerun_p95_ms=_ms(_percentile(reruns, 0.95)),
        rerun_max_ms=_ms(max(reruns) if reruns else None), load_median_ms=_ms(_percentile(loads, 0.5)),
        load_p95_ms=_ms(_percentile(loads, 0.95)), per_page=per_page, moved=moved,
        rss_peak_mb=round(peak_kb / 1024, 1) if pid else None, rss_after_mb=round(after_kb / 1024, 1) if pid else None,
        client_cpu_s=round((cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime), 1),
        server_cpu_s=None if server_cpu is None else round(server_cpu, 1),
        proxy_cpu_s=proxy_cpu, server_cpu_per_process_s=per_process if len(per_process) > 1 else None,
        rotations=len(rotations), rotation_p95_ms=_ms(_percentile(rotations, 0.95)),
        rotation_max_late_ms=_ms(max(late) if late else None),
        rotations_late=sum(1 for x in late if x > ROTATION_SLACK_S),
        loadavg=(round(load0, 1), round(os.getloadavg()[0], 1)),
    )


@dataclass
class LoadReport:
    base_url: str
    pages: list[str]
    rounds: list[RoundResult]

    @property
    def errors(self) -> list[str]:
        return [f"round {r.round}: {e}" for r in self.rounds for e in r.errors]

    def growth(self, first: int = 1, last: int | None = None) -> float | None:
        """Relative change of the server's RSS after round `last` (default: the last) vs after round `first`."""
        by_no = {r.round: r for r in self.rounds}
        a = by_no.get(first)
        b = by_no.get(last if last is not None else self.rounds[-1].round)
        if not a or not b or not a.rss_after_mb or not b.rss_after_mb:
            return None
        return b.rss_after_mb / a.rss_after_mb - 1

    def as_dict(self) -> dict:
        return {"base_url": self.base_url, "pages": self.pages, "rounds": [asdict(r) for r in self.rounds],
                "errors": len(self.errors), "growth_last_vs_first": self.growth()}

    def summary(self) -> str:
        lines = [f"load test against {self.base_url}, pages {', '.join(self.pages)}"]
        header = (f"{'round':>5} {'sessions':>8} {'secs':>5} {'reruns':>6} {'errors':>6} {'median ms':>9} "
                  f"{'p95 ms':>8} {'max ms':>8} {'load med':>8} {'load p95':>8} {'RSS peak MB':>11} "
                  f"{'RSS after MB':>12} {'server cpu s':>12} {'client cpu s':>12}")
        lines.append(header)
        for r in self.rounds:
            lines.append(f"{r.round:>5} {r.sessions:>8} {r.duration_s:>5.0f} {r.reruns:>6} {len(r.errors):>6} "
                         f"{_fmt(r.rerun_median_ms):>9} {_fmt(r.rerun_p95_ms):>8} {_fmt(r.rerun_max_ms):>8} "
                         f"{_fmt(r.load_median_ms):>8} {_fmt(r.load_p95_ms):>8} {_fmt(r.rss_peak_mb):>11} "
                         f"{_fmt(r.rss_after_mb):>12} {_fmt(r.server_cpu_s):>12} {r.client_cpu_s:>12.1f}")
        for r in self.rounds:
            for page, p in r.per_page.items():
                lines.append(f"  round {r.round} {page}: {p['sessions']} sessions, {p['reruns']} reruns, "
                             f"median {_fmt(p['rerun_median_ms'])} ms, p95 {_fmt(p['rerun_p95_ms'])} ms, "
                             f"first load median {_fmt(p['load_median_ms'])} ms, moved {p['moved']}, "
                             f"{p['fragment_reruns']} of them fragment runs")
        for r in self.rounds:
            if r.rotations:
                lines.append(f"  round {r.round}: {r.rotations} timed rotations, p95 {_fmt(r.rotation_p95_ms)} ms, "
                             f"{r.rotations_late} late (> {ROTATION_SLACK_S:.0f} s after due; worst "
                             f"{_fmt(r.rotation_max_late_ms)} ms)")
        for r in self.rounds:
            if r.server_cpu_per_process_s or r.proxy_cpu_s is not None:
                lines.append(f"  round {r.round}: server cpu s per app process {r.server_cpu_per_process_s or '-'}, "
                             f"nginx {_fmt(r.proxy_cpu_s)} s")
        for r in self.rounds:
            lines.append(f"  round {r.round}: wall {r.wall_s:.0f} s, {r.reruns / max(r.wall_s, 1e-9):.2f} reruns/s, "
                         f"machine load average {r.loadavg[0]} -> {r.loadavg[1]} ({os.cpu_count()} CPUs)")
        if len(self.rounds) > 1:
            parts = [f"round {r.round} vs 1: {self.growth(1, r.round):+.1%}" for r in self.rounds[1:]
                     if self.growth(1, r.round) is not None]
            if parts:
                lines.append("RSS after round, change: " + ", ".join(parts))
        errors = self.errors
        lines.append(f"errors: {len(errors)}" + ("" if not errors else "\n  " + "\n  ".join(errors[:20])))
        return "\n".join(lines)


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.0f}" if x >= 100 else f"{x:.1f}"


def run_load(base_url: str, pages: Sequence[str] = DEFAULT_PAGES, sessions: int = 30, duration: float = 60.0,
             rounds: int = 3, server_pid: int | Sequence[int] | None = None, think: float = 1.0, seed: int = 0,
             query: dict | None = None, run_timeout: float = 60.0, settle: float = 3.0,
             progress=None, proxy_pid: int | None = None) -> LoadReport:
    """Repeated rounds of `load_round` against one server (memory growth shows across rounds).

    `progress`, if given, is called with each RoundResult as it completes.
    """
    base_url = check_loopback(base_url)
    results = []
    for n in range(1, max(1, rounds) + 1):
        result = load_round(base_url, pages, sessions, duration, server_pid, think, seed + n, query, run_timeout,
                            settle, round_no=n, proxy_pid=proxy_pid)
        results.append(result)
        if progress:
            progress(result)
    return LoadReport(base_url, list(pages), results)


# ---------------------------------------------------------------- a server to test


def free_port() -> int:
    return servers.free_port()


@contextlib.contextmanager
def serve_app(port: int | None = None, env: dict | None = None, script: str = "app.py",
              extra_args: Sequence[str] = (), start_timeout: float = 60.0,
              log_path: str | os.PathLike | None = None, warm_up: bool = True) -> Iterator[tuple[str, int]]:
    """Run the app from the repository through lishi_metrics.launcher (its .streamlit/config.toml applies)
    on loopback.

    Only the address (127.0.0.1) and port are overridden. Yields (base_url, server pid); stops the
    server's process group afterwards. Like production, the server warms its shared caches before it
    listens (launcher.warm_up); --cold skips that.
    """
    with servers.serve(port=port, env=env, script=script, extra_args=extra_args, start_timeout=start_timeout,
                        log_path=log_path, warm_up=warm_up) as server:
        yield server.base_url, server.pid


# ---------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    target = ap.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="a running server on loopback, e.g. http://127.0.0.1:8501")
    target.add_argument("--serve", action="store_true", help="start the app on a free loopback port for the test")
    ap.add_argument("--pid", type=int, help="server pid for memory readings (default: found by the port)")
    ap.add_argument("--pages", default=",".join(DEFAULT_PAGES),
                    help="comma-separated URL paths, each optionally with its own query, e.g. "
                         "scenario,overview,screen?rotate=10 (default: %(default)s)")
    ap.add_argument("--sessions", type=int, default=30, help="concurrent sessions (default: %(default)s)")
    ap.add_argument("--duration", type=float, default=60.0,
                    help="seconds each session moves widgets once its page has loaded (default: %(default)s)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds, for memory growth (default: %(default)s)")
    ap.add_argument("--think", type=float, default=1.0,
                    help="mean pause between a rerun and the next widget change, s (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lang", default="zh", choices=("zh", "en"))
    ap.add_argument("--run-timeout", type=float, default=60.0, help="a run slower than this is an error")
    ap.add_argument("--json", help="also write the report as JSON to this file")
    ap.add_argument("--server-log", help="with --serve: write the server's output to this file")
    ap.add_argument("--replicas", type=int, default=0,
                    help="with --serve: run N app processes behind nginx (config from deploy/nginx-lishi.conf) "
                         "and test through nginx; 0 (default) serves one process directly")
    ap.add_argument("--server-arg", action="append", default=[], metavar="OPTION",
                    help="with --serve: an extra `streamlit run` option for every app process, e.g. "
                         "--server-arg=--runner.postScriptGC=true (repeatable; for A/B measurements)")
    ap.add_argument("--cold", action="store_true",
                    help="with --serve: start without the warm-up production does (first visitors build the caches)")
    args = ap.parse_args(argv)
    pages = [p.strip().strip("/") for p in args.pages.split(",") if p.strip()]
    if not (1 <= args.sessions <= 500 and 0 < args.duration <= 3600 and 1 <= args.rounds <= 20):
        ap.error("sessions 1-500, duration 0-3600 s and rounds 1-20 keep the test bounded")
    if args.replicas and not (args.serve and 1 <= args.replicas <= 16):
        ap.error("--replicas needs --serve and 1-16 replicas")

    def progress(r: RoundResult) -> None:
        print(f"round {r.round}: {r.reruns} reruns, {len(r.errors)} errors, median {_fmt(r.rerun_median_ms)} ms, "
              f"p95 {_fmt(r.rerun_p95_ms)} ms, RSS after {_fmt(r.rss_after_mb)} MB", file=sys.stderr, flush=True)

    def go(base: str, pid: int | list[int] | None, proxy_pid: int | None = None) -> LoadReport:
        return run_load(base, pages, args.sessions, args.duration, args.rounds, pid, args.think, args.seed,
                        {"lang": args.lang}, args.run_timeout, progress=progress, proxy_pid=proxy_pid)

    try:
        if args.serve and args.replicas:
            log_dir = Path(args.server_log).parent if args.server_log else None
            with servers.serve_replicas(args.replicas, extra_args=args.server_arg, log_dir=log_dir,
                                         warm_up=not args.cold) as server:
                print(f"{args.replicas} replica(s) behind nginx at {server.base_url}", file=sys.stderr, flush=True)
                report = go(server.base_url, server.pids, server.proxy_pid)
        elif args.serve:
            with serve_app(log_path=args.server_log, extra_args=args.server_arg, warm_up=not args.cold) as (base, pid):
                report = go(base, pid)
        else:
            report = go(check_loopback(args.url), args.pid)
    except LoopbackOnly as exc:
        ap.error(str(exc))
    print(report.summary())
    if args.json:
        Path(args.json).write_text(json.dumps(report.as_dict(), indent=1, ensure_ascii=False), encoding="utf-8")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
