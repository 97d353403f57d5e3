"""Which office a report is from, and which period (docs/arsip.md#kantor-yang-sama).

An office is its Pemerintah Daerah and Perangkat Daerah together (two kabupaten may each
have a Kecamatan Kalisat), each normalised: lower-cased, spaces and punctuation removed,
`Kec.` = `Kecamatan`, `Kab.`/`Pemerintah Kabupaten`/`Pemkab` = `Kabupaten`,
`Pemerintah Kota`/`Pemkot` = `Kota`. `[arsip.alias]` maps other spellings or an old name to
one name; an alias applies to either part (a renamed kecamatan, or `Lumajang` for
`Kabupaten Lumajang`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..contract import TRIWULAN, norm_loose

_ABBREVIATIONS = (
    (re.compile(r"\bpemerintah\s+kabupaten\b"), "kabupaten"),
    (re.compile(r"\bpemerintah\s+kota\b"), "kota"),
    (re.compile(r"\bpemkab\b"), "kabupaten"),
    (re.compile(r"\bpemkot\b"), "kota"),
    (re.compile(r"\bkab\b"), "kabupaten"),
    (re.compile(r"\bkec\b"), "kecamatan"),
)

# lower-cased, spaces and punctuation removed: how indicators and Uraian are matched
text_key = norm_loose


def normalise(name: object) -> str:
    """An office or Pemerintah Daerah name as compared: `Kec. Tempursari` ->
    `kecamatantempursari`, `Pemkab Lumajang` -> `kabupatenlumajang`."""
    if name is None:
        return ""
    s = " ".join(unicodedata.normalize("NFKC", str(name)).lower().split())
    for pattern, full in _ABBREVIATIONS:
        s = pattern.sub(full, s)
    return norm_loose(s)


def alias_map(aliases: Mapping[str, str] | None) -> dict[str, str]:
    """`[arsip.alias]` as normalised name -> normalised name."""
    return {normalise(k): normalise(v) for k, v in (aliases or {}).items()
            if normalise(k) and normalise(v)}


def _aliased(key: str, amap: Mapping[str, str]) -> str:
    seen = {key}
    while key in amap and amap[key] not in seen:  # follow a chain, never loop
        key = amap[key]
        seen.add(key)
    return key


@dataclass(frozen=True, order=True)
class OfficeKey:
    """The normalised identity of an office: compare these, never the names as typed."""

    pemda: str
    perangkat_daerah: str

    def __str__(self) -> str:
        return f"{self.pemda}/{self.perangkat_daerah}"


def office_key(pemda: object, perangkat_daerah: object,
               aliases: Mapping[str, str] | None = None) -> OfficeKey:
    """The office of a report, from the names as typed and `[arsip.alias]` (raw or already
    normalised by `alias_map`)."""
    amap = alias_map(aliases)
    return OfficeKey(_aliased(normalise(pemda), amap),
                     _aliased(normalise(perangkat_daerah), amap))


def tw_number(triwulan: object) -> int:
    """`I`..`IV`, `1`..`4` or 1..4 -> 1..4; ValueError otherwise."""
    if isinstance(triwulan, int) and not isinstance(triwulan, bool) and 1 <= triwulan <= 4:
        return triwulan
    if isinstance(triwulan, str):
        t = triwulan.strip().upper()
        if t in TRIWULAN:
            return TRIWULAN.index(t) + 1
        if t in ("1", "2", "3", "4"):
            return int(t)
    raise ValueError(f"triwulan {triwulan!r} tidak valid: I, II, III atau IV")


def tw_name(n: int) -> str:
    """1..4 -> `I`..`IV`."""
    return TRIWULAN[n - 1]
