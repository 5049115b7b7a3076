"""Tests of lishi_metrics.cli.store: template, import, history and rollback from the command line."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from lishi_metrics.actuals import store
from lishi_metrics.cli import store as cli_store

INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["t_gdp", "t_share", "t_count"],
        "name_zh": ["测试生产总值", "测试比重", "测试户数"],
        "unit_zh": ["亿元", "%", "户"],
        "value_type": ["level", "share", "count"],
        "base_year": [2020] * 3,
        "target_year": [2025] * 3,
    }
)


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="lishi_metrics")
    cli_store.register(parser.add_subparsers(dest="command", required=True), lambda plan=None: INDICATORS)
    args = parser.parse_args(list(argv))
    return args.func(args)


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def store_dir(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store"
    monkeypatch.setenv("LISHI_STORE_DIR", str(path))
    return path


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_template(tmp_path, capsys, suffix):
    out = tmp_path / f"t{suffix}"
    assert run("template", "--output", str(out)) == 0
    assert out.stat().st_size > 0
    assert "3 indicators" in capsys.readouterr().out


def test_import_history_rollback(tmp_path, store_dir, capsys):
    first = write(tmp_path, "first.csv", "indicator_id,2021,2022\nt_gdp,160,170\nt_count,5,\n")
    assert run("import", str(first), "--by", "张三") == 0
    assert "stored version 1" in capsys.readouterr().out
    second = write(tmp_path, "second.csv", "indicator_id,2022\nt_gdp,180\n")
    assert run("import", str(second), "--by", "李四") == 0
    assert "1 changed" in capsys.readouterr().out

    assert run("history") == 0
    out = capsys.readouterr().out
    assert "current version: 2" in out and "second.csv" in out and "李四" in out

    assert run("rollback", "--to", "1", "--by", "管理员") == 0
    assert store.current_version(store_dir) == 1
    values = store.current_actuals(store_dir).set_index(["indicator_id", "year"])["value"].to_dict()
    assert values == {("t_count", 2021): 5.0, ("t_gdp", 2021): 160.0, ("t_gdp", 2022): 170.0}
    assert store.history(store_dir)[-1]["by"] == "管理员"


def test_rejected_import_exits_2_with_row_messages_and_stores_nothing(tmp_path, store_dir, capsys):
    assert run("import", str(write(tmp_path, "ok.csv", "indicator_id,2021\nt_gdp,160\n")), "--by", "a") == 0
    before = snapshot(store_dir)
    bad = write(tmp_path, "bad.csv", "indicator_id,2021\nt_gdp,abc\nt_nope,1\n")
    assert run("import", str(bad), "--by", "a") == 2
    err = capsys.readouterr().err
    assert "row 2, column 2021: 'abc' is not a number" in err
    assert "row 3, column indicator_id: unknown indicator 't_nope'" in err
    assert "Traceback" not in err
    assert snapshot(store_dir) == before


def test_missing_or_unreadable_file_exits_2(tmp_path, store_dir, capsys):
    assert run("import", str(tmp_path / "nope.csv"), "--by", "a") == 2
    assert "cannot read" in capsys.readouterr().err
    assert run("import", str(write(tmp_path, "x.txt", "hello")), "--by", "a") == 2
    assert "not a CSV or XLSX" in capsys.readouterr().err
    assert not store_dir.exists()


def test_warnings_need_yes(tmp_path, store_dir, capsys):
    path = write(tmp_path, "warn.csv", "indicator_id,2021,2022\nt_gdp,100,200\n")
    assert run("import", str(path), "--by", "a") == 3
    err = capsys.readouterr().err
    assert "t_gdp 2022: 200 is +100% from 2021" in err and "re-run with --yes to confirm" in err
    assert store.current_version(store_dir) == 0
    assert run("import", str(path), "--by", "a", "--yes") == 0
    assert store.current_version(store_dir) == 1


def test_rollback_to_unknown_version_exits_2(store_dir, capsys):
    assert run("rollback", "--to", "4") == 2
    assert "there is no version 4" in capsys.readouterr().err


def test_history_of_a_new_store(store_dir, capsys):
    assert run("history") == 0
    assert "no imported actuals yet" in capsys.readouterr().out
