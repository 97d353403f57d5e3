"""The Pegawai sheet: NIP shape, dates, sex digit, duplicates, and the head's NIP."""

from __future__ import annotations

import datetime as dt

from .. import catalogue as C
from ..contract import norm_loose
from ..findings import Finding
from ..model import Identity, Staff, Val


def nip_problem(nip: str, period_end: dt.date | None, pppk: bool = False) -> str | None:
    """Why a NIP is impossible, or None. NIP: birth YYYYMMDD, appointment YYYYMM, sex 1/2,
    serial NNN (PP 11/2017 numbering). An NI PPPK is checked for length and birth date only."""
    if len(nip) != 18 or not nip.isdigit():
        return f"NIP harus 18 angka (tertulis {len(nip)} karakter)"
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return f"tanggal lahir {nip[6:8]}-{nip[4:6]}-{nip[0:4]} dalam NIP tidak ada di kalender"
    if born.year < 1940:
        return f"tahun lahir {born.year} dalam NIP sebelum 1940"
    if pppk:
        return None
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        return f"bulan pengangkatan {nip[12:14]} dalam NIP tidak ada"
    if (year, month) < (born.year + 18, born.month):
        return f"pengangkatan {month:02d}/{year} sebelum usia 18 tahun (lahir {born.isoformat()})"
    if period_end is not None and (year, month) > (period_end.year, period_end.month):
        return f"pengangkatan {month:02d}/{year} sesudah akhir triwulan yang dilaporkan"
    return None  # the sex digit is staff.nip_gender's (docs/pemeriksaan.md#staffnip_format)


def check(staff: list[Staff], sheet: str | None, identity: Identity,
          findings: list[Finding]) -> None:
    end = identity.period_end()
    seen: dict[str, Staff] = {}
    for s in staff:
        nip = s.nip.value
        if nip is None:
            continue
        pppk = s.status.value == "PPPK"
        problem = nip_problem(nip, end, pppk)
        if problem:
            findings.append(C.STAFF_NIP_FORMAT.finding(
                sheet, s.nip.addr,
                f"NIP {s.nama.value or ''} ({nip}): {problem}.", found=nip,
                merged=s.nip.merged))
        # another cell, so reported beside staff.nip_format (docs/pemeriksaan.md#staffnip_format)
        _gender(s, nip, pppk, sheet, findings)
        if nip in seen:
            findings.append(C.STAFF_NIP_DUPLICATE.finding(
                sheet, s.nip.addr,
                f"NIP {nip} ({s.nama.value}) sudah dipakai di baris {seen[nip].row} "
                f"({seen[nip].nama.value}).", found=nip))
        else:
            seen[nip] = s
    _head(staff, identity, findings)


def _gender(s: Staff, nip: str, pppk: bool, sheet: str | None, findings: list[Finding]) -> None:
    """staff.nip_gender: the NIP's sex digit (1 male, 2 female) against a filled L/P; a digit
    that is neither disagrees with any L/P. Not for an NI PPPK, nor a NIP whose digits cannot
    be placed (not 18 digits: staff.nip_format)."""
    lp = s.lp.value
    if pppk or lp is None or len(nip) != 18 or not nip.isdigit():
        return
    digit = nip[14]
    sex = {"1": "L", "2": "P"}.get(digit)
    if sex == lp:
        return
    if sex is None:
        msg = (f"{s.nama.value}: digit jenis kelamin NIP {nip} adalah '{digit}', bukan 1 "
               f"(laki-laki) atau 2 (perempuan); tidak sesuai dengan L/P yang tertulis {lp}.")
    else:
        msg = (f"{s.nama.value}: L/P tertulis {lp}, digit jenis kelamin NIP {nip} "
               f"menunjukkan {sex}.")
    findings.append(C.STAFF_NIP_GENDER.finding(sheet, s.lp.addr, msg, found=lp, expected=sex))


def head_nip_problem(identity: Identity, findings: list[Finding]) -> None:
    """Identitas NIP Kepala must itself be a possible NIP."""
    v: Val | None = identity.values.get("NIP Kepala")
    if v is None or v.value is None:
        return
    problem = nip_problem(v.value, identity.period_end())
    if problem:
        findings.append(C.STAFF_NIP_FORMAT.finding(
            identity.sheet, v.addr,
            f"NIP Kepala ({v.value}): {problem}.", found=v.value))


def _head(staff: list[Staff], identity: Identity, findings: list[Finding]) -> None:
    v = identity.values.get("NIP Kepala")
    if v is None or v.value is None or not staff:
        return
    name = norm_loose(identity.get("Nama Kepala"))
    match = next((s for s in staff if name and norm_loose(s.nama.value) == name), None)
    if match is None:
        jab = norm_loose(identity.get("Jabatan Kepala"))
        match = next((s for s in staff if jab and norm_loose(s.jabatan.value) == jab), None)
    if match is None or match.nip.value is None or match.nip.value == v.value:
        return
    findings.append(C.STAFF_HEAD_NIP_MISMATCH.finding(
        identity.sheet, v.addr,
        f"NIP Kepala di Identitas {v.value}, di sheet Pegawai ({match.nama.value}, baris "
        f"{match.row}) {match.nip.value}.", found=v.value, expected=match.nip.value))
