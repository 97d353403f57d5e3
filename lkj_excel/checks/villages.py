"""The LPPDes sheet: villages and their documents
(docs/pemeriksaan.md#dokumen-desa-sheet-lppdes), judged from the village figure
(figures.lists.villages: each village and document once, by its first row)."""

from __future__ import annotations

import datetime as dt

from .. import catalogue as C
from ..contract import DOCS
from ..figures.lists import VillageFigure
from ..findings import Finding
from ..model import WorkbookData
from ..tanggal import tanggal


def check(data: WorkbookData, vf: VillageFigure, findings: list[Finding]) -> None:
    sheet = data.sheets.get("LPPDes")
    duplicate(data, vf, sheet, findings)
    date_after_period(data, sheet, findings)
    document_missing(data, vf, sheet, findings)
    count_mismatch(data, vf, findings)


def duplicate(data: WorkbookData, vf: VillageFigure, sheet: str | None,
              findings: list[Finding]) -> None:
    """villages.duplicate: the same village and document on a later row."""
    for d in data.villages:
        doc = d.dokumen.value
        if not d.key or doc is None:
            continue
        prior = vf.docs[(d.key, doc)]
        if prior is not d:
            findings.append(C.VILLAGES_DUPLICATE.finding(
                sheet, d.desa.addr,
                f"Desa {d.desa.value} dengan dokumen {doc} sudah tercatat di baris {prior.row}; "
                f"yang dipakai baris pertama.", found=d.desa.value))


def date_after_period(data: WorkbookData, sheet: str | None, findings: list[Finding]) -> None:
    """villages.date_after_period: a Tanggal Penetapan after the reported triwulan."""
    end = data.identity.period_end()
    if end is None:
        return
    for d in data.villages:
        t = d.tanggal.value
        if isinstance(t, dt.date) and t > end:
            findings.append(C.VILLAGES_DATE_AFTER_PERIOD.finding(
                sheet, d.tanggal.addr,
                f"Tanggal Penetapan {tanggal(t)} ({d.desa.value}, {d.dokumen.value}) sesudah "
                f"akhir triwulan yang dilaporkan ({tanggal(end)}).",
                found=t.isoformat(), expected=end.isoformat(), merged=d.tanggal.merged))


def needed_docs(data: WorkbookData) -> set[str]:
    """The documents a PK row derives its realisation from."""
    needed: set[str] = set()
    for r in data.pk:
        src = r.sumber.value
        if src == "Dokumen Desa":
            needed |= set(DOCS)
        elif src in DOCS:
            needed.add(src)
    return needed


def document_missing(data: WorkbookData, vf: VillageFigure, sheet: str | None,
                     findings: list[Finding]) -> None:
    """villages.document_missing: a village without a row for a document a PK row derives
    from (one finding per village and document, at the village's first Desa cell)."""
    needed = needed_docs(data)
    for key in vf.villages:
        for doc in DOCS:
            if doc in needed and (key, doc) not in vf.docs:
                first = vf.first_row[key]
                findings.append(C.VILLAGES_DOCUMENT_MISSING.finding(
                    sheet, first.desa.addr,
                    f"Desa {first.desa.value} tidak punya baris dokumen {doc}, padahal realisasi "
                    f"PK dihitung dari dokumen itu.", found=first.desa.value, expected=doc))


def count_mismatch(data: WorkbookData, vf: VillageFigure, findings: list[Finding]) -> None:
    """villages.count_mismatch: Identitas Jumlah Desa/Kelurahan against the villages listed."""
    identity = data.identity
    jumlah = identity.values.get("Jumlah Desa/Kelurahan")
    if jumlah is not None and jumlah.value is not None and data.villages and jumlah.value != vf.n:
        findings.append(C.VILLAGES_COUNT_MISMATCH.finding(
            identity.sheet, jumlah.addr,
            f"Jumlah Desa/Kelurahan di Identitas tertulis {jumlah.value}, sheet LPPDes "
            f"memuat {vf.n} desa.", found=jumlah.value, expected=vf.n))


