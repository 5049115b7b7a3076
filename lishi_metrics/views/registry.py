"""The app's pages: file, URL path and title key — one list for app.py, tests and benchmarks.

No icons: Streamlit's Material icons are fetched from a font CDN, which the intranet cannot reach.
A page's file stem equals its URL path: Streamlit also serves pages/ as legacy pages (a deep link such as
/scenario runs pages/scenario.py without app.py), so both routes must lead to the same URL.
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
