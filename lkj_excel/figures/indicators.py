"""The PK rows' figures: derived realisations, capaian and predikat per indicator, and the
tables of the Capaian Kinerja sheet."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..contract import DOCS
from ..model import PKRow
from ..settings import Settings
from .lists import FacilitationFigure, VillageFigure
from .numbers import Mean, capaian_exact, exact, predikat, rata_rata

LEVELS = ("Sasaran Strategis", "Sasaran Program", "Sasaran Kegiatan", "Sasaran Sub Kegiatan")
GROUPED_LEVELS = ("Sasaran Kegiatan", "Sasaran Sub Kegiatan")  # one table per Penanggung Jawab
NO_LEVEL = "Tingkat tidak terbaca"

BELUM_DIUKUR = "belum diukur"
TIDAK_DAPAT = "tidak dapat dihitung"
TARGET_MISSING = "target tidak ada"


def derive(rows: list[PKRow], fac: FacilitationFigure | None, vil: VillageFigure | None) -> None:
    """Set each row's derived realisation (percent units) and the note saying where it came
    from (docs/angka.md#realisasi-turunan)."""
    for r in rows:
        src = r.sumber.value
        if not src:
            continue
        if src == "Fasilitasi":
            if fac is None or fac.total == 0:
                r.derived, r.derived_note = None, "daftar Fasilitasi kosong: tidak dapat dihitung"
            else:
                r.derived = fac.ya / fac.total * 100
                r.derived_note = f"{fac.ya} dari {fac.total} item ditindaklanjuti"
        elif vil is None or vil.n == 0:
            r.derived, r.derived_note = None, "daftar desa (LPPDes) kosong: tidak dapat dihitung"
        elif src == "Dokumen Desa":
            done = sum(vil.on_time[d] for d in DOCS)
            r.derived = done / (vil.n * 3) * 100
            r.derived_note = f"{done} dari {vil.n * 3} dokumen ({vil.n} desa × 3) tepat waktu"
        else:
            done = vil.on_time[src]
            r.derived = done / vil.n * 100
            r.derived_note = f"{done} dari {vil.n} desa menetapkan {src} tepat waktu"


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
        return float(exact(x) / 100) if self.is_percent else x

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
    target = row.target.known
    if target is not None and target <= 0:
        target = None
    if row.sumber.value:
        real = row.derived
        typed = row.realisasi.known
    else:
        real = row.realisasi.known
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


def group_by(items: list[Indicator],
             key: Callable[[Indicator], Any]) -> Iterator[tuple[Any, list[Indicator]]]:
    """The items grouped by `key`, groups in order of first appearance."""
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
            for pj, grp in group_by(rows, lambda i: i.penanggung_jawab):
                tables.append(CapaianTable(level, pj, grp, rata_rata(i.capaian_exact for i in grp),
                                           grouped=True))
        else:
            tables.append(CapaianTable(level, None, rows,
                                       rata_rata(i.capaian_exact for i in rows)))
    return tables
