"""Sheet `Rekonsiliasi` (docs/keluaran.md#10-rekonsiliasi): every finding, one row each, errors
first."""

from __future__ import annotations

from ..findings_table import write_findings
from .context import Context
from .layout import TITLE_ROWS

NAME = "Rekonsiliasi"
HEADING = "REKONSILIASI: TEMUAN PEMERIKSAAN DATA ISIAN"


def render(ctx: Context) -> None:
    sh = ctx.sheets[NAME]
    sh.caps.update({1: 22, 3: 12, 5: 16, 6: 16, 7: 16, 9: 40})
    sh.mins.update({6: 12, 7: 12, 8: 12})
    table = ctx.tables.rekonsiliasi
    r0 = TITLE_ROWS
    sh.header(r0, [c.name for c in table.columns], first=True)
    r = r0 + 1
    if not table.rows:
        sh.merge_text(r, 0, 9, "Tidak ada temuan: data isian konsisten.", "bold")
        ctx.place(table, NAME, [r], list(range(10)))  # the Ringkasan counts look here
        last = r
    else:
        here = ctx.place(table, NAME, list(range(r, r + len(table.rows))), list(range(10)))
        write_findings(_Cells(ctx, sh, here), table, here.rows)
        last = here.rows[-1]
    sh.ws.autofilter(r0, 0, last, 9)
    sh.row = last + 2


class _Cells:
    """The findings-table writer's cell interface over an LKj sheet (bordered cells)."""

    def __init__(self, ctx: Context, sh, here) -> None:
        self.ctx, self.sh, self.here = ctx, sh, here

    def text(self, r: int, c: int, key: str, value, bold: bool) -> None:
        self.sh.text(r, c, value, *(("bold",) if bold else ()))

    def number(self, r: int, c: int, key: str, value, style: str) -> None:
        if key == "no":
            self.sh.number(r, c, value, style, "center")
        else:
            self.sh.number(r, c, value, style if value is not None else "")

    def formula(self, r: int, c: int, key: str, formula: str, value, style: str) -> None:
        self.sh.formula(r, c, formula, value, style)

    def excel(self, v, r: int) -> str:
        return self.ctx.excel(v.formula, self.here, r)
