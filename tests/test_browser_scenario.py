"""Real browser: the scenario page (情景模拟) in headless Chromium at 1920×1080, zh and en, with interactions.

The tests that only read a page share a tab per scenario, for both languages (conftest's `shared_page`): the first
loads the app, the second opens its address in it as the back and forward buttons do (`browser.show`). A test that
clicks, and a test about a link opened afresh, loads its page in a tab of its own (a new session) in a browser
context the module keeps (the app's code in its caches)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from lishi_metrics.model import scenario
from lishi_metrics.views import scenario as sv
from lishi_metrics.views import state

from browser import (
    ARTIFACTS,
    POLL,
    requested,
    rerun,
    screenshot,
    settled,
    show,
    text_of,
    wait_for_text,
    wait_ready,
    watch_runs,
)

pytestmark = pytest.mark.browser

CONTRACT = "g=7.3,7.3,7.3,7.3,7.3&p=0"


LOCALE = {"zh": "zh-CN", "en": "en-US"}


def _tab(shared_page, lang: str, key: str = ""):
    """The module's tab `key` that reading tests share (a session of its own per key), at 1920×1080, in the
    browser context for `lang`'s locale (the app takes its language from the URL, never from the browser)."""
    return shared_page(key, viewport={"width": 1920, "height": 1080}, locale=LOCALE[lang])


def _drawn(page):
    page.wait_for_selector(".vega-embed", timeout=45_000)
    wait_ready(page)
    settled(page)
    return page


def _show(shared_page, app_url: str, query: str, lang: str):
    """The scenario page with `query` and `lang` in the shared tab for that query: a session seeds its scenario
    from the URL once (pages/scenario.py), so each query has a tab of its own; its languages share it (the page
    takes the language from the URL on every run). A full load only the first time."""
    page = _tab(shared_page, "zh", key=query)
    show(page, app_url, f"scenario?{query}{'&' if query else ''}lang={lang}")
    return _drawn(page)


def _open(new_page, shared_page, url: str, lang: str, height: int = 1080):
    """`url` loaded afresh in a tab of its own (a new session) in the browser context for `lang`."""
    page = new_page(context=_tab(shared_page, lang).context, viewport={"width": 1920, "height": height})
    watch_runs(page)
    page.goto(url)
    wait_ready(page)
    return _drawn(page)


def _checks(page, app_url: str, must_see: list[str]) -> str:
    requests = requested(page)  # all the tab requested, its first full load included
    assert page.locator("[data-testid=stException]").count() == 0
    body = text_of(page.locator("body"))  # as read: numbers keep their units with joiners (linebreak)
    for text in must_see:
        assert text in body, f"{text!r} not visible"
    for bad in ("nan", "None", "NaN"):
        assert f" {bad} " not in f" {body} ".replace("\n", " "), f"{bad} shown"
    assert all(r.startswith((app_url, "data:", "blob:")) for r in requests), [
        r for r in requests if not r.startswith(app_url)
    ]
    return body


def _metric_values(page) -> list[str]:
    return [text_of(v) for v in page.get_by_test_id("stMetricValue").all()]


