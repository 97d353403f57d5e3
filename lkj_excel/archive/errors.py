"""The archive's exceptions: a small hierarchy, every message in Bahasa Indonesia."""

from __future__ import annotations

from ..errors import ArchiveError

__all__ = ["ArchiveError", "ArchiveNeedsRecovery", "ArchiveOutdated", "NotArchivable",
           "NotInArchive"]


class ArchiveOutdated(ArchiveError):
    """Read-only use of an archive of an older schema needed what that schema lacks."""


class ArchiveNeedsRecovery(ArchiveError):
    """A write was interrupted (a hot `-journal` beside the file): a read-only opener cannot
    roll it back; the next `process` (or `archive add`) does."""


class NotInArchive(ArchiveError):
    """The office, period or version asked for is not in the archive."""


class NotArchivable(ValueError):
    """A report that is not a submission (unreadable, or without a valid Perangkat Daerah,
    Tahun Anggaran or Triwulan); `reason` says why, in Bahasa Indonesia."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
