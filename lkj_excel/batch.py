"""The inbox: many workbooks (and e-mails) processed at once, one LKj workbook each and a Rekap.

Each input is checked and written in a worker process to a hidden temporary name in the
output folder; the main process then gives every output its final name in sorted path
order (`-2`, `-3` for a second office and period), so the result does not depend on the
number of workers, and a crash leaves no file under a final name.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .contract import norm_loose
from .inputs import MAIL_EXT, collect
from .mail import read_mail
from .pipeline import FileReport
from .settings import Settings


@dataclass
class Job:
    """One workbook to process."""

    index: int
    display: str
    path: Path | None = None
    content: bytes | None = None
    meta: dict = field(default_factory=dict)


@dataclass
class BatchResult:
    reports: list[FileReport]
    rekap: Path | None
    missing: list[str]
    skipped_mail: list[str]
    mail_problems: list[str]
    not_sent: list[str]
    outdir: Path
    write_errors: list[str] = field(default_factory=list)
    archive: Any = None  # the run's archiving.ArchiveRun (its path and what was recorded)


def gather(inputs: list[str], outdir: Path | None) -> tuple[list[Job], list[str], list[str], list[str]]:
    """Files, folders, globs and mails -> jobs, in sorted path order (mail attachments in
    the order of their mail)."""
    files, missing = collect(inputs, exclude=outdir, with_mail=True)
    jobs: list[Job] = []
    skipped: list[str] = []
    problems: list[str] = []
    for f in files:
        if f.suffix.lower() in MAIL_EXT:
            res = read_mail(f)
            skipped += res.skipped
            problems += res.problems
            for a in res.attachments:
                jobs.append(Job(len(jobs), a.display, None, a.content, a.meta))
        else:
            jobs.append(Job(len(jobs), str(f), f))
    return jobs, missing, skipped, problems


@dataclass
class Task:
    """What a worker needs to process one input."""

    job: Job
    tmpdir: Path
    settings: Settings
    run_time: dt.datetime
    tandai: bool = False
    document: bool = False
    history: Any = None  # the earlier reports' provider (lkj_excel.archiving), None: none
    archive: bool = False  # build the submission the main process records
    attempt: int = 0  # > 0: checked again once its earlier report was recorded


def _work(task: Task) -> FileReport:
    """Worker: check one input and write its LKj workbook (with `document` its document,
    with `tandai` its marked copy) under a temporary name; with `archive`, also build its
    submission for the main process to record."""
    from .errors import OutputError
    from .single import process_one

    job = task.job
    stem = f".lkj-tmp-{os.getpid()}-{job.index}" + (f"-{task.attempt}" if task.attempt else "")
    source = job.content if job.content is not None else job.path
    if (task.tandai or task.archive) and job.content is None:
        try:
            source = job.path.read_bytes()
        except OSError:
            pass  # process_one reports the path as unreadable
    try:
        rep = process_one(source, job.display, task.tmpdir / f"{stem}.xlsx", task.settings,
                          task.run_time, document=task.document, history=task.history)
    except OutputError as exc:
        rep = exc.report or FileReport(job.display)
        rep.meta["write_error"] = str(exc)
        rep.output = None
    rep.meta.update(job.meta)
    if task.tandai and isinstance(source, bytes):
        _work_copy(rep, source, task.tmpdir / f"{stem}-salinan.xlsx", task.run_time)
    if task.archive:
        from .archiving import prepare

        prepare(rep, source if isinstance(source, bytes) else None, task.settings,
                task.run_time)
    rep.meta.update(rekap_figures(rep))
    rep.meta["index"] = job.index
    return rep.slim()


def _work_copy(rep: FileReport, data: bytes, tmp: Path, run_time) -> None:
    """Worker: the marked copy of an input with findings, under the temporary name `tmp`;
    the main process names it (`final_output_names`)."""
    from .errors import OutputError
    from .single import needs_copy, write_copy
    from .write.marked import copy_format, copy_name

    if not needs_copy(rep):
        return
    fmt = copy_format(data, rep.file)
    try:
        write_copy(rep, data, tmp, run_time)
        rep.meta["salinan_name"] = copy_name(rep.file, fmt)
    except OutputError as exc:
        rep.meta["salinan_error"] = str(exc)
        rep.meta.pop("salinan", None)


def office_key(name: str | None) -> str:
    """Office names match after lower-casing, removing spaces and punctuation, reading
    `Kec.` as `Kecamatan`."""
    if not name:
        return ""
    text = re.sub(r"\bkec\b\.?", "kecamatan", str(name).strip(), flags=re.I)
    return norm_loose(text)


def run_batch(inputs: list[str], outdir: Path, settings: Settings, jobs: int = 1,
              daftar: list[str] | None = None,
              progress: Callable[[int, int], None] | None = None,
              tandai: bool = False, document: bool = False, archive=None) -> BatchResult:
    """Process every input into `outdir` and write the Rekap there; with `document`, each
    LKj workbook's document beside it; with `tandai`, also the marked copy of each input
    with findings (and a reply for those from e-mail). `archive` (an open
    `archiving.ArchiveRun`, None: `--tanpa-arsip`): each input is compared with its earlier
    reports and recorded (`ArchiveRun.settle`)."""
    from .errors import OutputError
    from .write.rekap import rekap_name, write_rekap

    items, missing, skipped, problems = gather(inputs, outdir)
    run_time = dt.datetime.now().astimezone().replace(microsecond=0)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"folder keluaran {outdir} tidak dapat dibuat: {exc.strerror or exc}") from None
    history = archive.history() if archive is not None else None
    tasks = [Task(j, outdir, settings, run_time, tandai, document, history, archive is not None)
             for j in items]
    with _Runner(jobs if len(items) > 1 else 1) as run:
        reports = run(tasks, progress)
        if archive is not None:
            def redo(indices: list[int], earlier: dict) -> dict[int, FileReport]:
                from .archive.earlier import Known

                again = [replace(tasks[i], history=Known(earlier[i]), attempt=1) for i in indices]
                for i in indices:
                    _drop_temporary(reports[i])
                return dict(zip(indices, run(again, None), strict=True))

            archive.settle(reports, redo)
    inputs_abs = {Path(j.path).resolve() for j in items if j.path is not None}
    write_errors = final_output_names(reports, outdir, inputs_abs)
    if archive is not None:
        write_errors += archive.recorded.errors
    _mark_duplicates(reports)
    if daftar is None and archive is not None:
        not_sent = archive.not_sent(reports)
    else:
        not_sent = _not_sent(reports, daftar or [])
    name = free_name(rekap_name(reports), outdir, inputs_abs)
    rekap = None
    from xlsxwriter.exceptions import XlsxWriterException

    try:
        rekap = write_rekap(reports, not_sent, outdir / name, settings, run_time,
                            daftar is not None or bool(not_sent))
    except (OSError, XlsxWriterException) as exc:
        reason = getattr(exc, "strerror", None) or exc
        write_errors.append(f"Rekap {outdir / name} tidak dapat ditulis: {reason}")
    return BatchResult(reports, rekap, missing, skipped, problems, not_sent, outdir, write_errors,
                       archive)


class _Runner:
    """Runs tasks through one pool of worker processes for the whole batch (or in this
    process for `jobs` = 1); results in task order."""

    def __init__(self, jobs: int) -> None:
        self.jobs, self.pool = jobs, None

    def __enter__(self) -> _Runner:
        if self.jobs > 1:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            ctx = mp.get_context("fork") if hasattr(os, "fork") else None
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx)
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown()

    def __call__(self, tasks: list[Task], progress) -> list[FileReport]:
        results = self.pool.map(_work, tasks, chunksize=1) if self.pool else map(_work, tasks)
        out = []
        for i, rep in enumerate(results, start=1):
            out.append(rep)
            if progress:
                progress(i, len(tasks))
        return out


def _drop_temporary(rep: FileReport) -> None:
    """Remove the temporary outputs of a report about to be made again."""
    for tmp in (rep.output, rep.document, rep.meta.get("salinan")):
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def _mark_duplicates(reports: list[FileReport]) -> None:
    first: dict[tuple, FileReport] = {}
    for r in reports:
        if not r.readable or not r.perangkat_daerah or not r.tahun or not r.triwulan:
            continue
        key = (office_key(r.perangkat_daerah), r.tahun, r.triwulan)
        if key in first:
            r.meta["duplikat"] = first[key].file
            first[key].meta.setdefault("duplikat", r.file)
        else:
            first[key] = r


def _not_sent(reports: list[FileReport], daftar: list[str]) -> list[str]:
    sent = {office_key(r.perangkat_daerah) for r in reports if r.perangkat_daerah}
    out, seen = [], set()
    for name in daftar:
        key = office_key(name)
        if key and key not in sent and key not in seen:
            seen.add(key)
            out.append(name.strip())
    return out


def read_daftar(path: Path) -> list[str]:
    """The list of offices: a text file (one name a line) or a workbook (its first sheet's
    `Perangkat Daerah` column, else its first column).

    In a workbook, a `Perangkat Daerah` header in the first 15 rows gives the column and
    the names are the text cells below it. Without one, the fallback reads the first column,
    with two rules so that real lists ("No | Nama Kecamatan", "Kecamatan", a title such as
    "Daftar Perangkat Daerah" above the names) give only office names:

    - a numbering column is skipped: going from the left, a column whose cells are all
      numbers ("1", "2.", 3), apart from blanks and header-like text such as "No", is
      passed over for the next one;
    - leading rows are skipped while the chosen column's cell is blank or header-like.

    A text is header-like (`_header_like`) when, lower-cased with punctuation as spaces, it
    starts with "daftar" (a title), has the word "nama" ("Nama Kecamatan", "Nama OPD"), is a
    numbering label ("No", "No.", "Nomor", "No Urut", "#"), contains "perangkat daerah", or
    is exactly a generic word for an office ("Kecamatan", "OPD", "SKPD", "Unit Kerja",
    "Instansi", "Kantor", "Kelurahan", "Desa" ...). A name such as "Kecamatan Tempursari"
    or "Kec. Senduro" is more than the generic word and is kept, so a list without any
    header keeps its first row. Only leading rows are skipped; a header-like text further
    down is read as a name.
    """
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        from .contract import norm_header
        from .read.workbook import open_book

        book = open_book(path)
        grid = book.sheets[0].grid if book.sheets else []
        for r, row in enumerate(grid[:15]):
            for c, v in enumerate(row):
                if isinstance(v, str) and norm_header(v) == "perangkatdaerah":
                    names = [row[c] for row in grid[r + 1:] if len(row) > c]
                    return [str(n).strip() for n in names if isinstance(n, str) and n.strip()]
        return _first_column_names(grid)
    text = path.read_text("utf-8-sig", errors="replace")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]


_GENERIC_OFFICE_WORDS = frozenset({
    "kecamatan", "perangkat daerah", "pd", "opd", "skpd", "upd", "unit kerja", "satuan kerja",
    "satker", "instansi", "kantor", "kelurahan", "desa", "desa kelurahan", "kecamatan kelurahan",
    "nama", "uraian", "keterangan", "pengirim",
})
_NUMBERING_LABELS = frozenset({"", "no", "nomor", "no urut", "nomor urut", "urut"})


def _words(text: str) -> str:
    """Lower-case, punctuation as spaces, spaces collapsed."""
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


def _header_like(value: object) -> bool:
    """A cell that heads or titles a list of offices rather than naming one (read_daftar)."""
    if not isinstance(value, str):
        return False
    w = _words(value)
    return (w in _NUMBERING_LABELS or w in _GENERIC_OFFICE_WORDS or w.split()[0] == "daftar"
            or "nama" in w.split() or "perangkat daerah" in w)


def _is_number(value: object) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and re.fullmatch(r"\s*\d+\s*[.)]?\s*", value) is not None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _first_column_names(grid: list[list]) -> list[str]:
    """read_daftar's fallback without a `Perangkat Daerah` header (rules in its docstring)."""
    width = max((len(row) for row in grid), default=0)

    def cell(row: list, c: int) -> object:
        return row[c] if c < len(row) else None

    col = 0
    while col < width - 1:
        cells = [cell(row, col) for row in grid if not _blank(cell(row, col))]
        numbers = [v for v in cells if _is_number(v)]
        if numbers and all(_is_number(v) or _header_like(v) for v in cells):
            col += 1
        else:
            break
    start = 0
    while start < len(grid) and (_blank(cell(grid[start], col)) or _header_like(cell(grid[start], col))):
        start += 1
    names = [cell(row, col) for row in grid[start:]]
    return [str(n).strip() for n in names if isinstance(n, str) and n.strip()]


