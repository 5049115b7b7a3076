"""CLI `periods`: the year-to-date workbook (template, import) and the status of the year against its targets."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd

from lishi_metrics.actuals import store
from lishi_metrics.cli.store import EXIT_NEEDS_CONFIRMATION, EXIT_OK, EXIT_REJECTED, _guarded, _print_problems
from lishi_metrics.data import db as data
from lishi_metrics.data import period_workbook as wb
from lishi_metrics.errors import DataError
from lishi_metrics.model import periods as pm
from lishi_metrics.text import fmt

STATUS_COLUMNS = ("indicator_id", "period", "value", "growth", "target_growth", "gap_pp", "time_progress",
                  "needed_rest_growth")
REASON_WORDS = {
    pm.NO_WEIGHTS: "last year's levels missing / 缺上年同期或全年累计值",
    pm.YEAR_COMPLETE: "the year is complete / 全年已结束",
    pm.REACHED: "target already reached / 已完成全年目标",
    pm.NO_TARGET: "no target for the year / 未导入全年目标",
    pm.NO_YTD: "no year-to-date figure / 未导入累计数",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `periods template|import|status`."""
    top = subparsers.add_parser("periods", help="monthly and quarterly year-to-date figures against the year's targets")
    sub = top.add_subparsers(dest="periods_command", required=True)
    p = sub.add_parser("template", help="write the workbook to fill (sheets targets and periods, 填写说明)")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(func=_guarded(_cmd_template))
    p = sub.add_parser("import", help="validate a filled workbook and store it as a new version")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--by", required=True, help="your name, recorded in the history")
    p.add_argument("--yes", action="store_true", help="confirm the warnings (growth outside ±50 %%) and store anyway")
    p.set_defaults(func=_guarded(_cmd_import))
    p = sub.add_parser("status", help="one row per indicator for the latest period (or --as-of)")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--as-of", default=None, metavar="PERIOD", help="YYYY-MM or YYYY-Qn")
    p.add_argument("--format", choices=("csv", "table"), default="table")
    p.set_defaults(func=_guarded(_cmd_status))


def _cmd_template(args: argparse.Namespace) -> int:
    indicators = data.periodic_indicators()
    path = wb.write_template(args.output, indicators, args.year)
    print(f"wrote {path} ({len(indicators)} indicators, {args.year - 1}–{args.year}); fill it and run: "
          f"python -m lishi_metrics periods import {path.name} --by NAME")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        payload = path.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {path}: {exc.strerror or exc} / 无法读取文件", file=sys.stderr)
        return EXIT_REJECTED
    store_dir = store.default_store_dir()
    indicators = data.periodic_indicators()
    check = wb.check_upload(path.name, payload, indicators, store.current_period_tables(store_dir))
    check.raise_if_rejected()
    if check.warnings and not args.yes:
        _print_problems("warnings (implausible growth), nothing stored / 数据可疑，未导入:", check.warnings)
        print("re-run with --yes to confirm and store / 确认无误请加 --yes 重新导入", file=sys.stderr)
        return EXIT_NEEDS_CONFIRMATION
    if check.warnings:
        _print_problems("confirmed warnings:", check.warnings)

    version = wb.commit(store_dir, path.name, payload, indicators, args.by)
    entry: dict = next((e for e in reversed(store.history(store_dir)) if e.get("version") == version), {})
    print(f"stored version {version} in {store_dir}: {entry.get('added', '?')} added, "
          f"{entry.get('changed', '?')} changed, {entry.get('unchanged', '?')} unchanged "
          f"({len(check.targets)} target rows, {len(check.periods)} period rows)")
    return EXIT_OK


def status_frame(year: int, as_of: str | None) -> pd.DataFrame:
    """periods.status_table over the shipped indicators and the stored figures (the page uses the same)."""
    at = None
    if as_of is not None:
        try:
            at = pm.parse_period(as_of)
        except pm.PeriodError as exc:
            raise DataError(f"--as-of: {exc} / 期别应写作 YYYY-MM 或 YYYY-Qn") from exc
        if at.year != year:
            raise DataError(f"--as-of {at.label} is not in {year} / 期别不在 {year} 年")
    tables = data.period_tables()
    return pm.status_table(data.periodic_indicators(), tables["period_targets"], tables["periods"], year, at)


def _num(x, digits: int = 1, signed: bool = False) -> str:
    v = pm.status.as_number(x)
    if v is None:
        return ""
    return fmt.signed(v, digits, ascii_minus=True) if signed else f"{v:.{digits}f}"


def _cmd_status(args: argparse.Namespace) -> int:
    frame = status_frame(args.year, args.as_of)
    rows, notes = [], []
    for r in frame.to_dict("records"):
        progress = ""
        if pm.status.as_number(r["time_elapsed"]) is not None:
            share = pm.status.as_number(r["time_progress"])
            progress = (f"{share * 100:.1f}%/" if share is not None else "/") + f"{r['time_elapsed'] * 100:.1f}%"
        needed = _num(r["needed_rest_growth"])
        if not needed and r["needed_reason"]:
            notes.append(f"{r['indicator_id']}: needed_rest_growth empty: {REASON_WORDS[r['needed_reason']]}")
            if args.format == "table":
                needed = f"— ({REASON_WORDS[r['needed_reason']].split(' / ')[0]})"
        rows.append([r["indicator_id"], r["period"] if isinstance(r["period"], str) else "", _num(r["value"], 2), _num(r["growth"]),
                     _num(r["target_growth"]), _num(r["gap_pp"], signed=True), progress, needed])
    if args.format == "csv":
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(STATUS_COLUMNS)
        out.writerows(rows)
        for line in notes:
            print(line, file=sys.stderr)
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(STATUS_COLUMNS, *rows)]
        for cells in (list(STATUS_COLUMNS), *rows):
            print("  ".join(str(x).ljust(w) for x, w in zip(cells, widths)).rstrip())
        print("time_progress: year-to-date share of the level target / share of the year elapsed "
              "(累计完成全年总量目标的比例 / 时间进度)")
    if frame["period"].isna().all():
        print(f"no year-to-date figures stored for {args.year}: python -m lishi_metrics periods template "
              f"--year {args.year} --output F.xlsx, fill it, then periods import F.xlsx --by NAME / "
              f"尚未导入 {args.year} 年经济运行数据", file=sys.stderr)
    return EXIT_OK


