"""The .xls step beside the fast value reader: python-calamine returns an error cell of an
Excel 97-2003 workbook as empty, so the BIFF8 records of the Workbook stream are walked once
for the cells that hold an error value, typed (BOOLERR) or as a formula's cached result
(FORMULA) (template.md, "Error values")."""

from __future__ import annotations

import io
import struct

# BIFF8 error codes (MS-XLS 2.5.97.2 BErr)
ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!",
               0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_BOF, _EOF, _BOUNDSHEET, _BOOLERR, _FORMULA = 0x0809, 0x000A, 0x0085, 0x0205, 0x0006


def _records(stream: bytes, pos: int = 0):
    """(record type, data) from `pos` to the end of the stream."""
    n = len(stream)
    while pos + 4 <= n:
        kind, size = struct.unpack_from("<HH", stream, pos)
        yield kind, stream[pos + 4:pos + 4 + size]
        pos += 4 + size


def _sheet_name(data: bytes) -> str:
    cch, high = data[6], data[7] & 1
    raw = data[8:8 + cch * (2 if high else 1)]
    return raw.decode("utf-16-le" if high else "latin-1", "replace")


def error_cells(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name -> (row, column) (1-based) -> error text, for an unencrypted .xls."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        name = "Workbook" if ole.exists("Workbook") else "Book"
        stream = ole.openstream(name).read()
    finally:
        ole.close()
    sheets: list[tuple[str, int]] = []
    for kind, rec in _records(stream):
        if kind == _BOUNDSHEET and len(rec) >= 8:
            sheets.append((_sheet_name(rec), struct.unpack_from("<I", rec, 0)[0]))
        elif kind == _EOF:
            break  # the end of the workbook globals
    out: dict[str, dict[tuple[int, int], str]] = {}
    for sheet, offset in sheets:
        cells: dict[tuple[int, int], str] = {}
        for kind, rec in _records(stream, offset):
            if kind == _EOF:
                break
            if kind == _BOOLERR and len(rec) >= 8 and rec[7] == 1:
                row, col = struct.unpack_from("<HH", rec, 0)
                cells[(row + 1, col + 1)] = ERROR_CODES.get(rec[6], "#N/A")
            elif kind == _FORMULA and len(rec) >= 14 and rec[12:14] == b"\xff\xff" and rec[6] == 2:
                row, col = struct.unpack_from("<HH", rec, 0)
                cells[(row + 1, col + 1)] = ERROR_CODES.get(rec[8], "#N/A")
        if cells:
            out[sheet] = cells
    return out
