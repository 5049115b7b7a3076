"""The pages' Streamlit module (only lishi_metrics.launcher, which starts the server, also imports it): page chrome,
language, URL state, cached data, errors.

Length (about 650 lines): by the layering rule this is the only module that imports Streamlit
(docs/architecture.md), so every piece of Streamlit glue lives here, in sections: routing and page chrome,
notices and URL state, shared caches, downloads, the admin gate, the scenario page's caches, chart
rendering and the warm-up."""

from __future__ import annotations

import contextlib
import copy
import functools
import re
import threading
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lishi_metrics.data import db as data
from lishi_metrics.data import export
from lishi_metrics.errors import LishiError
from lishi_metrics.text.i18n import normalize_lang, t
from lishi_metrics.views import state, tiles
from lishi_metrics.views.registry import PAGES

LANG_KEY = "lang"
APP_CSS = Path(__file__).resolve().parent / "static" / "app.css"
PLAN_KEY = state.PLAN_PARAM


class SharedCache:
    """A function's results kept for every session of this process: one object per argument tuple, never
    changed by a page (see "cached data" below), at most `max_entries`, least recently used dropped first.

    What st.cache_resource does, but keyed by Python's own hashing of the arguments (their type and value):
    Streamlit hashes each argument into an MD5 digest of its own, ≈ 0.39 ms per call, and a page run makes
    five to eight such calls (issue 11). Arguments must be hashable; keyword arguments starting with an
    underscore are passed on but not part of the key (as in Streamlit). Concurrent callers of a missing key
    wait for one computation. Exceptions are not cached.
    """

    instances: list[SharedCache] = []

    def __init__(self, func, max_entries: int | None = None) -> None:
        self.func, self.max_entries = func, max_entries or 1024
        self.lock = threading.Lock()
        self.values: dict = {}  # insertion order = recency (a hit moves its key to the end)
        self.computing: dict = {}  # key -> lock held while one caller computes it
        functools.update_wrapper(self, func)
        SharedCache.instances.append(self)

    def __call__(self, *args, **kwargs):
        key = (tuple((type(a), a) for a in args),
               tuple(sorted((k, type(v), v) for k, v in kwargs.items() if not k.startswith("_"))))
        with self.lock:
            if key in self.values:
                value = self.values.pop(key)
                self.values[key] = value
                return value
            computing = self.computing.setdefault(key, threading.Lock())
        with computing:
            with self.lock:
                if key in self.values:
                    return self.values[key]
            try:
                value = self.func(*args, **kwargs)
            except BaseException:
                with self.lock:
                    self.computing.pop(key, None)
                raise
            with self.lock:
                self.values[key] = value
                while len(self.values) > self.max_entries:
                    self.values.pop(next(iter(self.values)))
                self.computing.pop(key, None)
            return value

    def clear(self) -> None:
        with self.lock:
            self.values.clear()

    @classmethod
    def clear_all(cls) -> None:
        """Empty every shared cache (tests; a running server keys its caches by data version instead)."""
        for cache_ in cls.instances:
            cache_.clear()


def _shared(max_entries: int | None = None):
    """Decorator: the function's results shared by every session (SharedCache)."""
    return lambda func: SharedCache(func, max_entries)



# --- language and page chrome ----------------------------------------------------------------

def current_lang() -> str:
    """Language from the URL (`lang=zh|en`), else the session's, else Chinese; written back to the URL."""
    raw = st.query_params.get(LANG_KEY)
    if raw is not None and str(raw).strip().lower() not in ("zh", "en"):
        # Kept apart until page_setup: app.py reads the language first (and rewrites the URL to lang=zh),
        # then page_setup starts the page's notices afresh, which lost this one (issue 14.8).
        st.session_state["_lang_notice"] = state.Notice(LANG_KEY, str(raw)[:40], "notice.unknown_choice", "ignored",
                                                        "zh")
        raw = None
    lang = normalize_lang(raw) if raw is not None else st.session_state.get(LANG_KEY, "zh")
    st.session_state[LANG_KEY] = lang
    if st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
    return lang


