"""The evaluation report, deck and workbook: generated from the shipped data alone and from a temporary store of
imported actuals, opened with python-docx / python-pptx / openpyxl, and their numbers and statuses checked."""

from __future__ import annotations

import io
import os
import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pptx
import pytest
from pptx.util import Pt

from lishi_metrics.actuals import store
from lishi_metrics.data import db as data
from lishi_metrics.model import status as st
from lishi_metrics.reports import build as reports
from lishi_metrics.reports import docx as report_docx
from lishi_metrics.reports import evaluation, measure
from lishi_metrics.reports import pptx as report_pptx
from lishi_metrics.reports import xlsx as report_xlsx
from lishi_metrics.text.i18n import t
from lishi_metrics.views import screen as sv

from conftest import run_cli
from facts import FYP14

# Full suite only: scripts/dev.sh check (the fast lane) leaves this module out, as its fixtures build every document (docx, pptx, xlsx) of several stores.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
DAY = date(2026, 12, 1)
# Met (GDP exceeded, life expectancy exactly), missed (urbanisation), lower-is-better (unemployment 1.8 ≤ 2),
# a text target with a value (energy intensity: stays awaiting evaluation), no 2025 actual (forest cover 2023,
# below the path: lagging), earlier GDP years that are not the latest.
ACTUALS = (
    ("fyp14_gdp", 2021, 170.0), ("fyp14_gdp", 2022, 185.0), ("fyp14_gdp", 2025, 260.0),
    ("fyp14_life_expectancy", 2025, 76.2),
    ("fyp14_urbanization_rate", 2025, 74.0),
    ("fyp14_urban_unemployment_rate", 2025, 1.8),
    ("fyp14_energy_intensity_reduction", 2025, 3.5),
    ("fyp14_forest_cover", 2023, 28.0),
)


@contextmanager
def _store(tmp: Path, cells=()):
    """LISHI_STORE_DIR pointed at `tmp` holding `cells` for the duration (module-scoped fixtures cannot monkeypatch)."""
    old = os.environ.get("LISHI_STORE_DIR")
    os.environ["LISHI_STORE_DIR"] = str(tmp)
    data.reset()
    try:
        if cells:
            frame = pd.DataFrame({"indicator_id": [c[0] for c in cells], "year": [c[1] for c in cells],
                                  "value": [float(c[2]) for c in cells]})
            store.commit_import(tmp, frame, by="测试员", file_name="actuals_2025.csv", sha256="ab" * 32)
        yield
    finally:
        if old is None:
            os.environ.pop("LISHI_STORE_DIR", None)
        else:
            os.environ["LISHI_STORE_DIR"] = old
        data.reset()


def _documents(tmp: Path, cells) -> dict:
    """Every document in both languages (the deck in Chinese only: its charts take a while to render)."""
    with _store(tmp, cells):
        inputs = evaluation.load_inputs()
        out = {}
        for lang in ("zh", "en"):
            ev = evaluation.build(inputs, lang, DAY)
            out[lang] = ev
            out[f"docx_{lang}"] = report_docx.build(ev)
            out[f"xlsx_{lang}"] = report_xlsx.build(ev)
        out["pptx_zh"] = report_pptx.build(out["zh"], inputs, DAY)
        out["panels_zh"] = [sv.build_panel(i, inputs.screen, "zh", DAY)
                            for i in range(1, sv.panel_count(inputs.screen.plan_id) + 1)]
        from lishi_metrics.views import overview

        out["overview_zh"] = overview.build(data.indicator_table("fyp14"), data.indicator_table("fyp13"),
                                            data.statements(), "zh")
    return out


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    return _documents(tmp_path_factory.mktemp("empty_store"), ())


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    return _documents(tmp_path_factory.mktemp("store"), ACTUALS)


def _docx(payload: bytes):
    return docx.Document(io.BytesIO(payload))


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _indicator_rows(document) -> dict[str, list[str]]:
    """The indicator table's rows by indicator name (column 2); a line break the report puts before a bracket in
    a narrow cell (滞后 / （2023年）: docx._set_cell) read as nothing."""
    table = next(t for t in document.tables if t.rows[0].cells[0].text in ("序号", "No."))
    return {row.cells[1].text: [c.text.replace("\n（", "（").replace("\n(", "(") for c in row.cells]
            for row in table.rows[1:]}


def _row(ev, indicator_id):
    return next(r for r in ev.rows if r.indicator_id == indicator_id)


# --- the evaluation model ---------------------------------------------------------------------

