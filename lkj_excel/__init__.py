"""lkj-excel: the Laporan Kinerja (LKj) of a kecamatan, from a filled workbook to a checked report.

The library API (each name is imported on first use, so `import lkj_excel` stays light):

    check(path, config=None) -> FileReport          check one workbook
    process(path, output=None, config=None)         check it and write its LKj workbook
    process_batch(inputs, outdir="hasil", ...)      many inputs, one LKj each and a Rekap
    make_template(path=None, identity=None)         write the blank input workbook
    FileReport, Finding                             what check and process return
    Archive(path)                                   the reporting year's archive for analysts
                                                    (pandas DataFrames; loaded only when used)
    LkjError, UsageError, SettingsError, OutputError

The rest of the API (check_inputs, checks, read_daftar, load_settings) is in `lkj_excel.api`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "check": ".api", "process": ".api", "process_batch": ".api", "make_template": ".api",
    "FileReport": ".pipeline", "Finding": ".findings",
    "LkjError": ".errors", "UsageError": ".errors", "SettingsError": ".errors",
    "OutputError": ".errors", "Archive": ".archive.frames",
}
__all__ = [
    "Archive", "FileReport", "Finding", "LkjError", "OutputError", "SettingsError", "UsageError",
    "__version__", "check", "make_template", "process", "process_batch",
]

if TYPE_CHECKING:
    from .api import check, make_template, process, process_batch
    from .archive.frames import Archive
    from .errors import LkjError, OutputError, SettingsError, UsageError
    from .findings import Finding
    from .pipeline import FileReport


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lkj_excel' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
