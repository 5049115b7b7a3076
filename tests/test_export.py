"""data.export: the one CSV/XLSX writer neutralises formula cells, carries title and source, sets widths."""

import io

import openpyxl
import pandas as pd
import pytest

from lishi_metrics.data import export
from lishi_metrics.views import data_admin as dav

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "−5 (U+2212)"]


def test_csv_neutralises_every_formula_like_text_cell_and_header():
    cells = [v for v in HOSTILE if v != "\rx"]
    frame = pd.DataFrame({"text": cells, "=bad header": range(len(cells)), "num": [-1.5] * len(cells)})
    raw = export.csv_bytes(frame).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(raw), keep_default_na=False)
    assert back["text"].tolist()[:5] == ["'" + v for v in cells[:5]]
    assert back["text"].tolist()[-2:] == ["plain", "−5 (U+2212)"]
    assert "'\rx" in export.csv_bytes(pd.DataFrame({"a": ["\rx"]})).decode("utf-8-sig")  # carriage return too
    assert "'=bad header" in back.columns
    assert back["num"].tolist() == [-1.5] * len(cells)  # numbers stay numbers, negative ones included


def test_xlsx_neutralises_cells_and_has_title_source_widths_and_about_in_the_language():
    frame = pd.DataFrame({"指标": ["=cmd|' /C calc'!A0", "地区生产总值"], "值": [154.7, 255.0]})
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes({"表": frame}, {"筛选条件": "无"}, "zh", "标题")))
    ws = book["表"]
    assert ws["A1"].value == "标题" and ws["A2"].value.startswith("来源：")
    assert [c.value for c in ws[4]] == ["指标", "值"]
    # Text with Excel's quote prefix, not a formula, and no literal apostrophe in the value.
    assert ws["A5"].value == "=cmd|' /C calc'!A0" and ws["A5"].data_type == "s" and ws["A5"].quotePrefix
    assert ws["B5"].value == 154.7 and not ws["A6"].quotePrefix
    assert ws.column_dimensions["A"].width >= 12
    assert book.sheetnames == ["表", "说明"]
    about = [c.value for row in book["说明"].iter_rows() for c in row if c.value is not None]
    assert "标题" in about and "筛选条件" in about
    assert not any("parquet" in str(v) or ".txt" in str(v) or "float64" in str(v) for v in about)
    en = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes({"t": frame}, None, "en")))
    assert en.sheetnames == ["t", "about"] and en["about"]["A2"].value == "Source"


def test_history_table_download_is_neutralised():
    history = [{"version": 1, "time": "2026-01-01T00:00:00+00:00", "action": "import", "by": "=HYPERLINK(\"x\")",
                "file_name": "@SUM(A1).csv", "sha256": "ab" * 32, "added": 1}]
    table = dav.history_table(history, "en")
    text = export.csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1).csv" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text and ",@SUM" not in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_writes_through_the_atomic_writer(tmp_path, fmt):
    out = tmp_path / ("all.xlsx" if fmt == "xlsx" else "csv")
    written = export.export(fmt, out)
    assert written and all(p.exists() for p in written)
    assert not list(tmp_path.rglob(".*.tmp"))


# --- every CSV download starts with its header row (issue 22) --------------------------------------------------

def _read(raw: bytes) -> pd.DataFrame:
    assert raw.startswith("\ufeff".encode())  # the BOM: Excel on Chinese Windows reads UTF-8
    return pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")


def test_csv_writer_takes_no_title_so_no_line_goes_above_the_header():
    import inspect

    assert list(inspect.signature(export.csv_bytes).parameters) == ["frame"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explorer_csv_download_reads_back_with_its_header_and_numbers(lang):
    """What the explorer's CSV button writes (ui.download_buttons: export.csv_bytes of explorer.export_table):
    pd.read_csv takes its first line as the header, the title and source are in the workbook."""
    from lishi_metrics.data import db as data
    from lishi_metrics.views import explorer as ev

    rows = ev.catalog_rows({plan: data.indicator_table(plan) for plan in ("fyp13", "fyp14")}, data.text_figures())
    table = ev.export_table(ev.apply_filters(rows, ev.Filters(plan="fyp14", kind="indicator")), lang)
    back = _read(export.csv_bytes(table))
    assert back.columns.tolist() == table.columns.tolist()
    assert len(back) == len(table) == 34
    gdp = back[back[table.columns[0]] == "fyp14_gdp"].iloc[0]
    assert gdp[ev.t("ex_x_base_value", lang)] == 154.7 and gdp[ev.t("ex_x_target_value", lang)] == 255.0
    assert ev.export_title(lang, len(table)) not in export.csv_bytes(table).decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes({"lishi_indicators": table}, None, lang,
                                                               ev.export_title(lang, len(table)))))
    assert book["lishi_indicators"]["A1"].value == ev.export_title(lang, len(table))


def test_data_page_csv_downloads_read_back_with_their_header(tmp_path):
    """The data page's template and actuals CSVs (views.data_admin.csv_bytes) start with the header row."""
    from lishi_metrics.actuals import store
    from lishi_metrics.data import db as data

    indicators = data.indicator_table("fyp14")
    template = dav.template_frame(indicators)
    back = _read(dav.csv_bytes(template))
    assert back.columns.tolist() == template.columns.tolist() and back.columns[0] == "indicator_id"
    assert "fyp14_gdp" in back["indicator_id"].tolist() and "fyp14_gdp.comparable_growth" in back["indicator_id"].tolist()
    store_dir = tmp_path / "store"
    store.commit_import(store_dir, pd.DataFrame({"indicator_id": ["fyp14_gdp"], "year": [2021], "value": [170.5]}),
                        by="a", file_name="a.csv", sha256="0" * 64)
    actuals = dav.actuals_frame(store.current_actuals(store_dir), indicators)
    back = _read(dav.csv_bytes(actuals))
    assert back.columns[0] == "indicator_id"
    assert float(back.loc[back["indicator_id"] == "fyp14_gdp", "2021"].iloc[0]) == 170.5


def test_cli_export_csv_files_read_back_with_their_header(tmp_path):
    written = export.export("csv", tmp_path / "csv")
    assert written
    for path in written:
        back = _read(path.read_bytes())
        assert back.columns.tolist() == export.all_tables()[path.stem].columns.tolist(), path.name
