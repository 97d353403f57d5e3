"""The library API: one function for each thing the `lkj-excel` command does.

    lkj-excel template       make_template()
    lkj-excel checks         checks()
    lkj-excel check          check() for one workbook, check_inputs() for many
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

from .errors import LkjError, OutputError, SettingsError, UsageError

if TYPE_CHECKING:
    import datetime as dt

    from .batch import BatchResult
    from .findings import Check
    from .pipeline import FileReport
    from .settings import Settings

__all__ = [
    "LkjError", "OutputError", "SettingsError", "UsageError",
    "check", "check_inputs", "checks", "load_settings", "make_template", "process",
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
    None writes the default name (`lkj-template-v1.xlsx`, or e.g.
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
    what it means, in the order of the catalogue (spec checks.md)."""
    from .findings import CATALOGUE

    return CATALOGUE


def check(path: str | os.PathLike, config: str | os.PathLike | Settings | None = None) -> FileReport:
    """Check one workbook without writing anything (`lkj-excel check FILE`); the report's
    `findings` are what the command prints. An unreadable file is a report with
    `readable` False and one `file.unreadable` finding. Raises SettingsError."""
    from .codes import Nomenclature
    from .pipeline import check_source

    settings = load_settings(config)
    return check_source(Path(path), str(path), settings, Nomenclature(settings.nomenklatur))


def check_inputs(inputs: Iterable[str], config: str | os.PathLike | Settings | None = None,
                 ) -> tuple[list[FileReport], list[str]]:
    """Check every workbook among `inputs` (`lkj-excel check INPUTS...`): files, folders
    (searched recursively), glob patterns, and the workbook attachments of .eml/.mbox files,
    in sorted path order. Returns (reports, inputs that matched nothing). Raises
    SettingsError."""
    from .batch import gather
    from .codes import Nomenclature
    from .pipeline import check_source

    settings = load_settings(config)
    jobs, missing, _skipped, _problems = gather(list(inputs), None)
    nomen = Nomenclature(settings.nomenklatur)
    reports = []
    for job in jobs:
        rep = check_source(job.content if job.content is not None else job.path, job.display,
                           settings, nomen)
        rep.meta.update(job.meta)
        reports.append(rep)
    return reports, missing


def process(path: str | os.PathLike, output: str | os.PathLike | None = None,
            config: str | os.PathLike | Settings | None = None,
            run_time: dt.datetime | None = None, dokumen: bool | None = None) -> FileReport:
    """Check one workbook and write its LKj workbook (`lkj-excel process FILE`).

    The LKj workbook goes beside the input, into the folder `output`, or to `output` itself
    when it ends in `.xlsx` (named after the office and period, never the input's own
    path). Returns the report; `report.output` is the path written, None when the input
    could not be read (nothing is written then). `run_time` is the time written in the
    workbook (default: now, in local time, to the second). `dokumen` (`--dokumen`; None:
    the settings' `[dokumen] tulis`) also writes the LKj document beside the workbook,
    named after it (`laporan.xlsx` -> `laporan.docx`); `report.document` is its path.

    Raises SettingsError, UsageError when the settings' letterhead or logo cannot be used,
    and OutputError (with `.report`) when an output cannot be written.
    """
    from .single import process_one

    settings = load_settings(config)
    document = settings.dokumen if dokumen is None else dokumen
    return process_one(Path(path), str(path), output, settings, run_time or _now(),
                       document=document)


def process_batch(inputs: Iterable[str], outdir: str | os.PathLike = "hasil",
                  config: str | os.PathLike | Settings | None = None, jobs: int | None = None,
                  daftar: str | os.PathLike | Iterable[str] | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  dokumen: bool | None = None) -> BatchResult:
    """Process many inputs (`lkj-excel process INPUTS... -o OUTDIR`): one LKj workbook per
    workbook found (files, folders, globs, e-mail attachments) and a Rekap, all in `outdir`.

    `jobs`: worker processes (default: the number of CPU cores). `daftar`: the offices
    expected to send, as a list of names or the path of a list (read with read_daftar);
    the Rekap then names those that have not sent. `progress(done, total)` is called after
    each input. `dokumen` (None: the settings' `[dokumen] tulis`): each LKj workbook's
    document (.docx) beside it.

    Returns a `BatchResult`: `reports` (one per input, without their data), `missing`
    (inputs that matched nothing), `rekap` (its path, None when it could not be written),
    `write_errors` (outputs that could not be written), `not_sent`, `skipped_mail`,
    `mail_problems`, `outdir`.

    Raises UsageError when `outdir` ends in `.xlsx` or the list of offices cannot be read,
    SettingsError, and OutputError when `outdir` cannot be created.
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
    return run_batch(list(inputs), folder, settings, jobs or os.cpu_count() or 1, names,
                     progress, settings.dokumen if dokumen is None else dokumen)


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
