"""One entry point for the three documents: `document(fmt, lang)` → bytes; `cached_document` the same, built once
per format, language, plan, day and data version for every caller of the process (all sessions of the server).

The cache is Streamlit-free (the CLI, the benchmark and the pages share it): a dict under a lock, one build per
key while concurrent callers of that key wait for it, the least recently used entries dropped past
MAX_DOCUMENTS. The data version is data.db.version_key() (the data files and the store's current version), so
an import or a rollback makes the next click build afresh.

`prebuild` builds them ahead of the first click, in one background thread: the server's warm-up starts it for
the default plan, and the ui starts it again when a run sees a new data version (an import, a rollback), so a
click on a data version already seen finds its document built (issue 22: ready within 2 s of the click).
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import date

from lishi_metrics import config
from lishi_metrics.errors import LishiError
from lishi_metrics.reports import evaluation
from lishi_metrics.text.fmt import beijing_today
from lishi_metrics.text.i18n import t

FORMATS = ("docx", "pptx", "xlsx")
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportError(LishiError):
    """A document cannot be made (unknown format or plan)."""


def file_name(fmt: str, lang: str, plan_id: str = config.DOCUMENT_PLAN, today: date | None = None) -> str:
    day = (today or beijing_today()).isoformat()
    return f"{t(f'rp_file_{fmt}', lang)}_{plan_id}_{day}.{fmt}"


def document(fmt: str, lang: str, plan_id: str = config.DOCUMENT_PLAN, today: date | None = None) -> bytes:
    """The bytes of one document in `lang`, from the data currently served (plan tables and imported actuals)."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r}: choose one of {', '.join(FORMATS)} / 格式须为 docx、pptx 或 xlsx")
    inputs = evaluation.load_inputs(plan_id)
    ev = evaluation.build(inputs, lang, today, plan_id)
    if fmt == "docx":
        from lishi_metrics.reports import docx

        return docx.build(ev)
    if fmt == "pptx":
        from lishi_metrics.reports import pptx

        return pptx.build(ev, inputs, today)
    from lishi_metrics.reports import xlsx

    return xlsx.build(ev)


MAX_DOCUMENTS = 24  # 3 formats × 2 languages × a few plans or days
_lock = threading.Lock()
_documents: dict[tuple, bytes] = {}
_building: dict[tuple, threading.Lock] = {}
_failed: dict[tuple, Exception] = {}  # a failed build's error, per key like _documents, until retried


def _key(fmt: str, lang: str, plan_id: str, today: date | None, version: str | None = None) -> tuple:
    """The cache key: the data version is repr(db.version_key()), the ui's data key (a page passes the one its
    run already looked up)."""
    from lishi_metrics.data import db

    return (fmt, lang, plan_id, today or beijing_today(), version or repr(db.version_key()))


def document_state(fmt: str, lang: str, plan_id: str = config.DOCUMENT_PLAN, today: date | None = None,
                   version: str | None = None) -> tuple[str, Exception | None]:
    """Whether cached_document() of these arguments is built ("ready"), failed on this data version ("failed",
    with its error) or not built yet ("pending": being built, or never asked for), without building it: a
    page decides from it whether to offer the download or say why it cannot (`version`: the ui's data key of
    the run, else looked up)."""
    key = _key(fmt, lang, plan_id, today, version)
    with _lock:
        if key in _documents:
            return "ready", None
        if key in _failed:
            return "failed", _failed[key]
    return "pending", None


def forget_failure(fmt: str, lang: str, plan_id: str = config.DOCUMENT_PLAN, today: date | None = None,
                   version: str | None = None) -> None:
    """Let the next cached_document() of these arguments build again (a retry asked for on the page)."""
    with _lock:
        _failed.pop(_key(fmt, lang, plan_id, today, version), None)


