"""Which files a command reads: files, folders (searched recursively) and globs."""

from __future__ import annotations

import glob
from pathlib import Path

WORKBOOK_EXT = (".xlsx", ".xlsm", ".xls", ".ods")
MAIL_EXT = (".eml", ".mbox")


def _skip(p: Path) -> bool:
    return p.name.startswith(("~$", "."))


def collect(inputs: list[str], exclude: Path | None = None,
            with_mail: bool = True) -> tuple[list[Path], list[str]]:
    """Expand the inputs into files, in sorted path order (repeats of an office are numbered
    in that order, whatever order the inputs were given in:
    docs/keluaran.md#nama-dan-letak-berkas); return (files, missing inputs). A folder
    yields its workbooks (and mail files) recursively, skipping names that start with `~$`
    or `.` and the folder `exclude` (the output folder)."""
    exts = WORKBOOK_EXT + (MAIL_EXT if with_mail else ())
    files: list[Path] = []
    missing: list[str] = []
    seen: set[Path] = set()
    excl = exclude.resolve() if exclude else None

    def add(p: Path) -> None:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            files.append(p)

    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = []
            for f in p.rglob("*"):
                if not f.is_file() or f.suffix.lower() not in exts:
                    continue
                rel = f.relative_to(p)
                if any(part.startswith(("~$", ".")) for part in rel.parts):
                    continue
                if excl is not None and (excl == f.resolve().parent or excl in f.resolve().parents):
                    continue
                found.append(f)
            for f in sorted(found):
                add(f)
        elif p.is_file():
            add(p)
        elif any(ch in item for ch in "*?["):
            matched = sorted(Path(m) for m in glob.glob(item, recursive=True))
            matched = [m for m in matched if m.is_file() and m.suffix.lower() in exts and not _skip(m)]
            if not matched:
                missing.append(item)
            for m in matched:
                add(m)
        else:
            missing.append(item)
    return sorted(files), missing
