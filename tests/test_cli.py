"""CLI: query prints CSV with a header; export writes every table; errors exit non-zero without a traceback."""

from __future__ import annotations

import subprocess
import sys

import openpyxl

from lishi_metrics import config
from lishi_metrics.cli import main as cli

from conftest import run_cli

REPO = config.REPO_DIR


def run(*args: str) -> subprocess.CompletedProcess:
    """The real `python -m lishi_metrics` in a subprocess (the smoke test of the entry point)."""
    return subprocess.run([sys.executable, "-m", "lishi_metrics", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


def test_query_prints_csv():
    out = run_cli("query", "SELECT indicator_id, value FROM observations WHERE indicator_id = 'fyp14_gdp' ORDER BY year")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["indicator_id,value", "fyp14_gdp,154.7", "fyp14_gdp,255.0"]


def test_query_refuses_write_without_traceback():
    out = run_cli("query", "DROP VIEW plans")
    assert out.returncode == 2
    assert "only a single read-only SELECT" in out.stderr and "Traceback" not in out.stderr


def test_check_ok_in_a_real_subprocess():
    """The one subprocess run of the CLI: the entry point itself (the other CLI tests run cli.main in-process)."""
    out = run("check")
    assert out.returncode == 0 and "ok" in out.stdout


def test_export_xlsx_and_csv(tmp_path, capsys):
    assert cli.main(["export", "--format", "xlsx", "--output", str(tmp_path / "all.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "all.xlsx", read_only=True)
    assert set(config.TABLES) <= set(wb.sheetnames) and "说明" in wb.sheetnames
    assert cli.main(["export", "--format", "csv", "--output", str(tmp_path / "csv")]) == 0
    head = (tmp_path / "csv" / "indicators.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert head.startswith("indicator_id,plan_id,table_ref")