def _query(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_default_page(app_url, lang, shared_page):
    page = _show(shared_page, app_url, "", lang)
    gdp = "255.0 亿元" if lang == "zh" else "CNY 25.50 bn"  # English shows the English unit (issue 14.6)
    must = [gdp, "0.65%", "10.51%"] + (["情景模拟", "规划基准"] if lang == "zh" else
                                      ["Scenario simulator", "Plan baseline"])
    _checks(page, app_url, must)
    assert page.locator(".vega-embed").count() >= 1
    assert gdp in _metric_values(page)[0]
    screenshot(page, f"scenario-{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contract_url(app_url, lang, shared_page):
    page = _show(shared_page, app_url, CONTRACT, lang)
    gdp, gap = ("220.0 亿元", "−35.0 亿元") if lang == "zh" else ("CNY 22.00 bn", "−CNY 3.50 bn")
    _checks(page, app_url, [gdp, "255" if lang == "zh" else "25.5", gap])
    assert _metric_values(page)[0].startswith(gdp)
    screenshot(page, f"scenario-contract-{lang}")


def test_interactions_update_the_page_and_the_url(app_url, new_page, shared_page):
    page = _open(new_page, shared_page, f"{app_url}/scenario?lang=zh", "zh")
    page.get_by_role("radio", name="“十三五”趋势").click()
    page.wait_for_function("() => location.search.includes('g=7.3')", timeout=30_000, polling=POLL)
    wait_ready(page)
    price = scenario.plan_implied_price(154.7, 255.0, 5, 0.098)
    # the URL is written early in the run: wait for the metric the run draws (expect retries until it shows)
    wait_for_text(page, sv.money(154.7 * (1.073 * (1 + price)) ** 5, "zh"), timeout=30_000)
    assert _metric_values(page)[0] == sv.money(154.7 * (1.073 * (1 + price)) ** 5, "zh")
    thumb = page.get_by_role("slider").first
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('g=7.4')", timeout=30_000, polling=POLL)
    wait_ready(page)
    assert _query(page)["g"] == "7.4"
    wait_for_text(page, sv.money(154.7 * (1.074 * (1 + price)) ** 5, "zh"), timeout=30_000)
    assert _metric_values(page)[0] == sv.money(154.7 * (1.074 * (1 + price)) ** 5, "zh")
    page.get_by_role("radio", name="2035").click()
    page.wait_for_function("() => location.search.includes('horizon=2035')", timeout=30_000, polling=POLL)
    wait_ready(page)
    _checks(page, app_url, ["2035年地区生产总值", "4.73%"])
    screenshot(page, "scenario-2035-zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tabs_joint_and_compare(app_url, lang, new_page, shared_page):
    page = _open(new_page, shared_page, f"{app_url}/scenario?lang={lang}", lang, height=2200)
    page.get_by_role("tab").nth(1).click()
    page.wait_for_function("() => document.querySelectorAll('.vega-embed').length >= 2", timeout=30_000, polling=POLL)
    wait_ready(page)
    _checks(page, app_url, ["15.85%", "125.0 亿元" if lang == "zh" else "CNY 12.50 bn",
                                      "均达到" if lang == "zh" else "both met"])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"scenario-joint-{lang}-tall.png"))
    page.get_by_role("tab").nth(2).click()
    wait_ready(page)
    save = page.get_by_role("button", name="保存当前情景" if lang == "zh" else "Save current scenario")
    with rerun(page):
        save.click()
    page.get_by_role("radio", name="乐观" if lang == "zh" else "Optimistic").click()
    page.wait_for_function("() => location.search.includes('g=12')", timeout=30_000, polling=POLL)
    wait_ready(page)
    with rerun(page):
        save.click()
    # The comparison lists both saved scenarios and draws them.
    page.get_by_text("情景 2" if lang == "zh" else "Scenario 2").first.wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelectorAll('.vega-embed').length >= 2", timeout=30_000, polling=POLL)
    wait_ready(page)
    _checks(page, app_url, ["情景 1", "情景 2"] if lang == "zh" else ["Scenario 1", "Scenario 2"])
    assert page.locator(".vega-embed").count() >= 2
    page.screenshot(path=str(ARTIFACTS / f"scenario-compare-{lang}-tall.png"))


def test_on_target_rate_off_the_slider_step_is_kept(app_url, new_page, shared_page):
    """10.5122 is not on the slider's 0.1 grid: the browser must not snap it (and miss the target) when the link
    is opened."""
    page = _open(new_page, shared_page, f"{app_url}/scenario?g=10.5122&p=0&lang=zh", "zh")
    # The slider is drawn (its thumb reads 10.5% on the 0.1 grid) and the run it could have started, had it
    # snapped the value, has finished: the URL still holds the exact rate.
    page.locator("input[type=range][aria-valuetext='10.5%']").first.wait_for(state="attached", timeout=30_000)
    wait_ready(page)
    settled(page)
    wait_ready(page)
    assert _query(page)["g"] == "10.5122"
    _checks(page, app_url, ["255.0 亿元", "2025年达到", "恰好达标"])


def test_slider_rerun_in_the_fragment_keeps_share_link_language_and_download(app_url, new_page, shared_page):
    """The controls and results are a fragment: a slider reruns only them. The URL must still follow, the
    link must reopen the same scenario, the language switch (a full rerun) must keep it, and the download
    must be the moved scenario."""
    page = _open(new_page, shared_page, f"{app_url}/scenario?g=8&p=0&lang=zh", "zh", height=2200)
    title_before = page.locator("h1").first.inner_text()
    thumb = page.get_by_role("slider").first
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('g=8.1')", timeout=30_000, polling=POLL)
    wait_ready(page)
    moved = _metric_values(page)[0]
    assert moved == sv.money(154.7 * 1.081 ** 5, "zh")
    assert page.locator("h1").first.inner_text() == title_before
    # The share link reopens the same scenario in a new tab (a new session).
    shared = _open(new_page, shared_page, page.url, "zh")
    assert _metric_values(shared)[0] == moved and _query(shared)["g"] == "8.1"
    # The download of the year table is the moved scenario (8.1 % real growth every year).
    with page.expect_download(timeout=30_000) as dl:
        page.get_by_role("button", name="下载 CSV").first.click()
    csv = dl.value.path().read_text(encoding="utf-8-sig")
    # The CSV starts with its header row (issue 22: pd.read_csv reads it as is); the title, source and share link
    # are in the XLSX's first sheet.
    assert csv.startswith("年份,类型,") and "2025,情景,8.1,0.0,8.1,228.3593" in csv, csv[:600]
    # The language switch reruns the whole page and keeps the moved value.
    page.get_by_role("radio", name="English").click()
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=30_000, polling=POLL)
    wait_ready(page)
    # Wait for what we expect (the title is drawn before the results while the run goes on).
    # In English the amount is shown in CNY bn.
    cny = sv.money(154.7 * 1.081 ** 5, "en")
    wait_for_text(page, cny, timeout=45_000)
    assert page.locator("h1").first.inner_text() != title_before
    assert _query(page)["g"] == "8.1"
    assert _metric_values(page)[0] == cny
    _checks(page, app_url, ["Scenario simulator", cny])


