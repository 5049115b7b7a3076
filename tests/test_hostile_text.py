"""Text from data is text (issue 23.2): a plan whose every text field carries a payload renders literally on
every page, in both languages: no Markdown image or link, no HTML, no KaTeX, no Streamlit directive, no bidi
override, in any Markdown-rendering element."""

from __future__ import annotations

import re
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lishi_metrics import config
from lishi_metrics.text import fmt
from lishi_metrics.views.registry import PAGES

from conftest import app_test

HOST = "198.51.100.7"
PAYLOAD = (f"![x](http://{HOST}/x.png) [l](http://{HOST}/l) <img src=http://{HOST}/h.png> "
           "$\\color{red}{x}$ :red[red] :material/home: \u202eRTL\u202c zero\u200bwidth # h")
PAYLOAD = (PAYLOAD + " " + "长" * 300)[:300]
# Free-text columns of the shipped tables (ids, codes, units and printed values keep their meaning).
TEXT_COLUMNS = {
    "plans": ["name_zh", "name_en", "region_zh", "region_en", "short_name_zh", "short_name_en", "table_title_zh",
              "table_title_en", "stats_source_zh", "stats_source_en"],
    "indicators": ["name_zh", "name_en", "category_zh", "category_en", "note"],
    "projects": ["table_title_zh", "group_zh", "group_en", "name_zh", "name_en"],
    "sectors": ["name_zh", "name_en"],
    "enterprises": ["name_zh", "name_en", "quote"],
    "statements": ["text_zh", "text_en"],
    "text_figures": ["subject_zh", "subject_en", "quote"],
}
# What must never reach a Markdown element unescaped.
RAW = ["![x]", "[l](", "<img", "$\\color", ":red[", ":material/home:", "\u202e", f"http://{HOST}"]
MARKDOWN_KINDS = ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader",
                  "toast", "exception")


def write_payload_tables(target):
    """The shipped tables, copied to `target`, with the payload in every free-text cell."""
    shutil.copytree(config.parquet_dir(), target)
    for table, columns in TEXT_COLUMNS.items():
        path = target / f"{table}.parquet"
        data = pq.read_table(path)
        for column in columns:
            if column not in data.column_names:
                continue
            i = data.column_names.index(column)
            tagged = pa.array([None if v is None else f"{PAYLOAD}" for v in data.column(column).to_pylist()],
                              pa.string())
            data = data.set_column(i, column, tagged)
        if table in ("plans", "indicators"):
            # The shipped plans are named by the app's own texts; an imported plan by its data. Renaming the
            # earlier plan's id makes it one the app knows only from its data (the overview's scoreboard and
            # the plan chooser name it).
            for column in ("plan_id", "previous_plan_id"):
                if column in data.column_names:
                    i = data.column_names.index(column)
                    ids = ["pwn13" if v == "fyp13" else v for v in data.column(column).to_pylist()]
                    data = data.set_column(i, column, pa.array(ids, pa.string()))
        pq.write_table(data, path)
    return target


@pytest.fixture(scope="module")
def payload_tables(tmp_path_factory):
    """The payload tables, written once for the module (the app only reads its data directory)."""
    return write_payload_tables(tmp_path_factory.mktemp("payload") / "pq")


@pytest.fixture
def payload_data(payload_tables, monkeypatch):
    target = payload_tables
    monkeypatch.setenv("LISHI_DATA_DIR", str(target))
    from lishi_metrics.data import db

    db.reset()
    return target


