"""SharedCache: a function's results kept for every session of the process, bounded, least recently used first.

No Streamlit here: the ui package wraps its data and page-model calls with it, and the tests loop over every
instance (`instances()`), so a cache added anywhere is checked and cleared with the others.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_INSTANCES: weakref.WeakSet[SharedCache] = weakref.WeakSet()  # weak: a test's own cache goes when the test does


class SharedCache:
    """A function's results kept for every session of this process: one object per argument tuple, never
    changed by its users, at most `max_entries`, least recently used dropped first.

    What st.cache_resource does, but keyed by Python's own hashing of the arguments (their type and value):
    Streamlit hashes each argument into an MD5 digest of its own, and a page run makes five to eight such
    calls (issue 11; the figures are in docs/benchmarks.md). Arguments must be hashable; keyword arguments starting with an
    underscore are passed on but not part of the key (as in Streamlit). Concurrent callers of a missing key
    wait for one computation. Exceptions are not cached. Every instance registers itself (`instances()`).
    """

    def __init__(self, func: Callable, max_entries: int | None = None) -> None:
        self.func, self.max_entries = func, max_entries or 1024
        self.lock = threading.Lock()
        self.values: dict = {}  # insertion order = recency (a hit moves its key to the end)
        self.computing: dict = {}  # key -> lock held while one caller computes it
        functools.update_wrapper(self, func)
        _INSTANCES.add(self)

    def __call__(self, *args, **kwargs):
        key = (tuple((type(a), a) for a in args),
               tuple(sorted((k, type(v), v) for k, v in kwargs.items() if not k.startswith("_"))))
        with self.lock:
            if key in self.values:
                value = self.values.pop(key)
                self.values[key] = value
                return value
            computing = self.computing.setdefault(key, threading.Lock())
        with computing:
            with self.lock:
                if key in self.values:
                    return self.values[key]
            try:
                value = self.func(*args, **kwargs)
            except BaseException:
                with self.lock:
                    self.computing.pop(key, None)
                raise
            with self.lock:
                self.values[key] = value
                while len(self.values) > self.max_entries:
                    self.values.pop(next(iter(self.values)))
                self.computing.pop(key, None)
            return value

    def clear(self) -> None:
        with self.lock:
            self.values.clear()


class Same(Generic[T]):
    """An argument keyed by its object's identity, not its value: `f(Same(frame))` for an unhashable object that
    is long-lived and never changed, such as a page model's DataFrame or chart spec (the shared caches hand the
    same object to every session). The key holds the object, so its id is never reused while it is cached."""

    __slots__ = ("obj",)

    def __init__(self, obj: T) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.obj is self.obj


def shared(max_entries: int | None = None) -> Callable[[Callable], SharedCache]:
    """Decorator: the function's results shared by every session (SharedCache)."""
    return lambda func: SharedCache(func, max_entries)


def instances() -> list[SharedCache]:
    """Every SharedCache alive in this process (the ui's, and any a test made)."""
    return list(_INSTANCES)


def clear_all() -> None:
    """Empty every shared cache (tests; a running server keys its caches by data version instead)."""
    for cache in instances():
        cache.clear()
