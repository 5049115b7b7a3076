"""The app's pages: file, URL path, title key, page model and warm-up flag — one list for app.py
(ui.navigation), the warm-up, tests and benchmarks.

The first page is also served at `/`. Every request is routed by app.py, so a URL path need not equal the
file stem (they are equal only because that reads well). No icons: Streamlit's Material icons are fetched
from a font CDN, which the intranet cannot reach.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page. `model` is its page model, a module of lishi_metrics.views; `warm` marks a page whose model
    the server builds before it listens (ui.warmup calls the model's `warm_up_models(lang, plan_id, day)`)."""

    file: str
    url_path: str
    title_key: str
    model: str
    warm: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "overview", "page_overview", "overview", warm=True),
    PageSpec("pages/industries.py", "industries", "page_industries", "industries", warm=True),
    PageSpec("pages/ecology.py", "ecology", "page_ecology", "ecology", warm=True),
    PageSpec("pages/livelihood.py", "livelihood", "page_livelihood", "livelihood", warm=True),
    PageSpec("pages/explorer.py", "explorer", "page_explorer", "explorer", warm=True),
    PageSpec("pages/scenario.py", "scenario", "page_scenario", "scenario", warm=True),
    PageSpec("pages/economy.py", "economy", "page_economy", "economy", warm=True),
    PageSpec("pages/screen.py", "screen", "page_screen", "screen", warm=True),
    PageSpec("pages/data.py", "data", "page_data", "data_admin"),
)
