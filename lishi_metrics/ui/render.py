"""Drawing what the page models built: tiles, charts (their datasets sent as Arrow bytes made once), table row
picking and downloads (tables, and the evaluation documents built once per data version)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Literal

import pandas as pd
import streamlit as st

from lishi_metrics.data import export
from lishi_metrics.shared_cache import Same, shared
from lishi_metrics.text import linebreak
from lishi_metrics.text.i18n import t
from lishi_metrics.ui import _compat
from lishi_metrics.ui import cache as cached
from lishi_metrics.ui.url import PLAN_KEY, current_plan
from lishi_metrics.views import tiles

# --- tiles ---------------------------------------------------------------------------------------------


def tile(item: tiles.Tile, lang: str, scope: str, border: bool = True) -> None:
    """One tile (views.tiles): its keyed container and one Markdown block, two elements, since every element
    is a message per rerun that a room of viewers pays for (issue 11). The scope's CSS styles it."""
    with st.container(border=border, key=tiles.container_key(item, scope)):
        # a number kept with its unit, a period whole (「2026年前三季度」): prose wraps between words (issue 25)
        st.markdown(linebreak.keep_units(tiles.markdown(item, lang)), help=item.help or None)


def tile_row(items: list[tiles.Tile], lang: str, scope: str) -> None:
    """Light cards in one wrapping row (static/app.css: `tiles-<scope>`), keyed `<scope>-tile-<key>--…`."""
    with st.container(horizontal=True, gap="small", key=f"tiles-{scope}"):
        for item in items:
            tile(item, lang, f"{scope}-tile")


# --- charts --------------------------------------------------------------------------------------------

def altair(chart, key: str | None = None, theme: Literal["streamlit"] | None = "streamlit",
           height: int | Literal["stretch", "content"] = "content"):
    """Render an Altair chart or a Vega-Lite dict without re-validating or re-converting it on every rerun.

    The builders in charts/ are validated by the tests (`to_dict()`); at run time validation was the most
    expensive step of a chart (docs/benchmarks.md). A dict spec (page models keep their charts as dicts, built once per data version) has its
    datasets turned into Arrow bytes once (ready_spec), not on every rerun by Streamlit.
    """
    spec = ready_spec(chart.to_dict(validate=False) if hasattr(chart, "to_dict") else chart)
    return st.vega_lite_chart(spec=spec, width="stretch", theme=theme, key=key, height=height)


@shared(max_entries=256)
def _ready_spec(spec: Same[dict]) -> dict:
    datasets = spec.obj.get("datasets")
    ready = dict(spec.obj)
    if isinstance(datasets, dict):
        ready["datasets"] = {name: value if isinstance(value, bytes) else _compat.arrow_bytes(value)
                             for name, value in datasets.items()}
    return ready


def ready_spec(spec: dict) -> dict:
    """`spec` with its datasets as Arrow bytes (what Streamlit sends), converted once per spec object: a page
    model's spec is one long-lived object shared by every session (the shared caches)."""
    return _ready_spec(Same(spec)) if isinstance(spec, dict) else spec


# --- tables --------------------------------------------------------------------------------------------

def single_row_picking(on_pick, position: int | None) -> dict:
    """st.dataframe arguments for choosing one row by clicking it, with `position` chosen at first."""
    return {"on_select": on_pick, "selection_mode": "single-row",
            "selection_default": {"selection": {"rows": [position]}} if position is not None else None}


def picked_rows(key: str) -> list[int]:
    """Row positions chosen in the st.dataframe with this key (see single_row_picking)."""
    return (st.session_state.get(key) or {}).get("selection", {}).get("rows", [])


# --- downloads -----------------------------------------------------------------------------------------
#
# A download's file is made when its button is clicked (a callable: no build on reruns). Streamlit runs that
# callable outside the script, and when it raises the browser shows the message of Streamlit's answer beside the
# button, which Streamlit fixes to English ("Failed to generate file for download"). So every callable goes
# through `_made`: a failure is logged, its reason in the page's language replaces Streamlit's words beside the
# button (_compat.say_download_failures, applied by the launcher), and it is remembered in the session's state, so
# the page's next run shows it too, above the button (a retry stays offered). The evaluation documents go
# further (report_download): their shared cache knows whether a build failed, so the page offers no button for a
# document that cannot be made, only the reason and a retry.

_LOG = logging.getLogger(__name__)
FAILURES_KEY = "_download_failures"  # session state: button key → (what it was to make, the exception)


def _made(box: dict, key: str, what: tuple, make: Callable[[], bytes], lang: str) -> Callable[[], bytes]:
    """`make`, remembering a failure in `box` (the session's FAILURES_KEY) and forgetting it on success; a
    failure's reason in `lang` is what the browser shows beside the button."""

    def run() -> bytes:
        try:
            payload = make()
        except Exception as exc:
            _LOG.exception("download %s %s could not be made", key, what)
            box[key] = (what, exc)
            _compat.say_download_failure(failure_text(exc, lang))
            raise
        box.pop(key, None)
        return payload

    return run


def failure_text(exc: BaseException, lang: str) -> str:
    """Why a download made no file, in `lang`: the package's own message when it has one; an unexpected error
    is named as such (its details are in the server's log, never on the page)."""
    from lishi_metrics.errors import LishiError

    reason = str(exc).strip() if isinstance(exc, LishiError) else ""
    return t("rp_download_failed", lang, reason=(reason or t("rp_download_failed_internal", lang)).rstrip("。."))


