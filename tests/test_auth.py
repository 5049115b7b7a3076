"""Tests of lishi_metrics.actuals.auth: where the admin password comes from, the check, the failure throttle."""

from __future__ import annotations

import threading

import pytest

from lishi_metrics.actuals import auth
from lishi_metrics.errors import LishiError


@pytest.fixture
def secrets(tmp_path):
    def write(text: str):
        path = tmp_path / ".streamlit" / "secrets.toml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_no_password_configured(tmp_path):
    assert auth.configured_password(env={}, secrets_path=tmp_path / "missing.toml") is None
    assert auth.configured_password(env={"LISHI_ADMIN_PASSWORD": ""}, secrets_path=None) is None


def test_password_from_secrets_file(secrets):
    path = secrets('title = "x"\nadmin_password = "秘密-pass-long-enough"\n')
    assert auth.configured_password(env={}, secrets_path=path) == "秘密-pass-long-enough"


def test_environment_beats_secrets_file(secrets):
    path = secrets('admin_password = "from-file-long"\n')
    assert auth.configured_password(env={"LISHI_ADMIN_PASSWORD": "from-env-long"}, secrets_path=path) == "from-env-long"


@pytest.mark.parametrize("text", ['other = "x"\n', 'admin_password = ""\n', "admin_password = 1234\n"])
def test_secrets_file_without_a_usable_password_means_none(secrets, text):
    assert auth.configured_password(env={}, secrets_path=secrets(text)) is None


def test_broken_secrets_file_is_reported_without_its_content(secrets):
    path = secrets('admin_password = "hunter2\n')
    with pytest.raises(LishiError, match="not valid TOML") as info:
        auth.configured_password(env={}, secrets_path=path)
    assert "hunter2" not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_default_reads_the_process_environment(monkeypatch):
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", "env-secret-long")
    assert auth.configured_password() == "env-secret-long"


@pytest.mark.parametrize(
    ("given", "expected", "ok"),
    [
        ("right", "right", True),
        ("密码", "密码", True),
        ("wrong", "right", False),
        ("righ", "right", False),
        ("right ", "right", False),
        ("", "right", False),
        (None, "right", False),
        ("anything", None, False),
        ("", "", False),
    ],
)
def test_check_password(given, expected, ok):
    assert auth.check_password(given, expected) is ok


def test_gate_without_password_admits_no_one(tmp_path):
    expected = auth.configured_password(env={}, secrets_path=tmp_path / "none.toml")
    assert not auth.check_password("", expected)
    assert not auth.check_password("admin", expected)


def test_throttle_is_free_for_three_failures_then_doubles_up_to_30_seconds():
    throttle = auth.Throttle()
    delays = [throttle.record_failure("s1") for _ in range(10)]
    assert delays == [0, 0, 0, 1, 2, 4, 8, 16, 30, 30]
    assert throttle.delay("s1") == 30 and throttle.failures("s1") == 10
    assert throttle.record_failure("s2") == 0, "keys are independent"


def test_throttle_reset_after_success():
    throttle = auth.Throttle()
    for _ in range(5):
        throttle.record_failure("s1")
    assert throttle.delay("s1") == 2
    throttle.reset("s1")
    assert throttle.delay("s1") == 0 and throttle.failures("s1") == 0
    assert throttle.record_failure("s1") == 0


def test_throttle_forgets_old_failures():
    now = [1000.0]
    throttle = auth.Throttle(forget_after=60, clock=lambda: now[0])
    for _ in range(4):
        throttle.record_failure("s1")
    assert throttle.delay("s1") == 1
    now[0] += 61
    assert throttle.delay("s1") == 0
    assert throttle.record_failure("s1") == 0


def test_throttle_keeps_a_bounded_number_of_keys():
    throttle = auth.Throttle(max_keys=2)
    for key in ("a", "b", "c"):
        throttle.record_failure(key)
    assert throttle.failures("a") == 0 and throttle.failures("c") == 1


def test_throttle_counts_every_failure_from_many_threads():
    throttle = auth.Throttle()
    barrier = threading.Barrier(8)

    def fail() -> None:
        barrier.wait()
        for _ in range(250):
            throttle.record_failure("shared")

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert throttle.failures("shared") == 2000
    assert throttle.delay("shared") == 30


# --------------------------------------------------------------------------------------- issue 15.2


@pytest.mark.parametrize("where", ["env", "secrets"])
def test_a_password_shorter_than_12_characters_is_refused_without_showing_it(secrets, where):
    for short in ("x", "elevenchars"):
        with pytest.raises(LishiError, match="at least 12 characters") as info:
            if where == "env":
                auth.configured_password(env={"LISHI_ADMIN_PASSWORD": short}, secrets_path=None)
            else:
                auth.configured_password(env={}, secrets_path=secrets(f'admin_password = "{short}"\n'))
        assert short not in str(info.value)
    assert auth.configured_password(env={"LISHI_ADMIN_PASSWORD": "twelve-chars"}, secrets_path=None)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def gate(clock=None, **kw) -> auth.AdminGate:
    import logging

    return auth.AdminGate(clock=clock or Clock(), log=logging.getLogger("test.admin"), **kw)


