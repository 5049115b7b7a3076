"""Real browser: the 经济运行 page with imported year-to-date figures at 1366×768 and 1920×1080, zh and en.

The cases share a tab (conftest's `shared_page`), set to each case's size: the first loads the app, the others open
the page in it as the back and forward buttons do (`browser.show`: a run of the page drawn at that size; the page
takes its language from the URL on every run)."""

from __future__ import annotations

import pytest

from browser import POLL, requested, screenshot, settled, show, text_of, wait_ready

pytestmark = pytest.mark.browser

EXPECTED = {"zh": ["经济运行", "2026年前三季度", "152.25 亿元", "+8.2%", "+10.0%", "滞后"],
            "en": ["Economy this year", "2026 Q1–Q3", "CNY 15.225 bn", "+8.2%", "+10.0%", "Lagging"]}


@pytest.fixture(scope="module")
def economy_url(tmp_path_factory):
    """A server of its own whose store holds the issue's GDP and retail figures (imported by the CLI)."""
    from test_cli_periods import filled

    from lishi_metrics.cli import main as cli

    from browser import require_browser, served

    require_browser()
    root = tmp_path_factory.mktemp("economy")
    mp = pytest.MonkeyPatch()
    mp.setenv("LISHI_STORE_DIR", str(root / "store"))
    try:
        assert cli.main(["periods", "import", str(filled(root / "f.xlsx")), "--by", "t"]) == 0
    finally:
        mp.undo()
    with served(env={"LISHI_STORE_DIR": str(root / "store")}) as base:
        yield base


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_economy_page_in_browser(economy_url, shared_page, lang, size):
    page = shared_page()
    page.set_viewport_size({"width": size[0], "height": size[1]})
    show(page, economy_url, f"economy?lang={lang}")
    page.wait_for_function("() => document.querySelectorAll('.vega-embed').length >= 2", timeout=45_000, polling=POLL)
    wait_ready(page)
    settled(page)
    assert page.locator("[data-testid=stException]").count() == 0
    body = text_of(page.locator("body"))
    for text in EXPECTED[lang]:
        assert text in body, text
    summary = "2项有目标的指标中0项" if lang == "zh" else "0 of 2 indicators with a target"
    assert summary in body
    assert all(r.startswith(economy_url) or r.startswith(("data:", "blob:")) for r in requested(page))
    screenshot(page, f"economy-{lang}-{size[0]}x{size[1]}")