def test_without_actuals_every_indicator_awaits_evaluation_and_the_report_says_why(shipped):
    ev = shipped["zh"]
    assert len(ev.rows) == FYP14
    assert {r.status_text for r in ev.rows} == {"待评估"}
    assert (ev.counts.met, ev.counts.missed, ev.counts.pending) == (0, 0, FYP14)
    assert ev.overall[1].startswith(f"尚未导入任何实际值：全部 {FYP14} 项指标均为待评估")
    assert ev.header_lines()[2] == "数据截至：未导入实际值（仅规划文本数据）"
    assert f"No actuals have been imported: all {FYP14} indicators are awaiting evaluation" in shipped["en"].overall[1]


def test_binding_indicators_come_first_in_the_plans_order(shipped):
    rows = shipped["zh"].rows
    assert [r.seq for r in rows[:7]] == ["18", "19", "20", "21", "22", "33", "34"]
    assert all(r.binding for r in rows[:7]) and not any(r.binding for r in rows[7:])
    assert [r.seq for r in rows[7:10]] == ["1", "2", "3"]


def test_final_year_statuses_follow_the_targets_and_directions(imported):
    ev = imported["zh"]
    gdp = _row(ev, "fyp14_gdp")
    assert (gdp.code, gdp.status_text, gdp.latest) == (st.EXCEEDED, "已完成", "260（2025）")
    assert _row(ev, "fyp14_life_expectancy").code == st.MET  # exactly on target is met
    assert (_row(ev, "fyp14_urbanization_rate").code, _row(ev, "fyp14_urbanization_rate").status_text) == (
        st.MISSED, "未完成")
    unemployment = _row(ev, "fyp14_urban_unemployment_rate")  # lower is better: 1.8 against a ceiling of 2
    assert (unemployment.direction, unemployment.code, unemployment.status_text) == ("down", st.EXCEEDED, "已完成")
    energy = _row(ev, "fyp14_energy_intensity_reduction")  # 完成市任务 stays text: nobody recorded a verdict
    assert (energy.code, energy.status_text, energy.latest) == (st.PENDING, "待评估", "3.5（2025）")
    forest = _row(ev, "fyp14_forest_cover")  # only a 2023 actual: the path word, with its year
    assert (forest.code, forest.final, forest.status_text) == (st.BEHIND, False, "滞后（2023年）")
    assert "最新实际值为2023年，未导入2025年实际值" in forest.reason


def test_counts_in_the_prose_are_computed_from_the_table(imported):
    ev = imported["zh"]
    table = ev.table()
    status = table["完成情况"]
    met, missed = int((status == "已完成").sum()), int((status == "未完成").sum())
    assert (met, missed) == (3, 1)
    assert (ev.counts.met, ev.counts.exceeded, ev.counts.missed, ev.counts.pending) == (3, 2, 1, 30)
    assert "约束性指标 7 项：已完成 0 项，未完成 0 项，待评估 7 项。" in ev.overall
    assert "预期性指标 27 项：已完成 3 项，未完成 1 项，待评估 23 项。" in ev.overall
    assert "合计：已完成 3 项（其中超额完成 2 项），未完成 1 项，待评估 30 项。" in ev.overall
    assert any(p.startswith("另有 1 项指标只有2025年以前的实际值，按规划路径判断：滞后 1 项") for p in ev.overall)
    assert "未完成的指标：常住人口城镇化率。" in ev.overall
    assert ev.header_lines()[2] == "数据截至：2025年实际值（数据版本 v1）"


def test_english_model_uses_english_words_and_units(imported):
    ev = imported["en"]
    gdp = _row(ev, "fyp14_gdp")
    assert (gdp.status_text, gdp.latest, gdp.target, gdp.unit) == ("Met", "CNY 26 bn (2025)", "CNY 25.5 bn (2025)",
                                                                   "CNY bn")
    assert _row(ev, "fyp14_forest_cover").status_text == "Lagging (2023)"
    assert "GDP in 2025 was CNY 26 bn, reaching the target of CNY 25.5 bn." in ev.gdp_text


def test_gdp_section_states_the_plan_arithmetic_and_the_growth_still_needed(shipped, tmp_path):
    assert shipped["zh"].gdp_text[0] == ("规划目标：地区生产总值由2020年的154.7 亿元增至2025年的255 亿元，名义年均增长10.51%；"
                                         "规划所列年均增速9.8%为可比价增速，价格不变时2025年只能达到246.9 亿元。")
    with _store(tmp_path, (("fyp14_gdp", 2023, 200.0),)):
        ev = evaluation.build_current("zh", today=DAY)
    # 200 → 255 in two years: (255 / 200) ** 0.5 − 1 = 12.92 % a year.
    assert ev.gdp_text[1].startswith("按2023年实际值200 亿元计算，2024—2025年名义年均需增长12.92%")


