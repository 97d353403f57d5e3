"""Sheet `Fasilitasi` (docs/keluaran.md#7-fasilitasi): the items, how each counts (live COUNTIF
formulas over a folded Kunci Item column), the counts per Jenis and the percentage."""

from __future__ import annotations

from ... import figures as F
from ...tables.model import TOTAL
from .context import Context
from .layout import TITLE_ROWS
from .render import put

NAME = "Fasilitasi"
HEADING = "HASIL FASILITASI, KOORDINASI DAN REKOMENDASI"


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    items = ctx.tables.fasilitasi
    r0 = TITLE_ROWS
    if items.empty:
        sh.no_data(r0, items.empty)
        return
    sh.repeat = False  # the list and its counts: no header repeats above the counts
    sh.caps.update({1: 13, 2: 60, 5: 35, 8: 40})
    sh.folded.add(8)  # Kunci Item: what the COUNTIF formulas compare
    sh.mins.update({3: 9, 6: 12, 7: 12})
    sh.header(r0, [c.name for c in items.columns], first=True)
    first = r0 + 1
    here = ctx.place(items, NAME, list(range(first, first + len(items.rows))), list(range(9)))
    styles = (("center",), (), (), ("center",), (), (), ("center",), ("center",), ("muted",))
    for i, row in enumerate(items.rows):
        r = here.rows[i]
        for c, v in enumerate(row.cells):
            put(ctx, sh, here, r, c, v, *styles[c], wrap=c != 8)
    r = here.rows[-1] + 2
    summary = ctx.tables.fasilitasi_jumlah
    sh.header(r, (None, "Jenis", "Jumlah", None, None, None, "Item", "Ditindak-lanjuti"))
    sh.blocks.append((r, r + len(summary.rows)))
    r += 1
    sums = ctx.place(summary, NAME, list(range(r, r + len(summary.rows))), [1, 2, 6, 7])
    for i, row in enumerate(summary.rows):
        rr = sums.rows[i]
        total = ("total",) if row.role == TOTAL else ()
        jenis, uraian, n, y = row.cells
        put(ctx, sh, sums, rr, 1, jenis, *total)
        put(ctx, sh, sums, rr, 2, uraian, *total)
        put(ctx, sh, sums, rr, 6, n, "center", *total)
        if y is not None and y.value is None and y.formula is None and total:
            put(ctx, sh, sums, rr, 7, y, *total)
            sh.text(rr, 5, f"Daftar kosong: {F.TIDAK_DAPAT}", "muted")
        elif total and n is None:  # the percentage: no centring
            put(ctx, sh, sums, rr, 7, y, *total)
        else:
            put(ctx, sh, sums, rr, 7, y, "center", *total)
    r = sums.rows[-1] + 2
    sh.note(r, "Item yang tertulis lebih dari sekali (Jenis dan Uraian sama) dihitung sekali, "
               "sebagai ditindaklanjuti bila salah satu barisnya Ya. Kunci Item: Jenis dan "
               "Uraian tanpa huruf besar, spasi dan tanda baca (kolom I, dilipat: klik + di atas "
               "kolom untuk membukanya); baris dengan kunci yang sama adalah item yang sama.", 7)
    sh.row = r + 1
