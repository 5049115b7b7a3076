"""Issue 21: a synthetic plan with every kind of printed value, imported with its actuals, and every row's status
in a mid-plan year and in the target year (one rule set: model.status via progress.progress_table).

All numbers are invented for the test and live only in temp dirs (the autouse fixture gives each test its own store).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from lishi_metrics.cli import main as cli
from lishi_metrics.data import db as data
from lishi_metrics.data import plan_workbook as pw
from lishi_metrics.model import progress

# Full suite only: scripts/dev.sh check (the fast lane) leaves this module out, as its tests import a synthetic plan and its actuals for every kind of printed value.
pytestmark = pytest.mark.slow

PLAN = {"plan_id": "kt", "name_zh": "测试省五年规划", "name_en": "Test province five-year plan", "region_zh": "测试省",
        "region_en": "Test province", "start_year": 2026, "end_year": 2030, "base_year": 2025}


def _row(iid, name, unit, value_type, direction, base, target, growth="", **extra):
    return {"indicator_id": f"kt_{iid}", "category_zh": "综合", "category_en": "General", "name_zh": name,
            "name_en": iid, "unit_zh": unit, "unit_en": unit, "attribute": "约束性", "direction": direction,
            "value_type": value_type, "base_value": base, "target_value": target, "growth_text": growth,
            "source": "表1", **extra}


# No GDP level: GDP is a yearly rate, as in provincial and national tables.
ROWS = [
    _row("gdp_growth", "地区生产总值增长", "%", "rate", "up", "5.2", "", "6"),
    _row("unemployment", "城镇调查失业率", "%", "share", "down", "5.0", "<5.5"),
    _row("grain", "粮食综合生产能力", "万吨", "level", "up", "86", "≥87.5"),
    _row("rd_growth", "研发经费投入增长", "%", "rate", "up", "6.9", ">7、力争投入强度达到全国平均水平"),
    _row("pm25", "细颗粒物浓度", "ug/m³", "level", "down", "40", "≤35"),
    _row("energy", "单位地区生产总值能源消耗降低", "%", "rate", "up", "—", "", "〔13.5〕"),
    _row("life", "人均预期寿命", "岁", "level", "up", "78", "〔1〕"),
    _row("non_fossil", "非化石能源占能源消费总量比重", "%", "share", "up", "20", "[2.5]"),
    _row("investment", "固定资产投资", "亿元", "level", "up", "100", "", "［600］", cumulative_rule="total"),
    _row("air", "空气质量优良天数比率", "%", "share", "up", "80", "完成市任务"),
    _row("water", "水资源", "%", "share", "up", "—", "保持在合理区间"),
    _row("digital", "数字经济核心产业增加值占比", "%", "share", "up", "—", "10"),
    _row("patents", "每万人口高价值发明专利拥有量", "件", "level", "up", "—", "3"),
    _row("doctors", "每千人口执业医师数", "人", "level", "up", "3", "3.5", base_year=2024, base_note="2024年数据"),
]

MID = {  # 2026–2028
    "gdp_growth": (6.5, 6.1, 5.9), "unemployment": (5.0, 5.6, 5.2), "grain": (88, 87.5, 87.5),
    "rd_growth": (7.5, 7.2, 6.8), "pm25": (38, 37, 36), "energy": (3.0, 2.9, 2.8), "life": (78.2, 78.4, 78.65),
    "non_fossil": (20.3, 20.6, 21.0), "investment": (110, 120, 125), "air": (81, 82, 83), "water": (50, 50, 50),
    "digital": (8, 9, 10.5), "patents": (1.5, 1.8, 2.0), "doctors": (3.1, 3.2, 3.33),
}
END = {  # 2029–2030
    "gdp_growth": (6.0, 6.0), "unemployment": (5.3, 5.5), "grain": (87.6, 87.5), "rd_growth": (7.3, 7.1),
    "pm25": (35.5, 35), "energy": (2.9, 2.8), "life": (78.9, 79.2), "non_fossil": (21.8, 22.4),
    "investment": (130, 140), "air": (84, 85), "water": (50, 50), "digital": (10.8, 11), "patents": (2.5, 2.9),
    "doctors": (3.4, 3.5),
}
# status, final, breaches of a bound, after 2028 and after 2030
EXPECTED_MID = {
    "gdp_growth": ("on_track", False),       # (1.065·1.061·1.059)^(1/3) − 1 = 6.17 % against 6 % ± 0.6
    "unemployment": ("on_track", False),     # < 5.5 holds in 2028, breached in 2027
    "grain": ("on_track", False),            # ≥ 87.5: 87.5 is on the bound and meets it
    "rd_growth": ("behind", False),          # > 7: 6.8 breaks it in 2028
    "pm25": ("behind", False),               # ≤ 35: 36 does not meet it yet
    "energy": ("on_track", False),           # 1 − 0.97·0.971·0.972 = 8.45 % against a path of 8.33 % ± 1.35
    "life": ("on_track", False),             # 78 + 1 = 79 by 2030: 78.65 against a path of 78.60 ± 0.1
    "non_fossil": ("behind", False),         # 20 + 2.5 pp: 21.0 against a path of 21.5 ± 0.25
    "investment": ("on_track", False),       # five-year total 600: 355 against 360 ± 60
    "air": ("pending", False),               # text, no verdict
    "water": ("pending", False),             # text, no verdict
    "digital": ("achieved_early", False),    # no base, 10.5 ≥ 10
    "patents": ("pending", False),           # no base, 2.0 < 3: no path to judge against
    "doctors": ("on_track", False),          # base 3.0 in 2024: path 3.325 in 2028, band ±0.042
}
EXPECTED_END = {
    "gdp_growth": ("exceeded", True),        # average 6.10 % against 6 %
    "unemployment": ("missed", True),        # 5.5 is not < 5.5
    "grain": ("met", True),                  # 87.5 ≥ 87.5
    "rd_growth": ("met", True),              # 7.1 > 7
    "pm25": ("met", True),                   # 35 ≤ 35
    "energy": ("exceeded", True),            # 13.59 % against 13.5 %
    "life": ("exceeded", True),              # 79.2 against 79
    "non_fossil": ("missed", True),          # 22.4 against 22.5
    "investment": ("exceeded", True),        # 625 against 600
    "air": ("pending", False),
    "water": ("pending", False),
    "digital": ("exceeded", True),           # 11 against 10
    "patents": ("missed", True),             # 2.9 against 3
    "doctors": ("met", True),                # 3.5 against 3.5
}
BREACHES_MID = {"unemployment": "2027", "grain": None, "rd_growth": "2028", "pm25": "2026,2027,2028"}
BREACHES_END = {"unemployment": "2027,2030", "grain": None, "rd_growth": "2028", "pm25": "2026,2027,2028,2029"}


def _store() -> Path:
    return Path(os.environ["LISHI_STORE_DIR"])


def _import_plan(tmp_path: Path) -> int:
    frames = {"plan": pd.DataFrame([PLAN]), "indicators": pd.DataFrame(ROWS, columns=list(pw.INDICATOR_COLUMNS))}
    path = tmp_path / "kt.xlsx"
    path.write_bytes(pw.workbook_bytes(frames))
    code = cli.main(["plan", "import", str(path), "--by", "tester", "--yes"])
    data.reset()
    return code


def _import_actuals(tmp_path: Path, values: dict[str, tuple], years: tuple[int, ...]) -> int:
    lines = ["indicator_id," + ",".join(str(y) for y in years)]
    lines += [f"kt_{iid}," + ",".join(str(v) for v in vals) for iid, vals in values.items()]
    path = tmp_path / f"actuals_{years[0]}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = cli.main(["import", str(path), "--by", "tester", "--yes"])
    data.reset()
    return code


def _statuses() -> pd.DataFrame:
    table = progress.progress_table(data.indicator_table("kt"))
    table.index = table["indicator_id"].str.removeprefix("kt_")
    return table


def _breaches(table: pd.DataFrame) -> dict:
    """The bounds' breached years ('2027,2030'), None where a bound held every year."""
    return {k: v if isinstance(v := table.loc[k, "status_breaches"], str) else None for k in BREACHES_MID}