COMPARABLE = (("fyp14_gdp", 2021, 170.0), ("fyp14_gdp", 2025, 226.0),
              *((("fyp14_gdp.comparable_growth", year, rate) for year, rate in zip(range(2021, 2026), (7, 6, 5, 4, 3),
                                                                                     strict=True))))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gdp_row_compares_the_planned_real_rate_with_compounded_comparable_price_growth(tmp_path, lang):
    """7, 6, 5, 4, 3 % at comparable prices compound to 5.0 % a year: that, not the 7.9 % of the current-price
    levels 154.7 → 226, stands beside the planned 9.8 %; the nominal rate is shown labelled."""
    with _store(tmp_path, COMPARABLE):
        inputs = evaluation.load_inputs()
        ev = evaluation.build(inputs, lang, DAY)
        payload = report_docx.build(ev)
        workbook = openpyxl.load_workbook(io.BytesIO(report_xlsx.build(ev)))
    gdp = _row(ev, "fyp14_gdp")
    if lang == "zh":
        assert (gdp.stated_growth, gdp.actual_growth, gdp.nominal_growth) == (
            "+9.8%（可比价）", "+5.0%（可比价，2021—2025年）", "+7.9%（现价/名义）")
        assert "按可比价格计算，2021—2025年地区生产总值年均实际增长+5.0%，规划年均增长9.8%；同期现价（名义）年均增长+7.9%，含价格变动。" in ev.gdp_text
        cells = _indicator_rows(_docx(payload))["地区生产总值（GDP）"]
        assert cells[7:9] == ["+9.8%（可比价）", "+5.0%（可比价，2021—2025年）\n+7.9%（现价/名义）"]
    else:
        assert (gdp.stated_growth, gdp.actual_growth, gdp.nominal_growth) == (
            "+9.8% (comparable prices)", "+5.0% (comparable prices, 2021–2025)", "+7.9% (current prices, nominal)")
    sheet = workbook[t("rp_sheet_indicators", lang)]
    header = [c.value for c in sheet[1]]
    nominal = t("rp_col_nominal_growth", lang)
    assert nominal in header
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] in ("1", 1))
    assert row[header.index(nominal)] == gdp.nominal_growth


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gdp_row_without_comparable_price_growth_says_real_growth_cannot_be_evaluated(tmp_path, lang):
    with _store(tmp_path, (("fyp14_gdp", 2021, 170.0), ("fyp14_gdp", 2025, 226.0))):
        ev = evaluation.build(evaluation.load_inputs(), lang, DAY)
    gdp = _row(ev, "fyp14_gdp")
    expected = {"zh": ("无法评价：仅有现价总量，缺少按可比价格计算的增速", "+7.9%（现价/名义）"),
                "en": ("Not evaluable: current-price levels alone, no growth at comparable prices",
                       "+7.9% (current prices, nominal)")}[lang]
    assert (gdp.actual_growth, gdp.nominal_growth) == expected
    assert not any("5.0" in p for p in ev.gdp_text)
    assert any(expected[0] in p for p in ev.gdp_text)


def test_share_rows_compare_compound_rates_and_give_the_change_in_percentage_points(imported):
    urban = _row(imported["zh"], "fyp14_urbanization_rate")  # 73.47 → 74 in 5 years, printed 0.4 (compound)
    assert (urban.stated_growth, urban.actual_growth) == ("+0.4%", "+0.14%（+0.11 个百分点）")
    assert _row(imported["en"], "fyp14_urbanization_rate").actual_growth == "+0.14% (+0.11 pp)"


def test_report_statuses_agree_with_the_overview_page(imported):
    """The overview's grid and the report judge every indicator alike (both through model.status)."""
    page = imported["overview_zh"]
    shown = {}
    for group in page.grid:
        for cell, code in zip(group.table.iloc[:, 0], group.statuses):
            shown[cell.split(" ", 1)[0]] = code
    assert {r.seq: r.code for r in imported["zh"].rows} == shown


# --- Word -------------------------------------------------------------------------------------

def test_word_report_has_the_title_block_sections_and_table(imported):
    document = _docx(imported["docx_zh"])
    text = _text(document)
    for heading in ("一、总体情况", "二、主要指标完成情况", "三、经济总量", "四、重点项目", "五、数据来源与说明"):
        assert heading in text
    assert text.index("一、总体情况") < text.index("二、主要指标完成情况") < text.index("五、数据来源与说明")
    assert "数据截至：2025年实际值（数据版本 v1）" in text
    assert "生成日期：2026年12月1日" in text
    assert "v1　" in text and "actuals_2025.csv" in text  # the import version used
    # The import's time in Beijing time, labelled (the store keeps UTC).
    assert re.search(r"v1　\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）　导入", text)
    rows = _indicator_rows(document)
    assert len(rows) == FYP14
    # No growth at comparable prices was imported: the real rate is not evaluated from the current-price levels,
    # whose growth stands below it labelled nominal.
    assert rows["地区生产总值（GDP）"][4:] == ["154.7（2020）", "255（2025）", "260（2025）", "+9.8%（可比价）",
                                         "无法评价：仅有现价总量，缺少按可比价格计算的增速\n+10.9%（现价/名义）",
                                         "已完成"]
    assert rows["城镇调查失业率"][-1] == "已完成"
    assert rows["常住人口城镇化率"][-1] == "未完成"
    assert rows["单位 GDP 能源消耗降低"][-1] == "待评估"
    assert rows["森林覆盖率"][-1] == "滞后（2023年）"
    assert len(document.inline_shapes) == 1  # the GDP chart


