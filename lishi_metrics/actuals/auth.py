"""The admin gate of the data maintenance page: configured password, constant-time check, failure throttle.

All of the gate's state for one server process is one `AdminGate` object (ui.admin_gate holds it):

- While a delay from earlier failures is pending, an attempt is refused WITHOUT checking the password
  ("wait"), so the answer to a right password can never come sooner than the answer to a wrong one, however
  many sessions guess at once (issue 15.2: the old gate slept only after a wrong password).
- After LOCKOUT_AFTER failures within LOCKOUT_WINDOW seconds, every attempt is refused ("locked") until the
  oldest of them leaves the window.
- Every attempt is logged (outcome, client address as nginx forwards it, a short session id; never the
  password) to the logger `lishi_metrics.admin`, which writes to stderr, i.e. the service's journal.
- The configured password must have at least MIN_PASSWORD_LENGTH characters.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import sys
import threading
import time
import tomllib
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lishi_metrics.errors import LishiError

PASSWORD_ENV = "LISHI_ADMIN_PASSWORD"
MIN_PASSWORD_LENGTH = 12
LOCKOUT_AFTER = 20
LOCKOUT_WINDOW = 900.0
LOG_NAME = "lishi_metrics.admin"
SECRETS_KEY = "admin_password"
SECRETS_PATH = Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.toml"
HOW_TO_ENABLE = (
    f'set the environment variable {PASSWORD_ENV} or add {SECRETS_KEY} = "…" to '
    ".streamlit/secrets.toml, then restart the app"
)


def configured_password(
    env: Mapping[str, str] = os.environ, secrets_path: str | Path | None = SECRETS_PATH
) -> str | None:
    """The admin password: $LISHI_ADMIN_PASSWORD, else `admin_password` in secrets.toml; None when neither is set.

    The value is never logged or put into an error message.

    Raises:
        LishiError: secrets.toml exists but cannot be read or is not valid TOML, or the password is shorter
            than MIN_PASSWORD_LENGTH characters.
    """
    value = env.get(PASSWORD_ENV)
    if value:
        return _long_enough(value, PASSWORD_ENV)
    if secrets_path is None:
        return None
    path = Path(secrets_path)
    try:
        with path.open("rb") as f:
            secrets = tomllib.load(f)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LishiError(f"cannot read {path} ({exc.strerror}): fix its permissions") from None
    except tomllib.TOMLDecodeError:
        # The decoder's message may quote the offending line, which could hold the password.
        raise LishiError(f'{path} is not valid TOML: fix the file (e.g. {SECRETS_KEY} = "…")') from None
    value = secrets.get(SECRETS_KEY)
    return _long_enough(value, f"{SECRETS_KEY} in {path}") if isinstance(value, str) and value else None


def _long_enough(value: str, where: str) -> str:
    if len(value) < MIN_PASSWORD_LENGTH:
        raise LishiError(
            f"the admin password ({where}) is too short: use at least {MIN_PASSWORD_LENGTH} characters, "
            "then restart the app"
        )
    return value


def check_password(given: str | None, expected: str | None) -> bool:
    """True when `given` equals `expected` (compared in constant time); always False without an expected one."""
    if not expected or given is None:
        return False
    # Comparing digests keeps the time independent of the length of either string as well.
    a = hashlib.sha256(given.encode("utf-8")).digest()
    b = hashlib.sha256(expected.encode("utf-8")).digest()
    return hmac.compare_digest(a, b)


class Throttle:
    """Counts failed attempts per key (e.g. a session id) and says how long to wait before the next answer.

    The first `free` failures cost nothing; then the delay doubles from `first_delay` up to `max_delay`
    seconds (defaults: 0, 0, 0, 1, 2, 4, 8, 16, 30, 30 …). A key is forgotten after `forget_after`
    seconds without failures or on `reset` (after a success). Thread-safe; in-process only.
    """

    def __init__(
        self,
        free: int = 3,
        first_delay: float = 1.0,
        max_delay: float = 30.0,
        forget_after: float = 3600.0,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.free, self.first_delay, self.max_delay = free, first_delay, max_delay
        self.forget_after, self.max_keys, self._clock = forget_after, max_keys, clock
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()  # key -> (count, last failure time)

    def record_failure(self, key: str) -> float:
        """Count one more failure for `key`; return the delay in seconds to impose now."""
        with self._lock:
            count = self._count(key) + 1
            self._failures[key] = (count, self._clock())
            self._failures.move_to_end(key)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)
            return self._delay_for(count)

    def delay(self, key: str) -> float:
        """The delay the failures recorded so far for `key` impose (without recording one)."""
        with self._lock:
            return self._delay_for(self._count(key))

    def failures(self, key: str) -> int:
        """How many failures are counted for `key`."""
        with self._lock:
            return self._count(key)

    def reset(self, key: str) -> None:
        """Forget the failures of `key` (call after a successful login)."""
        with self._lock:
            self._failures.pop(key, None)

    def _count(self, key: str) -> int:
        entry = self._failures.get(key)
        if entry is None:
            return 0
        count, last = entry
        if self._clock() - last > self.forget_after:
            del self._failures[key]
            return 0
        return count

    def _delay_for(self, count: int) -> float:
        if count <= self.free:
            return 0.0
        return min(self.first_delay * 2.0 ** min(count - self.free - 1, 64), self.max_delay)


@dataclass(frozen=True)
class LoginResult:
    """What an attempt came to: 'ok', 'empty' (nothing typed, not counted), 'wrong', 'wait' (a delay is
    pending: refused unchecked) or 'locked' (too many failures in the window: refused unchecked);
    retry_after: seconds until the next attempt will be checked (0 when it would be now)."""

    outcome: str
    retry_after: float = 0.0


def service_log(name: str = LOG_NAME) -> logging.Logger:
    """A logger of the service (login attempts; store damage): writes to stderr (the service's journal) once,
    whatever else is set up."""
    log = logging.getLogger(name)
    if not any(getattr(h, "_lishi", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._lishi = True  # type: ignore[attr-defined]
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return log


class AdminGate:
    """The admin gate of one server process: throttle, pending delay, lockout window, token salt, log."""

    GLOBAL_KEY = "*all-sessions*"

    def __init__(
        self,
        throttle: Throttle | None = None,
        lockout_after: int = LOCKOUT_AFTER,
        lockout_window: float = LOCKOUT_WINDOW,
        clock: Callable[[], float] = time.monotonic,
        log: logging.Logger | None = None,
    ):
        # Failures count per session, per client address AND under one global key: a new browser session or
        # a forged address does not start an attacker's count from zero.
        self.throttle = throttle or Throttle(clock=clock)
        self.lockout_after, self.lockout_window, self._clock = lockout_after, lockout_window, clock
        self.log = log or service_log()
        self._lock = threading.Lock()
        self._not_before = 0.0
        self._failures: deque[float] = deque()
        # A session keeps a keyed digest of the password it was unlocked with, never the password: when the
        # password is changed or removed, every unlocked session is locked again.
        self._salt = os.urandom(16)

    def attempt(self, given: str | None, expected: str | None, session_key: str, client: str = "-") -> LoginResult:
        """Check one attempt, unless a delay is pending or the gate is locked out; log it either way."""
        if not given:
            result = LoginResult("empty")
        else:
            with self._lock:  # one attempt at a time: parallel sessions see each other's delay
                now = self._clock()
                while self._failures and now - self._failures[0] > self.lockout_window:
                    self._failures.popleft()
                if len(self._failures) >= self.lockout_after:
                    result = LoginResult("locked", self._failures[0] + self.lockout_window - now)
                elif now < self._not_before:
                    result = LoginResult("wait", self._not_before - now)
                elif check_password(given, expected):
                    for key in (session_key, f"client:{client}"):
                        self.throttle.reset(key)
                    result = LoginResult("ok")
                else:
                    delay = max(self.throttle.record_failure(k)
                                for k in (session_key, f"client:{client}", self.GLOBAL_KEY))
                    self._failures.append(now)
                    self._not_before = now + delay
                    result = LoginResult("wrong", delay)
        level = logging.INFO if result.outcome == "ok" else logging.WARNING
        self.log.log(level, "admin login attempt: outcome=%s client=%s session=%s retry_after=%.0fs",
                     result.outcome, _printable(client), _printable(session_key)[:8], result.retry_after)
        return result

    def unlock_token(self, password: str) -> str:
        """What an unlocked session keeps: a salted digest of the password (salt random per gate)."""
        return hashlib.sha256(self._salt + password.encode("utf-8")).hexdigest()

    def is_unlocked(self, token: object, password: str | None) -> bool:
        """True when the session's token was made from the currently configured password."""
        if not password or not isinstance(token, str):
            return False
        return hmac.compare_digest(token, self.unlock_token(password))


def client_address(headers: Mapping[str, str], peer: str | None = None) -> str:
    """The client address as nginx forwards it: X-Real-IP, else the last X-Forwarded-For hop (the one nginx
    appended), else the connection's peer address; '-' when none is known. For logs and throttle keys only:
    without nginx in front a client can forge these headers (the global throttle still applies)."""
    lower = {str(k).lower(): str(v) for k, v in headers.items()}
    real = lower.get("x-real-ip", "").strip()
    if real:
        return _printable(real)[:64]
    forwarded = [p.strip() for p in lower.get("x-forwarded-for", "").split(",") if p.strip()]
    if forwarded:
        return _printable(forwarded[-1])[:64]
    return _printable(peer)[:64] if peer else "-"


def _printable(text: object) -> str:
    return "".join(ch for ch in str(text) if ch.isprintable() and not ch.isspace()) or "-"
