"""经济运行 Economy this year: year-to-date figures against the year's targets, and what the rest of the year needs."""

from datetime import date

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.text import fmt, linebreak
from lishi_metrics.text.i18n import t
from lishi_metrics.views import economy as ecv

lang = ui.page_setup("page_economy", plan_chooser=False)
st.title(t("page_economy", lang))
st.caption(t("eco_intro", lang))

with ui.guard(lang):
    known_years = ui.view(ecv.available_years, date.today().year)
year_url, years, year_notices = ecv.parse_year(st.query_params.get(ecv.YEAR_PARAM), known_years)
ui.seed("eco_year", year_url)
if st.session_state["eco_year"] not in years:
    st.session_state["eco_year"] = year_url

c1, c2 = st.columns([1, 3])
year = c1.selectbox(t("eco_year", lang), years, key="eco_year")
with ui.guard(lang):
    choices = ui.view(ecv.as_of_choices, year)
as_of_url, as_of_notices = ecv.parse_as_of(st.query_params.get(ecv.AS_OF_PARAM), choices)
ui.seed("eco_as_of", as_of_url)
if st.session_state["eco_as_of"] not in choices:
    st.session_state["eco_as_of"] = choices[-1]
ui.show_notices(year_notices + as_of_notices)
as_of = c2.pills(t("eco_as_of", lang), choices, key="eco_as_of", required=True,
                 format_func=lambda p: ecv.period_text(p, lang) if p else t("eco_latest", lang))
# The link names the year and the period shown, so it reopens this view after later months are imported.
ui.set_query_params({ecv.YEAR_PARAM: str(year), ecv.AS_OF_PARAM: as_of or None})

with ui.guard(lang):
    page = ui.view(ecv.build_page, year, as_of, lang)

if not page.has_periods:
    st.info(t("eco_empty", lang, year=year))
elif not page.has_targets:
    st.warning(t("eco_no_targets", lang, year=year))
if page.summary:
    st.markdown(f"**{linebreak.keep_units(fmt.md_escape(page.summary))}**")
if len(page.table):
    # The table on a laptop or wall; on a phone (app.css, below 640 px) the same rows as cards.
    with st.container(key="eco-wide"):
        st.table(fmt.md_cells(page.table), hide_index=True, border="horizontal")
    with st.container(key="eco-cards", border=False):
        for card in page.cards:
            with st.container(border=True):
                st.markdown(linebreak.keep_units(card))
if page.not_imported:
    st.caption(page.not_imported)
st.caption(t("eco_method", lang))

for left, right in zip(page.charts[::2], [*page.charts[1::2], None]):
    cols = st.columns(2)
    with cols[0]:
        ui.altair(left[1], key=f"eco_chart_{left[0]}")
    if right is not None:
        with cols[1]:
            ui.altair(right[1], key=f"eco_chart_{right[0]}")

ui.provenance(lang, t("eco_provenance", lang))
