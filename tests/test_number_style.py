"""One number style (issue 25.4): every page (AppTest), every wall panel and every document (docx, pptx, xlsx)
is read as a user reads it, in Chinese and English, with and without imported actuals, and the renderings are
checked against each other:

- the same figure of one indicator never reads two ways (read beside the indicator's name: a tile, a table row,
  a slide's text box): its levels in its own unit are at its display precision with trailing zeros dropped
  (never 75.00% beside 75%, 255.0 beside 255, 2.20% beside 2.2%), and its plan-path pace in percentage points
  has one rendering (the wall's +0.3 beside the overview's +0.31 was two);
- the plan path's value for one indicator and year reads the same on every tile that shows it;
- one minus (U+2212, never "-3.2%"), one percent style (no space before %; English "% a year", never "%/yr";
  Chinese 「年均 x%」, never 「x%/年」);
- counts of things are whole (never "40.9 enterprises").

The check itself is shown to fail on planted disagreements (synthetic texts, and a wall pace printed with one
decimal fewer than the overview's). Levels are checked against the display precision rather than against each
other: 76 and 76.2 岁 are two figures (base and target), not one printed two ways.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pandas as pd
import pytest

from conftest import app_test, plan_path_actuals, tile_cards

pytestmark = pytest.mark.slow

PAGES = ("overview", "scenario", "industries", "ecology", "livelihood", "economy", "explorer", "data")
WALL_PANELS = range(1, 7)
DOCUMENTS = ("docx", "pptx", "xlsx")
MINUS = "\u2212"

# A number with its unit: sign, whole part, decimals, unit. Units are the ones a figure of an indicator reads in.
UNITS = ("%", "‰", "个百分点", "pp", "亿元", "万元", "元", "bn", "million", "户", "enterprises", "万人", "岁",
         "years", "万吨", "立方米", "m³")
_NUMBER = re.compile(r"(?<![\w.,])([+\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?("
                     + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + r")(?![\w])")
_ASCII_MINUS = re.compile(r"(?<![\w.\-/:])-(?=\d)")
_SPACED_PERCENT = re.compile(r"\d %")
_SHORT_YEAR = re.compile(r"\d ?(%|pp|bn|million)?/yr\b|\d\s?%/年")
_PATH = re.compile(r"(?:规划路径|[Pp]lan path)\s*(?:(\d{4})年?[：:]\s*)?([+\u2212]?\d[\d,]*(?:\.\d+)?\s?\S*)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass
class Reading:
    """What one run of the scan read: free texts (style rules), records (one tile, table row or text box each:
    the same-figure rules) and tiles (the plan-path rule), each with where it was read."""

    texts: list[tuple[str, str]] = field(default_factory=list)
    records: list[tuple[str, str]] = field(default_factory=list)
    paths: list[tuple[str, str, str, str]] = field(default_factory=list)  # where, record, year, value


def _names(lang: str) -> list[tuple[str, str]]:
    """(name, indicator id) of every indicator's name and wall short name in `lang`, longest first."""
    from lishi_metrics.data import db

    out: dict[str, str] = {}
    for plan in ("fyp14", "fyp13"):  # a name both plans print (人均预期寿命) is the current plan's row
        for r in db.indicator_table(plan).itertuples():
            for col in (("name_en", "short_name_en") if lang == "en" else ("name_zh", "short_name_zh")):
                name = getattr(r, col, None)
                if isinstance(name, str) and len(name) >= 3:
                    out.setdefault(name, r.indicator_id)
    return sorted(out.items(), key=lambda p: -len(p[0]))


def indicator_of(record: str, names: list[tuple[str, str]]) -> str | None:
    """The one indicator whose name the record holds (longest name first; a name inside a longer one found is
    not counted again); None when it names none or several."""
    found, rest = set(), record
    for name, iid in names:
        if name in rest:
            found.add(iid)
            rest = rest.replace(name, " ")
    return found.pop() if len(found) == 1 else None


def numbers(text: str) -> list[tuple[str, str, str, str]]:
    """(sign, whole, decimals, unit) of every number with a unit in `text`."""
    return [(m.group(1), m.group(2).replace(",", ""), m.group(3) or "", m.group(4)) for m in _NUMBER.finditer(text)]