def test_word_report_layout_a4_fonts_page_numbers_and_repeated_headers(shipped):
    document = _docx(shipped["docx_zh"])
    portrait, landscape = document.sections[0], document.sections[1]
    assert (round(portrait.page_width.mm), round(portrait.page_height.mm)) == (210, 297)
    assert (round(landscape.page_width.mm), round(landscape.page_height.mm)) == (297, 210)
    xml = document.element.xml
    assert 'w:eastAsia="仿宋"' in xml and 'w:eastAsia="黑体"' in xml
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    footer = portrait.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    assert "尚未导入任何实际值" in _text(document)


def test_english_word_report(imported):
    document = _docx(imported["docx_en"])
    text = _text(document)
    assert "1. Overall" in text and "2. Main indicators" in text
    rows = _indicator_rows(document)
    assert rows["Gross domestic product (GDP)"][-1] == "Met"
    assert not any("已完成" in cells[-1] or "待评估" in cells[-1] for cells in rows.values())


# --- PowerPoint -------------------------------------------------------------------------------

def _slides_text(payload: bytes) -> list[str]:
    deck = _deck(payload)
    return ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]


def _deck(payload: bytes):
    """The deck with its text as read: the invisible joiners that keep a number with its unit (no-break space,
    word joiner: reports.measure.keep_together) read as a space and nothing, and the explicit line breaks where
    the measuring broke a paragraph (deck_style._rich; the space before each stays) as nothing."""
    from pptx.oxml.ns import qn

    deck = pptx.Presentation(io.BytesIO(payload))
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    for br in para._p.findall(qn("a:br")):
                        para._p.remove(br)
                    for run in para.runs:
                        run.text = run.text.replace(measure.WJ, "").replace(measure.NBSP, " ")
    return deck


def test_deck_keeps_numbers_with_their_units(shipped):
    """No line break between a number and its unit: the deck joins them (no-break space, word joiner)."""
    deck = pptx.Presentation(io.BytesIO(shipped["pptx_zh"]))
    runs = [run.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
            for para in shape.text_frame.paragraphs for run in para.runs]
    assert any(f"255{measure.NBSP}{measure.WJ}亿{measure.WJ}元" in text for text in runs)
    assert measure.tokens(measure.keep_together("2025年目标 255 亿元")) == [
        f"2025{measure.WJ}年{measure.WJ}目{measure.WJ}标", " ", f"255{measure.NBSP}{measure.WJ}亿{measure.WJ}元"]
    assert measure.tokens(measure.keep_together("Plan path +16.7 %/yr")) == ["Plan", " ", "path", " ",
                                                                           f"+16.7{measure.NBSP}%/yr"]
    assert "CNY 25.5 bn" in measure.tokens(measure.keep_together("target CNY 25.5 bn"))[-1].replace(measure.NBSP, " ")


def test_deck_is_16_9_with_a_title_slide_then_the_panels_in_order(shipped):
    deck = _deck(shipped["pptx_zh"])
    assert round(deck.slide_width / deck.slide_height, 3) == round(16 / 9, 3)
    texts = _slides_text(shipped["pptx_zh"])
    assert f"主要指标 {FYP14} 项：已完成 0，未完成 0，待评估 {FYP14}" in texts[0]
    titles = [p.title for p in shipped["panels_zh"]]
    shown = [next(title for title in titles if text.startswith(title)) for text in texts[1:]]
    assert shown[0] == titles[0] and shown[-1] == titles[-1]
    assert [titles.index(x) for x in shown] == sorted(titles.index(x) for x in shown)  # panels in order
    assert set(shown) == set(titles)  # every panel, continued on a second slide when it needs one
    assert all(text.startswith(title) for text, title in zip(texts[1:], shown, strict=True))


def _sizes(deck) -> list[int]:
    """Every explicit font size (hundredths of a point) in the slides and their charts' XML."""
    sizes = []
    for slide in deck.slides:
        parts = [slide.part.blob] + [shape.chart.part.blob for shape in slide.shapes if shape.has_chart]
        for blob in parts:
            sizes += [int(v) for v in re.findall(rb' sz="(\d+)"', blob)]
    return sizes


