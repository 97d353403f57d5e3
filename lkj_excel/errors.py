"""The exceptions of the library API (`lkj_excel.api`), one base class for all of them.

A workbook with mistakes is never an exception: its problems are findings in its report.
These are what stops a command from doing its job; each message is in Bahasa Indonesia and
says what to fix. The command line turns each into a message on stderr and exit code 2.

    LkjError
     ├── UsageError     a call that cannot be carried out as asked (also a ValueError)
     ├── SettingsError  a settings file that cannot be used (also a ValueError)
     ├── OutputError    an output that could not be written
     └── ArchiveError   an archive that cannot be used: not an archive, damaged, from a
                        newer tool, locked too long
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pipeline import FileReport


class LkjError(Exception):
    """Base class of every error the library API raises."""


class UsageError(LkjError, ValueError):
    """A call that cannot be carried out as asked: a bad value to pre-fill the template
    with, a `.xlsx` output for many inputs, an unreadable list of offices. The message is
    complete (the command line prints it as it is)."""


class SettingsError(LkjError, ValueError):
    """A settings file that cannot be used; the message names the key, in Bahasa Indonesia."""


class OutputError(LkjError):
    """An output that could not be written; the message (Bahasa Indonesia) says which and why.
    `report` keeps the findings of the input whose output failed (None when there is none)."""

    def __init__(self, message: str, report: FileReport | None = None):
        super().__init__(message)
        self.report = report


class ArchiveError(LkjError):
    """An archive that cannot be used (not an archive, damaged, from a newer tool, locked
    too long); the message names the path. The file is left as it was. Its subclasses are
    in lkj_excel.archive.errors."""
