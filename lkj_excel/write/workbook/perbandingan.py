"""Sheet `Perbandingan` (docs/keluaran.md#4-perbandingan): per indicator, target, realisation
and capaian last year (as typed in PK) and this year (from Capaian Kinerja)."""

from __future__ import annotations

from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Perbandingan"
HEADING = "PERBANDINGAN REALISASI DAN CAPAIAN KINERJA DENGAN TAHUN LALU"


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    sh.caps.update({1: 55})
    sh.mins.update({c: 10 for c in range(2, 8)})
    table = ctx.tables.perbandingan
    r0 = TITLE_ROWS
    if table.empty:
        sh.no_data(r0, table.empty)
        return
    cols = table.columns
    sh.merge_text(r0, 0, 0, cols[0].name, "header", r2=r0 + 1)
    sh.merge_text(r0, 1, 1, cols[1].name, "header", r2=r0 + 1)
    for label, a, b in table.groups:
        sh.merge_text(r0, table.col(a), table.col(b), label, "header")
    sh.header(r0 + 1, (None, None, *(c.name for c in cols[2:])))
    sh.header_end = r0 + 1
    r = r0 + 2
    here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), list(range(8)))
    for i, row in enumerate(table.rows):
        for c, v in enumerate(row.cells):
            put(ctx, sh, here, here.rows[i], c, v, *(("center",) if c == 0 else ()))
    r = here.rows[-1] + 2
    sh.note(r, "Tahun ini: target dan realisasi kumulatif sampai akhir triwulan yang "
               "dilaporkan (dari sheet Capaian Kinerja).", 7)
    sh.row = r + 1
