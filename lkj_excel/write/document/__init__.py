"""Write the LKj document (.docx) of one checked input (docs/dokumen.md).

The document renders the same tables as the LKj workbook (`lkj_excel.tables`) and the same
figures (`report.figures`), printed as static text the way the workbook shows them
(numbers.py), so the two cannot disagree. One module per part: front.py (Sampul, Kata
Pengantar, Daftar Isi), bab1_2.py, bab3.py (A.1-A.4; in TW I-III already in the landscape
section, for the wider capaian tables), anggaran.py (A.5, A.6 and B, in a landscape
section), bab4_lampiran.py; tables.py turns a table into a Word table,
fields.py writes the fields, package.py the Word package (letterhead, page setup, headers
and footers), styles.py the styles.

python-docx is imported inside the functions (`lkj-excel --help` stays fast).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ... import __version__
from ..atomic import atomic_path


def document_path(workbook: str | Path) -> Path:
    """The document beside the LKj workbook and named after it."""
    return Path(workbook).with_suffix(".docx")


def write_document(report, settings, tables, path: str | Path, run_time: dt.datetime,
                   template: str | Path | None = None, logo: str | Path | None = None) -> Path:
    """Write the LKj document of `report` (checked, its figures computed) to `path`,
    atomically; returns the path written.

    `tables` are the report's tables (`lkj_excel.tables.build`; built here when None: pass
    the workbook's to share them); `template` the office's letterhead (.docx/.dotx) the
    document is written into; `logo` an image for the cover. Raises UsageError for a
    letterhead or logo that cannot be used, OSError when the file cannot be written.
    """
    from ...settings import Settings
    from . import anggaran, bab1_2, bab3, bab4_lampiran, front
    from .body import Body
    from .context import Doc
    from .package import Page, headers_and_footers, open_base, save
    from .styles import ensure_styles, plain_look

    settings = settings or Settings()
    if tables is None:
        from ...tables import build

        tables = build(report, settings)
    doc = open_base(template)
    page = Page.of(doc, template is not None)
    if template is None:
        plain_look(doc)
    styles = ensure_styles(doc)
    headers_and_footers(doc, page, report.errors)
    logo_xml = front.logo_paragraph(doc, str(logo)) if logo else ""
    d = Doc(report, settings, tables, Body(styles, page), logo_xml)
    front.cover(d)
    front.kata_pengantar(d)
    front.contents(d)
    bab1_2.bab1(d)
    bab1_2.bab2(d)
    number = bab3.Numbering()
    bab3.bab3_capaian(d, number)
    anggaran.landscape_part(d, number)
    bab4_lampiran.bab4(d)
    bab4_lampiran.lampiran(d)
    front.fill(d)
    _properties(doc, d, run_time)
    target = Path(path)
    with atomic_path(target) as tmp:
        save(doc, d.body.parts, tmp)
    return target


def _properties(doc, d, run_time: dt.datetime) -> None:
    naive = run_time.astimezone(dt.UTC).replace(tzinfo=None) if run_time.tzinfo \
        else run_time
    cp = doc.core_properties
    office = d.office or ""
    cp.title = f"Laporan Kinerja (LKj) {office} {d.period}".replace("  ", " ")
    cp.subject = office
    cp.author = "lkj-excel"
    cp.last_modified_by = "lkj-excel"
    cp.comments = f"lkj-excel {__version__}"
    cp.keywords = "LKj"
    cp.category = ""
    cp.revision = 1
    cp.created = naive
    cp.modified = naive
