"""English mode shows no Chinese (issue 14.6): every page, run with AppTest in English, has no Han characters in
what a reader sees: titles, Markdown, captions, metrics, tables, widget labels and options, tabs and charts.

The allow-list is small and each entry is there on purpose:
- the plan's own words, shown as originals under a label that says so: the "Plan text (Chinese original)"
  column of the sector tables (on a phone the same cell is a block quote under that header in its card), the
  explorer's row of a plan table "as printed, in Chinese" (its header starts with 序号) and its verbatim quote
  of the plan text (a Markdown block quote, the whole element);
- the note on the plan's money unit, which names 亿元 to say how it is shown in English;
- the language switch, where 中文 is the name of the other language in its own script.
Tooltips (help) are not checked: they are where the original Chinese term is kept.
"""

from __future__ import annotations

import io
import json
import re

import pyarrow as pa
import pytest

from lishi_metrics.text.i18n import t

from conftest import app_test

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
ORIGINAL_COLUMNS = {t("in_col_quote", "en")}
QUOTE_HEADERS = {f"{c}:" for c in ORIGINAL_COLUMNS}  # a card's line that opens the original's block quote
ALLOWED_TEXTS = {t("unit_yi_note", "en")}
ALLOWED_OPTIONS = {t("lang_zh", "en")}
WIDGETS = ("selectbox", "multiselect", "radio", "slider", "select_slider", "checkbox", "toggle", "text_input",
           "number_input", "button", "download_button", "pills", "segmented_control", "expander", "tab")


def _frame_texts(frame) -> list[str]:
    """Header and cells of a table, leaving out the columns that hold the plan's original words."""
    if len(frame.columns) and str(frame.columns[0]) == "序号":  # the explorer's printed row of a plan table
        return []
    keep = [c for c in frame.columns if str(c) not in ORIGINAL_COLUMNS]
    return [str(c) for c in keep] + [str(v) for v in frame[keep].to_numpy().ravel()]


def markdown_without_quotes(value: str) -> str:
    """A Markdown element's text minus the plan's own words, where they are marked as such: a block quote that
    is the whole element (the explorer's quote of the plan text), or one under the original column's header in
    a card (fmt.md_cards: the table's rule, "Plan text (Chinese original)", for a phone's cards). Any other
    line, a block quote elsewhere among them, is kept and checked."""
    lines = value.splitlines()
    if lines and all(line.startswith(">") for line in lines):
        return ""
    kept: list[str] = []
    for line in lines:
        if line.startswith(">") and kept and kept[-1] in QUOTE_HEADERS:
            continue
        kept.append(line)
    return "\n".join(kept)


def _chart_texts(element) -> list[str]:
    spec = json.loads(element.proto.spec)
    spec.pop("datasets", None)
    texts = [json.dumps(spec, ensure_ascii=False)]
    for dataset in element.proto.datasets:
        try:
            table = pa.ipc.open_stream(io.BytesIO(dataset.data.data)).read_all()
        except pa.ArrowInvalid:
            continue
        for column in table.columns:
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                texts += [str(v) for v in column.to_pylist()]
    return texts


def visible_texts(at) -> list[tuple[str, str]]:
    """(where, text) for everything a reader sees on the page, minus the allow-list."""
    out: list[tuple[str, str]] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error",
                 "success", "exception"):
        for e in getattr(at, kind):
            value = str(e.value)
            if kind == "markdown":
                value = markdown_without_quotes(value)
            if value not in ALLOWED_TEXTS:
                out.append((kind, value))
    for m in at.metric:
        out += [("metric", str(m.label)), ("metric", str(m.value)), ("metric", str(m.delta or ""))]
    for e in list(at.dataframe) + list(at.table):
        out += [("table", x) for x in _frame_texts(e.value)]
    for kind in WIDGETS:
        for e in at.get(kind):
            proto = e.proto
            out.append((kind, str(getattr(proto, "label", ""))))
            options = [str(getattr(o, "content", o)) for o in getattr(proto, "options", [])]  # pills: messages
            out += [(kind, o) for o in options if o not in ALLOWED_OPTIONS]
            out.append((kind, str(getattr(proto, "placeholder", ""))))
    for e in at.get("vega_lite_chart") + at.get("arrow_vega_lite_chart"):
        out += [("chart", x) for x in _chart_texts(e)]
    return out


def assert_english(at, where: str) -> None:
    assert not at.exception, at.exception
    found = [(kind, text) for kind, text in visible_texts(at) if HAN.search(text)]
    assert not found, f"{where}: Chinese in English mode: " + "; ".join(
        f"{kind}: {text[:160]!r}" for kind, text in found[:8])


def run(page: str, params: dict | None = None):
    at = app_test(page, {"lang": "en", **(params or {})})
    at.run()
    return at


