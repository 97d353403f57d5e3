"""Sheet `Pegawai` (docs/keluaran.md#9-pegawai): the staff table with the counts per Status."""

from __future__ import annotations

from ...tables.model import TOTAL
from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Pegawai"
HEADING = "DATA PEGAWAI"
STYLES = (("center",), (), (), ("center",), (), (), (), ())


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    table = ctx.tables.pegawai
    r0 = TITLE_ROWS
    if table.empty:
        sh.no_data(r0, table.empty)
        return
    sh.repeat = False  # the list and its counts: no header repeats above the counts
    sh.caps.update({1: 32, 4: 26, 5: 45, 6: 14})
    sh.mins.update({2: 22, 3: 5})
    sh.header(r0, [c.name for c in table.columns], first=True)
    r = r0 + 1
    here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), list(range(8)))
    for i, row in enumerate(table.rows):
        for c, v in enumerate(row.cells):
            put(ctx, sh, here, here.rows[i], c, v, *STYLES[c], wrap=c != 2)
    r = here.rows[-1] + 2
    counts = ctx.tables.pegawai_status
    sh.header(r, (None, *(c.name for c in counts.columns)))
    sh.blocks.append((r, r + len(counts.rows)))
    r += 1
    at = ctx.place(counts, NAME, list(range(r, r + len(counts.rows))), [1, 2])
    for i, row in enumerate(counts.rows):
        total = ("total",) if row.role == TOTAL else ()
        put(ctx, sh, at, at.rows[i], 1, row.cells[0], *total)
        put(ctx, sh, at, at.rows[i], 2, row.cells[1], "center", *total)
    sh.row = at.rows[-1] + 2
