"""Check one workbook: read it, reconcile it, collect the findings (the `check` pipeline)."""

from __future__ import annotations

import functools
import gc
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import budget as budget_checks
from .checks import lists, pk, staff
from .codes import Nomenclature
from .contract import SHEETS
from .findings import Finding, once_per_merged_value
from .model import WorkbookData
from .read.load import load, wanted_sheet
from .read.workbook import Unreadable, col_index, open_book
from .settings import Settings

SHEET_ORDER = {s.name: i for i, s in enumerate(SHEETS)}


def gc_paused(fn: Callable) -> Callable:
    """Run `fn` with Python's cyclic garbage collector paused. Reading and writing a workbook
    allocates hundreds of thousands of small objects that all stay alive until the file is
    done; the collector would scan them again and again for cycles it cannot free (benchmark
    (a): ~15% of the run). Memory is still freed by reference counting meanwhile, and the
    collector resumes when the file is done."""
    @functools.wraps(fn)
    def paused(*args, **kwargs):
        if not gc.isenabled():  # already paused by a caller
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()
    return paused


@dataclass
class FileReport:
    """The result of checking one input: its findings, and its data when it could be read."""

    file: str
    readable: bool = True
    findings: list[Finding] = field(default_factory=list)
    data: WorkbookData | None = None
    budget: budget_checks.Budget | None = None
    facilitation: lists.FacilitationCount | None = None
    villages: lists.VillageCount | None = None
    sha256: str | None = None
    output: str | None = None
    document: str | None = None  # the LKj document (.docx), when one was written
    meta: dict[str, Any] = field(default_factory=dict)  # e-mail sender and date, ...
    perangkat_daerah: str | None = None
    tahun: int | None = None
    triwulan: str | None = None
    figures: Any = None  # figures.Figures, set by `process` once computed

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def slim(self) -> FileReport:
        """The report without the workbook's data (what a batch keeps of each file)."""
        from dataclasses import replace

        return replace(self, data=None, budget=None, facilitation=None, villages=None,
                       figures=None)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "perangkat_daerah": self.perangkat_daerah,
            "tahun": self.tahun,
            "triwulan": self.triwulan,
            "readable": self.readable,
            "errors": self.errors,
            "warnings": self.warnings,
            "output": self.output,
            **({"document": self.document} if self.document else {}),
            "findings": [f.to_json() for f in self.findings],
        }


def _cell_pos(cell: str | None) -> tuple[int, int]:
    if not cell:
        return (0, 0)
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    return (int(digits or 0), col_index(letters.upper()) if letters else 0)


def sort_findings(findings: list[Finding], data: WorkbookData | None) -> list[Finding]:
    """Errors first, then by sheet (contract order), row, column and check id."""
    names = {v: k for k, v in (data.sheets.items() if data else [])}

    def key(f: Finding):
        contract = names.get(f.sheet, f.sheet)
        return (0 if f.is_error else 1, SHEET_ORDER.get(contract, len(SHEET_ORDER)),
                _cell_pos(f.cell), f.check)

    return sorted(findings, key=key)


@gc_paused
def check_source(source: str | Path | bytes, display: str, settings: Settings | None = None,
                 nomen: Nomenclature | None = None) -> FileReport:
    """Read and reconcile one workbook (a path or its bytes). Never raises for bad input."""
    settings = settings or Settings()
    rep = FileReport(display)
    try:
        raw_bytes = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        rep.readable = False
        rep.findings.append(Finding("file.unreadable", None, None,
                                    f"Berkas tidak dapat dibuka: {exc.strerror or exc}."))
        return rep
    rep.sha256 = hashlib.sha256(raw_bytes).hexdigest()
    try:
        book = open_book(raw_bytes, display, wanted=wanted_sheet)
    except Unreadable as exc:
        rep.readable = False
        rep.findings.append(Finding("file.unreadable", None, None, f"Berkas tidak terbaca: {exc}."))
        return rep
    findings: list[Finding] = []
    data = load(book, findings)
    rep.data = data
    ident = data.identity
    rep.perangkat_daerah, rep.tahun, rep.triwulan = ident.perangkat_daerah, ident.tahun, ident.triwulan
    reconcile(rep, settings, nomen or Nomenclature(settings.nomenklatur), findings)
    rep.findings = sort_findings(once_per_merged_value(findings), data)
    return rep


def reconcile(rep: FileReport, settings: Settings, nomen: Nomenclature,
              findings: list[Finding]) -> None:
    """Run every check on the data that was read."""
    data = rep.data
    ident = data.identity
    sheet = data.sheets.get
    if "Realisasi" in data.present:
        rep.budget = budget_checks.reconcile(data.budget, sheet("Realisasi"), nomen, findings)
    needed_docs: set[str] = set()
    for r in data.pk:
        src = r.sumber.value
        if src == "Dokumen Desa":
            needed_docs |= set(lists.DOCS)
        elif src in lists.DOCS:
            needed_docs.add(src)
    if "Fasilitasi" in data.present:
        rep.facilitation = lists.facilitation(data.facilitation, sheet("Fasilitasi"), findings)
    if "LPPDes" in data.present:
        rep.villages = lists.villages(data.villages, sheet("LPPDes"), ident, needed_docs, findings)
    pk.derive(data.pk, rep.facilitation, rep.villages)
    pk.check(data.pk, sheet("PK"), rep.budget, findings)
    staff.head_nip_problem(ident, findings)
    if "Pegawai" in data.present:
        staff.check(data.staff, sheet("Pegawai"), ident, findings)