def style_problems(texts: list[tuple[str, str]], lang: str) -> list[str]:
    out = []
    for where, text in texts:
        for rx, what in ((_ASCII_MINUS, "ASCII minus"), (_SPACED_PERCENT, "space before %"),
                         (_SHORT_YEAR, "%/yr or %/年 instead of the one style")):
            m = rx.search(text)
            if m:
                out.append(f"{where}: {what}: …{text[max(0, m.start() - 30):m.end() + 20]!r}")
        for m in re.finditer(r"(\d+\.\d+)\s?(户|enterprises)(?![\w])", text):
            out.append(f"{where}: a count with decimals: {m.group(0)!r}")
    return out


def indicator_units() -> dict[str, tuple[int, set[str]]]:
    """indicator id → (display precision, the unit words its levels read in: % ; 亿元 / bn, million …)."""
    from lishi_metrics.data import db

    money = {"亿元", "万元", "元", "bn", "million"}
    out = {}
    for plan in ("fyp13", "fyp14"):
        for r in db.indicator_table(plan).itertuples():
            unit = r.unit_zh if isinstance(r.unit_zh, str) else ""
            words = {unit} | ({"bn", "million"} if unit in money else set())
            if unit == "岁":
                words.add("years")
            if unit == "户":
                words.add("enterprises")
            out[r.indicator_id] = (int(r.decimals), {w for w in words if w in UNITS})
    return out


def disagreements(records: list[tuple[str, str]], names: list[tuple[str, str]],
                  units: dict[str, tuple[int, set[str]]]) -> list[str]:
    """The same figure of one indicator printed two ways:
    - a level in the indicator's own unit with more decimals than its display precision, or a trailing zero
      (255.0 亿元, 75.00%, 2.20%, 40.9 户): every other rendering of it is the trimmed one at that precision;
    - the plan path's pace in percentage points (signed) of one indicator in two renderings that agree when the
      finer is rounded to the coarser's decimals (the wall's +0.3 beside the overview's +0.31)."""
    paces: dict[str, dict[str, str]] = {}
    out = []
    value = lambda s: float(s.replace(MINUS, "-"))  # noqa: E731
    for where, record in records:
        iid = indicator_of(record, names)
        if iid is None or iid not in units:
            continue
        precision, words = units[iid]
        for sign, whole, decimals, unit in numbers(record):
            text = f"{sign}{whole}{'.' + decimals if decimals else ''}"
            if not sign and unit in words and unit not in ("bn", "million"):  # CNY scaled: more decimals by design
                if len(decimals) > precision or decimals.endswith("0"):
                    out.append(f"{iid} ({unit}): {text} in {where} is not at its precision ({precision} decimals, "
                               "trailing zeros dropped)")
            if sign and unit in ("个百分点", "pp"):
                for other, other_where in paces.setdefault(iid, {}).items():
                    a, b = sorted((text, other), key=lambda x: len(x.split(".")[1]) if "." in x else 0)
                    coarse = len(a.split(".")[1]) if "." in a else 0
                    if a != b and round(value(b), coarse) == value(a):
                        out.append(f"{iid} ({unit}): {text} in {where} vs {other} in {other_where}")
                paces[iid].setdefault(text, where)
    return out


def path_disagreements(paths: list[tuple[str, str, str, str]], names: list[tuple[str, str]]) -> list[str]:
    shown: dict[tuple[str, str], tuple[str, str]] = {}
    out = []
    for where, record, year, value in paths:
        iid = indicator_of(record, names)
        if iid is None:
            continue
        first = shown.setdefault((iid, year), (value, where))
        if first[0] != value:
            out.append(f"{iid} plan path {year}: {value!r} in {where} vs {first[0]!r} in {first[1]}")
    return out


# --- reading the charts: what their text marks, titles and legends will print -----------------------------

_D3 = re.compile(r"^(,)?(?:\.(\d+))?(~)?([fd%])$")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_BARE = re.compile(r"^[+\u2212]?\d[\d,]*(?:\.\d+)?$")


