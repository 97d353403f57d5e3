"""The library API: one function for each thing the `lkj-excel` command does.

    lkj-excel template       make_template()
    lkj-excel checks         checks()
    lkj-excel check          check() for one workbook, check_inputs() for many
      --tandai               check_inputs(tandai=True), mark() for one checked workbook
    lkj-excel process        process() for one workbook, process_batch() for many
      --dokumen              process(..., dokumen=True): the LKj document (.docx) too
      --daftar               read_daftar() (process_batch() reads it when given a path)
      --config               load_settings()

A workbook with mistakes is not an error: its findings are in the `FileReport` returned.
What stops a function from doing its job raises a subclass of `LkjError` (lkj_excel.errors),
with a message in Bahasa Indonesia: `UsageError`, `SettingsError`, `OutputError`.
`config` arguments take the path of a settings file (TOML), a `Settings`, or None for the
defaults.

Nothing heavy is imported here at module level (the workbook reader and writers are
imported inside the functions), so `lkj-excel --help` stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ArchiveError, LkjError, OutputError, SettingsError, UsageError

if TYPE_CHECKING:
    import datetime as dt

    from .batch import BatchResult
    from .findings import Check
    from .pipeline import FileReport
    from .settings import Settings

__all__ = [
    "ArchiveError", "LkjError", "OutputError", "SettingsError", "UsageError",
    "check", "check_inputs", "checks", "load_settings", "make_template", "mark", "process",
    "process_batch", "read_daftar",
]


def load_settings(config: str | os.PathLike | Settings | None = None) -> Settings:
    """The settings of a run: read from the TOML file `config`, `config` itself when it is
    already a `Settings`, or the defaults for None. Raises SettingsError (the message names
    the file or the key)."""
    from .settings import Settings
    from .settings import load_settings as read_settings

    if isinstance(config, Settings):
        return config
    return read_settings(config)


def make_template(path: str | os.PathLike | None = None,
                  identity: Mapping[str, object] | None = None) -> Path:
    """Write the blank input workbook (`lkj-excel template`) and return the path written.

    `path`: the file to write; an existing folder gets the file under its default name;
    None writes the default name (`lkj-template-v2.xlsx`, or e.g.
    `LKj-Isian-Kecamatan-Tempursari-2023-TW1.xlsx` when pre-filled) in the current folder.
    `identity` pre-fills the Identitas sheet: keys are Isian names (`"Perangkat Daerah"`,
    `"Tahun Anggaran"`) or the command's option names (`"perangkat_daerah"`, `"tahun"`);
    None and blank values are left out.

    Raises UsageError ("Isian tidak valid: ...") for an unknown Isian or a bad value, and
    OutputError ("<path>: <reason>") when the file cannot be written.
    """
    from .write.template import identity_values, template_filename
    from .write.template import make_template as write_template

    try:
        identity_values(identity)
    except ValueError as exc:
        raise UsageError(f"Isian tidak valid: {exc}") from None
    target = path if path is not None else template_filename(identity)
    try:
        return write_template(target, identity)
    except Exception as exc:  # OSError, xlsxwriter's FileCreateError (disk full, ...)
        raise OutputError(f"{target}: {getattr(exc, 'strerror', None) or exc}") from exc


def checks() -> tuple[Check, ...]:
    """Every check (`lkj-excel checks`): its stable id, severity ("error" or "warning") and
    what it means, in the order of the catalogue (docs/pemeriksaan.md#daftar-pemeriksaan)."""
    from .findings import CATALOGUE

    return CATALOGUE


def check(path: str | os.PathLike, config: str | os.PathLike | Settings | None = None, *,
          arsip: str | os.PathLike | None = None, tanpa_arsip: bool = False) -> FileReport:
    """Check one workbook without writing anything (`lkj-excel check FILE`); the report's
    `findings` are what the command prints. An unreadable file is a report with
    `readable` False and one `file.unreadable` finding. The archive (`arsip`, as for
    `process`) is read, never written, for the history checks; `tanpa_arsip`: not read.
    Raises SettingsError, ArchiveError (an archive that cannot be read)."""
    return _check_jobs([_path_job(path)], load_settings(config), arsip, tanpa_arsip)[0]


def check_inputs(inputs: Iterable[str], config: str | os.PathLike | Settings | None = None,
                 *, tandai: bool = False, output: str | os.PathLike | None = None,
                 arsip: str | os.PathLike | None = None, tanpa_arsip: bool = False,
                 ) -> tuple[list[FileReport], list[str]]:
    """Check every workbook among `inputs` (`lkj-excel check INPUTS...`): files, folders
    (searched recursively), glob patterns, and the workbook attachments of .eml/.mbox files,
    in sorted path order. Returns (reports, inputs that matched nothing).

    `tandai` (`check --tandai`): each readable input with findings gets its marked copy
    (`<stem>-diperiksa.xlsx`, see `mark`), in the folder `output` or beside the input
    (an attachment: beside its mail), names made unique with `-2`, `-3` in input order and
    never an input's path; the copy's path is `report.meta["salinan"]`, and for an input
    taken from e-mail the reply text's `report.meta["balasan"]`.

    The archive (`arsip`, as for `process`) is read, never written, for the history checks;
    `tanpa_arsip`: not read. Raises SettingsError, ArchiveError (an archive that cannot be
    read), and OutputError (with `.report`) when a copy cannot be written.
    """
    from .batch import gather

    settings = load_settings(config)
    jobs, missing, _skipped, _problems = gather(list(inputs), None)
    reports = _check_jobs(jobs, settings, arsip, tanpa_arsip, tandai, output)
    return reports, missing


def _path_job(path: str | os.PathLike):
    from .batch import Job

    return Job(0, str(path), Path(path))


def _check_jobs(jobs: list, settings: Settings, arsip, tanpa_arsip: bool,
                tandai: bool = False, output: str | os.PathLike | None = None) -> list[FileReport]:
    from .codes import Nomenclature
    from .pipeline import check_source

    nomen = Nomenclature(settings.nomenklatur)
    reports = []
    taken: set[Path] = {Path(j.path).resolve() for j in jobs if j.path is not None}
    run_time = _now()
    run = None
    if not tanpa_arsip:
        from .archiving import ArchiveRun

        run = ArchiveRun.open(settings, arsip, write=False)
    try:
        history = run.history() if run is not None else None
        for job in jobs:
            data = job.content
            if data is None and tandai:
                try:
                    data = Path(job.path).read_bytes()
                except OSError:
                    data = None  # check_source reports the path as unreadable
            rep = check_source(data if data is not None else job.path, job.display, settings,
                               nomen, history)
            rep.meta.update(job.meta)
            reports.append(rep)
            if tandai and data is not None:
                folder = Path(output) if output is not None else _beside(job)
                _mark(rep, data, folder, taken, run_time)
    finally:
        if run is not None:
            run.close()
    if run is not None and reports:
        reports[0].meta["arsip"] = run.summary_lines()
    return reports


def mark(report: FileReport, source: str | os.PathLike | bytes,
         output: str | os.PathLike | None = None,
         run_time: dt.datetime | None = None) -> Path | None:
    """Write the copy returned to the office for one checked workbook (`--tandai`): the
    office's own workbook with each finding's cell filled red (error) or yellow (warning)
    and commented, and a first sheet Hasil Pemeriksaan (lkj_excel.write.marked).

    `source`: the workbook checked (its path or bytes); `output`: the folder (default:
    beside `source`, which must then be a path). Returns the copy's path, None when the
    report has no findings or was unreadable (no copy then). Raises OutputError."""
    if isinstance(source, bytes):
        data = source
        folder = Path(output) if output is not None else Path(".")
        taken: set[Path] = set()
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise OutputError(f"{source}: {exc.strerror or exc}", report) from exc
        folder = Path(output) if output is not None else Path(source).parent
        taken = {Path(source).resolve()}
    return _mark(report, data, folder, taken, run_time or _now())


def _beside(job) -> Path:
    """The folder of an input, or of the mail an attachment came in."""
    if job.path is not None:
        return Path(job.path).parent
    folder = Path(job.display).parent
    while folder.is_file():
        folder = folder.parent
    return folder


def _mark(report: FileReport, data: bytes, folder: Path, taken: set[Path],
          run_time: dt.datetime) -> Path | None:
    """The marked copy (and an e-mail reply) of one report in `folder`, under the first
    free name of `<stem>-diperiksa.xlsx`, `-2` ...: not in `taken` (inputs and the copies
    of this run), which gets it."""
    from .single import needs_copy, write_copy, write_reply
    from .write.marked import copy_format, copy_name

    if not needs_copy(report):
        return None
    name = Path(copy_name(report.file, copy_format(data, report.file)))
    path, n = folder / name, 2
    while path.resolve() in taken:
        path, n = folder / f"{name.stem}-{n}{name.suffix}", n + 1
    taken.add(path.resolve())
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"folder {folder} tidak dapat dibuat: {exc.strerror or exc}",
                          report) from exc
    write_reply(report, write_copy(report, data, path, run_time))
    return path


