"""Bab IV Penutup (one generated paragraph of facts and a placeholder, the signature) and the
Lampiran (the Fasilitasi list and the villages' documents)."""

from __future__ import annotations

from ...tables.model import MEAN
from .context import Doc, value_text
from .front import signature

FASILITASI_COLUMNS = ["no", "jenis", "uraian", "ya", "tanggal", "keterangan"]


def summary(d: Doc) -> str:
    """Capaian rata-rata of the sasaran strategis with its predikat (where it has one) and
    coverage, the serapan (Ringkasan's figures), and the indicators below their quarter's
    target, named where quarter targets are given (Capaian Kinerja's cells)."""
    office = d.office
    who = f" {office}" if office else ""
    parts = []
    cap = d.said("Capaian rata-rata sasaran strategis")
    cover = d.said("Capaian rata-rata sasaran strategis", col=3)
    judged = d.summary("Capaian rata-rata sasaran strategis", col=2)
    pred = d.said("Capaian rata-rata sasaran strategis", col=2) \
        if judged is not None and judged.mark != "muted" else None
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
    below = below_target(d)
    if below:
        parts.append(below)
    return " ".join(parts)


def below_target(d: Doc) -> str | None:
    """`Indikator di bawah target triwulan I: … (52,91%).`: each indicator whose capaian
    against this triwulan's target (TW IV: the year's Target) is under 100%, as Capaian
    Kinerja shows it; None when no indicator has a capaian against its quarter's target."""
    tables = d.tables.capaian
    if not tables:
        return None
    key = "capaian_tw" if "capaian_tw" in (c.key for c in tables[0].columns) else "capaian"
    judged, below = 0, []
    for tab in tables:
        name, at = tab.col("indikator"), tab.col(key)
        for row in tab.rows:
            v = row.cells[at]
            if row.role == MEAN or v is None or v.value is None or isinstance(v.value, str):
                continue
            judged += 1
            if v.value < 1:
                below.append(f"{row.cells[name].value or '(indikator kosong)'} ({value_text(v)})")
    if not judged:
        return None
    target = (f"target triwulan {d.report.triwulan}" if key == "capaian_tw"
              else "target tahunan")
    if not below:
        return f"Semua {judged} indikator yang capaiannya terhadap {target} dapat dihitung " \
               f"mencapai targetnya."
    return f"Indikator dengan capaian di bawah {target}: {'; '.join(below)}."


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
