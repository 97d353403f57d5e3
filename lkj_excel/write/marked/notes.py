"""What the returned copy says (docs/dokumen.md#salinan-bertanda-untuk-kantor): the comment
on each marked cell, the verdict, what to do per check, and the `Hasil Pemeriksaan` sheet as
rows of (style, value) that both writers (the package editor and the XlsxWriter copy) draw.

Marks of ours are recognised on a later run by `MARKER` (the first line of our part of a
comment), `CF_MARK` (in the formula of our conditional-format rules) and the sheet name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ...findings import CHECKS
from ...money import format_percent, format_rp

SHEET = "Hasil Pemeriksaan"
AUTHOR = "lkj-excel"
MARKER = "Pemeriksaan lkj-excel:"
CF_MARK = "lkj-excel"
CF_FORMULA = '"lkj-excel"<>""'  # always true; names us in Excel's rule manager
ERROR_FILL = "#FF7C80"
WARNING_FILL = "#FFFF00"
CELL_RE = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$")

_BORDER = {"border": 1, "border_color": "#BFBFBF", "valign": "top"}
STYLES: dict[str, dict] = {
    "title": {"bold": True, "font_size": 14},
    "plain": {},
    "note": {"italic": True, "font_color": "#595959"},
    "ok": {"bold": True, "font_size": 12, "font_color": "#006100", "bg_color": "#C6EFCE"},
    "bad": {"bold": True, "font_size": 12, "font_color": "#9C0006", "bg_color": "#FFC7CE"},
    "header": {**_BORDER, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True},
    "cell": {**_BORDER, "text_wrap": True},
    "error": {**_BORDER, "bold": True, "bg_color": ERROR_FILL},
    "warning": {**_BORDER, "bg_color": WARNING_FILL},
    "link": {**_BORDER, "font_color": "#0563C1", "underline": 1},
    "amount": {**_BORDER, "num_format": "#,##0"},
    "amount2": {**_BORDER, "num_format": "#,##0.00"},
    "percent": {**_BORDER, "num_format": "0.00%"},
    "count": {**_BORDER, "num_format": "0"},
}
HEADERS = ("No", "Tingkat", "Sel", "Pemeriksaan", "Ditemukan", "Seharusnya", "Keterangan",
           "Yang perlu dilakukan")
WIDTHS = (5, 12, 18, 26, 18, 20, 70, 50)



def todo(check: str) -> str:
    """What the office should do about a finding of `check`, in one sentence (the
    catalogue's advice)."""
    found = CHECKS.get(check)
    return found.advice if found is not None and found.advice else "Periksa sel ini."


def verdict(findings: Iterable) -> str:
    errors = sum(1 for f in findings if f.is_error)
    return f"Perlu diperbaiki: {errors} kesalahan" if errors else "Data konsisten"


def severity(f) -> str:
    return "Kesalahan" if f.is_error else "Peringatan"


def show(value) -> str:
    """A found/expected value for a person: `Rp 1.592.719.562`, `47,62%`, `7`, text."""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, Decimal):
        return format_rp(int(value * 100))
    if isinstance(value, float):
        return format_percent(value)
    return str(value)


def position(cell: str | None) -> tuple[int, int] | None:
    """`C3` -> (3, 3): 1-based row and column; None for no (or no valid) cell."""
    m = CELL_RE.match(cell or "")
    if m is None:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def marked_cells(findings: Iterable, sheets: Iterable[str]) -> dict[str, dict[tuple[int, int], list]]:
    """Sheet -> (row, column) -> the findings on that cell, for the findings that point at a
    cell of a sheet among `sheets`; cells in row order."""
    present = set(sheets)
    out: dict[str, dict[tuple[int, int], list]] = {}
    for f in findings:
        pos = position(f.cell)
        if f.sheet in present and pos is not None:
            out.setdefault(f.sheet, {}).setdefault(pos, []).append(f)
    return {s: dict(sorted(cells.items())) for s, cells in out.items()}


FILL_CHUNK = 200  # cells per conditional-format range list (keeps each sqref short)


def fill_groups(cells: dict[tuple[int, int], list]) -> list[tuple[bool, list[tuple[int, int]]]]:
    """The marked cells of one sheet as (error?, cells) groups for the fill rules: red
    where any finding on the cell is an error, else yellow; at most FILL_CHUNK a group."""
    out = []
    for is_error in (True, False):
        group = [pos for pos, fs in cells.items() if any(f.is_error for f in fs) == is_error]
        out += [(is_error, group[i:i + FILL_CHUNK]) for i in range(0, len(group), FILL_CHUNK)]
    return out


