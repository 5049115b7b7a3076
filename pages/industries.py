"""三新五大 Industries (产业与创新 under another plan): per sector its prose targets, key projects and the enterprises
named; structure and innovation indicators of the plan shown."""

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import industries as iv
from lishi_metrics.views import registry

lang = ui.page_setup("page_industries")
plan_id = ui.plan_id()
st.title(t(registry.title_key(registry.spec_of("page_industries"), plan_id), lang))

with ui.guard(lang):
    page = ui.view(iv.build_page, lang, plan_id)
st.caption(page.intro)

sector_url, notices = iv.parse_sector(st.query_params.get("sector"))
ui.seed("in_sector", sector_url)
ui.show_notices(notices)

if page.document:
    # Set from Python on every run: the browser then redraws the chosen option in the current language (a keyed
    # select box whose labels alone change keeps showing the old label, 全部产业 in English).
    st.session_state["in_sector"] = st.session_state["in_sector"]
    sector = st.selectbox(t("in_sector_label", lang), iv.SECTOR_CHOICES, key="in_sector", format_func=page.names.get)
else:  # the sectors are the document's: another plan's page has none to choose
    sector = iv.SECTOR_ALL
ui.set_query_params({"sector": iv.url_value(sector, iv.SECTOR_ALL)})

# Headline tiles: the structure targets leaders ask for first.
ui.tile_row(page.tiles, lang, "in")

# Key projects per sector.
st.header(t("in_overview_heading", lang))
if page.count_spec is not None:
    left, right = st.columns([3, 1])
    with left:
        ui.altair(page.count_spec)
    right.markdown(f"**{t('in_group_totals_heading', lang)}**")
    right.markdown(page.group_md)
    right.caption(t("in_projects_total", lang, n=page.total))
else:
    st.caption(page.nothing_note)

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
st.caption(page.structure_caption)
if page.structure is not None:
    ui.table(page.structure, lang, "in-structure")
    st.caption(page.table_note)
else:
    st.caption(page.none_note)

if page.path_spec is not None:  # the plan's enterprises_chart piece (placements.csv)
    st.subheader(t("in_path_heading", lang))
    st.markdown(page.growth_text)
    left, right = st.columns([3, 2])
    with left:
        ui.altair(page.path_spec)
    right.table(fmt.md_cells(page.path_table), hide_index=True, border="horizontal")
if page.shares_spec is not None:
    ui.altair(page.shares_spec)

if page.industry_wide is not None:  # the plan's industry_wide piece (prose figures)
    st.subheader(t("in_industry_wide_heading", lang))
    ui.table(page.industry_wide, lang, "in-industry-wide")

# Innovation.
st.header(t("in_innovation_heading", lang))
st.caption(page.innovation_caption)
if page.innovation is not None:
    ui.table(page.innovation, lang, "in-innovation")
else:
    st.caption(page.none_note)
if page.innovation_figures is not None:
    ui.table(page.innovation_figures, lang, "in-innovation-figures")

if page.plan_rows is not None:  # rows placed by a rule (their category), not by name
    st.header(t("in_group_plan_heading", lang))
    st.caption(t("in_group_plan_caption", lang))
    ui.table(page.plan_rows, lang, "in-plan-rows")

ui.provenance(lang, page.provenance)
