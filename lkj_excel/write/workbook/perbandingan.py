"""Sheet `Perbandingan` (docs/keluaran.md#4-perbandingan): per indicator, last year's
target, realisation and capaian with their source, this year's target with the realisation
and capaian of each quarter so far, the change against last year, and the Renstra target and
national standard where given (tables/perbandingan.py)."""

from __future__ import annotations

from ...tables.perbandingan import notes
from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Perbandingan"
HEADING = "PERBANDINGAN REALISASI DAN CAPAIAN KINERJA DENGAN TRIWULAN DAN TAHUN SEBELUMNYA"


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    table = ctx.tables.perbandingan
    cols = table.columns
    sh.caps.update({1: 55, table.col("sumber_ll"): 22})
    sh.mins.update({c: 9 for c in range(2, len(cols))})
    r0 = TITLE_ROWS
    if table.empty:
        sh.no_data(r0, table.empty)
        return
    sh.merge_text(r0, 0, 0, cols[0].name, "header", r2=r0 + 1)
    sh.merge_text(r0, 1, 1, cols[1].name, "header", r2=r0 + 1)
    for label, a, b in table.groups:
        sh.merge_text(r0, table.col(a), table.col(b), label, "header")
    sh.header(r0 + 1, (None, None, *(c.name for c in cols[2:])))
    sh.header_end = r0 + 1
    r = r0 + 2
    here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), list(range(len(cols))))
    for i, row in enumerate(table.rows):
        for c, v in enumerate(row.cells):
            put(ctx, sh, here, here.rows[i], c, v, *(("center",) if c == 0 else ()))
    r = here.rows[-1] + 2
    last = len(cols) - 1
    for line in notes(table):
        sh.note(r, line, last)
        r += 1
    sh.row = r

