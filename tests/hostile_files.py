"""Uploads an attacker or a careless user might send (issue 15), shared by the CLI, view and page tests."""

from __future__ import annotations

import io
import zipfile

_CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WB = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="actuals" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _letters(pos: int) -> str:
    out = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        out = chr(65 + rem) + out
    return out


def shared_string_bomb(string_bytes: int = 4 * 1024 * 1024, rows: int = 200, cols: int = 8,
                       header_ok: bool = False) -> bytes:
    """A small XLSX (about 10 KB) whose cells all point to one shared string of `string_bytes` characters.

    header_ok: the first row is a normal header (indicator_id, 2021 …) so only the data cells are the bomb.
    """
    strings = ["A" * string_bytes, "indicator_id", *[str(y) for y in range(2021, 2021 + cols - 1)]]
    sst = "".join(f"<si><t>{s}</t></si>" for s in strings)
    sheet_rows = []
    for r in range(1, rows + 1):
        cells = []
        for c in range(cols):
            index = (1 + c) if (header_ok and r == 1) else 0
            cells.append(f'<c r="{_letters(c)}{r}" t="s"><v>{index}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><sheetData>{"".join(sheet_rows)}</sheetData></worksheet>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="{len(strings)}" '
                   f'uniqueCount="{len(strings)}">{sst}</sst>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return buf.getvalue()


def long_cell_csv(chars: int = 4 * 1024 * 1024 // 2) -> bytes:
    """A CSV whose one id cell is megabytes long (within the 5 MB upload limit)."""
    return ("indicator_id,2021\n" + "x" * chars + ",1\n").encode()


def many_problems_csv(rows: int = 4000) -> bytes:
    """Thousands of unknown indicators, each with a long id: the problem list and its messages stay bounded."""
    return ("indicator_id,2021\n" + "".join(f"{'u' * 900}{i},1\n" for i in range(rows))).encode()


IMPOSSIBLE_CSV = b"indicator_id,2021\nfyp14_urbanization_rate,250\nfyp14_industrial_enterprises,-3\n"
FORMULA_NAME = '=HYPERLINK("evil.example?x","click").csv'  # no '/': only the last path part is kept
CONTROL_NAME = "x\x1b]0;PWNED\x07.csv"
