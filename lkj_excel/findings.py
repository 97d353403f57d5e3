"""Findings: what the reconciliation reports. Data, never exceptions (spec checks.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Check:
    """A check in the catalogue: a stable id, a severity and what it means."""

    id: str
    severity: str
    description: str


CATALOGUE: tuple[Check, ...] = (
    Check("file.unreadable", ERROR, "Berkas bukan workbook, rusak, terkunci sandi, atau formatnya tidak dikenal."),
    Check("sheet.missing", ERROR, "Sheet wajib (atau sheet yang menjadi sumber realisasi PK) tidak ada."),
    Check("column.missing", ERROR, "Kolom wajib tidak ditemukan pada baris judul kolom."),
    Check("cell.required", ERROR, "Sel wajib kosong."),
    Check("cell.invalid", ERROR, "Nilai sel tidak dapat dibaca sesuai jenis kolomnya (nominal, persen, tanggal, pilihan, kode, NIP)."),
    Check("cell.number_as_text", WARNING, "Nominal atau persen diketik sebagai teks dan tetap dibaca."),
    Check("cell.ambiguous", WARNING, "Nilai dapat dibaca dua cara; aturan kontrak diterapkan."),
    Check("cell.formula_without_value", ERROR, "Sel rumus tanpa nilai tersimpan (berkas belum dihitung ulang)."),
    Check("identity.invalid", ERROR, "Tahun Anggaran atau Triwulan kosong atau di luar rentang."),
    Check("budget.code_format", ERROR, "Kode tidak sesuai bentuk nomenklatur."),
    Check("budget.code_duplicate", ERROR, "Kode yang sama muncul lagi pada baris lain."),
    Check("budget.code_orphan", ERROR, "Kode valid tetapi kode induknya tidak punya baris."),
    Check("budget.code_unknown", WARNING, "Kode tidak ada di nomenklatur, atau uraiannya berbeda dari nomenklatur."),
    Check("budget.sum_pagu", ERROR, "Pagu program/kegiatan tidak sama dengan jumlah pagu di bawahnya."),
    Check("budget.sum_realisasi", ERROR, "Realisasi program/kegiatan tidak sama dengan jumlah realisasi di bawahnya."),
    Check("budget.sum_sisa", ERROR, "Sisa yang diketik tidak sama dengan Pagu - Realisasi baris itu."),
    Check("budget.total", ERROR, "Baris total tidak sama dengan jumlah program."),
    Check("budget.over_pagu", ERROR, "Realisasi melebihi pagu."),
    Check("budget.negative", ERROR, "Pagu, Realisasi atau Sisa bernilai negatif."),
    Check("pk.budget_mismatch", ERROR, "Anggaran di PK berbeda dengan pagu kodenya di sheet Realisasi."),
    Check("pk.code_unknown", ERROR, "Kode di PK tidak ada di sheet Realisasi."),
    Check("pk.target_missing", ERROR, "Indikator tanpa target yang dapat dipakai (kosong, 0 atau tidak terbaca)."),
    Check("pk.derived_mismatch", WARNING, "Realisasi yang diketik berbeda lebih dari 0,5 poin dari hitungan daftar sumbernya."),
    Check("facilitation.duplicate", WARNING, "Item fasilitasi yang sama muncul lagi."),
    Check("villages.count_mismatch", ERROR, "Jumlah Desa/Kelurahan di Identitas berbeda dengan jumlah desa di LPPDes."),
    Check("villages.duplicate", ERROR, "Desa dan dokumen yang sama muncul lagi."),
    Check("villages.document_missing", WARNING, "Desa tidak punya baris untuk dokumen yang menjadi sumber realisasi PK."),
    Check("villages.date_after_period", WARNING, "Tanggal Penetapan sesudah akhir triwulan yang dilaporkan."),
    Check("staff.nip_format", ERROR, "NIP bukan 18 angka, atau tanggal lahir/pengangkatannya mustahil."),
    Check("staff.nip_gender", WARNING, "Digit jenis kelamin NIP tidak sesuai kolom L/P."),
    Check("staff.nip_duplicate", ERROR, "NIP yang sama muncul lagi."),
    Check("staff.head_nip_mismatch", ERROR, "NIP Kepala di Identitas berbeda dengan NIP kepala di sheet Pegawai."),
)
CHECKS = {c.id: c for c in CATALOGUE}


@dataclass
class Finding:
    """One problem found in one file, pointing at the cell it is about.

    `found` and `expected` are Decimal for Rupiah, int for counts, float for percent
    units, str for everything else, or None.
    """

    check: str
    sheet: str | None
    cell: str | None
    message: str
    kode: str | None = None
    found: Any = None
    expected: Any = None
    # about a value copied into its row from a merged range (template.md, "Merged cells"):
    # a repeat of the finding its range's other rows give; not part of the output
    merged: bool = field(default=False, compare=False, repr=False)

    @property
    def severity(self) -> str:
        return CHECKS[self.check].severity

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "kode": self.kode,
            "found": json_number(self.found),
            "expected": json_number(self.expected),
            "message": self.message,
        }


def once_per_merged_value(findings: list[Finding]) -> list[Finding]:
    """A finding about a merged value is reported once, at the range's first cell
    (template.md, "Merged cells"). Every row a merged range spans reads its value (the Cell
    copies carry `merged` and the first cell's address), so a check about that value fires
    once per row at the same cell: keep the first (the range's own row when it fires).
    Only findings marked `merged` are folded: findings that merely share a cell (one per
    village and document at the village's first Desa cell, each repeated row pointing at a
    merged Desa) are about their row, not the merged value, and all stay."""
    own = {(f.check, f.sheet, f.cell) for f in findings if not f.merged}
    out, seen = [], set()
    for f in findings:
        if f.merged:
            k = (f.check, f.sheet, f.cell)
            if k in own or k in seen:
                continue
            seen.add(k)
        out.append(f)
    return out


def json_number(v: Any) -> Any:
    """Decimal Rupiah -> int (or float when sen are present); floats rounded to 2 places."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, float):
        return round(v, 2)
    return v


def selisih(found: Any, expected: Any) -> Any:
    """found - expected where both are numbers, else None."""
    num = (int, float, Decimal)
    if isinstance(found, num) and isinstance(expected, num) and not isinstance(found, bool):
        if isinstance(found, float) or isinstance(expected, float):
            return round(float(found) - float(expected), 2)
        return found - expected
    return None
