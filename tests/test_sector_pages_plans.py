"""Issue 21: the three sector pages (ecology, livelihood, industries) follow the plan shown and its named
predecessor: their rows, their row filter (named by the plans table's short names), the document's prose and
projects only on the document's plan, pieces wherever placements.csv places them, and one line for a section
that has nothing for the plan.

The plans imported here are synthetic (tests only): a 2026–2030 plan exported from fyp14 (test_other_plans) and
the every-kind plan of test_plan_kinds (no predecessor, no category the page rules know).
"""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_other_plans import FOREIGN, _import, next_plan_frames

from lishi_metrics import config
from lishi_metrics.data import db as data
from lishi_metrics.text.i18n import t
from lishi_metrics.text.linebreak import as_read
from lishi_metrics.views import ecology, industries, livelihood

from conftest import app_test, texts, tile_cards

# Full suite only (scripts/dev.sh check leaves it out): each test imports a plan into its store.
pytestmark = pytest.mark.slow

SECTOR_PAGES = ("pages/ecology.py", "pages/livelihood.py", "pages/industries.py")
FILTER_KEY = {"pages/ecology.py": "ec_plan", "pages/livelihood.py": "lv_plan"}
# Words and numbers of the document's prose, projects and pieces, drawn for its own plan only.
DOCUMENT_ONLY = {
    "zh": ("6,343 户", "303 天", "21,068 户", "46 所", "1,653 公里", "288 公里", "专栏10", "专栏11", "幸福养老",
           "吕梁市离石区森林公园", "规上工业企业倍增路径", "城乡收入比", "“十三五”成就", "500 兆瓦"),
    "en": ("6,343 households", "303 days", "46 schools", "1,653 km", "288 km", "table 10", "Table 11",
           "Urban–rural income ratio", "13th-plan results", "500 MW", "Doubling the industrial enterprises"),
}
NEXT15 = {"zh": "“十五五”", "en": "15th plan"}
FYP14 = {"zh": "“十四五”", "en": "14th plan"}


def run(page: str, params: dict):
    at = app_test(page, params).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plan_filter(at, page: str):
    """The row filter of a sector page (None when the page draws none)."""
    found = [s for s in at.segmented_control if s.key == FILTER_KEY.get(page)]
    return found[0] if found else None


def plan_column(at) -> set[str]:
    """The plan column's words of every indicator table drawn."""
    out: set[str] = set()
    for table in at.table:
        frame = table.value
        for col in ("规划", "Plan"):
            if col in frame.columns:
                out |= {as_read(re.sub(r"\\(.)", r"\1", str(v))) for v in frame[col]}  # joiners keep it whole
    return out


@pytest.fixture
def next15(tmp_path):
    _import(next_plan_frames(), tmp_path)
    return "next15"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", SECTOR_PAGES)
def test_a_plan_exported_from_fyp14_shows_its_own_rows_and_names_fyp14_as_its_predecessor(next15, page, lang):
    at = run(page, {"plan": "next15", "lang": lang})
    shown = texts(at)
    for words in DOCUMENT_ONLY[lang]:
        assert words not in shown, words
    if page == "pages/industries.py":  # no predecessor rows on this page, as for fyp14; its own title
        assert at.title[0].value == {"zh": "产业与创新", "en": "Industry and innovation"}[lang]
        assert plan_column(at) == {NEXT15[lang]}
        assert not [s for s in at.selectbox if s.key == "in_sector"]  # the sectors are the document's
        assert t("in_no_document_content", lang, plan={"zh": "测试区“十五五”规划（2026—2030年）",
                                                       "en": "Test District 15th plan (2026–2030)"}[lang]) in shown
        leak = FOREIGN.search(shown)
        assert leak is None, shown[max(0, leak.start() - 120):leak.end() + 60]
        return
    control = plan_filter(at, page)
    assert control is not None and control.options == [t("in_plan_choice_all", lang), NEXT15[lang], FYP14[lang]]
    assert plan_column(at) == {NEXT15[lang], FYP14[lang]}
    leak = FOREIGN.search(shown.replace(FYP14[lang], ""))  # the predecessor's name, rightly, and nothing else
    assert leak is None, shown[max(0, leak.start() - 120):leak.end() + 60]
    # The plan's own rows alone: not a word or number of the 14th plan's document or table names.
    own = run(page, {"plan": "next15", "lang": lang, "table": "next15"})
    assert plan_filter(own, page).value == "next15"
    assert plan_column(own) == {NEXT15[lang]}
    assert FOREIGN.search(texts(own)) is None
    # Its forest cover (ecology) and certification rate (livelihood) stand where fyp14's did, by slug.
    name = {"pages/ecology.py": ("森林覆盖率", "Forest cover"),
            "pages/livelihood.py": ("从业人员持证率", "holding vocational certificates")}[page]
    assert any(name[lang == "en"] in as_read(tbl.value.to_string()) for tbl in own.table)
    # The predecessor's rows alone, then junk: a plan the page does not offer is refused with a notice.
    prev = run(page, {"plan": "next15", "lang": lang, "table": "fyp14"})
    assert plan_column(prev) == {FYP14[lang]}
    junk = run(page, {"plan": "next15", "lang": lang, "table": "fyp13"})
    assert plan_filter(junk, page).value == "all"
    assert [c.value for c in junk.caption if c.value.startswith("⚠️") and "table" in c.value]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_every_kind_plan_gets_one_line_for_each_section_it_has_nothing_for(tmp_path, lang):
    from test_plan_kinds import _import_plan

    assert _import_plan(tmp_path) == 0  # no predecessor; its category 综合 is no word the page rules know
    at = run("pages/ecology.py", {"plan": "kt", "lang": lang})
    assert plan_filter(at, "pages/ecology.py") is None  # nothing to choose between
    none = t("ec_none_for_plan", lang)
    # Its PM2.5 row stands where fyp13_pm25 does (same slug); every other theme and the city tasks say so in a line.
    assert [c.value for c in at.caption].count(none) == len(ecology.THEMES) - 1 + 1
    assert len(at.table) == 1 and {"zh": "细颗粒物浓度", "en": "pm25"}[lang] in at.table[0].value.to_string()
    assert not tile_cards(at)  # the tiles are pieces: it places none
    at = run("pages/livelihood.py", {"plan": "kt", "lang": lang})
    assert plan_filter(at, "pages/livelihood.py") is None
    assert [c.value for c in at.caption].count(t("lv_no_indicators", lang)) == len(livelihood.TOPICS)
    at = run("pages/industries.py", {"plan": "kt", "lang": lang})
    none = t("in_nothing_for_plan", lang, plan={"zh": "测试省五年规划（2026—2030年）",
                                                "en": "Test province five-year plan (2026–2030)"}[lang])
    assert [c.value for c in at.caption].count(none) == 2  # structure and innovation
    for page in SECTOR_PAGES:
        shown = texts(run(page, {"plan": "kt", "lang": lang}))
        assert FOREIGN.search(shown) is None and not [w for w in DOCUMENT_ONLY[lang] if w in shown]


