"""Every page under hostile URL parameters: a visible notice at most, never an exception or echoed HTML."""

from __future__ import annotations

import pytest

from lishi_metrics.views import state
from lishi_metrics.views.registry import PAGES

import hostile_files as hf
from conftest import app_test

HOSTILE = [
    "",
    "9" * 400,
    "-1",
    "nan",
    "inf",
    ",".join(["1"] * 400),
    "'; DROP TABLE indicators; --",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "📈🚀💥",
]
# Every parameter name any page reads (the pages' own lists, so a new page or parameter is fuzzed without an
# edit here), plus unknown ones.
PARAMS = [*state.COMMON_PARAMS, *dict.fromkeys(n for names in state.PAGE_PARAMS.values() for n in names
                                              if n not in state.COMMON_PARAMS), "view", "zzz"]


def test_every_page_parameter_is_fuzzed():
    assert {"g", "theme", "rotate", "q", "lang", "plan"} <= set(PARAMS) and len(PARAMS) == len(set(PARAMS))
    assert set(state.PAGE_PARAMS) == {p.url_path for p in PAGES}  # every registered page lists its parameters


def _all_text(at) -> str:
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


@pytest.mark.parametrize("page", [p.file for p in PAGES], ids=[p.url_path for p in PAGES])
@pytest.mark.parametrize("value", HOSTILE, ids=[f"v{i}" for i in range(len(HOSTILE))])
def test_page_survives_hostile_params(page, value):
    params = {name: value for name in PARAMS}
    if page.endswith("screen.py"):
        params["rotate"] = "0" if value not in ("0",) else value  # keep the wall still under test
    at = app_test(page, params)
    at.run()
    assert not at.exception, f"{page} raised with {value[:40]!r}: {at.exception}"
    # nothing hostile rendered as markup: markdown elements never contain a raw <script> tag
    for el in at.markdown:
        assert "<script>" not in str(el.value)


@pytest.mark.parametrize("page", [p.file for p in PAGES], ids=[p.url_path for p in PAGES])
def test_page_runs_with_defaults_in_both_languages(page):
    for lang in ("zh", "en"):
        at = app_test(page, {"lang": lang, "rotate": "0"})
        at.run()
        assert not at.exception, f"{page} ({lang}): {at.exception}"
        assert at.title or at.markdown, f"{page} ({lang}) shows nothing"


# Uploads of every hostile class of issue 15 through the data page (its own tests check the messages).
UPLOADS = {
    "shared-string-bomb.xlsx": lambda: hf.shared_string_bomb(),
    "long-cell.csv": hf.long_cell_csv,
    "many-problems.csv": hf.many_problems_csv,
    "impossible.csv": lambda: hf.IMPOSSIBLE_CSV,
    hf.FORMULA_NAME: lambda: b"indicator_id,2021\nfyp14_gdp,170.2\n",
    hf.CONTROL_NAME: lambda: b"indicator_id,2021\n=1+1,\x1b[2J\n",
    "binary.csv": lambda: bytes(range(256)) * 10,
    "empty.xlsx": lambda: b"",
    "fake.xlsx": lambda: b"PK\x03\x04" + b"\x00" * 100,
}


@pytest.mark.parametrize("name", list(UPLOADS), ids=[f"u{i}" for i in range(len(UPLOADS))])
def test_data_page_survives_hostile_uploads(monkeypatch, name):
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", "fuzz-password-long")
    at = app_test("pages/data.py", {"lang": "en"})
    at.run()
    at.text_input(key="da_password").input("fuzz-password-long")
    next(b for b in at.button if b.key.startswith("FormSubmitter:da_login")).click()
    at.run()
    at.file_uploader[0].upload(name, UPLOADS[name](), "application/octet-stream")
    at.run()
    assert not at.exception, f"{name!r}: {at.exception}"
    assert at.error or at.dataframe, "a rejection or a preview is shown"
    text = _all_text(at)
    assert "\x1b" not in text and len(text) < 200_000
