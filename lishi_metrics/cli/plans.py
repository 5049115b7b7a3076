"""CLI subcommands for plans: `plan template|export|import|list|remove` (python -m lishi_metrics plan …)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lishi_metrics.actuals import store, upload
from lishi_metrics.cli.store import EXIT_NEEDS_CONFIRMATION, EXIT_OK, EXIT_REJECTED, _guarded, _print_problems
from lishi_metrics.data import db as data
from lishi_metrics.data import plan_workbook as pw
from lishi_metrics.errors import DataError
from lishi_metrics.model import rowwise
from lishi_metrics.views import data_admin


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `plan` with its subcommands; each sets `func` (returns an exit code)."""
    plan = subparsers.add_parser("plan", help="plan-definition workbooks: template, export, import, list, remove")
    sub = plan.add_subparsers(dest="plan_command", required=True)

    p = sub.add_parser("template", help="write an empty plan workbook (.xlsx) with instructions in Chinese")
    p.add_argument("--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(func=_guarded(_cmd_template))

    p = sub.add_parser("export", help="write an existing plan (a shipped one too) as a filled workbook")
    p.add_argument("--plan", required=True, metavar="ID")
    p.add_argument("--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(func=_guarded(_cmd_export))

    p = sub.add_parser("import", help="check a plan workbook and store it as a new version (nothing on any error)")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="one .xlsx workbook, or plan.csv and indicators.csv")
    p.add_argument("--by", required=True, help="your name, recorded in the history")
    p.add_argument("--yes", action="store_true",
                   help="store even when there are warnings (ignored columns, plan-arithmetic findings, …)")
    p.set_defaults(func=_guarded(_cmd_import))

    p = sub.add_parser("list", help="list the plans (shipped and imported)")
    p.set_defaults(func=_guarded(_cmd_list))

    p = sub.add_parser("remove", help="remove an imported plan (a new version without it; shipped plans stay)")
    p.add_argument("plan_id", metavar="ID")
    p.add_argument("--by", required=True, help="your name, recorded in the history")
    p.set_defaults(func=_guarded(_cmd_remove))


def _write(path: Path, payload: bytes) -> None:
    if path.suffix.lower() != ".xlsx":
        raise DataError(f"the workbook {path.name} must end in .xlsx / 规划工作簿文件须以 .xlsx 结尾")
    path.write_bytes(payload)


def _cmd_template(args: argparse.Namespace) -> int:
    path = Path(args.output)
    _write(path, pw.workbook_bytes(pw.template_frames()))
    print(f"wrote {path}: fill the sheets plan and indicators (see 说明), then run: "
          f"python -m lishi_metrics plan import {path.name} --by NAME")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    catalogue = data.plans_catalogue()
    rows = catalogue[catalogue["plan_id"] == args.plan]
    if rows.empty:
        known = ", ".join(catalogue["plan_id"].astype(str))
        raise DataError(f"unknown plan {args.plan!r}: known plans are {known} / 未知规划 {args.plan}")
    path = Path(args.output)
    frames = pw.plan_frames(rows.iloc[0], data.indicator_table(args.plan))
    _write(path, pw.workbook_bytes(frames))
    print(f"wrote {path} ({len(frames[pw.INDICATOR_SHEET])} indicators of {args.plan})")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    files: dict[str, bytes] = {}
    for name in args.files:
        path = Path(name)
        try:
            size = path.stat().st_size
            if size > upload.MAX_BYTES:
                print(f"error: {path} is {size / 1048576:.1f} MB; the limit is {upload.MAX_BYTES / 1048576:.0f} MB",
                      file=sys.stderr)
                return EXIT_REJECTED
            files[path.name] = path.read_bytes()
        except OSError as exc:
            print(f"error: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_REJECTED
    # The page's check: the workbook's rules, then the plan-arithmetic findings as warnings.
    check = data_admin.check_plan_upload(files)
    if check.problems:
        _print_problems("rejected, nothing stored:", check.problems)
        return EXIT_REJECTED
    if check.warnings:
        _print_problems("warnings (the plan can be stored; read them first):" if not args.yes else
                        "confirmed warnings:", check.warnings)
        if not args.yes:
            print("nothing stored yet: re-run with --yes to store the plan / 尚未保存：确认后加 --yes 重新运行以保存该规划",
                  file=sys.stderr)
            return EXIT_NEEDS_CONFIRMATION
    store_dir = store.default_store_dir()
    digest = upload.sha256_bytes(b"".join(files[n] for n in sorted(files)))
    version = pw.commit(check, store_dir, args.by, ",".join(sorted(files))[:200], digest)
    verb = "replaced" if check.replaces else "added"
    print(f"stored version {version} in {store_dir}: plan {check.plan_id} {verb} ({check.n_indicators} indicators); "
          f"open the dashboard with ?plan={check.plan_id}")
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    catalogue = data.plans_catalogue()
    print("plan_id\tperiod\tbase\tindicators\torigin\tname")
    for r in rowwise.rows(catalogue):
        origin = "imported" if bool(r.imported) else "shipped"
        print(f"{r.plan_id}\t{r.start_year}-{r.end_year}\t{r.base_year}\t{r.n_indicators}\t{origin}\t{r.name_zh}")
    return EXIT_OK


def _cmd_remove(args: argparse.Namespace) -> int:
    store_dir = store.default_store_dir()
    before = store.current_version(store_dir)
    version = pw.remove(store_dir, args.plan_id, args.by)
    print(f"stored version {version}: plan {args.plan_id} removed (`rollback --to {before}` restores it)")
    return EXIT_OK


# ---------------------------------------------------------------- verdicts on text targets (评估结论)


def register_verdicts(subparsers: argparse._SubParsersAction) -> None:
    """Add `verdict set|clear|list`: the verdict an admin records on a text target (status, note, who, when)."""
    verdict = subparsers.add_parser("verdict", help="verdicts on text targets (评估结论): set, clear, list")
    sub = verdict.add_subparsers(dest="verdict_command", required=True)
    p = sub.add_parser("set", help="record whether a text target was met (a new store version)")
    p.add_argument("--indicator", required=True, metavar="ID")
    p.add_argument("--status", required=True, choices=("met", "missed"))
    p.add_argument("--note", default="", help="a short note: what the verdict rests on (at most 300 characters)")
    p.add_argument("--by", required=True, help="your name, recorded with the verdict and in the history")
    p.set_defaults(func=_guarded(_cmd_verdict_set))
    p = sub.add_parser("clear", help="withdraw a verdict (the target awaits evaluation again)")
    p.add_argument("--indicator", required=True, metavar="ID")
    p.add_argument("--by", required=True)
    p.set_defaults(func=_guarded(_cmd_verdict_clear))
    p = sub.add_parser("list", help="list recorded verdicts, or with --open the text targets still awaiting one")
    p.add_argument("--plan", default=None, metavar="ID")
    p.add_argument("--open", action="store_true", help="the text targets of --plan without a verdict")
    p.set_defaults(func=_guarded(_cmd_verdict_list))


def _cmd_verdict_set(args: argparse.Namespace) -> int:
    from lishi_metrics.data import verdicts

    version = verdicts.record(store.default_store_dir(), args.indicator, args.status, args.note, args.by)
    print(f"stored version {version}: {args.indicator} {args.status}")
    return EXIT_OK


def _cmd_verdict_clear(args: argparse.Namespace) -> int:
    from lishi_metrics.data import verdicts

    version = verdicts.withdraw(store.default_store_dir(), args.indicator, args.by)
    print(f"stored version {version}: the verdict on {args.indicator} is withdrawn")
    return EXIT_OK


def _cmd_verdict_list(args: argparse.Namespace) -> int:
    from lishi_metrics.data import verdicts

    if args.open:
        if not args.plan:
            raise DataError("--open needs --plan ID / --open 需要指定 --plan")
        rows = verdicts.text_targets(args.plan)
        rows = rows[rows["verdict"].isna()]
        print("indicator_id\tname\ttarget")
        for r in rowwise.rows(rows):
            print("\t".join(store.printable(x, 120) for x in (r.indicator_id, r.name_zh, r.target_text or r.growth_text)))
        return EXIT_OK
    rows = verdicts.listing(args.plan)
    if rows.empty:
        print("no verdicts recorded")
        return EXIT_OK
    print("indicator_id\tplan\tstatus\tby\ttime\tnote")
    for r in rowwise.rows(rows):
        print("\t".join(store.printable(x if isinstance(x, str) else "", 200)
                        for x in (r.indicator_id, r.plan_id, r.status, r.by, r.time, r.note)))
    return EXIT_OK
