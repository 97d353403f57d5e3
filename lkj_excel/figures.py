"""The figures of the LKj (output.md "Figures"), computed from a checked workbook.

Pure functions and dataclasses: nothing here writes a file. Conventions:
- percentages are fractions (0.5444) everywhere except `Figures.to_json()`, which gives
  percent units rounded to two decimals (54.44);
- money stays integer sen until it is written (`rupiah()` gives the number to write);
- budget figures are always the *computed* figures of the Realisasi sheet
  (template.md, "Typed and computed figures");
- an indicator's realisation is the derived one where Sumber Realisasi is set.

Capaian and predikat are computed exactly (as fractions of the decimal values typed), so
a capaian of exactly 91% is `Sangat Tinggi` and 90.99…% is not, whatever floats would say.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .checks.budget import Budget, sum_known
from .checks.lists import fac_key
from .codes import code_key
from .model import BudgetRow, FacItem, PKRow
from .settings import Settings

LEVELS = ("Sasaran Strategis", "Sasaran Program", "Sasaran Kegiatan", "Sasaran Sub Kegiatan")
GROUPED_LEVELS = ("Sasaran Kegiatan", "Sasaran Sub Kegiatan")  # one table per Penanggung Jawab
NO_LEVEL = "Tingkat tidak terbaca"
DOCS = ("RKPDes", "APBDes", "LPPDes")
STAFF_STATUS = ("PNS", "PPPK", "Non PNS", "Pendamping")

BELUM_DIUKUR = "belum diukur"
TIDAK_DAPAT = "tidak dapat dihitung"
TARGET_MISSING = "target tidak ada"

METODE_TEXT = {
    "selisih": "1 − Serapan ÷ Capaian",
    "rasio": "Capaian ÷ Serapan",
}


# --- single figures ---------------------------------------------------------------------

def _exact(x: Any) -> Fraction:
    """A number as the decimal it was written as (0.91 is exactly 91/100)."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, float):
        return Fraction(repr(x))
    return Fraction(x)


def capaian_exact(target: float | None, realisasi: float | None,
                  arah: str | None = "Naik") -> Fraction | None:
    """Capaian as an exact fraction: R/T (Naik) or (2T − R)/T (Turun). Not capped.
    None when there is no usable target (blank or ≤ 0) or no realisation."""
    if target is None or realisasi is None:
        return None
    t, r = _exact(target), _exact(realisasi)
    if t <= 0:
        return None
    if (arah or "Naik") == "Turun":
        return (2 * t - r) / t
    return r / t


def capaian(target: float | None, realisasi: float | None,
            arah: str | None = "Naik") -> float | None:
    """Capaian as a fraction (0.5291 for 47.62 against 90); None: belum diukur / no target."""
    c = capaian_exact(target, realisasi, arah)
    return None if c is None else float(c)


def predikat(capaian_fraction: float | Fraction | None, settings: Settings | None = None) -> str | None:
    """The band of a capaian (a fraction), from the unrounded value, half-open bands:
    the first band whose lower bound (percent, `settings.batas`) it reaches, else the last."""
    if capaian_fraction is None:
        return None
    settings = settings or Settings()
    pct = _exact(capaian_fraction) * 100
    for bound, label in zip(settings.batas, settings.label, strict=False):
        if pct >= _exact(bound):
            return label
    return settings.label[-1]


@dataclass(frozen=True)
class Mean:
    """Capaian rata-rata of one table: the mean of the rows that have a capaian."""

    value: float | None
    count: int  # rows with a capaian
    total: int  # rows in the table

    @property
    def label(self) -> str:
        return f"rata-rata {self.count} dari {self.total} indikator"


def rata_rata(values: Iterable[float | Fraction | None]) -> Mean:
    """Mean of the values that are not None, with how many rows it covers."""
    vals = list(values)
    present = [_exact(v) for v in vals if v is not None]
    if not present:
        return Mean(None, 0, len(vals))
    return Mean(float(sum(present) / len(present)), len(present), len(vals))


