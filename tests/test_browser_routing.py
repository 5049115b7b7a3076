"""Real browser: every page URL opens its page, whatever earlier visitors opened (issue 14, item 1).

The bug this guards against was process-wide: Streamlit ran the pages/ files as legacy pages until the
first visit to `/`, and from then on `/overview` opened a "Page not found" dialog and fell back to `/`.
So each test starts a server of its own and checks the order of visits, not one URL.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from lishi_metrics.text.i18n import t
from lishi_metrics.views.registry import PAGES

from browser import POLL, REPO, served, served_replicas

pytestmark = pytest.mark.browser

TIMEOUT = 120_000  # ms; generous because the test machine is shared (only reached when a check fails)

# Headings that are not the page title (the big screen's heading is its rotating panel's title).
HEADINGS = {"scenario": ("sim_title", {"year": 2025, "gdp": "地区生产总值"}), "screen": None}  # the default plan: its
# target year and its GDP row's own name (the title names it: 国内生产总值 under a national plan)


def readme_urls() -> list[str]:
    """The URLs of the README's page table (`| name | `/path` | what |`)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    urls = re.findall(r"^\|[^|]+\|\s*`(/[^`]*)`\s*\|", text, flags=re.M)
    assert len(urls) == len(PAGES), urls  # the table lists every page
    return urls


def deep_links() -> list[str]:
    """Every page of the registry (languages alternating), the README's URLs and the shapes users type."""
    urls = [f"/{p.url_path}?lang={'zh' if i % 2 else 'en'}" for i, p in enumerate(PAGES)]
    urls += readme_urls()
    urls += ["/overview?lang=zh", "/scenario?lang=en", "/overview/", "/scenario/?lang=en", "/screen?rotate=20&lang=en",
             "/?lang=en"]
    return list(dict.fromkeys(urls))


def expected(url: str) -> tuple[str, str, str | None, str]:
    """(page url_path, document title, heading or None, path the address bar should keep) for a URL."""
    parts = urlsplit(url)
    path = parts.path.strip("/")
    lang = parse_qs(parts.query).get("lang", ["zh"])[0]
    spec = next(p for p in PAGES if p.url_path == (path or PAGES[0].url_path))
    heading = HEADINGS.get(spec.url_path, (spec.title_key, {}))
    return (spec.url_path, f"{t(spec.title_key, lang)} · {t('app_title', lang)}",
            t(heading[0], lang, **heading[1]) if heading else None, path)


class Tabs:
    """One browser tab for a test's visits. Each visit loads its URL in it afresh (`page.goto`): a new document, so
    a session of its own on the server, which is what the routing depends on (the frontend keeps its session id in
    memory only). The app's code comes from the context's HTTP cache and is compiled already in the tab's renderer
    process; a new tab per visit cost a fifth more of the browser's CPU (docs/benchmarks.md).

    The viewport, 1024×600, is wider than Streamlit's 768 px breakpoint, so the sidebar is expanded as on a
    laptop; nothing checked here depends on the size, and a smaller window is less to draw."""

    def __init__(self, context):
        self.context = context
        self.page = None

    def open(self, base: str, url: str):
        """The tab, showing a new document of base + url (its load event passed)."""
        if self.page is None or self.page.is_closed():
            self.page = self.context.new_page()
            self.page.set_default_timeout(TIMEOUT)
        self.page.goto(base + url, wait_until="load")
        return self.page


@pytest.fixture
def tabs(chromium):
    """The test's Tabs, in one browser context of its own."""
    context = chromium.new_context(viewport={"width": 1024, "height": 600})
    yield Tabs(context)
    context.close()


def new_tab(context):
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    return page


def visit(b: Tabs, base: str, url: str, links: bool = False) -> tuple[str, list[str]]:
    """Load `url` afresh in the test's tab, wait until its script run has finished, check the page; return the
    address and, with `links`, the hrefs of its sidebar's page links as paths under the server's base."""
    page = b.open(base, url)
    return check(page, base, url), sidebar_links(page, base) if links else []


