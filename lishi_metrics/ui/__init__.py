"""The only Streamlit package: what pages call as `ui.X` (`from lishi_metrics import ui`).

One concern a module: `chrome` (router, page setup, sidebar, switches, error guard), `url` (language, plan and
parameters in the address, notices), `cache` (the data key, shared cached data and page models), `render`
(tiles, charts, downloads), `warmup` (page models built before the server listens), and `_compat`, the one
module that touches Streamlit's internals (tests/test_streamlit_contract.py checks each assumption).
"""

from lishi_metrics.ui.cache import (
    admin_gate,
    all_indicators,
    data_key,
    dataset,
    indicator_table,
    monte_carlo_summary,
    plan_labels,
    plan_name,
    plans_catalogue,
    scenario_facts,
    scenario_results,
    view,
)
from lishi_metrics.ui.chrome import (
    client_address,
    document_only,
    guard,
    language_switch,
    navigation,
    page_setup,
    plan_switch,
    provenance,
)
from lishi_metrics.ui.render import (
    altair,
    download,
    download_buttons,
    picked_rows,
    ready_spec,
    report_download,
    single_row_picking,
    table,
    tile,
    tile_row,
)
from lishi_metrics.ui.url import (
    LANG_KEY,
    PLAN_KEY,
    add_notice,
    current_lang,
    current_plan,
    drop_unknown_params,
    param_words,
    plan_id,
    seed,
    set_query_params,
    show_notices,
    take_notices,
)
from lishi_metrics.ui.warmup import warm_up

__all__ = [
    "LANG_KEY", "PLAN_KEY", "add_notice", "admin_gate", "all_indicators", "altair", "client_address",
    "current_lang", "current_plan", "data_key", "dataset", "document_only", "download", "download_buttons",
    "drop_unknown_params", "guard", "indicator_table", "language_switch", "monte_carlo_summary", "navigation",
    "page_setup", "param_words", "picked_rows", "plan_id", "plan_labels", "plan_name", "plan_switch",
    "plans_catalogue", "provenance", "ready_spec", "report_download", "scenario_facts", "scenario_results",
    "seed", "set_query_params", "show_notices", "single_row_picking", "table", "take_notices", "tile", "tile_row",
    "view", "warm_up",
]