def _with_placements(tmp_path, monkeypatch, rows: list[dict]):
    """The shipped tables, copied, with `rows` added to placements (as a data directory of the test's own)."""
    target = tmp_path / "pq"
    shutil.copytree(config.parquet_dir(), target)
    path = target / "placements.parquet"
    table = pq.read_table(path)
    extra = pd.DataFrame([{"plan_id": None, "indicator_id": None, "figure_id": None, "category": None, "role": None,
                           "charted": False, **r} for r in rows])
    merged = pd.concat([table.to_pandas(), extra], ignore_index=True)[table.column_names]
    pq.write_table(pa.Table.from_pandas(merged, schema=table.schema, preserve_index=False), path)
    monkeypatch.setenv("LISHI_DATA_DIR", str(target))
    data.reset()


def test_pieces_placed_for_another_plan_are_drawn(next15, tmp_path, monkeypatch):
    """placements.csv rows of place `pieces` for next15 give its pages their tiles and charts: a forest tile, the
    two-plan forest chart (fyp14's target named by its short name), the life-expectancy chart and the enterprise
    path; without them (the other tests) the pages draw none."""
    before = ecology.build_page("zh", "next15")
    assert before.forest_spec is None and before.tiles == []
    _with_placements(tmp_path, monkeypatch, [
        {"plan_id": "next15", "indicator_id": "next15_forest_cover", "place": "pieces", "group": "ecology_forest",
         "position": 1},
        {"plan_id": "next15", "indicator_id": "fyp14_forest_cover", "place": "pieces", "group": "forest_chart",
         "position": 1},
        {"plan_id": "next15", "indicator_id": "next15_forest_cover", "place": "pieces", "group": "forest_chart",
         "position": 2},
        {"plan_id": "next15", "indicator_id": "next15_life_expectancy", "place": "pieces",
         "group": "life_expectancy_chart", "position": 1},
        {"plan_id": "next15", "indicator_id": "next15_industrial_enterprises", "place": "pieces",
         "group": "enterprises_chart", "position": 1},
    ])
    page = ecology.build_page("zh", "next15")
    assert [tile.key for tile in page.tiles] == ["next15_forest_cover"]
    assert page.tiles[0].value == "27.76%"  # its own base (exported from fyp14), no actual imported yet
    rows = ecology.ecology_rows(data.indicator_table("next15"), data.indicator_table("fyp14"))
    frame = ecology.forest_chart_data(rows, None, "zh").frame
    assert set(frame["series"]) >= {"“十四五”目标（2025年）", "规划路径"}
    assert frame[frame["series"] == "“十四五”目标（2025年）"]["value"].tolist() == [30.0]
    assert livelihood.build_page("en", "next15").life_spec is not None
    assert industries.build_page("zh", "next15").path_spec is not None
    at = run("pages/ecology.py", {"plan": "next15", "lang": "zh"})
    assert [c["key"] for c in tile_cards(at)] == ["next15_forest_cover"]
    assert len(at.get("vega_lite_chart")) == 2  # the shares chart and the forest chart
    shown = texts(at)
    assert "森林覆盖率：测试区“十五五”规划（2026—2030年）的规划路径" in str(page.forest_spec)
    assert FOREIGN.search(shown.replace("“十四五”", "")) is None