def rekap_figures(rep: FileReport) -> dict:
    """What the Rekap shows of one file, from the figures the pipeline computed (kept in
    `meta`: a batch keeps only the slim report of each file)."""
    fig = rep.figures
    if fig is None:
        return {}
    value = fig.strategis.value
    return {"pagu": fig.pagu, "realisasi": fig.realisasi,
            "capaian": None if value is None else float(value),
            "capaian_label": fig.strategis.label,
            # TW I-III: the mean is against the year's target (a quarter's target not given)
            "capaian_tahunan": value is not None and fig.strategis.tahunan}


def free_name(base: str, outdir: Path, inputs: set[Path], used: set[str] | frozenset = frozenset()) -> str:
    """`base`, or `<stem>-2<suffix>`, `-3` ... : the first name in `outdir` that is neither
    taken by another output of this run (`used`, lower-cased) nor an input's path."""
    stem, suffix = Path(base).stem, Path(base).suffix
    name, n = base, 2
    while name.lower() in used or (outdir / name).resolve() in inputs:
        name = f"{stem}-{n}{suffix}"
        n += 1
    return name


def final_output_names(reports: list[FileReport], outdir: Path, inputs: set[Path]) -> list[str]:
    """Rename each temporary output to its final name, in the Rekap's row order (the order
    the inputs were gathered: sorted `Path`s within each input); a second output for one
    office and period gets `-2`, `-3` ...; never an input's path."""
    from .single import output_name
    from .write.atomic import replace

    errors: list[str] = []
    used: set[str] = set()
    ordered = sorted(reports, key=lambda r: r.meta.get("index", 0))
    for rep in ordered:
        if rep.meta.get("write_error"):
            errors.append(f"{rep.file}: {rep.meta['write_error']}")
        tmp = rep.output
        if not tmp:
            continue
        name = free_name(output_name(rep), outdir, inputs, used)
        used.add(name.lower())
        final = outdir / name
        try:
            replace(Path(tmp), final)
            rep.output = str(final)
        except OSError as exc:  # the other outputs are still written
            errors.append(f"{rep.file}: keluaran tidak dapat ditulis ke {final}: {exc.strerror or exc}")
            rep.meta["write_error"] = str(exc.strerror or exc)
            rep.output = None
        if rep.document:  # the document follows its workbook's name
            rep.document = _place_document(rep, final, errors)
    for rep in ordered:  # the marked copies (--tandai), after every LKj workbook
        _final_copy_name(rep, outdir, inputs, used, errors)
    return errors


