"""三新五大 Industries: per sector its prose targets, key projects and the enterprises named; structure and innovation."""

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import industries as iv

lang = ui.page_setup("page_industries")
plan_id = ui.plan_id()
ui.sector_page_of_other_plan(plan_id, "industries", "page_industries_plan", lang)  # another plan: its own rows
st.title(t("page_industries", lang))
st.caption(t("in_intro", lang))

sector_url, notices = iv.parse_sector(st.query_params.get("sector"))
ui.seed("in_sector", sector_url)
ui.show_notices(notices)

with ui.guard(lang):
    page = ui.view(iv.build_page, lang)

# Set from Python on every run: the browser then redraws the chosen option in the current language (a keyed
# select box whose labels alone change keeps showing the old label, 全部产业 in English).
st.session_state["in_sector"] = st.session_state["in_sector"]
sector = st.selectbox(t("in_sector_label", lang), iv.SECTOR_CHOICES, key="in_sector", format_func=page.names.get)
ui.set_query_params({"sector": iv.url_value(sector, iv.SECTOR_ALL)})

# Headline tiles: the structure targets leaders ask for first.
ui.tile_row(page.tiles, lang, "in")

# Key projects per sector.
st.header(t("in_overview_heading", lang))
left, right = st.columns([3, 1])
with left:
    ui.altair(page.count_spec)
right.markdown(f"**{t('in_group_totals_heading', lang)}**")
right.markdown(page.group_md)
right.caption(t("in_projects_total", lang, n=page.total))

# One section per sector (or the chosen one).
for sec in iv.pick_sections(page.sections, sector):
    st.subheader(fmt.md_escape(sec.title), anchor=f"sector-{sec.code}")
    st.caption(t("in_sector_caption", lang, group=fmt.md_escape(sec.group), chapter=fmt.md_escape(sec.chapter)))
    st.markdown(iv.sector_counts_md(sec, lang))
    left, right = st.columns([3, 2])
    left.markdown(f"**{t('in_figures_heading', lang)}**")
    if sec.n_figures:
        left.markdown(sec.figure_md)
    else:
        left.caption(f"ℹ️ {sec.figures_note}")
    right.markdown(f"**{t('in_enterprises_heading', lang)}**")
    if sec.n_enterprises:
        right.markdown(sec.enterprise_md)
    else:
        right.caption(f"ℹ️ {sec.enterprises_note}")
    if sec.n_figures or sec.n_enterprises:
        with st.expander(t("in_quotes_heading", lang)):
            if sec.n_figures:
                ui.table(sec.figures, lang, f"in-figures-{sec.code}")
            if sec.n_enterprises:
                ui.table(sec.enterprises, lang, f"in-enterprises-{sec.code}")
    if sec.n_projects:
        heading = t("in_projects_heading", lang, n=sec.n_projects, tables=sec.tables)
        with st.expander(heading, expanded=sector != iv.SECTOR_ALL):
            ui.table(sec.projects, lang, f"in-projects-{sec.code}")
    else:
        st.caption(f"ℹ️ {sec.projects_note}")

# Industrial structure.
st.header(t("in_structure_heading", lang))
st.caption(t("in_structure_caption", lang))
ui.table(page.structure, lang, "in-structure")
st.caption(t("in_table_note", lang))

st.subheader(t("in_path_heading", lang))
st.markdown(page.growth_text)
left, right = st.columns([3, 2])
if page.path_spec is not None:
    with left:
        ui.altair(page.path_spec)
right.table(fmt.md_cells(page.path_table), hide_index=True, border="horizontal")
ui.altair(page.shares_spec)

st.subheader(t("in_industry_wide_heading", lang))
ui.table(page.industry_wide, lang, "in-industry-wide")

# Innovation.
st.header(t("in_innovation_heading", lang))
st.caption(t("in_innovation_caption", lang))
ui.table(page.innovation, lang, "in-innovation")
ui.table(page.innovation_figures, lang, "in-innovation-figures")

ui.provenance(lang, t("in_provenance", lang))
