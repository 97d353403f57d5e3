"""Pegawai: the staff table and the counts per Status (docs/keluaran.md#9-pegawai), and the
counts per Pangkat/Golongan (the document's Bab I: docs/dokumen.md#bab-i-pendahuluan)."""

from __future__ import annotations

import re

from .. import figures as F
from .base import Source
from .formulas import formula, quote, sum_span
from .model import COUNT, TOTAL, Column, Ref, Span, Table, Value
from .text import nip, text

ID, COUNTS_ID, PANGKAT_ID = "pegawai", "pegawai_status", "pegawai_pangkat"
_GOLONGAN = re.compile(r"\b(IV|III|II|I)\s*/\s*([a-eA-E])\b")
_RANK = {"I": 1, "II": 2, "III": 3, "IV": 4}
NO_PANGKAT = "(tanpa pangkat/golongan)"


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


def pangkat_table(src: Source) -> Table | None:
    """The staff counted per golongan (`Penata Tk. I (III/d)` and `Penata Tk.I (III/d)` are
    one, shown as first written), highest first; a Pangkat/Golongan without a golongan per
    its text; none written (blank or `-`) last. None when there is no staff."""
    data = src.report.data
    staff = data.staff if data is not None and "Pegawai" in data.present else []
    if not staff:
        return None
    groups: dict[tuple, list] = {}  # key -> [label, count]
    for p in staff:
        t = (text(p.pangkat) or "").strip()
        if t in ("", "-", "–", "—"):
            key: tuple = (2, 0, "")
            t = NO_PANGKAT
        else:
            m = _GOLONGAN.search(t)
            key = ((0, -_RANK[m[1]], m[2].lower()) if m
                   else (1, 0, " ".join(t.lower().split())))
        groups.setdefault(key, [t, 0])[1] += 1
    table = Table(PANGKAT_ID, "Jumlah pegawai per Pangkat/Golongan", [
        Column("pangkat", "Pangkat/Golongan"), Column("jumlah", "Jumlah", COUNT)])
    order = sorted(groups, key=lambda k: k if k[0] != 1 else (1, 0, ""))  # texts: as met
    for key in order:
        label, n = groups[key]
        table.add([Value(label), Value(n, COUNT)], key=key)
    table.add([Value("Jumlah pegawai"), Value(len(staff), COUNT, sum_span(
        Span("jumlah", 0, len(order) - 1)))], TOTAL)
    return table
