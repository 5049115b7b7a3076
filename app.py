"""Entry point: every request runs here, and ui.navigation routes it to its page in pages/.

Streamlit also serves pages/*.py on their own (its legacy router for a pages/ folder beside the main script,
in use until the process's first st.navigation call); ui.page_setup sends such a run back through this file.
"""

from lishi_metrics import ui

ui.navigation().run()