def download(where, label: str, key: str, what: tuple, make: Callable[[], bytes], lang: str, **kwargs) -> None:
    """One download button whose file is made on click (`make`), with the reason of this session's last failed
    click on it for the same `what` (plan, language, data …), in the page's language. `where` is `st` or a
    container; every download made on click goes through here."""
    from lishi_metrics.text import fmt

    box = st.session_state.setdefault(FAILURES_KEY, {})
    failed = box.get(key)
    if failed is not None and failed[0] == what:
        where.error(fmt.md_escape(failure_text(failed[1], lang)))
    where.download_button(label, _made(box, key, what, make, lang), key=key, on_click="ignore", **kwargs)


def download_buttons(frame: pd.DataFrame, basename: str, lang: str, notes: dict[str, str] | None = None,
                     key: str = "", title: str | None = None) -> None:
    """CSV and XLSX downloads of one table: the CSV starts with its header row; the title and source go into
    the workbook's first sheet (above its table) and its 'about' sheet with the notes (filters).

    The files are made only when a button is clicked (a callable, no rerun): writing the XLSX on every
    rerun was most of the explorer's rerun (docs/benchmarks.md).
    """
    c1, c2 = st.columns(2)
    download(c1, t("download_csv", lang), f"dl_csv_{key or basename}", (basename, lang),
             lambda: export.csv_bytes(frame), lang, file_name=f"{basename}.csv", mime="text/csv")
    download(c2, t("download_xlsx", lang), f"dl_xlsx_{key or basename}", (basename, lang),
             lambda: export.xlsx_bytes({basename[:31]: frame}, notes, lang, title), lang,
             file_name=f"{basename}.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def report_bytes(fmt: str, lang: str, plan_id: str, day: str, key: str) -> bytes:
    """One evaluation document's bytes, per format, language, plan, day and data version: reports.build's
    shared cache, built once for every session of the process (`key`, the UI's data key, is in its key too)."""
    from datetime import date

    from lishi_metrics.reports import build as reports

    del key  # reports.cached_document keys on the data version itself
    return reports.cached_document(fmt, lang, plan_id, date.fromisoformat(day))


def report_download(fmt: str, lang: str, plan_id: str | None = None, key: str = "") -> None:
    """A download button for the evaluation report (docx), deck (pptx) or workbook (xlsx); or, when its build
    failed on this data version, why (in the page's language) and a retry instead of the button.

    The document is built ahead in the background (reports.build.prebuild: the default plan at start, another
    plan when a page first offers it) or when the button is clicked (a callable, so never on a rerun), then
    cached per format, language, plan, day and data version: one build serves the whole room. A click whose
    build fails shows the reason beside the button in the page's language, and the next run shows it instead of
    the button.
    """
    from datetime import date

    from lishi_metrics.reports import build as reports
    from lishi_metrics.text import fmt as text_fmt
    from lishi_metrics.text.fmt import beijing_today

    plan = plan_id or st.session_state.get(PLAN_KEY) or current_plan()
    day, version = beijing_today().isoformat(), cached.data_key()
    state, error = reports.document_state(fmt, lang, plan, date.fromisoformat(day), version)
    if state == "failed" and error is not None:
        st.warning(text_fmt.md_escape(failure_text(error, lang)))
        st.button(t("rp_download_retry", lang), key=f"dl_report_{fmt}{key}_retry", icon=":material/refresh:",
                  on_click=reports.forget_failure, args=(fmt, lang, plan, date.fromisoformat(day), version))
        return
    if state == "pending" and reports.prebuild_enabled():
        reports.prebuild(plan)  # in the background; None (nothing started) while a pre-build runs
    download(st, t(f"rp_download_{fmt}", lang), f"dl_report_{fmt}{key}", (fmt, lang, plan, day, version),
             lambda: report_bytes(fmt, lang, plan, day, version), lang,
             file_name=reports.file_name(fmt, lang, plan), mime=reports.MIME[fmt])


# --- sector pages under another plan -------------------------------------------------------------------


def table(frame, lang: str, key: str, markdown: str | None = None, escape: bool = True,
          grid: dict | None = None) -> None:
    """A table that fits every screen (issue 25.2): the table itself (st.table of the frame, or `markdown`, the
    same table already as one Markdown table) from 641 px up, and below that the same rows as cards
    (fmt.md_cards), one block a row; app.css shows one of the two (`st-key-tbl-wide-`, `st-key-tbl-cards-`).
    `escape` False: the cells are Markdown already (escaped text, a coloured status). `grid`: a data grid
    (st.dataframe, plain cells, with this column_config) instead of st.table on wide screens."""
    cells, cards = _table_parts(Same(frame), lang, escape)
    with st.container(key=f"tbl-wide-{key}"):
        if grid is not None:
            st.dataframe(frame, hide_index=True, width="stretch", column_config=grid)
        elif markdown is not None:
            st.markdown(markdown)
        else:
            st.table(cells, hide_index=True, border="horizontal")
    with st.container(key=f"tbl-cards-{key}"):
        st.markdown(cards)


@shared(max_entries=512)
def _table_parts(frame: Same[pd.DataFrame], lang: str, escape: bool) -> tuple[pd.DataFrame, str]:
    """A table's cells for st.table (fmt.md_cells, unless `escape` is False) and its cards for a phone
    (fmt.md_cards), made once per frame object: a page model's tables are shared by every session, and escaping
    every cell on every rerun was two thirds of a table page's run (docs/benchmarks.md)."""
    from lishi_metrics.text import fmt

    return (fmt.md_cells(frame.obj) if escape else frame.obj), fmt.md_cards(frame.obj, lang, escape=escape)