def serapan(pagu: int | None, realisasi: int | None) -> float | None:
    """Realisasi ÷ Pagu (a fraction); None when either is unknown or Pagu is 0."""
    if pagu is None or realisasi is None or pagu == 0:
        return None
    return realisasi / pagu


def sisa(pagu: int | None, realisasi: int | None) -> int | None:
    """Pagu − Realisasi (sen); None when either is unknown."""
    if pagu is None or realisasi is None:
        return None
    return pagu - realisasi


def efisiensi(serapan_fraction: float | None, capaian_fraction: float | None,
              metode: str = "selisih") -> float | None:
    """`selisih`: 1 − Serapan ÷ Capaian; `rasio`: Capaian ÷ Serapan.
    None (tidak dapat dihitung) when a figure is missing or the divisor is 0."""
    if serapan_fraction is None or capaian_fraction is None:
        return None
    if metode == "rasio":
        if serapan_fraction == 0:
            return None
        return capaian_fraction / serapan_fraction
    if metode != "selisih":
        raise ValueError(f"metode efisiensi tidak dikenal: {metode!r}")
    if capaian_fraction == 0:
        return None
    return 1 - serapan_fraction / capaian_fraction


def rupiah(sen: int) -> int | float:
    """The number to write for an amount in sen: whole Rupiah as int, else Rupiah with sen."""
    return sen // 100 if sen % 100 == 0 else sen / 100


def has_sen(sen: int | None) -> bool:
    return sen is not None and sen % 100 != 0


# --- indicators ---------------------------------------------------------------------------

def _usable(v) -> Any:
    return None if v is None or v.unknown else v.value


@dataclass
class Indicator:
    """One PK row with its figures. `target`/`realisasi` are in the row's own units
    (percent units where the row is a percentage); `*_fraction` are what workbooks show."""

    pk: PKRow
    level: str
    penanggung_jawab: str | None
    target: float | None
    realisasi: float | None
    arah: str
    capaian_exact: Fraction | None
    predikat: str | None
    reason: str | None  # why there is no capaian: belum diukur / target tidak ada
    typed_realisasi: float | None = None  # the typed value where a derived one is used

    @property
    def is_percent(self) -> bool:
        return self.pk.is_percent

    @functools.cached_property
    def capaian(self) -> float | None:
        return None if self.capaian_exact is None else float(self.capaian_exact)

    def to_sheet(self, x: float | None) -> float | None:
        """A value in the row's units as written to a workbook (a fraction for percent rows)."""
        if x is None:
            return None
        return float(_exact(x) / 100) if self.is_percent else x

    @functools.cached_property
    def target_cell(self) -> float | None:
        return self.to_sheet(self.target)

    @functools.cached_property
    def realisasi_cell(self) -> float | None:
        return self.to_sheet(self.realisasi)

    @property
    def sumber(self) -> str | None:
        return self.pk.sumber.value

    @property
    def derived_note(self) -> str | None:
        return self.pk.derived_note if self.sumber else None

    @property
    def note(self) -> str:
        """Keterangan: where a derived realisation came from, why there is no capaian,
        and the Keterangan typed in PK."""
        parts: list[str] = []
        if self.sumber:
            sheet = "Fasilitasi" if self.sumber == "Fasilitasi" else "Dokumen Desa"
            text = f"Dihitung dari sheet {sheet}"
            if self.derived_note:
                text += f": {self.derived_note}"
            if self.typed_realisasi is not None and self.realisasi is not None \
                    and abs(self.typed_realisasi - self.realisasi) > 0.5:
                text += f" (tertulis di PK {_fmt_num(self.typed_realisasi)}"
                text += "%)" if self.is_percent else ")"
            parts.append(text)
        if self.reason == TARGET_MISSING:
            parts.append("Target kosong, 0 atau tidak terbaca: capaian tidak dapat dihitung")
        elif self.reason == BELUM_DIUKUR and not self.sumber:
            if self.pk.realisasi.unknown:
                parts.append("Realisasi tidak terbaca")
        kt = self.pk.keterangan.value
        if kt:
            parts.append(str(kt))
        return "; ".join(parts)