@pytest.fixture
def kt(tmp_path):
    assert _import_plan(tmp_path) == 0
    return tmp_path


def test_the_plan_stores_what_each_cell_prints(kt):
    table = data.indicator_table("kt").set_index("indicator_id")
    assert (table.loc["kt_unemployment", "target_kind"], table.loc["kt_unemployment", "target_op"],
            table.loc["kt_unemployment", "target_value"], table.loc["kt_unemployment", "target_text"]) == (
        "bound", "<", 5.5, "<5.5")
    rd = table.loc["kt_rd_growth"]
    assert (rd.target_kind, rd.target_op, rd.target_value) == ("bound", ">", 7.0)
    assert rd.target_text == ">7、力争投入强度达到全国平均水平"  # verbatim beside the parsed value
    assert (table.loc["kt_energy", "growth_kind"], table.loc["kt_energy", "growth_pct"],
            table.loc["kt_energy", "growth_text"]) == ("cumulative", 13.5, "〔13.5〕")
    assert (table.loc["kt_life", "target_kind"], table.loc["kt_life", "target_value"]) == ("cumulative", 1.0)
    assert table.loc["kt_investment", "cumulative_rule"] == "total"
    assert table.loc["kt_air", "target_kind"] == "text" and pd.isna(table.loc["kt_air", "target_value"])
    assert pd.isna(table.loc["kt_digital", "base_value"]) and table.loc["kt_digital", "base_text"] == "—"
    doctors = table.loc["kt_doctors"]
    assert (int(doctors.base_year), doctors.base_value, doctors.base_note) == (2024, 3.0, "2024年数据")
    assert int(table.loc["kt_grain", "base_year"]) == 2025
    # Numbers are DOUBLE wherever they are stored.
    assert table["target_value"].dtype.kind == "f" and table["growth_pct"].dtype.kind == "f"


