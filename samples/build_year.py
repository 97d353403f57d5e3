"""Build the sample year: Kecamatan Tempursari's TW IV 2022 and TW II 2023, derived from the
TW I 2023 sample (samples/source/*.csv) with the changes a real office's next reports carry.

    python samples/build_year.py

Processing the three workbooks in order (`lkj-excel process samples/ -o hasil/`) gives
every history check (docs/arsip.md#pemeriksaan-riwayat) at the cells named below, and a
Perbandingan with last year's TW IV, TW I and TW II. samples/README.md lists them.

TW IV 2022 (`tempursari-2022-tw4.xlsx`, last year's report):
- Identitas: 2022, triwulan IV, dated 31 Desember 2022; every date of Fasilitasi and LPPDes a
  year earlier;
- Realisasi: every amount the office typed as text is typed as a number, and at the year's
  end every row's Realisasi equals its Pagu (Sisa 0);
- PK: the two sasaran strategis are typed, not derived from their lists (2022's lists are
  not in this workbook): Target 89 and 83, Realisasi **92.5** and 86. The 2023 reports type
  Realisasi Tahun Lalu 94.12 on the first: `history.last_year_mismatch` at PK!N3 of TW I
  and PK!S3 of TW II (a template version 2 workbook). The other
  indicators end the year at 90 against 90.

TW II 2023 (`tempursari-2023-tw2.xlsx`), the TW I sample plus:
- realisations growing (cumulative): 7.01.01.2.06.09 +Rp 20.000.000, 7.01.06.2.01.02
  +Rp 50.000.000, 7.01.01.2.09.02 +Rp 6.000.000, 7.01.01.2.01.01 +Rp 1.000.000;
- one realisation that drops: 7.01.01.2.06.08 Fasilitas Kunjungan Tamu Rp 800.000 →
  Rp 500.000 (`history.realisasi_decreased` at Realisasi!D18);
- one Pagu changed by the APBD Perubahan: 7.01.01.2.09.09 Rp 37.309.500 → Rp 42.309.500
  (`history.pagu_changed` at Realisasi!C29), with its kegiatan's Anggaran in PK;
- one sub kegiatan dropped: 7.01.03.2.01.01 (Rp 600.000, no realisation), so
  `history.code_missing` (sheet Realisasi, kode 7.01.03.2.01.01);
- one target retyped: the first sasaran program's Target 90 → 95 (`history.target_changed`
  at PK!H5);
- one indicator gone: the kegiatan indicator of 7.01.01.2.07 (Pengadaan Barang Milik Daerah),
  so `history.indicator_missing` (sheet PK);
- template version 2: the quarter targets of the PK's Rencana Aksi (Target TW I, II, III =
  a quarter, a half, three quarters of Target), Target Renstra on the two sasaran strategis
  (92 and 95) and a Standar Nasional on the second (80), so Capaian Kinerja judges the
  quarter and Perbandingan compares with the Renstra and the national standard;
- more facilitation followed up (10 more items `Ya`: 40 of 63) and the typed realisations of
  PK grown accordingly;
- every parent, program and the TOTAL row typed with the same changes, so the typed totals
  disagree exactly as much as in TW I (the TW I mistakes stay: an office does not fix what
  nobody told it).
Every total the office typed keeps its own mismatch; the derived workbooks have fixed
timestamps, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build_sample as base  # noqa: E402

LAST_YEAR = HERE / "tempursari-2022-tw4.xlsx"
TW2 = HERE / "tempursari-2023-tw2.xlsx"
TOTAL = ""  # the Kode of the TOTAL row


def amount(text: str) -> int:
    """An amount of the CSV convention (`1.234.567`, or text after `'`: `'1,169,899,860`,
    `'1.750.000,-`) in Rupiah; only its digits count (none of these has sen)."""
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else 0


def plain(rp: int) -> str:
    """Rupiah in the CSV convention: `1.234.567`."""
    return f"{rp:,}".replace(",", ".")


def row_of(rows: list[dict[str, str]], kode: str) -> dict[str, str]:
    """The one budget row with this Kode (TOTAL: the total row)."""
    found = [r for r in rows if r["Kode"] == kode]
    if len(found) != 1:
        raise SystemExit(f"build_year: {len(found)} rows with Kode {kode!r}")
    return found[0]


def bump(rows: list[dict[str, str]], kode: str, parents: list[str], pagu: int = 0,
         realisasi: int = 0) -> None:
    """Change a row's Pagu and/or Realisasi and its typed Sisa, and the same in each of
    `parents` (its kegiatan, program and the TOTAL row), as an office retyping them would."""
    for k in (kode, *parents):
        row = row_of(rows, k)
        for column, delta in (("Pagu", pagu), ("Realisasi", realisasi)):
            if delta:
                if row[column].startswith("'"):
                    raise SystemExit(f"build_year: {k} {column} is typed as text")
                row[column] = plain(amount(row[column]) + delta)
        row["Sisa"] = plain(amount(row["Sisa"]) + pagu - realisasi)


def identity(data: dict, tahun: int, triwulan: str, tanggal: dt.date) -> None:
    for row in data["Identitas"]:
        if row["Isian"] == "Tahun Anggaran":
            row["Nilai"] = str(tahun)
        elif row["Isian"] == "Triwulan":
            row["Nilai"] = triwulan
        elif row["Isian"] == "Tanggal Laporan":
            row["Nilai"] = tanggal.isoformat()


def pk_row(data: dict, no: int) -> dict[str, str]:
    return next(r for r in data["PK"] if r["No"] == str(no))


def last_year(tw1: dict) -> dict:
    data = copy.deepcopy(tw1)
    identity(data, 2022, "IV", dt.date(2022, 12, 31))
    for sheet, columns in (("Fasilitasi", ("Tanggal",)),
                           ("LPPDes", ("Batas Waktu", "Tanggal Penetapan"))):
        for row in data[sheet]:
            for c in columns:
                if row[c]:
                    d = dt.date.fromisoformat(row[c])
                    row[c] = d.replace(year=d.year - 1).isoformat()
    for row in data["Realisasi"]:
        pagu = amount(row["Pagu"])
        row["Pagu"] = row["Realisasi"] = plain(pagu)
        row["Sisa"] = "0"
    for no, target, real in ((1, "89", "92.5"), (2, "83", "86")):
        row = pk_row(data, no)
        row["Target"], row["Realisasi"], row["Sumber Realisasi"] = target, real, ""
    for row in data["PK"]:
        if row["No"] not in ("1", "2"):
            row["Realisasi"], row["Sumber Realisasi"] = "90", ""
        row["Target Tahun Lalu"] = row["Realisasi Tahun Lalu"] = ""
    return data


def second_quarter(tw1: dict) -> dict:
    data = copy.deepcopy(tw1)
    identity(data, 2023, "II", dt.date(2023, 6, 30))
    rows = data["Realisasi"]
    up = {"7.01.01.2.06.09": (["7.01.01.2.06", "7.01.01", TOTAL], 20_000_000),
          "7.01.06.2.01.02": (["7.01.06.2.01", "7.01.06", TOTAL], 50_000_000),
          "7.01.01.2.09.02": (["7.01.01.2.09", "7.01.01", TOTAL], 6_000_000),
          "7.01.01.2.01.01": (["7.01.01.01.2", "7.01.01", TOTAL], 1_000_000),
          "7.01.01.2.06.08": (["7.01.01.2.06", "7.01.01", TOTAL], -300_000)}
    for kode, (parents, delta) in up.items():
        bump(rows, kode, parents, realisasi=delta)
    bump(rows, "7.01.01.2.09.09", ["7.01.01.2.09", "7.01.01", TOTAL], pagu=5_000_000)
    gone = row_of(rows, "7.01.03.2.01.01")
    bump(rows, "7.01.03.2.01.01", ["7.01.03.2.01", "7.01.03", TOTAL], pagu=-amount(gone["Pagu"]))
    rows.remove(gone)
    # PK: Anggaran follows the Pagu changes; the targets and realisations of the quarter
    for no, delta in ((3, 5_000_000), (16, 5_000_000), (5, -600_000)):
        row = pk_row(data, no)
        row["Anggaran"] = plain(amount(row["Anggaran"]) + delta)
    pk_row(data, 3)["Target"] = "95"
    for no, real in ((3, "41"), (4, "35"), (5, "30"), (6, "50"), (7, "45"), (11, "40"),
                     (12, "45"), (13, "42"), (15, "48"), (16, "37"), (17, "75")):
        pk_row(data, no)["Realisasi"] = real
    pk_row(data, 1)["Realisasi"] = "63.49"  # what the office typed from the list (40 / 63)
    dropped = pk_row(data, 14)
    data["PK"].remove(dropped)
    for n, row in enumerate(data["PK"], 1):
        row["No"] = str(n)
    for row in data["PK"]:  # template version 2: the Rencana Aksi's cumulative quarter targets
        target = float(row["Target"])
        for n, share in (("I", 0.25), ("II", 0.5), ("III", 0.75)):
            row[f"Target TW {n}"] = f"{target * share:g}"
    for no, renstra, standar in ((1, "92", ""), (2, "95", "80")):
        row = pk_row(data, no)
        row["Target Renstra"], row["Standar Nasional"] = renstra, standar
    for row in data["Identitas"]:
        if row["Isian"] == "Versi Template":
            row["Nilai"] = "2"
    followed = 0
    for row in data["Fasilitasi"]:
        if row["Ditindaklanjuti"] == "Tidak" and followed < 10:
            row["Ditindaklanjuti"] = "Ya"
            followed += 1
    return data


def main() -> None:
    tw1 = base.load()
    for data, path, title, when, version in (
            (last_year(tw1), LAST_YEAR, "Tempursari Triwulan IV 2022", dt.datetime(2022, 12, 31), 1),
            (second_quarter(tw1), TW2, "Tempursari Triwulan II 2023", dt.datetime(2023, 6, 30), 2)):
        wb = base.build(data, petunjuk=f"Contoh pengisian (tahun contoh): LKj Kecamatan {title}, "
                                       "diturunkan dari contoh Triwulan I 2023 "
                                       "(samples/build_year.py).",
                        title=f"Contoh pengisian LKj Kecamatan {title}", when=when,
                        version=version)
        base.save_deterministic(wb, path, when)
        print(f"ditulis: {path.relative_to(base.ROOT)}")


if __name__ == "__main__":
    main()