def d3_format(value: float, spec: str) -> str:
    """`value` as Vega prints it with the d3-format `spec` (the subset the charts use: ``,.4~f``, ``d``, ``.1%``,
    ``%``); d3 writes its minus as U+2212. Another spec fails the scan, so nothing goes unread."""
    m = _D3.match(spec)
    assert m, f"a chart format the scan cannot read: {spec!r}"
    comma, precision, trim, kind = m.groups()
    if kind == "%":
        value *= 100
    digits = 0 if kind == "d" else int(precision) if precision is not None else 6
    text = f"{abs(value):{',' if comma else ''}.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text.strip("0.,") == "":
        value = 0.0
    return (MINUS if value < 0 else "") + text + ("%" if kind == "%" else "")


def _strings(title: object) -> list[str]:
    """The texts a title, axis or legend title may print: a string, lines, or an expression's string literals
    (a title that wraps by width lists each wrapping)."""
    if isinstance(title, str):
        return [title] if title else []
    if isinstance(title, list):
        return ["".join(str(x) for x in title)] + [str(x) for x in title]
    if isinstance(title, dict):
        if "expr" in title:
            import json

            return [json.loads(f'"{m}"') for m in _STRING.findall(title["expr"])]
        return _strings(title.get("text")) + _strings(title.get("subtitle"))
    return []


def chart_readings(spec: dict, datasets: dict[str, list[dict]], where: str) -> tuple[list[str], list[str]]:
    """(texts, records) of one Vega-Lite spec as drawn: every title, axis and legend title and legend label
    (texts), and every value a text mark prints (a text and a record: the chart's title, the datum's other
    texts — its name, series, tooltip — and the printed value, with the axis's unit when the label is a bare
    number on an axis titled by its unit: 154.7 on an axis titled 亿元 reads 154.7 亿元)."""
    texts: list[str] = []
    records: list[str] = []
    title = " ".join(_strings(spec.get("title")))
    texts += _strings(spec.get("title"))
    inline = {k: v for k, v in (spec.get("datasets") or {}).items()}

    def rows_of(data: object, parent: list[dict]) -> list[dict]:
        if isinstance(data, dict) and "name" in data:
            name = data["name"]
            found = datasets.get(name, inline.get(name))
            assert found is not None, f"{where}: chart data {name!r} not found"
            return found
        if isinstance(data, dict) and "values" in data:
            return list(data["values"])
        return parent

    def walk(view: dict, parent: list[dict], parent_enc: dict) -> None:
        rows = rows_of(view.get("data"), parent)
        enc = {**parent_enc, **(view.get("encoding") or {})}
        texts.extend(_strings(view.get("title")))
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in view.get(key) or []:
                walk(child, rows, enc)
        if "spec" in view:
            walk(view["spec"], rows, enc)
        mark = view.get("mark")
        if mark is None:
            return
        kind = mark if isinstance(mark, str) else mark.get("type")
        unit = ""
        for channel, e in enc.items():
            if not isinstance(e, dict):
                continue
            texts.extend(_strings(e.get("title")))
            for guide in ("axis", "legend"):
                if isinstance(e.get(guide), dict):
                    texts.extend(_strings(e[guide].get("title")))
            if channel in ("x", "y") and e.get("type") == "quantitative" and isinstance(e.get("title"), str):
                unit = e["title"] if e["title"] in UNITS else unit
            if channel in ("color", "shape", "strokeDash", "fill") and e.get("legend", {}) is not None:
                domain = (e.get("scale") or {}).get("domain")
                if isinstance(domain, list):
                    texts.extend(str(d) for d in domain)
                elif e.get("field"):
                    texts.extend(str(r.get(e["field"])) for r in rows if r.get(e["field"]) is not None)
        if kind != "text":
            return
        if isinstance(mark, dict) and isinstance(mark.get("text"), str):
            texts.append(mark["text"])
        channel = enc.get("text")
        if not isinstance(channel, dict):
            return
        if "value" in channel:
            texts.extend(_strings(channel["value"]))
            return
        field = channel.get("field")
        for row in rows:
            assert field in row, f"{where}: a text mark prints {field!r}, which its data lacks (a transform?)"
            value = row[field]
            if value is None:
                continue
            if isinstance(value, (int, float)):
                assert channel.get("format"), f"{where}: a number printed without a format: {field!r}"
                printed = d3_format(float(value), channel["format"])
            else:
                printed = str(value)
            texts.append(printed)
            shown = f"{printed} {unit}" if unit and _BARE.match(printed) else printed
            others = [str(v) for k, v in row.items() if k != field and isinstance(v, str)]
            records.append(" · ".join([title, *others, shown]))

    walk(spec, [], {})
    return texts, records