def process(path: str | os.PathLike, output: str | os.PathLike | None = None,
            config: str | os.PathLike | Settings | None = None,
            run_time: dt.datetime | None = None, *, tandai: bool = False,
            dokumen: bool | None = None, arsip: str | os.PathLike | None = None,
            tanpa_arsip: bool = False) -> FileReport:
    """Check one workbook and write its LKj workbook (`lkj-excel process FILE`).

    The LKj workbook goes beside the input, into the folder `output`, or to `output` itself
    when it ends in `.xlsx` (named after the office and period, never the input's own
    path). Returns the report; `report.output` is the path written, None when the input
    could not be read (nothing is written then). `run_time` is the time written in the
    workbook (default: now, in local time, to the second). `tandai`: an input with
    findings also gets its marked copy beside the LKj workbook (see `mark`;
    `report.meta["salinan"]`). `dokumen` (`--dokumen`; None: the settings' `[dokumen]
    tulis`) also writes the LKj document beside the workbook, named after it
    (`laporan.xlsx` -> `laporan.docx`); `report.document` is its path.

    The input is compared with the office's earlier reports in the archive (`arsip`: its
    path; else the settings' `[arsip] path`, `LKJ_ARSIP`, the user's data folder) and
    recorded there; `report.meta["versi"]` is its version, `report.meta["arsip"]` the lines
    saying where the archive is and what was recorded. `tanpa_arsip`: neither.

    Raises SettingsError, UsageError when the settings' letterhead or logo cannot be used,
    ArchiveError when the archive cannot be used (left as it was), and OutputError (with
    `.report`) when an output (workbook, document, copy) cannot be written.
    """
    from .single import process_one

    settings = load_settings(config)
    document = settings.dokumen if dokumen is None else dokumen
    run_time = run_time or _now()
    if tanpa_arsip:
        return process_one(Path(path), str(path), output, settings, run_time,
                           tandai=tandai, document=document)
    from .archiving import ArchiveRun, prepare

    with ArchiveRun.open(settings, arsip, write=True) as run:
        rep = process_one(Path(path), str(path), output, settings, run_time, tandai=tandai,
                          document=document, history=run.history())
        try:
            content = Path(path).read_bytes()
        except OSError:
            content = None
        prepare(rep, content, settings, run_time)
        run.record(rep)
        rep.meta["arsip"] = run.summary_lines(rep)
    return rep


