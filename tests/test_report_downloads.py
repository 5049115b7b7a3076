"""The report download buttons: Word on the overview, workbook on the explorer, deck on the big screen only
outside wall mode; the documents are built on click, once per data version, language and day."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import app_test

# Full suite only: scripts/dev.sh check (the fast lane) leaves this module out, as its tests build documents through the pages.
pytestmark = pytest.mark.slow


def _downloads(at) -> list[str]:
    return [e.proto.label for e in at.get("download_button")]


def _run(page: str, params: dict):
    at = app_test(page, params, timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(("lang", "label"), [("zh", "下载终期评估报告（Word）"), ("en", "Download the final evaluation (Word)")])
def test_overview_offers_the_word_report(lang, label):
    assert label in _downloads(_run("pages/overview.py", {"lang": lang}))


def test_explorer_offers_the_workbook():
    assert "下载评估数据（Excel）" in _downloads(_run("pages/explorer.py", {"lang": "zh"}))


def test_big_screen_offers_the_deck_only_outside_wall_mode():
    wall = _run("pages/screen.py", {"lang": "zh", "rotate": "0"})
    assert _downloads(wall) == []
    with_sidebar = _run("pages/screen.py", {"lang": "zh", "rotate": "0", "sidebar": "1"})
    buttons = with_sidebar.sidebar.get("download_button")
    assert [b.proto.label for b in buttons] == ["下载汇报材料（PowerPoint）"]


def test_a_document_is_built_once_per_data_version_language_and_day(monkeypatch):
    from lishi_metrics import ui
    from lishi_metrics.reports import build
    from lishi_metrics.ui import render

    calls = []

    def fake(fmt, lang, plan_id, today):
        calls.append((fmt, lang, plan_id, today.isoformat()))
        return f"{fmt}-{lang}".encode()

    monkeypatch.setattr(build, "document", fake)
    build.clear_cache()
    key = ui.data_key()
    for _ in range(3):  # three viewers click the same button
        assert render.report_bytes("docx", "zh", "fyp14", "2026-12-01", key) == b"docx-zh"
    assert render.report_bytes("docx", "en", "fyp14", "2026-12-01", key) == b"docx-en"
    assert calls == [("docx", "zh", "fyp14", "2026-12-01"), ("docx", "en", "fyp14", "2026-12-01")]


@pytest.mark.parametrize(("page", "label"), [("pages/overview.py", "Download the final evaluation (Word)"),
                                             ("pages/explorer.py", "Download the evaluation workbook (Excel)")])
def test_an_imported_plan_offers_its_reports_too(tmp_path, page, label):
    from test_plan_workbook import fyp15_frames, import_frames

    assert import_frames(fyp15_frames(), tmp_path, "fyp15.xlsx", "--yes") == 0
    assert label in _downloads(_run(page, {"lang": "en", "plan": "fyp15"}))


def test_concurrent_clicks_share_one_build(monkeypatch):
    """A room clicking at once: one build, every caller gets its bytes (reports.build.cached_document)."""
    import threading
    from datetime import date

    from lishi_metrics.reports import build

    calls, release = [], threading.Event()

    def slow(fmt, lang, plan_id, today):
        calls.append(fmt)
        release.wait(10)
        return b"deck"

    monkeypatch.setattr(build, "document", slow)
    build.clear_cache()
    results = []
    threads = [threading.Thread(target=lambda: results.append(build.cached_document("pptx", "zh", "fyp14",
                                                                                    date(2026, 12, 1))))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(20)
    assert results == [b"deck"] * 4 and calls == ["pptx"]
    build.clear_cache()


def test_prebuild_fills_the_shared_cache_so_the_first_click_builds_nothing(monkeypatch):
    """reports.build.prebuild (the warm-up starts it): every format in both languages is built once in the
    background; the clicks after it get those bytes without a build."""
    from datetime import date

    from lishi_metrics.reports import build

    calls = []

    def fake(fmt, lang, plan_id, today):
        calls.append((fmt, lang, plan_id))
        return f"{fmt}-{lang}-{plan_id}".encode()

    monkeypatch.setattr(build, "document", fake)
    monkeypatch.setattr(build, "_prebuild_enabled", False)
    build.clear_cache()
    day = date(2026, 12, 1)
    thread = build.prebuild("fyp14", day)
    thread.join(30)
    assert not thread.is_alive()
    assert calls == [(f, lang, "fyp14") for f, lang in build.PREBUILD_ORDER] and calls[0] == ("pptx", "zh", "fyp14")
    assert len(calls) == 6 and not build.prebuild_enabled()
    for fmt, lang in build.PREBUILD_ORDER:  # the first click of each document: from the cache, no build
        assert build.cached_document(fmt, lang, "fyp14", day) == f"{fmt}-{lang}-fyp14".encode()
    assert len(calls) == 6
    build.clear_cache()


def test_a_new_data_version_seen_by_a_run_is_prebuilt_when_the_warm_up_enabled_it(monkeypatch, tmp_path):
    """After the server's warm-up (prebuild enable=True), the first run that sees a new data version (an import)
    starts the pre-build of that version; without the warm-up (tests, the CLI) nothing is started."""
    import os

    from lishi_metrics.actuals import store
    from lishi_metrics.data import db as data
    from lishi_metrics.reports import build
    from lishi_metrics.ui import cache

    started = []
    monkeypatch.setattr(build, "prebuild", lambda *a, **k: started.append(a))
    monkeypatch.setattr(build, "_prebuild_enabled", False)
    cache.new_run_key()
    cache.new_run_key()
    frame = pd.DataFrame({"indicator_id": ["fyp14_gdp"], "year": [2021], "value": [170.0]})
    store.commit_import(os.environ["LISHI_STORE_DIR"], frame, by="t", file_name="a.csv", sha256="ab" * 32)
    data.reset()
    cache.new_run_key()
    assert started == []  # not enabled: no pre-build
    monkeypatch.setattr(build, "_prebuild_enabled", True)
    cache.new_run_key()  # the same version again: nothing new
    assert started == []
    store.commit_import(os.environ["LISHI_STORE_DIR"], frame.assign(value=171.0), by="t", file_name="b.csv",
                        sha256="cd" * 32)
    data.reset()
    cache.new_run_key()
    assert started == [()]


def _labels(at) -> list[str]:
    return [e.proto.label for e in at.get("download_button")]


@pytest.mark.parametrize(("lang", "words", "label"),
                         [("zh", "文件未能生成：程序内部错误", "下载终期评估报告（Word）"),
                          ("en", "The file could not be made: an internal error", "Download the final evaluation (Word)")])
def test_a_build_that_fails_on_click_says_why_in_the_pages_language_and_then_offers_no_button(monkeypatch, lang,
                                                                                              words, label):
    """issue 21.5: the click itself gets the reason in the page's language (what the browser shows beside the
    button, _compat.say_download_failures), never only Streamlit's English; the next run offers no button for
    the document that cannot be made, only the reason and a retry."""

    from lishi_metrics.reports import build
    from lishi_metrics.text.fmt import beijing_today
    from lishi_metrics.ui import _compat, render
    from lishi_metrics.ui import cache as cached

    def broken(fmt, lang, plan_id, today):
        raise RuntimeError("boom /srv/secret/path")

    monkeypatch.setattr(build, "document", broken)
    build.clear_cache()
    at = _run("pages/overview.py", {"lang": lang})
    assert label in _labels(at) and not at.warning  # not built yet: offered
    box = at.session_state[render.FAILURES_KEY]
    # The click: the callable registered for the button, as Streamlit runs it (outside the script), inside the
    # context the patched deferred-file handler gives it.
    day, version = beijing_today().isoformat(), cached.data_key()
    what = ("docx", lang, "fyp14", day, version)
    make = render._made(box, "dl_report_docx", what, lambda: render.report_bytes("docx", lang, "fyp14", day, version),
                        lang)
    said: dict = {}
    token = _compat._FAILED_DOWNLOAD.set(said)
    try:
        with pytest.raises(RuntimeError):
            make()
    finally:
        _compat._FAILED_DOWNLOAD.reset(token)
    assert words in said["text"] and "boom" not in said["text"] and "/srv" not in said["text"]
    at.run()
    shown = [e.value.replace("\\", "") for e in at.warning]  # as drawn: Markdown escapes undone
    assert len(shown) == 1 and words in shown[0], shown
    assert "boom" not in shown[0] and "/srv" not in shown[0]  # details go to the log only
    assert label not in _labels(at) and not at.error
    # The retry: once the build works again, the button is back and gives the file.
    monkeypatch.setattr(build, "document", lambda fmt, lang, plan_id, today: b"ok")
    at.button(key="dl_report_docx_retry").click().run()
    assert label in _labels(at) and not at.warning
    assert make() == b"ok"
    build.clear_cache()


def test_a_document_whose_background_build_failed_is_not_offered_on_the_first_run(monkeypatch):
    """The pre-build (or another session's click) found the document cannot be made: the first run of the page
    says why instead of drawing a button that would fail."""

    from lishi_metrics.errors import DataError
    from lishi_metrics.reports import build
    from lishi_metrics.text.fmt import beijing_today

    def broken(fmt, lang, plan_id, today):
        raise DataError("观测数据文件损坏 / the observations file is damaged")

    monkeypatch.setattr(build, "document", broken)
    build.clear_cache()
    with pytest.raises(DataError):
        build.cached_document("xlsx", "en", "fyp14", beijing_today())
    assert build.document_state("xlsx", "en", "fyp14", beijing_today())[0] == "failed"
    assert build.document_state("xlsx", "zh", "fyp14", beijing_today()) == ("pending", None)
    at = _run("pages/explorer.py", {"lang": "en"})
    assert "Download the evaluation workbook (Excel)" not in _labels(at)
    shown = [e.value.replace("\\", "") for e in at.warning]
    assert any(s.startswith("The file could not be made: 观测数据文件损坏 / the observations file is damaged. Try")
               for s in shown), shown
    assert build.document_state("xlsx", "en", "fyp14", beijing_today())[0] == "failed"
    build.clear_cache()


def test_a_package_error_gives_its_own_reason():
    from lishi_metrics.reports.build import ReportError
    from lishi_metrics.ui import render

    text = render.failure_text(ReportError("没有该规划 / no such plan"), "zh")
    assert text.startswith("文件未能生成：没有该规划 / no such plan") and text.endswith("联系管理员。")
    assert render.failure_text(ValueError("x"), "en") == ("The file could not be made: an internal error (written "
                                                          "to the server's log). Try again later; if it fails again, "
                                                          "tell the administrator.")


def test_every_file_made_on_click_goes_through_ui_download():
    """A callable handed to st.download_button directly would fail with Streamlit's English words only: pages
    give files made on click to ui.download (its reason in the page's language)."""
    import ast
    from pathlib import Path

    direct = []
    for path in sorted(Path("pages").glob("*.py")) + [Path("app.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "download_button"):
                data = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "data"),
                                                                    None)
                if isinstance(data, ast.Lambda):
                    direct.append(f"{path}:{node.lineno}")
    assert direct == []
