"""大屏 Big screen: five full-screen panels for the meeting-room wall, rotating in a timed fragment.

URL: /screen?rotate=20&lang=zh (rotate = seconds per panel, 0 = stay; panel=1..6 opens a panel; 6 is
经济运行, in the rotation when this year has imported year-to-date figures).
Everything shown comes from lishi_metrics.views.screen; this file only lays it out. The stylesheet is
the constant lishi_metrics/static/screen.css; data text is drawn by Streamlit elements, never as HTML.
"""

from datetime import date

import streamlit as st
from streamlit.errors import StreamlitAPIException

from lishi_metrics import ui
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import screen

params, notices = screen.parse_params(st.query_params)
# Wall mode (the default) has no chrome; sidebar=1 opens the sidebar, with the deck for the meeting.
lang = ui.page_setup("page_screen", sidebar=params.sidebar)
plan_id = ui.plan_id()
st.html(f"<style>{screen.screen_css()}</style>")
if params.sidebar:
    with st.sidebar, st.container(key="sc-with-sidebar"):
        ui.report_download("pptx", lang, plan_id)
note = screen.notice_text(notices + ui.take_notices(), lang)

# A full run shows the panel of the URL; every timed fragment run after it shows the next one.
st.session_state["sc_full_run"] = True
st.session_state["sc_panel"] = params.panel


def draw_tiles(tiles: tuple[screen.Tile, ...], per_row: int) -> None:
    """Rows of tiles: each its keyed box and one Markdown block (ui.tile), styled by screen.css."""
    for row in screen.chunks(tiles, per_row):
        for column, tile in zip(st.columns(per_row, gap=None), row):
            with column:
                ui.tile(tile, lang, "sc-tile", border=False)


def draw_chart(spec: screen.ChartSpec, vega: dict) -> None:
    with st.container(key=f"sc-box-chart-{spec.key}"):
        with st.container(key=f"sc-chart-{spec.key}"):
            st.vega_lite_chart(spec=ui.ready_spec(vega), width="content", theme=None)


def draw_notice(panel: screen.Panel) -> None:
    with st.container(key="sc-box-notice"):
        for line in panel.notice:
            st.text(line)


def draw_facts(panel: screen.Panel, per_row: int = 1) -> None:
    with st.container(key=f"sc-box-facts-{panel.code}"):
        with st.container(key="sc-facts-title"):
            st.text(panel.facts_title)
        if panel.summary:
            with st.container(key="sc-summary"):
                st.text(panel.summary)
        for row in screen.chunks(panel.facts, per_row):
            for column, fact in zip(st.columns(per_row, gap=None), row):
                with column, st.container(key=f"sc-fact-{fact.key}"):
                    st.metric(fact.label, fact.value)
                    if fact.detail:
                        st.text(fact.detail)


def draw_header(panel: screen.Panel) -> None:
    with st.container(key="sc-header", horizontal=True, vertical_alignment="bottom", wrap=False):
        with st.container(key="sc-titles"):
            st.title(fmt.md_escape(panel.title), anchor=False)
            st.text(panel.subtitle)
            if panel.status_line:
                with st.container(key="sc-status-line"):
                    st.text(panel.status_line)
        with st.container(key="sc-date", width="content"):
            st.text(panel.date)


def draw_footer(panel: screen.Panel) -> None:
    with st.container(key="sc-footer", horizontal=True, vertical_alignment="center", wrap=False):
        st.text(panel.provenance)
        if note:
            with st.container(key="sc-notices"):
                st.text(note)
        with st.container(key="sc-counter", width="content"):
            st.text(panel.counter)


def draw_charts(panel: screen.Panel, specs: tuple[dict, ...], columns) -> None:
    """The panel's charts in the columns, or in the first one the notice saying why there is none."""
    if not panel.charts and panel.notice:
        with columns[0]:
            draw_notice(panel)
    for column, spec, vega in zip(columns, panel.charts, specs):
        with column:
            draw_chart(spec, vega)


def draw_body(panel: screen.Panel, specs: tuple[dict, ...]) -> None:
    if panel.code == "overview":
        draw_tiles(panel.tiles, 5)
        left, right = st.columns(screen.OVERVIEW_COLUMNS, gap=None)
        with left:
            if panel.charts:
                draw_chart(panel.charts[0], specs[0])
            else:  # a plan without a GDP level: what is missing and what a GDP level row would add
                draw_notice(panel)
        with right:
            draw_facts(panel)
    elif panel.code == "industries":
        draw_tiles(panel.tiles, 4)
        columns = st.columns(screen.INDUSTRY_COLUMNS, gap=None)
        draw_charts(panel, specs, columns)
        with columns[-1]:
            draw_facts(panel)
    elif panel.code == "ecology":
        draw_tiles(panel.tiles, 5)
        columns = st.columns(screen.ECOLOGY_COLUMNS, gap=None)
        draw_charts(panel, specs, columns)
        with columns[-1]:
            draw_facts(panel)
    elif panel.code == "livelihood":
        draw_tiles(panel.tiles, 5)
        columns = st.columns(screen.LIVELIHOOD_COLUMNS, gap=None)
        draw_charts(panel, specs, columns[:1])
        with columns[1]:
            draw_facts(panel)
    elif panel.code == "economy":
        draw_tiles(panel.tiles, screen.ECONOMY_TILES_PER_ROW)
        left, right = st.columns(screen.ECONOMY_COLUMNS, gap=None)
        with left:
            if panel.charts:
                draw_chart(panel.charts[0], specs[0])
        with right:
            draw_facts(panel)
    else:
        columns = st.columns(screen.REVIEW_COLUMNS, gap=None)
        draw_charts(panel, specs, columns[:1])
        with columns[1]:
            draw_facts(panel, per_row=2)


@st.fragment(run_every=screen.run_every(params))
def wall() -> None:
    day = date.today().isoformat()
    if st.session_state.pop("sc_full_run", False):
        index = st.session_state["sc_panel"]
    else:
        with ui.guard(lang):  # the plan's panels, and 经济运行 when this year has year-to-date figures
            sequence = ui.view(screen.rotation, plan_id, day)
        index = screen.following_panel(st.session_state.get("sc_panel", params.panel), sequence)
        st.session_state["sc_panel"] = index
    with ui.guard(lang):
        panel, specs = ui.view(screen.panel_model, index, lang, day, plan_id)
    with st.container(key=f"sc-panel-{panel.code}"):
        draw_header(panel)
        with st.container(key="sc-body"):
            draw_body(panel, specs)
        draw_footer(panel)


wall()

# On a phone (screen.css shows this box and hides the wall below 640 px) a notice and a link to the overview: the
# wall's charts are drawn on a 1920×1080 grid and would shrink to unreadable text, and the overview and sector
# pages carry the same indicators and statuses with a phone layout. After the wall, so the wall's title is the
# page's first (the phone box is the only thing shown on a phone, wherever it stands).
with st.container(key="sc-phone"):
    st.title(fmt.md_escape(t("page_screen", lang)), anchor=False)
    st.markdown(fmt.md_escape(t("sc_phone_notice", lang)))
    try:
        st.page_link("pages/overview.py", label=t("sc_phone_link", lang),
                     query_params={ui.LANG_KEY: lang, ui.PLAN_KEY: plan_id})
    except StreamlitAPIException:  # the page run on its own (tests): no pages registered to link to
        pass
