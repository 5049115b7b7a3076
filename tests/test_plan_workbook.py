"""Any plan (issue 13): the plan workbook round trip, a 15th-plan-shaped workbook, bad workbooks, plan resolution."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lishi_metrics.actuals import store
from lishi_metrics.cli import main as cli
from lishi_metrics.data import db as data
from lishi_metrics.data import plan_workbook as pw
from lishi_metrics.data import plans
from lishi_metrics.text.linebreak import as_read
from lishi_metrics.views import explorer as ev
from lishi_metrics.views import overview as ov
from lishi_metrics.views import scenario as scv
from lishi_metrics.views import screen as scr
from lishi_metrics.views import state

from conftest import app_test, texts, tile_cards
from facts import FYP14


def store_dir() -> Path:
    return Path(os.environ["LISHI_STORE_DIR"])


def fyp14_frames() -> dict[str, pd.DataFrame]:
    catalogue = data.plans_catalogue()
    return pw.plan_frames(catalogue[catalogue["plan_id"] == "fyp14"].iloc[0], data.indicator_table("fyp14"))


def renamed(frames: dict[str, pd.DataFrame], plan_id: str) -> dict[str, pd.DataFrame]:
    out = {k: v.copy() for k, v in frames.items()}
    out["plan"].loc[0, "plan_id"] = plan_id
    out["indicators"]["indicator_id"] = out["indicators"]["indicator_id"].str.replace("fyp14_", f"{plan_id}_")
    return out


def import_frames(frames: dict[str, pd.DataFrame], tmp_path: Path, name: str = "plan.xlsx", *extra: str) -> int:
    """`plan import` of the frames as a workbook, confirming its warnings (--yes): the plans here print growth
    figures that the plan-arithmetic check flags, as real plans do."""
    path = tmp_path / name
    path.write_bytes(pw.workbook_bytes(frames))
    code = cli.main(["plan", "import", str(path), "--by", "tester", "--yes", *extra])
    data.reset()
    return code


def fyp15_frames() -> dict[str, pd.DataFrame]:
    """A synthetic plan shaped like a 15th plan: base 2025, targets 2030 (numbers invented, for tests only)."""
    plan = pd.DataFrame([{"plan_id": "fyp15", "name_zh": "测试十五五规划", "name_en": "Test 15th plan",
                          "region_zh": "测试区", "region_en": "Test district", "start_year": 2026, "end_year": 2030,
                          "base_year": 2025, "previous_plan_id": "fyp14"}])
    rows = [
        {"indicator_id": "fyp15_gdp", "seq": "1", "category_zh": "经济发展", "category_en": "Economy",
         "name_zh": "地区生产总值", "name_en": "GDP", "unit_zh": "亿元", "unit_en": "CNY 100 million",
         "attribute": "预期性", "direction": "up", "value_type": "level", "base_year": 2025, "base_value": 250,
         "target_year": 2030, "target_value": 360, "growth_text": "7", "role": "gdp", "source": "专栏1"},
        {"indicator_id": "fyp15_industry_share_gdp", "seq": "2", "category_zh": "经济发展", "category_en": "Economy",
         "name_zh": "工业增加值占GDP比重", "name_en": "Industry share", "unit_zh": "%", "unit_en": "%",
         "attribute": "预期性", "direction": "up", "value_type": "share", "base_year": None, "base_value": 45,
         "target_year": None, "target_value": 50, "growth_text": "1", "role": "industry_share", "source": "专栏1"},
        {"indicator_id": "fyp15_forest_cover", "seq": "3", "category_zh": "绿色生态", "category_en": "Green",
         "name_zh": "森林覆盖率", "name_en": "Forest cover", "unit_zh": "%", "unit_en": "%",
         "attribute": "约束性", "direction": "up", "value_type": "share", "base_year": 2025, "base_value": 31,
         "target_year": 2030, "target_value": "完成市任务", "growth_text": "完成市任务", "role": None, "source": "专栏1"},
    ]
    return {"plan": plan, "indicators": pd.DataFrame(rows, columns=list(pw.INDICATOR_COLUMNS))}


# --- default plan and the plan= parameter ----------------------------------------------------------


CATALOGUE = pd.DataFrame({"plan_id": ["fyp13", "fyp14", "fyp15"], "start_year": [2016, 2021, 2026],
                          "end_year": [2020, 2025, 2030], "base_year": [2015, 2020, 2025]})


@pytest.mark.parametrize(("today", "expected"), [
    (date(2023, 6, 1), "fyp14"),  # running
    (date(2026, 1, 1), "fyp15"),  # the newest running plan
    (date(2031, 3, 1), "fyp15"),  # none running: the most recently ended
    (date(2018, 1, 1), "fyp13"),
])
def test_default_plan_is_the_running_one_else_the_latest_ended(today, expected):
    assert plans.default_plan(CATALOGUE, today) == expected


def test_default_plan_without_the_15th_is_the_14th_after_2025():
    assert plans.default_plan(CATALOGUE[CATALOGUE["plan_id"] != "fyp15"], date(2026, 12, 1)) == "fyp14"


def test_parse_plan_known_unknown_and_session_choice():
    today = date(2026, 12, 1)
    assert state.parse_plan("FYP13", CATALOGUE, today) == ("fyp13", [])
    plan_id, notices = state.parse_plan("[x](http://e.x)", CATALOGUE, today)
    assert plan_id == "fyp15" and [(n.param, n.message_key, n.value) for n in notices] == [
        ("plan", state.UNKNOWN_CHOICE, "fyp15")]
    assert state.parse_plan(None, CATALOGUE, today, fallback="fyp13") == ("fyp13", [])
    assert state.parse_plan(None, CATALOGUE, today, fallback="gone") == ("fyp15", [])


def test_previous_plan_is_the_one_named_never_guessed_from_the_years():
    named = CATALOGUE.assign(previous_plan_id=[None, "fyp13", "fyp14"])
    assert plans.previous_plan(named, "fyp15") == "fyp14"
    assert plans.previous_plan(named, "fyp14") == "fyp13"
    assert plans.previous_plan(named, "fyp13") is None
    # A plan that names none (a national plan starting in 2021) gets none, though fyp13 ended in its base year.
    assert plans.previous_plan(CATALOGUE.assign(previous_plan_id=None), "fyp14") is None
    assert plans.previous_plan(CATALOGUE, "fyp14") is None  # a catalogue without the column
    assert plans.previous_plan(named.assign(previous_plan_id=[None, "gone", "fyp15"]), "fyp14") is None
    assert plans.previous_plan(named.assign(previous_plan_id=[None, "gone", "fyp15"]), "fyp15") is None


def test_shipped_lineage():
    assert plans.previous_plan(data.plans(), "fyp14") == "fyp13"
    assert plans.previous_plan(data.plans(), "fyp13") is None


def test_roles_of_the_shipped_plans():
    assert plans.role_id(data.indicator_table("fyp14"), "gdp") == "fyp14_gdp"
    assert plans.role_id(data.indicator_table("fyp14"), "industry_share") == "fyp14_industry_share_gdp"
    assert plans.role_id(data.indicator_table("fyp13"), "gdp") == "fyp13_gdp"


# --- round trip: fyp14 → workbook → another id → import → identical numbers -----------------------


@pytest.fixture
def copy14(tmp_path):
    frames = renamed(fyp14_frames(), "copy14")
    assert import_frames(frames, tmp_path) == 0
    return "copy14"


def _numbers(frame: pd.DataFrame) -> list:
    return frame.astype(str).values.tolist()


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_round_trip_overview_has_identical_numbers(copy14):
    for lang in ("zh", "en"):
        a, b = ov.build_page(lang, "fyp14"), ov.build_page(lang, copy14)
        assert [(t.label, t.value, t.lines) for t in a.tiles] == [(t.label, t.value, t.lines) for t in b.tiles]
        assert len(a.tiles) == 13
        assert [_numbers(g.table) for g in a.grid] == [_numbers(g.table) for g in b.grid]
        assert _numbers(a.arithmetic.iloc[:, 1:]) == _numbers(b.arithmetic.iloc[:, 1:])
        assert a.gdp_note == b.gdp_note and ("154.7" if lang == "zh" else "15.47") in a.gdp_note
        assert _numbers(a.scoreboard_table) == _numbers(b.scoreboard_table)  # both follow the 13th plan
        assert b.vision == [] and b.goals == []  # the 14th plan's prose is not shown under another plan


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_round_trip_explorer_has_identical_numbers(copy14):
    _, rows, checks = ev.catalog_from_data()
    cols = ["base_year", "base_value", "base_text", "target_year", "target_value", "target_text", "growth_pct",
            "growth_text", "needed_mode", "needed_per_year", "status"]
    a = rows[(rows["plan_id"] == "fyp14") & (rows["kind"] == "indicator")]
    b = rows[(rows["plan_id"] == copy14) & (rows["kind"] == "indicator")]
    assert len(a) == len(b) == FYP14
    assert _numbers(a[cols]) == _numbers(b[cols])
    ca = checks[checks["indicator_id"].str.startswith("fyp14_")].drop(columns=["indicator_id", "plan_id"],
                                                                       errors="ignore")
    cb = checks[checks["indicator_id"].str.startswith("copy14_")].drop(columns=["indicator_id", "plan_id"],
                                                                        errors="ignore")
    assert len(cb) > 0 and _numbers(ca) == _numbers(cb)  # the plan-arithmetic check runs for the imported plan
    gdp_a = ev.detail(rows, "fyp14_gdp", "zh", arith=checks)
    gdp_b = ev.detail(rows, "copy14_gdp", "zh", arith=checks)
    assert _numbers(ev.metrics_table(gdp_a, "zh")) == _numbers(ev.metrics_table(gdp_b, "zh"))
    assert gdp_a.arithmetic == gdp_b.arithmetic


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_round_trip_scenario_has_identical_numbers(copy14):
    a, b = scv.facts_from_data("fyp14"), scv.facts_from_data(copy14)
    assert (a.base_year, a.base_gdp, a.target_year, a.target_gdp, a.plan_real, a.trend_real, a.share0, a.share1) == \
           (b.base_year, b.base_gdp, b.target_year, b.target_gdp, b.plan_real, b.trend_real, b.share0, b.share1)
    params = state.default_params(a)
    assert _numbers(scv.build_scenario(a, params).frame) == _numbers(scv.build_scenario(b, params).frame)


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_round_trip_big_screen_has_identical_numbers(copy14):
    day = "2026-12-01"
    a, _ = scr.panel_model(1, "zh", day, "fyp14")
    b, _ = scr.panel_model(1, "zh", day, copy14)
    assert [(t.value, t.lines, t.status) for t in a.tiles] == [(t.value, t.lines, t.status) for t in b.tiles]
    assert _numbers(a.charts[0].data) == _numbers(b.charts[0].data)
    assert [(f.label, f.value) for f in a.facts] == [(f.label, f.value) for f in b.facts]
    assert scr.panel_count(copy14) == 5 and scr.panel_count("fyp14") == 5  # every plan's wall has all five


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_round_trip_pages_show_the_same_numbers(copy14):
    for page, probe in (("pages/scenario.py", "255.0 亿元"), ("pages/overview.py", "255 亿元")):
        shown = {}
        for plan_id in ("fyp14", copy14):
            at = app_test(page, {"plan": plan_id})
            at.run()
            assert not at.exception, at.exception
            assert at.query_params["plan"] == plan_id
            shown[plan_id] = [(m.label, m.value) for m in at.metric] + [(c["label"], c["value"]) for c in tile_cards(at)]
            assert probe in texts(at)
        assert shown["fyp14"] == shown[copy14]


# --- a 15th-plan-shaped workbook drives the scenario page to its 2030 target ----------------------


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_fifteenth_plan_drives_the_scenario_page_to_2030(tmp_path):
    assert import_frames(fyp15_frames(), tmp_path) == 0
    facts = scv.facts_from_data("fyp15")
    assert (facts.base_year, facts.base_gdp, facts.target_year, facts.target_gdp) == (2025, 250.0, 2030, 360.0)
    assert facts.plan_years == [2026, 2027, 2028, 2029, 2030] and facts.has_share
    assert state.horizons(facts.target_year) == (2030, 2035, 2040)
    at = app_test("pages/scenario.py", {"plan": "fyp15"})
    at.run()
    assert not at.exception, at.exception
    gdp = [m for m in at.metric if "2030" in str(m.label)]
    assert gdp and as_read(gdp[0].value) == "360.0 亿元"  # the plan preset lands on the plan's own target
    assert "2030" in at.title[0].value
    assert at.query_params["g"] == "7" and at.query_params["horizon"] == "2030"
    shown = texts(at)
    assert "255" not in shown and "154.7" not in shown


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_fifteenth_plan_on_the_other_pages(tmp_path):
    assert import_frames(fyp15_frames(), tmp_path) == 0
    at = app_test("pages/overview.py", {"plan": "fyp15", "lang": "en"})
    at.run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "2025 actual, 2030 target" in shown and "meet the city's assigned target" in shown.lower() or \
        "完成市任务" in shown
    # The sector pages show the plan's own indicators placed there (data.placements) beside its predecessor's
    # (fyp14, named by the plan sheet), none of the document's content; a section with nothing says so.
    own = "测试十五五规划（2026—2030年）"
    for page, shown_name in (("pages/industries.py", "工业增加值占GDP比重"), ("pages/ecology.py", "森林覆盖率"),
                             ("pages/livelihood.py", None)):
        at = app_test(page, {"plan": "fyp15"})
        at.run()
        assert not at.exception, at.exception
        rows = [(as_read(str(r.iloc[0])), as_read(str(r.iloc[1]))) for tb in at.table for _, r in tb.value.iterrows()]
        assert {plan for plan, _ in rows} <= {own, "“十四五”"}, page
        # (a text target is listed again among the city-assigned tasks)
        assert {name for plan, name in rows if plan == own} == ({shown_name} if shown_name else set()), page
        assert not at.metric and not at.dataframe
        captions = [c.value for c in at.main.caption]
        assert captions[-1] == f"数据出处：{own}：主要指标表", page
        if shown_name is None:
            assert "该领域没有所选规划的表列指标。" in captions
        else:
            assert f"{own}的数据只有主要指标表：没有规划正文的数字、重点项目和点名企业。" in captions
    at = app_test("pages/screen.py", {"plan": "fyp15"})
    at.run()
    assert not at.exception, at.exception
    assert "360" in texts(at) or any("360" in str(m.value) for m in at.metric)


def test_default_plan_on_a_page_follows_the_calendar(tmp_path):
    assert import_frames(fyp15_frames(), tmp_path) == 0
    at = app_test("pages/overview.py")
    at.run()
    assert not at.exception, at.exception
    expected = plans.default_plan(data.plans(), date.today())
    assert state.plan_label(data.plans_catalogue(), expected, "zh") in texts(at)
    assert "plan" not in at.query_params  # a link without plan= keeps following the calendar


def test_actuals_template_and_import_per_plan(tmp_path):
    assert import_frames(fyp15_frames(), tmp_path) == 0
    template = tmp_path / "actuals.csv"
    assert cli.main(["template", "--plan", "fyp15", "--output", str(template)]) == 0
    header = template.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith("2026,2027,2028,2029,2030")
    upload = tmp_path / "up.csv"
    upload.write_text("indicator_id,2022,2026\nfyp14_gdp,190,\nfyp15_gdp,,262\n", encoding="utf-8")
    assert cli.main(["import", str(upload), "--by", "tester", "--yes"]) == 0
    data.reset()
    assert scv.facts_from_data("fyp15").actuals == ((2026, 262.0),)
    assert scv.facts_from_data("fyp14").actuals == ((2022, 190.0),)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("indicator_id,2026\nfyp14_gdp,300\n", encoding="utf-8")
    before = store.current_version(store_dir())
    assert cli.main(["import", str(wrong), "--by", "tester", "--yes"]) == 2  # 2026 is outside the 14th plan
    assert store.current_version(store_dir()) == before


# --- the store: versions, rollback, remove --------------------------------------------------------


def test_plan_import_is_a_version_with_history_and_rollback(tmp_path):
    assert import_frames(fyp15_frames(), tmp_path) == 0
    entry = store.history(store_dir())[-1]
    assert (entry["action"], entry["plan_id"], entry["by"]) == ("plan_import", "fyp15", "tester")
    version = store.current_version(store_dir())
    # An actuals import afterwards keeps the plan.
    frame = pd.DataFrame({"indicator_id": ["fyp15_gdp"], "year": [2026], "value": [262.0]})
    store.commit_import(store_dir(), frame, by="t", file_name="a.csv", sha256="ab" * 32)
    data.reset()
    assert "fyp15" in set(data.plans()["plan_id"])
    store.rollback(store_dir(), 0, by="t")
    data.reset()
    assert "fyp15" not in set(data.plans()["plan_id"])
    store.rollback(store_dir(), version, by="t")
    data.reset()
    assert "fyp15" in set(data.plans()["plan_id"])
    assert cli.main(["plan", "remove", "fyp15", "--by", "tester"]) == 0
    data.reset()
    assert "fyp15" not in set(data.plans()["plan_id"])
    assert cli.main(["plan", "remove", "fyp14", "--by", "tester"]) == 2  # shipped plans stay


def test_reimport_replaces_an_imported_plan(tmp_path):
    assert import_frames(fyp15_frames(), tmp_path) == 0
    frames = fyp15_frames()
    frames["indicators"].loc[0, "target_value"] = 370
    assert import_frames(frames, tmp_path) == 0
    assert scv.facts_from_data("fyp15").target_gdp == 370.0
    assert data.plans_catalogue()["plan_id"].tolist().count("fyp15") == 1


def test_csv_per_sheet_is_accepted(tmp_path):
    frames = fyp15_frames()
    for sheet, frame in frames.items():
        frame.to_csv(tmp_path / f"{sheet}.csv", index=False)
    code = cli.main(["plan", "import", str(tmp_path / "plan.csv"), str(tmp_path / "indicators.csv"), "--by", "t",
                     "--yes"])
    data.reset()
    assert code == 0 and scv.facts_from_data("fyp15").target_gdp == 360.0


def test_template_and_export_workbooks(tmp_path):
    path = tmp_path / "t.xlsx"
    assert cli.main(["plan", "template", "--output", str(path)]) == 0
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["plan", "indicators", "说明"]
    assert [c.value for c in wb["indicators"][1]] == list(pw.INDICATOR_COLUMNS)
    helped = {(r[0], r[1]) for r in wb["说明"].iter_rows(min_row=2, values_only=True)}
    assert {("plan", c) for c in pw.PLAN_COLUMNS} | {("indicators", c) for c in pw.INDICATOR_COLUMNS} == helped
    validated = {str(dv.sqref).split(":")[0][0] for dv in wb["indicators"].data_validations.dataValidation}
    letters = {"ABCDEFGHIJKLMNOPQRSTUVWXYZ"[pw.INDICATOR_COLUMNS.index(c)] for c in ("attribute", "direction", "value_type",
                                                                             "role", "cumulative_rule")}
    assert letters <= validated
    out = tmp_path / "e.xlsx"
    assert cli.main(["plan", "export", "--plan", "fyp14", "--output", str(out)]) == 0
    rows = list(openpyxl.load_workbook(out)["indicators"].iter_rows(min_row=2, values_only=True))
    gdp = dict(zip(pw.INDICATOR_COLUMNS, rows[0]))
    assert (gdp["indicator_id"], gdp["base_value"], gdp["target_value"], gdp["growth_text"], gdp["role"]) == (
        "fyp14_gdp", 154.7, 255, "9.8", "gdp")
    assert cli.main(["plan", "export", "--plan", "nope", "--output", str(out)]) == 2


# --- bad workbooks: every class refused, sheet/row/column named in zh and en, store unchanged ---------


def _set(sheet: str, row: int | None, column: str, value):
    def change(frames):
        frames[sheet] = frames[sheet].astype(object)
        if row is None:
            frames[sheet][column] = value
        else:
            frames[sheet].loc[row, column] = value
        return frames
    return change


def _drop_column(sheet: str, column: str):
    def change(frames):
        frames[sheet] = frames[sheet].drop(columns=[column])
        return frames
    return change


def _extra_plan_row(frames):
    frames["plan"] = pd.concat([frames["plan"], frames["plan"]], ignore_index=True)
    return frames


def _duplicate_row(frames):
    frames["indicators"] = pd.concat([frames["indicators"], frames["indicators"].iloc[[2]]], ignore_index=True)
    return frames


def _no_rows(frames):
    frames["indicators"] = frames["indicators"].iloc[0:0]
    return frames


BAD = [
    ("bad_plan_id", _set("plan", 0, "plan_id", "15th Plan!"), ("plan", 2, "plan_id")),
    ("shipped_id", _set("plan", 0, "plan_id", "fyp14"), ("plan", 2, "plan_id")),
    ("empty_name", _set("plan", 0, "name_zh", None), ("plan", 2, "name_zh")),
    ("not_a_year", _set("plan", 0, "end_year", "二〇三〇"), ("plan", 2, "end_year")),
    ("years_out_of_order", _set("plan", 0, "base_year", 2027), ("plan", 2, "base_year")),
    ("two_plan_rows", _extra_plan_row, ("plan", None, None)),
    ("missing_column", _drop_column("indicators", "attribute"), ("indicators", 1, "attribute")),
    ("no_indicators", _no_rows, ("indicators", None, None)),
    ("bad_attribute", _set("indicators", 1, "attribute", "必须"), ("indicators", 3, "attribute")),
    ("bad_direction", _set("indicators", 1, "direction", "higher"), ("indicators", 3, "direction")),
    ("bad_value_type", _set("indicators", 2, "value_type", "percent"), ("indicators", 4, "value_type")),
    ("bad_role", _set("indicators", 2, "role", "headline"), ("indicators", 4, "role")),
    ("duplicate_role", _set("indicators", 2, "role", "gdp"), ("indicators", 4, "role")),
    ("duplicate_id", _duplicate_row, ("indicators", 5, "indicator_id")),
    ("id_of_another_plan", _set("indicators", 2, "indicator_id", "fyp14_forest_cover"), ("indicators", 4, "indicator_id")),
    ("bad_indicator_id", _set("indicators", 2, "indicator_id", "森林 cover"), ("indicators", 4, "indicator_id")),
    ("base_year_after_the_plans", _set("indicators", 0, "base_year", 2026), ("indicators", 2, "base_year")),
    ("target_year_differs", _set("indicators", 0, "target_year", 2035), ("indicators", 2, "target_year")),
    ("no_target_nor_growth", lambda f: _set("indicators", 2, "growth_text", None)(
        _set("indicators", 2, "target_value", None)(f)), ("indicators", 4, "target_value")),
    ("gdp_without_a_growth_number", _set("indicators", 0, "growth_text", "较快增长"), ("indicators", 2, "growth_text")),
    ("text_too_long", _set("indicators", 1, "name_zh", "长" * 400), ("indicators", 3, "name_zh")),
    ("empty_required", _set("indicators", 1, "category_zh", None), ("indicators", 3, "category_zh")),
    ("decimals_not_a_number", _set("indicators", 0, "decimals", "一位"), ("indicators", 2, "decimals")),
    ("decimals_drop_printed_digits", lambda f: _set("indicators", 0, "decimals", 1)(
        _set("indicators", 0, "base_value", "250.25")(f)), ("indicators", 2, "decimals")),
    ("decimals_on_a_count", lambda f: _set("indicators", 1, "value_type", "count")(
        _set("indicators", 1, "decimals", 1)(f)), ("indicators", 3, "decimals")),
    ("previous_unknown", _set("plan", 0, "previous_plan_id", "fyp12"), ("plan", 2, "previous_plan_id")),
    ("previous_itself", _set("plan", 0, "previous_plan_id", "fyp15"), ("plan", 2, "previous_plan_id")),
    ("previous_not_before", lambda f: _set("plan", 0, "start_year", 2025)(_set("plan", 0, "base_year", 2024)(f)),
     ("plan", 2, "previous_plan_id")),
]


def test_a_predecessor_that_does_not_end_in_the_base_year_is_a_warning():
    check = pw.check_upload({"p.xlsx": pw.workbook_bytes(_set("plan", 0, "previous_plan_id", "fyp13")(fyp15_frames()))})
    assert check.ok
    assert [(w.sheet, w.column) for w in check.warnings if w.column == "previous_plan_id"] == [
        ("plan", "previous_plan_id")]


def test_a_plan_without_lineage_or_wording_imports_and_names_no_predecessor(tmp_path):
    frames = fyp15_frames()
    frames["plan"] = frames["plan"].drop(columns=["previous_plan_id"])
    assert import_frames(frames, tmp_path) == 0
    row = plans.plan_row(data.plans(), "fyp15")
    assert row["previous_plan_id"] is None and row["short_name_zh"] is None
    assert plans.previous_plan(data.plans(), "fyp15") is None


def test_a_plan_stored_before_the_lineage_columns_still_shows(tmp_path):
    import pyarrow.parquet as pq

    assert import_frames(fyp15_frames(), tmp_path) == 0
    path = store.current_plan_paths(store_dir())["plans"]
    old = pq.read_table(path)
    pq.write_table(old.select([c for c in old.column_names if c not in (
        "previous_plan_id", "short_name_zh", "short_name_en", "table_title_zh", "table_title_en",
        "stats_source_zh", "stats_source_en")]), path)
    # A store of that time had no checksums: no manifests, none in the history, a CURRENT of one number (a file
    # changed under recorded checksums reads as damaged, issue 23.1).
    import json

    for manifest in (store_dir() / "versions").glob("*.manifest.json"):
        manifest.unlink()
    entries = [{k: v for k, v in e.items() if k != "files"} for e in store.history(store_dir())]
    (store_dir() / "history.json").write_text(json.dumps(entries), encoding="utf-8")
    (store_dir() / "CURRENT").write_text(f"{entries[-1]['version']}\n")
    data.reset()
    assert "fyp15" in set(data.plans()["plan_id"])
    assert plans.previous_plan(data.plans(), "fyp15") is None
    # Importing another plan over such a store keeps both.
    assert import_frames(renamed(fyp14_frames(), "copy14"), tmp_path) == 0
    assert {"fyp15", "copy14"} <= set(data.plans()["plan_id"])
    assert plans.previous_plan(data.plans(), "copy14") == "fyp13"


@pytest.mark.parametrize(("case", "change", "where"), BAD, ids=[b[0] for b in BAD])
def test_bad_workbooks_are_refused_naming_sheet_row_and_column(case, change, where, tmp_path, capsys):
    history = store.history(store_dir())
    frames = change(fyp15_frames())
    check = pw.check_upload({"bad.xlsx": pw.workbook_bytes(frames)})
    assert not check.ok and check.tables is None
    assert all(p.sheet and p.message and p.message_zh for p in check.problems)
    assert where in [(p.sheet, p.row, p.column) for p in check.problems], check.problems
    assert import_frames(frames, tmp_path, "bad.xlsx") == 2
    err = capsys.readouterr().err
    assert "nothing stored" in err and f"sheet {where[0]}" in err
    assert store.history(store_dir()) == history and store.current_version(store_dir()) == 0
    assert "fyp15" not in set(data.plans()["plan_id"])


@pytest.mark.parametrize(("name", "payload", "sheet"), [
    ("plan.xlsx", b"not a workbook", None),
    ("plan.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, None),
    ("plan.pdf", b"%PDF-1.4", None),
])
def test_unreadable_files_are_refused(name, payload, sheet, tmp_path):
    check = pw.check_upload({name: payload})
    assert not check.ok and check.problems and all(p.message_zh for p in check.problems)
    assert store.current_version(store_dir()) == 0


def test_a_workbook_without_the_indicators_sheet_names_it(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "plan"
    for row in [list(pw.PLAN_COLUMNS), ["fyp15", "a", "b", "c", "d", 2026, 2030, 2025]]:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    check = pw.check_upload({"p.xlsx": buf.getvalue()})
    assert [(p.sheet, p.message_zh) for p in check.problems] == [
        ("indicators", "工作表“indicators”：工作簿中缺少工作表“indicators”：请使用模板")]


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_too_many_rows_are_refused_before_checking(tmp_path):
    frames = fyp15_frames()
    many = pd.concat([frames["indicators"]] * 2000, ignore_index=True)
    many["indicator_id"] = [f"fyp15_x{i}" for i in range(len(many))]
    frames["indicators"] = many
    check = pw.check_upload({"big.xlsx": pw.workbook_bytes(frames)})
    assert not check.ok and any("5000" in p.message for p in check.problems)


# --- the plan-arithmetic check runs on import: findings are warnings, shown before confirming -------------


def test_plan_arithmetic_findings_are_warnings_shown_before_confirming(tmp_path, capsys):
    from lishi_metrics.views import data_admin as dav

    frames = fyp15_frames()
    check = dav.check_plan_upload({"fyp15.xlsx": pw.workbook_bytes(frames)})
    assert check.ok and not check.problems  # findings never reject a workbook
    found = {(p.sheet, p.row, p.column): p for p in check.warnings}
    # 250 → 360 in five years is 7.57 % a year against the printed 7 (real growth: prices +0.53 % a year);
    # 45 → 50 % is 2.13 % a year against the printed 1. Forest cover has a text target: nothing to check.
    assert set(found) == {("indicators", 2, "growth_text"), ("indicators", 3, "growth_text")}
    gdp = found[("indicators", 2, "growth_text")]
    assert gdp.message_zh == ("规划数字核对（地区生产总值）：250 亿元 → 360 亿元（2025—2030年），印出的年均增长 7%，"
                              "由起止值推算 7.57%，差 +0.57 个百分点。≈ 名义与实际之差：价格年均 +0.53%")
    assert gdp.message == ("Plan arithmetic (GDP): CNY 25 bn → CNY 36 bn (2025–2030), printed rate 7% a year, implied "
                           "by the values 7.57%, gap +0.57 pp. ≈ nominal vs real: prices +0.53% a year")
    assert "✗" in found[("indicators", 3, "growth_text")].message
    # The CLI shows them in both languages and stores nothing until --yes.
    assert import_frames(frames, tmp_path) == 0  # (confirmed)
    assert cli.main(["plan", "remove", "fyp15", "--by", "tester"]) == 0
    data.reset()
    version = store.current_version(store_dir())
    path = tmp_path / "fyp15.xlsx"
    path.write_bytes(pw.workbook_bytes(frames))
    capsys.readouterr()
    assert cli.main(["plan", "import", str(path), "--by", "tester"]) == 3
    err = capsys.readouterr().err
    assert "row 2, column growth_text: Plan arithmetic (GDP)" in err and "规划数字核对（地区生产总值）" in err
    assert "--yes" in err and "Traceback" not in err
    data.reset()
    assert store.current_version(store_dir()) == version and "fyp15" not in set(data.plans()["plan_id"])


def test_plan_arithmetic_agrees_for_a_consistent_plan():
    from lishi_metrics.views import data_admin as dav

    frames = fyp15_frames()
    frames["indicators"] = frames["indicators"].astype(object)
    frames["indicators"].loc[0, "target_value"] = 350.6  # 250 × 1.07⁵ = 350.64: the printed 7 % a year
    frames["indicators"].loc[1, "growth_text"] = "[5]"  # a five-year total: not a yearly rate, not checked
    check = dav.check_plan_upload({"fyp15.xlsx": pw.workbook_bytes(frames)})
    assert check.ok and check.warnings == []


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_fyp14_round_trip_shows_the_same_findings_as_its_overview(tmp_path):
    from lishi_metrics.views import data_admin as dav

    check = dav.check_plan_upload({"copy.xlsx": pw.workbook_bytes(renamed(fyp14_frames(), "copy14"))})
    arith = ov.build_page("zh", "fyp14").arithmetic
    flagged = arith[~arith.iloc[:, -1].str.startswith("✓")]
    assert len(check.warnings) == len(flagged) >= 1
    assert all(row.iloc[-1] in w.message_zh for w, (_, row) in zip(check.warnings, flagged.iterrows()))


def test_display_precision_is_declared_in_the_workbook_or_derived_from_the_printed_text(tmp_path):
    """indicators.decimals (issue 25.4): a workbook may declare it; left empty it is the printed cells' own
    precision (250.5 → 360: 1; a count: 0), and the printed text is kept verbatim."""
    frames = fyp15_frames()
    frames["indicators"] = frames["indicators"].astype(object)
    frames["indicators"].loc[0, "base_value"] = "250.5"
    frames["indicators"].loc[1, "decimals"] = 2
    frames["indicators"].loc[1, "short_name_zh"] = "工业占比"
    frames["indicators"].loc[1, "note"] = "目标为上限。"
    frames["indicators"].loc[1, "note_en"] = "The target is a ceiling."
    assert import_frames(frames, tmp_path) == 0
    table = data.indicator_table("fyp15").set_index("indicator_id")
    assert table.loc["fyp15_gdp", "decimals"] == 1 and table.loc["fyp15_gdp", "base_text"] == "250.5"
    assert table.loc["fyp15_industry_share_gdp", "decimals"] == 2
    assert table.loc["fyp15_industry_share_gdp", "short_name_zh"] == "工业占比"
    assert table.loc["fyp15_forest_cover", "decimals"] == 0
    exported = pw.plan_frames(data.plans_catalogue().query("plan_id == 'fyp15'").iloc[0], data.indicator_table("fyp15"))
    assert list(exported["indicators"]["decimals"]) == [1, 2, 0]
    # The remark's English (indicators.note_en) is optional and round-trips through the workbook.
    assert list(exported["indicators"]["note_en"].fillna("")) == ["", "The target is a ceiling.", ""]
    assert table["note_en"].isna().sum() == 2