def process_batch(inputs: Iterable[str], outdir: str | os.PathLike = "hasil",
                  config: str | os.PathLike | Settings | None = None, jobs: int | None = None,
                  daftar: str | os.PathLike | Iterable[str] | None = None,
                  progress: Callable[[int, int], None] | None = None, *,
                  tandai: bool = False, dokumen: bool | None = None,
                  arsip: str | os.PathLike | None = None,
                  tanpa_arsip: bool = False) -> BatchResult:
    """Process many inputs (`lkj-excel process INPUTS... -o OUTDIR`): one LKj workbook per
    workbook found (files, folders, globs, e-mail attachments) and a Rekap, all in `outdir`.

    `jobs`: worker processes (default: the number of CPU cores). `daftar`: the offices
    expected to send, as a list of names or the path of a list (read with read_daftar);
    the Rekap then names those that have not sent. `progress(done, total)` is called after
    each input. `tandai`: each input with findings also gets its marked copy in `outdir`
    (and a reply text for those from e-mail), named in the Rekap's Salinan Bertanda column.
    `dokumen` (None: the settings' `[dokumen] tulis`): each LKj workbook's document (.docx)
    beside it. Each input is compared with the office's earlier reports in the archive
    (`arsip`, as for `process`) and recorded there, the batch's own inputs in order of
    office, year and triwulan; without `daftar`, the offices that reported for the period
    before and not for this one are `not_sent`. `tanpa_arsip`: no archive.

    Returns a `BatchResult`: `reports` (one per input, without their data), `missing`
    (inputs that matched nothing), `rekap` (its path, None when it could not be written),
    `write_errors` (outputs that could not be written), `not_sent`, `skipped_mail`,
    `mail_problems`, `outdir`.

    Raises UsageError when `outdir` ends in `.xlsx` or the list of offices cannot be read,
    SettingsError, ArchiveError when the archive cannot be used (left as it was), and
    OutputError when `outdir` cannot be created.
    """
    from .batch import run_batch

    settings = load_settings(config)
    folder = Path(outdir)
    if folder.suffix.lower() == ".xlsx":
        raise UsageError("Untuk banyak masukan, -o harus berupa folder.")
    names = None
    if isinstance(daftar, str | os.PathLike):
        names = read_daftar(daftar)
    elif daftar is not None:
        names = [str(n) for n in daftar]
    document = settings.dokumen if dokumen is None else dokumen
    jobs = jobs or os.cpu_count() or 1
    if tanpa_arsip:
        return run_batch(list(inputs), folder, settings, jobs, names, progress, tandai, document)
    from .archiving import ArchiveRun

    with ArchiveRun.open(settings, arsip, write=True) as run:
        return run_batch(list(inputs), folder, settings, jobs, names, progress, tandai,
                         document, run)


def read_daftar(path: str | os.PathLike) -> list[str]:
    """The names in a list of offices (`--daftar`): a text file, one name a line (`#` lines
    are comments), or a workbook (its first sheet's `Perangkat Daerah` column, else its
    first column without a numbering column and header rows). Raises UsageError
    ("Daftar <path> tidak dapat dibaca: ...") when the file cannot be read."""
    from .batch import read_daftar as read_names

    try:
        return read_names(Path(path))
    except Exception as exc:  # any unreadable list is the caller's to fix, not a crash
        raise UsageError(f"Daftar {path} tidak dapat dibaca: {exc}") from exc


def _now() -> dt.datetime:
    import datetime as dt

    return dt.datetime.now().astimezone().replace(microsecond=0)
