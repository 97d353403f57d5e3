"""Sheet `Capaian Kinerja` (docs/keluaran.md#3-capaian-kinerja): one table per level (kegiatan
and sub kegiatan per Penanggung Jawab), each indicator with its capaian and predikat as live
formulas, and each table's capaian rata-rata. In TW I-III each indicator has two capaian,
against this triwulan's target and against the year's
(docs/angka.md#capaian-triwulan-dan-predikat)."""

from __future__ import annotations

from ...tables.model import MEAN
from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Capaian Kinerja"
HEADING = "CAPAIAN KINERJA"
# column key -> width cap and width minimum (characters)
CAPS = {"sasaran": 36, "indikator": 36, "predikat": 14, "keterangan": 36}
MINS = {"target_tw": 9, "target": 9, "realisasi": 10, "capaian_tw": 9, "capaian": 9,
        "predikat": 13}


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    tables = ctx.tables.capaian
    r = TITLE_ROWS
    if not tables:
        sh.no_data(r, "Sheet PK tidak ada atau tidak berisi indikator.")
        return
    cols = tables[0].columns
    keys = [c.key for c in cols]
    two = "capaian_tw" in keys
    sh.caps.update({keys.index(k): w for k, w in CAPS.items()})
    if two:  # ten columns: a `tidak dapat dihitung` wraps rather than widen its column
        sh.caps.update({keys.index("capaian_tw"): 13, keys.index("capaian"): 13})
    sh.mins.update({keys.index(k): w for k, w in MINS.items() if k in keys})
    last = len(cols) - 1
    first_capaian = keys.index("capaian_tw" if two else "capaian")
    sh.repeat = False  # several tables: each has its own heading and header row
    for table in tables:
        sh.band(r, table.title, last)
        sh.header(r + 1, [c.name for c in table.columns])
        r += 2
        here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), list(range(len(cols))))
        for i, row in enumerate(table.rows):
            rr = here.rows[i]
            if row.role == MEAN:
                sh.merge_text(rr, 0, first_capaian - 1, row.cells[0].value, "total", "right",
                              wrap=False)
                for c in range(first_capaian, len(cols)):
                    put(ctx, sh, here, rr, c, row.cells[c], "total")
                continue
            for c, v in enumerate(row.cells):
                put(ctx, sh, here, rr, c, v, *(("center",) if c == 0 else ()))
        sh.blocks.append((here.rows[0] - 2, here.rows[-1]))
        r = here.rows[-1] + 1
    r += 1
    note = ("Capaian = Realisasi ÷ Target (Arah Naik) atau (2 × Target − Realisasi) ÷ "
            "Target (Arah Turun), tidak dibatasi 100%. ")
    if two:
        note += ("Capaian terhadap target triwulan memakai Target triwulan ini, capaian "
                 "terhadap target tahunan memakai Target tahun ini. Predikat dari capaian "
                 "terhadap target triwulan yang belum dibulatkan; indikator tanpa target "
                 "triwulan tidak diberi predikat (lihat sheet Metode). Capaian rata-rata dari "
                 "capaian terhadap target triwulan bila setiap indikator tabel itu punya "
                 "target triwulan, selain itu terhadap target tahunan; hanya dari indikator "
                 "yang sudah punya capaian.")
    else:
        note += ("Predikat dari capaian yang belum dibulatkan (lihat sheet Metode). Capaian "
                 "rata-rata hanya dari indikator yang sudah punya capaian.")
    sh.note(r, note, last)
    sh.row = r + 1
