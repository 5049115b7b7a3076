"""AppTest of pages/data.py (数据维护): read-only view, the admin gate, import with preview, rollback, store errors."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import pytest

from lishi_metrics.actuals import auth, store
from lishi_metrics.data import db as data
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t

import hostile_files as hf
from conftest import app_test, texts

PASSWORD = "Lishi-测试-2025!"
GOOD_CSV = b"indicator_id,2021\nfyp14_gdp,170.2\n"


@pytest.fixture(autouse=True)
def _gate(monkeypatch, tmp_path):
    """No secrets file and a fresh admin gate (ui.admin_gate is a cached resource) for every test."""
    import streamlit as st

    monkeypatch.setattr(auth, "SECRETS_PATH", tmp_path / "absent-secrets.toml")
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def the_gate() -> auth.AdminGate:
    from lishi_metrics import ui

    return ui.admin_gate()


def store_dir() -> Path:
    return Path(os.environ["LISHI_STORE_DIR"])


def snapshot(directory: Path) -> dict[str, str]:
    """The stored data (the sign-in gate's counters, gate.json, change with every attempt and are not data)."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != auth.STATE_FILE
    }


def run_page(lang: str = "zh"):
    at = app_test("pages/data.py", {"lang": lang})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def login(at, password: str):
    at.text_input(key="da_password").input(password)
    next(b for b in at.button if b.key.startswith("FormSubmitter:da_login")).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def unlocked_page(monkeypatch, lang: str = "zh", by: str = "张三"):
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", PASSWORD)
    at = login(run_page(lang), PASSWORD)
    at.text_input(key="da_by").input(by)
    return at


def upload(at, name: str, content: bytes):
    at.file_uploader[0].upload(name, content, "text/csv" if name.endswith(".csv") else "application/octet-stream")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at, prefix: str):
    return next(b for b in at.button if b.key and b.key.startswith(prefix))


def seed(*cells: tuple[str, int, float], by: str = "种子") -> int:
    frame = pd.DataFrame({"indicator_id": [c[0] for c in cells], "year": [c[1] for c in cells],
                          "value": [float(c[2]) for c in cells]})
    return store.commit_import(store_dir(), frame, by=by, file_name="seed.csv", sha256="5e" * 32)


# --------------------------------------------------------------------------------------- anyone


