"""Process one input: check it and, when it is readable, write its LKj workbook
(`lkj_excel.api.process`; `batch.py` processes many).

Where the output goes (docs/keluaran.md#nama-dan-letak-berkas): `out` ending in `.xlsx` is
the output file itself; any other `out` is a folder, in which the output is named after the
office and period (`LKj-Kecamatan-Tempursari-2023-TW1.xlsx`); without `out` the output goes
beside the input.
No output ever takes the input's own path.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from .codes import Nomenclature
from .contract import triwulan_number
from .errors import OutputError
from .pipeline import FileReport, check_source, gc_paused
from .settings import Settings

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def _safe(text: str) -> str:
    """A file-name-safe form of an office name: no path separators, reserved or control
    characters, spaces as `-`, no leading or trailing dots and dashes."""
    text = unicodedata.normalize("NFKC", str(text))
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\s+", "-", text.strip())
    text = re.sub(r"-{2,}", "-", text)
    return text.strip(".- ")[:120].strip(".- ")


def output_name(report: FileReport) -> str:
    """`LKj-<office>-<year>-TW<n>.xlsx` from Identitas, else `LKj-<input file stem>.xlsx`."""
    office, tahun, tw = report.perangkat_daerah, report.tahun, report.triwulan
    slug = _safe(office) if office else ""
    if slug and tahun and (n := triwulan_number(tw)):
        return f"LKj-{slug}-{tahun}-TW{n}.xlsx"
    stem = _safe(Path(str(report.file)).stem) or "laporan"
    return f"LKj-{stem}.xlsx"


def _input_path(source) -> Path | None:
    return None if isinstance(source, bytes) else Path(source)


def _same(a: Path, b: Path | None) -> bool:
    if b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a.absolute() == b.absolute()


def output_path(report: FileReport, source, display: str, out: str | Path | None) -> Path:
    """Where the LKj workbook of this input goes (never the input's own path)."""
    src = _input_path(source)
    if out is not None and str(out).lower().endswith(".xlsx"):
        target = Path(out)
    else:
        if out is not None:
            folder = Path(out)
        elif src is not None:
            folder = src.parent
        else:  # an attachment read in memory: beside the mail it came in
            folder = Path(display).parent
            while folder.is_file():
                folder = folder.parent
        target = folder / output_name(report)
    if _same(target, src):
        target = target.with_name(f"{target.stem}-2{target.suffix}")
    return target


def _reason(exc: BaseException) -> str:
    err = exc
    while not isinstance(err, OSError) and err.__cause__ is not None:
        err = err.__cause__
    if isinstance(err, OSError):
        return err.strerror or str(err)
    return str(exc)


def subject_line(report: FileReport) -> str | None:
    """`Kecamatan Tempursari, Tahun 2023 Triwulan I`: who reported for what period."""
    parts = [report.perangkat_daerah,
             " ".join(x for x in (f"Tahun {report.tahun}" if report.tahun else "",
                                  f"Triwulan {report.triwulan}" if report.triwulan else "") if x)]
    return ", ".join(p for p in parts if p) or None


def needs_copy(report: FileReport) -> bool:
    """Only a readable input with findings gets a marked copy (`--tandai`)."""
    return report.readable and bool(report.findings)


def write_copy(report: FileReport, data: bytes, path: Path, run_time: dt.datetime) -> Path:
    """Write the marked copy of `report`'s workbook (`data`) to `path`; `report.meta`
    names it ("salinan"). Raises OutputError when it cannot be written."""
    from .write.marked import mark_copy

    try:
        mark_copy(data, report.file, report.findings, path, subject=subject_line(report),
                  stamp=run_time.strftime("%d-%m-%Y %H:%M"))
    except Exception as exc:  # OSError, or a workbook the copy cannot be made of
        raise OutputError(f"Salinan bertanda tidak dapat ditulis ke {path}: {_reason(exc)}",
                          report) from exc
    report.meta["salinan"] = str(path)
    return path


def write_reply(report: FileReport, copy: Path) -> Path | None:
    """For an input taken from e-mail, the reply text beside its copy (`<stem>-balasan.txt`);
    `report.meta` names it ("balasan"). Raises OutputError when it cannot be written."""
    from .write.atomic import atomic_path
    from .write.marked import reply_name, reply_text

    if not report.meta.get("Pengirim"):
        return None
    path = copy.with_name(reply_name(copy.name))
    text = reply_text(report.findings, report.meta.get("Pengirim"), copy.name, report.file,
                      subject_line(report))
    try:
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"Balasan tidak dapat ditulis ke {path}: {_reason(exc)}", report) from exc
    report.meta["balasan"] = str(path)
    return path


