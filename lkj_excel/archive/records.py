"""A submission (docs/arsip.md#apa-yang-disimpan): one checked, readable report with its input's
bytes, as the archive stores it and reads it back. Numbers are exact: Decimal in the row's own
units (percent units on percent rows), money as integer sen, never float."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .codec import canonical
from .errors import NotArchivable
from .identity import TRIWULAN, OfficeKey, office_key, tw_number

QUARTER_TARGETS = ("target_tw1", "target_tw2", "target_tw3")


@dataclass(frozen=True)
class PKRecord:
    """One PK row as archived."""

    pos: int  # 0-based order in the PK sheet
    row: int | None  # the sheet row it was read from
    tingkat: str | None
    penanggung_jawab: str | None
    sasaran: str | None
    indikator: str | None
    satuan: str | None
    is_percent: bool
    arah: str | None
    kode: str | None
    target: Decimal | None
    target_tw1: Decimal | None = None
    target_tw2: Decimal | None = None
    target_tw3: Decimal | None = None
    target_renstra: Decimal | None = None
    standar_nasional: Decimal | None = None
    target_ll: Decimal | None = None  # Target Tahun Lalu as typed
    realisasi_ll: Decimal | None = None  # Realisasi Tahun Lalu as typed
    realisasi: Decimal | None = None  # the realisation used (derived where Sumber is set)
    realisasi_source: str | None = None  # None: typed; else the Sumber Realisasi it came from
    realisasi_typed: Decimal | None = None  # the typed value, where a derived one is used
    capaian_tahunan: Decimal | None = None  # percent units, against the year's Target
    capaian_triwulan: Decimal | None = None  # percent units, against this triwulan's target

    @property
    def derived(self) -> bool:
        return self.realisasi_source is not None

    def quarter_target(self, triwulan: int) -> Decimal | None:
        """The target of triwulan 1..4 (`Target` for TW IV)."""
        return self.target if triwulan == 4 else getattr(self, QUARTER_TARGETS[triwulan - 1])


@dataclass(frozen=True)
class BudgetRecord:
    """One Realisasi row as archived: computed figures (what the LKj uses) and typed ones."""

    pos: int
    row: int | None
    kode: str | None
    uraian: str | None
    level: int | None  # 1 program, 2 kegiatan, 3 sub kegiatan; None: total or unplaced
    is_total: bool
    pagu: int | None  # computed, sen
    realisasi: int | None  # computed, sen
    pagu_typed: int | None = None
    pagu_typed_unknown: bool = False  # the typed Pagu could not be read
    realisasi_typed: int | None = None
    realisasi_typed_unknown: bool = False
    kode_saran: str | None = None  # the code suggested for a mistyped Kode (figures/suggest.py)


@dataclass(frozen=True)
class FindingRecord:
    pos: int
    check: str
    severity: str
    sheet: str | None
    cell: str | None
    kode: str | None
    found: Any
    expected: Any
    message: str


@dataclass
class Submission:
    """Everything archived of one input (build it with `build_submission`)."""

    office: OfficeKey
    pemda: str | None  # as typed
    perangkat_daerah: str  # as typed
    tahun: int
    triwulan: int  # 1..4
    file_name: str
    content: bytes
    sha256: str
    tool_version: str
    processed_at: dt.datetime
    errors: int
    warnings: int
    sender: str | None = None
    sent_at: dt.datetime | None = None
    pk: list[PKRecord] = field(default_factory=list)
    budget: list[BudgetRecord] = field(default_factory=list)
    findings: list[FindingRecord] = field(default_factory=list)


def _usable(v: Any) -> Any:
    """The value of a model `Val` (None when unknown), or a bare value as it is."""
    if v is None:
        return None
    if hasattr(v, "unknown") and hasattr(v, "value"):
        return None if v.unknown else v.value
    return v


def _text(v: Any) -> str | None:
    value = _usable(v)
    return None if value is None else str(value)


def _number(v: Any) -> Decimal | None:
    value = _usable(v)
    return canonical(value) if isinstance(value, int | float | Decimal | Fraction) else None


def _sen(v: Any) -> int | None:
    value = _usable(v)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _percent(c: Fraction | None) -> Decimal | None:
    return None if c is None else canonical(c * 100)


def why_not_archived(report: Any) -> str | None:
    """Why a report is not a submission (Bahasa Indonesia), or None when it is one: only a
    readable input with a valid Perangkat Daerah, Tahun Anggaran and Triwulan is archived."""
    if not getattr(report, "readable", False) or report.data is None:
        return "berkas tidak terbaca"
    pd = report.data.identity.perangkat_daerah
    if not isinstance(pd, str) or not pd.strip():
        return "Perangkat Daerah kosong atau tidak terbaca"
    tahun = report.data.identity.tahun
    if not isinstance(tahun, int) or isinstance(tahun, bool):
        return "Tahun Anggaran kosong atau tidak valid"
    if report.data.identity.triwulan not in TRIWULAN:
        return "Triwulan kosong atau tidak valid"
    return None


def names_of(report: Any) -> tuple[str | None, str]:
    """(Pemerintah Daerah, Perangkat Daerah) of an archivable report, as typed (trimmed)."""
    ident = report.data.identity
    return _text(ident.values.get("Pemerintah Daerah")), ident.perangkat_daerah.strip()


def _pk_records(report: Any) -> list[PKRecord]:
    by_row = {id(i.pk): i for i in report.figures.indicators}
    out = []
    for pos, r in enumerate(report.data.pk):
        ind = by_row.get(id(r))
        source = _text(r.sumber)
        out.append(PKRecord(
            pos, r.row, _text(r.tingkat), _text(r.penanggung_jawab), _text(r.sasaran),
            _text(r.indikator), _text(r.satuan), bool(r.is_percent), _text(r.arah),
            _text(r.kode), _number(r.target),
            _number(r.target_tw1), _number(r.target_tw2), _number(r.target_tw3),
            _number(r.target_renstra), _number(r.standar_nasional),
            _number(r.target_ll), _number(r.realisasi_ll),
            realisasi=canonical(ind.realisasi) if ind is not None else _number(r.realisasi),
            realisasi_source=source,
            realisasi_typed=_number(r.realisasi) if source else None,
            capaian_tahunan=_percent(ind.capaian_exact) if ind is not None else None,
            # against this triwulan's target (Target TW n; in TW IV the year's Target)
            capaian_triwulan=_percent(ind.capaian_tw_exact) if ind is not None else None,
        ))
    return out


def _budget_records(report: Any) -> list[BudgetRecord]:
    from ..codes import canonical as code_text

    return [BudgetRecord(
        pos, b.row, _text(b.kode), _text(b.uraian), b.level, bool(b.is_total),
        b.c_pagu, b.c_realisasi, _sen(b.pagu), bool(b.pagu.unknown), _sen(b.realisasi),
        bool(b.realisasi.unknown), code_text(b.suggested) if b.suggested else None,
    ) for pos, b in enumerate(report.data.budget)]


def _finding_records(report: Any) -> list[FindingRecord]:
    return [FindingRecord(pos, f.check, f.severity, f.sheet, f.cell, f.kode, f.found,
                          f.expected, f.message) for pos, f in enumerate(report.findings)]


def build_submission(report: Any, content: bytes, settings: Any = None, *,
                     tool_version: str | None = None,
                     processed_at: dt.datetime | None = None) -> Submission:
    """The submission of a checked report (`pipeline.FileReport`) and its input's bytes.

    `settings` gives `[arsip.alias]`. Raises NotArchivable (with the reason) for a report that
    is not a submission, ValueError when `content` is not the input that was checked."""
    reason = why_not_archived(report)
    if reason is not None:
        raise NotArchivable(reason)
    digest = hashlib.sha256(content).hexdigest()
    if report.sha256 is not None and report.sha256 != digest:
        raise ValueError(f"{report.file}: the bytes given are not the input that was checked")
    if tool_version is None:
        from .. import __version__ as tool_version
    ident = report.data.identity
    pemda, pd = names_of(report)
    triwulan = tw_number(ident.triwulan)
    meta = report.meta or {}
    sent = meta.get("Tanggal Kirim")
    return Submission(
        office=office_key(pemda, pd, getattr(settings, "arsip_alias", None)),
        pemda=pemda, perangkat_daerah=pd, tahun=ident.tahun, triwulan=triwulan,
        file_name=str(report.file), content=bytes(content), sha256=digest,
        tool_version=str(tool_version),
        processed_at=processed_at or dt.datetime.now().astimezone().replace(microsecond=0),
        errors=report.errors, warnings=report.warnings,
        sender=meta.get("Pengirim") or None,
        sent_at=sent if isinstance(sent, dt.datetime) else None,
        pk=_pk_records(report), budget=_budget_records(report),
        findings=_finding_records(report),
    )