def test_every_row_has_its_status_mid_plan_and_in_the_target_year(kt):
    assert set(_statuses()["status"]) <= {"pending", "growth_only", "no_target"}  # no actuals yet
    assert _import_actuals(kt, MID, (2026, 2027, 2028)) == 0
    mid = _statuses()
    assert {k: (mid.loc[k, "status"], bool(mid.loc[k, "status_final"])) for k in EXPECTED_MID} == EXPECTED_MID
    assert _breaches(mid) == BREACHES_MID
    assert (mid.loc["unemployment", "status_held"], mid.loc["grain", "status_held"]) == (False, True)
    assert mid.loc["energy", "status_measure"] == pytest.approx(8.4502, abs=1e-3)
    assert mid.loc["gdp_growth", "status_measure"] == pytest.approx(6.166, abs=1e-3)
    assert mid.loc["life", "status_goal"] == pytest.approx(79.0)
    assert mid.loc["non_fossil", "status_goal"] == pytest.approx(22.5)
    assert (mid.loc["patents", "status_reason"], mid.loc["air", "status_reason"]) == ("no_base", "text")

    assert _import_actuals(kt, END, (2029, 2030)) == 0
    end = _statuses()
    assert {k: (end.loc[k, "status"], bool(end.loc[k, "status_final"])) for k in EXPECTED_END} == EXPECTED_END
    assert _breaches(end) == BREACHES_END
    assert end.loc["energy", "status_measure"] == pytest.approx(13.594, abs=1e-3)
    assert end.loc["investment", "status_measure"] == pytest.approx(625.0)
    assert set(EXPECTED_END) == set(end.index)  # every row of the plan is asserted


def test_a_plan_stored_before_the_schema_gained_columns_still_serves_and_upgrades(kt):
    """Issue 24.6: a plan stored with the columns the code had before this model (no printed kinds, notes or
    cumulative rule) is read with those columns as NULL, is still judged from its printed text, and survives the
    next plan import (select and cast to the current columns, like the actuals)."""
    import json

    import pyarrow.parquet as pq

    from lishi_metrics.actuals import integrity, store
    from lishi_metrics.data.schema import OPTIONAL

    version = store.current_version(_store())
    for table, schema_name in (("indicators", "indicators"), ("plan_observations", "observations")):
        path = store.plan_table_path(_store(), version, table)
        old = pq.read_table(path)
        pq.write_table(old.drop_columns(list(OPTIONAL[schema_name])), path)
        # Sealed as the old code would have written it: the version's manifest records the file as it is now.
        manifest = path.parent / integrity.manifest_name(version)
        body = json.loads(manifest.read_text(encoding="utf-8"))
        body["files"][path.name] = integrity.file_sha256(path)
        manifest.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    data.reset()
    table = data.indicator_table("kt").set_index("indicator_id")
    assert len(table) == len(ROWS) and table["target_kind"].isna().all()
    assert table.loc["kt_unemployment", "target_value"] == 5.5
    assert _import_actuals(kt, MID, (2026, 2027, 2028)) == 0
    mid = _statuses()
    # Read from the printed text where the stored kinds are missing: the same statuses, except the five-year
    # total, whose rule (cumulative_rule) the old tables could not hold.
    expected = {k: v for k, v in EXPECTED_MID.items() if k != "investment"}
    assert {k: (mid.loc[k, "status"], bool(mid.loc[k, "status_final"])) for k in expected} == expected
    other = {"plan": pd.DataFrame([{**PLAN, "plan_id": "kt2"}]),
             "indicators": pd.DataFrame([{**ROWS[1], "indicator_id": "kt2_unemployment"}],
                                        columns=list(pw.INDICATOR_COLUMNS))}
    path = kt / "kt2.xlsx"
    path.write_bytes(pw.workbook_bytes(other))
    assert cli.main(["plan", "import", str(path), "--by", "tester", "--yes"]) == 0
    data.reset()
    assert len(data.indicator_table("kt")) == len(ROWS) and len(data.indicator_table("kt2")) == 1
    stored = store.current_plan_tables(_store())["indicators"]
    assert "cumulative_rule" in stored.column_names  # upgraded when the next version was written


