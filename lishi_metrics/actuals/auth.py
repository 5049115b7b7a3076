"""The admin gate of the data maintenance page: configured password, constant-time check, failure throttle.

The gate's counters live in the store directory (`gate.json`, replaced under the store's lock), so every
replica on the host shares them (issue 23.3); each process holds one `AdminGate` (ui.admin_gate) for its token
salt and log:

- Failures count per client address (as nginx forwards it) and in total. While a delay from an address's
  earlier failures is pending, its attempts are refused WITHOUT checking the password ("wait"), so the answer
  to a right password never comes sooner than the answer to a wrong one.
- After LOCKOUT_AFTER failures from one address within LOCKOUT_WINDOW seconds, that address is refused
  ("locked"); after GLOBAL_CEILING failures from all addresses together, every address is. A guesser cannot
  keep the admin out for good: `python -m lishi_metrics admin unlock --by NAME` issues a one-time code (logged)
  that gets one sign-in checked past both.
- Every attempt is logged (outcome, client address as nginx forwards it, a short session id; never the
  password) to the logger `lishi_metrics.admin`, which writes to stderr, i.e. the service's journal.
- The configured password must have at least MIN_PASSWORD_LENGTH characters.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import sys
import threading
import time
import tomllib
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import filelock

from lishi_metrics import config
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
    pending for this address: refused unchecked), 'locked' (too many failures in the window from this address, or
    from all: refused unchecked), or 'ok-unlock' / 'wrong-unlock' (checked past both with a one-time code);
    retry_after: seconds until the next attempt will be checked (0 when it would be now)."""

    outcome: str
    retry_after: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome in ("ok", "ok-unlock")


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


_T = TypeVar("_T")
GLOBAL_CEILING = 100
UNLOCK_VALID = 1800.0
STATE_FILE = "gate.json"
_MAX_KEPT = 1000  # failures remembered at most (the ceiling is far below)


class GateState:
    """The gate's shared state: `gate.json` in the store directory, read and replaced under the store's lock,
    so every replica on the host counts the same failures. Without a usable store directory (None, or one that
    cannot be written) the state is kept in this process, and the log says so once."""

    def __init__(self, directory: Callable[[], Path | None] | Path | None = None):
        self._directory = directory
        self._lock = threading.Lock()
        self._memory: dict = {}
        self._warned = False

    def directory(self) -> Path | None:
        d = self._directory() if callable(self._directory) else self._directory
        return Path(d) if d is not None else None

    def update(self, change: Callable[[dict], _T], log: logging.Logger) -> _T:
        """Run change(state) on the current state and keep what it leaves; one caller at a time on this host."""
        directory = self.directory()
        with self._lock:
            if directory is not None:
                try:
                    return self._update_file(directory, change)
                except (OSError, filelock.Timeout) as exc:
                    if not self._warned:
                        log.error("admin gate: cannot keep its state in %s (%s); counting in this process only",
                                  directory, exc)
                        self._warned = True
            return change(self._memory)

    def _update_file(self, directory: Path, change: Callable[[dict], _T]) -> _T:
        from lishi_metrics.actuals import fileio

        fileio.make_dir(directory)
        owner = fileio.owner_for(directory)
        lock_path = directory / ".lock"
        with filelock.FileLock(lock_path, timeout=10.0, mode=fileio.FILE_MODE):
            path = directory / STATE_FILE
            try:
                state = json.loads(path.read_bytes())
                if not isinstance(state, dict):
                    state = {}
            except FileNotFoundError:
                state = {}
            except ValueError:
                state = {}  # a damaged state file is replaced (it holds only counters, never a secret)
            result = change(state)
            fileio.atomic_write(path, json.dumps(state).encode("utf-8"), owner=owner)
            return result


def issue_unlock(directory: str | os.PathLike[str], by: str, valid: float = UNLOCK_VALID,
                 clock: Callable[[], float] = time.time) -> str:
    """A one-time unlock code (printed once, stored only as its SHA-256) that lets one sign-in be checked even
    while the gate is locked out; logged with who issued it."""
    code = secrets.token_urlsafe(12)
    name = _printable(by)
    log = service_log()

    def change(state: dict) -> None:
        state["unlock"] = {"sha256": hashlib.sha256(code.encode()).hexdigest(), "expires": clock() + valid,
                           "by": name}

    GateState(Path(directory)).update(change, log)
    log.warning("admin unlock code issued by %s, valid %.0f min, for one sign-in", name, valid / 60)
    return code