# --- routing and page chrome ----------------------------------------------------------------
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
# pages/ stays where it is, and no app code runs before the first session reads the switch, so the legacy
# router cannot be kept out of a fresh process. It is left at once instead: page_setup, every page's first
# call, notices that navigation() did not route this run, calls it (its st.navigation turns the switch off and
# resolves the URL against the app's own pages) and reruns, so the run that draws a page is always app.py's.
# "Did navigation() route this run" is asked of the run itself (a mark in the script thread), not of the
# switch: after a restart, open tabs reconnect together, and several first runs are already in the legacy
# router when the first of them turns the switch off.

_routed = threading.local()  # .run: the script thread's current run came through navigation()


def navigation():
    """app.py's router: declare the pages to st.navigation and return the one the URL asks for.

    `/` and `/overview` both show the first page. That page cannot simply be st.navigation's default: the
    default is served at `/` with url_path "", so `/overview` would not be found. A hidden default entry for
    the same file serves `/` (Streamlit allows several pages per file); it is registered last, so that
    a link to the overview's st.Page goes to `/overview`, the first page registered for that file.
    """
    lang = current_lang()
    main_script = get_script_run_ctx().main_script_path
    specs = _present_pages(main_script)
    pages = [_page(main_script, s.file, lang, s.url_path) for s in specs]
    home = _page(main_script, specs[0].file, lang, "")
    page = st.navigation([*pages, home], position="hidden")
    _routed.run = True
    _routed.pages = dict(zip((s.file for s in specs), pages))  # for the sidebar's links (no path lookups)
    return page


def _page(main_script: str, file: str, lang: str, url_path: str):
    """A fresh st.Page for this run, copied from one made once per process (see _page_template)."""
    return copy.copy(_page_template(main_script, file, lang, url_path))


@cache
def _page_template(main_script: str, file: str, lang: str, url_path: str):
    """st.Page(file) resolves and stats its path on every construction (≈ 5 % of the server's CPU under load,
    nine pages a run). Its fields are fixed per file, title and URL; the one that changes, whether
    st.navigation has handed it out to run, belongs to the copy each run gets, never to this template."""
    spec = next(s for s in PAGES if s.file == file)
    if url_path:
        return st.Page(file, title=t(spec.title_key, lang), url_path=url_path)
    return st.Page(file, title=t(spec.title_key, lang), url_path="", default=True, visibility="hidden")


@cache
def _present_pages(main_script_path: str) -> tuple:
    """The registry's pages whose files exist beside the main script (st.Page paths are relative to it).
    Looked up once per process: a deploy restarts the service, and stat()/realpath() on every run and page
    cost ≈ 4 % of the server's CPU under load (py-spy, issue 11)."""
    app_dir = Path(main_script_path).resolve().parent
    return tuple(s for s in PAGES if (app_dir / s.file).exists())


def _started_on_app() -> bool:
    """True when Streamlit runs app.py; False when a page file is the main script (AppTest, or
    `streamlit run pages/x.py`), which has nothing to route."""
    ctx = get_script_run_ctx()
    return ctx is not None and Path(ctx.main_script_path).name == "app.py"


def page_setup(title_key: str, sidebar: bool = True, plan_chooser: bool = True) -> str:
    """Configure the page and draw the sidebar (navigation, language, about); return the language.

    Every page calls this first. A page that Streamlit's legacy router ran without app.py (first runs of a
    fresh server) is run again through app.py instead (see the comment above).
    """
    routed, _routed.run = getattr(_routed, "run", False), False
    links, _routed.pages = getattr(_routed, "pages", None) if routed else None, None
    if not routed and _started_on_app():
        navigation()
        st.rerun()  # this request again, now through app.py, on the page navigation() resolved from the URL
    st.session_state["_notices"] = []
    show_plan_switch = plan_chooser
    lang = current_lang()
    if (pending := st.session_state.pop("_lang_notice", None)) is not None:
        add_notice(pending)
    drop_unknown_params(next((s.url_path for s in PAGES if s.title_key == title_key), ""))
    plan_id = current_plan()
    st.set_page_config(page_title=f"{t(title_key, lang)} · {t('app_title', lang)}", layout="wide",
                       initial_sidebar_state="auto" if sidebar else "collapsed")
    st.html(f"<style>{_app_css()}</style>")  # a style-only st.html takes no room on the page
    if sidebar:
        with st.sidebar:
            st.markdown(f"**{t('app_title', lang)}**")
            _navigation_links(lang, plan_id, links)
            if show_plan_switch:
                plan_switch(plan_id, lang)
            language_switch(lang)
            with st.expander(t("about_data_title", lang)):
                st.markdown(t("about_data_body", lang))
                st.caption(t("unit_yi_note", lang))
    return lang


