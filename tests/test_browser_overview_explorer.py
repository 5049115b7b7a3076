"""Real browser: the overview and the indicator explorer in headless Chromium at 1920×1080, zh and en.

Screenshots go to artifacts/screenshots/ (the first screen, then the rest of the page screen by screen).

Tabs are kept per module (conftest's `shared_page`): a page whose two languages are checked is loaded once and
opened in the other language in the same tab as the back and forward buttons do (`browser.show`; a page takes its
language from the URL on every run, never from the browser). A link with its own filters (the explorer seeds them
once per session), a test that clicks, and a shared link get a tab of their own (a new session, a full load) in the
module's browser context, whose caches already hold the app's code.
"""

from __future__ import annotations

import pandas as pd
import pytest

from browser import (
    ARTIFACTS,
    POLL,
    requested,
    require_browser,
    screenshot,
    scroll_main,
    served,
    settled,
    show,
    text_of,
    wait_for_text,
    wait_ready,
    watch_runs,
)
from facts import FACTS, FYP14

pytestmark = pytest.mark.browser

# url, texts that must be visible, number of charts expected.
CASES = {
    # The overview's lower sections are lazy tabs: the first screen shows the tiles and the indicator grid;
    # test_overview_tabs opens the others.
    ("overview", "zh"): ("/overview?lang=zh",
                         ["总览", "255 亿元", "2020年：154.7 亿元", "年均所需：+10.51%", "年均所需：+0.31 个百分点", "预期性",
                          "约束性", "○ 待评估", f"全部 {FYP14} 项指标"], 0),
    ("overview", "en"): ("/overview?lang=en",
                         ["Overview", "CNY 25.5 bn", "2020: CNY 15.47 bn", "Needed per year: +10.51%", "Needed per year: +0.31 pp", "Binding",
                          "○ Awaiting evaluation", f"All {FYP14} indicators"], 0),
    ("explorer", "zh"): ("/explorer?lang=zh&plan=fyp14&id=fyp14_gdp",
                         ["指标库", f"共 {FACTS.explorer_rows} 项，符合条件 109 项", "154.7 亿元", "255 亿元", "10.51%",
                          "专栏 2：“十四五”吕梁市离石区转型出雏型主要指标", "下载 CSV"], 1),
    ("explorer", "en"): ("/explorer?lang=en&plan=all&id=fyp13_forest_cover&q=forest",
                         ["Indicator explorer", f"5 of {FACTS.explorer_rows} items match", "27.76%", "✗ Not met", "4.56%",
                          "Download Excel (XLSX)"], 1),
}
NOT_SHOWN = (" nan ", " None ", " NaN ", " NaT ", "<NA>")


def screens(page, name: str, limit: int = 8) -> None:
    """Screenshot the page screen by screen (Streamlit scrolls its main block, not the document)."""
    screenshot(page, name)
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    for k in range(1, limit):
        if k * 950 >= height:
            break
        scroll_main(page, k * 950)
        wait_ready(page)
        screenshot(page, f"{name}-{k}")


_DIALOGS: dict[int, list[str]] = {}


def _watched(page, runs: bool = True):
    """`page` with its dialogs (dismissed, kept in _DIALOGS) and, with `runs`, its script runs and requests
    (browser.watch_runs; shared_page watches its tabs itself) watched."""
    if id(page) not in _DIALOGS:
        _DIALOGS[id(page)] = dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        if runs:
            watch_runs(page)
    return page


def _drawn(page, charts: int):
    page.wait_for_function(
        f"() => document.querySelectorAll('.vega-embed canvas, .vega-embed svg').length >= {charts}", timeout=45_000,
        polling=POLL)
    wait_ready(page)
    settled(page)
    return page, requested(page), _DIALOGS[id(page)]


def _tab(shared_page, key: str = ""):
    return _watched(shared_page(key, viewport={"width": 1920, "height": 1080}), runs=False)


def show_page(shared_page, base: str, path: str, key: str, charts: int):
    """`path` in the module's tab `key` (a full load the first time, then as the back/forward buttons open it)."""
    page = _tab(shared_page, key)
    show(page, base, path)
    return _drawn(page, charts)


