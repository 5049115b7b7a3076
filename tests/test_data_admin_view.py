"""Tests of lishi_metrics.views.data_admin: login throttle, upload check, preview, history, downloads (no Streamlit)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lishi_metrics.actuals import auth, store
from lishi_metrics.actuals import upload as actuals_import
from lishi_metrics.errors import Problem, StoreError
from lishi_metrics.views import data_admin as dav

REPO = Path(__file__).resolve().parent.parent

INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["t_gdp", "t_share", "t_count"],
        "row_order": [1, 2, 3],
        "name_zh": ["测试生产总值", "测试比重", "测试户数"],
        "name_en": ["Test GDP", "Test share", "Test count"],
        "unit_zh": ["亿元", "%", "户"],
        "unit_en": ["CNY 100 million", "%", "households"],
        "value_type": ["level", "share", "count"],
        "base_year": [2020] * 3,
        "base_value": [100.0, 50.0, 10.0],
        "target_year": [2025] * 3,
    }
)


def values(*cells: tuple[str, int, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": pd.Series([c[0] for c in cells], dtype=str),
            "year": pd.Series([c[1] for c in cells], dtype="int64"),
            "value": pd.Series([c[2] for c in cells], dtype="float64"),
        }
    )


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


# --------------------------------------------------------------------------------------- admin gate


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_login_messages_say_what_to_do(lang):
    msg = {o: dav.login_message(auth.LoginResult(o, r), lang)
           for o, r in [("empty", 0), ("wrong", 0), ("wait", 7.2), ("locked", 600)]}
    if lang == "zh":
        assert msg["empty"] == "请输入密码。" and "密码错误" in msg["wrong"]
        assert "8 秒后再试" in msg["wait"] and "未被检查" in msg["wait"] and "10 分钟" in msg["locked"]
    else:
        assert msg["empty"] == "Enter the password." and "Wrong password" in msg["wrong"]
        assert "try again in 8 s" in msg["wait"] and "not checked" in msg["wait"] and "10 min" in msg["locked"]


def test_admin_password_reads_env_then_secrets_file(monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    monkeypatch.setattr(auth, "SECRETS_PATH", secrets)
    assert dav.admin_password() is None
    secrets.write_text('admin_password = "from-file-long"\n', encoding="utf-8")
    assert dav.admin_password() == "from-file-long"
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", "from-env-long")
    assert dav.admin_password() == "from-env-long"


# --------------------------------------------------------------------------------------- store status and history


def test_store_status_of_a_new_store(store_dir):
    status = dav.store_status(store_dir)
    assert (status.version, status.n_values, status.n_indicators, status.last_entry) == (0, 0, 0, None)


def test_store_status_after_an_import(store_dir):
    store.commit_import(store_dir, values(("t_gdp", 2021, 110), ("t_gdp", 2022, 120), ("t_count", 2021, 11)),
                        by="张三", file_name="a.csv", sha256="ab" * 32)
    status = dav.store_status(store_dir)
    assert (status.version, status.n_values, status.n_indicators) == (1, 3, 2)
    assert status.last_entry["by"] == "张三"


def test_store_status_of_an_unusable_store_raises_store_error(tmp_path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    with pytest.raises(StoreError):
        dav.store_status(not_a_dir)


@pytest.mark.parametrize("lang, words", [("zh", ("不可写入", "系统管理员")), ("en", ("not writable", "administrator"))])
def test_store_error_text_is_in_the_page_language_without_paths_or_settings(lang, words):
    text = dav.store_error_text(StoreError("store directory /x is not writable: set LISHI_STORE_DIR", "not_writable"),
                                lang)
    assert all(w in text for w in words)
    assert "/x" not in text and "LISHI_STORE_DIR" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_store_error_code_has_a_text_in_both_languages(lang):
    import re

    from lishi_metrics.text.i18n import t

    source = "".join(p.read_text(encoding="utf-8") for p in (REPO / "lishi_metrics" / "actuals").glob("*.py"))
    # the second argument of every StoreError / UnknownVersion raised, and the codes chosen by errno
    codes = set(re.findall(r'(?:StoreError|UnknownVersion)\((?:[^()]|\([^()]*\))*?,\s*"([a-z_]+)"', source, re.S))
    codes |= set(re.findall(r'"(disk_full|read_only|write_failed)"', source))
    codes |= set(re.findall(r'^\s*"([a-z_]+)", (?:version|seconds|known)=', source, re.M))
    assert {"disk_full", "locked", "current_damaged", "not_writable"} <= codes
    for code in codes:
        assert t(f"st_err_{code}", lang) != f"st_err_{code}", code


@pytest.mark.parametrize(
    "iso, shown",
    [
        ("2026-03-01T01:30:00+00:00", "2026-03-01 09:30"),
        ("2026-12-31T20:00:00+00:00", "2027-01-01 04:00"),
        ("2026-03-01T01:30:00", "2026-03-01 09:30"),  # naive times are UTC, as the store writes them
        ("garbage", "garbage"),
        (None, ""),
    ],
)
def test_format_time_shows_beijing_time(iso, shown):
    assert dav.format_time(iso) == shown


def test_short_checksum():
    assert dav.short_checksum("0123456789abcdef" * 4) == "0123456789ab"
    assert dav.short_checksum(None) == ""


HISTORY = [
    {"version": 1, "time": "2026-03-01T01:30:00+00:00", "by": "张三", "file_name": "a.csv", "sha256": "ab" * 32,
     "added": 3, "changed": 0, "unchanged": 0, "removed": 0, "action": "import", "rolled_back_to": None,
     "previous_version": 0},
    {"version": 2, "time": "2026-03-02T01:30:00+00:00", "by": "李四", "file_name": "b.xlsx", "sha256": "cd" * 32,
     "added": 1, "changed": 2, "unchanged": 1, "removed": 0, "action": "import", "rolled_back_to": None,
     "previous_version": 1},
    {"version": 0, "time": "2026-03-03T01:30:00+00:00", "by": "管理员", "file_name": None, "sha256": None,
     "added": 0, "changed": 0, "unchanged": 0, "removed": 4, "action": "rollback", "rolled_back_to": 0,
     "previous_version": 2},
]


def test_history_table_is_newest_first_with_readable_actions_zh():
    table = dav.history_table(HISTORY, "zh")
    assert list(table.columns) == ["版本", "时间（北京时间）", "操作人", "操作", "文件", "校验和（SHA-256）",
                                   "新增", "修改", "未变", "移除"]
    assert table["操作"].tolist() == ["回滚 2 → 0", "导入", "导入"]
    assert table["版本"].tolist() == [0, 2, 1]
    assert table.iloc[1].to_dict() == {
        "版本": 2, "时间（北京时间）": "2026-03-02 09:30", "操作人": "李四", "操作": "导入", "文件": "b.xlsx",
        "校验和（SHA-256）": "cdcdcdcdcdcd", "新增": 1, "修改": 2, "未变": 1, "移除": 0,
    }
    assert table.iloc[0]["文件"] == "" and table.iloc[0]["校验和（SHA-256）"] == ""


def test_history_table_en_and_empty():
    table = dav.history_table(HISTORY, "en")
    assert table["Action"].tolist() == ["Rollback 2 → 0", "Import", "Import"]
    empty = dav.history_table([], "en")
    assert empty.empty and "Checksum (SHA-256)" in empty.columns


def test_history_table_tolerates_damaged_entries():
    table = dav.history_table([{"version": "x", "added": None}], "en")
    assert table.iloc[0]["Version"] == 0 and table.iloc[0]["Added"] == 0


def test_rollback_choices_are_every_other_version_and_zero_newest_first():
    assert dav.rollback_choices(HISTORY, 0) == [2, 1]
    assert dav.rollback_choices(HISTORY, 2) == [1, 0]
    assert dav.rollback_choices([], 0) == []


@pytest.mark.parametrize(
    "version, lang, label",
    [
        (2, "zh", "版本 2 · 2026-03-02 09:30 · 李四 · b.xlsx"),
        (1, "en", "Version 1 · 2026-03-01 09:30 · 张三 · a.csv"),
        (0, "zh", "版本 0 · 无导入数据"),
        (0, "en", "Version 0 · no imported data"),
    ],
)
def test_version_label(version, lang, label):
    assert dav.version_label(version, HISTORY, lang) == label


# --------------------------------------------------------------------------------------- upload check and preview


def test_check_upload_accepts_a_good_file_and_previews_it(store_dir):
    store.commit_import(store_dir, values(("t_gdp", 2021, 110)), by="a", file_name="a.csv", sha256="0" * 64)
    status = dav.store_status(store_dir)
    data = b"indicator_id,2021,2022\nt_gdp,112,120\nt_count,11,\n"
    check = dav.check_upload("uploads/new.csv", data, INDICATORS, status)
    assert check.ok and not check.warnings
    assert check.file_name == "new.csv"
    assert check.sha256 == actuals_import.sha256_bytes(data)
    assert check.base_version == 1
    assert dav.preview_counts(check.preview) == {"new": 2, "changed": 1, "unchanged": 0}
    assert check.can_commit("张三", confirmed=False)
    assert not check.can_commit("   ", confirmed=True)


def test_check_upload_of_a_file_that_is_not_csv_or_xlsx_lists_the_problem_and_nothing_else(store_dir):
    check = dav.check_upload("report.pdf", b"%PDF-1.4", INDICATORS, dav.store_status(store_dir))
    assert not check.ok and len(check.problems) == 1
    assert check.values.empty and check.preview.empty
    assert not check.can_commit("张三", confirmed=True)


def test_check_upload_collects_every_validation_problem(store_dir):
    data = b"indicator_id,2021,2030\nt_gdp,abc,1\nt_nope,1,\n"
    check = dav.check_upload("a.csv", data, INDICATORS, dav.store_status(store_dir))
    where = {(p.row, p.column) for p in check.problems}
    assert (1, "2030") in where and (2, "2021") in where and (3, "indicator_id") in where
    assert check.values.empty


def test_check_upload_warnings_need_a_confirmation(store_dir):
    check = dav.check_upload("a.csv", b"indicator_id,2021\nt_gdp,1000\n", INDICATORS, dav.store_status(store_dir))
    assert check.ok and check.warnings
    assert not check.can_commit("张三", confirmed=False)
    assert check.can_commit("张三", confirmed=True)


def test_problem_table_in_each_language():
    problems = [Problem(3, "2021", "'x' is not a number", "“x”不是数字"), Problem(None, None, "the file is empty", "")]
    zh = dav.problem_table(problems, "zh")
    assert list(zh.columns) == ["行", "列", "问题"]
    assert zh.values.tolist() == [["3", "2021", "“x”不是数字"], ["", "", "the file is empty"]]
    en = dav.problem_table(problems, "en")
    assert en.values.tolist() == [["3", "2021", "'x' is not a number"], ["", "", "the file is empty"]]


def test_preview_table_lists_changed_first_with_old_and_new_values(store_dir):
    store.commit_import(store_dir, values(("t_gdp", 2021, 110), ("t_count", 2021, 11)), by="a",
                        file_name="a.csv", sha256="0" * 64)
    data = b"indicator_id,2021,2022\nt_gdp,110,\nt_count,12,13\n"
    check = dav.check_upload("b.csv", data, INDICATORS, dav.store_status(store_dir))
    en = dav.preview_table(check.preview, INDICATORS, "en")
    assert en.values.tolist() == [
        ["t_count", "Test count", "households", "2021", "changed", "11", "12"],
        ["t_count", "Test count", "households", "2022", "new", "(none)", "13"],
        ["t_gdp", "Test GDP", "CNY 100 million", "2021", "unchanged", "110", "110"],
    ]
    zh = dav.preview_table(check.preview, INDICATORS, "zh")
    assert zh.columns.tolist() == ["指标代码", "指标", "单位", "年份", "变化", "原值", "新值"]
    assert zh.iloc[1].tolist() == ["t_count", "测试户数", "户", "2022", "新增", "（无）", "13"]


def test_preview_of_nothing():
    empty = pd.DataFrame(columns=["indicator_id", "name_zh", "year", "status", "old", "new"])
    assert dav.preview_counts(empty) == {"new": 0, "changed": 0, "unchanged": 0}
    assert dav.preview_table(empty, INDICATORS, "zh").empty


@pytest.mark.parametrize("value, shown", [(170.2, "170.2"), (1234.0, "1234"), (float("nan"), "(none)"),
                                          (None, "(none)")])
def test_value_text(value, shown):
    assert dav.value_text(value, "en") == shown


def test_commit_returns_the_new_version_and_its_counts(store_dir):
    check = dav.check_upload("a.csv", b"indicator_id,2021\nt_gdp,112\n", INDICATORS, dav.store_status(store_dir))
    assert dav.commit(store_dir, check, "张三") == {"version": 1, "added": 1, "changed": 0, "unchanged": 0}
    assert store.history(store_dir)[-1]["sha256"] == check.sha256
    assert store.history(store_dir)[-1]["file_name"] == "a.csv"


# --------------------------------------------------------------------------------------- downloads


def test_template_csv_bytes_equal_what_the_cli_writes(tmp_path):
    written = actuals_import.write_template(tmp_path / "t.csv", INDICATORS)
    assert dav.csv_bytes(dav.template_frame(INDICATORS)) == written.read_bytes()


def test_template_xlsx_bytes_hold_the_template():
    wb = openpyxl.load_workbook(io.BytesIO(dav.xlsx_bytes(dav.template_frame(INDICATORS))))
    rows = [list(r) for r in wb.active.iter_rows(values_only=True)]
    assert rows[0] == ["indicator_id", "name_zh", "unit_zh", "price_basis_zh", "2021", "2022", "2023", "2024", "2025"]
    assert rows[1] == ["t_gdp", "测试生产总值", "亿元", "现价（当年价格）", None, None, None, None, None]
    assert rows[2][:4] == ["t_gdp.comparable_growth", "测试生产总值增长（按可比价格计算）", "%", "可比价（上年=100）"]
    assert len(rows) == 5


def test_actuals_frame_is_the_template_filled_with_the_stored_values(store_dir):
    store.commit_import(store_dir, values(("t_gdp", 2021, 110.5), ("t_count", 2023, 12),
                                          ("t_gdp.comparable_growth", 2021, 6.5)), by="a",
                        file_name="a.csv", sha256="0" * 64)
    frame = dav.actuals_frame(store.current_actuals(store_dir), INDICATORS)
    assert frame["indicator_id"].tolist() == ["t_gdp", "t_gdp.comparable_growth", "t_share", "t_count"]
    assert frame.loc[0, "2021"] == 110.5 and frame.loc[3, "2023"] == 12 and frame.loc[2, "2021"] == ""
    assert frame.loc[1, "2021"] == 6.5  # the growth at comparable prices goes back out beside its level
    csv_text = dav.csv_bytes(frame).decode("utf-8-sig")
    assert "t_count,测试户数,户,,,,12,," in csv_text  # whole numbers without '.0'


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_downloaded_actuals_import_again_as_all_unchanged(store_dir, kind):
    store.commit_import(store_dir, values(("t_gdp", 2021, 110.5), ("t_count", 2023, 12), ("t_share", 2022, 51.25)),
                        by="a", file_name="a.csv", sha256="0" * 64)
    status = dav.store_status(store_dir)
    frame = dav.actuals_frame(status.actuals, INDICATORS)
    data = dav.csv_bytes(frame) if kind == "csv" else dav.xlsx_bytes(frame)
    check = dav.check_upload(f"actuals.{kind}", data, INDICATORS, status)
    assert check.ok and not check.warnings
    assert dav.preview_counts(check.preview) == {"new": 0, "changed": 0, "unchanged": 3}


def test_actuals_frame_without_actuals_is_the_template():
    frame = dav.actuals_frame(store.empty_actuals(), INDICATORS)
    assert frame.equals(dav.template_frame(INDICATORS))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_write_error_text_tells_a_store_problem_from_bad_input(lang):
    from lishi_metrics.errors import DataError
    from lishi_metrics.text.i18n import t

    assert dav.write_error_text(StoreError("store locked."), lang) == dav.store_error_text(StoreError("store locked."), lang)
    locked = StoreError("store /x locked.", "locked", seconds=30)
    assert dav.write_error_text(locked, lang) == t("st_err_locked", lang, seconds=30)
    bad = dav.write_error_text(DataError("no name given"), lang)
    assert bad == t("da_input_error", lang, error="no name given") and bad != dav.store_error_text(DataError("x"), lang)


@pytest.mark.parametrize(("lang", "words"), [("zh", ("将文件拖放到此处", "每个文件最大 5 MB", "选择文件")),
                                             ("en", ("Drag and drop the file here", "At most 5 MB", "Choose a file"))])
def test_the_uploaders_texts_are_in_the_pages_language(lang, words):
    """Streamlit's own uploader words are English; the page draws its own in their place (issue 25.6)."""
    css = dav.uploader_css(lang)
    for word in words:
        assert word in css
    assert "Browse files" not in css and "Limit" not in css


def test_uploader_css_keeps_a_quote_inside_its_string():
    assert dav._css_string('a"b\\c') == '"a\\"b\\\\c"'