def _fmt_num(x: float) -> str:
    text = f"{x:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return text.rstrip("0").rstrip(",")


def indicator(row: PKRow, settings: Settings | None = None) -> Indicator:
    """The figures of one PK row."""
    settings = settings or Settings()
    target = _usable(row.target)
    if target is not None and target <= 0:
        target = None
    if row.sumber.value:
        real = row.derived
        typed = _usable(row.realisasi)
    else:
        real = _usable(row.realisasi)
        typed = None
    arah = row.arah.value or "Naik"
    c = capaian_exact(target, real, arah)
    reason = None
    if target is None:
        reason = TARGET_MISSING
    elif real is None:
        reason = BELUM_DIUKUR
    return Indicator(row, row.tingkat.value or NO_LEVEL, row.penanggung_jawab.value,
                     target, real, arah, c, predikat(c, settings), reason, typed)


@dataclass
class CapaianTable:
    """One table of the Capaian Kinerja sheet: one level (and, for kegiatan and sub
    kegiatan, one Penanggung Jawab)."""

    level: str
    penanggung_jawab: str | None
    rows: list[Indicator]
    mean: Mean
    grouped: bool = False

    @property
    def title(self) -> str:
        if self.grouped:
            return f"{self.level}: {self.penanggung_jawab or '(tanpa penanggung jawab)'}"
        return self.level


def _group(items: list[Indicator], key) -> Iterator[tuple[Any, list[Indicator]]]:
    order: dict[Any, list[Indicator]] = {}
    for it in items:
        order.setdefault(key(it), []).append(it)
    yield from order.items()


def capaian_tables(indicators: list[Indicator]) -> list[CapaianTable]:
    """One table per level present, in contract order; kegiatan and sub kegiatan levels
    one table per Penanggung Jawab (in PK order); rows whose Tingkat could not be read last."""
    tables: list[CapaianTable] = []
    for level in (*LEVELS, NO_LEVEL):
        rows = [i for i in indicators if i.level == level]
        if not rows:
            continue
        if level in GROUPED_LEVELS:
            for pj, grp in _group(rows, lambda i: i.penanggung_jawab):
                tables.append(CapaianTable(level, pj, grp, rata_rata(i.capaian_exact for i in grp),
                                           grouped=True))
        else:
            tables.append(CapaianTable(level, None, rows,
                                       rata_rata(i.capaian_exact for i in rows)))
    return tables


# --- budget ---------------------------------------------------------------------------------

def budget_row(budget: Budget | None, kode: str | None) -> BudgetRow | None:
    """The Realisasi row of a code (the first row when the code is repeated)."""
    if budget is None or not kode:
        return None
    return budget.by_key.get(code_key(kode))


def subtree(row: BudgetRow) -> Iterator[BudgetRow]:
    yield row
    for c in row.children:
        yield from subtree(c)


def sumber_dana(row: BudgetRow) -> str:
    """The distinct Sumber Dana of a row and the rows beneath it, in tree order."""
    seen: list[str] = []
    for r in subtree(row):
        v = r.sumber_dana.value
        if v is not None and str(v).strip() and str(v).strip() not in seen:
            seen.append(str(v).strip())
    return ", ".join(seen)


@dataclass
class ProgramFigure:
    row: BudgetRow
    pagu: int | None
    realisasi: int | None

    @property
    def sisa(self) -> int | None:
        return sisa(self.pagu, self.realisasi)

    @property
    def serapan(self) -> float | None:
        return serapan(self.pagu, self.realisasi)




