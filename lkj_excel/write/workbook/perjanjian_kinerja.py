"""Sheet `Perjanjian Kinerja` (docs/keluaran.md#2-perjanjian-kinerja): per level the indicators
and targets, and the programs / kegiatan with Kode, Anggaran (the Pagu of that Kode in Realisasi
Anggaran) and Sumber Dana, with a total."""

from __future__ import annotations

from ...tables.model import TOTAL
from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Perjanjian Kinerja"
HEADING = "PERJANJIAN KINERJA"


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    sh.caps.update({1: 45, 2: 45, 4: 16, 5: 16})
    sh.mins.update({3: 18, 4: 15, 5: 14})
    r = TITLE_ROWS
    pairs = ctx.tables.perjanjian
    if not pairs:
        sh.no_data(r, "Sheet PK tidak ada atau tidak berisi indikator.")
        return
    sh.repeat = False  # several tables: each has its own header row
    for inds, budget in pairs:
        group = r
        sh.band(r, inds.title, 5)
        sh.header(r + 1, [c.name for c in inds.columns])
        r += 2
        here = ctx.place(inds, NAME, list(range(r, r + len(inds.rows))), [0, 1, 2, 3])
        for i, row in enumerate(inds.rows):
            for c, v in enumerate(row.cells):
                put(ctx, sh, here, here.rows[i], c, v, *(("center",) if c == 0 else ()))
        r = here.rows[-1] + 1
        sh.blocks.append((group, here.rows[-1]))
        if budget is not None:
            r += 1
            start = r
            r = _budget(ctx, sh, r, budget)
            sh.blocks.append((start, r - 1))
        sh.blocks.append((group, r - 1))  # the level's indicators with its budget lines
        r += 1
    sh.note(r, "Anggaran adalah pagu kode itu di sheet Realisasi Anggaran (jumlah rinciannya). "
               "Sel kuning: Anggaran yang tertulis di PK berbeda (lihat komentar sel).", 5)
    sh.row = r + 1


def _budget(ctx: Context, sh, r: int, table) -> int:
    """The programs (or kegiatan) of one table with a total row; returns the next free row."""
    no, uraian, kode, anggaran, dana = (c.name for c in table.columns)
    sh.text(r, 0, no, "header")
    sh.merge_text(r, 1, 2, uraian, "header")
    for c, label in ((3, kode), (4, anggaran), (5, dana)):
        sh.text(r, c, label, "header")
    r += 1
    here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), [0, 1, 3, 4, 5])
    for i, row in enumerate(table.rows):
        rr = here.rows[i]
        total = ("total",) if row.role == TOTAL else ()
        cells = row.cells
        put(ctx, sh, here, rr, 0, cells[0], *(total or ("center",)))
        sh.merge_text(rr, 1, 2, cells[1].value, *total)
        for c, v in zip((3, 4, 5), cells[2:], strict=True):
            put(ctx, sh, here, rr, c, v, *total)
    return here.rows[-1] + 1
