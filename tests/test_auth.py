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
    path = secrets('title = "x"\nadmin_password = "秘密-pass"\n')
    assert auth.configured_password(env={}, secrets_path=path) == "秘密-pass"


def test_environment_beats_secrets_file(secrets):
    path = secrets('admin_password = "from-file"\n')
    assert auth.configured_password(env={"LISHI_ADMIN_PASSWORD": "from-env"}, secrets_path=path) == "from-env"


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
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", "env-secret")
    assert auth.configured_password() == "env-secret"


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