@cache
def _app_css() -> str:
    """The constant stylesheet of every page (lishi_metrics/static/app.css): metric text wraps, never cut."""
    return APP_CSS.read_text(encoding="utf-8")


def current_plan() -> str:
    """The plan the page shows: `plan=ID` from the URL, else the session's choice, else the default plan for
    today (newest running, else most recently ended). A chosen plan stays in the URL, so a link keeps it; the
    default is not written, so a link without plan= follows the calendar (and the explorer lists every plan)."""
    raw = st.query_params.get(PLAN_KEY)
    plan_id, notices = _parse_plan(None if raw is None else str(raw), st.session_state.get(PLAN_KEY),
                                   date.today().isoformat(), data_key())
    for notice in notices:
        add_notice(notice)
    if notices and PLAN_KEY in st.query_params:
        del st.query_params[PLAN_KEY]  # an unknown plan is not kept in the link
    elif raw is not None and st.query_params.get(PLAN_KEY) != plan_id:
        st.query_params[PLAN_KEY] = plan_id  # canonical spelling (FYP14 → fyp14)
    st.session_state[PLAN_KEY] = plan_id
    return plan_id


@_shared(max_entries=256)
def _parse_plan(raw: str | None, fallback: str | None, day: str, key: str):
    """state.parse_plan over the plan catalogue, once per URL value, session choice, day and data version
    (it sorts and filters the catalogue: a few ms on every run of every page)."""
    try:
        plans = _plans_catalogue(key)
    except LishiError:
        plans = None  # the page's own guard reports the broken data
    plan, notices = state.parse_plan(raw, plans, date.fromisoformat(day), fallback=fallback)
    return plan, tuple(notices)


@_shared(max_entries=32)
def _plan_labels(key: str, lang: str) -> dict[str, str]:
    """Every plan's display name (state.plan_label), by id in catalogue order."""
    plans = _plans_catalogue(key)
    return {str(p): state.plan_label(plans, str(p), lang) for p in plans["plan_id"]}


def plan_labels(lang: str) -> dict[str, str]:
    """Every plan's display name by id (catalogue order), cached per data version and language."""
    return _plan_labels(data_key(), lang)


def plan_id() -> str:
    """The plan chosen by page_setup for this run."""
    return st.session_state.get(PLAN_KEY) or current_plan()


def plan_switch(plan_id: str, lang: str) -> None:
    """The sidebar's plan chooser (every shipped and imported plan), kept in the URL as plan=ID."""
    try:
        labels = plan_labels(lang)
    except LishiError:
        return
    ids = list(labels)[::-1]  # newest first
    if len(ids) < 2 or plan_id not in ids:
        return

    def _changed() -> None:
        choice = st.session_state["_plan_switch"]
        st.session_state[PLAN_KEY] = choice
        st.query_params[PLAN_KEY] = choice

    st.session_state["_plan_switch"] = plan_id
    st.selectbox(t("plan_switch", lang), ids, key="_plan_switch", on_change=_changed,
                 format_func=labels.__getitem__, help=t("plan_switch_help", lang))


def plan_name(plan_id: str, lang: str) -> str:
    """A plan's display name (state.plan_label, cached)."""
    try:
        return plan_labels(lang).get(plan_id) or state.plan_label(None, plan_id, lang)
    except LishiError:
        return plan_id


def document_only(plan_id: str, lang: str) -> None:
    """On a page whose content comes from the 14th plan's document: say so and stop when another plan is chosen."""
    from lishi_metrics.data.plans import DOCUMENT_PLAN, is_document_plan

    if is_document_plan(plan_id):
        return
    st.info(t("plan_document_only", lang, document=plan_name(DOCUMENT_PLAN, lang),
              document_plan=plan_name(DOCUMENT_PLAN, lang), plan=plan_name(plan_id, lang)))
    show_notices()
    st.stop()


def _navigation_links(lang: str, plan_id: str | None = None, pages: dict | None = None) -> None:
    """Links to every page, carrying the language and plan; skipped when a page runs alone (no pages registered).

    `pages` are this run's st.Page objects from navigation(), by file: linking to them spares Streamlit a
    realpath() of the file per link and run."""
    params = {LANG_KEY: lang, **({PLAN_KEY: plan_id} if plan_id else {})}
    for spec in PAGES:
        try:
            st.page_link((pages or {}).get(spec.file, spec.file), label=t(spec.title_key, lang), query_params=params)
        except StreamlitAPIException:  # StreamlitPageNotFoundError when the page runs on its own
            return


