"""One gate for the deployment (issue 23.3): replicas on one host share the failures, the lockout and the
one-time unlock through the store directory; lockout is per client address with a global ceiling."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from lishi_metrics.actuals import auth

RIGHT = "the-right-password"
REPO = Path(__file__).resolve().parent.parent


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def replica(directory: Path, clock: Clock, **kw) -> auth.AdminGate:
    """A gate as one replica's process holds it (own salt and throttle object), on the shared store."""
    free = auth.Throttle(free=1000, clock=clock)  # no delays: these tests are about counting and lockout
    return auth.AdminGate(clock=clock, log=logging.getLogger("test.gate"), state_dir=directory, throttle=free, **kw)


def test_guesses_spread_over_two_replicas_count_once(tmp_path):
    clock = Clock()
    a, b = replica(tmp_path, clock, lockout_after=6), replica(tmp_path, clock, lockout_after=6)
    outcomes = [(a if i % 2 else b).attempt(f"guess{i}", RIGHT, f"s{i}", "10.0.0.9").outcome for i in range(6)]
    assert outcomes == ["wrong"] * 6
    assert a.failures("10.0.0.9") == b.failures("10.0.0.9") == 6
    # the lockout holds on both replicas, even for the right password
    assert a.attempt(RIGHT, RIGHT, "s", "10.0.0.9").outcome == "locked"
    assert b.attempt(RIGHT, RIGHT, "s", "10.0.0.9").outcome == "locked"
    # another address is not locked out by this one's guesses
    assert b.attempt(RIGHT, RIGHT, "s", "10.0.0.10").outcome == "ok"


def test_a_pending_delay_holds_across_replicas(tmp_path):
    clock = Clock()
    a = auth.AdminGate(clock=clock, log=logging.getLogger("test.gate"), state_dir=tmp_path)
    b = auth.AdminGate(clock=clock, log=logging.getLogger("test.gate"), state_dir=tmp_path)
    for i in range(4):
        assert (a, b)[i % 2].attempt("guess", RIGHT, "s", "10.0.0.9").outcome == "wrong"
    result = b.attempt(RIGHT, RIGHT, "s", "10.0.0.9")  # the fourth failure set a 1 s delay, made on replica a
    assert result.outcome == "wait" and result.retry_after == pytest.approx(1.0)


def test_a_global_ceiling_locks_every_address(tmp_path):
    clock = Clock()
    a, b = replica(tmp_path, clock, global_ceiling=10), replica(tmp_path, clock, global_ceiling=10)
    for i in range(10):
        (a, b)[i % 2].attempt("guess", RIGHT, "s", f"10.0.1.{i}")  # forged or many addresses
    assert a.attempt(RIGHT, RIGHT, "s", "10.9.9.9").outcome == "locked"


def test_a_one_time_unlock_lets_the_admin_in_once_and_is_logged(tmp_path, caplog):
    clock = Clock()
    a, b = replica(tmp_path, clock, lockout_after=3), replica(tmp_path, clock, lockout_after=3)
    for _ in range(3):
        a.attempt("guess", RIGHT, "s", "10.0.0.9")
    assert b.attempt(RIGHT, RIGHT, "s", "10.0.0.9").outcome == "locked"
    with caplog.at_level(logging.INFO, logger=auth.LOG_NAME):
        code = auth.issue_unlock(tmp_path, "王管理", clock=clock)
    assert any("unlock code issued by 王管理" in r.getMessage() for r in caplog.records)
    assert code not in (tmp_path / auth.STATE_FILE).read_text()  # only its SHA-256 is stored
    assert b.attempt(RIGHT, RIGHT, "s", "10.0.0.9", unlock_code="wrong-code").outcome == "locked"
    assert a.attempt(RIGHT, RIGHT, "s", "10.0.0.9", unlock_code=code).outcome == "ok-unlock"
    # one use only
    for _ in range(3):
        b.attempt("guess", RIGHT, "s", "10.0.0.9")
    assert b.attempt(RIGHT, RIGHT, "s", "10.0.0.9", unlock_code=code).outcome == "locked"


def test_an_expired_unlock_code_does_nothing(tmp_path):
    clock = Clock()
    g = replica(tmp_path, clock, lockout_after=1)
    g.attempt("guess", RIGHT, "s", "10.0.0.9")
    code = auth.issue_unlock(tmp_path, "a", valid=60, clock=clock)
    clock.now += 61
    assert g.attempt(RIGHT, RIGHT, "s", "10.0.0.9", unlock_code=code).outcome == "locked"


CHILD = r"""
import logging, sys
from lishi_metrics.actuals import auth
g = auth.AdminGate(log=logging.getLogger("child"), state_dir=sys.argv[1], throttle=auth.Throttle(free=1000),
                   lockout_after=4)
print(" ".join(g.attempt("guess", "right-password-x", "c", "10.0.0.7").outcome for _ in range(2)))
"""


def test_two_processes_share_the_count(tmp_path):
    """Two real processes (as two replicas): two guesses each, and the lockout of 4 holds in this one."""
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], cwd=REPO, capture_output=True, text=True,
                             timeout=120)
        assert out.returncode == 0 and out.stdout.split() == ["wrong", "wrong"], out.stderr
    g = auth.AdminGate(log=logging.getLogger("test.gate"), state_dir=tmp_path, lockout_after=4)
    assert g.failures("10.0.0.7") == 4
    assert g.attempt("right-password-x", "right-password-x", "s", "10.0.0.7").outcome == "locked"


def test_cli_admin_unlock_prints_a_code_that_works(tmp_path, monkeypatch, capsys):
    from lishi_metrics.cli import main as cli

    monkeypatch.setenv("LISHI_STORE_DIR", str(tmp_path))
    g = auth.AdminGate(log=logging.getLogger("test.gate"), lockout_after=1)
    g.attempt("guess", RIGHT, "s", "10.0.0.9")
    assert cli.main(["admin", "unlock", "--by", "ops"]) == 0
    code = capsys.readouterr().out.split("one sign-in): ")[1].split()[0]
    assert g.attempt(RIGHT, RIGHT, "s", "10.0.0.9", unlock_code=code).outcome == "ok-unlock"


def test_a_damaged_gate_file_is_replaced_not_fatal(tmp_path):
    (tmp_path / auth.STATE_FILE).write_bytes(b"\x00garbage")
    g = auth.AdminGate(log=logging.getLogger("test.gate"), state_dir=tmp_path)
    assert g.attempt(RIGHT, RIGHT, "s", "10.0.0.9").outcome == "ok"
