"""Issue 21: no plan id of the shipped plans in code; the scenario, explorer and overview name a plan and its
predecessor by the plans table's words.

- a 2026–2030 plan exported from fyp14 (tests/test_other_plans.py builds it) shows its own labels and names its
  predecessor (fyp14) by that plan's short name and years, never 十三五;
- renaming the shipped predecessor (its id and its short name) changes the predecessor's labels and nothing else;
- no module of lishi_metrics/ or pages/ names a plan id outside docstrings, comments and an allow-list.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lishi_metrics import config
from lishi_metrics.data import db as data
from lishi_metrics.views import explorer as ev
from lishi_metrics.views import overview as ov
from lishi_metrics.views import scenario as sv

ROOT = Path(__file__).resolve().parents[1]


# --- a 2026–2030 plan exported from fyp14 -------------------------------------------------------------


@pytest.fixture
def next15(tmp_path):
    from test_other_plans import _import, next_plan_frames

    _import(next_plan_frames(), tmp_path)
    return "next15"


@pytest.mark.slow  # imports a plan (the full suite only)
def test_an_exported_plan_names_itself_and_its_predecessor_by_the_plans_table(next15):
    # Overview: its predecessor is fyp14, named by fyp14's short name, table and years (2020 → 2025), not 十三五.
    zh, en = ov.build_page("zh", "next15"), ov.build_page("en", "next15")
    assert (zh.scoreboard_title, zh.scoreboard_table_title, zh.arithmetic13_title) == (
        "“十四五”规划目标完成情况（专栏2）", "全部专栏2指标", "“十四五”（专栏2）的同样核对")
    assert (en.scoreboard_title, en.arithmetic13_title) == (
        "14th plan: targets and results (Table 2)", "The same check for the 14th plan (Table 2)")
    assert list(zh.scoreboard_table.columns)[2:5] == ["2020年", "2025年目标", "2025年实际"]
    assert zh.scoreboard_labels["title"].startswith("“十四五”：2025年实际相对规划目标")
    assert en.scoreboard_labels["target"] == "2025 target"
    everything = " ".join(map(str, (zh.scoreboard_title, zh.arithmetic13_title, zh.grid_title, zh.scoreboard_labels,
                                    en.scoreboard_title, en.arithmetic13_title, en.scoreboard_labels)))
    assert "十三五" not in everything and "13th" not in everything
    # Explorer: the plan filter takes its id and its short names; its rows are labelled by its short name.
    for spelling in ("next15", "十五五", "“十五五”", "15th plan"):
        assert ev.parse_filters({"plan": spelling})[0].plan == "next15", spelling
    assert (ev.plan_label("next15", "zh"), ev.plan_label("next15", "en")) == ("“十五五”", "15th plan")
    _, rows, _ = ev.catalog_from_data()
    table = ev.display_table(rows[rows["plan_id"] == "next15"], "zh")
    assert set(table["规划"]) == {"“十五五”"}
    # Its rows are printed in its own table (plans.table_title_zh/en), though its rows say 专栏1 as the 13th
    # plan's do; a plan that prints no outcome gets no outcome columns.
    detail = ev.detail(rows, "next15_gdp", "zh", observations=data.observations())
    assert detail.source_title == "专栏1：测试区主要指标"
    assert ev.detail(rows, "next15_gdp", "en").source_title == "Table 1: main indicators (the row as printed, in Chinese)"
    assert row_outcome(rows, "next15_gdp") is None and row_outcome(rows, "fyp13_gdp") == "exceeded"
    # Scenario: the rows by role, the trend preset named after the predecessor's short name.
    facts = sv.facts_from_data("next15")
    assert (facts.gdp_id, facts.base_year, facts.target_year, facts.previous_names) == (
        "next15_gdp", 2025, 2030, ("“十四五”", "14th plan"))


def row_outcome(rows, item_id):
    return rows.loc[rows["id"] == item_id, "outcome"].iloc[0]


# --- the shipped predecessor renamed -------------------------------------------------------------------


def _renamed_tables(target: Path, short: tuple[str, str]) -> Path:
    """The shipped tables with fyp13 renamed old13 (plans, indicators; every reference to it) and given the short
    name `short` (zh, en); nothing else changes."""
    import shutil

    shutil.copytree(config.parquet_dir(), target)
    for table in ("plans", "indicators", "placements"):
        path = target / f"{table}.parquet"
        frame = pq.read_table(path)
        for column in ("plan_id", "previous_plan_id"):
            if column in frame.column_names:
                ids = ["old13" if v == "fyp13" else v for v in frame.column(column).to_pylist()]
                frame = frame.set_column(frame.column_names.index(column), column, pa.array(ids, pa.string()))
        if table == "plans":
            plan_ids = frame.column("plan_id").to_pylist()
            for column, word in zip(("short_name_zh", "short_name_en"), short):
                values = [word if p == "old13" else v for p, v in zip(plan_ids, frame.column(column).to_pylist())]
                frame = frame.set_column(frame.column_names.index(column), column, pa.array(values, pa.string()))
        pq.write_table(frame, path)
    return target


def _views(lang: str) -> dict:
    page = ov.build_page(lang, "fyp14")
    facts = sv.facts_from_data("fyp14")
    _, rows, _ = ev.catalog_from_data()
    return {"page": page, "facts": facts, "rows": rows.drop(columns=["plan_id"]).reset_index(drop=True),
            "labels": ev.plan_labels(rows["plan_id"], lang)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_renaming_the_shipped_predecessor_changes_its_labels_and_nothing_else(tmp_path, monkeypatch, lang):
    before = _views(lang)
    monkeypatch.setenv("LISHI_DATA_DIR", str(_renamed_tables(tmp_path / "pq", ("“前五年”", "earlier plan"))))
    data.reset()
    after = _views(lang)
    p0, p1 = before["page"], after["page"]
    # The numbers: the scoreboard, the grid, the arithmetic and the scenario's facts are the same.
    assert p1.scoreboard_table.equals(p0.scoreboard_table) and p1.arithmetic13.equals(p0.arithmetic13)
    assert p1.scoreboard_chart.equals(p0.scoreboard_chart) and p1.scoreboard_summary == p0.scoreboard_summary
    assert [g.markdown for g in p1.grid] == [g.markdown for g in p0.grid] and p1.grid_title == p0.grid_title
    f0, f1 = before["facts"], after["facts"]
    assert (f1.trend_real, f1.trend_known, f1.base_gdp, f1.target_gdp) == (
        f0.trend_real, f0.trend_known, f0.base_gdp, f0.target_gdp)
    assert after["rows"].drop(columns=["haystack"]).equals(before["rows"].drop(columns=["haystack"]))
    # The labels: the predecessor's short name from the plans table, wherever it is named.
    old, new = {"zh": ("“十三五”", "“前五年”"), "en": ("13th plan", "earlier plan")}[lang]
    assert old in p0.scoreboard_title and p1.scoreboard_title == p0.scoreboard_title.replace(old, new)
    assert p1.arithmetic13_title == p0.arithmetic13_title.replace(old, new)
    assert p1.scoreboard_labels["title"] == p0.scoreboard_labels["title"].replace(old, new)
    assert f1.previous_names == ("“前五年”", "earlier plan")
    assert before["labels"]["fyp13"] == old and after["labels"] == {"old13": new, "fyp14": before["labels"]["fyp14"]}
    assert ev.parse_filters({"plan": "前五年"})[0].plan == "old13"
    assert ev.parse_filters({"plan": "十三五"})[1]  # the old short name is no longer a plan: a notice


# --- no plan id in code ----------------------------------------------------------------------------------

PLAN_ID = re.compile(r"fyp1[0-9]")
# Modules that may still name a shipped plan's id in code, each with why. Shrink it; never grow it.
ALLOWED = {
    # The transcription check: it checks named shipped plans against their printed tables.
    "lishi_metrics/data/check.py",
    # The plan the document's prose, projects and sectors belong to (issue 21 item 6, not done yet).
    "lishi_metrics/config.py",
    # The shipped plans' full labels (「“十四五”规划（2021—2025年）」, "14th Five-Year Plan (2021–2025)"): the
    # English full name is not in the plans table yet.
    "lishi_metrics/text/strings/common.py",
    # Example values in the plan workbook's help sheet (a new plan's id, its predecessor, a row id).
    "lishi_metrics/data/plan_workbook.py",
}


def plan_ids_in_code(path: Path) -> list[tuple[int, str]]:
    """(line, token) of each plan id in a module's code: comments and docstrings are left out."""
    source = path.read_text(encoding="utf-8")
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                docstrings.add(first.lineno)
    hits = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT or (token.type == tokenize.STRING and token.start[0] in docstrings):
            continue
        if PLAN_ID.search(token.string):
            hits.append((token.start[0], token.string[:60]))
    return hits


def test_no_module_names_a_shipped_plan_id_outside_the_allow_list():
    modules = [*ROOT.joinpath("lishi_metrics").rglob("*.py"), *ROOT.joinpath("pages").glob("*.py"), ROOT / "app.py"]
    found = {}
    for path in modules:
        name = path.relative_to(ROOT).as_posix()
        if name not in ALLOWED and (hits := plan_ids_in_code(path)):
            found[name] = hits
    assert found == {}, "plan ids are data (issue 21): read them from the plans and indicators tables"


def test_the_scan_sees_code_and_skips_comments_and_docstrings(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""fyp14 in a docstring."""\n# fyp13 in a comment\n\ndef f():\n    """fyp14."""\n'
                      '    return "fyp14_gdp"\n', encoding="utf-8")
    assert plan_ids_in_code(module) == [(6, '"fyp14_gdp"')]
    assert all((ROOT / name).is_file() for name in ALLOWED)
