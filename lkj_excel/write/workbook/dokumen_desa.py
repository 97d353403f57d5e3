"""Sheet `Dokumen Desa` (docs/keluaran.md#8-dokumen-desa): villages × documents with dates and a
live status formula, and the counts per document with the derived percentages."""

from __future__ import annotations

from ...tables.model import TOTAL
from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Dokumen Desa"
HEADING = "DOKUMEN ADMINISTRASI PEMERINTAHAN DESA"


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    docs = ctx.tables.dokumen_desa
    r0 = TITLE_ROWS
    if docs.empty:
        sh.no_data(r0, docs.empty)
        return
    sh.repeat = False  # the list and its counts: no header repeats above the counts
    sh.caps.update({1: 25, 6: 45})
    sh.mins.update({3: 17, 4: 17, 5: 12})
    sh.header(r0, [c.name for c in docs.columns], first=True)
    first = r0 + 1
    here = ctx.place(docs, NAME, list(range(first, first + len(docs.rows))), list(range(7)))
    per_village = 3
    for i, row in enumerate(docs.rows):
        r = here.rows[i]
        if i % per_village == 0:
            sh.blocks.append((r, r + per_village - 1))
        for c, v in enumerate(row.cells):
            center = c == 5 or (c == 0 and v.value is not None)  # a village's number
            put(ctx, sh, here, r, c, v, *(("center",) if center else ()))
    r = here.rows[-1] + 2
    summary = ctx.tables.dokumen_desa_jumlah
    sh.header(r, (None, *(c.name for c in summary.columns)))
    sh.blocks.append((r, r + len(summary.rows)))
    r += 1
    sums = ctx.place(summary, NAME, list(range(r, r + len(summary.rows))), list(range(1, 7)))
    for i, row in enumerate(summary.rows):
        total = ("total",) if row.role == TOTAL else ()
        for c, v in enumerate(row.cells, 1):
            put(ctx, sh, sums, sums.rows[i], c, v, *(("center",) if 2 <= c <= 5 else ()), *total)
    r = sums.rows[-1] + 2
    sh.note(r, "Status: Tepat Waktu bila Tanggal Penetapan tidak melewati Batas Waktu, "
               "Terlambat bila sesudahnya, Belum bila belum ada tanggal, Tidak Diketahui bila "
               "Batas Waktu kosong atau tidak terbaca (tidak dihitung tepat waktu). Desa yang tertulis "
               "lebih dari sekali untuk satu dokumen dihitung sekali (baris pertama).", 6)
    sh.row = r + 1
