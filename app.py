"""Entry point: page config, navigation over pages/, the language switch and the note about the data."""

from pathlib import Path

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.i18n import t
from lishi_metrics.pages_registry import PAGES

st.set_page_config(layout="wide", page_icon=":material/insights:")
lang = ui.current_lang()

here = Path(__file__).parent
available = [p for p in PAGES if (here / p.file).exists()]
page = st.navigation([
    st.Page(p.file, title=t(p.title_key, lang), icon=p.icon, url_path=p.url_path, default=(i == 0))
    for i, p in enumerate(available)
])

if page.url_path != "screen":
    with st.sidebar:
        ui.language_switch(lang)
        with st.expander(t("about_data_title", lang)):
            st.markdown(t("about_data_body", lang))
            st.caption(t("unit_yi_note", lang))
page.run()
