"""app.py with AppTest: ui.navigation routes every run, the sidebar links every page by its own URL path.

AppTest starts each app run with Streamlit's legacy pages/ router switched on (it resets the switch), as a
freshly started server does, so these runs also take the path that leaves it. The URL-by-URL checks, and the
order of visits that used to matter, are in tests/test_browser_routing.py.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lishi_metrics.text.i18n import t
from lishi_metrics.views.registry import PAGES

from conftest import REPO


def sidebar_links(at: AppTest) -> list[str]:
    return [e.proto.page for e in at.sidebar if type(e).__name__ == "PageLink"]


def test_root_shows_the_overview_and_links_every_page_by_its_path():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert [x.value for x in at.title] == [t("page_overview", "en")]
    # The overview's link is /overview: it was "" (the root) while the overview was the default page.
    assert sidebar_links(at) == [p.url_path for p in PAGES]


def test_a_page_first_run_by_the_legacy_router_is_drawn_by_app_py():
    """Before the first run AppTest picks a page by file name, as the legacy router does for /scenario:
    page_setup reruns it through app.py, which draws it with the sidebar (no error, no loop)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["lang"] = "zh"
    at.switch_page("pages/scenario.py")
    at.run()
    assert not at.exception
    assert [x.value for x in at.title] == [t("sim_title", "zh", year=2025, gdp="地区生产总值")]  # the default plan's target year
    assert sidebar_links(at) == [p.url_path for p in PAGES]
    at.switch_page("pages/explorer.py").run()
    assert [x.value for x in at.title] == [t("page_explorer", "zh")]