def read_chart(spec: dict, datasets: dict[str, list[dict]], where: str, reading: Reading) -> None:
    texts, records = chart_readings(spec, datasets, where)
    reading.texts += [(f"{where} chart", x) for x in texts]
    reading.records += [(f"{where} chart", x) for x in records]


def _app_charts(at) -> list[tuple[dict, dict[str, list[dict]]]]:
    """(spec, datasets) of every Vega-Lite chart of an AppTest run (datasets as Arrow bytes, by name)."""
    import json

    import pyarrow as pa

    out = []
    for e in at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart"):
        datasets = {}
        for d in e.proto.datasets:
            table = pa.ipc.open_stream(io.BytesIO(d.data.data)).read_all()
            datasets[d.name] = table.to_pylist()
        out.append((json.loads(e.proto.spec), datasets))
    return out


# --- reading the surfaces ------------------------------------------------------------------------------------

def _frame_rows(frame: pd.DataFrame) -> list[str]:
    return [" | ".join(str(v) for v in row) for row in frame.astype(str).itertuples(index=False, name=None)]


def read_app(at, where: str, reading: Reading) -> None:
    from test_english_mode import visible_texts

    assert not at.exception, at.exception
    for kind, text in visible_texts(at):
        if kind != "chart":
            reading.texts.append((where, text))
            if kind in ("markdown", "caption", "info", "warning"):
                reading.records += [(where, line) for line in text.splitlines() if line.strip()]
    for e in list(at.dataframe) + list(at.table):
        reading.records += [(where, row) for row in _frame_rows(e.value)]
    for spec, datasets in _app_charts(at):
        read_chart(spec, datasets, where, reading)
    for card in tile_cards(at):
        record = " · ".join([card["name"], card["label"], card["value"], *card["lines"], card["help"]])
        reading.records.append((where, record))
        year = _YEAR.search(card["label"])
        for part in card["lines"]:
            m = _PATH.search(part)
            if m and (m.group(1) or year):
                reading.paths.append((where, card["name"], m.group(1) or year.group(1), m.group(2)))


def read_document(kind: str, lang: str, reading: Reading) -> None:
    from unittest import mock

    from lishi_metrics.reports import build, images

    drawn: list[dict] = []
    real_png = images.png

    def png(chart, scale: float = 2.0) -> bytes:  # the specs the document draws, read as the pages' are
        drawn.append(chart.to_dict(validate=False) if hasattr(chart, "to_dict") else chart)
        return real_png(chart, scale)

    with mock.patch.object(images, "png", png):
        payload = build.document(kind, lang)
    where = f"{kind} {lang}"
    for spec in drawn:
        read_chart(spec, {}, where, reading)
    if kind == "docx":
        import docx

        doc = docx.Document(io.BytesIO(payload))
        reading.texts += [(where, p.text) for p in doc.paragraphs]
        reading.records += [(where, p.text) for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                text = " | ".join(c.text for c in row.cells)
                reading.texts.append((where, text))
                reading.records.append((where, text))
    elif kind == "pptx":
        from pptx import Presentation

        def walk(shapes, slide_no):
            for shape in shapes:
                if getattr(shape, "shapes", None) is not None and shape.shape_type == 6:  # a group
                    walk(shape.shapes, slide_no)
                if shape.has_text_frame and shape.text_frame.text.strip():
                    text = " · ".join(p.text for p in shape.text_frame.paragraphs if p.text)
                    reading.texts.append((f"{where} slide {slide_no}", text))
                    reading.records.append((f"{where} slide {slide_no}", text))
                if getattr(shape, "has_table", False) and shape.has_table:
                    for row in shape.table.rows:
                        text = " | ".join(c.text for c in row.cells)
                        reading.texts.append((f"{where} slide {slide_no}", text))
                        reading.records.append((f"{where} slide {slide_no}", text))

        for i, slide in enumerate(Presentation(io.BytesIO(payload)).slides, 1):
            walk(slide.shapes, i)
    else:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(payload))
        for ws in book.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells = [str(v) for v in row if isinstance(v, str)]
                if cells:
                    text = " | ".join(cells)
                    reading.texts.append((f"{where} {ws.title}", text))
                    reading.records.append((f"{where} {ws.title}", text))


