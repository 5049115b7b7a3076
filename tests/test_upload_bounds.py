"""Uploads cannot amplify into gigabytes (issue 15 item 1): a 10 KB XLSX whose cells all point to one 4 MB
shared string, megabyte cells, thousands of problems. Measured in a child process (tracemalloc peak, under
an address-space limit so a regression fails instead of eating the machine), through the CLI and through
the data page's view function; the page itself is covered in test_page_data.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import hostile_files as hf

# The full suite runs these; the fast lane (scripts/dev.sh check) leaves them out: each test checks a hostile
# upload through the CLI or the page in a child process, with its memory measured.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
PEAK_LIMIT = 32 * 1024 * 1024  # the 4 MB string may exist a few times, never once per cell

CHILD = r"""
import io, json, os, resource, sys, tracemalloc, contextlib
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))
via, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
err = io.StringIO()
# Modules are imported before measuring: the peak is what reading and checking the file allocate.
import openpyxl.reader.excel, pandas, lishi_metrics.actuals.upload
from lishi_metrics.cli.main import main
from lishi_metrics.data import db
from lishi_metrics.views import data_admin as dav
indicators = db.indicator_table("fyp14") if via == "view" else None
tracemalloc.start()
if via == "cli":
    with contextlib.redirect_stderr(err):
        code = main(["import", path, "--by", "tester"])
    out = {"code": code, "text": err.getvalue()}
else:
    check = dav.check_upload(os.path.basename(path), data, indicators, dav.store_status(os.environ["LISHI_STORE_DIR"]))
    out = {"code": 0 if check.ok else 2, "text": "\n".join(
        dav.problem_table(check.problems, lang).to_string() for lang in ("en", "zh"))}
out["peak"] = tracemalloc.get_traced_memory()[1]
print(json.dumps(out))
"""


def run_child(via: str, path: Path, store: Path) -> dict:
    env_store = {"LISHI_STORE_DIR": str(store)}
    import os

    proc = subprocess.run([sys.executable, "-c", CHILD, via, str(path)], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **env_store})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


CASES = {
    "bomb-every-cell.xlsx": lambda: hf.shared_string_bomb(),
    "bomb-data-cells.xlsx": lambda: hf.shared_string_bomb(header_ok=True),
    "long-cell.csv": hf.long_cell_csv,
    "many-problems.csv": hf.many_problems_csv,
}


@pytest.mark.parametrize("via", ["cli", "view"])
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_upload_is_rejected_with_bounded_memory_and_a_short_message(tmp_path, via, name):
    data = CASES[name]()
    if name.startswith("bomb"):
        assert len(data) < 12_000
    path = tmp_path / name
    path.write_bytes(data)
    store = tmp_path / "store"
    out = run_child(via, path, store)
    assert out["code"] == 2
    assert out["peak"] < PEAK_LIMIT, f"peak {out['peak'] / 1e6:.0f} MB"
    text = out["text"]
    assert len(text) < 60_000, "messages quote only a short prefix of a cell"
    if name.startswith("bomb") or name == "long-cell.csv":
        assert "characters" in text and "a template cell holds at most 1000" in text
        if via == "view":
            assert "个字符" in text and "请使用模板" in text
        else:
            assert "个字符" in text  # the CLI prints English and Chinese
    else:
        assert "unknown indicator" in text and "check stopped after 200" in text
    assert not store.exists() or not (store / "CURRENT").exists()
