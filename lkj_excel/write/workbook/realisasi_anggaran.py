"""Sheet `Realisasi Anggaran` (docs/keluaran.md#5-realisasi-anggaran): the budget table in tree
order with SUM formulas, outline levels, the total row, and the rows that could not be placed.
"""

from __future__ import annotations

from ... import figures as F
from ...tables.model import TOTAL
from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Realisasi Anggaran"
HEADING = "REALISASI ANGGARAN"


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    sh.caps.update({0: 20, 1: 60})
    sh.mins.update({2: 14, 3: 14, 4: 14, 5: 10, 6: 14, 7: 14})
    table = ctx.tables.realisasi_anggaran
    r0 = TITLE_ROWS
    if table.empty:
        sh.no_data(r0, table.empty)
        return
    sh.header(r0, [c.name for c in table.columns], first=True)
    here = ctx.place(table, NAME, list(range(r0 + 1, r0 + 1 + len(table.rows))), list(range(len(table.columns))))
    rows = table.rows
    for i, row in enumerate(rows):
        r = here.rows[i]
        if row.role == TOTAL:
            for c, v in enumerate(row.cells):
                put(ctx, sh, here, r, c, v, "total")
            continue
        level = row.level
        bold = ("bold",) if level <= 2 else ()
        kode, uraian, *figures = row.cells
        put(ctx, sh, here, r, 0, kode, *bold)
        put(ctx, sh, here, r, 1, uraian, *bold, *((f"ind{level - 1}",) if level > 1 else ()))
        if level > 1:
            sh.levels[r] = level - 1
        for c, v in enumerate(figures, 2):
            put(ctx, sh, here, r, c, v, *bold)
        b = row.key
        if b.children:
            size = sum(1 for _ in F.subtree(b))
            sh.blocks.append((r, r + size - 1))
    r = here.rows[-1] + 2
    unplaced = ctx.tables.unplaced
    if unplaced is not None:
        sh.repeat = False  # a second table: no header repeats above it
        sh.band(r, unplaced.title, 6)
        r += 1
        sh.header(r, [c.name for c in unplaced.columns])
        sh.caps[6] = 40
        r += 1
        sh.blocks.append((r - 2, r - 1 + len(unplaced.rows)))
        up = ctx.place(unplaced, NAME, list(range(r, r + len(unplaced.rows))), list(range(7)))
        for i, row in enumerate(unplaced.rows):
            for c, v in enumerate(row.cells):
                put(ctx, sh, up, up.rows[i], c, v)
        r += len(unplaced.rows) + 1
    sh.note(r, "Angka program, kegiatan dan jumlah adalah jumlah baris di bawahnya (rumus "
               "SUM); Sisa = Pagu − Realisasi; Serapan = Realisasi ÷ Pagu.", 5)
    if len(table.columns) > 6:
        r += 1
        sh.note(r, f"{table.columns[6].name}: Realisasi laporan triwulan sebelumnya di arsip "
                   f"(lihat komentar sel); {table.columns[7].name} = Realisasi − "
                   f"{table.columns[6].name}; kosong untuk baris yang baru triwulan ini.", 5)
    sh.note(r + 1, "Sel berwarna kuning: angka yang tertulis di isian berbeda dengan yang "
                   "ditampilkan (lihat komentar sel). Baris berwarna jingga: kodenya tidak "
                   "menunjukkan induknya, ditempatkan menurut posisinya.", 5)
    sh.row = r + 2
