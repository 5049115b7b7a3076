"""Real browser: the pages changed for issue 14.6 in English at 1366×768 and 1920×1080 show no Chinese in the
main area (except the plan's originals, labelled as such), and the industries selector follows the language.

The cases share a tab (conftest's `shared_page`), set to each case's size: the first loads the app, the others open
their page in it as the back and forward buttons do (`browser.show`: a run of the page drawn at that size)."""

from __future__ import annotations

import re

import pytest

from browser import POLL, screenshot, settled, show, wait_ready

pytestmark = pytest.mark.browser

HAN = re.compile(r"[\u3400-\u9fff]")
SIZES = {"1366": (1366, 768), "1920": (1920, 1080)}
PAGES = {
    "explorer": "explorer?lang=en&id=fyp14_industrial_enterprises",
    "scenario": "scenario?lang=en",
    "industries": "industries?lang=en",
    "ecology": "ecology?lang=en",
}
# The main area's text without the plan's originals: block quotes of the plan text, the printed row of a plan
# table (its header starts with 序号) and the sector tables' "Plan text (Chinese original)" column.
MAIN_TEXT_JS = r"""
() => {
  const main = document.querySelector('[data-testid=stMain]');
  const clone = main.cloneNode(true);
  clone.querySelectorAll('blockquote').forEach(e => e.remove());
  clone.querySelectorAll('table').forEach(t => {
    if ((t.innerText || '').trim().startsWith('序号')) { t.remove(); return; }
    const heads = [...t.querySelectorAll('thead th')].map(th => th.innerText.trim());
    const k = heads.indexOf('Plan text (Chinese original)');
    if (k >= 0) t.querySelectorAll('tr').forEach(tr => { const c = tr.children[k]; if (c) c.remove(); });
  });
  document.body.appendChild(clone);
  const text = clone.innerText;
  clone.remove();
  return text;
}
"""


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_page_in_english_shows_no_chinese(app_url, name, size, shared_page):
    width, height = SIZES[size]
    page = shared_page(locale="en-US")
    page.set_viewport_size({"width": width, "height": height})
    show(page, app_url, PAGES[name], timeout=90_000)
    settled(page)  # laid out and painted: the text read below is what the reader sees
    assert page.locator("[data-testid=stException]").count() == 0
    text = page.evaluate(MAIN_TEXT_JS)
    found = [line for line in text.splitlines() if HAN.search(line)]
    assert not found, f"Chinese on {name} in English: {found[:5]}"
    screenshot(page, f"english-{name}-{size}")


def test_industries_selector_follows_the_language_switch(app_url, new_page):
    page = new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page.goto(f"{app_url}/industries?lang=zh", timeout=90_000)
    wait_ready(page)
    shown = page.locator("[data-testid=stMain] [data-testid=stSelectbox] input").first
    assert shown.input_value() == "全部产业"
    page.get_by_role("radio", name="English").click()
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=30_000, polling=POLL)
    wait_ready(page)
    page.wait_for_function("() => document.querySelector('h1').innerText.includes('Industries')", timeout=30_000,
                           polling=POLL)
    # Before the fix the old language's label stayed (全部产业 in English) however long one waited.
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stMain] [data-testid=stSelectbox] input').value"
        " === 'All sectors'", timeout=30_000, polling=POLL)
    assert shown.input_value() == "All sectors"
    screenshot(page, "english-industries-after-switch-1366")