@dataclass
class CostRow:
    """A row of the cost per outcome table: a PK row with a Kode and its budget."""

    indicator: Indicator
    kode: str
    budget: BudgetRow | None
    metode: str

    @property
    def pagu(self) -> int | None:
        return self.budget.c_pagu if self.budget else None

    @property
    def realisasi(self) -> int | None:
        return self.budget.c_realisasi if self.budget else None

    @property
    def serapan(self) -> float | None:
        return serapan(self.pagu, self.realisasi)

    @property
    def efisiensi(self) -> float | None:
        return efisiensi(self.serapan, self.indicator.capaian, self.metode)

    @property
    def note(self) -> str:
        """Why a figure is missing, in Bahasa Indonesia ('' when every figure is there)."""
        if self.budget is None:
            return f"Kode {self.kode} tidak ada di sheet Realisasi: efisiensi {TIDAK_DAPAT}"
        if self.pagu is None or self.realisasi is None:
            return f"Anggaran kode ini tidak terbaca: efisiensi {TIDAK_DAPAT}"
        if self.serapan is None:
            return f"Pagu 0: serapan dan efisiensi {TIDAK_DAPAT}"
        if self.indicator.capaian is None:
            return f"Capaian {self.indicator.reason or BELUM_DIUKUR}: efisiensi {TIDAK_DAPAT}"
        if self.efisiensi is None:
            divisor = "serapan" if self.metode == "rasio" else "capaian"
            return f"{divisor.capitalize()} 0: efisiensi {TIDAK_DAPAT}"
        return ""


@dataclass
class CostGroup:
    penanggung_jawab: str | None
    rows: list[CostRow]


def cost_groups(indicators: list[Indicator], budget: Budget | None,
                metode: str) -> list[CostGroup]:
    """Per Penanggung Jawab (in PK order), each PK row with a Kode."""
    with_code = [i for i in indicators if i.pk.kode.value]
    groups = []
    for pj, items in _group(with_code, lambda i: i.penanggung_jawab):
        groups.append(CostGroup(pj, [CostRow(i, i.pk.kode.value, budget_row(budget, i.pk.kode.value),
                                             metode) for i in items]))
    return groups


@dataclass
class BudgetLine:
    """A program / kegiatan in the Perjanjian Kinerja: its Kode with the Anggaran shown
    (the computed Pagu) and what the PK typed for it."""

    kode: str
    budget: BudgetRow | None
    typed: list[tuple[int, PKRow]]  # (sen, row) for every PK row that typed an Anggaran
    uraian_pk: str | None  # the sasaran, used when the code has no Realisasi row

    @property
    def uraian(self) -> str | None:
        if self.budget is not None and self.budget.uraian.value:
            return self.budget.uraian.value
        return self.uraian_pk

    @property
    def anggaran(self) -> int | None:
        """The Anggaran shown: the computed Pagu; the PK's own figure only when the code has
        no Realisasi row."""
        if self.budget is not None:
            return self.budget.c_pagu
        return self.typed[0][0] if self.typed else None

    @property
    def differs(self) -> list[tuple[int, PKRow]]:
        """The typed PK Anggaran figures that differ from the one shown."""
        shown = self.anggaran
        return [(v, r) for v, r in self.typed if v != shown]

    @property
    def sumber_dana(self) -> str:
        return sumber_dana(self.budget) if self.budget is not None else ""


def budget_lines(indicators: list[Indicator], budget: Budget | None) -> list[BudgetLine]:
    """The distinct Kodes of these PK rows, in PK order."""
    lines: dict[tuple[str, ...], BudgetLine] = {}
    for i in indicators:
        kode = i.pk.kode.value
        if not kode:
            continue
        key = code_key(kode)
        line = lines.get(key)
        if line is None:
            line = lines[key] = BudgetLine(kode, budget_row(budget, kode), [], i.pk.sasaran.value)
        amount = _usable(i.pk.anggaran)
        if amount is not None:
            line.typed.append((amount, i.pk))
    return list(lines.values())


# --- lists ------------------------------------------------------------------------------------

