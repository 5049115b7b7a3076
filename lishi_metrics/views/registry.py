"""The app's pages: file, URL path and title key — one list for app.py (ui.navigation), tests and benchmarks.

The first page is also served at `/`. Every request is routed by app.py, so a URL path need not equal the
file stem (they are equal only because that reads well). No icons: Streamlit's Material icons are fetched
from a font CDN, which the intranet cannot reach.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    file: str
    url_path: str
    title_key: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "overview", "page_overview"),
    PageSpec("pages/industries.py", "industries", "page_industries"),
    PageSpec("pages/ecology.py", "ecology", "page_ecology"),
    PageSpec("pages/livelihood.py", "livelihood", "page_livelihood"),
    PageSpec("pages/explorer.py", "explorer", "page_explorer"),
    PageSpec("pages/scenario.py", "scenario", "page_scenario"),
    PageSpec("pages/screen.py", "screen", "page_screen"),
    PageSpec("pages/data.py", "data", "page_data"),
)