def add_notice(notice: state.Notice) -> None:
    st.session_state.setdefault("_notices", []).append(notice)


param_words = state.param_words  # 实际增速（g） / real growth (g): one definition, shared with the big screen


def drop_unknown_params(page: str) -> None:
    """Remove from the address the parameters `page` (its URL path) does not use, each with a notice."""
    names, notices = state.unknown_params(st.query_params, page)
    for name in names:
        del st.query_params[name]
    for notice in notices:
        add_notice(notice)


def _md_literal(text: str) -> str:
    """Text from the URL as literal Markdown: `[x](http://…)` or `**x**` stays text, bare URLs are broken
    (a zero-width space) so they are not turned into links either."""
    text = text.replace("://", ":\u200b//").replace("www.", "www\u200b.")
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$:])", r"\\\1", text)


def show_notices(notices: list[state.Notice] | None = None) -> None:
    """One small line per ignored, clamped or unknown URL parameter; plain text only (never HTML)."""
    lang = st.session_state.get(LANG_KEY, "zh")
    for n in list(notices or []) + st.session_state.get("_notices", []):
        # An unknown parameter's name comes from the URL too.
        text = _md_literal(state.notice_message(n, lang)) if n.kind == "unknown" else state.notice_message(n, lang)
        st.caption(f"⚠️ {text}: “{_md_literal(n.raw)}”" if n.raw else f"⚠️ {text}")
    st.session_state["_notices"] = []


def set_query_params(params: dict[str, str]) -> None:
    """Write the view's state into the URL (only the keys given; language kept)."""
    for key, value in params.items():
        if value is None or value == "":
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)


def seed(key: str, value) -> None:
    """Initialise a widget's session value once (from the URL or a default); later reruns keep the user's."""
    if key not in st.session_state:
        st.session_state[key] = value


def tile(item: tiles.Tile, lang: str, scope: str, border: bool = True) -> None:
    """One tile (views.tiles): its keyed container and one Markdown block, two elements, since every element
    is a message per rerun that a room of viewers pays for (issue 11). The scope's CSS styles it."""
    with st.container(border=border, key=tiles.container_key(item, scope)):
        st.markdown(tiles.markdown(item, lang), help=item.help or None)


def tile_row(items: list[tiles.Tile], lang: str, scope: str) -> None:
    """Light cards in one wrapping row (static/app.css: `tiles-<scope>`), keyed `<scope>-tile-<key>--…`."""
    with st.container(horizontal=True, gap="small", key=f"tiles-{scope}"):
        for item in items:
            tile(item, lang, f"{scope}-tile")


def provenance(lang: str, refs: str) -> None:
    """The closing line of every page: which 专栏 or chapters its numbers come from."""
    st.divider()
    st.caption(f"{t('provenance', lang)}：{refs}" if lang == "zh" else f"{t('provenance', lang)}: {refs}")


@contextlib.contextmanager
def guard(lang: str | None = None) -> Iterator[None]:
    """Turn the package's errors into a readable message and stop the page (never a traceback)."""
    try:
        yield
    except LishiError as exc:
        st.error(f"{t('data_error', lang or 'zh')}: {exc}")
        st.stop()


# --- cached data -----------------------------------------------------------------------------
# Cached per data version: an import or rebuild changes the key and so refreshes every page.
#
# Shared, not copied: these caches are SharedCache objects (like st.cache_resource), so every session gets the
# same objects. Under a room of viewers st.cache_data's copy per hit (unpickling frames, then rebuilding their indexes) was ≈ 15 %
# of the server's CPU (py-spy, issue 11). Pages and page models therefore never change a frame or model
# they are given (tests/test_shared_caches.py runs every page and then compares the cached objects with
# fresh builds); the caches are bounded by entries and keyed by data version.

