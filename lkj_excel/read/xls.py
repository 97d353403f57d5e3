"""The .xls step beside the fast value reader: python-calamine returns an error cell of an
Excel 97-2003 workbook as empty, so the BIFF8 records of the Workbook stream are walked once
for the cells that hold an error value, typed (BOOLERR) or as a formula's cached result
(FORMULA) (docs/mengisi-template.md#nilai-galat)."""

from __future__ import annotations

import io
import struct

# BIFF8 error codes (MS-XLS 2.5.97.2 BErr)
ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!",
               0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_BOF, _EOF, _BOUNDSHEET, _BOOLERR, _FORMULA = 0x0809, 0x000A, 0x0085, 0x0205, 0x0006
_FORMAT, _XF, _NUMBER, _RK, _MULRK = 0x041E, 0x00E0, 0x0203, 0x027E, 0x00BD


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


def _stream(data: bytes) -> bytes:
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        name = "Workbook" if ole.exists("Workbook") else "Book"
        return ole.openstream(name).read()
    finally:
        ole.close()


def _sheets(stream: bytes) -> list[tuple[str, int]]:
    """(sheet name, offset of its records), from the workbook globals."""
    sheets: list[tuple[str, int]] = []
    for kind, rec in _records(stream):
        if kind == _BOUNDSHEET and len(rec) >= 8:
            sheets.append((_sheet_name(rec), struct.unpack_from("<I", rec, 0)[0]))
        elif kind == _EOF:
            break  # the end of the workbook globals
    return sheets


def percent_cells(data: bytes) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> the (row, column) (1-based) of number cells with a percent format, for
    an unencrypted .xls (python-calamine does not give formats). Used by the returned copy
    (write/marked), not by the checks."""
    from .xlsx import _strip_literals

    stream = _stream(data)
    formats: dict[int, str] = {}
    xf_formats: list[int] = []
    for kind, rec in _records(stream):
        if kind == _FORMAT and len(rec) >= 5:
            cch, high = struct.unpack_from("<H", rec, 2)[0], rec[4] & 1
            raw = rec[5:5 + cch * (2 if high else 1)]
            formats[struct.unpack_from("<H", rec, 0)[0]] = raw.decode(
                "utf-16-le" if high else "latin-1", "replace")
        elif kind == _XF and len(rec) >= 4:
            xf_formats.append(struct.unpack_from("<H", rec, 2)[0])
        elif kind == _EOF:
            break
    percent = {i for i, f in enumerate(xf_formats)
               if f in (9, 10) or "%" in _strip_literals(formats.get(f, ""))}
    out: dict[str, set[tuple[int, int]]] = {}
    for sheet, offset in _sheets(stream):
        cells: set[tuple[int, int]] = set()
        for kind, rec in _records(stream, offset):
            if kind == _EOF:
                break
            if kind in (_NUMBER, _RK, _FORMULA) and len(rec) >= 6:
                row, col, xf = struct.unpack_from("<HHH", rec, 0)
                if xf in percent:
                    cells.add((row + 1, col + 1))
            elif kind == _MULRK and len(rec) >= 12:
                row, first = struct.unpack_from("<HH", rec, 0)
                for i in range((len(rec) - 6) // 6):
                    if struct.unpack_from("<H", rec, 4 + 6 * i)[0] in percent:
                        cells.add((row + 1, first + i + 1))
        out[sheet] = cells
    return out


def error_cells(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name -> (row, column) (1-based) -> error text, for an unencrypted .xls."""
    stream = _stream(data)
    sheets = _sheets(stream)
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
