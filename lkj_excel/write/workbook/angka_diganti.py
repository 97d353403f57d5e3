"""Sheet `Angka Diganti` (docs/keluaran.md#11-angka-diganti): every figure shown in place of a
typed one, with the input cell, what was typed, what is shown (a live reference to the cell that
shows it) and why."""

from __future__ import annotations

from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Angka Diganti"
HEADING = "ANGKA DIGANTI: ANGKA ISIAN YANG TIDAK DIPAKAI APA ADANYA"


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    sh.caps.update({0: 14, 1: 8, 2: 20, 3: 18, 4: 18, 5: 18, 6: 45})
    sh.mins.update({3: 14, 4: 14, 5: 14})
    table = ctx.tables.angka_diganti
    r0 = TITLE_ROWS
    sh.header(r0, [c.name for c in table.columns], first=True)
    r = r0 + 1
    if table.empty:
        sh.merge_text(r, 0, 6, table.empty, "bold")
        last = r
    else:
        here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), list(range(7)))
        for i, row in enumerate(table.rows):
            for c, v in enumerate(row.cells):
                put(ctx, sh, here, here.rows[i], c, v)
        last = here.rows[-1]
    sh.ws.autofilter(r0, 0, last, 6)
    r = last + 2
    sh.note(r, "Angka yang tertulis di isian tetapi tidak dipakai apa adanya: jumlah program, "
               "kegiatan dan total diganti jumlah rinciannya, Sisa dihitung ulang dari Pagu − "
               "Realisasi, realisasi yang dihitung dari daftar menggantikan yang diketik, "
               "Anggaran PK diganti pagu kodenya, Target/Realisasi Tahun Lalu diganti angka laporan "
               "TW IV tahun lalu di arsip. Dipakai merujuk ke sel yang menampilkannya; "
               "Sebab: pemeriksaan yang menemukan perbedaan itu (lihat sheet Rekonsiliasi), "
               "'dihitung ulang', atau laporan arsip asalnya.", 6)
    sh.row = r + 1