class AdminGate:
    """The admin gate of the deployment: failures per client address and in total, pending delays and lockout,
    kept in the store directory (GateState) so all replicas share them; token salt and log per process."""

    def __init__(
        self,
        throttle: Throttle | None = None,
        lockout_after: int = LOCKOUT_AFTER,
        lockout_window: float = LOCKOUT_WINDOW,
        clock: Callable[[], float] = time.time,
        log: logging.Logger | None = None,
        state_dir: Callable[[], Path | None] | Path | None = config.store_dir,
        global_ceiling: int = GLOBAL_CEILING,
    ):
        # The throttle gives the delay schedule (free failures, then doubling); counts live in the shared state.
        self.throttle = throttle or Throttle(clock=clock)
        self.lockout_after, self.lockout_window, self._clock = lockout_after, lockout_window, clock
        self.global_ceiling = global_ceiling
        self.log = log or service_log()
        self.state = GateState(state_dir)
        # A session keeps a keyed digest of the password it was unlocked with, never the password: when the
        # password is changed or removed, every unlocked session is locked again.
        self._salt = os.urandom(16)

    def failures(self, client: str | None = None) -> int:
        """Failures in the window: of one client address, or of all (None)."""
        now = self._clock()

        def read(state: dict) -> int:
            kept = self._prune(state, now)
            return len([f for f in kept if client is None or f[1] == client])

        return int(self.state.update(read, self.log))

    def _prune(self, state: dict, now: float) -> list:
        kept = [f for f in state.get("failures", []) if isinstance(f, list) and len(f) == 2
                and isinstance(f[0], (int, float)) and now - f[0] <= self.lockout_window][-_MAX_KEPT:]
        state["failures"] = kept
        state["not_before"] = {k: v for k, v in (state.get("not_before") or {}).items()
                               if isinstance(v, (int, float)) and v > now}
        return kept

    def attempt(self, given: str | None, expected: str | None, session_key: str, client: str = "-",
                unlock_code: str | None = None) -> LoginResult:
        """Check one attempt unless this address must wait or is locked out (or all are: the global ceiling);
        a valid one-time unlock code (`admin unlock`) gets one check past both. Logged either way."""
        client = _printable(client)[:64]
        if not given:
            result = LoginResult("empty")
        else:
            result = self.state.update(lambda state: self._decide(state, given, expected, client, unlock_code),
                                       self.log)
        level = logging.INFO if result.outcome == "ok" else logging.WARNING
        self.log.log(level, "admin login attempt: outcome=%s client=%s session=%s retry_after=%.0fs",
                     result.outcome, client, _printable(session_key)[:8], result.retry_after)
        return result

    def _decide(self, state: dict, given: str, expected: str | None, client: str,
                unlock_code: str | None) -> LoginResult:
        now = self._clock()
        failures = self._prune(state, now)
        mine = [f[0] for f in failures if f[1] == client]
        unlock = state.get("unlock") if isinstance(state.get("unlock"), dict) else None
        if unlock_code and unlock and now < float(unlock.get("expires") or 0) and hmac.compare_digest(
                hashlib.sha256(unlock_code.encode()).hexdigest(), str(unlock.get("sha256"))):
            state.pop("unlock", None)  # one use, whatever the password
            if check_password(given, expected):
                state["failures"] = [f for f in failures if f[1] != client]
                state["not_before"].pop(client, None)
                return LoginResult("ok-unlock")
            return LoginResult("wrong-unlock")
        if len(failures) >= self.global_ceiling:
            return LoginResult("locked", failures[-self.global_ceiling][0] + self.lockout_window - now)
        if len(mine) >= self.lockout_after:
            return LoginResult("locked", mine[-self.lockout_after] + self.lockout_window - now)
        pending = float(state["not_before"].get(client, 0.0))
        if now < pending:
            return LoginResult("wait", pending - now)
        if check_password(given, expected):
            state["failures"] = [f for f in failures if f[1] != client]
            return LoginResult("ok")
        failures.append([now, client])
        delay = self.throttle._delay_for(len(mine) + 1)
        if delay:
            state["not_before"][client] = now + delay
        return LoginResult("wrong", delay)

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
