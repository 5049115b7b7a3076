"""Page chrome: app.py's router, every page's setup (config, stylesheet, sidebar with links, plan and language
switches), the error guard and the closing provenance line."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from lishi_metrics.errors import LishiError
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.ui import _compat
from lishi_metrics.ui import cache as cached
from lishi_metrics.ui.url import (
    LANG_KEY,
    PLAN_KEY,
    add_notice,
    current_lang,
    current_plan,
    drop_unknown_params,
    show_notices,
)
from lishi_metrics.views import registry, state, wording
from lishi_metrics.views.registry import PAGES

APP_CSS = Path(__file__).resolve().parent.parent / "static" / "app.css"


# --- routing (see _compat: leaving the legacy router) ------------------------------------------------

def navigation():
    """app.py's router: declare the pages to st.navigation and return the one the URL asks for.

    `/` and `/overview` both show the first page. That page cannot simply be st.navigation's default: the
    default is served at `/` with url_path "", so `/overview` would not be found. A hidden default entry for
    the same file serves `/` (Streamlit allows several pages per file); it is registered last, so that
    a link to the overview's st.Page goes to `/overview`, the first page registered for that file.
    """
    lang = current_lang()
    plan = _plan_asked()
    main_script = _compat.main_script_path()
    assert main_script is not None, "navigation() runs inside a script run (app.py)"
    specs = _present_pages(main_script)
    pages = [_page(main_script, s.file, lang, s.url_path, registry.title_key(s, plan)) for s in specs]
    home = _page(main_script, specs[0].file, lang, "", registry.title_key(specs[0], plan))
    page = st.navigation([*pages, home], position="hidden")
    _compat.mark_routed(dict(zip((s.file for s in specs), pages)))  # for the sidebar's links (no path lookups)
    return page


def _plan_asked() -> str:
    """The plan this run will show (as ui.url.current_plan decides it), without its side effects: the page's
    own page_setup then reads the URL, says what it ignored and writes the canonical plan back."""
    from datetime import date

    raw = st.query_params.get(PLAN_KEY)
    plan, _ = cached.parse_plan(None if raw is None else str(raw), st.session_state.get(PLAN_KEY),
                                date.today().isoformat(), cached.data_key())
    return plan


def _page(main_script: str, file: str, lang: str, url_path: str, title_key: str):
    """A fresh st.Page for this run, copied from one made once per process (see _compat.page_copy)."""
    return _compat.page_copy(_page_template(main_script, file, lang, url_path, title_key))


@cache
def _page_template(main_script: str, file: str, lang: str, url_path: str, title_key: str):
    """The st.Page of one file, title and URL, made once per process (st.Page stats its file when made)."""
    if url_path:
        return st.Page(file, title=t(title_key, lang), url_path=url_path)
    return st.Page(file, title=t(title_key, lang), url_path="", default=True, visibility="hidden")


@cache
def _present_pages(main_script_path: str) -> tuple:
    """The registry's pages whose files exist beside the main script (st.Page paths are relative to it).
    Looked up once per process: a deploy restarts the service, and stat()/realpath() on every run and page
    showed in the server's profile under load (docs/benchmarks.md)."""
    app_dir = Path(main_script_path).resolve().parent
    return tuple(s for s in PAGES if (app_dir / s.file).exists())


# --- page setup ----------------------------------------------------------------------------------------

