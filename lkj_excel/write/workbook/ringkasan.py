"""Sheet `Ringkasan` (docs/keluaran.md#1-ringkasan): who, which period, the headline figures,
and two native charts, each on a page of its own above the table it is drawn from."""

from __future__ import annotations

import math

from ...tables.model import COUNT, GROUP
from .context import Context
from .layout import NO_DATA, TITLE_ROWS
from .render import put

NAME = "Ringkasan"
HEADING = "RINGKASAN LAPORAN KINERJA (LKj)"
BOLD_VALUE = ("Capaian rata-rata sasaran strategis", "Kesimpulan")


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    # column A holds the charts' short labels (SS1, 7.01.01); the summary starts in B
    sh.caps.update({0: 9, 1: 56, 2: 26, 3: 24, 4: 16})
    sh.mins.update({0: 6, 1: 30, 2: 18, 3: 16, 4: 12})
    sh.repeat = False  # several tables: no header repeats above another table
    table = ctx.tables.ringkasan
    r0 = TITLE_ROWS
    sh.header(r0, [None, *(c.name for c in table.columns[:3])], first=True)
    r = r0 + 1
    here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), [1, 2, 3, 4])
    for i, row in enumerate(table.rows):
        rr = here.rows[i]
        label, value, note, extra = row.cells
        if row.role == GROUP:
            sh.band(rr, label.value, 4)
            continue
        if label is None:
            continue
        put(ctx, sh, here, rr, 1, label, "bold")
        if value is not None and value.kind == COUNT:
            put(ctx, sh, here, rr, 2, value, "left")
        elif label.value in BOLD_VALUE and value is not None and value.formula is not None:
            put(ctx, sh, here, rr, 2, value, "bold")
        else:
            put(ctx, sh, here, rr, 2, value)
        put(ctx, sh, here, rr, 3, note)
        put(ctx, sh, here, rr, 4, extra)
    r = here.rows[-1] + 2
    r = _chart(ctx, sh, r, ctx.tables.grafik_capaian, 26, "percent",
               ((2, "Target", "#A6A6A6"), (3, "Realisasi", "#4472C4"), (4, "Capaian", "#ED7D31")),
               "Target, realisasi dan capaian kinerja", "0%")
    r = _chart(ctx, sh, r, ctx.tables.grafik_anggaran, 30, "amount",
               ((2, "Pagu", "#A6A6A6"), (3, "Realisasi", "#4472C4")),
               "Pagu dan realisasi anggaran per program (Rp)", "#,##0")
    sh.row = r


def _chart(ctx: Context, sh, r: int, table, per_row: int, kind: str, series, title: str,
           num_format: str) -> int:
    """A chart on a page of its own: the chart, then the table it is drawn from."""
    sh.band(r, table.title, 4)
    r += 1
    if not table.rows:
        sh.text(r, 0, NO_DATA, wrap=False)
        return r + 2
    sh.breaks.append(r - 1)
    height = 110 + per_row * len(table.rows)
    chart_row = r + 1
    r = chart_row + math.ceil(height / 17) + 1
    sh.header(r, [c.name for c in table.columns])
    r += 1
    here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), [0, 1, 2, 3, 4])
    for i, row in enumerate(table.rows):
        for c, v in enumerate(row.cells):
            put(ctx, sh, here, here.rows[i], c, v)
    first, last = here.rows[0], here.rows[-1]
    _bar_chart(ctx, sh, chart_row, first, last, height, series, title, num_format)
    return last + 2


def _bar_chart(ctx: Context, sh, chart_row: int, first: int, last: int, height: int,
               series, title: str, num_format: str) -> None:
    """A native bar chart of the table rows first..last, placed at chart_row."""
    chart = ctx.wb.add_chart({"type": "bar"})
    for col, name, color in series:
        chart.add_series({
            "name": name,
            "categories": [sh.name, first, 0, last, 0],
            "values": [sh.name, first, col, last, col],
            "fill": {"color": color},
            "gap": 50,
        })
    chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
    chart.set_x_axis({"num_format": num_format, "major_gridlines": {"visible": True},
                      "num_font": {"size": 9}})
    chart.set_y_axis({"reverse": True, "num_font": {"size": 9}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 940, "height": height})
    sh.ws.insert_chart(chart_row, 0, chart, {"object_position": 1})
