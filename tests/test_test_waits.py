"""Browser tests wait for what they expect, never for a fixed time (issue 16.5): a scan of tests/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _browser_files() -> list[Path]:
    """The files that drive Chromium: the harness, the fixtures (conftest.py) and every test that opens a page."""
    return sorted(p for p in TESTS.glob("*.py") if p.name in ("browser.py", "conftest.py")
                  or re.search(r"\bnew_page\b|\bchromium\b|\bbrowser\(\)", p.read_text(encoding="utf-8")))


def _fixed_waits(source: str) -> list[tuple[int, str]]:
    """(line, call) for every `….wait_for_timeout(…)`, `time.sleep(…)` or a bare `sleep(…)` imported from time."""
    tree = ast.parse(source)
    sleep_names = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module == "time"
                   for a in node.names if a.name == "sleep"}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "wait_for_timeout":
            found.append((node.lineno, "wait_for_timeout"))
        elif isinstance(f, ast.Attribute) and f.attr == "sleep" and isinstance(f.value, ast.Name) and f.value.id == "time":
            found.append((node.lineno, "time.sleep"))
        elif isinstance(f, ast.Name) and f.id in sleep_names:
            found.append((node.lineno, "sleep"))
    return found


def _unpolled_waits(source: str) -> list[int]:
    """Lines of every `….wait_for_function(…)` without a `polling=` argument: Playwright's default polls on every
    animation frame, which keeps the page drawing frames for as long as the wait lasts (browser.POLL)."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "wait_for_function"
            and not any(k.arg == "polling" for k in node.keywords)]


def test_the_browser_tests_are_found():
    names = {p.name for p in _browser_files()}
    assert {"browser.py", "conftest.py", "test_browser_data.py", "test_browser_scenario.py", "test_browser_sector_pages.py",
            "test_browser_routing.py", "test_browser_screen.py", "test_egress.py"} <= names


def test_no_test_waits_a_fixed_time_in_a_browser_test():
    bad = []
    for path in _browser_files():
        bad += [f"{path.name}:{line}: {call}" for line, call in _fixed_waits(path.read_text(encoding="utf-8"))]
    assert not bad, "wait for the expected element or state (browser.rerun, wait_ready, wait_for_function): " + ", ".join(bad)


def test_no_test_anywhere_uses_wait_for_timeout():
    bad = [f"{p.name}:{line}" for p in sorted(TESTS.glob("*.py"))
           for line, call in _fixed_waits(p.read_text(encoding="utf-8")) if call == "wait_for_timeout"]
    assert not bad, bad


def test_the_scan_finds_fixed_waits():
    source = ("import time\nfrom time import sleep as nap\n\n"
              "def f(page):\n    page.wait_for_timeout(300)\n    time.sleep(1)\n    nap(2)\n    page.wait_for_selector('h1')\n")
    assert _fixed_waits(source) == [(5, "wait_for_timeout"), (6, "time.sleep"), (7, "sleep")]


def test_every_wait_for_a_condition_polls_at_an_interval():
    bad = [f"{p.name}:{line}" for p in _browser_files() for line in _unpolled_waits(p.read_text(encoding="utf-8"))]
    assert not bad, "pass polling=browser.POLL to wait_for_function: " + ", ".join(bad)


def test_the_scan_finds_waits_that_poll_every_frame():
    source = ("def f(page):\n    page.wait_for_function('() => 1', timeout=5)\n"
              "    page.wait_for_function('() => 1', polling=POLL)\n    page.wait_for_selector('h1')\n")
    assert _unpolled_waits(source) == [2]