def data_key() -> str:
    """The data version (files and store) as a cache key, looked up once per script run: every cached call
    of a run asks for it, and each lookup stats every table file and reads the store's state."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return repr(data.version_key())
    memo = getattr(ctx, "_lishi_data_key", None)
    if memo is not None and memo[0] is ctx.cursors:  # ctx.cursors is a new dict for every run (reset())
        return memo[1]
    key = repr(data.version_key())
    ctx._lishi_data_key = (ctx.cursors, key)
    return key


@_shared(max_entries=32)
def _indicator_table(plan_id: str, key: str) -> pd.DataFrame:
    return data.indicator_table(plan_id)


@_shared(max_entries=32)
def _dataset(name: str, key: str, **kwargs) -> pd.DataFrame:
    return getattr(data, name)(**kwargs)


@_shared(max_entries=8)
def _plans_catalogue(key: str) -> pd.DataFrame:
    return data.plans_catalogue()


def plans_catalogue() -> pd.DataFrame:
    """Every plan, shipped and imported (data.plans_catalogue), cached per data version."""
    return _plans_catalogue(data_key())


def indicator_table(plan_id: str) -> pd.DataFrame:
    return _indicator_table(plan_id, data_key())


def all_indicators() -> pd.DataFrame:
    """The indicator tables of every plan in one frame (an actuals upload may hold rows of any plan)."""
    tables = [indicator_table(str(p)) for p in plans_catalogue()["plan_id"]]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def dataset(name: str, **kwargs) -> pd.DataFrame:
    """Any dataset function of lishi_metrics.data.db by name (text_figures, projects, …), cached."""
    return _dataset(name, data_key(), **kwargs)


# --- downloads -------------------------------------------------------------------------------

def download_buttons(frame: pd.DataFrame, basename: str, lang: str, notes: dict[str, str] | None = None,
                     key: str = "", title: str | None = None) -> None:
    """CSV and XLSX downloads of one table; the XLSX has an 'about' sheet with source and filters.

    The files are made only when a button is clicked (a callable, no rerun): writing the XLSX on every
    rerun cost the explorer ≈ 350 ms (scripts/bench.py).
    """
    c1, c2 = st.columns(2)
    c1.download_button(t("download_csv", lang), lambda: export.csv_bytes(frame, title, export.SOURCE_NOTE[export.lang_of(lang)] if title else None), file_name=f"{basename}.csv",
                       mime="text/csv", key=f"dl_csv_{key or basename}", on_click="ignore")
    c2.download_button(t("download_xlsx", lang), lambda: export.xlsx_bytes({basename[:31]: frame}, notes, lang, title),
                       file_name=f"{basename}.xlsx", key=f"dl_xlsx_{key or basename}", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@st.cache_data(max_entries=12, show_spinner=False)
def _report_bytes(fmt: str, lang: str, plan_id: str, day: str, key: str) -> bytes:
    from datetime import date

    from lishi_metrics.reports import build as reports

    return reports.document(fmt, lang, plan_id, date.fromisoformat(day))


def report_download(fmt: str, lang: str, plan_id: str | None = None, key: str = "") -> None:
    """A download button for the evaluation report (docx), deck (pptx) or workbook (xlsx).

    The document is built when the button is first clicked (a callable, so never on a rerun), then cached
    per format, language, plan, day and data version: one build serves the whole room.
    """
    from datetime import date

    from lishi_metrics.reports import build as reports

    plan = plan_id or st.session_state.get(PLAN_KEY) or current_plan()
    day, version = date.today().isoformat(), data_key()
    st.download_button(t(f"rp_download_{fmt}", lang), lambda: _report_bytes(fmt, lang, plan, day, version),
                       file_name=reports.file_name(fmt, lang, plan), mime=reports.MIME[fmt],
                       key=f"dl_report_{fmt}{key}", on_click="ignore")


def language_switch(lang: str) -> None:
    """中文 / English switch, kept in the URL as lang=zh|en."""
    def _changed() -> None:
        choice = st.session_state["_lang_switch"]
        st.session_state[LANG_KEY] = choice
        st.query_params[LANG_KEY] = choice

    st.session_state["_lang_switch"] = lang
    st.segmented_control(t("language", lang), ["zh", "en"], key="_lang_switch", on_change=_changed,
                         format_func=lambda code: t(f"lang_{code}", lang), required=True)


# --- admin gate ------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def admin_gate():
    """The one admin gate of this server process (throttle, pending delay, lockout, token salt)."""
    from lishi_metrics.actuals import auth

    return auth.AdminGate()


def client_address() -> str:
    """The viewer's address as nginx forwards it (X-Real-IP / X-Forwarded-For), for the login log."""
    from lishi_metrics.actuals import auth

    return auth.client_address(dict(st.context.headers), st.context.ip_address)


