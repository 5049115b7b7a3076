"""The address as state: language and plan from the URL, the page's parameters, and the notices about the
parameters it ignored, clamped or did not know (shown as plain text through fmt.md_escape)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from lishi_metrics.text.fmt import md_escape
from lishi_metrics.text.i18n import normalize_lang
from lishi_metrics.ui import cache
from lishi_metrics.views import state

LANG_KEY = "lang"
PLAN_KEY = state.PLAN_PARAM


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


def current_plan(every_plan: str | None = None) -> str:
    """The plan the page shows: `plan=ID` from the URL, else the session's choice, else the default plan for
    today (newest running, else most recently ended). A chosen plan stays in the URL, so a link keeps it; the
    default is not written, so a link without plan= follows the calendar (and the explorer opens on that plan).

    every_plan: the word a page with its own plan filter accepts for "every plan" (the explorer's plan=all): it
    stays in the URL and the page's wording follows the session's plan, else the default."""
    raw = st.query_params.get(PLAN_KEY)
    if every_plan and raw is not None and str(raw).strip().casefold() == every_plan:
        raw = None
    plan_id, notices = cache.parse_plan(None if raw is None else str(raw), st.session_state.get(PLAN_KEY),
                                        date.today().isoformat(), cache.data_key())
    for notice in notices:
        add_notice(notice)
    if notices and PLAN_KEY in st.query_params:
        del st.query_params[PLAN_KEY]  # an unknown plan is not kept in the link
    elif raw is not None and st.query_params.get(PLAN_KEY) != plan_id:
        st.query_params[PLAN_KEY] = plan_id  # canonical spelling (FYP14 → fyp14)
    st.session_state[PLAN_KEY] = plan_id
    return plan_id


def plan_id() -> str:
    """The plan chosen by page_setup for this run."""
    return st.session_state.get(PLAN_KEY) or current_plan()


def add_notice(notice: state.Notice) -> None:
    st.session_state.setdefault("_notices", []).append(notice)


param_words = state.param_words  # 实际增速（g） / real growth (g): one definition, shared with the big screen


def drop_unknown_params(page: str) -> None:
    """Remove from the address the parameters `page` (its URL path) does not use, each with a notice."""
    names, notices = state.unknown_params(st.query_params, page)
    for name in names:
        del st.query_params[name]
    # A name given twice (g=1&g=2, lang=xx&lang=en): the page reads the last; the address keeps only that one.
    try:
        values = {name: st.query_params.get_all(name) for name in list(st.query_params)}
    except Exception:  # noqa: BLE001 - a broken address must not break the page
        values = {}
    keep, repeated = state.repeated_params(values)
    for name, value in keep.items():
        st.query_params[name] = value
    for notice in notices + repeated:
        add_notice(notice)


def show_notices(notices: list[state.Notice] | None = None) -> None:
    """One small line per ignored, clamped or unknown URL parameter; plain text only (never HTML).

    What came from the URL goes through fmt.md_escape, the one Markdown escaper: a notice's raw value (and an
    unknown parameter's name, which is part of its message) has no line breaks (state drops control
    characters) and never opens the line, so its inline escaping and broken bare links leave it plain text."""
    lang = st.session_state.get(LANG_KEY, "zh")
    for n in list(notices or []) + st.session_state.get("_notices", []):
        # an unknown or repeated parameter's name and value are part of the message, and come from the URL
        text = (md_escape(state.notice_message(n, lang)) if n.kind in ("unknown", "repeated")
                else state.notice_message(n, lang))
        st.caption(f"⚠️ {text}: “{md_escape(n.raw)}”" if n.raw else f"⚠️ {text}")
    st.session_state["_notices"] = []


def take_notices() -> list[state.Notice]:
    """The notices collected so far (e.g. an unknown lang), removed from the session: for a page that
    shows them its own way (the big screen prints them small, as plain text, at the bottom)."""
    notices = list(st.session_state.get("_notices", []))
    st.session_state["_notices"] = []
    return notices


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
