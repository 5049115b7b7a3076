"""AppTest of the 经济运行 page: imported year-to-date figures in zh and en, the period picker, the URL, empty states."""

from __future__ import annotations

import re

import pytest
from test_cli_periods import filled

from lishi_metrics.actuals import store
from lishi_metrics.cli import main as cli
from lishi_metrics.data import db as data
from lishi_metrics.text.linebreak import as_read

from conftest import app_test, texts

PAGE = "pages/economy.py"


@pytest.fixture(scope="module")
def _imported_store(tmp_path_factory):
    """The issue's GDP and retail figures (2025 levels, 2026 to Q3 / October), imported once for the module:
    the tests below only read the store."""
    root = tmp_path_factory.mktemp("economy")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(store.STORE_ENV, str(root / "store"))
        data.reset()
        assert cli.main(["periods", "import", str(filled(root / "f.xlsx")), "--by", "t"]) == 0
        data.reset()
    snapshot = {p: p.stat().st_mtime_ns for p in (root / "store").rglob("*")}
    yield root / "store"
    assert {p: p.stat().st_mtime_ns for p in (root / "store").rglob("*")} == snapshot  # nobody wrote to it


@pytest.fixture
def imported(_imported_store, monkeypatch):
    """A store holding the issue's GDP and retail figures (read only: the page tests do not write)."""
    monkeypatch.setenv(store.STORE_ENV, str(_imported_store))
    data.reset()
    yield _imported_store
    data.reset()


@pytest.fixture
def empty(tmp_path, monkeypatch):
    monkeypatch.setenv(store.STORE_ENV, str(tmp_path / "empty"))
    data.reset()
    yield
    data.reset()


def run(params: dict):
    at = app_test(PAGE, params).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_text(at) -> str:
    return as_read(at.table[0].value.to_string())  # cells keep numbers with units (fmt.md_cells)