def take_notices() -> list[state.Notice]:
    """The notices collected so far (e.g. an unknown lang), removed from the session: for a page that
    shows them its own way (the big screen prints them small, as plain text, at the bottom)."""
    notices = list(st.session_state.get("_notices", []))
    st.session_state["_notices"] = []
    return notices


# --- scenario page ---------------------------------------------------------------------------

@_shared(max_entries=64)
def monte_carlo_summary(base_value: float, real: tuple, price: tuple, sigma_pp: float, n: int, seed: int,
                        target: float | None, base_year: int) -> tuple[pd.DataFrame, float | None]:
    """scenario.monte_carlo's quantiles (year, p05 … p95) and probability of reaching the target, cached by
    its parameters; only this small summary is kept, not the n × years paths."""
    from lishi_metrics.model import scenario

    result = scenario.monte_carlo(base_value, list(real), list(price), sigma_pp, n, seed, target, base_year)
    return result.quantiles, result.prob_reach


@_shared(max_entries=8)
def _scenario_facts(key: str, plan_id: str):
    from lishi_metrics.views import scenario as scenario_view

    return scenario_view.facts_from_data(plan_id)


@_shared(max_entries=256)
def _scenario_results(key: str, plan_id: str, params_key: str, lang: str, _params):
    from lishi_metrics.views import scenario as scenario_view

    facts = _scenario_facts(key, plan_id)
    sc = scenario_view.build_scenario(facts, _params)
    quantiles, prob = monte_carlo_summary(**scenario_view.mc_inputs(sc))
    return scenario_view.results(facts, _params, quantiles, prob, lang, sc=sc)


def scenario_results(plan_id: str, params, lang: str):
    """The scenario page's answer (views.scenario.Results) for one parameter set, shared by every viewer who
    sets the same parameters, per data version; the chart's datasets are Arrow bytes once (ready_spec).

    The cache key is the parameters' repr (a frozen dataclass of numbers, strings and tuples: equal repr,
    equal parameters): Streamlit's hashing of the dataclass itself took 0.43 ms a rerun, repr 0.01 ms.
    """
    return _scenario_results(data_key(), plan_id, repr(params), lang, _params=params)


def scenario_facts(plan_id: str):
    """The scenario page's plan facts (GDP base and target, growth, industry share, imported GDP actuals),
    cached per data version and plan: one small object instead of three table reads per rerun."""
    return _scenario_facts(data_key(), plan_id)


# --- cached page models and fast chart rendering ---------------------------------------------

@_shared(max_entries=64)
def _view(func_path: str, key: str, args: tuple, kwargs: tuple):
    import importlib

    module, name = func_path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(*args, **dict(kwargs))


def view(func, *args, **kwargs):
    """A page's model built by a lishi_metrics function from the data layer, cached per data version.

    `func` must be a module-level function of lishi_metrics taking plain hashable arguments (lang, ids);
    reruns then cost a cache lookup instead of rebuilding tables (pandas row loops cost ~0.5 s a build).
    """
    return _view(f"{func.__module__}.{func.__qualname__}", data_key(), args, tuple(sorted(kwargs.items())))


def altair(chart, key: str | None = None, theme: str | None = "streamlit", height: int | str = "content"):
    """Render an Altair chart or a Vega-Lite dict without re-validating or re-converting it on every rerun.

    The builders in charts/ are validated by the tests (`to_dict()`); at run time validation cost ~100–300 ms
    per chart. A dict spec (page models keep their charts as dicts, built once per data version) has its
    datasets turned into Arrow bytes once (ready_spec), not on every rerun by Streamlit.
    """
    spec = ready_spec(chart.to_dict(validate=False) if hasattr(chart, "to_dict") else chart)
    return st.vega_lite_chart(spec=spec, width="stretch", theme=theme, key=key, height=height)


