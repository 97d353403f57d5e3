"""Sheet `Capaian Kinerja` (docs/keluaran.md#3-capaian-kinerja): one table per level (kegiatan
and sub kegiatan per Penanggung Jawab), each indicator with its capaian and predikat as live
formulas, and each table's capaian rata-rata."""

from __future__ import annotations

from ...tables.model import MEAN
from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Capaian Kinerja"
HEADING = "CAPAIAN KINERJA"
STYLES = (("center",), (), (), (), (), (), (), ())


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    sh.caps.update({1: 36, 2: 36, 6: 14, 7: 36})
    sh.mins.update({3: 9, 4: 10, 5: 9, 6: 13})
    tables = ctx.tables.capaian
    r = TITLE_ROWS
    if not tables:
        sh.no_data(r, "Sheet PK tidak ada atau tidak berisi indikator.")
        return
    sh.repeat = False  # several tables: each has its own heading and header row
    for table in tables:
        sh.band(r, table.title, 7)
        sh.header(r + 1, [c.name for c in table.columns])
        r += 2
        here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), list(range(8)))
        for i, row in enumerate(table.rows):
            rr = here.rows[i]
            if row.role == MEAN:
                sh.merge_text(rr, 0, 4, row.cells[0].value, "total", "right", wrap=False)
                for c in (5, 6, 7):
                    put(ctx, sh, here, rr, c, row.cells[c], "total")
                continue
            for c, v in enumerate(row.cells):
                put(ctx, sh, here, rr, c, v, *STYLES[c])
        sh.blocks.append((here.rows[0] - 2, here.rows[-1]))
        r = here.rows[-1] + 1
    r += 1
    sh.note(r, "Capaian = Realisasi ÷ Target (Arah Naik) atau (2 × Target − Realisasi) ÷ "
               "Target (Arah Turun), tidak dibatasi 100%. Predikat dari capaian yang belum "
               "dibulatkan (lihat sheet Metode). Capaian rata-rata hanya dari indikator yang "
               "sudah punya capaian.", 7)
    sh.row = r + 1