RIGHT = "the-right-password"


def test_while_a_delay_is_pending_even_the_right_password_is_refused_unchecked(monkeypatch):
    clock = Clock()
    g = gate(clock)
    outcomes = [g.attempt("guess", RIGHT, "s1").outcome for _ in range(4)]
    assert outcomes == ["wrong"] * 4  # the first three cost nothing; the fourth sets a 1 s delay
    checked = []
    monkeypatch.setattr(auth, "check_password", lambda a, b: checked.append(a) or a == b)
    result = g.attempt(RIGHT, RIGHT, "s2")
    assert (result.outcome, checked) == ("wait", [])
    assert result.retry_after == pytest.approx(1.0)
    clock.now += 1.0
    assert g.attempt(RIGHT, RIGHT, "s2").outcome == "ok" and checked == [RIGHT]


def test_five_parallel_attempts_the_right_one_answers_no_differently_than_the_wrong_ones():
    """Issue 15.2: with a delay pending, five sessions submit at once; the right password used to unlock while
    the wrong ones hung. Now all five get the same answer, at once, and none is checked."""
    g = gate()
    for i in range(5):
        g.attempt("guess", RIGHT, f"warmup-{i}")  # a delay is now pending (2 s)
    barrier = threading.Barrier(5)
    results: dict[str, auth.LoginResult] = {}

    def attempt(name: str, password: str) -> None:
        barrier.wait()
        results[name] = g.attempt(password, RIGHT, name)

    threads = [threading.Thread(target=attempt, args=(f"s{i}", RIGHT if i == 2 else f"wrong-{i}")) for i in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert {r.outcome for r in results.values()} == {"wait"}
    assert len({round(r.retry_after, 6) for r in results.values()}) == 1


def test_the_old_sleep_after_check_is_gone():
    """A wrong attempt answers at once (its delay applies to the next attempt), so timing tells nothing."""
    import inspect

    source = inspect.getsource(auth.AdminGate)
    assert "sleep" not in source


def test_lockout_after_n_failures_in_the_window():
    clock = Clock()
    g = gate(clock, throttle=auth.Throttle(free=100, clock=clock), lockout_after=5, lockout_window=60.0)
    for _ in range(5):
        assert g.attempt("guess", RIGHT, "s", "10.0.0.9").outcome == "wrong"
    result = g.attempt(RIGHT, RIGHT, "s", "10.0.0.9")
    assert result.outcome == "locked" and result.retry_after == pytest.approx(60.0)
    clock.now += 61
    assert g.attempt(RIGHT, RIGHT, "s", "10.0.0.9").outcome == "ok"


def test_every_attempt_is_logged_with_the_client_address_and_never_the_password(caplog):
    import logging

    clock = Clock()
    g = auth.AdminGate(clock=clock)
    with caplog.at_level(logging.INFO, logger=auth.LOG_NAME):
        g.attempt("", RIGHT, "session-abcdef123", "192.0.2.7")
        for _ in range(4):
            g.attempt("guess-xyz", RIGHT, "session-abcdef123", "192.0.2.7")
        g.attempt(RIGHT, RIGHT, "session-abcdef123", "192.0.2.7")
    lines = [r.getMessage() for r in caplog.records if r.name == auth.LOG_NAME]
    assert [line.split("outcome=")[1].split()[0] for line in lines] == ["empty", "wrong", "wrong", "wrong", "wrong",
                                                                        "wait"]
    assert all("client=192.0.2.7" in line and "session=session-" in line for line in lines)
    assert not [line for line in lines if "guess-xyz" in line or RIGHT in line or "abcdef123" in line]
    assert any(getattr(h, "_lishi", False) for h in logging.getLogger(auth.LOG_NAME).handlers), "goes to stderr"


@pytest.mark.parametrize(
    ("headers", "peer", "expected"),
    [
        ({"X-Real-Ip": "10.1.2.3", "X-Forwarded-For": "6.6.6.6, 10.1.2.3"}, "127.0.0.1", "10.1.2.3"),
        ({"X-Forwarded-For": "6.6.6.6, 10.9.9.9"}, "127.0.0.1", "10.9.9.9"),
        ({}, "10.0.0.5", "10.0.0.5"),
        ({}, None, "-"),
        ({"X-Real-IP": "1.2.3.4\x1b[2J evil"}, None, "1.2.3.4[2Jevil"),
    ],
)
def test_client_address_prefers_what_nginx_sets(headers, peer, expected):
    assert auth.client_address(headers, peer) == expected


def test_unlock_token_matches_only_the_password_it_was_made_from():
    g = gate()
    token = g.unlock_token(RIGHT)
    assert RIGHT not in token
    assert g.is_unlocked(token, RIGHT)
    assert not g.is_unlocked(token, "another-password")
    assert not g.is_unlocked(token, None)
    assert not g.is_unlocked(None, RIGHT)
    assert not gate().is_unlocked(token, RIGHT), "the salt is per gate (per server process)"
