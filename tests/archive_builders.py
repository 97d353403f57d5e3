"""Reports and submissions for the archive tests: the sample and variations of the clean
workbook of builders.py, checked by the pipeline, with the bytes that were checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import Any

from builders import clean_book, replace_data

from lkj_excel.archive import Store, Submission, build_submission
from lkj_excel.archive.earlier import ArchiveHistory
from lkj_excel.pipeline import FileReport, check_source

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"


def book_bytes(tahun: Any = 2023, triwulan: Any = "I", pd: Any = "Kecamatan Tempursari",
               pemda: Any = "Kabupaten Lumajang",
               cells: dict[str, dict[str, Any]] | None = None,
               rows: dict[str, list[list[Any]]] | None = None) -> bytes:
    """The clean workbook for one office and period, with the data rows of the sheets in
    `rows` replaced (from row 3) and then `cells` changed ({"Realisasi": {"D3": 400_000_000}}),
    as .xlsx bytes."""
    wb = clean_book()
    ident = wb["Identitas"]
    ident["B3"], ident["B4"], ident["B5"], ident["B6"] = pd, pemda, tahun, triwulan
    for sheet, data in (rows or {}).items():
        replace_data(wb[sheet], data)
    for sheet, changes in (cells or {}).items():
        for ref, value in changes.items():
            wb[sheet][ref] = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def checked(content: bytes, name: str = "lkj.xlsx") -> FileReport:
    return check_source(content, name)


def submission(content: bytes, name: str = "lkj.xlsx", settings: Any = None,
               **kwargs: Any) -> Submission:
    """The submission of a workbook's bytes, checked as `process` would."""
    return build_submission(checked(content, name), content, settings, **kwargs)


def sample_submission(**kwargs: Any) -> Submission:
    content = SAMPLE.read_bytes()
    return submission(content, SAMPLE.name, **kwargs)


def with_content(sub: Submission, content: bytes, **changes: Any) -> Submission:
    """The same report data under other bytes (a distinct input for the version tests)."""
    return dataclasses.replace(sub, content=content,
                               sha256=hashlib.sha256(content).hexdigest(), **changes)


PROCESSED = dt.datetime(2023, 4, 12, 10, 5)  # when `history_of` archives its reports


def history_of(path: Path, *books: tuple[bytes, str]) -> ArchiveHistory:
    """An archive at `path` holding `books` ((bytes, file name), in that order, each
    processed at PROCESSED), and the provider the pipeline asks it through."""
    with Store.open_write(path) as store:
        for content, name in books:
            store.add(submission(content, name, processed_at=PROCESSED))
    return ArchiveHistory(str(path))