def open_page(new_page, shared_page, url: str, charts: int):
    """`url` loaded afresh in a tab of its own (a new session) in the module's browser context."""
    page = new_page(context=_tab(shared_page).context)
    _watched(page)
    page.goto(url)
    wait_ready(page)
    return _drawn(page, charts)


def body_text(page) -> str:
    return " " + text_of(page.locator("[data-testid=stMain]")).replace("\n", " ") + " "


@pytest.mark.parametrize(("page_name", "lang"), list(CASES))
def test_page_renders_in_browser(app_url, page_name, lang, shared_page):
    path, expected, charts = CASES[(page_name, lang)]
    # the overview in both languages in one tab; each explorer link (its own filters) in a tab of its own
    key = "overview" if page_name == "overview" else path
    page, requests, dialogs = show_page(shared_page, app_url, path.lstrip("/"), key, charts)
    assert page.locator("[data-testid=stException]").count() == 0
    body = body_text(page)
    for text in expected:
        assert text in body, f"{text!r} not on {page_name} ({lang})"
    for bad in NOT_SHOWN:
        assert bad not in body, f"{bad!r} shown on {page_name} ({lang})"
    assert not dialogs
    local = [r for r in requests if not r.startswith((app_url, "data:", "blob:"))]
    assert not local, local  # nothing from the internet
    screens(page, f"{page_name}-{lang}")


TABS = {
    "zh": [("上一规划完成情况", ["超额完成 11 项", "未完成 10 项"], 1), ("远景与目标", ["2035年远景目标"], 0),
           ("规划数字核对", ["10.51%", "0.65%"], 0)],
    "en": [("Previous plan: results", ["11 exceeded", "10 not met"], 1), ("Vision and goals", ["Vision for 2035"], 0),
           ("Plan arithmetic", ["10.51%", "0.65%"], 0)],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_tabs(app_url, lang, shared_page):
    """Each lazy tab of the overview draws its section when clicked (the scoreboard with its chart). Both languages
    in one tab of their own: a click opens a tab whatever was open before."""
    page, _, dialogs = show_page(shared_page, app_url, f"overview?lang={lang}", "tabs", 0)
    for label, texts, charts in TABS[lang]:
        page.get_by_role("tab", name=label).click()
        panel = page.get_by_role("tabpanel", name=label)
        for text in texts:
            panel.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
        if charts:
            page.wait_for_function(
                f"() => document.querySelectorAll('.vega-embed canvas, .vega-embed svg').length >= {charts}",
                timeout=30_000, polling=POLL)
        screenshot(page, f"overview-tab-{lang}-{TABS[lang].index((label, texts, charts)) + 2}")
    assert page.locator("[data-testid=stException]").count() == 0
    assert not dialogs


def test_overview_with_imported_actuals(tmp_path, new_page, shared_page):
    """An accepted import: tiles show the latest actual with a symbol-and-word status."""
    require_browser()
    from lishi_metrics.actuals import store

    values = pd.DataFrame({"indicator_id": ["fyp14_gdp", "fyp14_gdp", "fyp14_forest_cover", "fyp14_urbanization_rate"],
                           "year": [2021, 2022, 2022, 2022], "value": [170.0, 205.0, 28.0, 73.9]})
    store.commit_import(tmp_path, values, "browser test", "actuals.csv", "0" * 64)
    with served(env={"LISHI_STORE_DIR": str(tmp_path)}) as base:
        page = _watched(new_page(context=_tab(shared_page).context))  # zh loaded, en opened in the same tab
        for lang, words in (("zh", ["2022年实际：205 亿元", "▲ 快于预期", "▼ 滞后", "规划路径 2022年：188.9 亿元"]),
                            ("en", ["2022 actual: CNY 20.5 bn", "▲ Ahead of expectations", "▼ Lagging", "Latest actual"])):
            show(page, base, f"overview?lang={lang}")
            _drawn(page, 0)
            wait_for_text(page, words[0])  # the tiles come after the title (CI once read the title alone)
            assert page.locator("[data-testid=stException]").count() == 0
            body = body_text(page)
            for text in words:
                assert text in body, f"{text!r} not on the overview with actuals ({lang})"
            screens(page, f"overview-actuals-{lang}", limit=3)


def test_explorer_hostile_link_is_inert(app_url, new_page, shared_page):
    """A shared link full of markup: plain text in the search box, notices as text, no script, no link."""
    url = (f"{app_url}/explorer?lang=en&q=%3Cscript%3Ealert(1)%3C/script%3E&plan=%5Bx%5D(http://e.x)"
           "&id=%3Cimg%20src=x%20onerror=alert(2)%3E")
    page = _watched(new_page(context=_tab(shared_page).context))
    dialogs = _DIALOGS[id(page)]
    page.goto(url)
    wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stTextInput] input").first.input_value() == "<script>alert(1)</script>"
    assert page.locator("[data-testid=stMain] a[href^='http://e.x']").count() == 0
    body = body_text(page)
    assert "Ignored invalid parameter plan" in body and "Ignored invalid parameter indicator (id)" in body
    assert "(http:" in body.replace("\u200b", "") and "\\[" not in body  # shown as typed, not as a link
    assert "Nothing matches" in body
    # The markup stays text: no element that could run a script (an <img onerror>, a <script>) was made.
    assert page.locator("[data-testid=stMain] img[src='x'], [data-testid=stMain] script").count() == 0
    settled(page)
    assert not dialogs
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, "explorer-hostile-en")


