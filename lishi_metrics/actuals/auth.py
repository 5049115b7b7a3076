"""The admin gate of the data maintenance page: configured password, constant-time check, failure throttle."""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
import tomllib
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path

from lishi_metrics.errors import LishiError

PASSWORD_ENV = "LISHI_ADMIN_PASSWORD"
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
        LishiError: secrets.toml exists but cannot be read or is not valid TOML.
    """
    value = env.get(PASSWORD_ENV)
    if value:
        return value
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
    return value if isinstance(value, str) and value else None


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
