"""Real browser: no text is cut off on any page at the screens people use (issue 14.2), zh and en.

Government laptops and projectors run 1366×768 and 1440×900; the meeting room 1920×1080. Every label,
value and answer must be fully visible there: nothing wider than its box, nothing ended with "…".
Screenshots of every page go to artifacts/screenshots/<page>-<width>x<height>-<lang>.png.

At 1366×768 and 1920×1080 test_browser_fit makes this check on its views of the same pages on the same shared
server (one view per page and size for both tests); here: 1440×900 for every page, and the scenario at flat prices
at every size. A tab is kept per size for the module (conftest's `shared_page`): the first case loads its first
page, and every other page, in either language, opens in it as the back and forward buttons do (`browser.show`; a
page takes its language from the URL on every run). A session seeds its scenario from the URL once
(pages/scenario.py), so the scenario at flat prices has a tab of its own; so has the plain scenario of the
above-the-fold test.
"""

from __future__ import annotations

import pytest
from test_browser_fit import LAYOUT_SIZES as FIT_LAYOUT_SIZES

from lishi_metrics.views.registry import PAGES as REGISTERED

from browser import clipped_text, screenshot, show, wait_ready

pytestmark = pytest.mark.browser

SIZES = ((1366, 768), (1440, 900), (1920, 1080))
# Every page of the app but the big screen (made for the wall: test_browser_screen measures it at 1920×1080 and
# 4K); the scenario page also with flat prices (p=0), whose answer "2025年前未达到" is the longest.
PAGES = (*(p.url_path for p in REGISTERED if p.url_path != "screen"), "scenario?p=0")
# (width, height): the pages test_browser_fit checks for cut-off text at that size (its LAYOUT_SIZES).
IN_FIT = {size: tuple(p.url_path for p in REGISTERED if p.url_path != "screen") for size in FIT_LAYOUT_SIZES}


def _name(path: str) -> str:
    return path.replace("?", "-").replace("=", "")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_text_is_cut_off(app_url, shared_page, width, height, lang):
    found = {}
    for path in [p for p in PAGES if p not in IN_FIT.get((width, height), ())]:
        # the plain pages in the size's tab; the scenario at flat prices in its own (see the docstring)
        page = shared_page(path if path == "scenario?p=0" else "", viewport={"width": width, "height": height})
        show(page, app_url, f"{path}{'&' if '?' in path else '?'}lang={lang}")
        assert page.locator("[data-testid=stException]").count() == 0, path
        screenshot(page, f"{_name(path)}-{width}x{height}-{lang}")
        clipped = clipped_text(page)
        if clipped:
            found[path] = clipped
    assert not found, found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scenario_chart_starts_above_the_fold_at_1366(app_url, shared_page, lang):
    page = shared_page("scenario", viewport={"width": 1366, "height": 768})
    show(page, app_url, f"scenario?lang={lang}")
    wait_ready(page, ".vega-embed")
    top = page.locator(".vega-embed").first.bounding_box()["y"]
    assert top < 768 - 150, f"the GDP chart starts at y={top}, below the first screen"
