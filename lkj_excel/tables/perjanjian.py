"""Perjanjian Kinerja: per level the indicators with their targets, and the programs (or
kegiatan) of that level with Kode, Anggaran and Sumber Dana and a total
(docs/keluaran.md#2-perjanjian-kinerja)."""

from __future__ import annotations

from .. import figures as F
from ..money import format_rp
from .base import Source, value_kind
from .capaian import sasaran_cells
from .formulas import ref, sum_span
from .model import AMOUNT, COUNT, EMPTY, TOTAL, Column, Ref, Span, Table, Value
from .text import text

NOUN = {"Sasaran Strategis": "Anggaran", "Sasaran Program": "Program",
        "Sasaran Kegiatan": "Kegiatan", "Sasaran Sub Kegiatan": "Sub Kegiatan"}


def pk_tables(src: Source, budget_index: dict[int, int], budget_table: str
              ) -> list[tuple[Table, Table | None]]:
    """Per Capaian Kinerja table (level, Penanggung Jawab): its indicators, and its budget
    lines (None when no indicator has a Kode). `budget_index`: the Realisasi Anggaran row of
    each placed budget row, by id."""
    out = []
    memo: dict[int, list[str]] = {}
    for k, t in enumerate(src.figures.tables):
        inds = Table(f"pk_{k + 1}", f"{k + 1}. {t.title}", [
            Column("no", "No", COUNT), Column("sasaran", "Sasaran"),
            Column("indikator", "Indikator Kinerja"), Column("target", "Target")])
        inds.key = t
        for ind, (no, sasaran) in zip(t.rows, sasaran_cells(t.rows, src), strict=True):
            if ind.target is not None:
                target = Value(ind.target_cell, value_kind(ind), source=src.where("PK", ind.pk.target))
            else:
                target = Value(text(ind.pk.target), source=src.where("PK", ind.pk.target),
                               mark="typed")
            inds.add([no, sasaran, Value(text(ind.pk.indikator),
                                         source=src.where("PK", ind.pk.indikator)), target],
                     key=ind)
        lines = F.budget_lines(t.rows, src.figures.budget)
        budget = None
        if lines:
            budget = _budget_table(src, k, t, lines, budget_index, budget_table, memo)
        out.append((inds, budget))
    return out


def _sumber_dana(row, memo: dict[int, list[str]]) -> list[str]:
    """The distinct Sumber Dana of a budget row and the rows beneath it, in tree order
    (figures.sumber_dana, computed once per row of the tree)."""
    if row is None:
        return []
    got = memo.get(id(row))
    if got is None:
        got = []
        v = row.sumber_dana.value
        if v is not None and str(v).strip():
            got.append(str(v).strip())
        for child in row.children:
            got += [x for x in _sumber_dana(child, memo) if x not in got]
        memo[id(row)] = got
    return got


def _budget_table(src: Source, k: int, t: F.CapaianTable, lines: list[F.BudgetLine],
                  budget_index: dict[int, int], budget_table: str,
                  memo: dict[int, list[str]]) -> Table:
    table = Table(f"pk_{k + 1}_anggaran", f"{k + 1}. {t.title}: anggaran", [
        Column("no", "No", COUNT), Column("uraian", NOUN.get(t.level, "Uraian")), Column("kode", "Kode"),
        Column("anggaran", "Anggaran (Rp)", AMOUNT), Column("sumber_dana", "Sumber Dana")])
    table.key = t
    dana = [_sumber_dana(ln.budget, memo) for ln in lines]
    for i, (line, d) in enumerate(zip(lines, dana, strict=True), 1):
        table.add([Value(i, COUNT), Value(line.uraian), Value(line.kode),
                   _anggaran(src, line, budget_index, budget_table, table.id, i - 1),
                   Value(", ".join(d) or None)], key=line)
    amounts = [ln.anggaran for ln in lines]
    total = None if any(a is None for a in amounts) else sum(amounts)
    funds: list[str] = []
    for d in dana:
        for part in d:
            if part not in funds:
                funds.append(part)
    label = "Total" if t.level in ("Sasaran Strategis", "Sasaran Program") else "Jumlah"
    table.add([EMPTY, Value(label), EMPTY,
               Value(total, AMOUNT, sum_span(Span("anggaran", 0, len(lines) - 1))),
               Value(", ".join(funds) or None)], TOTAL)
    return table


def _anggaran(src: Source, line: F.BudgetLine, budget_index: dict[int, int],
              budget_table: str, table: str, r: int) -> Value:
    """The Anggaran shown (the computed Pagu of the Kode) with what the PK typed where it
    differs."""
    sources = [src.where("PK", pk.anggaran) for _v, pk in line.typed]
    source = sources[0] if sources else None
    note, mark = None, None
    if line.differs:
        seen: list[int] = []
        ids: list[str] = []
        for v, pk in line.differs:
            src.replaced("PK", pk.anggaran, line.kode, v, line.anggaran, AMOUNT, table, r,
                         "anggaran")
            if v not in seen:
                seen.append(v)
            for cid in src.ids("PK", pk.anggaran.addr):
                if cid not in ids:
                    ids.append(cid)
        note = "Tertulis di PK " + ", ".join(format_rp(v) for v in seen)
        if ids:
            note += "; " + ", ".join(ids)
        mark = "typed"
    ra = budget_index.get(id(line.budget)) if line.budget is not None else None
    if line.budget is not None and ra is not None:
        return Value(line.anggaran, AMOUNT, ref(Ref("pagu", ra, budget_table)), source,
                     mark=mark, note=note)
    if line.budget is not None:  # an unplaced row: its computed figure
        return Value(line.anggaran, AMOUNT, None, source, mark=mark, note=note)
    note = "Kode ini tidak ada di sheet Realisasi: angka tertulis di PK"
    ids = []
    for _v, pk in line.typed:
        ids += [c for c in src.ids("PK", pk.kode.addr) if c not in ids]
    if ids:
        note += "; " + ", ".join(ids)
    return Value(line.anggaran, AMOUNT, None, source, mark="typed", note=note)
