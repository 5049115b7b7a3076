"""The package's own exceptions: messages a user can act on; ui.py turns them into st.error."""

from __future__ import annotations

from dataclasses import dataclass


class LishiError(Exception):
    """Base class: the message is meant for users, not developers."""


class DataError(LishiError):
    """A data file is missing, unreadable or invalid; the message names the file and the fix."""


class StoreError(LishiError):
    """The writable store of imported actuals cannot be read or written.

    The message (English, with paths) is for the command line and the log; `code` and `params` let a page
    word it in the viewer's language without server paths or commands (text/strings/store.py: st_err_<code>).
    """

    def __init__(self, message: str, code: str = "generic", **params: object):
        super().__init__(message)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Problem:
    """One problem found in an upload: where (sheet, row, column) and what, in English and Chinese."""

    row: int | None
    column: str | None
    message: str
    message_zh: str = ""
    sheet: str | None = None


class ImportRejected(LishiError):
    """An upload was rejected; `.problems` lists why."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])
