"""What the parts of the document share: the report, its tables (the LKj workbook's, so the
two cannot disagree), the body being written; and the facts the generated sentences state,
read from those tables' cells (never computed again here)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...tables.model import TOTAL, Row, Table, Value
from ...tables.text import text
from .body import Body, placeholder, run
from .numbers import shown
from .tables import cell_text, table_xml


@dataclass
class Doc:
    report: Any  # pipeline.FileReport
    settings: Any
    tables: Any  # tables.LkjTables
    body: Body
    logo_xml: str = ""

    @property
    def figures(self):
        return self.report.figures

    # --- the Ringkasan table: identity and headline figures ---------------------------
    def summary_row(self, label: str) -> Row | None:
        for row in self.tables.ringkasan.rows:
            first = row.cells[0] if row.cells else None
            if first is not None and first.value == label:
                return row
        return None

    def summary(self, label: str, col: int = 1) -> Value | None:
        """The value in column `col` of the Ringkasan row `label` (None: no such row or an
        empty cell)."""
        row = self.summary_row(label)
        if row is None or col >= len(row.cells) or row.cells[col] is None:
            return None
        v = row.cells[col]
        return v if v.value is not None else None

    def said(self, label: str, col: int = 1) -> str | None:
        """The Ringkasan value as the workbook shows it (None when empty)."""
        v = self.summary(label, col)
        if v is None:
            return None
        return cell_text(v)[0] or None

    def field(self, label: str, what: str, col: int = 1) -> str:
        """Run XML of an identity value, or a placeholder naming what to write."""
        text = self.said(label, col)
        return run(text) if text else placeholder(what)

    def identity(self, isian: str) -> str | None:
        """An Identitas value as text (None when blank)."""
        data = self.report.data
        return text(data.identity.values.get(isian)) if data is not None else None

    @property
    def office(self) -> str | None:
        return self.said("Perangkat Daerah")

    @property
    def period(self) -> str:
        return self.tables.period

    def staff_sentence(self) -> str | None:
        """`Jumlah pegawai 26 orang: 10 PNS, 0 PPPK, 8 Non PNS, 8 Pendamping.` (the counts
        per Status of the Pegawai sheet); None without staff."""
        status = self.tables.pegawai_status
        total = total_row(status)
        if status is None or total is None:
            return None
        parts = [f"{value_text(r.cells[1])} {r.cells[0].value}" for r in status.rows
                 if r.role != TOTAL]
        return f"Jumlah pegawai {value_text(total.cells[1])} orang: {', '.join(parts)}."

    # --- writing tables -----------------------------------------------------------------
    def table(self, table: Table | None, caption: str, missing: str = "Tidak ada data.",
              **options) -> bool:
        """A captioned table, or a line saying why there is none; True when a table was
        written."""
        b = self.body
        if table is None or table.empty or not table.rows:
            why = table.empty if table is not None and table.empty else missing
            b.p(run(f"{caption}: tidak ada data. {why}".strip(), italic=True))
            return False
        b.caption(caption)
        b.add(table_xml(table, b.styles, b.width, **options))
        b.p(after=120)  # air below the table
        return True


def untitled(title: str) -> str:
    """A table title without its number: `2. Sasaran Program` -> `Sasaran Program`."""
    return re.sub(r"^\d+\.\s*", "", title)


def total_row(table: Table | None) -> Row | None:
    if table is None:
        return None
    return next((r for r in table.rows if r.role == TOTAL), None)


def value_text(v: Value | None) -> str | None:
    """A value as the workbook shows it (None: empty)."""
    if v is None or v.value is None:
        return None
    return shown(v.value, v.kind) if not isinstance(v.value, str) else v.value
