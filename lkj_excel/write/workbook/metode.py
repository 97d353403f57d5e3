"""Sheet `Metode` (docs/keluaran.md#12-metode): the formulas, bands and efficiency method used, the
input file and its SHA-256, the tool's version and when it ran."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ... import __version__
from ...figures import METODE_TEXT
from .a1 import a1
from .context import Context
from .layout import TITLE_ROWS

NAME = "Metode"
HEADING = "METODE PERHITUNGAN"


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    sh.caps.update({0: 34, 1: 90})
    r0 = TITLE_ROWS
    sh.header(r0, ("Uraian", "Keterangan"), first=True)
    st = ctx.settings
    first = ctx.placed.get("capaian_1")  # the first indicator row of Capaian Kinerja
    ex = first.rows[0] if first is not None else TITLE_ROWS + 2
    cols = first.cols if first is not None else {"target": 3, "realisasi": 4}
    t, x = a1(ex, cols["target"]), a1(ex, cols["realisasi"])
    q = a1(ex, cols["target_tw"]) if "target_tw" in cols else None
    rows: list[tuple[str, Any]] = [
        ("Capaian (Arah Naik)", f"Realisasi ÷ Target, tidak dibatasi 100%. Di sheet "
                                f"Capaian Kinerja: ={x}/{t}"),
        ("Capaian (Arah Turun)", f"(2 × Target − Realisasi) ÷ Target: makin rendah "
                                 f"realisasi, makin tinggi capaian. Di sheet Capaian "
                                 f"Kinerja: =(2*{t}-{x})/{t}"),
        ("Capaian tanpa target atau realisasi", "Tanpa target yang dapat dipakai (kosong, 0 atau "
                                                "tidak terbaca): tidak ada capaian. Tanpa realisasi: "
                                                "\"belum diukur\"."),
        ("Capaian terhadap target triwulan",
         "Triwulan I-III: Realisasi ÷ Target TW I, II atau III dari PK (Arah Turun seperti di "
         "atas), di samping capaian terhadap Target tahunan"
         + (f"; di sheet Capaian Kinerja: ={x}/{q}" if q else "")
         + ". Target triwulan kosong, 0 atau tidak terbaca: tidak ada capaian triwulan. "
           "Triwulan IV: Target tahunan adalah target triwulan IV, satu capaian."),
        ("Predikat: capaian yang dinilai",
         "Capaian terhadap target triwulan (triwulan IV: terhadap Target tahunan). Triwulan "
         "I-III tanpa target triwulan: "
         + ("predikat dari capaian terhadap target tahunan, bertanda \"(terhadap target "
            "tahunan)\" (pengaturan predikat.tanpa_target_triwulan = tampilkan)."
            if st.tanpa_target_triwulan == "tampilkan" else
            "tanpa predikat, tertulis \"target triwulan tidak diisi\".")),
        ("Capaian rata-rata", "Rata-rata capaian indikator satu tabel yang punya capaian "
                              "(=AVERAGE), dengan keterangan berapa indikator yang dihitung. "
                              "Triwulan I-III: rata-rata capaian terhadap target triwulan bila "
                              "setiap indikator tabel itu punya target triwulan; selain itu "
                              "rata-rata capaian terhadap target tahunan, bertanda \"terhadap "
                              "target tahunan\", dengan predikat hanya bila pengaturan "
                              "predikat.tanpa_target_triwulan = tampilkan."),
    ]
    bands = _bands(st)
    for label, text in bands:
        rows.append((f"Predikat {label}", text))
    rows += [
        ("Predikat: pembulatan", "Predikat ditentukan dari capaian yang belum dibulatkan; "
                                 "batas bawah termasuk ke predikat itu."),
        ("Serapan anggaran", "Realisasi ÷ Pagu (angka hasil hitung, bukan angka yang "
                             "diketik untuk program/kegiatan)."),
        ("Sisa anggaran", "Pagu − Realisasi."),
        ("Angka anggaran", "Baris tanpa rincian memakai angka yang diketik; program, kegiatan "
                           "dan jumlah adalah jumlah baris di bawahnya (rumus SUM). Angka "
                           "yang diketik dan berbeda ditandai kuning dengan komentar."),
        ("Efisiensi: metode", st.metode),
        ("Efisiensi: rumus", METODE_TEXT[st.metode]
         + (" (positif bila hasil dicapai dengan anggaran lebih kecil dari rencana)"
            if st.metode == "selisih" else
            " (lebih dari 1 bila hasil dicapai dengan anggaran lebih kecil dari rencana)")
         + ". Pembagi 0: tidak dapat dihitung."),
        ("Realisasi dari Fasilitasi", "Item ditindaklanjuti ÷ semua item × 100%, tiap item "
                                      "dihitung sekali."),
        ("Realisasi dari Dokumen Desa", "Dokumen tepat waktu (RKPDes + APBDes + LPPDes) ÷ "
                                        "(jumlah desa × 3) × 100%."),
        ("Realisasi dari RKPDes/APBDes/LPPDes", "Desa yang menetapkan dokumen itu tepat waktu "
                                               "÷ jumlah desa × 100%."),
        ("Berkas masukan", ctx.report.file),
        ("SHA-256 berkas masukan", ctx.report.sha256 or "-"),
        ("Pengaturan", st.source or "bawaan (tanpa berkas pengaturan)"),
        ("Versi lkj-excel", __version__),
        ("Waktu proses", ctx.run_time),
        ("Waktu proses (ISO 8601)", ctx.run_time.isoformat(timespec="seconds")),
    ]
    r = r0 + 1
    for label, value in rows:
        sh.text(r, 0, label, "bold")
        if isinstance(value, dt.datetime):
            sh.date(r, 1, value)
        else:
            sh.text(r, 1, value)
        r += 1
    sh.row = r + 1


def _bands(settings) -> list[tuple[str, str]]:
    """The predikat bands in words: `capaian ≥ 91%`, `76% ≤ capaian < 91%`, …"""
    def pct(b: float) -> str:
        return (f"{b:g}".replace(".", ",")) + "%"

    out = []
    bounds = list(settings.batas)
    for i, label in enumerate(settings.label):
        if i == 0:
            out.append((label, f"capaian ≥ {pct(bounds[0])}"))
        elif i < len(bounds):
            out.append((label, f"{pct(bounds[i])} ≤ capaian < {pct(bounds[i - 1])}"))
        else:
            out.append((label, f"capaian < {pct(bounds[-1])}"))
    return out
