"""The app's pages: file, URL path, icon and title key — one list for app.py, tests and benchmarks.

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
    icon: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "overview", "page_overview", ":material/dashboard:"),
    PageSpec("pages/industries.py", "industries", "page_industries", ":material/factory:"),
    PageSpec("pages/ecology.py", "ecology", "page_ecology", ":material/forest:"),
    PageSpec("pages/livelihood.py", "livelihood", "page_livelihood", ":material/diversity_3:"),
    PageSpec("pages/explorer.py", "explorer", "page_explorer", ":material/table_view:"),
    PageSpec("pages/scenario.py", "scenario", "page_scenario", ":material/query_stats:"),
    PageSpec("pages/screen.py", "screen", "page_screen", ":material/tv:"),
    PageSpec("pages/data.py", "data", "page_data", ":material/database:"),
)
