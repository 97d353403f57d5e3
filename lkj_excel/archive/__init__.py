"""The archive (docs/arsip.md): every processed report, its versions, and the queries the
history checks and outputs ask. One SQLite file; pandas only in `frames` (analysts).

Rooms: `location` (where the file is), `identity` (which office, which period), `records`
(a submission built from a checked report), `schema` + `migrations` (the tables and their
versions), `files` (recognising, creating, connecting), `store` (opening, adding,
withdrawing, the queries as methods), `queries` (the SQL reads and their dataclasses),
`frames` + `export` (pandas DataFrames and the analysts' workbook)."""

from __future__ import annotations

from .errors import ArchiveError, ArchiveNeedsRecovery, ArchiveOutdated, NotArchivable
from .identity import TRIWULAN, OfficeKey, normalise, office_key, text_key, tw_name, tw_number
from .location import default_path, resolve_path
from .queries import ArchivedReport, Office, PeriodRow, Summary, Version
from .records import (
    BudgetRecord,
    FindingRecord,
    PKRecord,
    Submission,
    build_submission,
    why_not_archived,
)
from .store import ADDED, RECHECKED, SAME, AddResult, Store, newer

__all__ = [
    "ADDED", "RECHECKED", "SAME", "TRIWULAN", "AddResult", "ArchiveError",
    "ArchiveNeedsRecovery", "ArchiveOutdated", "ArchivedReport", "BudgetRecord",
    "FindingRecord", "NotArchivable", "Office", "OfficeKey", "PKRecord", "PeriodRow", "Store",
    "Submission", "Summary", "Version", "build_submission", "default_path", "newer",
    "normalise", "office_key", "resolve_path", "text_key",
    "tw_name", "tw_number", "why_not_archived",
]
