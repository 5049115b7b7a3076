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


@pytest.fixture
def payload_data(tmp_path, monkeypatch):
    target = tmp_path / "pq"
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
        pq.write_table(data, path)
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
