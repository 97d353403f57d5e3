"""The library API behind the commands."""

from __future__ import annotations

from pathlib import Path

from .codes import Nomenclature
from .pipeline import FileReport, check_source
from .settings import Settings, load_settings


def _settings(config) -> Settings:
    if isinstance(config, Settings):
        return config
    return load_settings(config)


def check(path: str | Path, config: str | Path | Settings | None = None) -> FileReport:
    """Check one workbook; the report's `findings` are what `lkj-excel check` prints."""
    settings = _settings(config)
    return check_source(Path(path), str(path), settings, Nomenclature(settings.nomenklatur))


def check_inputs(inputs: list[str], settings: Settings,
                 exclude: Path | None = None) -> tuple[list[FileReport], list[str]]:
    """Check every workbook among `inputs` (files, folders, globs, and the workbook
    attachments of .eml/.mbox files, as `process` reads them)."""
    from .batch import gather

    jobs, missing, _skipped, _problems = gather(inputs, exclude)
    nomen = Nomenclature(settings.nomenklatur)
    reports = []
    for job in jobs:
        rep = check_source(job.content if job.content is not None else job.path, job.display,
                           settings, nomen)
        rep.meta.update(job.meta)
        reports.append(rep)
    return reports, missing
