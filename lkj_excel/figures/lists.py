"""The lists realisations derive from, counted: Fasilitasi items, the villages' documents
(LPPDes), and the staff by status."""

from __future__ import annotations

from dataclasses import dataclass

from ..contract import DOCS, STATUS_PEGAWAI
from ..model import (
    BELUM,
    TEPAT_WAKTU,
    TERLAMBAT,
    TIDAK_DIKETAHUI,
    FacItem,
    Staff,
    VillageDoc,
    fac_key,
)

STAFF_STATUS = tuple(c.value for c in STATUS_PEGAWAI)


@dataclass
class FacRow:
    """A row of the Fasilitasi sheet and how it counts: a repeated item counts once (at its
    first row), as Ya if any of its rows says Ya."""

    item: FacItem
    counted: bool
    ya_counted: bool
    first_row: int | None  # for a repeat: the row of the item's first occurrence
    key: str = ""  # what "the same item" compares: see model.fac_key


@dataclass
class FacilitationFigure:
    rows: list[FacRow]
    total: int
    ya: int

    @property
    def fraction(self) -> float | None:
        return self.ya / self.total if self.total else None

    def by_jenis(self) -> list[tuple[str, int, int]]:
        out: dict[str, list[int]] = {}
        for r in self.rows:
            j = r.item.jenis.value or "(tanpa jenis)"
            acc = out.setdefault(j, [0, 0])
            acc[0] += r.counted
            acc[1] += r.ya_counted
        return [(j, n, y) for j, (n, y) in out.items()]


def facilitation(items: list[FacItem]) -> FacilitationFigure:
    """Each item once (same Jenis and Uraian after lower-casing and removing spaces and
    punctuation), counted as Ya if any of its rows says Ya
    (docs/angka.md#realisasi-turunan)."""
    first: dict[str, FacRow] = {}
    rows: list[FacRow] = []
    for it in items:
        k = fac_key(it)
        head = first.get(k)
        if head is None:
            fr = FacRow(it, True, bool(it.ya.value), None, k)
            first[k] = fr
        else:
            fr = FacRow(it, False, False, head.item.row, k)
            head.ya_counted = head.ya_counted or bool(it.ya.value)
        rows.append(fr)
    total = sum(r.counted for r in rows)
    return FacilitationFigure(rows, total, sum(r.ya_counted for r in rows))


@dataclass
class VillageFigure:
    """The villages × documents: each village once and each of its documents once (their
    first rows), and per document how many villages are at each status (`VillageDoc.status`;
    a village without a row for the document counts as Belum)."""

    villages: list[str]  # village keys, first-seen order
    names: dict[str, str]  # key -> name as first written
    first_row: dict[str, VillageDoc]  # key -> the village's first row
    docs: dict[tuple[str, str], VillageDoc]  # (key, document) -> its first row
    statuses: dict[str, dict[str, int]]  # document -> status -> villages

    @property
    def n(self) -> int:
        return len(self.villages)

    @property
    def on_time(self) -> dict[str, int]:
        """Document -> villages that set it on time."""
        return {doc: counts[TEPAT_WAKTU] for doc, counts in self.statuses.items()}

    def count(self, status: str) -> int:
        """Village documents at `status`, all documents together."""
        return sum(counts[status] for counts in self.statuses.values())

    def fraction(self, doc: str) -> float | None:
        return self.statuses[doc][TEPAT_WAKTU] / self.n if self.n else None

    @property
    def all_on_time(self) -> int:
        return self.count(TEPAT_WAKTU)

    @property
    def all_fraction(self) -> float | None:
        return self.all_on_time / (self.n * 3) if self.n else None


def villages(docs: list[VillageDoc]) -> VillageFigure:
    """Distinct villages (by `VillageDoc.key`) and their documents; a repeated village and
    document counts once, by its first row
    (docs/angka.md#realisasi-turunan)."""
    order: list[str] = []
    names: dict[str, str] = {}
    first_row: dict[str, VillageDoc] = {}
    by_doc: dict[tuple[str, str], VillageDoc] = {}
    for d in docs:
        if not d.key:
            continue
        if d.key not in first_row:
            first_row[d.key] = d
            order.append(d.key)
            names[d.key] = d.desa.value
        doc = d.dokumen.value
        if doc is not None:
            by_doc.setdefault((d.key, doc), d)
    statuses = {}
    for doc in DOCS:
        counts = {TEPAT_WAKTU: 0, TERLAMBAT: 0, BELUM: 0, TIDAK_DIKETAHUI: 0}
        for key in order:
            d = by_doc.get((key, doc))
            counts[d.status if d is not None else BELUM] += 1
        statuses[doc] = counts
    return VillageFigure(order, names, first_row, by_doc, statuses)


def staff_status(staff: list[Staff]) -> dict[str, int]:
    """Staff per Status: every contract status (0 when none), then `(kosong)`, `(tidak
    terbaca)` and any other text as found."""
    counts: dict[str, int] = {s: 0 for s in STAFF_STATUS}
    for s in staff:
        v = s.status.value
        key = str(v) if v else "(kosong)"
        if not v and s.status.unknown:
            key = "(tidak terbaca)"
        counts[key] = counts.get(key, 0) + 1
    return counts
