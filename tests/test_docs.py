"""The README's and docs' commands and links point at things that exist (issue 16.5), like datasette's test_docs.

Every `python -m lishi_metrics …` subcommand named in a code block or inline code answers `--help`, every other
`python -m MODULE` is importable, every script or deploy file named exists (and `scripts/dev.sh X` has an X),
and every relative link resolves to a file. The README's quick start is exactly two commands.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from lishi_metrics.cli import main as cli

REPO = Path(__file__).resolve().parent.parent
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
INLINE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)[^)]*\)")
PY_M = re.compile(r"\bpython3?\s+-m\s+([A-Za-z_][\w.]*)([^;&|`\n#]*)")
CLI_GROUPS = {"plan", "admin", "verdict", "periods"}  # subcommands with subcommands of their own
FILE_REF = re.compile(r"(?<![\w/.])((?:\./)?(?:scripts|deploy|\.ci)/[\w.-]+(?:/[\w.-]+)*)")


def _code(text: str) -> list[str]:
    """The lines of every fenced code block and every inline code span."""
    lines = [line for block in FENCE.findall(text) for line in block.splitlines()]
    rest = FENCE.sub("", text)
    return lines + INLINE.findall(rest)


def _snippets() -> list[tuple[str, str]]:
    return [(doc.name, line) for doc in DOCS for line in _code(doc.read_text(encoding="utf-8"))]


def _words(args: str) -> list[str]:
    """The leading plain words of a command's arguments (subcommand names), up to the first option or value."""
    try:
        tokens = shlex.split(args)
    except ValueError:
        tokens = args.split()
    words = []
    for token in tokens:
        if not re.fullmatch(r"[a-z][a-z_-]*", token):
            break
        words.append(token)
    return words


def _cli_commands() -> dict[tuple[str, ...], str]:
    """Subcommand paths named in the docs ('plan import' → ('plan', 'import')), with where."""
    found: dict[tuple[str, ...], str] = {}
    for path, _, where in _cli_lines():
        found.setdefault(path, where)
    return found


def _cli_lines() -> list[tuple[tuple[str, ...], str, str]]:
    """(subcommand path, the arguments written, where) for every CLI command in the docs: those after
    `python -m lishi_metrics`, and the README's short forms (`import FILE --by NAME`, `rollback --to N`)."""
    out = []
    for doc, line in _snippets():
        written = [args for module, args in PY_M.findall(line) if module == "lishi_metrics"]
        if doc == "README.md" and re.match(r"[a-z]+( [a-z]+)? .*--[a-z]", line.strip()) and "python" not in line:
            written.append(line.strip())
        for args in written:
            words = _words(args)
            if words:
                path = tuple(words[:2]) if words[0] in CLI_GROUPS and len(words) > 1 else (words[0],)
                out.append((path, args, f"{doc}: {line.strip()}"))
    return out


