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
    plan_title_key: str | None = None  # its title under a plan other than the document's (title_key names the
    #                                    document's own words, e.g. the district's slogan 三新五大)


def title_key(spec: PageSpec, plan_id: str | None) -> str:
    """The key of the page's title for the plan shown: the sidebar link, the browser tab and st.navigation's page
    all use it, so a page named after the document's own words is named for what it shows under another plan."""
    from lishi_metrics.data.plans import is_document_plan

    if spec.plan_title_key and plan_id is not None and not is_document_plan(plan_id):
        return spec.plan_title_key
    return spec.title_key


def spec_of(title_key_: str) -> PageSpec | None:
    """The page whose (document) title key is `title_key_` (what each page hands to ui.page_setup)."""
    return next((s for s in PAGES if s.title_key == title_key_), None)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "overview", "page_overview", "overview", warm=True),
    PageSpec("pages/industries.py", "industries", "page_industries", "industries", warm=True,
             plan_title_key="page_industries_plan"),
    PageSpec("pages/ecology.py", "ecology", "page_ecology", "ecology", warm=True),
    PageSpec("pages/livelihood.py", "livelihood", "page_livelihood", "livelihood", warm=True),
    PageSpec("pages/explorer.py", "explorer", "page_explorer", "explorer", warm=True),
    PageSpec("pages/scenario.py", "scenario", "page_scenario", "scenario", warm=True),
    PageSpec("pages/economy.py", "economy", "page_economy", "economy", warm=True),
    PageSpec("pages/screen.py", "screen", "page_screen", "screen", warm=True),
    PageSpec("pages/data.py", "data", "page_data", "data_admin"),
)
