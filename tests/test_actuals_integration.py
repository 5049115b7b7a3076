"""Imported actuals seen through the whole stack: store → data layer → UI cache key, and the real CLI end to end."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from lishi_metrics.actuals import store
from lishi_metrics.data import db as data

from conftest import run_cli
from facts import FYP14

REPO = Path(__file__).resolve().parent.parent


def store_dir() -> Path:
    return Path(os.environ["LISHI_STORE_DIR"])


def commit(*cells: tuple[str, int, float], by: str = "测试员") -> int:
    frame = pd.DataFrame({"indicator_id": [c[0] for c in cells], "year": [c[1] for c in cells],
                          "value": [float(c[2]) for c in cells]})
    return store.commit_import(store_dir(), frame, by=by, file_name="t.csv", sha256="ab" * 32)


def latest(indicator_id: str) -> tuple:
    row = data.indicator_table("fyp14").set_index("indicator_id").loc[indicator_id]
    return (None if pd.isna(row["latest_year"]) else int(row["latest_year"]),
            None if pd.isna(row["latest_value"]) else float(row["latest_value"]))


def imported_rows(indicator_id: str) -> list[tuple[int, float, str]]:
    obs = data.observations("fyp14", indicator_id)
    obs = obs[obs["source"].str.startswith("import-")]
    return [(int(y), float(v), s) for y, v, s in zip(obs["year"], obs["value"], obs["source"])]


def test_without_imports_the_data_layer_has_no_actuals_beyond_the_plan():
    assert latest("fyp14_gdp") == (None, None)
    assert imported_rows("fyp14_gdp") == []
    assert data.imported_actuals().empty


def test_an_accepted_import_appears_beside_the_plans_rows():
    commit(("fyp14_gdp", 2021, 170.2), ("fyp14_gdp", 2022, 185))
    obs = data.observations("fyp14", "fyp14_gdp")
    assert set(zip(obs["year"], obs["kind"], obs["source"])) >= {
        (2020, "actual", "专栏2"), (2025, "target", "专栏2"),
        (2021, "actual", "import-v1"), (2022, "actual", "import-v1")}
    assert obs["year"].tolist() == sorted(obs["year"].tolist())


def test_indicator_table_takes_the_latest_imported_year_per_indicator():
    commit(("fyp14_gdp", 2021, 170.2), ("fyp14_gdp", 2023, 190), ("fyp14_urbanization_rate", 2022, 78.1))
    commit(("fyp14_gdp", 2022, 180))  # an earlier year imported later does not become the latest
    assert latest("fyp14_gdp") == (2023, 190.0)
    assert latest("fyp14_urbanization_rate") == (2022, 78.1)
    assert latest("fyp14_industrial_enterprises") == (None, None)
    table = data.indicator_table("fyp14")
    assert len(table) == table["indicator_id"].nunique()  # the join does not duplicate indicators
    # The plan's own 2020 value stays the base.
    gdp = table.set_index("indicator_id").loc["fyp14_gdp"]
    assert (int(gdp["base_year"]), float(gdp["base_value"])) == (2020, 154.7)


def test_a_changed_value_replaces_the_old_one_and_names_the_new_import():
    commit(("fyp14_gdp", 2021, 170.2))
    commit(("fyp14_gdp", 2021, 171.0), ("fyp14_gdp", 2022, 185))
    assert imported_rows("fyp14_gdp") == [(2021, 171.0, "import-v2"), (2022, 185.0, "import-v2")]


def test_rollback_hides_the_import_again_and_restores_the_earlier_state():
    commit(("fyp14_gdp", 2021, 170.2))
    commit(("fyp14_gdp", 2022, 185))
    assert latest("fyp14_gdp") == (2022, 185.0)
    store.rollback(store_dir(), 1, by="管理员")
    assert latest("fyp14_gdp") == (2021, 170.2)
    assert imported_rows("fyp14_gdp") == [(2021, 170.2, "import-v1")]
    store.rollback(store_dir(), 0, by="管理员")
    assert latest("fyp14_gdp") == (None, None)
    assert imported_rows("fyp14_gdp") == []


def test_the_ui_cache_key_changes_with_every_import_and_rollback():
    keys = [data.version_key()]
    commit(("fyp14_gdp", 2021, 170.2))
    keys.append(data.version_key())
    commit(("fyp14_gdp", 2021, 171))
    keys.append(data.version_key())
    store.rollback(store_dir(), 1, by="a")
    keys.append(data.version_key())
    store.rollback(store_dir(), 0, by="a")
    keys.append(data.version_key())
    assert len(set(keys[:3])) == 3
    assert keys[3] == keys[1] and keys[4] == keys[0]  # a rollback serves exactly the earlier files again


def test_the_ui_cache_key_changes_when_a_wiped_store_reuses_a_version_number():
    commit(("fyp14_gdp", 2021, 170.2))
    before = data.version_key()
    assert latest("fyp14_gdp") == (2021, 170.2)
    for path in sorted(store_dir().rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    commit(("fyp14_gdp", 2021, 165.0), ("fyp14_gdp", 2022, 175.0))  # version 1 again, other content
    assert data.version_key() != before
    assert latest("fyp14_gdp") == (2022, 175.0)


def test_two_stores_at_the_same_version_are_different_data_and_empty_stores_the_same(monkeypatch, tmp_path):
    """The data version names the store once it serves something: a second store whose version 1 holds another
    imported plan is not served from the first's connection (no actuals file tells them apart), while every
    empty store serves the shipped tables alone (one connection and one set of cached pages for all)."""
    from test_plan_workbook import fyp15_frames

    from lishi_metrics.cli import main as cli
    from lishi_metrics.data import plan_workbook

    def import_plan(name: str) -> None:
        frames = fyp15_frames()
        frames["plan"].loc[0, "name_zh"] = name
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(plan_workbook.workbook_bytes(frames))
        assert cli.main(["plan", "import", str(path), "--by", "t", "--yes"]) == 0

    def name() -> str:
        plans = data.plans()
        return str(plans.loc[plans["plan_id"] == "fyp15", "name_zh"].iloc[0])

    empty = data.version_key()
    import_plan("甲")
    first = data.version_key()
    assert name() == "甲"
    monkeypatch.setenv("LISHI_STORE_DIR", str(tmp_path / "other"))
    assert data.version_key() == empty
    import_plan("乙")  # version 1 here too, another plan of the same id
    assert data.version_key() not in (first, empty)
    assert name() == "乙"


def test_a_damaged_store_does_not_hide_the_plan():
    commit(("fyp14_gdp", 2021, 170.2))
    (store_dir() / "CURRENT").write_text("99\n")  # names a version file that does not exist
    table = data.indicator_table("fyp14")
    assert len(table) == FYP14  # the plan, and the newest version that reads (issue 23)
    assert table.set_index("indicator_id").loc["fyp14_gdp", "latest_value"] == 170.2


# --------------------------------------------------------------------------------------- the real CLI


def cli(*args: str, env_store: Path) -> subprocess.CompletedProcess:
    """The CLI in-process (conftest.run_cli) on the store `env_store` (LISHI_DATA_DIR is unset by conftest)."""
    return run_cli(*args, env={"LISHI_STORE_DIR": str(env_store)})


@pytest.mark.slow
def test_cli_template_import_query_history_rollback_end_to_end(tmp_path):
    tmp_store = tmp_path / "store"
    template = tmp_path / "template.csv"
    assert cli("template", "--output", str(template), env_store=tmp_store).returncode == 0
    frame = pd.read_csv(template, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(frame) == FYP14 + 1 and frame.columns.tolist()[3:] == ["price_basis_zh", "2021", "2022", "2023", "2024", "2025"]
    assert frame.set_index("indicator_id").loc["fyp14_gdp", "price_basis_zh"] == "现价（当年价格）"
    assert frame.set_index("indicator_id").loc["fyp14_gdp.comparable_growth", "price_basis_zh"] == "可比价（上年=100）"
    frame.loc[frame["indicator_id"] == "fyp14_gdp", ["2021", "2022"]] = ["170.2", "185"]
    filled = tmp_path / "filled.csv"
    frame.to_csv(filled, index=False, encoding="utf-8-sig")

    result = cli("import", str(filled), "--by", "张三", env_store=tmp_store)
    assert result.returncode == 0, result.stderr
    assert "stored version 1" in result.stdout and "2 added" in result.stdout
    assert "Traceback" not in result.stderr

    result = cli("query", "SELECT indicator_id, year, kind, value, source FROM observations "
                 "WHERE indicator_id = 'fyp14_gdp' ORDER BY year", env_store=tmp_store)
    assert result.returncode == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout))
    assert rows.to_dict("records") == [
        {"indicator_id": "fyp14_gdp", "year": 2020, "kind": "actual", "value": 154.7, "source": "专栏2"},
        {"indicator_id": "fyp14_gdp", "year": 2021, "kind": "actual", "value": 170.2, "source": "import-v1"},
        {"indicator_id": "fyp14_gdp", "year": 2022, "kind": "actual", "value": 185.0, "source": "import-v1"},
        {"indicator_id": "fyp14_gdp", "year": 2025, "kind": "target", "value": 255.0, "source": "专栏2"},
    ]

    result = cli("history", env_store=tmp_store)
    assert result.returncode == 0 and "current version: 1" in result.stdout and "filled.csv" in result.stdout

    assert cli("rollback", "--to", "0", "--by", "管理员", env_store=tmp_store).returncode == 0
    result = cli("query", "SELECT count(*) AS n FROM observations WHERE source LIKE 'import-%'", env_store=tmp_store)
    assert result.stdout.split() == ["n", "0"]


@pytest.mark.slow
def test_cli_rejects_a_bad_file_readably_and_stores_nothing(tmp_path):
    tmp_store = tmp_path / "store"
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator_id,2021\nfyp14_gdp,abc\nno_such_indicator,1\n", encoding="utf-8")
    result = cli("import", str(bad), "--by", "张三", env_store=tmp_store)
    assert result.returncode == 2
    assert "row 2" in result.stderr and "row 3" in result.stderr and "Traceback" not in result.stderr
    assert store.current_version(tmp_store) == 0 and not (tmp_store / "history.json").exists()


@pytest.mark.slow
def test_cli_import_with_warnings_needs_yes(tmp_path):
    tmp_store = tmp_path / "store"
    odd = tmp_path / "odd.csv"
    odd.write_text("indicator_id,2021\nfyp14_gdp,400\n", encoding="utf-8")  # +159 % on 154.7
    result = cli("import", str(odd), "--by", "张三", env_store=tmp_store)
    assert result.returncode == 3 and "--yes" in result.stderr
    assert store.current_version(tmp_store) == 0
    assert cli("import", str(odd), "--by", "张三", "--yes", env_store=tmp_store).returncode == 0
    assert store.current_version(tmp_store) == 1
