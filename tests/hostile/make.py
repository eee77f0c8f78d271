#!/usr/bin/env python3
"""Writes the hostile workbooks of issue 15 from the import fixture
fixtures/import/emea-field-plan-2027.xlsx (which the team made), changing
only its sheets' XML:

- xlsx-far-cells.xlsx: a cell at XFD1048576 as well as A1, so the sheet's
  corners are 17 billion cells apart (calamine allocated 512 GiB and aborted
  before the import's workbook limits);
- xlsx-long-reference.xlsx: a cell reference of 100 letters (calamine
  overflowed a multiplication: a panic in debug builds).

fuzz-import-workbook-239106963e.xlsx is not made here: the import_workbook
fuzz target found it (the fixture with bits changed in a cell reference).

Run from the repository's root: python3 tests/hostile/make.py"""

import re
import zipfile

SOURCE = "fixtures/import/emea-field-plan-2027.xlsx"


def rewrite(out, change):
    source = zipfile.ZipFile(SOURCE)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = change(data.decode()).encode()
            target.writestr(info.filename, data)


far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
rewrite("tests/hostile/xlsx-far-cells.xlsx", lambda xml: xml.replace("</sheetData>", far))
rewrite(
    "tests/hostile/xlsx-long-reference.xlsx",
    lambda xml: re.sub(r'<c r="A1"', '<c r="' + "A" * 100 + '1"', xml, count=1),
)