def _final_copy_name(rep: FileReport, outdir: Path, inputs: set[Path], used: set[str],
                     errors: list[str]) -> None:
    from .errors import OutputError
    from .single import write_reply
    from .write.atomic import replace

    if rep.meta.get("salinan_error"):
        errors.append(f"{rep.file}: {rep.meta['salinan_error']}")
    tmp = rep.meta.get("salinan")
    if not tmp:
        return
    name = free_name(rep.meta.pop("salinan_name"), outdir, inputs, used)
    used.add(name.lower())
    final = outdir / name
    try:
        replace(Path(tmp), final)
        rep.meta["salinan"] = str(final)
        write_reply(rep, final)
    except OSError as exc:
        rep.meta.pop("salinan", None)
        rep.meta["salinan_error"] = f"tidak dapat ditulis ke {final}: {exc.strerror or exc}"
        errors.append(f"{rep.file}: salinan bertanda {rep.meta['salinan_error']}")
    except OutputError as exc:
        errors.append(f"{rep.file}: {exc}")


def _place_document(rep: FileReport, final: Path, errors: list[str]) -> str | None:
    """Give a report's temporary document the name of its workbook `final` with `.docx`;
    the path, or None when it could not be written (the reason added to `errors`)."""
    from .write.atomic import replace

    tmp = Path(rep.document)
    if rep.output is None:  # its workbook could not take its name (reported): neither can it
        tmp.unlink(missing_ok=True)
        return None
    doc = final.with_suffix(".docx")
    try:
        replace(tmp, doc)
    except OSError as exc:
        errors.append(f"{rep.file}: dokumen tidak dapat ditulis ke {doc}: {exc.strerror or exc}")
        return None
    return str(doc)