# Every control away from its default (as tests/test_page_scenario.py's round trip leaves them): per-year
# sliders with equal rates, custom prices per year, 2035 with its long-run rate, uncertainty, the solver's
# start year, the joint-target sliders and the joint tab open (issue 14.8).
SHARED = {"g": "10.5122,10.5122,10.5122,10.5122,10.5122", "p": "0,0,0,0,0", "sigma": "2.5", "n": "5000",
          "seed": "7", "horizon": "2035", "lr": "4", "lang": "en", "plan": "fyp14", "from": "2023", "ind": "12",
          "rest": "7.5", "tab": "joint"}


def test_a_link_with_every_parameter_keeps_them_and_shows_its_numbers(app_url, new_page, shared_page):
    facts = sv.facts_from_data("fyp14")
    params, notices = state.parse_scenario_params(SHARED, facts)
    assert notices == []
    sc = sv.build_scenario(facts, params)
    required = sv.required_card(sc, 2023, "en")  # what growth is needed, counted from 2023: "… 2024–2025 …"
    expected = [
        sv.money(sc.gdp_in(2025), "en"),  # the target year's GDP (on target: CNY 25.50 bn)
        required.value,
        sv.horizon_card(sc, "en").value,  # GDP in 2035 at 4 % after 2025
        *[card.value for card in sv.joint_cards(sv.joint_view(facts, 12.0, 7.5), facts, "en")],
    ]
    query = "&".join(f"{k}={v}" for k, v in SHARED.items())
    page = _open(new_page, shared_page, f"{app_url}/scenario?{query}", "en", height=2200)
    joint = sv.tab_labels("en")[1]
    # The joint tab opens by itself and draws its cards (they exist only while it is open).
    page.wait_for_function(
        "v => [...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => "
        "e.innerText.replace(/\\u2060/g, '').replace(/\\u00a0/g, ' ') === v)", arg=expected[-1], timeout=45_000,
        polling=POLL)
    wait_ready(page)
    assert page.get_by_role("tab", name=joint).get_attribute("aria-selected") == "true"
    values = _metric_values(page)
    for value in expected:
        assert any(v.startswith(value) for v in values), (value, values)
    assert values[0] == "CNY 25.50 bn"
    labels = [text_of(e) for e in page.get_by_test_id("stMetricLabel").all()]
    assert required.label in labels, labels
    # The address after the page has loaded and run still holds every parameter, unchanged.
    assert _query(page) == SHARED
    # Per-year sliders for growth and price (the toggles are off although the rates are equal): ten sliders
    # for the years, the long-run rate, and the two joint-target sliders.
    assert page.get_by_role("slider").count() >= 13
    _checks(page, app_url, ["2023", "GDP 2035"])
    assert "⚠" not in page.locator("body").inner_text()
    screenshot(page, "scenario-shared-link-en")