@pytest.mark.parametrize("which", ["shipped", "imported"])
def test_deck_has_no_explicit_font_size_under_18_points_in_text_or_charts(which, request):
    documents = request.getfixturevalue(which)
    deck = _deck(documents["pptx_zh"])
    sizes = _sizes(deck)
    assert sizes and min(sizes) >= 1800
    runs = [run.font.size for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
            for para in shape.text_frame.paragraphs for run in para.runs if run.text.strip()]
    assert runs and all(size is not None and size >= Pt(18) for size in runs)


def test_every_shape_lies_within_the_slide(imported, shipped):
    for payload in (imported["pptx_zh"], shipped["pptx_zh"]):
        deck = _deck(payload)
        for n, slide in enumerate(deck.slides):
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0, (n, shape.name)
                assert shape.left + shape.width <= deck.slide_width, (n, shape.name)
                assert shape.top + shape.height <= deck.slide_height, (n, shape.name)


def test_every_deck_tile_carries_its_target_badge_and_status(imported):
    """As on the big screen: each tile's target line (with its year), its badge (约束性/预期性, or the panel's
    group or topic) and its status are on the slide with the tile's name and value."""
    deck = _deck(imported["pptx_zh"])
    boxes = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    tiles = [tile for panel in imported["panels_zh"] for tile in panel.tiles]
    assert len(tiles) > 20
    for tile in tiles:  # a tile can be on two panels (with another badge): one of its boxes has everything
        wanted = [line if isinstance(line, str) else f"{line[0]}：{line[1]}" for line in tile.lines]
        wanted += [f"【{tile.tag}】", tile.status_text]
        candidates = [b for b in boxes if b.startswith(tile.name + "\n" + tile.value)]
        assert any(all(w in b for w in wanted) for b in candidates), (tile.name, wanted, candidates)
    gdp = next(b for b in boxes if b.startswith("地区生产总值\n"))
    assert "2025年目标 255 亿元" in gdp and "【预期性】" in gdp and "已完成" in gdp.replace("超额完成", "已完成")


def test_deck_charts_are_native_charts_with_the_walls_numbers(imported):
    deck = _deck(imported["pptx_zh"])
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert not pictures and len(charts) >= 8
    gdp = next(c for c in charts if "地区生产总值" in c.chart_title.text_frame.text)
    series = {s.name: list(s.values) for s in gdp.plots[0].series}
    assert series["目标"] == [255.0] and 260.0 in series["实际值"]


def test_deck_shows_the_walls_numbers_and_status_colours(imported):
    deck = _deck(imported["pptx_zh"])
    overview = deck.slides[1]
    runs = {run.text: run for shape in overview.shapes if shape.has_text_frame
            for para in shape.text_frame.paragraphs for run in para.runs}
    assert "260 亿元" in runs  # GDP tile: the 2025 actual, as on the wall
    assert "2025年实际" in runs
    texts = _slides_text(imported["pptx_zh"])
    assert f"主要指标 {FYP14} 项：已完成 3，未完成 1，待评估 {FYP14 - 4}" in texts[0]
    # Statuses are coloured with model.status colours.
    colours = {str(run.font.color.rgb) for run in runs.values() if run.font.color and run.font.color.type}
    assert st.colour(st.EXCEEDED).lstrip("#").upper() in colours or st.colour(st.MISSED).lstrip("#").upper() in colours


def test_every_deck_text_box_is_as_tall_as_its_measured_lines(imported):
    """Each text box holds its text at the deck's font (measured: reports.measure), so nothing runs out of it."""
    deck = _deck(imported["pptx_zh"])
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            paragraphs = [[(run.text, run.font.size.pt, "", bool(run.font.bold)) for run in para.runs]
                          for para in shape.text_frame.paragraphs if para.runs]
            assert report_pptx.height(paragraphs, shape.width) <= shape.height + Pt(1), shape.text_frame.text


# --- Excel ------------------------------------------------------------------------------------

