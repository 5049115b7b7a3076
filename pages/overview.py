"""总览 Overview: the 14th-plan indicators with 2020 values, 2025 targets and stated growth."""

import streamlit as st

from lishi_metrics import ui, views
from lishi_metrics.i18n import t

lang = ui.page_setup("page_overview")
st.title(t("page_overview", lang))
ui.show_notices()
with ui.guard(lang):
    table = views.indicator_display_table(ui.indicator_table("fyp14"), lang)
st.dataframe(table, hide_index=True, width="stretch")
ui.provenance(lang, "专栏2")