def _cli_help(path: tuple[str, ...]) -> str:
    """What `python -m lishi_metrics PATH --help` prints (run in this process); AssertionError if it fails."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            cli.main([*path, "--help"])
        except SystemExit as done:
            assert done.code == 0, f"python -m lishi_metrics {' '.join(path)} --help failed"
    return out.getvalue()


def _options(args: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--[a-z][\w-]*)", args))


def _script_dev_subcommands() -> set[str]:
    text = (REPO / "scripts" / "dev.sh").read_text(encoding="utf-8")
    return {label for labels in re.findall(r"^\s+([\w|-]+)\)", text, re.M) for label in labels.split("|")}


def test_the_docs_are_found():
    assert len(DOCS) >= 5 and (REPO / "docs" / "architecture.md") in DOCS
    assert ("build",) in _cli_commands() and ("plan", "import") in _cli_commands()


def test_the_readme_quick_start_is_two_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = FENCE.findall(section)
    assert len(blocks) == 1, "one code block in the quick start"
    commands = [line.split("#", 1)[0].strip() for line in blocks[0].splitlines()]
    commands = [c for c in commands if c]
    assert commands == ["scripts/dev.sh run", "scripts/dev.sh test"]


@pytest.mark.parametrize("path", sorted(_cli_commands()), ids=" ".join)
def test_every_cli_subcommand_named_in_the_docs_exists(path):
    """`python -m lishi_metrics X --help` succeeds (the parser prints the subcommand's help and exits 0)."""
    assert f"python -m lishi_metrics {' '.join(path)}" in _cli_help(path), _cli_commands()[path]


def test_every_cli_option_written_in_the_docs_exists():
    helps: dict[tuple[str, ...], str] = {}
    bad = []
    for path, args, where in _cli_lines():
        text = helps.setdefault(path, _cli_help(path))
        bad += [f"{where}: {option}" for option in _options(args) if option not in text]
    assert not bad, bad


@pytest.mark.parametrize("script", ["scripts/loadtest.py", "scripts/bench.py"])
def test_every_script_option_written_in_the_docs_exists(script):
    """`--serve --replicas 2` after scripts/loadtest.py: each option is one the script's --help lists."""
    written = [(line, _options(line.split(script, 1)[1])) for _, line in _snippets() if script in line]
    assert written, f"{script} is not in the docs"
    done = subprocess.run([sys.executable, script, "--help"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    bad = [f"{option} ({line.strip()})" for line, options in written for option in options if option not in done.stdout]
    assert not bad, bad


def test_the_cli_help_runs_as_the_docs_write_it():
    """One real `python -m lishi_metrics build --help`, as a reader types it."""
    done = subprocess.run([sys.executable, "-m", "lishi_metrics", "build", "--help"], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "python -m lishi_metrics build" in done.stdout, done.stderr


def test_an_unknown_subcommand_is_refused():
    """The check above can fail: a subcommand the parser does not know is reported."""
    with pytest.raises(AssertionError, match="no-such-command --help failed"):
        _cli_help(("no-such-command",))


def test_every_python_module_named_in_the_docs_exists():
    missing = []
    for doc, line in _snippets():
        for module, _ in PY_M.findall(line):
            if importlib.util.find_spec(module) is None:
                missing.append(f"{doc}: {module} ({line.strip()})")
    assert not missing, missing


def test_every_script_and_deploy_file_named_in_the_docs_exists():
    dev = _script_dev_subcommands()
    assert {"run", "test", "check"} <= dev
    bad = []
    for doc, line in _snippets():
        for ref in FILE_REF.findall(line):
            target = REPO / ref.removeprefix("./")
            if not target.exists():
                bad.append(f"{doc}: {ref} does not exist ({line.strip()})")
        for sub in re.findall(r"scripts/dev\.sh\s+([a-z][\w-]*)", line):
            if sub not in dev:
                bad.append(f"{doc}: scripts/dev.sh has no '{sub}' ({line.strip()})")
    assert not bad, bad


def test_every_relative_link_in_the_docs_resolves():
    bad = []
    for doc in DOCS:
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = (doc.parent / target.split("#", 1)[0]).resolve()
            if not path.exists():
                bad.append(f"{doc.name}: {target}")
    assert not bad, bad


# --- counts the docs state, computed from the data ---------------------------------------------------------

def _counts() -> dict[str, int]:
    """What the docs count, from data/source and the explorer's catalogue (so a data correction moves both)."""
    import pandas as pd

    from lishi_metrics.data.plans import DOCUMENT_PLAN
    from lishi_metrics.views import explorer

    indicators = pd.read_csv(REPO / "data" / "source" / "indicators.csv", dtype=str)
    document_rows = indicators[indicators["plan_id"] == DOCUMENT_PLAN]
    return {"document indicators": len(document_rows), "indicators": len(indicators),
            "explorer items": len(explorer.catalog_from_data()[1])}


# (what is counted, how a doc states it): group 1 is the number.
STATED_COUNTS = [
    ("document indicators", re.compile(r"all (\d+) indicators")),
    ("document indicators", re.compile(r"all the plan's indicators, (\d+) for the")),
    ("document indicators", re.compile(r"专栏2 has its (\d+) rows")),
    ("document indicators", re.compile(r"专栏2's (\d+) rows")),
    ("indicators", re.compile(r"(\d+)\s+indicators, the explorer's")),
    ("explorer items", re.compile(r"the explorer's (\d+) items")),
    ("explorer items", re.compile(r"共 (\d+) 项")),
]


def _stated_count_problems(texts: dict[str, str], counts: dict[str, int]) -> tuple[list[str], int]:
    """(every stated count that differs from the data, how many statements were checked)."""
    bad, checked = [], 0
    for name, text in texts.items():
        for what, pattern in STATED_COUNTS:
            for match in pattern.finditer(text):
                checked += 1
                if int(match.group(1)) != counts[what]:
                    bad.append(f"{name}: “{match.group(0)}” but the data has {counts[what]} {what}")
    return bad, checked


def test_the_counts_the_docs_state_are_the_datas():
    texts = {doc.name: doc.read_text(encoding="utf-8") for doc in DOCS}
    bad, checked = _stated_count_problems(texts, _counts())
    assert checked >= 5, "the docs' counts were not found: update STATED_COUNTS with the docs' wording"
    assert not bad, bad


def test_the_count_check_can_fail():
    bad, checked = _stated_count_problems({"x.md": "the explorer's 177 items; 专栏2 has its 34 rows"},
                                          {"explorer items": 202, "document indicators": 34, "indicators": 77})
    assert checked == 2 and bad == ["x.md: “the explorer's 177 items” but the data has 202 explorer items"]


# --- measured timings live in docs/benchmarks.md, not in docstrings ------------------------------------------

_TIMING = re.compile(r"\d[\d.,]*\s?(?:ms|µs|μs)\b|≈\s?\d+\s?%|\d+\s?% of the server")


def _timings_in_docstrings_and_comments(source: str) -> list[str]:
    import ast
    import io
    import tokenize

    texts = [ast.get_docstring(node) or "" for node in ast.walk(ast.parse(source))
             if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    texts += [tok.string for tok in tokenize.generate_tokens(io.StringIO(source).readline) if tok.type == tokenize.COMMENT]
    return [m.group(0) for text in texts for m in _TIMING.finditer(text)]


def test_no_docstring_or_comment_of_the_package_states_a_measured_time():
    """Timings go stale in docstrings (issue 24.7): they belong in docs/benchmarks.md with their date and method."""
    package = REPO / "lishi_metrics"
    found = {str(p.relative_to(package)): hits for p in sorted(package.rglob("*.py"))
             if (hits := _timings_in_docstrings_and_comments(p.read_text(encoding="utf-8")))}
    assert found == {}
    assert _timings_in_docstrings_and_comments('"""Fast: 0.4 ms a call."""\n# ≈ 5 % of the CPU\nx = "3 ms"\n') == [
        "0.4 ms", "≈ 5 %"]