def test_chinese_page_answers_both_questions(imported):
    at = run({"lang": "zh"})
    table = table_text(at)
    for expected in ("地区生产总值", "2026年前三季度", "152.25 亿元", "+5.0%", "+6.0%", "−1.0 个百分点", "+8.2%",
                     "2026年1—10月", "+10.0%", "▼ 滞后", "— / 75.0%"):
        assert expected in table, expected
    shown = texts(at)
    assert "未导入数据和目标的指标：规模以上工业增加值、固定资产投资" in shown
    assert "截至2026年1—10月，2项有目标的指标中0项基本符合预期或快于预期，2项滞后。" in shown
    assert len(at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")) == 2
    assert not re.search(r"\b(nan|NaN|None)\b", table)
    # on a phone the same rows as cards (app.css shows them below 640 px instead of the table)
    cards = [as_read(m.value) for m in at.markdown if str(m.value).startswith("**地区生产总值**")]
    assert cards == ["**地区生产总值** · ▼ 滞后  \n期别: 2026年前三季度  \n累计值（累计增速）: 152.25 亿元 (+5.0%)  \n"
                     "全年目标（差距）: +6.0% (−1.0 个百分点)  \n完成进度/时间进度: — / 75.0%  \n其余各期需增长: +8.2%"]


def test_english_page(imported):
    at = run({"lang": "en"})
    table = table_text(at)
    for expected in ("Gross domestic product (GDP)", "2026 Q1–Q3", "CNY 15.225 bn", "+8.2%", "2026 Jan–Oct", "+10.0%",
                     "▼ Lagging"):
        assert expected in table, expected
    assert "Rest of year needs" in at.table[0].value.columns
    assert "neither figures nor a target imported: Value added of industry" in texts(at)


def test_as_of_in_the_url_opens_that_period_and_the_picker_writes_it(imported):
    at = run({"lang": "zh", "year": "2026", "as_of": "2026-Q2"})
    assert at.pills[0].value == "2026-Q2"
    table = table_text(at)
    assert "2026年上半年" in table and "+6.8%" in table  # (6·210 − 5·90) / 120 = 6.75
    assert "未导入累计数" in table  # retail sales has nothing by June
    at.pills[0].set_value("2026-Q3").run()
    assert not at.exception
    assert at.query_params["as_of"] == ["2026-Q3"] or at.query_params["as_of"] == "2026-Q3"
    assert "+8.2%" in table_text(at)


def test_the_link_carries_year_and_the_period_shown(imported):
    at = run({"lang": "zh"})
    assert at.query_params["year"] in ("2026", ["2026"]) and at.query_params["as_of"] in ("2026-10", ["2026-10"])
    assert at.pills[0].options == ["2026年一季度", "2026年上半年", "2026年前三季度", "2026年1—10月"]


def test_a_bad_as_of_or_year_is_ignored_with_a_notice(imported):
    at = run({"lang": "en", "year": "abc", "as_of": "2026-13"})
    assert at.selectbox[0].value == 2026 and at.pills[0].value == "2026-10"
    shown = texts(at)
    assert "period (as_of)" in shown and "year (year)" in shown


def test_a_year_without_figures_says_what_to_import(imported):
    at = run({"lang": "zh", "year": "2024"})
    assert at.selectbox[0].value == 2024 and "as_of" not in at.query_params
    assert "2024年尚未导入经济运行数据" in " ".join(i.value for i in at.info)


def test_empty_store_says_what_to_import_and_where(empty):
    at = run({"lang": "zh"})
    info = " ".join(i.value for i in at.info)
    assert "尚未导入经济运行数据" in info and "periods template --year" in info and "periods import" in info
    at = run({"lang": "en"})
    assert "No year-to-date figures imported" in " ".join(i.value for i in at.info)


def test_the_overview_shows_the_years_latest_gdp_quarter(imported, monkeypatch):
    from lishi_metrics.views import economy as ecv

    assert ecv.plan_link("gdp", "zh", 2026) == "经济运行：地区生产总值 2026年前三季度 +5.0%（全年目标 +6.0%），详见“经济运行”页。"
    assert ecv.plan_link("gdp", "en", 2026).startswith("This year: Gross domestic product (GDP) 2026 Q1–Q3 +5.0%")
    assert ecv.plan_link("gdp", "zh", 2027) == "" and ecv.plan_link("industry_share", "zh", 2026) == ""


# --- the wall's 经济运行 panel (issue 26.4) ---------------------------------------------------------------------

def test_the_wall_panel_answers_both_questions_in_the_same_numbers(imported):
    from datetime import date

    from lishi_metrics.views import screen as sv

    data.reset()
    wall = sv.load_data()
    assert sv.panel_sequence(wall, 2026) == (1, 2, 3, 4, 5, 6)  # figures for 2026: in the rotation
    assert sv.panel_sequence(wall, 2027) == (1, 2, 3, 4, 5)  # none for 2027: not
    assert sv.following_panel(5, (1, 2, 3, 4, 5, 6)) == 6 and sv.following_panel(6, (1, 2, 3, 4, 5, 6)) == 1
    zh = sv.build_panel(6, wall, "zh", date(2026, 12, 6))
    assert zh.code == "economy" and zh.counter == "6 / 6" and zh.title.endswith("经济运行")
    tiles = {tile.name: tile for tile in zh.tiles}
    assert tiles["地区生产总值"].value == "+5.0%" and tiles["地区生产总值"].label == "2026年前三季度 累计增速"
    assert tiles["地区生产总值"].lines == ("全年目标 +6.0%", "差距 −1.0 个百分点") and tiles["地区生产总值"].status_text == "▼ 滞后"
    assert {f.label: f.value for f in zh.facts} == {"地区生产总值": "+8.2%", "社会消费品零售总额": "+10.0%"}
    assert zh.status_line == "截至2026年1—10月，2项有目标的指标中0项基本符合预期或快于预期，2项滞后。"
    assert [c.kind for c in zh.charts] == ["ytd"]
    en = sv.panel_model(6, "en", "2026-12-06")
    assert en[0].facts[0].value == "+8.2%" and "Q1–Q3" in en[0].facts[0].detail and len(en[1]) == 1
    assert sv.build_panel(6, wall, "zh", date(2027, 1, 6)).index == 5  # past the rotation: its last panel


def test_without_figures_the_wall_keeps_five_panels(empty):
    from datetime import date

    from lishi_metrics.views import screen as sv

    wall = sv.load_data()
    assert sv.panel_sequence(wall, 2026) == (1, 2, 3, 4, 5)
    assert sv.build_panel(6, wall, "en", date(2026, 12, 6)).code == "review"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_wall_page_draws_the_panel(imported, lang):
    at = app_test("pages/screen.py", {"panel": "6", "rotate": "0", "lang": lang}).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    for expected in {"zh": ("经济运行", "其余各期需增长", "+8.2%", "+10.0%", "▼ 滞后", "6 / 6"),
                     "en": ("Economy this year", "Growth the rest of the year needs", "+8.2%", "▼ Lagging",
                            "6 / 6")}[lang]:
        assert expected in shown, expected
    assert len(at.get("vega_lite_chart")) == 1


# --- the data page's upload of the 经济运行 workbook (same gate, lock and history as the actuals) -----------------

def _periods_uploader(at):
    return next(u for u in at.file_uploader if "da_periods_upload" in str(u.proto.id))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_data_page_imports_the_workbook_as_a_new_version(tmp_path, monkeypatch, lang):
    from test_page_data import _gate, button, snapshot, store_dir, unlocked_page  # noqa: F401 - _gate: autouse

    at = unlocked_page(monkeypatch, lang)
    payload = filled(tmp_path / "f.xlsx").read_bytes()
    _periods_uploader(at).upload("f.xlsx", payload, "application/octet-stream")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert {"zh": "检查通过：目标 2 行，累计数 10 行。", "en": "Checked: 2 target rows, 10 period rows."}[lang] in shown
    button(at, "da_periods_commit_").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert {"zh": "已导入经济运行数据，生成版本 1：新增 12", "en": "Economy figures imported as version 1: 12 added"}[lang] \
        in texts(at)
    assert [e["action"] for e in store.history(store_dir())] == ["periods_import"]
    assert store.history(store_dir())[0]["by"] == "张三"
    assert len(store.current_period_tables(store_dir())["periods"]) == 10
    # A workbook whose level falls is refused, in the page's language, and nothing is stored.
    before = snapshot(store_dir())
    bad = filled(tmp_path / "b.xlsx", targets=[], periods=[("gdp", "2026-Q2", 160.0, 5.0)]).read_bytes()
    _periods_uploader(at).upload("b.xlsx", bad, "application/octet-stream")
    at.run()
    assert not at.exception
    problems = " ".join(df.value.to_string() for df in at.dataframe)
    assert ("160" in problems and "152.25" in problems) and not any(
        b.key and b.key.startswith("da_periods_commit_") for b in at.button)
    assert snapshot(store_dir()) == before


def test_the_data_page_needs_a_name_and_a_readable_workbook(tmp_path, monkeypatch):
    from test_page_data import _gate, button, store_dir, unlocked_page  # noqa: F401 - _gate: autouse

    at = unlocked_page(monkeypatch, "en", by="")
    _periods_uploader(at).upload("f.xlsx", filled(tmp_path / "f.xlsx").read_bytes(), "application/octet-stream")
    at.run()
    assert button(at, "da_periods_commit_").disabled
    _periods_uploader(at).upload("f.xlsx", b"not a zip", "application/octet-stream")
    at.run()
    assert not at.exception and "not an Excel workbook" in " ".join(df.value.to_string() for df in at.dataframe)
    assert store.history(store_dir()) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_explorer_shows_the_years_latest_gdp_quarter_beside_the_gdp_series(imported, lang):
    """Issue 26.6: the plan pages, the explorer's GDP detail too, show this year's latest year-to-date GDP; the
    rows no periodic figure feeds (forest cover) show none."""
    from datetime import date

    from lishi_metrics.views import economy as ecv

    expected = ecv.plan_link("gdp", lang, date.today().year)
    at = app_test("pages/explorer.py", {"lang": lang, "id": "fyp14_gdp"})
    at.run()
    assert not at.exception, at.exception
    shown = [str(c.value).replace("\\", "") for c in at.caption]  # as read: the caption's Markdown escapes removed
    if date.today().year == 2026:  # the workbook's figures are 2026's: the link is there this year
        assert "2026年前三季度 +5.0%" in expected or "2026 Q1–Q3 +5.0%" in expected
    assert expected in shown if expected else not any(c.startswith(("经济运行：", "This year:")) for c in shown)
    other = app_test("pages/explorer.py", {"lang": lang, "id": "fyp14_forest_cover"})
    other.run()
    assert not other.exception and not any("Q1–Q3" in str(c.value) or "前三季度" in str(c.value) for c in other.caption)