def markdown_bodies(at) -> list[tuple[str, str]]:
    out = []
    for kind in MARKDOWN_KINDS:
        for element in getattr(at, kind, []):
            out.append((kind, str(getattr(element, "value", ""))))
    for table in at.table:  # st.table renders its cells (and headers) as Markdown
        frame = table.value
        out += [("table header", str(c)) for c in frame.columns]
        out += [("table cell", str(v)) for row in frame.itertuples(index=False) for v in row]
    for m in at.metric:
        out += [("metric label", str(m.label)), ("metric value", str(m.value))]
    for kind in ("expander", "tabs", "tab"):
        try:
            elements = at.get(kind)
        except Exception:  # noqa: BLE001 (an element kind this Streamlit version does not have)
            continue
        out += [(kind, str(getattr(e, "label", ""))) for e in elements]
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_data_text_reaches_no_markdown_element_unescaped(payload_data, page, lang):
    at = app_test(page, {"lang": lang, "rotate": "0"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    found = [(kind, raw, body[:160]) for kind, body in markdown_bodies(at) for raw in RAW
             if re.search(r"(?<!\\)" + re.escape(raw), body)]
    assert not found, found
    html = [str(getattr(e, "proto", e)) for e in at.get("html")]
    assert not [h for h in html if "<img src=http" in h or "\u202e" in h or "‮" in h], "HTML not escaped"


@pytest.mark.browser
@pytest.mark.slow
def test_no_request_leaves_loopback_with_the_payload_plan(tmp_path, payload_tables, new_page):
    """Every page in both languages in the session's Chromium, the server reached directly (no nginx, so no CSP)."""
    from urllib.parse import urlparse

    from browser import served, show, watch_runs

    target = payload_tables
    requests: list[str] = []
    env = {"LISHI_DATA_DIR": str(target), "LISHI_STORE_DIR": str(tmp_path / "store")}
    with served(env=env) as base:
        page = new_page(viewport={"width": 1920, "height": 1080})
        page.on("request", lambda r: requests.append(r.url))
        watch_runs(page)
        for spec in PAGES:
            for lang in ("zh", "en"):
                # the app loaded once; every other page opened as the back/forward buttons do (browser.show)
                show(page, base, f"{spec.url_path}?lang={lang}&rotate=0")
                for button in page.get_by_test_id("stExpanderToggleIcon").all()[:10]:
                    button.click()  # expanders hold tables of data text: open them
    foreign = [u for u in requests if not u.startswith(("data:", "blob:", "about:"))
               and urlparse(u).hostname not in {"127.0.0.1", "localhost", "::1", "[::1]"}]
    assert not foreign, sorted(set(foreign))[:10]
    assert not [u for u in requests if HOST in u]
    assert len(requests) > 20, "the pages made suspiciously few requests: did they load?"


@pytest.mark.parametrize("text, into, expected", [
    ("![x](http://h/x.png)", "markdown", "!\\[x\\](http\u200b\\://h/x.png)"),
    (":red[a] :material/home: $x$", "markdown", "\\:red\\[a\\] \\:material/home\\: \\$x\\$"),
    ("a\u202eb\u200bc", "markdown", "abc"),
    ("<b>&'\"", "html", "&lt;b&gt;&amp;&#x27;&quot;"),
    ("a\u202eb <b>", "chart", "ab <b>"),
    ("=1+1\u200b", "cell", "=1+1"),
])
def test_the_one_escaper_makes_text_literal_for_each_element(text, into, expected):
    assert fmt.md_escape(text, into) == expected


def test_an_unknown_element_kind_is_refused():
    with pytest.raises(ValueError, match="unknown element"):
        fmt.md_escape("x", "pdf")


def test_no_raw_payload_survives_markdown_escaping():
    escaped = fmt.md_escape(PAYLOAD)
    assert not [raw for raw in RAW if re.search(r"(?<!\\)" + re.escape(raw), escaped)]
    assert not re.search(r"(?<!\\)[\[\]$<]", escaped)


@pytest.mark.parametrize("page, key", [("pages/ecology.py", "ec_plan"), ("pages/livelihood.py", "lv_plan")])
def test_a_renamed_predecessor_is_offered_by_the_sector_pages_row_filter_in_escaped_words(payload_data, page, key):
    """The sector pages' row filter takes its choices from the plans table (fyp14's predecessor, renamed pwn13,
    is a plan the texts know nothing of) and its words from the plans' short names, escaped (issue 21)."""
    at = app_test(page, {"lang": "zh", "table": "pwn13"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    control = next(s for s in at.segmented_control if s.key == key)
    assert control.value == "pwn13" and len(control.options) == 3
    assert not [(o, raw) for o in control.options for raw in RAW if re.search(r"(?<!\\)" + re.escape(raw), o)]
    assert at.table, "the renamed predecessor's rows"