@pytest.mark.parametrize("lang, needle", [("zh", "本页目前为只读"), ("en", "This page is read-only")])
def test_without_a_password_the_page_is_read_only_and_says_how_to_enable_it(lang, needle):
    at = run_page(lang)
    info = " ".join(i.value for i in at.info)
    assert needle in info and "LISHI_ADMIN_PASSWORD" in info and "secrets.toml" in info
    assert not at.file_uploader
    assert not [w for w in at.text_input if w.key == "da_password"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_anyone_sees_version_history_and_downloads(lang):
    seed(("fyp14_gdp", 2021, 170.2), ("fyp14_gdp", 2022, 185))
    at = run_page(lang)
    assert at.metric[0].value == "1"
    history = at.dataframe[0].value
    assert len(history) == 1 and "seed.csv" in history.to_string() and "种子" in history.to_string()
    assert "5e5e5e5e5e5e" in history.to_string() and "5e" * 32 not in history.to_string()
    labels = [d.proto.label for d in actuals_downloads(at)]
    assert len(labels) == 4, labels


def test_version_0_says_so_and_offers_only_the_template():
    at = run_page("en")
    assert at.metric[0].value == "0 (no imported data)"
    assert "Nothing has been imported yet." in texts(at)
    assert len(actuals_downloads(at)) == 2


# --------------------------------------------------------------------------------------- admin gate


@pytest.mark.parametrize("lang, message", [("zh", "密码错误"), ("en", "Wrong password")])
def test_wrong_password_shows_an_error_and_stays_locked(monkeypatch, lang, message):
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", PASSWORD)
    at = login(run_page(lang), "not-the-password")
    assert any(message in e.value for e in at.error)
    assert not at.file_uploader
    # The attempt is dropped from the session at once (the browser clears the field: clear_on_submit).
    assert all("not-the-password" not in str(v) for v in at.session_state.values())
    assert "not-the-password" not in texts(at)
    assert the_gate().failures() == 1


def test_empty_password_is_not_counted_as_a_failure(monkeypatch):
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", PASSWORD)
    at = login(run_page("en"), "")
    assert any("Enter the password" in w.value for w in at.error)
    assert the_gate().failures() == 0


@pytest.mark.parametrize("lang, message", [("zh", "请 1 秒后再试"), ("en", "try again in 1 s")])
def test_repeated_failures_make_the_next_attempt_wait_unchecked(monkeypatch, lang, message):
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", PASSWORD)
    # The gate's clocks stand still: the 1 s delay is still pending however slowly the runs go (a busy machine
    # took longer than 1 s for the four attempts, and the right password then went through).
    gate = the_gate()
    monkeypatch.setattr(gate, "_clock", lambda: 1000.0)
    monkeypatch.setattr(gate.throttle, "_clock", lambda: 1000.0)
    at = run_page(lang)
    for _ in range(4):
        login(at, "guess")
    # A 1 s delay is pending now: even the right password is refused without being checked.
    login(at, PASSWORD)
    assert any(message in e.value for e in at.error)
    assert not at.file_uploader
    assert the_gate() is gate and gate.failures() == 4  # the gate the page used


def test_login_attempts_are_logged_with_the_forwarded_client_address(monkeypatch, caplog):
    import logging

    from lishi_metrics import ui

    monkeypatch.setattr(ui, "client_address", lambda: "10.20.30.40")
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", PASSWORD)
    with caplog.at_level(logging.INFO, logger=auth.LOG_NAME):
        login(run_page("zh"), "not-the-password")
    lines = [r.getMessage() for r in caplog.records if r.name == auth.LOG_NAME]
    assert len(lines) == 1 and "outcome=wrong" in lines[0] and "client=10.20.30.40" in lines[0]
    assert "not-the-password" not in lines[0]


def test_a_short_configured_password_leaves_the_page_read_only(monkeypatch):
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", "short")
    at = run_page("en")
    assert any("at least 12 characters" in w.value for w in at.warning)
    assert not at.file_uploader and not [w for w in at.text_input if w.key == "da_password"]
    assert "short" not in " ".join(w.value for w in at.warning).replace("too short", "")


@pytest.mark.parametrize("lang, message", [("zh", "已解锁"), ("en", "Unlocked")])
def test_right_password_unlocks_import_and_rollback(monkeypatch, lang, message):
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", PASSWORD)
    at = login(run_page(lang), PASSWORD)
    assert any(message in s.value for s in at.success)
    assert len([u for u in at.file_uploader if u.key.startswith("da_upload")]) == 1
    assert not [w for w in at.text_input if w.key == "da_password"]
    assert PASSWORD not in texts(at)
    assert all(PASSWORD not in str(v) for v in at.query_params.values())
    assert all(PASSWORD not in str(v) for v in at.session_state.values())


def test_password_from_the_secrets_file_works(monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'admin_password = "{PASSWORD}"\n', encoding="utf-8")
    monkeypatch.setattr(auth, "SECRETS_PATH", secrets)
    at = login(run_page("zh"), PASSWORD)
    assert len([u for u in at.file_uploader if u.key.startswith("da_upload")]) == 1


def test_a_broken_secrets_file_leaves_the_page_read_only_without_leaking_it(monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('admin_password = "half-typed-secret\n', encoding="utf-8")
    monkeypatch.setattr(auth, "SECRETS_PATH", secrets)
    at = run_page("en")
    assert any("not valid TOML" in w.value for w in at.warning)
    assert "half-typed-secret" not in texts(at)
    assert not at.file_uploader


def test_lock_button_locks_the_session_again(monkeypatch):
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", PASSWORD)
    at = login(run_page("zh"), PASSWORD)
    at.button(key="da_lock").click()
    at.run()
    assert not at.file_uploader
    assert [w for w in at.text_input if w.key == "da_password"]


def test_changing_the_password_locks_unlocked_sessions(monkeypatch):
    at = unlocked_page(monkeypatch)
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", "a-new-password")
    at.run()
    assert not at.file_uploader


# --------------------------------------------------------------------------------------- import


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_shows_a_preview_then_commits_a_new_version_visible_to_the_data_layer(monkeypatch, lang):
    at = upload(unlocked_page(monkeypatch, lang), "actuals.csv", GOOD_CSV)
    preview = at.dataframe[-1].value
    assert preview.iloc[0].tolist()[:2] == ["fyp14_gdp", "地区生产总值（GDP）" if lang == "zh" else
                                            "Gross domestic product (GDP)"]
    assert preview.iloc[0].tolist()[-2:] == (["（无）", "170.2"] if lang == "zh" else ["(none)", "170.2"])
    assert store.current_version(store_dir()) == 0  # previewing stores nothing
    button(at, "da_commit_").click()
    at.run()
    assert not at.exception
    assert store.current_version(store_dir()) == 1
    assert any(("版本 1" if lang == "zh" else "version 1") in s.value for s in at.success)
    assert at.metric[0].value == "1"
    entry = store.history(store_dir())[-1]
    assert (entry["by"], entry["file_name"], entry["added"]) == ("张三", "actuals.csv", 1)
    assert entry["sha256"] == hashlib.sha256(GOOD_CSV).hexdigest()
    table = data.indicator_table("fyp14").set_index("indicator_id")
    assert table.loc["fyp14_gdp", "latest_year"] == 2021 and table.loc["fyp14_gdp", "latest_value"] == 170.2
    assert not at.file_uploader[0].value  # a fresh uploader for the next file


def test_rejected_upload_lists_row_column_message_and_stores_nothing(monkeypatch):
    seed(("fyp14_gdp", 2021, 170.2))
    before = snapshot(store_dir())
    at = upload(unlocked_page(monkeypatch, "zh"), "bad.csv", b"indicator_id,2021,2030\nfyp14_gdp,abc,1\nno_such,1,\n")
    assert any("未作任何更改" in e.value for e in at.error)
    problems = at.dataframe[-1].value
    assert problems.columns.tolist() == ["行", "列", "问题"]
    cells = problems.values.tolist()
    assert ["1", "2030"] in [c[:2] for c in cells] and ["2", "2021"] in [c[:2] for c in cells]
    assert any("未知指标" in c[2] for c in cells)
    assert not [b for b in at.button if b.key and b.key.startswith("da_commit_")]
    assert snapshot(store_dir()) == before


def test_a_file_of_the_wrong_kind_is_rejected_readably(monkeypatch):
    at = upload(unlocked_page(monkeypatch, "en"), "report.xlsx", b"not a workbook at all")
    assert any("nothing was changed" in e.value for e in at.error)
    assert "not an Excel workbook" in at.dataframe[-1].value.to_string()
    assert store.current_version(store_dir()) == 0


def test_warnings_need_the_confirmation_checkbox(monkeypatch):
    at = upload(unlocked_page(monkeypatch, "en"), "a.csv", b"indicator_id,2021,2022\nfyp14_gdp,170,400\n")
    assert any("implausible" in w.value for w in at.warning)
    assert button(at, "da_commit_").disabled
    next(c for c in at.checkbox if c.key.startswith("da_confirm_")).check()
    at.run()
    assert not button(at, "da_commit_").disabled
    button(at, "da_commit_").click()
    at.run()
    assert store.current_version(store_dir()) == 1


def test_commit_needs_the_importers_name(monkeypatch):
    at = upload(unlocked_page(monkeypatch, "zh", by="   "), "a.csv", GOOD_CSV)
    assert button(at, "da_commit_").disabled
    assert "请先填写您的姓名" in texts(at)


def test_a_commit_after_someone_else_changed_the_store_asks_to_check_the_new_preview(monkeypatch):
    at = upload(unlocked_page(monkeypatch, "en"), "a.csv", GOOD_CSV)
    seed(("fyp14_gdp", 2021, 160.0), by="someone else")
    button(at, "da_commit_").click()
    at.run()
    assert any("Someone changed the data" in w.value for w in at.warning)
    assert store.current_version(store_dir()) == 1
    assert "changed" in at.dataframe[-1].value.to_string()  # the recomputed preview: 160 → 170.2
    button(at, "da_commit_").click()
    at.run()
    assert store.current_version(store_dir()) == 2
    assert store.current_actuals(store_dir())["value"].tolist() == [170.2]


# --------------------------------------------------------------------------------------- rollback


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rollback_to_version_0_through_the_page(monkeypatch, lang):
    seed(("fyp14_gdp", 2021, 170.2))
    before = snapshot(store_dir())
    at = unlocked_page(monkeypatch, lang, by="管理员")
    picker = next(s for s in at.selectbox if s.key.startswith("da_rollback_to_"))
    assert picker.options == (["版本 0 · 无导入数据"] if lang == "zh" else ["Version 0 · no imported data"])
    rollback = button(at, "da_rollback_button_")
    assert rollback.disabled  # not confirmed yet
    next(c for c in at.checkbox if c.key.startswith("da_rollback_confirm_")).check()
    at.run()
    button(at, "da_rollback_button_").click()
    at.run()
    assert not at.exception
    assert store.current_version(store_dir()) == 0
    assert at.metric[0].value == ("0（尚无导入数据）" if lang == "zh" else "0 (no imported data)")
    assert any(("当前版本为 0" if lang == "zh" else "version 0 is current") in s.value for s in at.success)
    assert store.history(store_dir())[-1]["by"] == "管理员"
    assert data.indicator_table("fyp14").set_index("indicator_id").loc["fyp14_gdp", "latest_value"] != 170.2
    # The version files are untouched: only CURRENT and the history changed.
    after = snapshot(store_dir())
    assert {k: v for k, v in after.items() if k.startswith("versions")} == {
        k: v for k, v in before.items() if k.startswith("versions")}


def test_rollback_between_imported_versions(monkeypatch):
    seed(("fyp14_gdp", 2021, 170.2))
    seed(("fyp14_gdp", 2021, 171.0))
    at = unlocked_page(monkeypatch, "en")
    picker = next(s for s in at.selectbox if s.key.startswith("da_rollback_to_"))
    assert picker.options[0].startswith("Version 1 · ") and picker.options[1] == "Version 0 · no imported data"
    picker.set_value(1)
    at.run()
    next(c for c in at.checkbox if c.key.startswith("da_rollback_confirm_")).check()
    at.run()
    button(at, "da_rollback_button_").click()
    at.run()
    assert store.current_version(store_dir()) == 1
    assert store.current_actuals(store_dir())["value"].tolist() == [170.2]


# --------------------------------------------------------------------------------------- store errors


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unusable_store_gives_a_readable_error_with_the_fix(monkeypatch, tmp_path, lang):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("LISHI_STORE_DIR", str(blocker))
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", PASSWORD)
    viewer = run_page(lang)
    assert str(blocker) not in texts(viewer) and "LISHI_STORE_DIR" not in texts(viewer)  # no paths, no settings
    assert viewer.error and viewer.error[0].value == t("st_err_not_a_directory", lang)
    at = login(run_page(lang), PASSWORD)
    assert any("LISHI_STORE_DIR" in c.value and str(blocker) in c.value for c in at.code)  # the admin: details
    assert "Traceback" not in texts(at)
    assert len(actuals_downloads(at)) == 2  # the template is still offered
    assert not at.file_uploader


def test_a_damaged_current_pointer_still_serves_the_committed_version(monkeypatch):
    seed(("fyp14_gdp", 2021, 170.2))
    (store_dir() / "CURRENT").write_text("garbage\n")
    at = run_page("en")
    assert not at.exception and not at.error  # the history names the current version: nothing is unavailable
    assert [m.value for m in at.metric][:2] == ["1", "1"]  # version 1, one value


def test_names_and_file_names_are_shown_as_plain_cells_never_as_markdown(monkeypatch):
    hostile = "![x](http://example.invalid/x.png) <b>boss</b>"
    seed(("fyp14_gdp", 2021, 170.2), by=hostile)
    at = unlocked_page(monkeypatch, "en")
    assert hostile in at.dataframe[0].value.to_string()
    escaped = fmt.md_escape(hostile)  # the phone's history cards (Markdown) hold it escaped: literal text, no link
    for kind in ("markdown", "caption", "info", "warning", "error", "success"):
        for e in getattr(at, kind):
            shown = str(e.value)
            assert "![x](" not in shown and "<b>" not in shown, (kind, shown)
            assert "example.invalid" not in shown.replace(escaped, ""), (kind, shown)
    cards = [str(e.value) for e in at.markdown if escaped in str(e.value)]
    assert len(cards) == 1 and f"By: {escaped}" in cards[0], cards


# --------------------------------------------------------------------------------------- hostile uploads (issue 15)

HOSTILE_UPLOADS = {
    "bomb.xlsx": (hf.shared_string_bomb, "a template cell holds at most 1000", "超过模板单元格 1000 个字符的上限"),
    "bomb-data.xlsx": (lambda: hf.shared_string_bomb(header_ok=True), "a template cell holds at most 1000",
                       "超过模板单元格 1000 个字符的上限"),
    "long.csv": (hf.long_cell_csv, "a template cell holds at most 1000", "超过模板单元格 1000 个字符的上限"),
    "many.csv": (hf.many_problems_csv, "the check stopped after 200", "检查在第 200 项后停止"),
    "impossible.csv": (lambda: hf.IMPOSSIBLE_CSV, "a share of 250 % is impossible", "比重 250% 不可能成立"),
}


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(HOSTILE_UPLOADS))
def test_hostile_uploads_through_the_page_are_rejected_readably_with_bounded_memory(monkeypatch, name, lang):
    import tracemalloc

    make, message_en, message_zh = HOSTILE_UPLOADS[name]
    seed(("fyp14_gdp", 2021, 170.2))
    before = snapshot(store_dir())
    at = unlocked_page(monkeypatch, lang)
    tracemalloc.start()
    try:
        upload(at, name, make())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"the page run allocated {peak / 1e6:.0f} MB"
    assert any(("未作任何更改" if lang == "zh" else "nothing was changed") in e.value for e in at.error)
    shown = at.dataframe[-1].value.to_string()
    assert (message_zh if lang == "zh" else message_en) in shown
    assert len(shown) < 200_000
    assert not [b for b in at.button if b.key and b.key.startswith("da_commit_")]
    assert snapshot(store_dir()) == before


def test_formula_and_control_characters_in_names_are_neutralised_on_the_page(monkeypatch):
    at = upload(unlocked_page(monkeypatch, "en", by="=cmd|' /C calc'!A0\x1b[31m"), hf.FORMULA_NAME, GOOD_CSV)
    button(at, "da_commit_").click()
    at.run()
    assert store.current_version(store_dir()) == 1
    entry = store.history(store_dir())[-1]
    assert "\x1b" not in entry["by"] and entry["by"].startswith("=cmd")
    history = at.dataframe[0].value
    cells = history.astype(str).values.ravel().tolist()
    assert "'=cmd|' /C calc'!A0[31m" in cells
    assert "'" + hf.FORMULA_NAME in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


def test_a_file_name_with_control_characters_is_stored_and_shown_without_them(monkeypatch):
    at = upload(unlocked_page(monkeypatch, "zh"), hf.CONTROL_NAME, GOOD_CSV)
    button(at, "da_commit_").click()
    at.run()
    assert store.history(store_dir())[-1]["file_name"] == "x]0;PWNED.csv"
    assert "\x1b" not in texts(at) and "\x07" not in texts(at)


def actuals_downloads(at):
    """The actuals template and data downloads (the plan workbooks have buttons of their own, da_dl_plan_*)."""
    return [d for d in at.get("download_button") if not str(d.key).startswith("da_dl_plan")]


def test_plans_are_listed_with_their_workbooks():
    at = run_page("en")
    plans = next(d.value for d in at.dataframe if "Origin" in d.value.columns)
    assert plans["ID"].tolist() == ["fyp13", "fyp14"] and set(plans["Origin"]) == {"shipped"}
    keys = {d.key for d in at.get("download_button")}
    assert {"da_dl_plan_template", "da_dl_plan_export"} <= keys


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_import_shows_the_plan_arithmetic_findings_as_warnings_before_the_import_button(monkeypatch, lang):
    from test_plan_workbook import fyp15_frames

    from lishi_metrics.data import plan_workbook as pw

    at = unlocked_page(monkeypatch, lang)
    uploader = next(u for u in at.file_uploader if str(u.key).startswith("da_plan_upload"))
    uploader.upload("fyp15.xlsx", pw.workbook_bytes(fyp15_frames()), "application/octet-stream")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error  # findings are warnings, not errors
    assert any(("提示" if lang == "zh" else "Notes") in w.value for w in at.warning)
    shown = texts(at)
    assert ("规划数字核对（地区生产总值）：250 亿元 → 360 亿元（2025—2030年）" if lang == "zh" else
            "Plan arithmetic (GDP): CNY 25 bn → CNY 36 bn (2025–2030)") in shown
    assert store.current_version(store_dir()) == 0  # shown before anything is stored
    button(at, "da_plan_commit").click()
    at.run()
    data.reset()
    assert "fyp15" in set(data.plans()["plan_id"])


# --------------------------------------------------------------------------------------- verdicts (评估结论)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_verdict_on_a_text_target_is_recorded_from_the_page_and_judges_the_row(monkeypatch, lang):
    from lishi_metrics.model import progress

    at = unlocked_page(monkeypatch, lang, by="王科长")
    at.run()  # the name given: the form's buttons are enabled
    picker = next(s for s in at.selectbox if s.key.startswith("da_verdict_indicator_"))
    # Only the 14th plan's text targets are offered (完成市任务, 力争达到全省平均水平, 12-15), no numeric ones.
    energy, gdp = ("单位 GDP 能源消耗降低", "地区生产总值（GDP）") if lang == "zh" else (
        "Drop in energy use per unit of GDP", "Gross domestic product (GDP)")
    assert len(picker.options) == 4 and energy in picker.options and gdp not in picker.options
    picker.set_value("fyp14_energy_intensity_reduction")
    next(r for r in at.radio if r.key.startswith("da_verdict_status_")).set_value("missed")
    next(w for w in at.text_input if w.key.startswith("da_verdict_note_")).input("市考核：未完成")
    button(at, "FormSubmitter:da_verdict_form_").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    saved = "已录入" if lang == "zh" else "recorded"
    assert any(saved in s.value for s in at.success)
    recorded = store.current_verdicts(store_dir()).set_index("indicator_id").loc["fyp14_energy_intensity_reduction"]
    assert (recorded.status, recorded.note, recorded.by) == ("missed", "市考核：未完成", "王科长")
    table = progress.progress_table(data.indicator_table("fyp14")).set_index("indicator_id")
    assert (table.loc["fyp14_energy_intensity_reduction", "status"],
            table.loc["fyp14_carbon_intensity_reduction", "status"]) == ("missed", "pending")
    words = ("✗ 未完成", "市考核：未完成") if lang == "zh" else ("✗ Not met", "市考核：未完成")
    assert all(w in texts(at) for w in words)  # the page's table shows the verdict and its note