def page_setup(title_key: str, sidebar: bool = True, plan_chooser: bool = True) -> str:
    """Configure the page and draw the sidebar (navigation, language, about); return the language.

    Every page calls this first. It starts the run: the run's data key (ui.cache.new_run_key), and a page that
    Streamlit's legacy router ran without app.py (first runs of a fresh server) is run again through app.py
    instead (_compat.leave_legacy_router).
    """
    routed, links = _compat.take_routed()
    if not routed:
        _compat.leave_legacy_router(navigation)
    cached.new_run_key()
    st.session_state["_notices"] = []
    lang = current_lang()
    if (pending := st.session_state.pop("_lang_notice", None)) is not None:
        add_notice(pending)
    drop_unknown_params(next((s.url_path for s in PAGES if s.title_key == title_key), ""))
    plan_id = current_plan(None if plan_chooser else state.ALL_PLANS)  # the explorer's own filter: plan=all
    try:  # the title and data note of the plan shown (its region and short name); the generic ones if unreadable
        app_title, about = cached.view(wording.sidebar_texts, plan_id, lang)
    except LishiError:
        app_title, about = t("app_title", lang), t("about_data_body", lang)
    spec = registry.spec_of(title_key)
    shown_title = t(registry.title_key(spec, plan_id) if spec is not None else title_key, lang)
    st.set_page_config(page_title=f"{shown_title} · {app_title}", layout="wide",
                       initial_sidebar_state="auto" if sidebar else "collapsed")
    st.html(f"<style>{_app_css()}</style>")  # a style-only st.html takes no room on the page
    if banner := cached.store_banner(lang):  # imported data partly unavailable: every page says so
        st.warning(banner, icon=":material/warning:")
    if sidebar:
        with st.sidebar:
            st.markdown(f"**{fmt.md_escape(app_title)}**")
            _navigation_links(lang, plan_id, links)
            if plan_chooser:
                plan_switch(plan_id, lang)
            language_switch(lang)
            with st.expander(t("about_data_title", lang)):
                st.markdown(about)
                st.caption(t("unit_yi_note", lang))
    return lang


@cache
def _app_css() -> str:
    """The constant stylesheet of every page (lishi_metrics/static/app.css): metric text wraps, never cut."""
    return APP_CSS.read_text(encoding="utf-8")


def _navigation_links(lang: str, plan_id: str | None = None, pages: dict | None = None) -> None:
    """Links to every page, carrying the language and plan; skipped when a page runs alone (no pages registered).

    `pages` are this run's st.Page objects from navigation(), by file: linking to them spares Streamlit a
    realpath() of the file per link and run."""
    params = {LANG_KEY: lang, **({PLAN_KEY: plan_id} if plan_id else {})}
    for spec in PAGES:
        try:
            st.page_link((pages or {}).get(spec.file, spec.file), label=t(registry.title_key(spec, plan_id), lang),
                         query_params=params)
        except StreamlitAPIException:  # StreamlitPageNotFoundError when the page runs on its own
            return


# --- switches --------------------------------------------------------------------------------------------

def plan_switch(plan_id: str, lang: str) -> None:
    """The sidebar's plan chooser (every shipped and imported plan), kept in the URL as plan=ID."""
    try:
        labels = cached.plan_labels(lang)
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


def language_switch(lang: str) -> None:
    """中文 / English switch, kept in the URL as lang=zh|en."""
    def _changed() -> None:
        choice = st.session_state["_lang_switch"]
        st.session_state[LANG_KEY] = choice
        st.query_params[LANG_KEY] = choice

    st.session_state["_lang_switch"] = lang
    st.segmented_control(t("language", lang), ["zh", "en"], key="_lang_switch", on_change=_changed,
                         format_func=lambda code: t(f"lang_{code}", lang), required=True)


def document_only(plan_id: str, lang: str) -> None:
    """On a page whose content comes from the 14th plan's document: say so and stop when another plan is chosen."""
    from lishi_metrics.data.plans import DOCUMENT_PLAN, is_document_plan

    if is_document_plan(plan_id):
        return
    name = cached.plan_name
    st.info(t("plan_document_only", lang, document=name(DOCUMENT_PLAN, lang),
              document_plan=name(DOCUMENT_PLAN, lang), plan=name(plan_id, lang)))
    show_notices()
    st.stop()


# --- errors, request, closing line -------------------------------------------------------------------------

@contextlib.contextmanager
def guard(lang: str | None = None) -> Iterator[None]:
    """Turn the package's errors into a readable message and stop the page (never a traceback)."""
    try:
        yield
    except LishiError as exc:
        st.error(f"{t('data_error', lang or 'zh')}: {exc}")
        st.stop()


def client_address() -> str:
    """The viewer's address as nginx forwards it (X-Real-IP / X-Forwarded-For), for the login log."""
    from lishi_metrics.actuals import auth

    return auth.client_address(dict(st.context.headers), st.context.ip_address)


def provenance(lang: str, refs: str) -> None:
    """The closing line of every page: which 专栏 or chapters its numbers come from."""
    st.divider()
    st.caption(f"{t('provenance', lang)}：{refs}" if lang == "zh" else f"{t('provenance', lang)}: {refs}")
