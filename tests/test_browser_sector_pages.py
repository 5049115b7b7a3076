"""Real browser: the industries, ecology and livelihood pages in headless Chromium at 1920×1080, zh and en.

The cases share a tab (conftest's `shared_page`): the first loads the app, the others open their page in it as the
back and forward buttons do (`browser.show`; a page takes its language from the URL on every run)."""

from __future__ import annotations

import pytest

from browser import ARTIFACTS, POLL, requested, screenshot, settled, show, text_of, wait_ready

pytestmark = pytest.mark.browser

# page path, URL query, texts that must be visible (per language), number of charts expected.
CASES = {
    "industries": ("sector=new_energy",
                   {"zh": ["三新五大", "500 兆瓦", "30 户", "2025年目标：65 户", "新能源"],
                    "en": ["Industries", "500 MW", "30 enterprises", "2025 target: 65 enterprises", "New energy"]}, 3),
    "ecology": ("", {"zh": ["绿色生态", "33 ug/m³", "2015年：48 ug/m³", "27.76%", "完成市任务"],
                     "en": ["Ecology", "33 µg/m³", "2015: 48 µg/m³", "27.76%", "Binding indicators"]}, 3),
    "livelihood": ("", {"zh": ["民生福祉", "11.96%", "2025年目标：40%", "4.16", "46 所"],
                        "en": ["Livelihood", "11.96%", "2025 target: 40%", "4.16", "46 schools"]}, 4),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page_name", list(CASES))
def test_sector_page_renders_in_browser(app_url, page_name, lang, shared_page):
    query, expected, charts = CASES[page_name]
    page = shared_page()
    page.set_viewport_size({"width": 1920, "height": 1080})  # the tab's previous page left it as tall as that page
    show(page, app_url, f"{page_name}?lang={lang}" + (f"&{query}" if query else ""))
    page.wait_for_function(
        f"() => document.querySelectorAll('.vega-embed').length >= {charts}", timeout=45_000, polling=POLL)
    wait_ready(page)
    settled(page)
    assert page.locator("[data-testid=stException]").count() == 0
    body = text_of(page.locator("body"))
    for text in expected[lang]:
        assert text in body, f"{text!r} not on {page_name} ({lang})"
    for bad in ("nan", "None", "NaN"):
        assert f" {bad} " not in f" {body} ".replace("\n", " "), f"{bad} shown on {page_name} ({lang})"
    # Nothing may come from the internet: every request stays on the loopback server (the tab's first load too).
    requests = requested(page)
    assert all(r.startswith(app_url) or r.startswith("data:") or r.startswith("blob:") for r in requests), [
        r for r in requests if not r.startswith(app_url)
    ]
    screenshot(page, f"sector-{page_name}-{lang}")
    # Streamlit scrolls inside its own container, so a "full page" shot needs a viewport as tall as the app.
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
    tall = min(int(height) + 100, 16000)
    page.set_viewport_size({"width": 1920, "height": tall})
    page.wait_for_function(f"() => window.innerHeight === {tall}", timeout=10_000, polling=POLL)
    wait_ready(page)
    settled(page)
    assert page.locator("[data-testid=stException]").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"sector-{page_name}-{lang}-full.png"))


def test_hostile_url_values_stay_plain_text_in_the_browser(app_url, new_page, shared_page):
    hostile = "%5Bclick%5D(http%3A%2F%2Fexample.com)%20**bold**%20%3Cimg%20src%3Dx%3E"
    # the link opened afresh (a new session), in the shared tab's browser context (its caches)
    page = new_page(context=shared_page().context, viewport={"width": 1920, "height": 1080})
    page.goto(f"{app_url}/ecology?lang=en&theme={hostile}&table={hostile}&plan={hostile}")
    wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    main = page.locator("[data-testid=stMain]")
    assert main.locator("a[href*='example.com']").count() == 0
    assert main.locator("img[src='x']").count() == 0
    assert main.locator("strong", has_text="bold").count() == 0
    assert main.get_by_text("Ignored invalid parameter theme").count() == 1
    screenshot(page, "sector-ecology-en-hostile-params")