def test_explorer_detail_fragment_keeps_share_link_and_language(app_url, new_page, shared_page):
    """The detail is a fragment: choosing an item reruns only it. The URL must follow (share link), the
    link must reopen that item, and the language switch (a full rerun) must keep it."""
    page, _, _ = open_page(new_page, shared_page, f"{app_url}/explorer?lang=zh&plan=fyp14&id=fyp14_gdp", 1)
    title = page.locator("h1").first.inner_text()
    box = page.locator("[data-testid=stSelectbox]").filter(has_text="选择一项查看详情")
    box.click()
    page.keyboard.type("常住人口城镇化率")
    page.get_by_role("option", name="常住人口城镇化率 · 专栏2 · “十四五”").click()
    page.wait_for_function("() => location.search.includes('id=fyp14_urbanization_rate')", timeout=30_000, polling=POLL)
    page.wait_for_function("() => [...document.querySelectorAll('h4')].some(h => h.innerText.includes('常住人口城镇化率'))",
                           timeout=45_000, polling=POLL)
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == title
    assert "plan=fyp14" in page.url
    shared, _, _ = open_page(new_page, shared_page, page.url, 1)
    assert any("常住人口城镇化率" in h for h in shared.locator("h4").all_inner_texts())
    page.get_by_role("radio", name="English").click()
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=30_000, polling=POLL)
    page.wait_for_function(
        "() => [...document.querySelectorAll('h4')].some(h => h.innerText.includes('Urbanisation rate'))",
        timeout=45_000, polling=POLL)
    assert "id=fyp14_urbanization_rate" in page.url
    assert page.locator("[data-testid=stException]").count() == 0


def test_explorer_csv_download_starts_with_its_header_row(app_url, new_page, shared_page):
    """The explorer's CSV as the browser saves it: pd.read_csv takes its first line as the header (no title line
    above it, issue 22) and reads the filtered rows with their numbers; the title is in the XLSX."""
    import io

    from lishi_metrics.views import explorer as ev

    page, _, _ = open_page(new_page, shared_page, f"{app_url}/explorer?lang=zh&plan=fyp14&kind=indicator", 0)
    with page.expect_download(timeout=30_000) as dl:
        page.get_by_role("button", name="下载 CSV").first.click()
    raw = dl.value.path().read_bytes()
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert frame.columns[0] == ev.t("ex_x_id", "zh") and len(frame) == FYP14
    gdp = frame[frame[ev.t("ex_x_id", "zh")] == "fyp14_gdp"].iloc[0]
    assert gdp[ev.t("ex_x_base_value", "zh")] == 154.7 and gdp[ev.t("ex_x_target_value", "zh")] == 255.0
    assert "筛选结果" not in raw.decode("utf-8-sig").splitlines()[0]