def check(page, base: str, url: str) -> str:
    """Wait until the tab opened at `url` has finished its script run; check it shows that page; return the address."""
    from playwright.sync_api import expect  # only once require_browser() has found playwright

    url_path, title, heading, path = expected(url)
    # Finished: connected, the script no longer running, the page's own title set and a heading drawn.
    page.wait_for_function(
        """(title) => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.dataset.testScriptState === 'notRunning'
                && app.dataset.testConnectionState === 'CONNECTED'
                && document.title === title && document.querySelector('h1');
        }""",
        arg=title, timeout=TIMEOUT, polling=POLL)
    body = page.locator("body").inner_text()
    assert "Page not found" not in body, f"{url}: {body[:300]}"
    assert page.locator('[role="dialog"]').count() == 0, url
    if heading is not None:
        expect(page.locator("h1").first).to_have_text(heading, timeout=TIMEOUT)
    # The address keeps the page (no fall-back to `/`), and the language asked for.
    shown = urlsplit(page.url)
    base_path = urlsplit(base).path.rstrip("/")
    assert shown.path.removeprefix(base_path).strip("/") == path, (url, page.url)
    if "lang=" in url:
        assert parse_qs(shown.query).get("lang") == parse_qs(urlsplit(url).query)["lang"], (url, page.url)
    if url_path != "screen":  # the wall display has no sidebar; every other page links to every page
        links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"] a')
        expect(links).to_have_count(len(PAGES), timeout=TIMEOUT)
    return page.url.removeprefix(base)


def sidebar_links(page, base: str) -> list[str]:
    """The hrefs of the sidebar's page links on a checked page, as paths under the server's base."""
    links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"] a')
    # The hrefs are relative to the page's address, as the browser resolves them.
    hrefs = [urljoin(page.url, links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert len(hrefs) == len(PAGES) and all(h.startswith(base + "/") for h in hrefs), hrefs
    return [h.removeprefix(base) for h in hrefs]


def test_root_first_then_every_link(tabs):
    """`/` opened first (it used to switch the whole server to st.navigation), then every deep link,
    the sidebar's links and the addresses the pages wrote (share links) open their page without a dialog."""
    with served() as base:
        visit(tabs, base, "/")
        # The sidebars of these two deep links are read on their visit (a tab of their own before).
        with_links = ["/?lang=en", "/scenario?lang=zh"]
        seen = {url: visit(tabs, base, url, links=url in with_links) for url in deep_links()}
        shared = [address for address, _ in seen.values()]
        sidebar = [link for url in with_links for link in seen[url][1]]
        for url in [u for u in dict.fromkeys(sidebar + shared) if u not in deep_links()]:
            visit(tabs, base, url)


def test_deep_links_first_then_root_then_again(tabs):
    """The reverse order on a fresh server: deep links (routed by Streamlit's legacy pages/ router before the
    fix), then `/`, then the same links again. (Every other deep link after `/` is test_root_first_then_every_link's:
    from `/` on, the router is the same whatever came before.)"""
    first = readme_urls() + ["/overview?lang=zh", "/scenario?lang=en"]
    with served() as base:
        for url in first:
            visit(tabs, base, url)
        visit(tabs, base, "/")
        for url in first:
            visit(tabs, base, url)


def test_first_visitors_at_once(tabs):
    """A restart with tabs open: several sessions start their first run together, before any has finished
    (before the fix the first runs of a process went through the legacy router)."""
    urls = ["/scenario?lang=en", "/overview?lang=zh", "/explorer?lang=zh", "/", "/industries?lang=en"]
    with served() as base:
        # Tabs of their own processes (context.new_page), as independent of each other as a restart finds them.
        opened = [new_tab(tabs.context) for _ in urls]
        try:
            for tab, url in zip(opened, urls):
                tab.goto(base + url, wait_until="commit")
            for tab, url in zip(opened, urls):
                check(tab, base, url)
        finally:
            for tab in opened:
                tab.close()


def test_under_nginx_at_lishi(tabs):
    """Behind nginx (deploy/nginx-lishi.conf) the app lives under /lishi/ (STREAMLIT_SERVER_BASE_URL_PATH): same rules.
    Its nginx and app process listen on free loopback ports of their own."""
    with served_replicas(1) as server:
        base = server.base_url
        for url in ["/overview?lang=zh", "/", "/overview?lang=zh", "/overview/", "/scenario?lang=en",
                    "/screen?rotate=20&lang=en"]:
            visit(tabs, base, url)
        for url in visit(tabs, base, "/?lang=zh", links=True)[1]:  # that page checked too (before: only read)
            visit(tabs, base, url)
