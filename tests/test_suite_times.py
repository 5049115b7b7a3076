"""scripts/suite_times.py: worker-seconds per test file from pytest's durations, compared against the files a
change did not touch (the baseline in the same runs)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import suite_times  # noqa: E402

LOG = """...
============================== slowest durations ===============================
10.00s call     tests/test_a.py::test_one[x-1]
2.50s setup    tests/test_a.py::test_one[x-1]
4.00s call     tests/test_b.py::test_two
0.50s teardown tests/test_b.py::test_two
(12 durations < 0.005s hidden.  Use -vv to show these durations.)
2 passed in 17.0s
--- tests/test_load.py, run beside the others (artifacts/test-load.log):
============================== slowest durations ===============================
3.00s call     tests/test_load.py::test_load
"""


def test_per_file_sums_every_phase_of_every_durations_section():
    assert suite_times.per_file(LOG) == {"tests/test_a.py": 12.5, "tests/test_b.py": 4.5, "tests/test_load.py": 3.0}


def test_compare_divides_by_the_untouched_files_factor():
    before = {"tests/test_a.py": 100.0, "tests/test_b.py": 50.0, "tests/test_c.py": 40.0}
    after = {"tests/test_a.py": 120.0, "tests/test_b.py": 60.0, "tests/test_c.py": 24.0}  # machine 1.2x slower
    result = suite_times.compare(before, after, {"tests/test_c.py"})
    assert result["factor"] == pytest.approx(1.2)
    assert result["changed"]["tests/test_c.py"] == pytest.approx((40.0, 24.0, 20.0))
    assert result["total"] == pytest.approx((190.0, 204.0, 170.0))


def test_compare_refuses_when_nothing_is_left_to_compare_against():
    with pytest.raises(ValueError, match="nothing to compare"):
        suite_times.compare({"tests/test_a.py": 1.0}, {"tests/test_a.py": 2.0}, {"tests/test_a.py"})
