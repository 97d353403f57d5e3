"""Budget codes (Kepmendagri 050-5889/2021 nomenclature) and the shipped code list."""

from __future__ import annotations

import csv
import functools
import io
import re
from importlib import resources

from .contract import norm_loose

CODE_RE = re.compile(r"^\d\.\d{2}\.\d{2}(?:\.\d\.\d{2}(?:\.(?:\d{2}|\d{4}))?)?$")

LEVEL_NAMES = {1: "program", 2: "kegiatan", 3: "sub kegiatan"}


@functools.lru_cache(maxsize=1 << 16)  # the checks ask for each row's key several times
def code_key(code: str) -> tuple[str, ...]:
    """Parts of a code for comparison; a 2-digit last part of a sub kegiatan code (6 or more
    parts) equals its `00`-padded form."""
    parts = tuple(p.strip() for p in code.strip().split("."))
    if len(parts) >= 6 and len(parts[-1]) == 2 and parts[-1].isdigit():
        parts = parts[:-1] + ("00" + parts[-1],)
    return parts


def is_valid(code: str) -> bool:
    return CODE_RE.match(code.strip()) is not None


def level_of(code: str) -> int | None:
    """1 program, 2 kegiatan, 3 sub kegiatan, from the number of parts; None below 3 parts."""
    n = len(code.strip().split("."))
    if n < 3:
        return None
    return 1 if n == 3 else 2 if n <= 5 else 3


def parent_key(key: tuple[str, ...]) -> tuple[str, ...] | None:
    """The parent code of a valid code (None for a program)."""
    if len(key) == 6:
        return key[:5]
    if len(key) == 5:
        return key[:3]
    return None


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[tuple[str, ...], str]:
    text = resources.files("lkj_excel").joinpath("data/nomenklatur-7.01.csv").read_text("utf-8")
    return {code_key(r["kode"]): r["uraian"] for r in csv.DictReader(io.StringIO(text))}


class Nomenclature:
    """The known codes: the shipped list of urusan 7.01 plus the Settings' additions."""

    def __init__(self, extra: dict[str, str] | None = None):
        self.names = dict(_shipped())
        for code, name in (extra or {}).items():
            self.names[code_key(code)] = name
        self.programs = {k for k in self.names if len(k) == 3}
        self._loose: dict[tuple[str, ...], str] = {}  # names lower-cased etc., as asked for

    def covers(self, key: tuple[str, ...]) -> bool:
        return len(key) >= 3 and key[:3] in self.programs

    def name(self, key: tuple[str, ...]) -> str | None:
        return self.names.get(key)

    def same_name(self, key: tuple[str, ...], uraian: str) -> bool:
        known = self._loose.get(key)
        if known is None:
            name = self.names.get(key)
            if name is None:
                return False
            if uraian == name:  # typed exactly as listed: the common case
                return True
            known = self._loose[key] = norm_loose(name)
        return known == norm_loose(uraian)

    def __len__(self) -> int:
        return len(self.names)

    def with_name(self, uraian: str) -> list[tuple[str, ...]]:
        """The codes whose name equals `uraian` after lower-casing and removing spaces and
        punctuation, in code order."""
        if not hasattr(self, "_by_name"):
            self._by_name: dict[str, list[tuple[str, ...]]] = {}
            for key in sorted(self.names, key=_sort_key):
                self._by_name.setdefault(norm_loose(self.names[key]), []).append(key)
        return self._by_name.get(norm_loose(uraian), [])

    def children(self, parent: tuple[str, ...] | None) -> list[tuple[str, ...]]:
        """The known codes directly under `parent` (None: the programs), in code order."""
        if parent is None:
            return sorted(self.programs, key=_sort_key)
        return sorted((k for k in self.names if parent_key(k) == parent), key=_sort_key)


def _sort_key(key: tuple[str, ...]) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in key)


def level_of_key(key: tuple[str, ...]) -> int:
    """1 program, 2 kegiatan, 3 sub kegiatan, by the number of parts of a valid code."""
    return {3: 1, 5: 2, 6: 3}.get(len(key), 3)


def canonical(key: tuple[str, ...]) -> str:
    """A code in the nomenclature's own form (`7.01.01.2.08.0001`)."""
    return ".".join(key)
