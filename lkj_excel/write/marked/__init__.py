"""The copy returned to the office (`--tandai`; docs/dokumen.md#salinan-bertanda-untuk-kantor):
the office's own workbook with every finding's cell filled red (error) or yellow (warning) and
commented, and a first sheet `Hasil Pemeriksaan` linking to each cell.

    mark_copy(source, display, findings, out_path, fmt=None, subject=None, stamp=None)
        writes the copy atomically and returns its path
    copy_name(display, fmt)   `<input stem>-diperiksa.xlsx` (`.xlsm` for an .xlsm)
    reply_name(copy)          `<input stem>-balasan.txt` beside the copy
    reply_text(...)           the reply to an office that sent its workbook by e-mail

An .xlsx/.xlsm comes back as its own package with additions (package.py: nothing of theirs
re-written: formulas, cached values, images, charts, macros, external links stay as they
were); an .xls or .ods comes back as an .xlsx written from its values (convert.py).

    notes.py       the texts: comments, verdict, what to do, the Hasil Pemeriksaan rows
    package.py     the .xlsx/.xlsm package editor (opc.py: zip members and relationships,
                   xmltext.py: XML edited as text, stylesheet.py: styles.xml additions,
                   comments.py: comments and VML note shapes, summary.py: the sheet XML)
    convert.py     the .xls/.ods copy, written with XlsxWriter
    reply.py       the e-mail reply text
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

from .notes import SHEET, verdict
from .reply import reply_name, reply_text

__all__ = ["SHEET", "copy_name", "copy_format", "mark_copy", "reply_name", "reply_text",
           "verdict"]

SUFFIX = "-diperiksa"
_EARLIER = re.compile(r"-diperiksa(?:-\d+)?$", re.I)


def copy_format(source: bytes, display: str = "") -> str:
    """How a workbook comes back: "xlsm" or "xlsx" (its own package) for a zip with
    `xl/workbook.xml`, "convert" for an .xls or .ods (also an encrypted .xls/.xlsx is
    decrypted first: see `_plain`)."""
    import io
    import zipfile

    data = _plain(source)
    if data[:4] == b"PK\x03\x04":
        try:
            names = {n.lower() for n in zipfile.ZipFile(io.BytesIO(data)).namelist()}
        except zipfile.BadZipFile:
            return "convert"
        if "xl/workbook.xml" in names or any(n.endswith("workbook.xml") for n in names):
            if PurePosixPath(display).suffix.lower() == ".xlsm" or "xl/vbaproject.bin" in names:
                return "xlsm"
            return "xlsx"
    return "convert"


def copy_name(display: str, fmt: str = "xlsx") -> str:
    """`<input stem>-diperiksa.xlsx`, `.xlsm` for an .xlsm; the stem of a copy checked again
    keeps one `-diperiksa`."""
    stem = PurePosixPath(str(display).replace("\\", "/")).stem
    stem = _EARLIER.sub("", stem) or "workbook"
    return f"{stem}{SUFFIX}.{'xlsm' if fmt == 'xlsm' else 'xlsx'}"


def mark_copy(source: bytes, display: str, findings: list, out_path: str | os.PathLike, *,
              fmt: str | None = None, subject: str | None = None,
              stamp: str | None = None) -> Path:
    """Write the marked copy of the workbook `source` (its bytes; `display` its name, as the
    findings name it) to `out_path`, atomically, and return the path.

    `findings`: the findings of that workbook (lkj_excel.findings.Finding: each cell a
    finding names, on its sheet as named in the file, is marked). `fmt`: "xlsx"/"xlsm" to
    edit the package, "convert" to rewrite an .xls/.ods as .xlsx; None decides by content
    (`copy_format`). `subject` is a line under the title of Hasil Pemeriksaan (the office
    and period); `stamp` when it was checked. The input is only read.
    Raises lkj_excel.read.workbook.Unreadable when the workbook cannot be read or its
    package not edited (the message says why), OSError when the copy cannot be written.
    """
    from ...read.workbook import Unreadable
    from ..atomic import atomic_path
    from .notes import summary

    fmt = fmt or copy_format(source, display)
    findings = list(findings)
    out = Path(out_path)
    if fmt in ("xlsx", "xlsm"):
        from .package import Unsupported, mark_package

        def layout_for(names: set[str]):
            return summary(findings, display, subject, {n: n for n in names}, stamp)

        try:
            data = mark_package(_plain(source), findings, layout_for)
        except Unsupported:
            fmt = "convert"
        except Unreadable:
            raise
        except Exception as exc:  # a damaged zip, XML this editor does not follow
            raise Unreadable(f"salinan bertanda tidak dapat dibuat dari berkas ini "
                             f"({type(exc).__name__})") from exc
        else:
            with atomic_path(out) as tmp:
                tmp.write_bytes(data)
            return out
    from .convert import write_converted

    with atomic_path(out) as tmp:
        write_converted(source, display, findings, tmp, subject=subject, stamp=stamp)
    return out


def _plain(source: bytes) -> bytes:
    """The bytes of the workbook itself: an OLE container decrypted with the default key."""
    from ...read.workbook import CFB_MAGIC

    if source[:8] == CFB_MAGIC:
        from ...read.decrypt import decrypt

        return decrypt(source)
    return source
