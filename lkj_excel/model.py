"""The data of one workbook, typed, every value with the cell it came from, and the data
types the reader, the figures and the checks share (`Cell`, `Budget`, `fac_key`).

The reader fills it; the figures add what they place and compute (the budget tree, the
derived realisations); the checks only read it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .codes import code_key
from .contract import norm_loose, triwulan_number


@dataclass(slots=True)
class Cell:
    """A value read from a cell. `addr` is the cell findings point at (for a merged value,
    the merged range's first cell)."""

    raw: Any
    addr: str
    row: int
    col: int
    no_value: bool = False  # a formula without a cached value
    percent: bool | None = False  # has a percent number format (None: unknown)
    merged: bool = False

    @property
    def blank(self) -> bool:
        if self.no_value:
            return False
        raw = self.raw
        return raw is None or (isinstance(raw, str) and not raw.strip())


@dataclass(slots=True)
class Val:
    """A typed value and its cell. `unknown`: the cell holds something that could not be
    read (cell.invalid, cell.formula_without_value); figures built on it are not checked."""

    value: Any = None
    cell: Cell | None = None
    unknown: bool = False
    addr_if_blank: str | None = None  # where the value would be, for findings on a blank cell
    blank_merged: bool = False  # the blank cell lies in a merged range (addr_if_blank: its first cell)

    @property
    def addr(self) -> str | None:
        return self.cell.addr if self.cell is not None else self.addr_if_blank

    @property
    def merged(self) -> bool:
        """The value was copied into this row from a merged range: a finding about it repeats
        the one the range's other rows give (docs/pemeriksaan.md#aturan-tepi)."""
        return self.cell.merged if self.cell is not None else self.blank_merged

    @property
    def present(self) -> bool:
        return self.value is not None

    @property
    def known(self) -> Any:
        """The value, or None when the cell could not be read."""
        return None if self.unknown else self.value


@dataclass
class Identity:
    sheet: str | None = None
    values: dict[str, Val] = field(default_factory=dict)  # Isian -> Val, in row order
    missing: list[str] = field(default_factory=list)  # Isian without a row (header row found)

    def get(self, isian: str) -> Any:
        v = self.values.get(isian)
        return v.value if v else None

    @property
    def perangkat_daerah(self) -> str | None:
        return self.get("Perangkat Daerah")

    @property
    def tahun(self) -> int | None:
        return self.get("Tahun Anggaran")

    @property
    def triwulan(self) -> str | None:
        return self.get("Triwulan")

    def period_end(self) -> dt.date | None:
        """The last day of the reported triwulan."""
        if not self.tahun or not self.triwulan:
            return None
        month = triwulan_number(self.triwulan) * 3
        nxt = dt.date(self.tahun + (month == 12), month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)


@dataclass
class PKRow:
    row: int
    tingkat: Val
    penanggung_jawab: Val
    sasaran: Val
    indikator: Val
    satuan: Val
    arah: Val
    target: Val
    realisasi: Val
    sumber: Val
    kode: Val
    anggaran: Val
    target_ll: Val
    realisasi_ll: Val
    keterangan: Val
    # template version 2 (a version 1 workbook leaves them blank): the cumulative target up
    # to the end of triwulan I, II, III, the Renstra's target, the national standard
    target_tw1: Val = field(default_factory=Val)
    target_tw2: Val = field(default_factory=Val)
    target_tw3: Val = field(default_factory=Val)
    target_renstra: Val = field(default_factory=Val)
    standar_nasional: Val = field(default_factory=Val)
    is_percent: bool = True
    # the realisation derived from Sumber Realisasi and where it came from (set by figures)
    derived: float | None = None
    derived_note: str | None = None

    @property
    def kode_text(self) -> str | None:
        return self.kode.value

    def quarter_target(self, triwulan: int) -> Val:
        """The target of triwulan 1-4 as read: Target TW I-III, the year's Target for TW IV."""
        return (self.target_tw1, self.target_tw2, self.target_tw3, self.target)[triwulan - 1]

    @property
    def realisasi_value(self) -> float | None:
        """The realisation the figures use: derived where Sumber Realisasi gives one."""
        if self.sumber.value:
            return self.derived
        return self.realisasi.value


@dataclass
class BudgetRow:
    row: int
    kode: Val
    uraian: Val
    pagu: Val
    realisasi: Val
    sisa: Val
    sumber_dana: Val
    is_total: bool = False
    # placement (filled by figures.budget.place)
    level: int | None = None  # 1 program, 2 kegiatan, 3 sub kegiatan
    parent: BudgetRow | None = None
    children: list[BudgetRow] = field(default_factory=list)
    placed_by_position: bool = False
    unplaced: bool = False
    placement_note: str = ""
    # computed figures (sen); None when unknown
    c_pagu: int | None = None
    c_realisasi: int | None = None
    # the code a mistyped Kode most likely means (figures.suggest), as a code key
    suggested: tuple[str, ...] | None = None

    @property
    def kode_text(self) -> str | None:
        return self.kode.value

    @property
    def c_sisa(self) -> int | None:
        if self.c_pagu is None or self.c_realisasi is None:
            return None
        return self.c_pagu - self.c_realisasi


def sum_known(values: Iterable[int | None]) -> int | None:
    """The sum, or None when any value is unknown."""
    total = 0
    for v in values:
        if v is None:
            return None
        total += v
    return total


@dataclass
class Budget:
    """The placed budget table: programs (tree roots), the total row, unplaced rows."""

    rows: list[BudgetRow]
    programs: list[BudgetRow]
    total: BudgetRow | None
    unplaced: list[BudgetRow]
    by_key: dict[tuple[str, ...], BudgetRow]  # first row of each code
    duplicates: list[tuple[BudgetRow, BudgetRow]] = field(default_factory=list)  # (repeat, first)

    def find(self, code: str) -> BudgetRow | None:
        return self.by_key.get(code_key(code))

    def tree(self) -> Iterator[BudgetRow]:
        """Rows in tree order: each under the parent it was placed with, siblings in input order."""
        stack = list(reversed(self.programs))
        while stack:
            row = stack.pop()
            yield row
            stack.extend(reversed(row.children))

    @property
    def pagu(self) -> int | None:
        """The programs' computed Pagu; None when one is not known (as in figures)."""
        return sum_known(p.c_pagu for p in self.programs)

    @property
    def realisasi(self) -> int | None:
        return sum_known(p.c_realisasi for p in self.programs)


@dataclass
class FacItem:
    row: int
    jenis: Val
    uraian: Val
    ya: Val  # bool
    tanggal: Val
    keterangan: Val


def fac_key(it: FacItem) -> str:
    """The text two rows of one item share: Jenis and Uraian lower-cased without spaces and
    punctuation (`fasilitasi:penyusunanrkpdes`); an item without Uraian is its own row.
    Letters, digits and one ':' only, at most 240 characters (a longer text ends in a
    digest), so Excel's COUNTIF can compare it exactly: no wildcard, no 255-character limit."""
    if it.uraian.value is None:
        return f"baris{it.row}"
    key = f"{norm_loose(it.jenis.value)}:{norm_loose(it.uraian.value)}"
    if len(key) > 240:
        key = key[:200] + hashlib.sha1(key.encode()).hexdigest()[:16]
    return key


TEPAT_WAKTU, TERLAMBAT, BELUM, TIDAK_DIKETAHUI = "Tepat Waktu", "Terlambat", "Belum", "Tidak Diketahui"


@dataclass
class VillageDoc:
    row: int
    desa: Val
    dokumen: Val
    batas: Val
    tanggal: Val
    keterangan: Val
    key: str = ""

    @property
    def status(self) -> str:
        """`Tepat Waktu` (date <= Batas Waktu), `Terlambat`, `Belum` (no date), or
        `Tidak Diketahui` when a date is set but Batas Waktu is blank or unreadable: then it
        cannot be told on time, and does not count as such."""
        t, b = self.tanggal.value, self.batas.value
        if t is None:
            return BELUM
        if b is None:
            return TIDAK_DIKETAHUI
        return TEPAT_WAKTU if t <= b else TERLAMBAT


@dataclass
class Staff:
    row: int
    nama: Val
    nip: Val
    lp: Val
    pangkat: Val
    jabatan: Val
    pendidikan: Val
    status: Val


@dataclass
class WorkbookData:
    """Everything read from one workbook."""

    identity: Identity = field(default_factory=Identity)
    pk: list[PKRow] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    facilitation: list[FacItem] = field(default_factory=list)
    villages: list[VillageDoc] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    sheets: dict[str, str] = field(default_factory=dict)  # contract name -> name in file
    present: set[str] = field(default_factory=set)  # contract sheets found
