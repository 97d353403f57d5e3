"""The findings as a table: Rekonsiliasi in the LKj workbook and Semua Temuan in the Rekap
(docs/keluaran.md#10-rekonsiliasi, docs/keluaran.md#sheet-semua-temuan)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from .formulas import difference
from .model import AMOUNT, COUNT, PERCENT, TEXT, Column, Ref, Table, Value

ID = "rekonsiliasi"
COLUMNS = [Column("no", "No", COUNT), Column("check", "Check"), Column("tingkat", "Tingkat"),
           Column("sheet", "Sheet"), Column("sel", "Sel"), Column("kode", "Kode"),
           Column("ditemukan", "Ditemukan"), Column("seharusnya", "Seharusnya"),
           Column("selisih", "Selisih"), Column("keterangan", "Keterangan")]
SELISIH = difference(Ref("ditemukan"), Ref("seharusnya"))


def severity_label(finding) -> str:
    return "Kesalahan" if finding.is_error else "Peringatan"


def finding_value(x: Any) -> Value:
    """A finding's found/expected in the table's units: Rupiah (Decimal) as sen, percent
    units (float) as a fraction, counts as counts, the rest as text."""
    if x is None:
        return Value(None)
    if isinstance(x, bool):
        return Value("Ya" if x else "Tidak", TEXT)
    if isinstance(x, Decimal):
        return Value(int(x * 100), AMOUNT)
    if isinstance(x, float):
        return Value(float(Fraction(repr(x)) / 100), PERCENT)
    if isinstance(x, int):
        return Value(x, COUNT)
    return Value(str(x), TEXT)


def finding_difference(found: Any, expected: Any) -> Value:
    """Selisih = found − expected, exactly, where both are Rupiah/counts or both
    percentages; an empty value otherwise (nothing to subtract)."""
    a, b = finding_value(found), finding_value(expected)
    if a.value is None or b.value is None:
        return Value(None)
    if a.kind == b.kind == PERCENT:
        diff = (Fraction(repr(found)) - Fraction(repr(expected))) / 100
        return Value(float(diff), PERCENT, SELISIH)
    if a.kind in (AMOUNT, COUNT) and b.kind in (AMOUNT, COUNT):
        if a.kind == b.kind == COUNT:
            return Value(a.value - b.value, COUNT, SELISIH)
        sen = (a.value if a.kind == AMOUNT else a.value * 100) - \
              (b.value if b.kind == AMOUNT else b.value * 100)
        return Value(sen, AMOUNT, SELISIH)
    return Value(None)


def findings_table(findings: list, file: str | None = None, table_id: str = ID) -> Table:
    """One row per finding, in the given order; `file` adds a leading File column."""
    columns = ([Column("file", "File")] if file is not None else []) + list(COLUMNS)
    table = Table(table_id, "Temuan", columns)
    lead = [Value(file)] if file is not None else []
    for i, f in enumerate(findings, 1):
        table.add([*lead, Value(i, COUNT), Value(f.check), Value(severity_label(f)),
                   Value(f.sheet), Value(f.cell), Value(f.kode), finding_value(f.found),
                   finding_value(f.expected), finding_difference(f.found, f.expected),
                   Value(f.message)], key=f)
    return table
