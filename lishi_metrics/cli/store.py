"""CLI subcommands for imported actuals: template, import, history, rollback, verify, backup, restore."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from lishi_metrics.actuals import store
from lishi_metrics.actuals import upload as actuals_import
from lishi_metrics.errors import ImportRejected, LishiError, Problem
from lishi_metrics.text import fmt

EXIT_OK, EXIT_REJECTED, EXIT_NEEDS_CONFIRMATION = 0, 2, 3


def register(subparsers: argparse._SubParsersAction, get_indicators: Callable[[], pd.DataFrame]) -> None:
    """Add the subcommands template, import, history and rollback; each sets `func` (returns an exit code).

    Args:
        subparsers: what ArgumentParser.add_subparsers returned.
        get_indicators: get_indicators(plan) returns a plan's indicators (indicator_id, name_zh, unit_zh, value_type,
            base_year, target_year …): None for the default plan, "*" for every plan.
    """
    p = subparsers.add_parser("template", help="write the yearly actuals template (.csv or .xlsx) of one plan")
    p.add_argument("--output", required=True, metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--plan", default=None, metavar="ID",
                   help="the plan (default: the plan running today, else the latest ended one)")
    p.set_defaults(func=_guarded(lambda a: _cmd_template(a, get_indicators)))

    p = subparsers.add_parser("import", help="validate a filled-in template and store it as a new version")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--by", required=True, help="your name, recorded in the history")
    p.add_argument("--yes", action="store_true", help="confirm the warnings (implausible values) and store anyway")
    p.set_defaults(func=_guarded(lambda a: _cmd_import(a, get_indicators)))

    p = subparsers.add_parser("history", help="list the versions of imported actuals")
    p.set_defaults(func=_guarded(_cmd_history))

    p = subparsers.add_parser("rollback", help="make an earlier version current again (0 = no imported data)")
    p.add_argument("--to", required=True, type=int, metavar="VERSION")
    p.add_argument("--by", default=None, help="your name, recorded in the history (default: the login name)")
    p.set_defaults(func=_guarded(_cmd_rollback))

    p = subparsers.add_parser("verify", help="check every version of the store against its checksums; print a report"
                              " (exit 1 when something is damaged)")
    p.set_defaults(func=_guarded(_cmd_verify))

    p = subparsers.add_parser("admin", help="the data page's sign-in gate")
    admin = p.add_subparsers(dest="admin_command", required=True)
    u = admin.add_parser("unlock", help="issue a one-time code that gets one sign-in checked while the gate is "
                         "locked out (logged)")
    u.add_argument("--by", required=True, help="your name, logged with the code's issue")
    u.add_argument("--minutes", type=int, default=30, help="how long the code is valid (default 30)")
    u.set_defaults(func=_guarded(_cmd_admin_unlock))

    p = subparsers.add_parser("backup", help="write the whole store (every version and the history) to a .tar.gz")
    p.add_argument("--output", required=True, metavar="FILE.tar.gz")
    p.set_defaults(func=_guarded(_cmd_backup))

    p = subparsers.add_parser("restore", help="make a backup's state current; the replaced files are kept")
    p.add_argument("file", metavar="FILE.tar.gz")
    p.add_argument("--by", required=True, help="your name, recorded in the history")
    p.set_defaults(func=_guarded(_cmd_restore))


def _guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn package errors into a readable message on stderr and exit code 2 (no traceback)."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except ImportRejected as exc:
            _print_problems("rejected, nothing stored:", exc.problems or [Problem(None, None, str(exc), "")])
            return EXIT_REJECTED
        except LishiError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_REJECTED

    return run


def _cmd_template(args: argparse.Namespace, get_indicators: Callable[[], pd.DataFrame]) -> int:
    indicators = get_indicators(args.plan)
    path = actuals_import.write_template(args.output, indicators)
    print(
        f"wrote {path} ({len(indicators)} indicators); fill the year columns and run: "
        f"python -m lishi_metrics import {path.name} --by NAME"
    )
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, get_indicators: Callable[[], pd.DataFrame]) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_REJECTED
    store_dir = store.default_store_dir()
    frame = actuals_import.read_upload(path.name, data)
    # Rows of any known plan are accepted, each for its own plan's years.
    result = actuals_import.validate(frame, get_indicators("*"), store.current_actuals(store_dir))
    result.raise_if_rejected()
    if result.warnings and not args.yes:
        _print_problems("warnings (implausible values), nothing stored:", result.warnings)
        print("re-run with --yes to confirm and store these values", file=sys.stderr)
        return EXIT_NEEDS_CONFIRMATION
    if result.warnings:
        _print_problems("confirmed warnings:", result.warnings)
    version = store.commit_import(
        store_dir, result.values, by=args.by, file_name=path.name, sha256=actuals_import.sha256_bytes(data)
    )
    entry = next(
        (e for e in reversed(store.history(store_dir)) if e.get("version") == version and e.get("action") == "import"),
        {},
    )
    print(
        f"stored version {version} in {store_dir}: {entry.get('added', '?')} added, "
        f"{entry.get('changed', '?')} changed, {entry.get('unchanged', '?')} unchanged"
    )
    return EXIT_OK


def _cmd_history(args: argparse.Namespace) -> int:
    store_dir = store.default_store_dir()
    state = store.health(store_dir)
    entries, current = state.entries, state.current
    for d in state.damage:
        print(f"warning: {d.kind}{f' {d.version}' if d.version is not None else ''} is damaged ({d.reason}: "
              f"{', '.join(d.files)}); run `verify` for the report", file=sys.stderr)
    if not entries:
        print(f"no imported actuals yet in {store_dir} (current version {current})")
        return EXIT_OK
    print("current version:", current, f"(damaged: pages serve version {state.served})" if state.degraded else "")
    print("version\ttime (Beijing, UTC+8)\tby\taction\tfile\tadded\tchanged\tunchanged\tremoved")
    for e in entries:
        action = e.get("action", "")
        if action in ("rollback", "restore"):
            action = f"{action} {e.get('previous_version', '?')}→{e.get('rolled_back_to')}"
        if e.get("damaged"):
            action += " [damaged, kept aside]"
        if e.get("recovered"):
            action += " [recovered from manifest]"
        print(
            "\t".join(
                str(x)
                for x in (
                    e.get("version"),
                    store.printable(fmt.beijing_time(e.get("time"))),
                    store.printable(e.get("by")),
                    action,
                    store.printable(e.get("file_name") or ""),
                    e.get("added"),
                    e.get("changed"),
                    e.get("unchanged"),
                    e.get("removed", 0),
                )
            )
        )
    return EXIT_OK


def _cmd_rollback(args: argparse.Namespace) -> int:
    store_dir = store.default_store_dir()
    by = args.by or _login_name()
    before = store.current_version(store_dir)
    store.rollback(store_dir, args.to, by=by)
    print(f"version {args.to} is current again (was {before})")
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    lines = store.verify(store.default_store_dir())
    for line in lines:
        print(store.printable(line, 1000))
    return EXIT_OK if lines[-1].startswith("ok") else 1


def _cmd_admin_unlock(args: argparse.Namespace) -> int:
    from lishi_metrics.actuals import auth

    if not store.printable(args.by):
        print("error: give your name (--by)", file=sys.stderr)
        return EXIT_REJECTED
    minutes = max(1, min(int(args.minutes), 24 * 60))
    code = auth.issue_unlock(store.default_store_dir(), args.by, valid=minutes * 60.0)
    print(f"one-time unlock code (valid {minutes} min, one sign-in): {code}")
    print("enter it under 'One-time unlock code' on the data page's sign-in form, with the password")
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace) -> int:
    names = store.backup(store.default_store_dir(), args.output)
    print(f"wrote {args.output} ({len(names)} files)")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    version, kept = store.restore(store.default_store_dir(), args.file, by=args.by)
    print(f"restored {args.file}: version {version} is current; the replaced files are kept in {kept}/")
    return EXIT_OK


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "cli"


def _print_problems(title: str, problems: list[Problem]) -> None:
    print(title, file=sys.stderr)
    for p in problems:
        # Messages quote cells of the file: print them without control characters (escape sequences).
        column = store.printable(p.column, 60) if p.column else ""
        sheet = store.printable(p.sheet, 40) if getattr(p, "sheet", None) else ""
        where = ", ".join(x for x in (f"sheet {sheet}" if sheet else "", f"row {p.row}" if p.row else "",
                                      f"column {column}" if column else "") if x)
        print(f"  {where + ': ' if where else ''}{store.printable(p.message, 500)}", file=sys.stderr)
        if p.message_zh:
            print(f"    {store.printable(p.message_zh, 500)}", file=sys.stderr)