def test_workbook_has_one_sheet_per_table_with_the_reports_numbers(imported, shipped):
    wb = openpyxl.load_workbook(io.BytesIO(imported["xlsx_zh"]))
    assert wb.sheetnames[:4] == ["主要指标", "总体情况", "重点项目", "数据来源"]
    ws = wb["主要指标"]
    header = [c.value for c in ws[1]]
    rows = {r[1]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["地区生产总值（GDP）"]["完成情况"] == "已完成"
    assert rows["地区生产总值（GDP）"]["最新实际值（年）"] == "260（2025）"
    assert rows["常住人口城镇化率"]["完成情况"] == "未完成"
    assert rows["森林覆盖率"]["完成情况"] == "滞后（2023年）"
    overall = list(wb["总体情况"].iter_rows(values_only=True))
    assert overall[0] == ("项目", "数量", "已完成", "未完成", "待评估")
    assert overall[-1] == ("全部指标", FYP14, 3, 1, FYP14 - 4)
    empty = openpyxl.load_workbook(io.BytesIO(shipped["xlsx_zh"]))
    assert list(empty["总体情况"].iter_rows(values_only=True))[-1] == ("全部指标", FYP14, 0, 0, FYP14)
    en = openpyxl.load_workbook(io.BytesIO(imported["xlsx_en"]))
    assert en.sheetnames[:4] == ["Indicators", "Overall", "Projects", "Sources"]


def test_workbook_cells_that_look_like_formulas_are_neutralised(imported):
    """Text such as a signed growth (+9.8%) goes through the one XLSX writer and stays text."""
    wb = openpyxl.load_workbook(io.BytesIO(imported["xlsx_zh"]))
    ws = wb["主要指标"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert cells and not any(c.data_type == "f" for c in cells)
    assert not any(c.value.startswith("=") for c in cells)


# --- command line -----------------------------------------------------------------------------

def test_cli_writes_each_format(tmp_path):
    out = tmp_path / "报告.xlsx"
    done = run_cli("report", "--format", "xlsx", "--output", str(out), "--lang", "en",
                   env={"LISHI_STORE_DIR": str(tmp_path / "store")})
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(out).sheetnames[0] == "Indicators"


def test_cli_refuses_a_missing_directory_and_an_unknown_format(tmp_path):
    done = run_cli("report", "--format", "docx", "--output", str(tmp_path / "nowhere" / "r.docx"))
    assert done.returncode == 2 and "does not exist" in done.stderr and "Traceback" not in done.stderr
    with pytest.raises(reports.ReportError):
        reports.document("pdf", "zh")


def test_deck_text_fitting_measures_with_the_decks_font():
    from pptx.util import Inches

    from lishi_metrics.reports import measure

    # A word wider than its box at 26 pt shrinks until it fits one line; never below 18 pt.
    assert report_pptx.lines_needed("CNY 15.47 bn", 32, Inches(2.0), bold=True) == 2
    size = report_pptx.fit_size("CNY 15.47 bn", Inches(2.0))
    assert report_pptx.MIN_PT <= size < 32 and report_pptx.lines_needed("CNY 15.47 bn", size, Inches(2.0), True) == 1
    assert report_pptx.fit_size("x" * 200, Inches(2)) == report_pptx.MIN_PT
    # What ran off slide 5 in English: measured, the box gets the lines the text needs.
    # (A word wider than its box counts the lines it is cut into, and what follows it a line of its own: safe side.)
    assert report_pptx.lines_needed("Kindergartens 46", 18, Inches(1.4)) == 3
    assert report_pptx.lines_needed("Kindergartens 46", 18, Inches(2.0)) == 2
    # A sign stays with its number, a word is one piece, Chinese breaks between characters.
    assert measure.tokens("年均 −0.1 个百分点") == ["年", "均", " ", "−0.1", " ", "个", "百", "分", "点"]
    assert "Kindergartens" in measure.tokens("Kindergartens 46")
    assert measure.width("实施情况", 20) == pytest.approx(80, abs=1)  # one em a character


# --- any plan: a 15th-plan-shaped workbook (base 2025, targets 2030), numbers invented for the test -----------

FIFTEENTH_ACTUALS = (("fyp15_gdp", 2027, 310.0),)


@pytest.fixture(scope="module")
def fifteenth(tmp_path_factory):
    """Every document of the synthetic 15th plan in both languages, from a store holding the plan and one actual."""
    from test_plan_workbook import fyp15_frames

    from lishi_metrics.data import plan_workbook as pw

    tmp = tmp_path_factory.mktemp("fyp15_store")
    with _store(tmp):
        check = pw.check_upload({"fyp15.xlsx": pw.workbook_bytes(fyp15_frames())})
        pw.commit(check, tmp, "测试员", "fyp15.xlsx", "cd" * 32)
        data.reset()
        frame = pd.DataFrame({"indicator_id": [c[0] for c in FIFTEENTH_ACTUALS], "year": [c[1] for c in FIFTEENTH_ACTUALS],
                              "value": [c[2] for c in FIFTEENTH_ACTUALS]})
        store.commit_import(tmp, frame, by="测试员", file_name="actuals_2027.csv", sha256="ef" * 32)
        data.reset()
        inputs = evaluation.load_inputs("fyp15")
        out = {}
        for lang in ("zh", "en"):
            ev = evaluation.build(inputs, lang, DAY)
            out[lang] = ev
            out[f"docx_{lang}"] = report_docx.build(ev)
            out[f"xlsx_{lang}"] = report_xlsx.build(ev)
            out[f"pptx_{lang}"] = report_pptx.build(ev, inputs, DAY)
    return out


# What the 14th plan's documents print and a 15th-plan report must not: its GDP target and base (255 and 154.7
# 亿元, CNY 25.5 and 15.47 bn), the year of its targets, and its key projects' sectors. (The GDP chart may start
# with the 14th plan's printed 2020 value, the 15th plan's history, so its caption says since when.)
FOURTEENTH = {"zh": ("255", "154.7", "2025年目标", "（2020）", "新能源"),
              "en": ("255", "25.5", "15.47", "2025 target", "(2020)", "New energy")}


def _xlsx_text(payload: bytes) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(payload))
    return "\n".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fifteenth_plan_evaluation_takes_years_targets_and_names_from_the_plan(fifteenth, lang):
    ev = fifteenth[lang]
    assert (ev.plan_id, ev.target_year, ev.data_year) == ("fyp15", 2030, 2027)
    assert ev.title == ("测试十五五规划（2026—2030年）实施情况终期评估报告" if lang == "zh"
                        else "Final evaluation of the Test 15th plan (2026–2030)")
    assert ev.header_lines()[:2] == (["规划：测试十五五规划", "地区：测试区"] if lang == "zh"
                                     else ["Plan: Test 15th plan", "Region: Test district"])
    gdp = _row(ev, "fyp15_gdp")
    # 250 → 360 over 2025–2030 at a constant 7.57 % a year is 289.3 in 2027: 310 is ahead of the path, not final.
    assert (gdp.code, gdp.final) == (st.AHEAD, False)
    assert gdp.status_text == ("快于预期（2027年）" if lang == "zh" else "Ahead of expectations (2027)")
    assert gdp.status_text.startswith(st.word(st.AHEAD, lang))
    assert (gdp.base, gdp.target, gdp.latest) == (("250（2025）", "360（2030）", "310（2027）") if lang == "zh" else
                                                  ("CNY 25 bn (2025)", "CNY 36 bn (2030)", "CNY 31 bn (2027)"))
    forest = _row(ev, "fyp15_forest_cover")  # binding, first; a text target stays awaiting evaluation
    assert ev.rows[0] is forest and forest.binding and forest.status_text == st.evaluation_word(st.PENDING, lang)
    assert (ev.counts.n, ev.counts.met, ev.counts.missed, ev.counts.pending) == (3, 0, 0, 3)
    assert ev.gdp_text[0].startswith("规划目标：地区生产总值由2025年的250 亿元增至2030年的360 亿元，名义年均增长7.57%"
                                     if lang == "zh" else "The plan takes GDP from CNY 25 bn in 2025 to CNY 36 bn in 2030")
    # 310 → 360 in three years: (360 / 310) ** (1 / 3) − 1 = 5.11 % a year.
    assert ("2028—2030年名义年均需增长5.11%" if lang == "zh" else "5.11% a year in current prices in 2028–2030") in \
        ev.gdp_text[1]
    assert not ev.has_projects and ev.projects == [] and "测试十五五规划" in ev.projects_unavailable or \
        "Test 15th plan" in ev.projects_unavailable
    assert ev.sources[0] == ("规划数据：《测试十五五规划》主要指标表，由规划工作簿导入（fyp15.xlsx）。" if lang == "zh" else
                             "Plan data: the main-indicator table of “Test 15th plan”, imported from a plan workbook "
                             "(fyp15.xlsx).")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fifteenth_plan_word_report_shows_its_numbers_and_says_the_projects_do_not_apply(fifteenth, lang):
    document = _docx(fifteenth[f"docx_{lang}"])
    text = _text(document)
    headings = (("一、总体情况", "二、主要指标完成情况", "三、经济总量", "四、重点项目", "五、数据来源与说明") if lang == "zh" else
                ("1. Overall", "2. Main indicators", "3. Size of the economy", "4. Key projects", "5. Sources and notes"))
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)  # the order readers expect
    rows = _indicator_rows(document)
    name = "地区生产总值" if lang == "zh" else "GDP"
    assert rows[name][4:7] == (["250（2025）", "360（2030）", "310（2027）"] if lang == "zh" else
                               ["CNY 25 bn (2025)", "CNY 36 bn (2030)", "CNY 31 bn (2027)"])
    assert rows[name][-1] == fifteenth[lang].rows[1].status_text == _row(fifteenth[lang], "fyp15_gdp").status_text
    assert fifteenth[lang].projects_unavailable in text
    assert len(document.tables) == 1  # the indicator table; no project table of another plan
    assert ("《纲要》专栏1的全部 3 项主要指标" if lang == "zh" else "all 3 main indicators of the plan's Table 1") in text
    assert ("2030年实际值" if lang == "zh" else "the 2030 actuals") in text
    everything = text + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert not [w for w in FOURTEENTH[lang] if w in everything]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fifteenth_plan_workbook_shows_its_numbers(fifteenth, lang):
    wb = openpyxl.load_workbook(io.BytesIO(fifteenth[f"xlsx_{lang}"]))
    sheet = wb["主要指标" if lang == "zh" else "Indicators"]
    header = [c.value for c in sheet[1]]
    rows = {r[1]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    gdp = rows["地区生产总值" if lang == "zh" else "GDP"]
    assert gdp["目标值（年）" if lang == "zh" else "Target (year)"] == ("360（2030）" if lang == "zh" else "CNY 36 bn (2030)")
    overall = list(wb["总体情况" if lang == "zh" else "Overall"].iter_rows(values_only=True))
    assert overall[-1][1:] == (3, 0, 0, 3)
    projects = list(wb["重点项目" if lang == "zh" else "Projects"].iter_rows(values_only=True))
    assert projects[-1] == (fifteenth[lang].projects_unavailable,)
    assert not [w for w in FOURTEENTH[lang] if w in _xlsx_text(fifteenth[f"xlsx_{lang}"])]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fifteenth_plan_deck_has_the_title_and_its_five_panels(fifteenth, lang):
    texts = _slides_text(fifteenth[f"pptx_{lang}"])
    # Every panel of the wall, each with the plan's own placed indicators (issue 21: placements are data); the
    # document's projects, enterprises and achievements are not there (panels_unavailable says so).
    panels = {text.split("\n", 1)[0].replace("（续）", "").replace(" (continued)", "") for text in texts[1:]}
    assert len(panels) == 5
    assert texts[0].startswith("测试十五五规划（2026—2030年）实施情况" if lang == "zh"
                               else "Test 15th plan (2026–2030): where we stand")
    assert fifteenth[lang].panels_unavailable in texts[0]
    overview = "\n".join(texts[1:])
    # The GDP tile as on the wall: the latest actual, its year, and its status against the plan path.
    assert ("310 亿元\n2027年实际" if lang == "zh" else "CNY 31 bn\n2027 actual") in overview
    assert st.word(st.AHEAD, lang) in overview
    assert ("测试十五五规划（2026—2030年）监测" if lang == "zh" else "Test 15th plan (2026–2030) monitor") in overview
    assert not [w for w in FOURTEENTH[lang] if w in "\n".join(texts)]
    # Its predecessor, the 14th plan, is named only where the review panel reviews it.
    review = {"zh": "“十四五”规划（2021—2025年）", "en": "The 14th Five-Year Plan (2021–2025)"}[lang]
    outside = overview.replace(review, "")
    assert "十四五" not in outside and "14th" not in outside


def test_cli_report_for_any_known_plan_and_a_bilingual_refusal_of_an_unknown_one(tmp_path, capsys):
    from test_plan_workbook import fyp15_frames, import_frames

    from lishi_metrics.cli import main as cli

    assert import_frames(fyp15_frames(), tmp_path, "fyp15.xlsx", "--yes") == 0
    out = tmp_path / "评估数据.xlsx"
    assert cli.main(["report", "--format", "xlsx", "--output", str(out), "--plan", "fyp15"]) == 0
    assert "360（2030）" in _xlsx_text(out.read_bytes())
    capsys.readouterr()
    assert cli.main(["report", "--format", "docx", "--output", str(tmp_path / "r.docx"), "--plan", "fyp99"]) == 2
    err = capsys.readouterr().err
    assert "unknown plan 'fyp99'" in err and "未知规划“fyp99”" in err and "fyp14" in err and "fyp15" in err
    assert not (tmp_path / "r.docx").exists()


def test_cli_report_of_a_plan_without_a_gdp_row_says_what_is_missing(tmp_path, capsys):
    from test_plan_workbook import fyp15_frames, import_frames

    from lishi_metrics.cli import main as cli

    frames = fyp15_frames()
    frames["indicators"]["role"] = None
    assert import_frames(frames, tmp_path, "fyp15.xlsx", "--yes") == 0
    capsys.readouterr()
    out = tmp_path / "r.docx"
    assert cli.main(["report", "--format", "docx", "--output", str(out), "--plan", "fyp15"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "没有标为经济总量的指标（role 为 gdp 的行），所以这里没有经济总量的路径。" in text
    assert "若规划工作簿中有一行 role 为 gdp" in text and not docx.Document(str(out)).inline_shapes