def test_a_recorded_verdict_judges_a_text_target_and_travels_with_the_store(kt, capsys):
    from lishi_metrics.actuals import store

    assert _import_actuals(kt, MID, (2026, 2027, 2028)) == 0
    assert cli.main(["verdict", "set", "--indicator", "kt_air", "--status", "met", "--note", "市考核：达标",
                     "--by", "王科长"]) == 0
    data.reset()
    mid = _statuses()
    # With a verdict the text target is judged (and final); without one it awaits evaluation.
    assert (mid.loc["air", "status"], bool(mid.loc["air", "status_final"])) == ("met", True)
    assert (mid.loc["water", "status"], mid.loc["water", "status_reason"]) == ("pending", "text")
    row = data.indicator_table("kt").set_index("indicator_id").loc["kt_air"]
    assert (row.verdict, row.verdict_note, row.verdict_by) == ("met", "市考核：达标", "王科长")
    assert row.verdict_time.startswith("20")
    entry = store.history(_store())[-1]
    assert (entry["action"], entry["indicator_id"], entry["verdict"], entry["by"]) == ("verdict", "kt_air", "met", "王科长")
    verdict_version = store.current_version(_store())

    # A numeric target takes no verdict; a bad status is refused by the CLI; nothing is stored.
    assert cli.main(["verdict", "set", "--indicator", "kt_grain", "--status", "met", "--by", "x"]) == 2
    assert "numeric target" in capsys.readouterr().err
    assert cli.main(["verdict", "set", "--indicator", "kt_nope", "--status", "met", "--by", "x"]) == 2
    assert store.current_version(_store()) == verdict_version

    # Later imports of actuals and plans keep it; `verdict list` shows it.
    assert _import_actuals(kt, END, (2029, 2030)) == 0
    end = _statuses()
    assert (end.loc["air", "status"], end.loc["water", "status"]) == ("met", "pending")
    assert cli.main(["verdict", "list", "--plan", "kt"]) == 0
    listed = capsys.readouterr().out
    assert "kt_air\tkt\tmet\t王科长" in listed
    assert cli.main(["verdict", "list", "--plan", "kt", "--open"]) == 0
    assert "kt_water" in capsys.readouterr().out

    # Withdrawn, it awaits evaluation again; a rollback to the verdict's version restores it.
    assert cli.main(["verdict", "clear", "--indicator", "kt_air", "--by", "王科长"]) == 0
    data.reset()
    assert _statuses().loc["air", "status"] == "pending"
    store.rollback(_store(), verdict_version, by="tester")
    data.reset()
    assert _statuses().loc["air", "status"] == "met"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_and_document_of_the_plan_in_its_own_words(kt, lang):
    """Issue 21's Tests: every page and the three documents of this plan (no GDP level, no predecessor, every
    kind of printed value) run, and none names the district or the 14th plan's tables (test_other_plans does the
    same for a plan exported from fyp14 and a national one)."""
    from test_other_plans import FOREIGN, PAGES, _document_text

    from lishi_metrics.reports import build

    from conftest import app_test, texts

    for page in PAGES:
        at = app_test(page, {"plan": "kt", "lang": lang})
        at.run()
        assert not at.exception, (page, at.exception)
        shown = texts(at)
        if page == "pages/data.py":  # its list of every plan names the shipped ones, rightly
            for df in at.dataframe:
                shown = shown.replace(df.value.to_string(), "")
        leak = FOREIGN.search(shown)
        assert leak is None, (page, leak, shown[max(0, leak.start() - 120):leak.end() + 80])
    for fmt_ in ("docx", "pptx", "xlsx"):
        text = _document_text(build.document(fmt_, lang, "kt"))
        leak = FOREIGN.search(text)
        assert leak is None, (fmt_, leak, text[max(0, leak.start() - 120):leak.end() + 80])
        assert "测试省" in text or "Test province" in text
