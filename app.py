"""Entry point: navigation over pages/ (each page draws the shared sidebar itself via ui.page_setup)."""

from pathlib import Path

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.text.i18n import t
from lishi_metrics.views.registry import PAGES

lang = ui.current_lang()
here = Path(__file__).parent
page = st.navigation(
    [st.Page(p.file, title=t(p.title_key, lang), url_path=p.url_path, default=(i == 0))
     for i, p in enumerate(PAGES) if (here / p.file).exists()],
    position="hidden",
)
page.run()
