"""The pipeline of one workbook: read it, compute its figures, run the checks on both, and
collect the findings (`check`; `process` then writes the LKj workbook from the report)."""

from __future__ import annotations

import functools
import gc
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import catalogue as C
from . import checks
from .codes import Nomenclature
from .contract import SHEETS
from .figures import Figures, compute
from .findings import Finding, once_per_merged_value
from .model import WorkbookData
from .read.load import load, wanted_sheet
from .read.workbook import Unreadable, col_index, open_book
from .settings import Settings

SHEET_ORDER = {s.name: i for i, s in enumerate(SHEETS)}
# checks whose findings without a cell come after the cell findings of their sheet
# (docs/pemeriksaan.md#urutan-temuan); every other no-cell finding comes before them
LAST_IN_SHEET = frozenset(c.id for c in C.HISTORY)


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
    """The result of checking one input: its findings, and its data and figures when it
    could be read."""

    file: str
    readable: bool = True
    findings: list[Finding] = field(default_factory=list)
    data: WorkbookData | None = None
    figures: Figures | None = None  # computed by the pipeline whenever `data` is set
    sha256: str | None = None
    output: str | None = None
    document: str | None = None  # the LKj document (.docx), when one was written
    meta: dict[str, Any] = field(default_factory=dict)  # e-mail sender and date, ...
    perangkat_daerah: str | None = None
    tahun: int | None = None
    triwulan: str | None = None
    # the office's earlier reports from the archive (archive.earlier.Earlier), None without
    # an archive or without any: read by the history checks and the Perbandingan
    earlier: Any = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def slim(self) -> FileReport:
        """The report without the workbook's data (what a batch keeps of each file)."""
        from dataclasses import replace

        return replace(self, data=None, figures=None, earlier=None)

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
    """Errors first, then by sheet (contract order), row, column and check id; a finding
    without a cell comes before the cell findings of its sheet, a history one after them."""
    names = {v: k for k, v in (data.sheets.items() if data else [])}

    def key(f: Finding):
        contract = names.get(f.sheet, f.sheet)
        late = f.cell is None and f.check in LAST_IN_SHEET
        return (0 if f.is_error else 1, SHEET_ORDER.get(contract, len(SHEET_ORDER)), late,
                _cell_pos(f.cell), f.check)

    return sorted(findings, key=key)


@gc_paused
def check_source(source: str | Path | bytes, display: str, settings: Settings | None = None,
                 nomen: Nomenclature | None = None, history=None) -> FileReport:
    """Read one workbook (a path or its bytes), compute its figures and run the checks.
    `history` (archive.earlier: `ArchiveHistory`, `Known`) gives the office's earlier
    reports once the identity is read; None: no archive. Never raises for bad input."""
    settings = settings or Settings()
    rep = FileReport(display)
    try:
        raw_bytes = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        rep.readable = False
        rep.findings.append(C.FILE_UNREADABLE.finding(
            None, None,
            f"Berkas tidak dapat dibuka: {exc.strerror or exc}."))
        return rep
    rep.sha256 = hashlib.sha256(raw_bytes).hexdigest()
    try:
        book = open_book(raw_bytes, display, wanted=wanted_sheet)
    except Unreadable as exc:
        rep.readable = False
        rep.findings.append(C.FILE_UNREADABLE.finding(None, None, f"Berkas tidak terbaca: {exc}."))
        return rep
    findings: list[Finding] = []
    data = load(book, findings)
    rep.data = data
    ident = data.identity
    rep.perangkat_daerah, rep.tahun, rep.triwulan = ident.perangkat_daerah, ident.tahun, ident.triwulan
    nomen = nomen or Nomenclature(settings.nomenklatur)
    rep.figures = compute(data, settings, nomen)
    checks.run(data, rep.figures, nomen, findings)
    if history is not None:
        from .checks import history as history_checks  # with the archive (imported by `history`)

        rep.earlier = history.earlier(rep)
        history_checks.check(data, rep.earlier, findings)
    rep.findings = sort_findings(once_per_merged_value(findings), data)
    return rep
