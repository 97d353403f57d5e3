"""Bab IV Penutup (one generated paragraph of facts and a placeholder, the signature) and the
Lampiran (the Fasilitasi list and the villages' documents)."""

from __future__ import annotations

from .context import Doc
from .front import signature

FASILITASI_COLUMNS = ["no", "jenis", "uraian", "ya", "tanggal", "keterangan"]


def summary(d: Doc) -> str:
    """Capaian rata-rata of the sasaran strategis with its predikat and coverage, and the
    serapan (Ringkasan's figures). Indicators below their quarter's target are named once
    the input gives quarter targets (template version 2)."""
    office = d.office
    who = f" {office}" if office else ""
    parts = []
    cap = d.said("Capaian rata-rata sasaran strategis")
    cover = d.said("Capaian rata-rata sasaran strategis", col=3)
    pred = d.said("Capaian rata-rata sasaran strategis", col=2)
    if cap and cap[:1].isdigit():
        line = f"Capaian rata-rata sasaran strategis{who} {d.period} {cap}"
        if cover:
            line += f" ({cover})"
        if pred:
            line += f", predikat {pred}"
        parts.append(line + ".")
    elif cap:
        parts.append(f"Capaian rata-rata sasaran strategis{who} {d.period}: {cap}.")
    serapan = d.said("Serapan anggaran")
    pagu = d.said("Jumlah pagu anggaran (Rp)")
    real = d.said("Jumlah realisasi anggaran (Rp)")
    if serapan and pagu and real:
        parts.append(f"Serapan anggaran {serapan}: realisasi Rp {real} dari pagu Rp {pagu}.")
    return " ".join(parts)


def bab4(d: Doc) -> None:
    b = d.body
    b.heading(1, "BAB IV PENUTUP", page_break=True)
    text = summary(d)
    if text:
        b.text(text, align="both")
    b.todo("Tuliskan kesimpulan atas capaian kinerja, kendala yang dihadapi, dan rencana "
           "tindak lanjut pada triwulan berikutnya", align="both")
    signature(d)


def lampiran(d: Doc) -> None:
    b = d.body
    t = d.tables
    b.heading(1, "LAMPIRAN", page_break=True)
    b.heading(2, "Lampiran 1. Daftar Fasilitasi, Koordinasi dan Rekomendasi")
    if d.table(t.fasilitasi, "Daftar Fasilitasi, Koordinasi dan Rekomendasi",
               keys=FASILITASI_COLUMNS):
        d.table(t.fasilitasi_jumlah, "Jumlah Fasilitasi per Jenis")
    b.heading(2, "Lampiran 2. Dokumen Administrasi Pemerintahan Desa")
    if d.table(t.dokumen_desa, "Dokumen Administrasi Pemerintahan Desa"):
        d.table(t.dokumen_desa_jumlah, "Jumlah Dokumen Desa Tepat Waktu per Dokumen")
