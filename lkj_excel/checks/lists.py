"""The lists realisations derive from: Fasilitasi and the villages' documents (LPPDes).

Counts here feed the derived indicators of template.md ("Derived realisations")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..contract import norm_loose
from ..findings import Finding
from ..model import FacItem, Identity, VillageDoc

DOCS = ("RKPDes", "APBDes", "LPPDes")


@dataclass
class FacilitationCount:
    items: list[FacItem] = field(default_factory=list)  # each item once (its first row)
    ya: int = 0

    @property
    def total(self) -> int:
        return len(self.items)


@dataclass
class VillageCount:
    villages: list[str] = field(default_factory=list)  # village keys, first-seen order
    names: dict[str, str] = field(default_factory=dict)  # key -> name as first written
    first_row: dict[str, VillageDoc] = field(default_factory=dict)
    docs: dict[tuple[str, str], VillageDoc] = field(default_factory=dict)  # (key, doc) -> first row

    @property
    def n(self) -> int:
        return len(self.villages)

    def on_time(self, doc: str) -> int:
        return sum(1 for k in self.villages
                   if (d := self.docs.get((k, doc))) is not None and d.status == "Tepat Waktu")


def fac_key(it: FacItem) -> str:
    """The text two rows of one item share: Jenis and Uraian lower-cased without spaces and
    punctuation (`fasilitasi:penyusunanrkpdes`); an item without Uraian is its own row.
    Letters, digits and one ':' only, at most 240 characters (a longer text ends in a
    digest), so Excel's COUNTIF can compare it exactly: no wildcard, no 255-character limit."""
    if it.uraian.value is None:
        return f"baris{it.row}"
    key = f"{norm_loose(it.jenis.value)}:{norm_loose(it.uraian.value)}"
    if len(key) > 240:
        import hashlib

        key = key[:200] + hashlib.sha1(key.encode()).hexdigest()[:16]
    return key


def facilitation(items: list[FacItem], sheet: str | None, findings: list[Finding]) -> FacilitationCount:
    """Each item once; a repeat is `facilitation.duplicate` and counts as Ya if any row says Ya."""
    first: dict[str, FacItem] = {}
    ya: dict[str, bool] = {}
    out = FacilitationCount()
    for it in items:
        key = fac_key(it)
        if key in first:
            f = first[key]
            findings.append(Finding(
                "facilitation.duplicate", sheet, it.uraian.addr,
                f"Item '{it.uraian.value}' ({it.jenis.value}) sudah tercatat di baris {f.row}; "
                f"dihitung sekali.", found=it.uraian.value))
        else:
            first[key] = it
            out.items.append(it)
        ya[key] = ya.get(key, False) or bool(it.ya.value)
    out.ya = sum(1 for v in ya.values() if v)
    return out


def villages(docs: list[VillageDoc], sheet: str | None, identity: Identity,
             needed_docs: set[str], findings: list[Finding]) -> VillageCount:
    """Distinct villages and their documents, with the village checks."""
    out = VillageCount()
    for d in docs:
        if not d.key:
            continue
        if d.key not in out.first_row:
            out.first_row[d.key] = d
            out.villages.append(d.key)
            out.names[d.key] = d.desa.value
        doc = d.dokumen.value
        if doc is None:
            continue
        prior = out.docs.get((d.key, doc))
        if prior is not None:
            findings.append(Finding(
                "villages.duplicate", sheet, d.desa.addr,
                f"Desa {d.desa.value} dengan dokumen {doc} sudah tercatat di baris {prior.row}; "
                f"yang dipakai baris pertama.", found=d.desa.value))
        else:
            out.docs[(d.key, doc)] = d
    end = identity.period_end()
    if end is not None:
        for d in docs:
            t = d.tanggal.value
            if isinstance(t, dt.date) and t > end:
                findings.append(Finding(
                    "villages.date_after_period", sheet, d.tanggal.addr,
                    f"Tanggal Penetapan {_tgl(t)} ({d.desa.value}, {d.dokumen.value}) sesudah "
                    f"akhir triwulan yang dilaporkan ({_tgl(end)}).",
                    found=t.isoformat(), expected=end.isoformat(), merged=d.tanggal.merged))
    for key in out.villages:
        for doc in DOCS:
            if doc in needed_docs and (key, doc) not in out.docs:
                first = out.first_row[key]
                findings.append(Finding(
                    "villages.document_missing", sheet, first.desa.addr,
                    f"Desa {first.desa.value} tidak punya baris dokumen {doc}, padahal realisasi "
                    f"PK dihitung dari dokumen itu.", found=first.desa.value, expected=doc))
    jumlah = identity.values.get("Jumlah Desa/Kelurahan")
    if jumlah is not None and jumlah.value is not None and docs and jumlah.value != out.n:
        findings.append(Finding(
            "villages.count_mismatch", identity.sheet, jumlah.addr,
            f"Jumlah Desa/Kelurahan di Identitas tertulis {jumlah.value}, sheet LPPDes "
            f"memuat {out.n} desa.", found=jumlah.value, expected=out.n))
    return out


BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")


def _tgl(d: dt.date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"