@pytest.mark.parametrize("page", ["industries", "ecology", "livelihood", "data", "economy"])
def test_page_in_english_has_no_chinese(page):
    assert_english(run(f"pages/{page}.py"), page)


def test_overview_and_each_of_its_tabs_in_english():
    at = run("pages/overview.py")
    assert_english(at, "overview")
    for label in [tab.label for tab in at.tabs]:
        at.session_state["ov_tab"] = label
        at.run()
        assert_english(at, f"overview tab {label}")


def test_scenario_and_each_of_its_tabs_in_english():
    at = run("pages/scenario.py", {"sigma": "1"})
    assert_english(at, "scenario")
    for i in range(len(at.tabs)):
        at.session_state["sim_tab"] = at.tabs[i].label
        at.run()
        assert_english(at, f"scenario tab {i}")


@pytest.mark.parametrize("params", [
    {}, {"id": "fyp14_gdp"}, {"id": "fyp13_fixed_asset_investment"}, {"id": "tf_wind_capacity_2025"},
    {"kind": "figure"}, {"plan": "fyp13", "id": "fyp13_pm25"},
], ids=["table", "gdp", "fixed-assets", "figure", "figures", "fyp13-pm25"])
def test_explorer_and_its_detail_in_english(params):
    assert_english(run("pages/explorer.py", params), f"explorer {params}")


def test_explorer_source_column_reads_table_1_and_keeps_the_chinese_in_its_help():
    sources = set()
    for params in ({"plan": "fyp13"}, {"plan": "fyp14"}, {"plan": "fyp13", "kind": "figure"}):  # 15 rows a page
        sources |= set(run("pages/explorer.py", params).dataframe[0].value["Source"])
    assert sources >= {"Table 1", "Table 2", "ch. 1, sec. 1"}
    assert "专栏1" in t("ex_col_source_help", "en")


@pytest.mark.parametrize("panel", range(1, 6))
def test_big_screen_panels_in_english(panel):
    assert_english(run("pages/screen.py", {"panel": str(panel), "rotate": "0"}), f"screen panel {panel}")


def test_the_check_finds_chinese():
    """The check itself must fail on a Chinese page."""
    at = app_test("pages/industries.py", {"lang": "zh"})
    at.run()
    with pytest.raises(AssertionError, match="Chinese in English mode"):
        assert_english(at, "industries zh")


def test_a_card_may_quote_the_plan_only_under_the_original_header():
    """Cards (fmt.md_cards, a phone's tables) follow the tables' rule: Chinese under "Plan text (Chinese
    original)" is the plan's own text, marked as such; anywhere else in the card it is found."""
    import pandas as pd

    from lishi_metrics.text import fmt

    quote = t("in_col_quote", "en")
    card = fmt.md_cards(pd.DataFrame([["Cable plant", "ch. 3, sec. 1", "依托山西离石电缆有限公司"]],
                                     columns=["Enterprise", "Source", quote]), "en")
    assert HAN.search(card) and not HAN.search(markdown_without_quotes(card))
    assert markdown_without_quotes("> 规划原文一句") == ""  # the explorer's quote, a whole element
    leaks = [fmt.md_cards(pd.DataFrame([["电缆厂", "ch. 3", "依托"]], columns=["Enterprise", "Source", quote]), "en"),
             fmt.md_cards(pd.DataFrame([["Cable", "依托"]], columns=["Enterprise", "Note"]), "en"),
             "**Cable**  \nNote:\n> 依托", "Plan text:\n> 依托\n\nMore 中文"]
    assert all(HAN.search(markdown_without_quotes(m)) for m in leaks), leaks


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
@pytest.mark.parametrize("kind", ["docx", "pptx", "xlsx"])
def test_english_reports_have_no_chinese(kind):
    """The Word, PowerPoint and Excel reports in English: no Han characters in any text part (the Excel 'about'
    sheet was Chinese, 说明, whatever the language)."""
    import zipfile

    from lishi_metrics.reports import build

    parts = zipfile.ZipFile(io.BytesIO(build.document(kind, "en")))
    found = []
    for name in parts.namelist():
        if name.endswith(".xml"):
            text = re.sub(r"<[^>]+>", " ", parts.read(name).decode("utf-8", "ignore"))
            found += [(name, m.group(0)) for m in re.finditer(r"\S*[\u3400-\u9fff]\S*", text)]
    if kind == "xlsx":  # sheet names are attributes and cells may be shared strings: read them as Excel does
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(build.document(kind, "en")))
        found += [("sheet", ws.title) for ws in book.worksheets if HAN.search(ws.title)]
        found += [(ws.title, c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
                  if isinstance(c.value, str) and HAN.search(c.value)]
    assert not found, found[:8]
    zh = zipfile.ZipFile(io.BytesIO(build.document(kind, "zh")))
    assert any(HAN.search(zh.read(n).decode("utf-8", "ignore")) for n in zh.namelist() if n.endswith(".xml"))
