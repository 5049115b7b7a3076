"""`periods template | import | status` (cli.periods, data.period_workbook): the issue's cases end to end."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from lishi_metrics.actuals import store
from lishi_metrics.cli import main as cli
from lishi_metrics.data import db as data
from lishi_metrics.data import period_workbook as wb

GDP = [("2025-Q1", 40, None), ("2025-Q2", 90, None), ("2025-Q3", 145, None), ("2025-Q4", 210, None),
       ("2026-Q1", 42.4, 6.0), ("2026-Q2", 94.5, 5.0), ("2026-Q3", 152.25, 5.0)]
RETAIL = [("2025-10", 80, None), ("2025-12", 100, None), ("2026-10", 84, 5.0)]


@pytest.fixture
def store_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(store.STORE_ENV, str(tmp_path / "store"))
    data.reset()
    yield tmp_path / "store"
    data.reset()


def snapshot(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file() and p.name != ".lock"} if directory.exists() else {}


def filled(path: Path, targets=(("gdp", 2026, 6.0, None), ("retail_sales", 2026, 6.0, None)),
           periods=None) -> Path:
    """Fill a template the way an analyst does: cells of the template's rows, plus extra rows at the end."""
    assert cli.main(["periods", "template", "--year", "2026", "--output", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    t, p = book["targets"], book["periods"]
    for iid, year, growth, value in targets:
        t.append([iid, "", "", year, growth, value])
    rows = periods if periods is not None else [("gdp", *r) for r in GDP] + [("retail_sales", *r) for r in RETAIL]
    for iid, period, value, growth in rows:
        p.append([iid, "", "", period, value, growth])
    book.save(path)
    return path


def test_template_has_the_issues_columns_instructions_and_validation(tmp_path, store_dir):
    path = tmp_path / "t.xlsx"
    assert cli.main(["periods", "template", "--year", "2026", "--output", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["targets", "periods", "填写说明"]
    assert [c.value for c in book["targets"][1]] == list(wb.TARGET_COLUMNS) == [
        "indicator_id", "name_zh", "unit_zh", "year", "target_growth", "target_value"]
    assert [c.value for c in book["periods"][1]] == ["indicator_id", "name_zh", "unit_zh", "period", "value", "growth"]
    periods = [r[3] for r in book["periods"].iter_rows(min_row=2, values_only=True) if r[0] == "gdp"]
    assert periods == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert len([r for r in book["periods"].iter_rows(min_row=2, values_only=True) if r[0] == "retail_sales"]) == 24
    assert book["targets"].data_validations.dataValidation and book["periods"].data_validations.dataValidation
    assert "累计值" in " ".join(str(c.value) for row in book["填写说明"].iter_rows() for c in row)


def test_import_then_status_prints_the_issues_numbers(tmp_path, store_dir, capsys):
    path = filled(tmp_path / "f.xlsx")
    assert cli.main(["periods", "import", str(path), "--by", "统计员"]) == 0
    capsys.readouterr()
    assert cli.main(["periods", "status", "--year", "2026", "--format", "csv"]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0] == "indicator_id,period,value,growth,target_growth,gap_pp,time_progress,needed_rest_growth"
    rows = {ln.split(",")[0]: ln.split(",") for ln in lines[1:]}
    assert rows["gdp"] == ["gdp", "2026-Q3", "152.25", "5.0", "6.0", "-1.0", "/75.0%", "8.2"]
    assert rows["retail_sales"][1:] == ["2026-10", "84.00", "5.0", "6.0", "-1.0", "/83.3%", "10.0"]
    assert cli.main(["periods", "status", "--year", "2026", "--as-of", "2026-Q2", "--format", "csv"]) == 0
    gdp = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("gdp,")][0]
    assert gdp.split(",")[1] == "2026-Q2" and gdp.split(",")[-1] == "6.8"  # (6·210 − 5·90) / 120 = 6.75
    assert cli.main(["periods", "status", "--year", "2026", "--format", "table"]) == 0
    table = capsys.readouterr().out
    assert "8.2" in table and "last year's levels missing" not in table.split("retail_sales")[1].splitlines()[0]
    # history records it and a rollback to 0 empties the figures again
    assert [e["action"] for e in store.history(store_dir)] == ["periods_import"]
    store.rollback(store_dir, 0, by="t")
    assert store.current_period_tables(store_dir)["periods"].empty


def test_a_time_progress_of_a_level_target_and_missing_weights(tmp_path, store_dir, capsys):
    path = filled(tmp_path / "f.xlsx", targets=[("budget_revenue", 2026, None, 30.0)],
                  periods=[("budget_revenue", "2026-06", 16.5, 3.0)])
    assert cli.main(["periods", "import", str(path), "--by", "x"]) == 0
    capsys.readouterr()
    assert cli.main(["periods", "status", "--year", "2026", "--format", "csv"]) == 0
    out = capsys.readouterr()
    row = [ln for ln in out.out.splitlines() if ln.startswith("budget_revenue,")][0].split(",")
    assert row[6] == "55.0%/50.0%" and row[7] == ""
    assert "budget_revenue: needed_rest_growth empty: last year's levels missing" in out.err


def test_an_actuals_import_keeps_the_periods(tmp_path, store_dir):
    path = filled(tmp_path / "f.xlsx")
    assert cli.main(["periods", "import", str(path), "--by", "x"]) == 0
    import pandas as pd

    store.commit_import(store_dir, pd.DataFrame({"indicator_id": ["fyp14_gdp"], "year": [2021], "value": [170.0]}),
                        by="x", file_name="a.csv", sha256="0")
    assert len(store.current_period_tables(store_dir)["periods"]) == len(GDP) + len(RETAIL)


BAD = {
    "out of order": ([], [("gdp", "2026-Q2", 94.5, 5.0), ("gdp", "2026-Q1", 42.4, 6.0)], "out of order"),
    "level falls": ([], [("gdp", "2026-Q1", 42.4, 6.0), ("gdp", "2026-Q2", 40.0, 5.0)], "falls from 42.4 to 40"),
    "future month": ([], [("retail_sales", "2027-01", 8.0, 5.0)], "has not ended yet"),
    "wrong frequency": ([], [("gdp", "2026-09", 150.0, 5.0)], "quarterly: write YYYY-Qn"),
    "bad period": ([], [("gdp", "2026Q3", 150.0, 5.0)], "is not YYYY-MM or YYYY-Qn"),
    "unknown id": ([], [("gdp_x", "2026-Q1", 42.4, 6.0)], "unknown indicator"),
    "not a number": ([], [("gdp", "2026-Q1", "四十", 6.0)], "is not a number"),
    "negative level": ([], [("gdp", "2026-Q1", -4.0, 6.0)], "cannot be negative"),
    "bad year": ([("gdp", "26", 6.0, None)], [], "is not a four-digit year"),
    "target twice": ([("gdp", 2026, 6.0, None), ("gdp", 2026, 7.0, None)], [], "given twice"),
    "nothing filled": ([], [], "no filled rows"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_import_rejects_each_bad_workbook_and_leaves_the_store_unchanged(tmp_path, store_dir, capsys, case):
    assert cli.main(["periods", "import", str(filled(tmp_path / "ok.xlsx")), "--by", "x"]) == 0
    before = snapshot(store_dir)
    targets, periods, message = BAD[case]
    path = filled(tmp_path / "bad.xlsx", targets=targets, periods=periods)
    capsys.readouterr()
    assert cli.main(["periods", "import", str(path), "--by", "x", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "rejected, nothing stored" in err and message in err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.split("rejected", 1)[1])  # the Chinese line too
    assert snapshot(store_dir) == before


def test_a_fall_against_stored_levels_is_caught(tmp_path, store_dir, capsys):
    assert cli.main(["periods", "import", str(filled(tmp_path / "ok.xlsx")), "--by", "x"]) == 0
    path = filled(tmp_path / "b.xlsx", targets=[], periods=[("gdp", "2026-Q2", 160.0, 5.0)])  # above the stored Q3
    assert cli.main(["periods", "import", str(path), "--by", "x"]) == 2
    assert "falls from 160 to 152.25" in capsys.readouterr().err


def test_growth_outside_50_percent_needs_confirmation(tmp_path, store_dir, capsys):
    path = filled(tmp_path / "w.xlsx", targets=[], periods=[("retail_sales", "2026-03", 20.0, 65.0)])
    assert cli.main(["periods", "import", str(path), "--by", "x"]) == 3
    assert "outside ±50 %" in capsys.readouterr().err and snapshot(store_dir) == {}
    assert cli.main(["periods", "import", str(path), "--by", "x", "--yes"]) == 0
    assert store.current_period_tables(store_dir)["periods"]["growth"].tolist() == [65.0]


def test_a_month_after_the_current_one_depends_on_today():
    indicators = data.periodic_indicators()
    frames = wb.template_frames(indicators, 2026)
    frames["periods"] = frames["periods"].iloc[:0]
    frames["periods"].loc[0] = ["retail_sales", "", "", "2026-05", 40.0, 5.0]
    payload = wb.workbook_bytes(frames)
    empty = {"periods": store.PERIOD_SCHEMAS["periods"].empty_table().to_pandas()}
    assert wb.check_upload("f.xlsx", payload, indicators, empty, today=date(2026, 5, 20)).problems == []
    late = wb.check_upload("f.xlsx", payload, indicators, empty, today=date(2026, 4, 30)).problems
    assert len(late) == 1 and "has not ended yet" in late[0].message and "尚未到来" in late[0].message_zh


@pytest.mark.parametrize(("name", "payload", "message"), [
    ("f.csv", b"indicator_id,period\n", "must be an .xlsx"),
    ("f.xlsx", b"not a zip", "not an Excel workbook"),
])
def test_unreadable_files_are_rejected_with_a_reason(tmp_path, store_dir, capsys, name, payload, message):
    path = tmp_path / name
    path.write_bytes(payload)
    assert cli.main(["periods", "import", str(path), "--by", "x"]) == 2
    assert message in capsys.readouterr().err and snapshot(store_dir) == {}


def test_a_workbook_without_the_periods_sheet_is_rejected(tmp_path, store_dir, capsys):
    book = openpyxl.Workbook()
    book.active.title = "targets"
    book.active.append(list(wb.TARGET_COLUMNS))
    buf = io.BytesIO()
    book.save(buf)
    (tmp_path / "one.xlsx").write_bytes(buf.getvalue())
    assert cli.main(["periods", "import", str(tmp_path / "one.xlsx"), "--by", "x"]) == 2
    assert "periods" in capsys.readouterr().err and snapshot(store_dir) == {}


def test_status_rejects_a_bad_as_of(store_dir, capsys):
    assert cli.main(["periods", "status", "--year", "2026", "--as-of", "2026-13"]) == 2
    assert "YYYY-MM" in capsys.readouterr().err


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_briefing_deck_and_note_carry_the_same_numbers(tmp_path, store_dir, lang):
    import docx
    import pptx

    assert cli.main(["periods", "import", str(filled(tmp_path / "f.xlsx")), "--by", "x"]) == 0
    note, deck = tmp_path / "n.docx", tmp_path / "d.pptx"
    assert cli.main(["report", "--kind", "economy", "--format", "docx", "--year", "2026", "--lang", lang,
                     "--output", str(note)]) == 0
    assert cli.main(["report", "--kind", "economy", "--format", "pptx", "--year", "2026", "--as-of", "2026-Q3",
                     "--lang", lang, "--output", str(deck)]) == 0
    d = docx.Document(str(note))
    cells = " ".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    text = " ".join(p.text for p in d.paragraphs)
    assert "+8.2%" in cells and "+10.0%" in cells and len(d.inline_shapes) == 2
    assert ("2026年经济运行分析" if lang == "zh" else "The economy in 2026") in text
    slides = pptx.Presentation(str(deck)).slides
    shown = " ".join(shape.text_frame.text for s in slides for shape in s.shapes if shape.has_text_frame)
    table = [shape.table for shape in slides[0].shapes if shape.has_table][0]
    cells = " ".join(table.cell(i, j).text for i in range(len(table.rows)) for j in range(len(table.columns)))
    assert "+8.2%" in cells and "+10.0%" not in cells  # as of Q3, retail sales (October) is not yet in
    assert ("2026年前三季度经济运行分析" if lang == "zh" else "The economy in 2026 Q1–Q3") in shown
    assert len(slides) == 2  # the table, the GDP chart (retail has no growth by September)


def test_the_briefing_refuses_a_wrong_format_or_period(tmp_path, store_dir, capsys):
    out = str(tmp_path / "x.xlsx")
    assert cli.main(["report", "--kind", "economy", "--format", "xlsx", "--year", "2026", "--output", out]) == 2
    assert cli.main(["report", "--kind", "economy", "--format", "docx", "--year", "2026", "--as-of", "2025-Q1",
                     "--output", out]) == 2
    err = capsys.readouterr().err
    assert "needs --format docx|pptx" in err and "is not in 2026" in err and not Path(out).exists()


def test_the_period_tables_are_sealed_verified_backed_up_and_rolled_back(tmp_path, store_dir, capsys):
    """Issue 23's integrity covers the year-to-date tables: each version's manifest seals them, a damaged one is
    found by `verify`, the pages serve the version before it, a rollback and a backup keep them."""
    import json

    import pandas as pd

    from lishi_metrics.views import economy as ecv

    assert cli.main(["periods", "import", str(filled(tmp_path / "f.xlsx")), "--by", "x"]) == 0
    store.commit_import(store_dir, pd.DataFrame({"indicator_id": ["fyp14_gdp"], "year": [2021], "value": [170.0]}),
                        by="x", file_name="a.csv", sha256="0")
    for version in (1, 2):
        sealed = json.loads((store_dir / "versions" / f"v{version:04d}.manifest.json").read_text())["files"]
        assert {f"v{version:04d}.periods.parquet", f"v{version:04d}.period_targets.parquet"} <= set(sealed)
    path = store_dir / "versions" / "v0002.periods.parquet"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2] + bytes([raw[len(raw) // 2] ^ 0x04]) + raw[len(raw) // 2 + 1:])
    data.reset()
    state = store.health(store_dir)
    assert state.current == 2 and state.served == 1
    assert len(store.current_period_tables(store_dir)["periods"]) == len(GDP) + len(RETAIL)  # version 1's
    assert "+8.2%" in ecv.build_page(2026, "", "en").table.to_string()
    capsys.readouterr()
    assert cli.main(["verify"]) == 1
    assert "v0002.periods.parquet" in capsys.readouterr().out
    archive = tmp_path / "b.tar.gz"
    assert cli.main(["backup", "--output", str(archive)]) == 0
    import tarfile

    with tarfile.open(archive) as tar:
        assert {"versions/v0001.periods.parquet", "versions/v0001.period_targets.parquet"} <= set(tar.getnames())
    assert cli.main(["rollback", "--to", "1", "--by", "admin"]) == 0
    capsys.readouterr()
    assert cli.main(["verify"]) == 0, capsys.readouterr().out
    assert list((store_dir / "versions").glob("v0002.periods.parquet.damaged-*"))
    assert cli.main(["periods", "status", "--year", "2026", "--format", "csv"]) == 0
    assert any(ln.startswith("gdp,2026-Q3,152.25") for ln in capsys.readouterr().out.splitlines())