def cached_document(fmt: str, lang: str, plan_id: str = config.DOCUMENT_PLAN, today: date | None = None) -> bytes:
    """document(), built once per (format, language, plan, day, data version) and shared by every caller.

    Raises:
        ReportError, DataError: as document(). A failed build is remembered for its key (document_state says
        "failed", and the next call raises the same error without building again) until forget_failure().
    """
    key = _key(fmt, lang, plan_id, today)
    with _lock:
        if key in _documents:
            _documents[key] = _documents.pop(key)  # most recently used last
            return _documents[key]
        if key in _failed:
            raise _failed[key].with_traceback(None)  # the same error, not a growing traceback
        building = _building.setdefault(key, threading.Lock())
    with building:
        with _lock:
            if key in _documents:
                return _documents[key]
            if key in _failed:
                raise _failed[key].with_traceback(None)  # the same error, not a growing traceback
        try:
            payload = document(fmt, lang, plan_id, key[3])
        except Exception as exc:
            with _lock:
                _failed[key] = exc
                while len(_failed) > MAX_DOCUMENTS:
                    _failed.pop(next(iter(_failed)))
            raise
        finally:
            with _lock:
                _building.pop(key, None)
        with _lock:
            _failed.pop(key, None)
            _documents[key] = payload
            while len(_documents) > MAX_DOCUMENTS:
                _documents.pop(next(iter(_documents)))
        return payload


def clear_cache() -> None:
    """Forget every built document (tests)."""
    with _lock:
        _documents.clear()
        _failed.clear()


# The deck first (the slowest build), then the report and the workbook; the reader's first language first.
PREBUILD_ORDER = tuple((fmt, lang) for lang in ("zh", "en") for fmt in ("pptx", "docx", "xlsx"))
_prebuild_enabled = False  # set by the server's warm-up
_prebuild_thread: threading.Thread | None = None


def prebuild_enabled() -> bool:
    """Whether a new data version is pre-built (set by the server's warm-up, never in tests or the CLI)."""
    return _prebuild_enabled


def prebuild(plan_id: str | None = None, today: date | None = None, enable: bool = False) -> threading.Thread | None:
    """Build every document of `plan_id` (None: the default plan for today) in both languages into the shared
    cache, in one background daemon thread; None when a pre-build is already running (it sees the newest data
    version when it gets to each document: cached_document looks the version up).

    A click on a document while it is being built waits for that build (cached_document's lock per key),
    never starts a second one. Errors are logged and left to the click, which reports them.

    Args:
        enable: also pre-build every later data version (prebuild_enabled); the server's warm-up passes True.
    """
    global _prebuild_enabled, _prebuild_thread
    if enable:
        _prebuild_enabled = True
    with _lock:
        if _prebuild_thread is not None and _prebuild_thread.is_alive():
            return None
        thread = threading.Thread(target=_prebuild_all, args=(plan_id, today), name="lishi-prebuild", daemon=True)
        _prebuild_thread = thread
    thread.start()
    return thread


def _lower_priority() -> None:
    """Run this thread at the lowest CPU priority (Linux nices threads one by one): the first viewers after a
    start or an import must not wait for documents nobody asked for yet (the load test's first round had a p95
    of 1 s while the pre-build ran at normal priority)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):  # not Linux, or not permitted: build at normal priority
        pass


def _prebuild_all(plan_id: str | None, today: date | None, passes: int = 3) -> None:
    """Every (format, language) of PREBUILD_ORDER into the cache; again (up to `passes` times) when the data
    version changed meanwhile, so an import during a pre-build is pre-built too."""
    from lishi_metrics.data import db

    log = logging.getLogger("lishi_metrics.prebuild")
    _lower_priority()
    try:
        if plan_id is None:
            from lishi_metrics.data.plans import default_plan

            plan_id = default_plan(db.plans_catalogue(), today or beijing_today()) or config.DOCUMENT_PLAN
        for _ in range(passes):
            version = db.version_key()
            for fmt, lang in PREBUILD_ORDER:
                try:
                    cached_document(fmt, lang, plan_id, today)
                except Exception:  # noqa: BLE001 - remembered as failed (document_state); the page says why
                    log.warning("document %s %s of %s not pre-built", fmt, lang, plan_id, exc_info=True)
            if db.version_key() == version:
                break
    except Exception:  # noqa: BLE001 - a background pre-build must never take the server down; clicks report errors
        log.warning("document pre-build stopped early", exc_info=True)
