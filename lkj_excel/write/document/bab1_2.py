"""Bab I Pendahuluan (placeholders for the narrative, the staff counted per Status and per
Pangkat/Golongan) and Bab II Perencanaan Kinerja (the Perjanjian Kinerja tables)."""

from __future__ import annotations

from .context import Doc, untitled


def bab1(d: Doc) -> None:
    b = d.body
    b.heading(1, "BAB I PENDAHULUAN", page_break=True)
    b.heading(2, "A. Latar Belakang")
    b.todo("Uraikan latar belakang dan dasar hukum penyusunan Laporan Kinerja triwulan ini",
           align="both")
    b.heading(2, "B. Gambaran Umum Organisasi")
    b.todo("Uraikan kedudukan, tugas dan fungsi, wilayah, serta susunan organisasi "
           "(bagan struktur organisasi)", align="both")
    b.heading(3, "Sumber Daya Manusia")
    status = d.tables.pegawai_status
    if sentence := d.staff_sentence():
        b.text(sentence)
    d.table(status, "Jumlah Pegawai per Status", missing=d.tables.pegawai.empty or "")
    if status is not None:
        d.table(d.tables.pegawai_pangkat, "Jumlah Pegawai per Pangkat/Golongan")
    b.heading(2, "C. Permasalahan Utama (Strategic Issued)")
    b.todo("Uraikan permasalahan utama dan analisis kekuatan, kelemahan, peluang dan ancaman "
           "(SWOT)", align="both")


def bab2(d: Doc) -> None:
    b = d.body
    b.heading(1, "BAB II PERENCANAAN KINERJA", page_break=True)
    b.heading(2, "A. Rencana Strategis")
    b.todo("Uraikan Rencana Strategis: visi, misi, tujuan, sasaran dan kebijakan program",
           align="both")
    b.heading(2, "B. Perjanjian Kinerja")
    inds = d.figures.indicators if d.figures is not None else []
    tahun = d.report.tahun
    if inds:
        b.text(f"Perjanjian Kinerja{f' Tahun {tahun}' if tahun else ''} memuat "
               f"{len(inds)} indikator kinerja.")
    if not d.tables.perjanjian:
        b.text("Perjanjian Kinerja: tidak ada data. Sheet PK tidak ada atau tidak berisi "
               "indikator.")
    for indicators, budget in d.tables.perjanjian:
        title = untitled(indicators.title)
        d.table(indicators, f"Perjanjian Kinerja {title}")
        if budget is not None:
            d.table(budget, f"Anggaran {title}")
