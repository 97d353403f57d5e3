"""Single figures: capaian, predikat, serapan, sisa, efisiensi, and amounts as written.

Capaian and predikat are computed exactly (as fractions of the decimal values typed), so
a capaian of exactly 91% is `Sangat Tinggi` and 90.99…% is not, whatever floats would say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..settings import Settings

METODE_TEXT = {
    "selisih": "1 − Serapan ÷ Capaian",
    "rasio": "Capaian ÷ Serapan",
}


def exact(x: Any) -> Fraction:
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
    t, r = exact(target), exact(realisasi)
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
    pct = exact(capaian_fraction) * 100
    for bound, label in zip(settings.batas, settings.label, strict=False):
        if pct >= exact(bound):
            return label
    return settings.label[-1]


TAHUNAN = "tahunan"  # a capaian against the year's Target
TERHADAP_TAHUNAN = "terhadap target tahunan"


@dataclass(frozen=True)
class Mean:
    """Capaian rata-rata of one table: the mean of the rows that have a capaian.

    `basis` TAHUNAN: in TW I-III, the mean of the capaian against the year's Target (some
    row lacks its quarter's target), labelled so; None: of the one capaian the table
    judges. `predikat` is the mean's predikat where it gets one (indicators.capaian_mean)."""

    value: float | None
    count: int  # rows with a capaian
    total: int  # rows in the table
    basis: str | None = None
    predikat: str | None = None

    @property
    def tahunan(self) -> bool:
        return self.basis == TAHUNAN

    @property
    def label(self) -> str:
        text = f"rata-rata {self.count} dari {self.total} indikator"
        return f"{text} {TERHADAP_TAHUNAN}" if self.tahunan else text


def rata_rata(values: Iterable[float | Fraction | None]) -> Mean:
    """Mean of the values that are not None, with how many rows it covers."""
    vals = list(values)
    present = [exact(v) for v in vals if v is not None]
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


class Absorption:
    """Sisa and serapan of a figure with `pagu` and `realisasi` (sen; None when unknown)."""

    pagu: int | None
    realisasi: int | None

    @property
    def sisa(self) -> int | None:
        return sisa(self.pagu, self.realisasi)

    @property
    def serapan(self) -> float | None:
        return serapan(self.pagu, self.realisasi)


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
