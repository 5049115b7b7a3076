"""总览 Overview: headline tiles, all 34 indicators by category, the 13th-plan scoreboard, vision 2035, plan arithmetic."""

from datetime import date

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import _common as common
from lishi_metrics.views import economy as ecv
from lishi_metrics.views import overview as ov
from lishi_metrics.views import wording

lang = ui.page_setup("page_overview")
plan_id = ui.plan_id()
st.title(t("page_overview", lang))
ui.show_notices()

with ui.guard(lang):
    page = ui.view(ov.build_page, lang, plan_id)

st.caption(t("ov_subtitle", lang, plan=fmt.md_escape(ui.plan_name(plan_id, lang)), base_year=page.base_year,
             target_year=page.target_year))
if page.actuals_count:
    st.caption(t("ov_actuals_loaded", lang, count=page.actuals_count, year=page.actuals_year))
else:
    st.info(t("ov_no_actuals", lang, base_year=page.base_year, target_year=page.target_year))
ui.report_download("docx", lang, plan_id)


st.subheader(t("ov_headline", lang))
# One wrapping row of cards (app.css): five a row at 1920 pixels, three on a laptop; each card is its box and
# one Markdown block (ui.tile).
ui.tile_row(page.tiles, lang, "ov")
with ui.guard(lang):
    economy_link = ui.view(ecv.plan_link, "gdp", lang, date.today().year)  # the year's latest quarter of GDP
if economy_link:
    st.caption(fmt.md_escape(economy_link))

# Below the tiles, one tab at a time, opened on demand: a language switch or a new viewer sends only what is
# on screen (issue 11), and the page fits a laptop screen.
tab_specs = [("grid", t("ov_tab_grid", lang, n=page.n_indicators))]
if page.previous_plan:
    tab_specs.append(("scoreboard", t("ov_tab_scoreboard", lang)))
if page.vision or page.goals:  # prose of the 14th plan's document only
    tab_specs.append(("vision", t("ov_tab_vision", lang)))
tab_specs.append(("arith", t("ov_tab_arith", lang)))
tabs = dict(zip((code for code, _ in tab_specs),
                st.tabs([label for _, label in tab_specs], key="ov_tab", on_change="rerun")))

with tabs["grid"]:
    if tabs["grid"].open:
        st.subheader(page.grid_title)
        for i, group in enumerate(page.grid):
            st.markdown(f"**{fmt.md_escape(group.name)}** · "
                        f"{fmt.md_escape(t('ov_grid_count', lang, n=len(group.table)))}")
            ui.table(group.display, lang, f"ov-grid-{i}", markdown=group.markdown, escape=False)

if "scoreboard" in tabs:
    with tabs["scoreboard"]:
        if tabs["scoreboard"].open:
            st.subheader(fmt.md_escape(page.scoreboard_title))
            st.markdown(fmt.md_escape(page.scoreboard_summary))
            ui.altair(ui.view(ov.scoreboard_spec, lang, plan_id))
            with st.expander(fmt.md_escape(page.scoreboard_table_title)):
                st.dataframe(page.scoreboard_table, hide_index=True, width="stretch")

if "vision" in tabs:
    with tabs["vision"]:
        if tabs["vision"].open:
            left, right = st.columns(2, gap="large")
            with left:
                st.subheader(t("ov_vision", lang))
                st.markdown("\n".join(f"- {fmt.md_escape(body)}" for _, body in page.vision))
            with right:
                st.subheader(t("ov_goals", lang))
                st.markdown("\n".join(f"- {common.md_pair(head, body, lang, bold=False)}" if head
                                      else f"- {fmt.md_escape(body)}" for head, body in page.goals))

with tabs["arith"]:
    if tabs["arith"].open:
        st.subheader(t("ov_arith", lang))
        st.caption(t("ov_arith_intro", lang))
        if page.gdp_note:
            st.info(fmt.md_escape(page.gdp_note))
        st.markdown(page.arithmetic_markdown)
        if page.previous_plan:
            with st.expander(fmt.md_escape(page.arithmetic13_title)):
                st.dataframe(page.arithmetic13, hide_index=True, width="stretch")

ui.provenance(lang, ui.view(wording.own_text, "ov_provenance", plan_id, lang))