def copy_path(report: FileReport, data: bytes, folder: Path, source) -> Path:
    """Where the marked copy of one input goes in `folder`: `<stem>-diperiksa.xlsx`, with
    `-2` when that is the input's own path."""
    from .batch import free_name
    from .write.marked import copy_format, copy_name

    src = _input_path(source)
    name = copy_name(report.file, copy_format(data, report.file))
    inputs = {src.resolve()} if src is not None else set()
    return folder / free_name(name, folder, inputs)


@gc_paused
def process_one(source: str | Path | bytes, display: str, out: str | Path | None,
                settings: Settings | None, run_time: dt.datetime,
                nomen: Nomenclature | None = None, tandai: bool = False,
                document: bool = False, history=None) -> FileReport:
    """Check one input and, when readable, write its LKj workbook; `report.output` is the
    path written. With `tandai`, an input with findings also gets its marked copy
    (`<stem>-diperiksa.xlsx`) in the LKj workbook's folder; `report.meta["salinan"]`.
    With `document`, also the LKj document (.docx) beside the workbook and named after it,
    from the same tables (`report.document`). `history` gives the office's earlier reports
    (lkj_excel.archiving). Raises OutputError when an output cannot be written, UsageError
    when the settings' letterhead or logo cannot be used.

    The pipeline, one way: read, figures and checks (`check_source`), then the LKj tables,
    built once (`tables.build`), then the writers that render them."""
    from .tables import build
    from .write.workbook import write_lkj

    settings = settings or Settings()
    data = None
    if tandai and not isinstance(source, bytes):
        try:
            data = Path(source).read_bytes()
        except OSError:
            data = None  # check_source reports it as unreadable
    report = check_source(data if data is not None else source, display, settings,
                          nomen or Nomenclature(settings.nomenklatur), history)
    if not report.readable:
        return report
    target = output_path(report, source, display, out)
    from xlsxwriter.exceptions import FileCreateError, FileSizeError

    built = []

    def workbook() -> Path:
        built.append(build(report, settings))
        return write_lkj(report, settings, target, run_time, built[0])

    written = _write("Workbook LKj", target, report, workbook,
                     (OSError, FileCreateError, FileSizeError))
    report.output = str(written)
    if document:  # the workbook and the document render the same tables
        write_document_of(report, settings, built[0], run_time)
    if tandai and needs_copy(report):
        data = source if isinstance(source, bytes) else data
        path = copy_path(report, data, Path(written).parent, source)
        write_reply(report, write_copy(report, data, path, run_time))
    return report


def write_document_of(report: FileReport, settings: Settings, tables, run_time: dt.datetime) -> None:
    """The LKj document of a report whose workbook was written: beside it, named after it
    (`laporan.xlsx` -> `laporan.docx`); `report.document` is the path written."""
    from .write.document import document_path, write_document

    target = document_path(report.output)
    report.document = str(_write(
        "Dokumen LKj", target, report,
        lambda: write_document(report, settings, tables, target, run_time, settings.templat,
                               settings.logo), (OSError,)))


def _write(what: str, target: Path, report: FileReport, write, io_errors: tuple) -> Path:
    """Run `write`; an `io_errors` failure or a defect of ours becomes an OutputError
    naming `what` and `target` (the report's findings kept); a LkjError (a letterhead that
    is not a Word document ...) passes as it is."""
    from .errors import LkjError

    try:
        return write()
    except LkjError:
        raise
    except io_errors as exc:
        raise OutputError(f"{what} tidak dapat ditulis ke {target}: {_reason(exc)}",
                          report) from exc
    except Exception as exc:  # a defect of ours: keep the findings, say what happened
        raise OutputError(f"{what} {target} gagal dibuat karena kesalahan internal "
                          f"({type(exc).__name__}: {exc}); laporkan kepada pengelola",
                          report) from exc
