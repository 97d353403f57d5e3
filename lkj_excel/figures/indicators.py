"""The PK rows' figures: derived realisations, capaian and predikat per indicator, and the
tables of the Capaian Kinerja sheet."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..contract import DOCS, TRIWULAN
from ..model import PKRow
from ..settings import Settings
from .lists import FacilitationFigure, VillageFigure
from .numbers import TAHUNAN, TERHADAP_TAHUNAN, Mean, capaian_exact, exact, predikat, rata_rata

LEVELS = ("Sasaran Strategis", "Sasaran Program", "Sasaran Kegiatan", "Sasaran Sub Kegiatan")
GROUPED_LEVELS = ("Sasaran Kegiatan", "Sasaran Sub Kegiatan")  # one table per Penanggung Jawab
NO_LEVEL = "Tingkat tidak terbaca"

BELUM_DIUKUR = "belum diukur"
TIDAK_DAPAT = "tidak dapat dihitung"
TARGET_MISSING = "target tidak ada"
# TW I-III (docs/angka.md#capaian-triwulan-dan-predikat): a row without its quarter's
# target gets no predikat, and its predikat cell says so; a table's mean then judges the
# capaian against the year's Target and gets no predikat either
TW_TARGET_BLANK = "target triwulan tidak diisi"
TW_TARGET_INCOMPLETE = "target triwulan tidak lengkap"


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
    # the capaian triwulan: `quarter` is the report's triwulan when it is I-III (then the
    # Capaian Kinerja shows two capaian), None in TW IV or when Identitas gives none (one
    # capaian: against the year's Target, which is TW IV's). `capaian_exact` is always the
    # capaian tahunan; `predikat` judges the capaian triwulan, or with the setting
    # `tanpa_target_triwulan = "tampilkan"` the capaian tahunan (`predikat_tahunan`)
    quarter: int | None = None
    target_tw: float | None = None  # this triwulan's usable target (> 0)
    capaian_tw_exact: Fraction | None = None
    tw_reason: str | None = None  # why there is no capaian triwulan
    predikat_tahunan: bool = False

    @property
    def is_percent(self) -> bool:
        return self.pk.is_percent

    @functools.cached_property
    def capaian(self) -> float | None:
        """The capaian tahunan (against the year's Target), a fraction."""
        return None if self.capaian_exact is None else float(self.capaian_exact)

    @property
    def two_capaian(self) -> bool:
        """Whether this report judges a quarter target of its own (TW I-III)."""
        return self.quarter is not None

    @property
    def has_quarter_target(self) -> bool:
        return self.target_tw is not None

    @functools.cached_property
    def capaian_tw(self) -> float | None:
        """The capaian triwulan (TW IV: the capaian tahunan), a fraction."""
        return None if self.capaian_tw_exact is None else float(self.capaian_tw_exact)

    @property
    def quarter_name(self) -> str | None:
        """`TW I` … `TW III`; None in TW IV (one capaian)."""
        return None if self.quarter is None else f"TW {TRIWULAN[self.quarter - 1]}"

    @property
    def quarter_val(self):
        """This triwulan's target as read (a model.Val); None in TW IV."""
        return None if self.quarter is None else self.pk.quarter_target(self.quarter)

    @functools.cached_property
    def target_tw_cell(self) -> float | None:
        return self.to_sheet(self.target_tw)

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
        if self.tw_reason == TIDAK_DAPAT:
            q = self.quarter_val
            why = "tidak terbaca" if q.unknown else f"{_fmt_num(q.value)}"
            parts.append(f"Target {self.quarter_name} {why}: capaian triwulan tidak dapat "
                         f"dihitung")
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


def indicator(row: PKRow, settings: Settings | None = None,
              triwulan: int | None = None) -> Indicator:
    """The figures of one PK row in a report of triwulan 1-4 (None: not known)."""
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
    ind = Indicator(row, row.tingkat.value or NO_LEVEL, row.penanggung_jawab.value,
                    target, real, arah, c, None, reason, typed)
    if triwulan in (1, 2, 3):
        _quarter(ind, row.quarter_target(triwulan), triwulan, settings)
    else:  # TW IV (or not known): the year's Target is this triwulan's, one capaian
        ind.target_tw, ind.capaian_tw_exact, ind.tw_reason = target, c, reason
        ind.predikat = predikat(c, settings)
    return ind


def _quarter(ind: Indicator, q, triwulan: int, settings: Settings) -> None:
    """The capaian triwulan of a TW I-III report and the predikat it gets."""
    ind.quarter = triwulan
    if q.unknown or (q.value is not None and q.value <= 0):
        ind.tw_reason = TIDAK_DAPAT  # 0 or unreadable: not pk.target_missing (docs/mengisi-template.md#sheet-pk)
    elif q.value is None:
        ind.tw_reason = TW_TARGET_BLANK
    else:
        ind.target_tw = q.value
        ind.capaian_tw_exact = capaian_exact(q.value, ind.realisasi, ind.arah)
        if ind.capaian_tw_exact is None:
            ind.tw_reason = BELUM_DIUKUR
    if ind.capaian_tw_exact is not None:
        ind.predikat = predikat(ind.capaian_tw_exact, settings)
    elif (ind.target_tw is None and settings.tanpa_target_triwulan == "tampilkan"
          and ind.capaian_exact is not None):
        ind.predikat = predikat(ind.capaian_exact, settings)
        ind.predikat_tahunan = True


def capaian_mean(rows: list[Indicator], settings: Settings | None = None) -> Mean:
    """A table's capaian rata-rata (docs/angka.md#capaian-triwulan-dan-predikat): the
    mean of the capaian triwulan when every row has its quarter's target (in TW IV: of the
    one capaian), with its predikat; else the mean of the capaian tahunan, labelled
    `terhadap target tahunan`, without a predikat (with `tanpa_target_triwulan =
    "tampilkan"`: with the predikat of that mean, labelled so)."""
    settings = settings or Settings()
    if all(r.has_quarter_target or not r.two_capaian for r in rows):
        m = rata_rata(r.capaian_tw_exact for r in rows)
        return Mean(m.value, m.count, m.total, None, predikat(m.value, settings))
    m = rata_rata(r.capaian_exact for r in rows)
    shown = settings.tanpa_target_triwulan == "tampilkan"
    return Mean(m.value, m.count, m.total, TAHUNAN, predikat(m.value, settings) if shown else None)


def predikat_text(label: str | None, tahunan: bool) -> str | None:
    """A predikat as shown: `Rendah`, or `Rendah (terhadap target tahunan)` where it judges
    the capaian tahunan in TW I-III."""
    if label is None:
        return None
    return f"{label} ({TERHADAP_TAHUNAN})" if tahunan else label


def no_predikat_text(rows: list[Indicator]) -> str:
    """What a mean's predikat cell says when the mean is against the year's Target."""
    return (TW_TARGET_INCOMPLETE if any(r.has_quarter_target for r in rows)
            else TW_TARGET_BLANK)


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


def capaian_tables(indicators: list[Indicator],
                   settings: Settings | None = None) -> list[CapaianTable]:
    """One table per level present, in contract order; kegiatan and sub kegiatan levels
    one table per Penanggung Jawab (in PK order); rows whose Tingkat could not be read last."""
    tables: list[CapaianTable] = []
    for level in (*LEVELS, NO_LEVEL):
        rows = [i for i in indicators if i.level == level]
        if not rows:
            continue
        if level in GROUPED_LEVELS:
            for pj, grp in group_by(rows, lambda i: i.penanggung_jawab):
                tables.append(CapaianTable(level, pj, grp, capaian_mean(grp, settings),
                                           grouped=True))
        else:
            tables.append(CapaianTable(level, None, rows, capaian_mean(rows, settings)))
    return tables
