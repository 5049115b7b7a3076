"""Tests of lishi_metrics.actuals.upload: template, reading uploads, validation; rejections never touch the store."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lishi_metrics.actuals import reading, store, validate
from lishi_metrics.actuals import upload as ai
from lishi_metrics.errors import DataError, ImportRejected

# Synthetic indicators: ids that cannot be mistaken for the plan's.
INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["t_gdp", "t_share", "t_count", "t_rate", "t_text"],
        "plan_id": ["fyp14"] * 5,
        "row_order": [1, 2, 3, 4, 5],
        "name_zh": ["测试生产总值", "测试比重", "测试户数", "测试增速", "测试文字"],
        "unit_zh": ["亿元", "%", "户", "%", None],
        "value_type": ["level", "share", "count", "rate", "text"],
        "base_year": [2020] * 5,
        "base_value": [100.0, 50.0, 10.0, 6.0, None],
        "target_year": [2025] * 5,
    }
)
HEADER = "indicator_id,name_zh,unit_zh,2021,2022,2023,2024,2025"  # a template of before price_basis_zh: still read


def csv_bytes(*lines: str, header: str = HEADER, encoding: str = "utf-8-sig") -> bytes:
    return "\n".join([header, *lines, ""]).encode(encoding)


def xlsx_bytes(rows: list[list], formats: dict[str, str] | None = None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def check(data: bytes, name: str = "actuals.csv", current: pd.DataFrame | None = None) -> ai.ValidationResult:
    return ai.validate(ai.read_upload(name, data), INDICATORS, current)


def messages(problems) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.message) for p in problems]


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def import_file(store_dir: Path, name: str, data: bytes, confirm: bool = False) -> int:
    """The page's and the CLI's flow: read, validate, refuse or confirm, commit."""
    result = ai.validate(ai.read_upload(name, data), INDICATORS, store.current_actuals(store_dir))
    result.raise_if_rejected()
    if result.warnings and not confirm:
        raise RuntimeError("needs confirmation")
    return store.commit_import(store_dir, result.values, by="测试员", file_name=name, sha256=ai.sha256_bytes(data))


# ---------------------------------------------------------------- template


def test_template_frame_has_one_empty_row_per_indicator():
    frame = ai.template_frame(INDICATORS.iloc[::-1])
    assert list(frame.columns) == ["indicator_id", "name_zh", "unit_zh", "price_basis_zh",
                                   "2021", "2022", "2023", "2024", "2025"]
    # GDP (a current-price level) has its companion row: the growth at comparable prices, % on the year before.
    assert list(frame["price_basis_zh"]) == ["现价（当年价格）", "可比价（上年=100）", "", "", "", ""]
    assert list(frame["indicator_id"]) == ["t_gdp", "t_gdp.comparable_growth", "t_share", "t_count", "t_rate", "t_text"]
    assert list(frame["unit_zh"]) == ["亿元", "%", "%", "户", "%", ""]
    assert frame["name_zh"].iloc[1] == "测试生产总值增长（按可比价格计算）"
    assert (frame[["2021", "2025"]] == "").all().all()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_written_template_reads_back_as_the_template(tmp_path, suffix):
    path = ai.write_template(tmp_path / f"template{suffix}", INDICATORS)
    data = path.read_bytes()
    if suffix == ".csv":
        assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to show Chinese"
    frame = ai.read_upload(path.name, data)
    pd.testing.assert_frame_equal(frame, ai.template_frame(INDICATORS), check_dtype=False)
    result = ai.validate(frame, INDICATORS, None)
    assert messages(result.problems) == [(None, None, "the file has no values: fill at least one year cell")]


def test_template_with_other_extension_is_refused(tmp_path):
    with pytest.raises(DataError, match=r"\.csv or \.xlsx"):
        ai.write_template(tmp_path / "template.txt", INDICATORS)


# ---------------------------------------------------------------- reading


def test_csv_values_are_read_as_strings():
    frame = ai.read_upload("a.csv", csv_bytes("t_gdp,测试生产总值,亿元,160.5,,,,"))
    assert frame.loc[0, "2021"] == "160.5" and frame.loc[0, "2022"] == ""
    assert frame.loc[0, "name_zh"] == "测试生产总值"


def test_gbk_csv_from_chinese_excel_is_decoded():
    frame = ai.read_upload("a.csv", csv_bytes("t_gdp,测试生产总值,亿元,160.5,,,,", encoding="gb18030"))
    assert frame.loc[0, "name_zh"] == "测试生产总值"


def test_xlsx_cells_become_strings_and_percent_cells_are_percent_numbers():
    data = xlsx_bytes([["indicator_id", 2021, 2022.0, "2023"], ["t_share", 0.125, 41, "42.5"]], {"B2": "0.0%"})
    frame = ai.read_upload("a.XLSX", data)
    assert list(frame.columns) == ["indicator_id", "2021", "2022", "2023"]
    assert frame.iloc[0].tolist() == ["t_share", "12.5", "41", "42.5"]


def test_trailing_empty_rows_and_columns_are_dropped():
    frame = ai.read_upload("a.csv", b"indicator_id,2021,,\nt_gdp,1,,\n,,,\n\n")
    assert list(frame.columns) == ["indicator_id", "2021"]
    assert len(frame) == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.csv", b"x" * 101, "the limit is"),
        ("a.csv", b"", "empty"),
        ("a.xlsx", b"", "empty"),
        ("a.csv", b"\xef\xbb\xbf \r\n\r\n", "empty"),
        ("a.txt", b"indicator_id,2021\nt_gdp,1\n", "not a CSV or XLSX"),
        ("a", b"indicator_id,2021\nt_gdp,1\n", "not a CSV or XLSX"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, ".xls"),
        ("a.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, ".xls"),
        ("a.xlsx", b"indicator_id,2021\nt_gdp,1\n", "not an Excel workbook"),
        ("a.csv", b"PK\x03\x04rest-of-a-zip", "rename it to .xlsx"),
        ("a.csv", b"\xff\xfei\x00d\x00", "encoding"),
        ("a.csv", b"indicator_id,2021\n\x80\x80\xff\n", "encoding"),
        ("a.csv", b"indicator_id,2021\nt_gdp,\x001\n", "binary"),
    ],
)
def test_unreadable_uploads_are_rejected(name, data, message):
    with pytest.raises(ImportRejected) as info:
        ai.read_upload(name, data, max_bytes=100)
    assert info.value.problems and message in info.value.problems[0].message
    assert info.value.problems[0].message_zh


def test_damaged_xlsx_is_rejected():
    good = xlsx_bytes([["indicator_id", "2021"], ["t_gdp", 1]])
    broken_zip = good[: len(good) // 2]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    for data in (broken_zip, buf.getvalue()):
        with pytest.raises(ImportRejected, match="cannot be read"):
            ai.read_upload("a.xlsx", data)


def test_xlsx_that_unpacks_too_large_is_rejected(monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ImportRejected, match="unpacks to"):
        ai.read_upload("a.xlsx", xlsx_bytes([["indicator_id", "2021"], ["t_gdp", 1]]))


def test_too_many_rows_are_rejected():
    data = csv_bytes(*["t_gdp,,,1,,,,"] * (reading.MAX_ROWS + 1))
    with pytest.raises(ImportRejected, match="rows"):
        ai.read_upload("a.csv", data)


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("160", 160.0),
        (" 12 ", 12.0),
        ("1,234.5", 1234.5),
        ("12,345,678", 12345678.0),
        ("-3", -3.0),
        ("+4.5", 4.5),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("１２．５", 12.5),
        ("－２", -2.0),
        ("1，234", 1234.0),
    ],
)
def test_numbers_in_common_spellings_are_accepted(text, value):
    assert ai.parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "abc", "1.2.3", "12,34", "1,2345", "nan", "inf", "—", "-", "9-12", "约 12", "12%"]
)
def test_text_is_not_a_number(text):
    assert ai.parse_number(text) is None


# ---------------------------------------------------------------- validation


def test_valid_upload_gives_values_and_preview():
    current = pd.DataFrame(
        {
            "indicator_id": ["t_gdp", "t_gdp"],
            "year": [2021, 2022],
            "value": [110.0, 120.0],
            "kind": ["actual", "actual"],
        }
    )
    result = check(csv_bytes("t_gdp,,,110,125,,,", "t_count,,,12,,,,", "t_share,,,,,,,"), current=current)
    assert result.ok and result.problems == [] and result.warnings == []
    assert result.values.to_dict("records") == [
        {"indicator_id": "t_gdp", "year": 2021, "value": 110.0},
        {"indicator_id": "t_gdp", "year": 2022, "value": 125.0},
        {"indicator_id": "t_count", "year": 2021, "value": 12.0},
    ]
    assert result.values.dtypes.astype(str).tolist() == ["str", "int64", "float64"]
    preview = result.preview
    assert preview[["indicator_id", "name_zh", "year", "status"]].values.tolist() == [
        ["t_gdp", "测试生产总值", 2021, "unchanged"],
        ["t_gdp", "测试生产总值", 2022, "changed"],
        ["t_count", "测试户数", 2021, "new"],
    ]
    assert preview["old"].tolist()[:2] == [110.0, 120.0] and pd.isna(preview["old"].iloc[2])
    assert preview["new"].tolist() == [110.0, 125.0, 12.0]


def test_percent_sign_is_accepted_for_percent_indicators_only():
    result = check(csv_bytes("t_share,,,45%,,,,", "t_gdp,,,110%,,,,"))
    assert result.values.to_dict("records") == [{"indicator_id": "t_share", "year": 2021, "value": 45.0}]
    assert [(p.row, p.column) for p in result.problems] == [(3, "2021")]


@pytest.mark.parametrize(
    ("lines", "header", "expected"),
    [
        # missing columns
        (["t_gdp,1"], "name_zh,2021", [(1, "indicator_id", "the column indicator_id is missing")]),
        (["t_gdp,x"], "indicator_id,name_zh", [(1, None, "there is no year column (2021–2025)")]),
        # unknown indicator
        (["t_gdp,,,1,,,,", "t_nope,,,2,,,,"], HEADER, [(3, "indicator_id", "unknown indicator 't_nope'")]),
        # duplicate indicator rows
        (
            ["t_gdp,,,1,,,,", "t_count,,,2,,,,", "t_gdp,,,,3,,,"],
            HEADER,
            [(4, "indicator_id", "indicator 't_gdp' appears again (first on row 2)")],
        ),
        # text where a number is needed
        (
            ["t_gdp,,,1,约120,,,", "t_count,,,—,,,,"],
            HEADER,
            [(2, "2022", "'约120' is not a number"), (3, "2021", "'—' is not a number")],
        ),
        (["t_text,,,全部完成,,,,"], HEADER, [(2, "2021", "'全部完成' is not a number")]),
        # year column outside the plan period
        (
            ["t_gdp,1,2"],
            "indicator_id,2019,2021",
            [(1, "2019", "year column 2019 is outside the plan period 2021–2025")],
        ),
        (["t_gdp,1,2"], "indicator_id,2021,2030年", [(1, "2030年", "year column 2030 is outside the plan period")]),
        # the same column twice
        (["t_gdp,1,2"], "indicator_id,2021,2021", [(1, "2021", "column '2021' appears twice")]),
        # no values at all
        (["t_gdp,,,,,,,", "t_count,,,,,,,"], HEADER, [(None, None, "the file has no values")]),
        # values without an indicator
        ([",测试,,1,,,,"], HEADER, [(2, "indicator_id", "indicator_id is empty but the row has values")]),
    ],
)
def test_errors_name_row_column_and_reason(lines, header, expected):
    result = check(csv_bytes(*lines, header=header))
    assert not result.ok
    got = messages(result.problems)
    assert [(r, c) for r, c, _ in got] == [(r, c) for r, c, _ in expected]
    for (_, _, message), (_, _, start) in zip(got, expected, strict=True):
        assert message.startswith(start)
    assert all(p.message_zh for p in result.problems)
    with pytest.raises(ImportRejected) as info:
        result.raise_if_rejected()
    assert info.value.problems == result.problems
    assert str(info.value).startswith("upload rejected: ")


def test_unknown_columns_are_ignored_with_a_warning():
    result = check(csv_bytes("t_gdp,,,105,,,,,x,y", header=HEADER + ",备注,"))
    assert result.ok
    assert messages(result.warnings) == [
        (1, "备注", "column '备注' is not a template column: it is ignored"),
        (1, None, "column J has no header: it is ignored"),
    ]
    assert result.values.to_dict("records") == [{"indicator_id": "t_gdp", "year": 2021, "value": 105.0}]


def test_known_descriptive_columns_and_year_suffixes_are_accepted():
    result = check(csv_bytes("t_gdp,GDP,105", header="indicator_id, name_en ,2021年"))
    assert result.ok and result.warnings == []
    assert result.values["year"].tolist() == [2021]


@pytest.mark.parametrize(
    ("line", "expected", "expected_zh"),
    [
        ("t_share,,,101,,,,", "t_share 2021: a share of 101 % is impossible (a share lies within 0–100 %)",
         "t_share 2021 年：比重 101% 不可能成立（比重应在 0–100% 之间）"),
        ("t_share,,,-1,,,,", "t_share 2021: a share of -1 % is impossible (a share lies within 0–100 %)",
         "t_share 2021 年：比重 -1% 不可能成立（比重应在 0–100% 之间）"),
        ("t_count,,,-2,,,,", "t_count 2021: -2 is impossible (this indicator cannot be negative)",
         "t_count 2021 年：数值 -2 不可能成立（该指标不能为负数）"),
        ("t_gdp,,,-2,,,,", "t_gdp 2021: -2 is impossible (this indicator cannot be negative)",
         "t_gdp 2021 年：数值 -2 不可能成立（该指标不能为负数）"),
    ],
)
def test_impossible_values_are_errors(line, expected, expected_zh):
    """Issue 15.5: a share of 250 % or a negative count was stored with --yes; it must be rejected."""
    result = check(csv_bytes(line))
    assert not result.ok
    assert result.problems[0].message == expected and result.problems[0].message_zh == expected_zh
    assert (result.problems[0].row, result.problems[0].column) == (2, "2021")
    with pytest.raises(ImportRejected):
        result.raise_if_rejected()


def test_boundary_values_are_possible():
    result = check(csv_bytes("t_share,,,0,100,,,", "t_count,,,0,,,,"))
    assert result.ok and result.problems == []


def test_negative_growth_rate_is_plausible():
    result = check(csv_bytes("t_rate,,,-5,3,,,"))
    assert result.ok and result.warnings == []


def test_change_above_50_percent_from_the_previous_year_in_the_file_is_a_warning():
    result = check(csv_bytes("t_gdp,,,110,170,80,,"))
    assert messages(result.warnings) == [
        (2, "2022", "t_gdp 2022: 170 is +55% from 2021 (110, this file)"),
        (2, "2023", "t_gdp 2023: 80 is -53% from 2022 (170, this file)"),
    ]


def test_change_is_checked_against_the_stored_previous_year():
    current = pd.DataFrame({"indicator_id": ["t_count"], "year": [2022], "value": [10.0]})
    result = check(csv_bytes("t_count,,,,,16,,"), current=current)
    assert messages(result.warnings) == [(2, "2023", "t_count 2023: 16 is +60% from 2022 (10, the stored actuals)")]
    assert check(csv_bytes("t_count,,,,,15,,"), current=current).warnings == []


def test_change_of_2021_is_checked_against_the_plan_2020_value():
    result = check(csv_bytes("t_gdp,,,151,,,,", "t_share,,,74,,,,"))
    assert messages(result.warnings) == [(2, "2021", "t_gdp 2021: 151 is +51% from 2020 (100, the plan's base-year value)")]


def test_years_and_base_come_from_each_plan_not_constants():
    # A 15th-plan shape: base 2025, years 2026-2030; 2026 is checked against the 2025 base.
    indicators = INDICATORS.assign(base_year=2025, target_year=2030)
    assert ai.template_frame(indicators).columns[-5:].tolist() == ["2026", "2027", "2028", "2029", "2030"]
    header = "indicator_id,2026"
    result = ai.validate(ai.read_upload("a.csv", csv_bytes("t_gdp,40", header=header)), indicators, None)
    assert [p.message for p in result.warnings] == ["t_gdp 2026: 40 is -60% from 2025 (100, the plan's base-year value)"]
    old = ai.validate(ai.read_upload("a.csv", csv_bytes("t_gdp,,,40,,,,")), indicators, None)
    assert [p.column for p in old.problems][:1] == ["2021"]  # 2021 is outside the 15th plan's years


def test_plan_base_value_checks_the_first_year():
    indicators = INDICATORS
    result = ai.validate(ai.read_upload("a.csv", csv_bytes("t_gdp,,,40,,,,")), indicators, None)
    assert [p.message for p in result.warnings] == ["t_gdp 2021: 40 is -60% from 2020 (100, the plan's base-year value)"]


def test_validate_accepts_a_frame_not_from_read_upload():
    frame = pd.DataFrame({"indicator_id": ["t_gdp", "t_count"], 2021: [105.5, 12.0], "2022": [None, 11]})
    result = ai.validate(frame, INDICATORS, store.empty_actuals())
    assert result.ok and result.values["value"].tolist() == [105.5, 12.0, 11.0]


def test_many_problems_are_capped():
    lines = [f"t_bad{i},,,1,,,," for i in range(validate.MAX_PROBLEMS + 10)]
    result = check(csv_bytes(*lines))
    assert len(result.problems) == validate.MAX_PROBLEMS + 1
    assert result.problems[-1].message.startswith("… and more: the check stopped after 200")
    assert result.problems[-1].message_zh.startswith("……还有更多")


def test_validation_stops_after_the_problem_limit(monkeypatch):
    """Work is bounded: after MAX_PROBLEMS errors no further cell is looked at."""
    seen = []
    real = validate.parse_number
    monkeypatch.setattr(validate, "parse_number", lambda text: seen.append(text) or real(text))
    lines = ["t_gdp," + ",".join(["x"] * 5)] + [f"t_bad{i},1" for i in range(3000)]
    result = check(csv_bytes(*lines, header="indicator_id,2021,2022,2023,2024,2025"))
    assert len(result.problems) == validate.MAX_PROBLEMS + 1
    assert len(seen) == 5
    assert [p.row for p in result.problems[:6]] == [2, 2, 2, 2, 2, 3]
    assert result.problems[-2].row == 2 + validate.MAX_PROBLEMS - 5


def test_sha256_bytes():
    assert ai.sha256_bytes(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


# ---------------------------------------------------------------- rejections leave the store untouched


@pytest.fixture
def filled_store(tmp_path: Path) -> Path:
    store_dir = tmp_path / "store"
    assert import_file(store_dir, "first.csv", csv_bytes("t_gdp,,,105,110,,,", "t_share,,,51,,,,")) == 1
    return store_dir


def _xlsx_garbage() -> bytes:
    return xlsx_bytes([["indicator_id", "2021"], ["t_gdp", 1]])[:300]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("big.csv", csv_bytes("t_gdp,,,1,,,,") + b" " * ai.MAX_BYTES, id="above-size-limit"),
        pytest.param("empty.csv", b"", id="empty-file"),
        pytest.param("notes.txt", csv_bytes("t_gdp,,,1,,,,"), id="not-csv-or-xlsx"),
        pytest.param("fake.xlsx", csv_bytes("t_gdp,,,1,,,,"), id="xlsx-content-not-a-workbook"),
        pytest.param("broken.xlsx", _xlsx_garbage(), id="xlsx-unreadable"),
        pytest.param("utf16.csv", HEADER.encode("utf-16"), id="csv-undecodable"),
        pytest.param("cols.csv", csv_bytes("t_gdp,1", header="name_zh,2021"), id="missing-columns"),
        pytest.param("unknown.csv", csv_bytes("t_gdp,,,1,,,,", "t_nope,,,1,,,,"), id="unknown-indicator"),
        pytest.param("dup.csv", csv_bytes("t_gdp,,,1,,,,", "t_gdp,,,,2,,,"), id="duplicate-indicator-rows"),
        pytest.param("text.csv", csv_bytes("t_gdp,,,106,一百,,,"), id="text-where-a-number-is-needed"),
        pytest.param("year.csv", csv_bytes("t_gdp,106,1", header="indicator_id,2021,2026"), id="year-outside-plan"),
        pytest.param("none.csv", csv_bytes("t_gdp,,,,,,,"), id="no-values"),
    ],
)
def test_each_rejection_leaves_the_store_bytes_unchanged(filled_store, name, data):
    before = snapshot(filled_store)
    with pytest.raises(ImportRejected) as info:
        import_file(filled_store, name, data)
    assert info.value.problems
    assert snapshot(filled_store) == before
    assert store.current_version(filled_store) == 1


def test_unconfirmed_warnings_leave_the_store_unchanged_and_confirmed_ones_are_stored(filled_store):
    data = csv_bytes("t_share,,,51,90,,,")  # +76 % from 2021: plausible enough to store when confirmed
    before = snapshot(filled_store)
    with pytest.raises(RuntimeError, match="confirmation"):
        import_file(filled_store, "warn.csv", data)
    assert snapshot(filled_store) == before
    assert import_file(filled_store, "warn.csv", data, confirm=True) == 2
    stored = store.current_actuals(filled_store)
    assert dict(zip(zip(stored["indicator_id"], stored["year"]), stored["value"], strict=True)) == {
        ("t_gdp", 2021): 105.0,
        ("t_gdp", 2022): 110.0,
        ("t_share", 2021): 51.0,
        ("t_share", 2022): 90.0,
    }
    entry = store.history(filled_store)[-1]
    assert (entry["added"], entry["changed"], entry["unchanged"]) == (1, 0, 1)
    assert entry["sha256"] == ai.sha256_bytes(data) and entry["file_name"] == "warn.csv"


def test_accepted_xlsx_import_reads_back_exactly(tmp_path):
    data = xlsx_bytes(
        [
            ["indicator_id", "name_zh", "2021", "2022"],
            ["t_gdp", "测试", 105.25, "1,110.5"],
            ["t_share", None, 0.5123, None],
        ],
        {"C3": "0.00%"},
    )
    store_dir = tmp_path / "store"
    assert import_file(store_dir, "a.xlsx", data, confirm=True) == 1  # 105.25 → 1,110.5 is a +955 % warning
    stored = store.current_actuals(store_dir)
    assert stored[["indicator_id", "year", "value", "value_text"]].values.tolist() == [
        ["t_gdp", 2021, 105.25, "105.25"],
        ["t_gdp", 2022, 1110.5, "1110.5"],
        ["t_share", 2021, 51.23, "51.23"],
    ]


def test_xlsx_template_has_chinese_instructions_validation_and_price_basis(tmp_path):
    """Issue 14.7: an instructions sheet in Chinese, data validation on the year cells, unit and price basis."""
    path = ai.write_template(tmp_path / "t.xlsx", INDICATORS)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["actuals", "填写说明"]
    ws = wb["actuals"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["indicator_id", "name_zh", "unit_zh", "price_basis_zh"]
    assert [c.value for c in ws[2]][:4] == ["t_gdp", "测试生产总值", "亿元", "现价（当年价格）"]
    instructions = " ".join(str(c.value) for row in wb["填写说明"].iter_rows() for c in row)
    assert "现价" in instructions and "0–100" in instructions and "留空" in instructions
    rules = {str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    assert rules == {
        "E4:I4": ("decimal", "between", "0", "100"),  # t_share
        "E2:I2 E5:I5": ("decimal", "greaterThanOrEqual", "0", None),  # t_gdp (level), t_count
        # t_gdp's growth at comparable prices, t_rate: any number
        "E3:I3 E6:I6": ("decimal", "between", "-1000000000000000.0", "1000000000000000.0"),
    }
    assert all(dv.showErrorMessage for dv in ws.data_validations.dataValidation)
    # and it still reads back as the template
    frame = ai.read_upload("t.xlsx", path.read_bytes())
    pd.testing.assert_frame_equal(frame, ai.template_frame(INDICATORS), check_dtype=False)


def test_messages_quote_a_short_prefix_without_control_characters():
    result = check(csv_bytes("\x1b]0;PWNED\x07" + "z" * 500 + ",,,1,,,,"))
    message = result.problems[0].message
    assert "\x1b" not in message and "\x07" not in message
    assert "]0;PWNED" + "z" * 32 + "…" in message and "z" * 41 not in message


def test_growth_at_comparable_prices_imports_beside_the_current_price_level(tmp_path):
    """The companion row is validated like a rate (a fall is allowed, any size of change) and stored under its
    own id, so history and rollback keep it with the levels."""
    frame = ai.template_frame(INDICATORS)
    frame.loc[frame["indicator_id"] == "t_gdp", ["2021", "2022"]] = ["110", "115"]
    frame.loc[frame["indicator_id"] == "t_gdp.comparable_growth", ["2021", "2022"]] = ["7.5", "-2"]
    result = ai.validate(frame, INDICATORS, None)
    assert result.ok and not result.warnings
    stored = {(r.indicator_id, r.year): r.value for r in result.values.itertuples()}
    assert stored == {("t_gdp", 2021): 110.0, ("t_gdp", 2022): 115.0, ("t_gdp.comparable_growth", 2021): 7.5,
                      ("t_gdp.comparable_growth", 2022): -2.0}
    bad = frame.copy()
    bad.loc[bad["indicator_id"] == "t_gdp.comparable_growth", "2023"] = "七"
    assert [p.row for p in ai.validate(bad, INDICATORS, None).problems] == [3]


def test_only_current_price_gdp_and_value_added_rows_get_a_companion_row():
    from lishi_metrics.actuals import template

    assert template.has_comparable_growth("level", "亿元", "地区生产总值")
    assert template.has_comparable_growth("level", "亿元", "规模以上工业增加值")
    assert template.has_comparable_growth("level", "万元", "GDP", "gdp")
    assert not template.has_comparable_growth("level", "亿元", "一般公共预算收入")  # published nominal only
    assert not template.has_comparable_growth("share", "%", "工业增加值占 GDP 比重")
    assert not template.has_comparable_growth("count", "户", "规上工业企业数")