def comment_text(findings: list) -> str:
    """Our part of a cell's comment: the marker line, then each finding's severity, check id
    and message, and the suggested value where there is one."""
    lines = [MARKER]
    for f in findings:
        lines.append(f"[{severity(f)}] {f.check}: {f.message}")
        if f.expected is not None:
            lines.append(f"Seharusnya: {show(f.expected)}")
    return "\n".join(lines)


def strip_ours(text: str) -> str:
    """A comment's text without the part an earlier check added (from the marker on)."""
    at = text.find(MARKER)
    if at < 0:
        return text
    if at >= 2 and text[at - 2:at] == "\n\n":
        at -= 2
    return text[:at]


@dataclass(frozen=True)
class Link:
    """A link to a cell of the copy: `HYPERLINK("#'Realisasi'!C3","Realisasi!C3")`."""

    sheet: str
    cell: str

    @property
    def text(self) -> str:
        return f"{self.sheet}!{self.cell}"

    @property
    def formula(self) -> str:
        target = "#'" + self.sheet.replace("'", "''") + "'!" + self.cell
        return f'HYPERLINK("{_q(target)}","{_q(self.text)}")'


def _q(text: str) -> str:
    return text.replace('"', '""')


@dataclass
class Layout:
    rows: list[list[tuple[str, object] | None]]
    header_row: int  # 0-based index of the column headers
    widths: tuple[int, ...] = WIDTHS

    def height(self, r: int) -> float | None:
        """Row `r`'s height in points where it holds wrapped text (programs do not
        re-measure rows on opening), else None."""
        lines = 1
        for c, cell in enumerate(self.rows[r]):
            if cell is not None and STYLES[cell[0]].get("text_wrap") and cell[1] is not None:
                lines = max(lines, _lines(str(cell[1]), self.widths[c]))
        return lines * 15.0 + 2 if lines > 1 else None


def _lines(text: str, width: int) -> int:
    """Lines a wrapped cell `width` characters wide needs (estimated, on the safe side: a
    tenth more for the words carried to the next line)."""
    per_line = max(1, int(width * 1.15) - 1)
    return sum(max(1, -(-len(part) * 11 // (10 * per_line))) for part in text.split("\n"))


def summary(findings: list, display: str, subject: str | None, sheets: dict[str, str],
            stamp: str | None = None) -> Layout:
    """The rows of the Hasil Pemeriksaan sheet. `sheets` maps a finding's sheet name to the
    sheet's name in the copy (links only to sheets the copy has); `stamp` adds when."""
    from ... import __version__
    from ...tables.findings import finding_value

    errors = sum(1 for f in findings if f.is_error)
    ok = not errors
    rows: list[list] = [
        [("title", "HASIL PEMERIKSAAN")],
        [("plain", f"Berkas: {display}")],
        [("plain", subject or "")],
        [("ok" if ok else "bad", verdict(findings))] + [("ok" if ok else "bad", None)] * 3,
        [("plain", f"{errors} kesalahan, {len(findings) - errors} peringatan. Sel yang disebut "
                   "temuan diwarnai merah (kesalahan) atau kuning (peringatan) dan diberi "
                   "komentar; klik alamat di kolom Sel untuk menuju ke sel itu.")],
        [("note", f"Diperiksa dengan lkj-excel {__version__}{' pada ' + stamp if stamp else ''}. "
                  "Sheet ini, warna dan komentar pemeriksaan dibuat ulang setiap kali diperiksa; "
                  "isi workbook tidak diubah.")],
        [],
        [("header", h) for h in HEADERS],
    ]
    for i, f in enumerate(findings, 1):
        name = sheets.get(f.sheet) if f.sheet else None
        if name is not None and position(f.cell) is not None:
            where = ("link", Link(name, f.cell.replace("$", "")))
        else:
            where = ("cell", f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.sheet or "-"))
        rows.append([("count", i), ("error" if f.is_error else "warning", severity(f)), where,
                     ("cell", f.check), _typed(finding_value(f.found)),
                     _typed(finding_value(f.expected)), ("cell", f.message),
                     ("cell", todo(f.check))])
    return Layout(rows, 7)


def _typed(v) -> tuple[str, object]:
    from ...tables.model import AMOUNT, COUNT, PERCENT

    if v.value is None:
        return ("cell", None)
    if v.kind == AMOUNT:
        rupiah, sen = divmod(v.value, 100)
        return ("amount2", v.value / 100) if sen else ("amount", rupiah)
    if v.kind == PERCENT:
        return ("percent", v.value)
    if v.kind == COUNT:
        return ("count", v.value)
    return ("cell", str(v.value))