def read_everything(lang: str, pages=PAGES, panels=WALL_PANELS, documents=DOCUMENTS) -> Reading:
    reading = Reading()
    for page in pages:
        at = app_test(f"pages/{page}.py", {"lang": lang})
        at.run()
        read_app(at, f"{page} {lang}", reading)
    for panel in panels:
        at = app_test("pages/screen.py", {"lang": lang, "panel": str(panel), "rotate": "0"})
        at.run()
        read_app(at, f"wall panel {panel} {lang}", reading)
    for kind in documents:
        read_document(kind, lang, reading)
    return reading


def import_actuals() -> None:
    """Actuals for 2021–2023 beside the plan path of every numeric 14th-plan row (some ahead, some behind, some
    on it) and the target year for every third row, into the test's own store."""
    import os
    from pathlib import Path

    from lishi_metrics import shared_cache
    from lishi_metrics.actuals import store
    from lishi_metrics.data import db

    store.commit_import(Path(os.environ["LISHI_STORE_DIR"]), plan_path_actuals(),
                        "number style test", "actuals.csv", "0" * 64)
    db.reset()
    shared_cache.clear_all()


# --- the scan -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", ["plan", "actuals"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_panel_and_document_prints_each_figure_one_way(lang, data):
    if data == "actuals":
        import_actuals()
    reading = read_everything(lang)
    names = _names(lang)
    assert len(reading.records) > 500 and any("wall panel" in w for w, _ in reading.records)
    assert any(w.startswith("pptx") for w, _ in reading.records) and any(w.startswith("docx") for w, _ in
                                                                          reading.records)
    if data == "actuals":  # the plan path's value is on the overview's tiles and the wall's
        assert {w.split()[0] for w, *_ in reading.paths} >= {"overview", "wall"}, reading.paths[:5]
    assert any(w.endswith(" chart") and w.startswith("wall") for w, _ in reading.records)  # charts are read too
    assert any(w.endswith(" chart") and not w.startswith("wall") for w, _ in reading.records)
    found = (style_problems(reading.texts, lang) + disagreements(reading.records, names, indicator_units())
             + path_disagreements(reading.paths, names))
    assert not found, f"{len(found)} disagreements ({lang}, {data}):\n" + "\n".join(found[:25])


# --- the scan can fail --------------------------------------------------------------------------------------

NAMES_ZH = [("常住人口城镇化率", "fyp14_urbanization_rate"), ("地区生产总值", "fyp14_gdp"),
            ("规模以上工业企业数量", "fyp14_industrial_enterprises")]
UNITS_ZH = {"fyp14_urbanization_rate": (2, {"%"}), "fyp14_gdp": (1, {"亿元", "bn"}),
            "fyp14_industrial_enterprises": (0, {"户", "enterprises"})}


@pytest.mark.parametrize(("records", "expected"), [
    ([("wall", "常住人口城镇化率 · 规划路径 年均 +0.3 个百分点"), ("overview", "常住人口城镇化率 | 年均所需 +0.31 个百分点")],
     "+0.31 in overview vs +0.3 in wall"),
    ([("a", "常住人口城镇化率 2025年目标 75.00%"), ("b", "常住人口城镇化率 | 75%")], "75.00 in a"),
    ([("a", "地区生产总值 · 2023年实际 · 200.0 亿元"), ("b", "地区生产总值 | 200 亿元")], "200.0 in a"),
    ([("a", "常住人口城镇化率 · 规划路径 2.115%")], "2.115 in a"),
    ([("a", "规模以上工业企业数量 | 2022年 | 40.9 户")], "40.9 in a"),
])
def test_the_scan_finds_a_figure_printed_two_ways(records, expected):
    found = disagreements(records, NAMES_ZH, UNITS_ZH)
    assert found and expected in found[0], found


