"""Pegawai: the staff table and the counts per Status (output.md sheet 9)."""

from __future__ import annotations

from .. import figures as F
from .base import Source
from .formulas import formula, quote, sum_span
from .model import COUNT, TOTAL, Column, Ref, Span, Table, Value
from .text import nip, text

ID, COUNTS_ID = "pegawai", "pegawai_status"


def staff_tables(src: Source) -> tuple[Table, Table | None]:
    data = src.report.data
    present = data is not None and "Pegawai" in data.present
    staff = data.staff if present else []
    table = Table(ID, "Pegawai", [
        Column("no", "No", COUNT), Column("nama", "Nama"), Column("nip", "NIP"), Column("lp", "L/P"),
        Column("pangkat", "Pangkat/Golongan"), Column("jabatan", "Jabatan"),
        Column("pendidikan", "Pendidikan"), Column("status", "Status")])
    if not staff:
        table.empty = ("Sheet Pegawai tidak ada di isian." if not present
                       else "Sheet Pegawai tidak berisi pegawai.")
        return table, None
    sheet = "Pegawai"
    for i, p in enumerate(staff, 1):
        table.add([Value(i, COUNT), Value(text(p.nama), source=src.where(sheet, p.nama)),
                   Value(nip(p.nip), source=src.where(sheet, p.nip)),
                   Value(text(p.lp), source=src.where(sheet, p.lp)),
                   Value(text(p.pangkat), source=src.where(sheet, p.pangkat)),
                   Value(text(p.jabatan), source=src.where(sheet, p.jabatan)),
                   Value(text(p.pendidikan), source=src.where(sheet, p.pendidikan)),
                   Value(text(p.status), source=src.where(sheet, p.status))], key=p)
    rng = Span("status", 0, len(staff) - 1, ID, absolute=True)
    counts = src.figures.staff_status
    summary = Table(COUNTS_ID, "Jumlah pegawai per Status", [
        Column("status", "Status"), Column("jumlah", "Jumlah", COUNT)])
    rows = []
    for status in F.STAFF_STATUS:
        rows.append(summary.add([Value(status), Value(counts.get(status, 0), COUNT, formula(
            "count_if", f"=COUNTIF({{0}},{quote(status)})", rng))]))
    blank = sum(1 for p in staff if text(p.status) is None)
    other = len(staff) - blank - sum(counts.get(s, 0) for s in F.STAFF_STATUS)
    if blank:
        rows.append(summary.add([Value("(Status kosong)"), Value(blank, COUNT, formula(
            "count_blank", "=COUNTBLANK({0})", rng))]))
    if other:
        parts = "+".join(f"{{{k + 1}}}" for k in range(len(rows)))
        rows.append(summary.add([Value("(Status lain / tidak terbaca)"), Value(other, COUNT, formula(
            "rest", f"=ROWS({{0}})-({parts})", rng, *(Ref("jumlah", r) for r in rows)))]))
    summary.add([Value("Jumlah pegawai"), Value(len(staff), COUNT, sum_span(
        Span("jumlah", rows[0], rows[-1])))], TOTAL)
    return table, summary
