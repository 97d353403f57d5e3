"""Bab III in a landscape section: A.5 efisiensi (cost per outcome, with the method named,
and the staff list), A.6 the programs, kegiatan and sub kegiatan, and B the budget per program, kegiatan and
sub kegiatan with Pagu, Realisasi, Sisa, Serapan and the total."""

from __future__ import annotations

from ... import figures as F
from ...tables.model import TOTAL
from .bab3 import Numbering
from .context import Doc

AMOUNT_NAMES = {"pagu": "Pagu (Rp)", "realisasi": "Realisasi (Rp)", "sisa": "Sisa (Rp)"}


def landscape_part(d: Doc, number: Numbering) -> None:
    d.body.orientation(landscape=True)  # already, in TW I-III (bab3_capaian)
    efficiency(d, number)
    programs(d, number)
    budget(d)
    d.body.orientation(landscape=False)


def efficiency(d: Doc, number: Numbering) -> None:
    b = d.body
    b.heading(3, number("Analisis atas Efisiensi Penggunaan Sumber Daya"))
    metode = d.settings.metode
    why = (" (positif bila hasil dicapai dengan anggaran lebih kecil dari rencana)"
           if metode == "selisih" else
           " (lebih dari 1 bila hasil dicapai dengan anggaran lebih kecil dari rencana)")
    b.text(f"Efisiensi (cost per outcome) dihitung dengan metode {metode}: "
           f"Efisiensi = {F.METODE_TEXT[metode]}{why}. Serapan = Realisasi ÷ Pagu anggaran "
           f"kode program/kegiatan indikator itu; capaian dari Capaian Kinerja.", align="both")
    if not d.tables.cost:
        b.text("Efisiensi: tidak ada data. Tidak ada indikator PK yang diberi Kode "
               "program/kegiatan.")
    for table in d.tables.cost:
        d.table(table, f"Cost per Outcome, {table.title}",
                names=AMOUNT_NAMES)
    if not d.tables.pegawai.empty:  # the staff, as the reference report lists them here
        b.text(d.staff_sentence() or "Sumber daya manusia:", keep_next=True)
        d.table(d.tables.pegawai, "Daftar Pegawai", nowrap=["nip"])
    b.todo("Uraikan efisiensi penggunaan sumber daya manusia, anggaran, serta sarana dan "
           "prasarana", align="both")


def programs(d: Doc, number: Numbering) -> None:
    b = d.body
    b.heading(3, number("Analisis Program, Kegiatan dan Sub Kegiatan"))
    table = d.tables.realisasi_anggaran
    if d.table(table, "Program dan Kegiatan", keys=["kode", "uraian"],
               rows=lambda r: r.role != TOTAL and r.level <= 2, bold_level=1,
               indent_col="uraian"):
        b.text("Sub kegiatan setiap kegiatan: lihat tabel Realisasi Anggaran (B).")
    b.todo("Uraikan program, kegiatan dan sub kegiatan yang menunjang keberhasilan atau "
           "kegagalan pencapaian Perjanjian Kinerja", align="both")


def budget(d: Doc) -> None:
    b = d.body
    b.heading(2, "B. Realisasi Anggaran")
    pagu = d.said("Jumlah pagu anggaran (Rp)")
    real = d.said("Jumlah realisasi anggaran (Rp)")
    sisa = d.said("Sisa anggaran (Rp)")
    serapan = d.said("Serapan anggaran")
    if pagu is not None and real is not None:
        line = f"Jumlah pagu anggaran Rp {pagu}, realisasi Rp {real}"
        line += f" (serapan {serapan})" if serapan else ""
        line += f", sisa anggaran Rp {sisa}." if sisa is not None else "."
        b.text(line)
    table = d.tables.realisasi_anggaran
    d.table(table, f"Realisasi Anggaran {d.period}", names=AMOUNT_NAMES, bold_level=2,
            indent_col="uraian")
    if not table.empty:
        b.text("Angka program, kegiatan dan jumlah adalah jumlah baris di bawahnya; "
               "Sisa = Pagu − Realisasi; Serapan = Realisasi ÷ Pagu.")
    if d.tables.unplaced is not None:
        d.table(d.tables.unplaced, d.tables.unplaced.title, names=AMOUNT_NAMES)
    b.todo("Uraikan penjelasan realisasi dan sisa anggaran", align="both")
