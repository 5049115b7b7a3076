"""Command line: build and check the tables, query them, export them, and manage imported actuals."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from lishi_metrics.data import build as build_mod
from lishi_metrics.data import check as check_mod
from lishi_metrics.data import db as data
from lishi_metrics.data import export
from lishi_metrics.errors import LishiError


def _cmd_build(args: argparse.Namespace) -> int:
    problems = check_mod.check()
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"build refused: {len(problems)} problem(s) in data/source/", file=sys.stderr)
        return 1
    counts = build_mod.build()
    data.reset()
    for name, n in counts.items():
        print(f"{name}: {n} rows")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    problems = check_mod.check()
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("ok: all source tables valid")
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    frame = data.read_only_query(args.sql, timeout=args.timeout, memory_limit=args.memory)
    frame.to_csv(sys.stdout, index=False)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    for path in export.export(args.format, Path(args.output)):
        print(path)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from lishi_metrics.actuals import fileio
    from lishi_metrics.reports import build as reports

    output = Path(args.output)
    if not output.parent.is_dir():
        print(f"error: directory {output.parent} does not exist / 目录不存在", file=sys.stderr)
        return 2
    if args.kind == "economy":
        payload = _economy_report(args)
        if payload is None:
            return 2
        fileio.atomic_write(output, payload, mode=0o644)
        print(output)
        return 0
    plan = args.plan
    if plan is None:  # as the pages: the plan running today, else the one that ended last
        from lishi_metrics.data.plans import default_plan

        plan = default_plan(data.plans(), date.today())
    payload = reports.document(args.format, args.lang, plan)
    # A document is made to be passed round: readable by others, unlike the store's private files.
    fileio.atomic_write(output, payload, mode=0o644)
    print(output)
    return 0


def _economy_report(args: argparse.Namespace) -> bytes | None:
    """The 经济运行分析 briefing (reports.economy), or None after printing why it cannot be written."""
    from lishi_metrics.model import periods as pm
    from lishi_metrics.reports import economy

    if args.format not in ("docx", "pptx") or args.year is None:
        print("error: --kind economy needs --format docx|pptx and --year YYYY / 经济运行简报须指定 docx 或 pptx 格式和年份",
              file=sys.stderr)
        return None
    as_of = ""
    if args.as_of:
        try:
            period = pm.parse_period(args.as_of)
        except pm.PeriodError as exc:
            print(f"error: --as-of: {exc} / 期别应写作 YYYY-MM 或 YYYY-Qn", file=sys.stderr)
            return None
        if period.year != args.year:
            print(f"error: --as-of {period.label} is not in {args.year} / 期别不在 {args.year} 年", file=sys.stderr)
            return None
        as_of = period.label
    return economy.document(args.format, args.lang, args.year, as_of)


def plan_indicators(plan: str | None = None):
    """Indicator table of `plan` (None: the default plan for today; "*": every plan, for an actuals import)."""
    import pandas as pd

    from lishi_metrics.data.plans import default_plan
    from lishi_metrics.errors import DataError

    plans = data.plans()
    known = [str(p) for p in plans["plan_id"]]
    if plan == "*":
        return pd.concat([data.indicator_table(p) for p in known], ignore_index=True)
    plan = plan or default_plan(plans, date.today())
    if plan not in known:
        raise DataError(f"unknown plan {plan!r}: known plans are {', '.join(known)} (python -m lishi_metrics plan list)")
    return data.indicator_table(plan)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m lishi_metrics", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="data/source/*.csv → data/parquet/*.parquet").set_defaults(func=_cmd_build)
    sub.add_parser("check", help="validate data/source/*.csv").set_defaults(func=_cmd_check)
    q = sub.add_parser("query", help="run one read-only SQL SELECT over the tables, print CSV")
    q.add_argument("sql")
    q.add_argument("--timeout", type=float, default=data.QUERY_TIMEOUT, metavar="SECONDS",
                   help=f"stop the query after this many seconds (default {data.QUERY_TIMEOUT:g})")
    q.add_argument("--memory", default=data.QUERY_MEMORY, metavar="SIZE",
                   help=f"DuckDB's memory limit for the query, e.g. 512MB (default {data.QUERY_MEMORY})")
    q.set_defaults(func=_cmd_query)
    e = sub.add_parser("export", help="write all tables as CSV files (a directory) or one XLSX workbook")
    e.add_argument("--format", choices=("csv", "xlsx"), required=True)
    e.add_argument("--output", required=True)
    e.set_defaults(func=_cmd_export)
    r = sub.add_parser("report", help="write the final evaluation as a Word report, a PowerPoint deck or a workbook")
    r.add_argument("--format", choices=("docx", "pptx", "xlsx"), required=True)
    r.add_argument("--output", required=True, help="the file to write (replaced atomically)")
    r.add_argument("--lang", choices=("zh", "en"), default="zh")
    r.add_argument("--plan", default=None, metavar="ID",
                   help="any known plan with a GDP row (see `plan list`); default: the plan running today, "
                        "else the latest ended one")
    r.add_argument("--kind", choices=("evaluation", "economy"), default="evaluation",
                   help="evaluation: the plan's final evaluation (default); economy: the 经济运行分析 briefing "
                        "of --year (docx or pptx)")
    r.add_argument("--year", type=int, default=None, help="with --kind economy: the year monitored")
    r.add_argument("--as-of", default=None, metavar="PERIOD", help="with --kind economy: YYYY-MM or YYYY-Qn")
    r.set_defaults(func=_cmd_report)
    try:
        from lishi_metrics.cli import store as cli_store
    except ImportError:  # the actuals CLI is optional while it is being built
        cli_store = None
    if cli_store is not None:
        cli_store.register(sub, plan_indicators)
    from lishi_metrics.cli import plans as cli_plans

    cli_plans.register(sub)
    cli_plans.register_verdicts(sub)
    from lishi_metrics.cli import periods as cli_periods

    cli_periods.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except LishiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