class _ReadySpecs:
    """Vega-Lite dicts with their datasets as Arrow IPC bytes, by the identity of the original dict.

    A page model's spec is one long-lived object shared by every session (the shared caches above), so its
    conversion is done once. The originals are kept referenced, so an id is never reused while cached.
    """

    MAX = 256

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: dict[int, tuple[dict, dict]] = {}

    def get(self, spec: dict) -> dict:
        with self.lock:
            hit = self.items.get(id(spec))
        if hit is not None and hit[0] is spec:
            return hit[1]
        datasets = spec.get("datasets")
        ready = dict(spec)
        if isinstance(datasets, dict):
            ready["datasets"] = {name: value if isinstance(value, bytes) else _arrow_bytes(value)
                                 for name, value in datasets.items()}
        with self.lock:
            if len(self.items) >= self.MAX:
                self.items.pop(next(iter(self.items)))
            self.items[id(spec)] = (spec, ready)
        return ready


def _arrow_bytes(data) -> bytes:
    """A chart dataset as the Arrow IPC bytes Streamlit sends. Altair's inline rows (a list of dicts) go
    straight to Arrow: through a pandas frame, as Streamlit would, one small list cost 1.4 ms, 30 times the
    direct way. Rows Arrow cannot type (mixed text and numbers in a column) take Streamlit's own path."""
    import pyarrow as pa
    from streamlit import dataframe_util

    if isinstance(data, list) and all(isinstance(row, dict) for row in data):
        try:
            return dataframe_util.convert_arrow_table_to_arrow_bytes(pa.Table.from_pylist(data))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            pass
    return dataframe_util.convert_anything_to_arrow_bytes(data)


@_shared()
def _ready_specs() -> _ReadySpecs:
    return _ReadySpecs()


def ready_spec(spec: dict) -> dict:
    """`spec` with its datasets as Arrow bytes (what Streamlit sends), converted once per spec object."""
    return _ready_specs().get(spec) if isinstance(spec, dict) else spec


def single_row_picking(on_pick, position: int | None) -> dict:
    """st.dataframe arguments for choosing one row by clicking it, with `position` chosen at first."""
    return {"on_select": on_pick, "selection_mode": "single-row",
            "selection_default": {"selection": {"rows": [position]}} if position is not None else None}


def picked_rows(key: str) -> list[int]:
    """Row positions chosen in the st.dataframe with this key (see single_row_picking)."""
    return (st.session_state.get(key) or {}).get("selection", {}).get("rows", [])


# --- warm-up ---------------------------------------------------------------------------------

def warm_up() -> int:
    """Fill the shared caches for the default plan in both languages, as the first visitors would; return how
    many page models were built.

    The launcher runs this before the server listens: the first viewers after a deploy or restart (often a
    whole meeting at once) then find the page models built and the modules imported, instead of each waiting
    behind seconds of cold work (issue 11). Errors are left to the pages, which report them.
    """
    import importlib
    import logging

    from lishi_metrics.data.plans import DOCUMENT_PLAN, default_plan
    from lishi_metrics.views import ecology, explorer, industries, livelihood, overview, screen
    from lishi_metrics.views import scenario as scenario_view

    log = logging.getLogger("lishi_metrics.warm_up")
    # Cached functions called outside a script run log "missing ScriptRunContext" each time: expected here.
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    built = 0
    try:
        plan = default_plan(plans_catalogue(), date.today()) or DOCUMENT_PLAN
        day = date.today().isoformat()
        jobs = [lambda: view(explorer.catalog_from_data), lambda: scenario_facts(plan)]
        for lang in ("zh", "en"):
            jobs += [lambda lang=lang: view(overview.build_page, lang, plan),
                     lambda lang=lang: ready_spec(view(overview.scoreboard_spec, lang, plan)),
                     lambda lang=lang: view(industries.build_page, lang),
                     lambda lang=lang: view(ecology.build_page, lang),
                     lambda lang=lang: view(livelihood.build_page, lang)]
            jobs += [lambda i=i, lang=lang: [ready_spec(s) for s in view(screen.panel_model, i, lang, day, plan)[1]]
                     for i in range(1, screen.panel_count(plan) + 1)]
        for module in ("altair", "lishi_metrics.charts.builders", "lishi_metrics.views.state"):
            importlib.import_module(module)
        del scenario_view  # imported for its modules only
        for job in jobs:
            try:
                job()
                built += 1
            except LishiError:
                continue  # broken data: the page says so when opened
    except Exception:  # noqa: BLE001 - a warm-up must never stop the server; the pages report real errors
        log.warning("warm-up stopped early", exc_info=True)
    finally:
        quiet.setLevel(level)
    return built