@dataclass
class FacRow:
    """A row of the Fasilitasi sheet and how it counts: a repeated item counts once (at its
    first row), as Ya if any of its rows says Ya."""

    item: FacItem
    counted: bool
    ya_counted: bool
    first_row: int | None  # for a repeat: the row of the item's first occurrence
    key: str = ""  # what "the same item" compares: see fac_key


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
    punctuation), counted as Ya if any of its rows says Ya (template.md)."""
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
    """The villages × documents, and how many set each document on time."""

    villages: list[str]  # keys, first-seen order
    names: dict[str, str]
    on_time: dict[str, int]  # document -> villages on time

    @property
    def n(self) -> int:
        return len(self.villages)

    def fraction(self, doc: str) -> float | None:
        return self.on_time[doc] / self.n if self.n else None

    @property
    def all_on_time(self) -> int:
        return sum(self.on_time.values())

    @property
    def all_fraction(self) -> float | None:
        return self.all_on_time / (self.n * 3) if self.n else None


# --- everything -----------------------------------------------------------------------------

@dataclass
class Figures:
    """Every figure of one LKj workbook."""

    metode: str
    indicators: list[Indicator] = field(default_factory=list)
    tables: list[CapaianTable] = field(default_factory=list)
    strategis: Mean = field(default_factory=lambda: Mean(None, 0, 0))
    cost: list[CostGroup] = field(default_factory=list)
    programs: list[ProgramFigure] = field(default_factory=list)
    pagu: int | None = None
    realisasi: int | None = None
    facilitation: FacilitationFigure | None = None
    villages: VillageFigure | None = None
    staff_status: dict[str, int] = field(default_factory=dict)

    @property
    def sisa(self) -> int | None:
        return sisa(self.pagu, self.realisasi)

    @property
    def serapan(self) -> float | None:
        return serapan(self.pagu, self.realisasi)

    def to_json(self) -> dict[str, Any]:
        """The headline figures, percentages in percent units (two decimals), Rupiah exact."""
        def pct(x):
            return None if x is None else round(x * 100, 2)

        def rp(sen):
            return None if sen is None else rupiah(sen)

        return {
            "capaian_rata_rata": pct(self.strategis.value),
            "capaian_rata_rata_indikator": [self.strategis.count, self.strategis.total],
            "pagu": rp(self.pagu),
            "realisasi": rp(self.realisasi),
            "sisa": rp(self.sisa),
            "serapan": pct(self.serapan),
            "metode_efisiensi": self.metode,
            "indikator": [
                {"tingkat": i.level, "penanggung_jawab": i.penanggung_jawab,
                 "indikator": i.pk.indikator.value, "target": i.target,
                 "realisasi": None if i.realisasi is None else round(i.realisasi, 2),
                 "capaian": pct(i.capaian), "predikat": i.predikat}
                for i in self.indicators
            ],
        }


def compute(report, settings: Settings | None = None) -> Figures:
    """Every figure of the LKj workbook of one checked file (a `report.FileReport`)."""
    settings = settings or Settings()
    fig = Figures(settings.metode)
    data = report.data
    if data is None:
        return fig
    fig.indicators = [indicator(r, settings) for r in data.pk]
    fig.tables = capaian_tables(fig.indicators)
    fig.strategis = rata_rata(i.capaian_exact for i in fig.indicators
                              if i.level == "Sasaran Strategis")
    budget: Budget | None = report.budget
    fig.cost = cost_groups(fig.indicators, budget, settings.metode)
    if budget is not None:
        fig.programs = [ProgramFigure(p, p.c_pagu, p.c_realisasi) for p in budget.programs]
        fig.pagu = sum_known(p.pagu for p in fig.programs)
        fig.realisasi = sum_known(p.realisasi for p in fig.programs)
    if "Fasilitasi" in data.present:
        fig.facilitation = facilitation(data.facilitation)
    vc = report.villages
    if vc is not None:
        fig.villages = VillageFigure(list(vc.villages), dict(vc.names),
                                     {d: vc.on_time(d) for d in DOCS})
    if "Pegawai" in data.present:
        counts: dict[str, int] = {s: 0 for s in STAFF_STATUS}
        for s in data.staff:
            v = s.status.value
            key = str(v) if v else "(kosong)"
            if not v and s.status.unknown:
                key = "(tidak terbaca)"
            counts[key] = counts.get(key, 0) + 1
        fig.staff_status = counts
    return fig
