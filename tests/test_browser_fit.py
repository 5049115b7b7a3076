"""Real browser: every page fits the screens people use, from a 360-pixel phone to a 4K wall (issue 25).

At 360×740, 390×844, 1366×768, 1920×1080 and 3840×2160, in Chinese and English, without and with imported
actuals, each page is shown once and measured in one `page.evaluate` (MEASURE_JS). A case loads one page fresh
(a different one from case to case) and opens the others in the same tab as the browser's back and forward
buttons do (`browser.navigate`: the page's own run in the same session, the app's code not loaded again; the
same page drawn at the same size, for half the browser's CPU):
- every SVG text of a chart lies inside its SVG and inside every ancestor that clips it, and none is cut
  with "…"; no two labels a chart writes (text marks) overlap;
- no element with text is wider than its box (scrollWidth > clientWidth);
- the page never scrolls sideways;
- from 641 px up a table cell wraps between words, never inside a number with its unit, a range, a status or a
  short bracketed part; nor does the prose of a tile, a metric or a year-to-date card (text.linebreak.keep_units);
- the wall (big screen) never scrolls at the wall's sizes; on a phone it stacks its panels and scrolls down.
The same views also hold two other files' checks, so each page is shown once per size for all three (issue 24):
- at 1366×768 and 1920×1080 the plan's pages: test_browser_layout's (issue 14.2: no text cut off,
  `browser.clipped_text`, and its screenshots); that file keeps 1440×900 and the scenario at flat prices;
- at 1920×1080 and 3840×2160 the plan's wall panels: test_browser_screen's `check_panel` (fit, legibility,
  contrast, nothing cut off, its screenshots); that file keeps the rotation tests.
Screenshots go to artifacts/screenshots/fit-<page>-<width>x<height>-<lang>-<data>.png (CI keeps them).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import test_browser_screen as screen_checks
from playwright.sync_api import Page, expect

from lishi_metrics.views.registry import PAGES as REGISTERED

from browser import ARTIFACTS, clipped_text, navigate, require_browser, served, wait_finished, wait_ready, watch_runs
from conftest import plan_path_actuals

pytestmark = pytest.mark.browser

SIZES = ((360, 740), (390, 844), (1366, 768), (1920, 1080), (3840, 2160))
PHONE_MAX = 640  # px: below this the app is laid out for a phone
WALL_PANELS = 6  # the sixth, 经济运行, with the year-to-date figures of the actuals store
PAGES = tuple(p.url_path for p in REGISTERED if p.url_path != "screen")
# The sizes at which test_browser_layout's check of the plan's pages is made here (issue 14.2; see the docstring).
LAYOUT_SIZES = ((1366, 768), (1920, 1080))

MEASURE_JS = r"""
(wall) => {
  const out = [];
  const W = innerWidth, H = innerHeight;
  const SKIP = '[data-testid=stSidebar][aria-expanded=false], [data-testid=stDataFrame], '
             + '#vg-tooltip-element, [data-testid=stTooltipContent], [role=tooltip]';
  // shown: has a size and lies (partly) across the viewport's width: a closed sidebar is slid off to the left
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 1 && r.height > 1 && r.right > 0 && r.left < W; };
  const where = (el) => (el.getAttribute('data-testid') || el.className.toString() || el.tagName).slice(0, 50);
  // 1. chart text inside its SVG and every clipping ancestor, never ended with "…"
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.closest(SKIP) || !shown(svg) || !svg.querySelector('text')) continue;
    const boxes = [['svg', svg.getBoundingClientRect(), true, true]];
    // Clipping ancestors up to the first box that scrolls (beyond it, position depends on the scroll): a box that
    // scrolls down is no clip for text below the fold; one that hides overflow, or scrolls sideways, is.
    let scrolledX = false, scrolledY = false;
    for (let el = svg.parentElement; el && el !== document.body; el = el.parentElement) {  // body's overflow is the viewport's
      const cs = getComputedStyle(el);
      const cx = !scrolledX && cs.overflowX !== 'visible';
      const cy = !scrolledY && ['hidden', 'clip'].includes(cs.overflowY);
      if (cx || cy) boxes.push([where(el), el.getBoundingClientRect(), cx, cy]);
      if (['auto', 'scroll'].includes(cs.overflowX)) scrolledX = true;
      if (['auto', 'scroll'].includes(cs.overflowY)) scrolledY = true;
    }
    for (const t of svg.querySelectorAll('text')) {
      const s = t.textContent.trim();
      if (!s) continue;
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      if (s.endsWith('…')) { out.push(`chart text cut with …: ${s.slice(0, 60)}`); continue; }
      for (const [name, b, cx, cy] of boxes) {
        if ((cx && (r.left < b.left - 1 || r.right > b.right + 1)) || (cy && (r.top < b.top - 1 || r.bottom > b.bottom + 1))) {
          out.push(`chart text outside ${name} (x ${Math.round(r.left)}–${Math.round(r.right)}, y ${Math.round(r.top)}–${Math.round(r.bottom)} in x ${Math.round(b.left)}–${Math.round(b.right)}, y ${Math.round(b.top)}–${Math.round(b.bottom)}): ${s.slice(0, 60)}`);
          break;
        }
      }
    }
  }
  // 1b. no two labels a chart writes (its text marks) overlap; a label and its halo (the same text in the same
  // place) are one; axis and legend labels are Vega's to space. A box is the glyph cell Chromium measures less a
  // fifth of its height at the top and the bottom (a cell is about 1.4 em high, digits and hanzi stand 0.7–0.9 em).
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.closest(SKIP) || !shown(svg)) continue;
    const marks = [...svg.querySelectorAll('g.mark-text.role-mark text')]
      .map((t) => { const r = t.getBoundingClientRect(), e = 0.2 * r.height;
                    return [t.textContent.trim(), {left: r.left, right: r.right, top: r.top + e, bottom: r.bottom - e, width: r.width}]; })
      .filter(([s, r]) => s && r.width > 0);
    for (let i = 0; i < marks.length; i++) {
      for (let j = i + 1; j < marks.length; j++) {
        const [a, ra] = marks[i], [b, rb] = marks[j];
        if (a === b && Math.abs(ra.left - rb.left) < 1 && Math.abs(ra.top - rb.top) < 1) continue;
        const ox = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const oy = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (ox > 1 && oy > 1) out.push(`chart labels overlap (${Math.round(ox)}×${Math.round(oy)} px): 「${a.slice(0, 40)}」 and 「${b.slice(0, 40)}」`);
      }
    }
  }
  // 2. no element with text wider than its box: its scrollWidth exceeds its clientWidth because of text (its own or
  // a descendant's text lies beyond its padding box; a decoration such as a resize handle does not count), and
  // only the innermost such element is named
  const texts = (el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim() || n.parentElement.closest('svg')) continue;
      // text in an absolutely placed box (a slider's value above its thumb) is that box's, not el's
      let placed = false;
      for (let p = n.parentElement; p && p !== el; p = p.parentElement) {
        if (['absolute', 'fixed'].includes(getComputedStyle(p).position)) { placed = true; break; }
      }
      if (!placed) found.push(n);
    }
    return found;
  };
  const textOutside = (el) => {
    const b = el.getBoundingClientRect();
    const left = b.left + el.clientLeft, right = left + el.clientWidth;
    const range = document.createRange();
    return texts(el).some((n) => {
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      return r.width > 0 && (r.right > right + 1 || r.left < left - 1);
    });
  };
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || el.closest(SKIP)) continue;
    if (!(el.innerText || '').trim() || !shown(el)) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'inline' || cs.visibility === 'hidden') continue;
    if (el.scrollWidth > el.clientWidth + 1 && textOutside(el)) wide.push(el);
  }
  for (const el of wide) {
    if (wide.some((o) => o !== el && el.contains(o))) continue;
    out.push(`wider than its box (${el.scrollWidth} > ${el.clientWidth} px) ${where(el)}: ${el.innerText.trim().slice(0, 60)}`);
  }
  // 3. no sideways scroll of the page
  const doc = document.scrollingElement;
  if (doc.scrollWidth > W + 1) out.push(`the page scrolls sideways (${doc.scrollWidth} > ${W} px)`);
  const main = document.querySelector('[data-testid=stMain]');
  if (main && main.scrollWidth > main.clientWidth + 1) out.push(`the main block scrolls sideways (${main.scrollWidth} > ${main.clientWidth} px)`);
  // 5. on a phone the sidebar starts closed (issue 25.3)
  const sidebar = document.querySelector('[data-testid=stSidebar]');
  if (W <= 640 && sidebar && sidebar.getBoundingClientRect().right > 1 && getComputedStyle(sidebar).display !== 'none') {
    out.push('the sidebar is open on a phone');
  }
  // a match of a regular expression in text node n is drawn on more than one line
  const splitOverLines = (n, m) => {
    const range = document.createRange();
    range.setStart(n, m.index);
    range.setEnd(n, m.index + m[0].length);
    const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
    return tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 3;
  };
  // 6. a table cell wraps between words, never inside a number with its unit, a range, a status or a short
  // bracketed part (「2020 / 年」, 「154.7 亿 / 元」, 「1—10 / 月」, 「+0.4 个百 / 分点」, 「✓超额完 / 成」; issue 25.2)
  const TOKEN = /(?:(?<![A-Za-z0-9])[+−-])?\d[\d,.]*(?:[—–~-]\d[\d,.]*)?(?:[\s\u00a0\u2060]*(?:个百分点|百分点|亿元|万元|万人|%|年|月|pp|bn))?|[★▲●▼✓✗○↗][\s\u00a0][\u4e00-\u9fff\u2060]{1,12}|[（(][^\s（）()]{1,16}[)）]/g;
  for (const cell of (W > 640 ? document.querySelectorAll('td, th') : [])) {
    if (cell.closest(SKIP) || !shown(cell)) continue;
    for (const n of texts(cell)) {
      for (const m of n.textContent.matchAll(TOKEN)) {
        if (splitOverLines(n, m)) {
          out.push(`a cell wraps inside 「${m[0].replace(/[\u2060]/g, '')}」: ${cell.innerText.replace(/[\u2060]/g, '').slice(0, 60)}`);
        }
      }
    }
  }
  // 6b. prose outside tables that text.linebreak.keep_units joins (tiles, metrics, the year-to-date cards) never
  // wraps inside a number with its unit or a period: 「CNY 27.29 / bn」, 「2026年前三 / 季度」 (issue 25)
  const PROSE = /[+−-]?\d[\d,.]*(?:[\s\u00a0\u2060]*(?:个百分点|百分点|亿元|万元|万人|%|pp|bn))|(?:\d{4}[\u2060]?年[\u2060]?)?(?:前[\u2060]?[一二三四][\u2060]?季[\u2060]?度|上[\u2060]?半[\u2060]?年|\d{1,2}[\u2060]?[—–][\u2060]?\d{1,2}[\u2060]?月)/g;
  const proseBoxes = document.querySelectorAll('[data-testid=stMetricValue], [class*=-tile-] [data-testid=stMarkdownContainer], '
                                               + '.st-key-eco-cards [data-testid=stMarkdownContainer]');
  for (const box of proseBoxes) {
    if (box.closest(SKIP) || box.closest('td, th') || !shown(box)) continue;
    for (const n of texts(box)) {
      for (const m of n.textContent.matchAll(PROSE)) {
        if (splitOverLines(n, m)) {
          out.push(`prose wraps inside 「${m[0].replace(/[\u2060]/g, '')}」: ${box.innerText.replace(/[\u2060]/g, '').slice(0, 60)}`);
        }
      }
    }
  }
  // 4. the wall never scrolls
  if (wall) {
    if (doc.scrollHeight > H + 1) out.push(`the wall scrolls (${doc.scrollHeight} > ${H} px)`);
    if (main && main.scrollHeight > main.clientHeight + 1) out.push(`the wall scrolls (${main.scrollHeight} > ${main.clientHeight} px)`);
  }
  return out;
}
"""


def _actuals_store(store_dir) -> None:
    """A store with imported actuals, made from the plan's own rows: 2021–2023 beside the plan path for every
    numeric indicator (some ahead, some behind), and the target year for every third one (final verdicts)."""
    from lishi_metrics.actuals import store

    store.commit_import(store_dir, plan_path_actuals(), "fit test", "actuals.csv", "0" * 64)
    _periods_store(store_dir)


def _periods_store(store_dir) -> None:
    """The year-to-date figures of issue 26's cases (GDP by quarter, retail sales to October), level targets and
    every other indicator of the county set (eight tiles: the wall panel's two rows), imported by the CLI, so the
    经济运行 page and its wall panel are measured with their tables and charts."""
    from test_cli_periods import GDP, RETAIL, filled

    from lishi_metrics.cli import main as cli

    targets = (("gdp", 2026, 6.0, None), ("retail_sales", 2026, 6.0, None), ("budget_revenue", 2026, None, 30.0),
               ("industry_value_added", 2026, 7.0, None), ("new_urban_jobs", 2026, None, 5200.0))
    periods = ([("gdp", *r) for r in GDP] + [("retail_sales", *r) for r in RETAIL]
               + [("budget_revenue", "2026-10", 26.5, 3.0), ("fixed_asset_investment", "2026-10", None, -4.2),
                  ("industry_value_added", "2026-10", None, 7.4), ("new_urban_jobs", "2026-10", 4630.0, None),
                  ("urban_income", "2026-Q3", 31250.0, 4.6), ("rural_income", "2026-Q3", 12480.0, 6.1)])
    mp = pytest.MonkeyPatch()
    mp.setenv("LISHI_STORE_DIR", str(store_dir))
    try:
        assert cli.main(["periods", "import", str(filled(store_dir.parent / f"{store_dir.name}-periods.xlsx",
                                                          targets, periods)), "--by", "fit test"]) == 0
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def servers(app_url, tmp_path_factory):
    """The plan alone: the session's shared server (an empty store of its own); with actuals: one of this module's."""
    require_browser()
    store_dir = tmp_path_factory.mktemp("fit-store")
    _actuals_store(store_dir)
    with served(env={"LISHI_STORE_DIR": str(store_dir)}) as full:
        yield {"plan": app_url, "actuals": full}


def _shot_path(name: str, width: int) -> Path:
    """Where a view's screenshot goes: artifacts/screenshots/NAME.png, NAME.jpg above 2000 px (a 4K PNG is several
    MB)."""
    return ARTIFACTS / f"{name}.{'jpg' if width > 2000 else 'png'}"


def _shot(page, name: str, width: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = _shot_path(name, width)
    page.screenshot(path=str(path), **({"type": "jpeg", "quality": 70} if path.suffix == ".jpg" else {}))


@pytest.fixture(scope="module")
def tab(chromium):
    """One tab for the module's cases, in a browser context of its own: each case loads its first page afresh in
    it (a new document, so a new session) at the case's size; the app's code, fetched and compiled once, stays in
    the context's HTTP cache and in the tab's renderer process (a new tab per case started a process)."""
    ctx = chromium.new_context()
    page = ctx.new_page()
    watch_runs(page)
    yield page
    ctx.close()


def _measure(page: Page, base: str, urls: list[tuple[str, str, bool]], width: int, height: int, tag: str,
             also: Callable[[Page, str], list[str]] | None = None, first: int = 0) -> str:
    """Show each URL once in the module's tab at the size, screenshot it, measure it; the problems found, one a
    line. The URL `urls[first]` is loaded first (a new document at that size, so a fresh session laid out for the
    size from its first load: a phone's sidebar starts closed); the others follow it as the browser's back and
    forward buttons open a page (`browser.navigate`: the page's own run, without loading the app's code again),
    so each case loads a different page fresh. `also(page, name)`: another file's checks on the same view (it
    asserts, or returns problems to add)."""
    page.goto("about:blank")  # the last case's page is not laid out again at this size
    page.set_viewport_size({"width": width, "height": height})
    found: list[str] = []
    root = urlsplit(base).path.rstrip("/")
    for i, (name, path, wall) in enumerate(urls[first:] + urls[:first]):
        if i == 0:
            page.goto(f"{base}/{path}")
            wait_ready(page)
            wait_finished(page)
        else:
            navigate(page, f"{root}/{path}")
        assert page.locator("[data-testid=stException]").count() == 0, path
        _shot(page, f"fit-{name}-{width}x{height}-{tag}", width)
        found += [f"{name}: {p}" for p in page.evaluate(MEASURE_JS, wall and width > PHONE_MAX)]
        if also:
            found += [f"{name}: {p}" for p in also(page, name)]
    return "\n".join(found)


def _first(width: int, lang: str, data: str, count: int) -> int:
    """Which of a case's `count` URLs (its pages, then its wall views: two on a phone) it loads fresh: a different
    one from case to case, so every URL is also measured on a fresh load at some size. The eight phone cases start
    at the wall (its first panel and notice, then the first six pages), the twelve wider ones at the pages the
    phones did not reach (then the six panels, then the pages again)."""
    phones = [w for w, _ in SIZES if w <= PHONE_MAX]
    sizes = phones if width <= PHONE_MAX else [w for w, _ in SIZES if w > PHONE_MAX]
    case = sizes.index(width) * 4 + ("zh", "en").index(lang) * 2 + (data == "actuals")
    start = len(PAGES) if width <= PHONE_MAX else len(phones) * 4 - 2
    return (start + case) % count


@pytest.mark.parametrize("data", ["plan", "actuals"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_page_fits_and_the_wall_never_scrolls(servers, tab, width, height, lang, data):
    """Every page; then every wall panel at the wall's sizes (and 1366×768), or on a phone its first panel and the
    notice that links to the overview. One tab for all of them (the wall's views follow the pages by
    browser.navigate, as the pages follow each other: a tab and a fresh load fewer a case than a test for each)."""
    size = f"{width}x{height}"
    urls = [(p, f"{p}?lang={lang}", False) for p in PAGES]
    wall = [(f"screen-p{k}", f"screen?lang={lang}&rotate=0&panel={k}", True) for k in range(1, WALL_PANELS + 1)]
    if width <= PHONE_MAX:  # on a phone: the first panel, and the wall's own address, which shows the notice
        wall = [wall[0], ("screen", f"screen?lang={lang}&rotate=0", True)]

    def also(page, name):
        if name == "screen":  # the phone's notice that links to the overview, the panels hidden
            # expect() waits until the stylesheet has laid the page out for the phone (an is_visible() right after
            # the first visible title could catch the wall before screen.css hid it)
            expect(page.locator(".st-key-sc-phone")).to_be_visible(timeout=30_000)
            expect(page.locator("[class*=st-key-sc-panel-]")).to_be_hidden(timeout=30_000)
            return []
        if name.startswith("screen-p"):
            k = int(name.removeprefix("screen-p"))
            if data == "plan" and size in screen_checks.SIZES and k <= len(screen_checks.PANELS):
                screen_checks.check_panel(page, k, size, lang)  # test_browser_screen's checks of panels 1-5
                shot = _shot_path(f"fit-{name}-{size}-{lang}-{data}", width)
                shutil.copyfile(shot, ARTIFACTS / f"screen_{size}_{lang}_p{k}{shot.suffix}")  # that file's screenshot
            return []
        if data == "plan" and (width, height) in LAYOUT_SIZES:
            # test_browser_layout's check (see the docstring), its screenshot a copy of this one
            shutil.copyfile(_shot_path(f"fit-{name}-{size}-{lang}-{data}", width), ARTIFACTS / f"{name}-{size}-{lang}.png")
            return [f"cut off: {p}" for p in clipped_text(page)]
        return []
    found = _measure(tab, servers[data], urls + wall, width, height, f"{lang}-{data}", also,
                     _first(width, lang, data, len(urls) + len(wall)))
    assert not found, found
