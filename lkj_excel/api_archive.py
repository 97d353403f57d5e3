"""The library API of `lkj-excel archive` (docs/arsip.md): one function per subcommand.

    lkj-excel archive              archive_summary()
    lkj-excel archive list         archive_list()
    lkj-excel archive add          archive_add()
    lkj-excel archive get          archive_get()
    lkj-excel archive withdraw     archive_withdraw()
    lkj-excel archive export       archive_export() (pandas, loaded only here)

`arsip` names the archive file (None: the settings' `[arsip] path`, `LKJ_ARSIP`, the user's
data folder); `config` is a settings file, a `Settings` or None, as in `lkj_excel.api`. An
office is named by its Perangkat Daerah as typed (normalised, `[arsip.alias]`); `pemda`
picks one when two Pemerintah Daerah have an office of that name. Raises ArchiveError
(an archive that cannot be used, left as it was), UsageError (an office or version that is
not in the archive, a bad triwulan), SettingsError, OutputError.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .api import load_settings
from .errors import OutputError, UsageError

if TYPE_CHECKING:
    from .archive import PeriodRow, Summary, Version
    from .pipeline import FileReport

def _open(arsip, config, write: bool):
    from .archiving import ArchiveRun

    settings = load_settings(config)
    run = ArchiveRun.open(settings, arsip, write=write)
    if run.store is None:
        raise UsageError(f"Arsip {run.path} belum ada: jalankan lkj-excel process atau "
                         "lkj-excel archive add terlebih dahulu.")
    return run


def archive_summary(arsip: str | os.PathLike | None = None, config: Any = None) -> Summary:
    """Where the archive is, how many offices, submissions and periods it holds."""
    with _open(arsip, config, False) as run:
        return run.store.summary()


def archive_list(tahun: int | None = None, triwulan: Any = None,
                 arsip: str | os.PathLike | None = None, config: Any = None) -> list[PeriodRow]:
    """One row per office and period (`archive list`): its versions and its latest."""
    _triwulan(triwulan)
    with _open(arsip, config, False) as run:
        return run.store.listing(tahun, triwulan)


@dataclass
class AddResult:
    """What `archive add` did: the report of every input, and the lines saying what was
    recorded (`ArchiveRun.summary_lines`)."""

    reports: list[FileReport]
    missing: list[str]
    lines: list[str]
    errors: list[str]


def archive_add(inputs: Iterable[str], arsip: str | os.PathLike | None = None,
                config: Any = None) -> AddResult:
    """Record inputs in the archive without writing LKj workbooks (`archive add`): the same
    inputs as `process` (files, folders, globs, e-mail attachments), checked against their
    earlier reports and recorded in order of office, year and triwulan, exactly as
    `process` would record them."""
    import datetime as dt

    from .archive.earlier import Known
    from .archiving import ArchiveRun, prepare
    from .batch import gather
    from .codes import Nomenclature
    from .pipeline import check_source

    settings = load_settings(config)
    jobs, missing, _skipped, _problems = gather(list(inputs), None)
    nomen = Nomenclature(settings.nomenklatur)
    run_time = dt.datetime.now().astimezone().replace(microsecond=0)

    def one(job, history) -> FileReport:
        content = job.content
        if content is None:
            try:
                content = Path(job.path).read_bytes()
            except OSError:
                content = None
        rep = check_source(content if content is not None else job.path, job.display,
                           settings, nomen, history)
        rep.meta.update(job.meta)
        rep.meta["index"] = job.index
        prepare(rep, content, settings, run_time)
        return rep.slim()

    with ArchiveRun.open(settings, arsip, write=True) as run:
        history = run.history()
        reports = [one(job, history) for job in jobs]
        run.settle(reports, lambda indices, earlier: {
            i: one(jobs[i], Known(earlier[i])) for i in indices})
        return AddResult(reports, missing, run.summary_lines(), run.recorded.errors)


def _office(run, kantor: str, pemda: str | None):
    found = run.store.offices(kantor, pemda, run.aliases)
    if not found:
        where = f" ({pemda})" if pemda else ""
        raise UsageError(f"{kantor}{where} tidak ada di arsip {run.path}.")
    if len(found) > 1:
        names = "; ".join(f"{o.perangkat_daerah} ({o.pemda})" for o in found)
        raise UsageError(f"Ada beberapa kantor bernama {kantor}: {names}. Pilih dengan --pemda.")
    return found[0]


def _triwulan(triwulan: Any) -> int | None:
    from .archive import tw_number

    if triwulan is None:
        return None
    try:
        return tw_number(triwulan)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def archive_get(kantor: str, tahun: int, triwulan: Any, output: str | os.PathLike,
                versi: int | None = None, pemda: str | None = None,
                arsip: str | os.PathLike | None = None, config: Any = None) -> Path:
    """Write the submitted workbook (`archive get`), byte for byte, to `output` (written
    atomically; never the archive itself): version `versi` (even a withdrawn one), else
    the latest."""
    from .archive.errors import NotInArchive
    from .write.atomic import atomic_path

    tw = _triwulan(triwulan)
    with _open(arsip, config, False) as run:
        office = _office(run, kantor, pemda)
        try:
            data = run.store.content(office, tahun, tw, versi)
        except NotInArchive as exc:
            raise UsageError(str(exc)) from None
        target = Path(output)
        if target.resolve() == run.path.resolve():
            raise UsageError("Keluaran tidak boleh berkas arsip itu sendiri.")
    try:
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"{target}: {exc.strerror or exc}") from exc
    return target


def archive_withdraw(kantor: str, tahun: int, triwulan: Any, versi: int,
                     pemda: str | None = None, arsip: str | os.PathLike | None = None,
                     config: Any = None) -> Version:
    """Mark a version withdrawn (`archive withdraw`): kept, skipped everywhere else."""
    from .archive.errors import NotInArchive

    tw = _triwulan(triwulan)
    with _open(arsip, config, True) as run:
        office = _office(run, kantor, pemda)
        try:
            return run.store.withdraw(office, tahun, tw, versi)
        except NotInArchive as exc:
            raise UsageError(str(exc)) from None


def archive_export(output: str | os.PathLike, arsip: str | os.PathLike | None = None,
                   config: Any = None) -> Path:
    """The history for analysts (`archive export FILE.xlsx`): sheets Kiriman, Capaian,
    Anggaran, Temuan and the capaian cross table, written as values."""
    from .archive.frames import Archive

    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        raise UsageError("Berkas ekspor harus berakhiran .xlsx.")
    with _open(arsip, config, False) as run:
        path = run.path
    with Archive(path) as archive:
        try:
            return archive.export(target)
        except OSError as exc:
            raise OutputError(f"{target}: {exc.strerror or exc}") from exc
