"""Sheet `Cost per Outcome` (docs/keluaran.md#6-cost-per-outcome): per Penanggung Jawab, each PK
row with a Kode: its budget (from Realisasi Anggaran), its performance (from Capaian Kinerja)
and the efisiensi."""

from __future__ import annotations

from ... import figures as F
from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Cost per Outcome"
HEADING = "COST PER OUTCOME (EFISIENSI)"


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    sh.caps.update({1: 20, 2: 20, 3: 14, 10: 11, 11: 18})
    sh.mins.update({4: 14, 5: 14, 6: 9, 7: 9, 8: 9, 9: 9, 10: 10})
    tables = ctx.tables.cost
    r = TITLE_ROWS
    if not tables:
        sh.no_data(r, "Tidak ada indikator PK yang diberi Kode program/kegiatan.")
        return
    metode = ctx.settings.metode
    first = tables[0]
    grouped = {c for _l, a, b in first.groups for c in range(first.col(a), first.col(b) + 1)}
    for c, col in enumerate(first.columns):
        if c not in grouped:
            sh.merge_text(r, c, c, col.name, "header", r2=r + 1)
    for label, a, b in first.groups:
        sh.merge_text(r, first.col(a), first.col(b), label, "header")
    sh.header(r + 1, [col.name if c in grouped else None for c, col in enumerate(first.columns)])
    sh.header_end = r + 1
    r += 2
    for table in tables:
        sh.band(r, table.title, 11)
        r += 1
        start = r - 1
        here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), list(range(12)))
        for i, row in enumerate(table.rows):
            for c, v in enumerate(row.cells):
                put(ctx, sh, here, here.rows[i], c, v, *(("center",) if c == 0 else ()))
        r = here.rows[-1] + 1
        sh.blocks.append((start, r - 1))
    r += 1
    sh.note(r, f"Efisiensi metode {metode}: {F.METODE_TEXT[metode]}"
               + (" (positif bila hasil dicapai dengan anggaran lebih kecil dari rencana)."
                  if metode == "selisih" else
                  " (lebih dari 1 bila hasil dicapai dengan anggaran lebih kecil dari rencana).")
               + " Pagu dan Realisasi dari sheet Realisasi Anggaran (kode yang sama); target, "
                 "realisasi dan capaian kinerja dari sheet Capaian Kinerja.", 11)
    sh.row = r + 1
