"""Compare two runs of the test suite by file, against a baseline in the same runs.

    python scripts/suite_times.py BEFORE.log AFTER.log [--changed tests/test_x.py ...]

Each log is the output of `scripts/dev.sh test` (or `.ci/run`) with PYTEST_ADDOPTS=--durations=0. Wall time on
this shared machine moves with other work on the host (the same code's suite took 611 s and 749 s three hours
apart), so a change is judged like scripts/bench.py judges one: against a baseline measured in the same run.
Here the baseline is every file the change did not touch (`--changed` names the ones it did; by default the
files whose worker-seconds differ most are only listed): their worker-seconds give the machine factor, and the
changed files and the whole run are shown divided by it.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_LINE = re.compile(r"^([\d.]+)s (?:call|setup|teardown)\s+(tests/[^:\s]+)")


def per_file(log: str) -> Counter:
    """Worker-seconds per test file: the sum of the setup, call and teardown durations pytest reported (every
    `slowest durations` section of the log: the main run and the load test's own)."""
    seconds: Counter = Counter()
    for section in log.split("slowest durations")[1:]:
        for line in section.splitlines():
            match = _LINE.match(line)
            if match:
                seconds[match.group(2)] += float(match.group(1))
    return seconds


def compare(before: Counter, after: Counter, changed: set[str]) -> dict:
    """The machine factor (after / before over the files not in `changed`, present in both runs) and, divided
    by it, the changed files' and the whole run's worker-seconds after."""
    baseline = [f for f in before.keys() & after.keys() if f not in changed]
    base_before, base_after = sum(before[f] for f in baseline), sum(after[f] for f in baseline)
    if base_before <= 0:
        raise ValueError("no file outside --changed ran in both logs: nothing to compare against")
    factor = base_after / base_before
    return {
        "factor": factor,
        "baseline": (base_before, base_after),
        "changed": {f: (before[f], after[f], after[f] / factor) for f in sorted(changed)},
        "total": (sum(before.values()), sum(after.values()), sum(after.values()) / factor),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--changed", nargs="*", default=[], help="test files the change touched")
    args = ap.parse_args(argv)
    before = per_file(args.before.read_text(encoding="utf-8", errors="replace"))
    after = per_file(args.after.read_text(encoding="utf-8", errors="replace"))
    if not args.changed:
        moved = sorted(before.keys() | after.keys(), key=lambda f: -abs(after[f] - before[f]))
        for f in moved[:15]:
            print(f"{before[f]:8.1f} -> {after[f]:8.1f}  {f}")
        return 0
    result = compare(before, after, set(args.changed))
    b, a = result["baseline"]
    print(f"files not changed: {b:.0f} -> {a:.0f} worker-s: the machine factor is {result['factor']:.3f}")
    for f, (x, y, norm) in result["changed"].items():
        print(f"{x:8.1f} -> {y:8.1f}  ({norm:8.1f} at the first run's speed)  {f}")
    x, y, norm = result["total"]
    print(f"{x:8.1f} -> {y:8.1f}  ({norm:8.1f} at the first run's speed)  all files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