def test_the_scan_keeps_different_figures_apart():
    records = [("a", "常住人口城镇化率 · 73.47% · 2025年目标 75%"), ("b", "常住人口城镇化率 | 74.39% | 年均 +0.31 个百分点"),
               ("c", "地区生产总值 · 154.7 亿元 · 年均 +10.51%")]
    assert disagreements(records, NAMES_ZH, UNITS_ZH) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("−8.1 亿元 与 -3.2%", "ASCII minus"), ("18 % a year", "space before %"), ("+16.7 %/yr", "space before %"),
    ("+16.7%/yr", "%/yr"), ("规划路径（10.51%/年）", "%/年"), ("40.9 enterprises", "a count with decimals"),
    ("2025年目标 40.9 户", "a count with decimals"),
])
def test_the_style_rules_find_each_kind(text, expected):
    found = style_problems([("here", text)], "zh")
    assert any(expected in f for f in found), found


def test_the_style_rules_pass_the_one_style():
    texts = [("a", "年均 +10.51% · 2021-2025 · 9-12 年 · 2026-12-07 · −3.2% · 18% a year · +0.31 pp a year · 41 户")]
    assert style_problems(texts, "en") == []


def test_the_scan_catches_a_planted_disagreement_between_the_wall_and_the_overview(monkeypatch):
    """The wall's plan-path pace printed with one decimal fewer than the overview's (as it was before issue 25.4):
    the scan of the two pages finds it."""
    from lishi_metrics import shared_cache
    from lishi_metrics.text import fmt
    from lishi_metrics.views import _common, screen

    real = _common.row_needed_text

    def coarse(row, lang, short=False, prog=None, already_met=None):
        p = row if prog is None else prog
        if p.needed_mode == "pp":
            return fmt.fmt_change(p.needed_per_year, "pp", lang, digits=1)
        return real(row, lang, short, prog, already_met)

    monkeypatch.setattr(screen, "row_needed_text", coarse)
    shared_cache.clear_all()
    reading = read_everything("zh", pages=("overview",), panels=(1,), documents=())
    shared_cache.clear_all()
    found = disagreements(reading.records, _names("zh"), indicator_units())
    assert any("fyp14_urbanization_rate" in f and "+0.3 " in f for f in found), found


# --- the chart reader ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "spec", "expected"), [
    (247.3, ",.4~f", "247.3"), (1234.5, ",.4~f", "1,234.5"), (-3.2, ",.4~f", "\u22123.2"), (75.0, ",.4~f", "75"),
    (2023.0, "d", "2023"), (0.751, ".1%", "75.1%"), (0.5, "%", "50.000000%"), (-0.00001, ".1%", "0.0%"),
])
def test_the_chart_reader_prints_numbers_as_vega_does(value, spec, expected):
    assert d3_format(value, spec) == expected


def test_the_chart_reader_reads_titles_legends_and_text_marks():
    spec = {
        "title": {"text": {"expr": 'width >= 400 ? "常住人口城镇化率（%）" : ["常住人口城镇化率", "（%）"]'}},
        "datasets": {"d": [{"year": 2025, "value": 75.0, "label": "2025年目标 75.00%"}]},
        "layer": [
            {"data": {"name": "d"}, "mark": "line",
             "encoding": {"y": {"field": "value", "type": "quantitative", "title": "%"},
                          "color": {"field": "series", "scale": {"domain": ["规划路径", "实际值"]}, "title": "系列"}}},
            {"data": {"name": "d"}, "mark": {"type": "text"},
             "encoding": {"text": {"field": "label", "type": "nominal"}}},
            {"data": {"name": "d"}, "mark": {"type": "text"},
             "encoding": {"y": {"field": "value", "type": "quantitative", "title": "%"},
                          "text": {"field": "value", "type": "quantitative", "format": ",.2f"}}},
        ],
    }
    texts, records = chart_readings(spec, {}, "here")
    assert {"常住人口城镇化率（%）", "常住人口城镇化率", "规划路径", "实际值", "系列", "2025年目标 75.00%", "75.00"} <= set(texts)
    assert "常住人口城镇化率（%） 常住人口城镇化率 （%） · 75.00 %" in records[1] or records[1].endswith("75.00 %"), records
    found = disagreements([("here", r) for r in records], NAMES_ZH, UNITS_ZH)
    assert any("75.00" in f for f in found), found
