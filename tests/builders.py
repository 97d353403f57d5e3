"""Build input workbooks for the tests (openpyxl).

`clean_book()` returns an openpyxl Workbook holding a CLEAN, fully consistent minimal
report: checking it gives no finding at all. Tests change one cell the openpyxl way
(`wb["Realisasi"]["C5"] = 11_000_000`), then `run(wb, tmp_path)` saves it under pytest's
`tmp_path` and checks it. `make_book(sheets)` writes any dict of sheet rows.

Layout of every sheet: row 1 title, row 2 headers (the contract's column names), data from
row 3. The clean book's cells the tests refer to:

Identitas (A Isian, B Nilai)
    B3 Perangkat Daerah, B4 Pemerintah Daerah, B5 Tahun Anggaran 2023, B6 Triwulan I,
    B7 Nama Kepala, B8 NIP Kepala, B9 Jabatan Kepala, B10 Jumlah Desa/Kelurahan 2,
    B11 Tempat Laporan, B12 Tanggal Laporan, B13 Versi Template

Realisasi (A Kode, B Uraian, C Pagu, D Realisasi, E Sisa, F Sumber Dana)
    3  7.01.01            program          1.265.000.000  315.845.678  949.154.322
    4  7.01.01.2.01       kegiatan            15.000.000    3.500.000   11.500.000
    5  7.01.01.2.01.0001  sub kegiatan        10.000.000    2.500.000    7.500.000
    6  7.01.01.2.01.0006  sub kegiatan         5.000.000    1.000.000    4.000.000
    7  7.01.01.2.02       kegiatan         1.250.000.000  312.345.678  937.654.322
    8  7.01.01.2.02.0001  sub kegiatan     1.200.000.000  300.000.000  900.000.000
    9  7.01.01.2.02.0002  sub kegiatan        50.000.000   12.345.678   37.654.322
    10 (blank) Jumlah     total row        1.265.000.000  315.845.678  949.154.322

PK (A No, B Tingkat, C Penanggung Jawab, D Sasaran, E Indikator Kinerja, F Satuan, G Arah,
    H Target, I Realisasi, J Sumber Realisasi, K Kode, L Anggaran, M Target Tahun Lalu,
    N Realisasi Tahun Lalu, O Keterangan)
    3  Sasaran Strategis  Satuan %      Target 90   Realisasi 100  Sumber Dokumen Desa
    4  Sasaran Program    Satuan Nilai  Target 70   Realisasi 65   Kode 7.01.01       Anggaran 1.265.000.000
    5  Sasaran Kegiatan   Satuan %      Target 100  Realisasi 25   Kode 7.01.01.2.01  Anggaran 15.000.000

Fasilitasi (A No, B Jenis, C Uraian, D Ditindaklanjuti, E Tanggal, F Keterangan)
    3 Fasilitasi Ya, 4 Koordinasi Ya, 5 Fasilitasi Tidak  (2 of 3 items: 66,67 %)

LPPDes (A No, B Desa, C Dokumen, D Batas Waktu, E Tanggal Penetapan, F Keterangan)
    3-5 Tempursari RKPDes/APBDes/LPPDes, 6-8 Pundungsari RKPDes/APBDes/LPPDes, all on time
    (Dokumen Desa 6 of 6 = 100 %). LPPDes Batas Waktu is 30 April 2023, after the period.

Pegawai (A No, B Nama, C NIP, D L/P, E Pangkat/Golongan, F Jabatan, G Pendidikan, H Status)
    3 the head (Camat, NIP = Identitas NIP Kepala, L), 4 a woman (P), 5 a man (L)
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook import Workbook

from lkj_excel.pipeline import FileReport, check_source

D = dt.date

PROGRAM = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
KEG_201 = "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
KEG_202 = "Administrasi Keuangan Perangkat Daerah"
SUB_201_0001 = "Penyusunan Dokumen Perencanaan Perangkat Daerah"
SUB_201_0002 = "Koordinasi dan Penyusunan Dokumen RKA-SKPD"
SUB_201_0003 = "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD"
SUB_201_0006 = ("Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi "
                "Kinerja SKPD")
SUB_202_0001 = "Penyediaan Gaji dan Tunjangan ASN"
SUB_202_0002 = "Penyediaan Administrasi Pelaksanaan Tugas ASN"
KEG_203 = "Administrasi Barang Milik Daerah pada Perangkat Daerah"
SUB_203_0006 = "Penatausahaan Barang Milik Daerah pada SKPD"

HEAD_NAME = "ARIF MUSTOFA, SAP"
HEAD_NIP = "19750712 199703 1 002"  # as typed in Identitas
HEAD_NIP_DIGITS = "197507121997031002"

HEADERS: dict[str, list[str]] = {
    "Identitas": ["Isian", "Nilai"],
    "PK": ["No", "Tingkat", "Penanggung Jawab", "Sasaran", "Indikator Kinerja", "Satuan",
           "Arah", "Target", "Realisasi", "Sumber Realisasi", "Kode", "Anggaran",
           "Target Tahun Lalu", "Realisasi Tahun Lalu", "Keterangan"],
    "Realisasi": ["Kode", "Uraian", "Pagu", "Realisasi", "Sisa", "Sumber Dana"],
    "Fasilitasi": ["No", "Jenis", "Uraian", "Ditindaklanjuti", "Tanggal", "Keterangan"],
    "LPPDes": ["No", "Desa", "Dokumen", "Batas Waktu", "Tanggal Penetapan", "Keterangan"],
    "Pegawai": ["No", "Nama", "NIP", "L/P", "Pangkat/Golongan", "Jabatan", "Pendidikan",
                "Status"],
}

TITLES = {
    "Identitas": "IDENTITAS LAPORAN",
    "PK": "PERJANJIAN KINERJA DAN REALISASINYA",
    "Realisasi": "REALISASI ANGGARAN",
    "Fasilitasi": "FASILITASI, KOORDINASI DAN REKOMENDASI",
    "LPPDes": "DOKUMEN DESA (RKPDes, APBDes, LPPDes)",
    "Pegawai": "DATA PEGAWAI",
}


def clean_data() -> dict[str, list[list[Any]]]:
    """The data rows (from row 3) of the clean workbook, per sheet."""
    return {
        "Identitas": [
            ["Perangkat Daerah", "Kecamatan Tempursari"],
            ["Pemerintah Daerah", "Kabupaten Lumajang"],
            ["Tahun Anggaran", 2023],
            ["Triwulan", "I"],
            ["Nama Kepala", HEAD_NAME],
            ["NIP Kepala", HEAD_NIP],
            ["Jabatan Kepala", "Camat"],
            ["Jumlah Desa/Kelurahan", 2],
            ["Tempat Laporan", "Lumajang"],
            ["Tanggal Laporan", D(2023, 3, 31)],
            ["Versi Template", 1],
        ],
        "PK": [
            [1, "Sasaran Strategis", "Camat", "Meningkatnya tata kelola pemerintahan desa",
             "Persentase dokumen desa yang ditetapkan tepat waktu", "%", "Naik", 90, 100,
             "Dokumen Desa", None, None, 85, 88, None],
            [2, "Sasaran Program", "Camat", "Meningkatnya kualitas pelayanan administrasi",
             "Nilai SAKIP kecamatan", "Nilai", "Naik", 70, 65, None, "7.01.01",
             1_265_000_000, None, None, None],
            [3, "Sasaran Kegiatan", "Sekretaris Kecamatan",
             "Tersusunnya dokumen perencanaan dan evaluasi",
             "Persentase dokumen perencanaan yang tersusun tepat waktu", "%", "Naik", 100, 25,
             None, "7.01.01.2.01", 15_000_000, None, None, None],
        ],
        "Realisasi": [
            ["7.01.01", PROGRAM, 1_265_000_000, 315_845_678, 949_154_322, "DAU"],
            ["7.01.01.2.01", KEG_201, 15_000_000, 3_500_000, 11_500_000, "DAU"],
            ["7.01.01.2.01.0001", SUB_201_0001, 10_000_000, 2_500_000, 7_500_000, "DAU"],
            ["7.01.01.2.01.0006", SUB_201_0006, 5_000_000, 1_000_000, 4_000_000, "DAU"],
            ["7.01.01.2.02", KEG_202, 1_250_000_000, 312_345_678, 937_654_322, "DAU"],
            ["7.01.01.2.02.0001", SUB_202_0001, 1_200_000_000, 300_000_000, 900_000_000, "DAU"],
            ["7.01.01.2.02.0002", SUB_202_0002, 50_000_000, 12_345_678, 37_654_322, "DAU"],
            [None, "Jumlah", 1_265_000_000, 315_845_678, 949_154_322, None],
        ],
        "Fasilitasi": [
            [1, "Fasilitasi", "Fasilitasi penyusunan APBDes", "Ya", D(2023, 1, 20), None],
            [2, "Koordinasi", "Rapat koordinasi Forkopimcam", "Ya", D(2023, 2, 6), None],
            [3, "Fasilitasi", "Fasilitasi penyusunan RKPDes", "Tidak", None, None],
        ],
        "LPPDes": [
            [1, "Tempursari", "RKPDes", D(2023, 1, 31), D(2023, 1, 10), None],
            [2, "Tempursari", "APBDes", D(2023, 1, 31), D(2023, 1, 25), None],
            [3, "Tempursari", "LPPDes", D(2023, 4, 30), D(2023, 3, 20), None],
            [4, "Pundungsari", "RKPDes", D(2023, 1, 31), D(2023, 1, 12), None],
            [5, "Pundungsari", "APBDes", D(2023, 1, 31), D(2023, 1, 30), None],
            [6, "Pundungsari", "LPPDes", D(2023, 4, 30), D(2023, 3, 15), None],
        ],
        "Pegawai": [
            [1, HEAD_NAME, HEAD_NIP_DIGITS, "L", "Pembina (IV/a)", "Camat", "S1", "PNS"],
            [2, "SITI AMINAH, S.Sos", "198203152006042003", "P", "Penata Tk. I (III/d)",
             "Sekretaris Kecamatan", "S2", "PNS"],
            [3, "BUDI SANTOSO", "199001012015031001", "L", "Penata Muda (III/a)",
             "Kasi Pelayanan Umum", "S1", "PNS"],
        ],
    }


def clean_sheets() -> dict[str, list[list[Any]]]:
    """Every sheet of the clean workbook as full rows: title, headers, data."""
    data = clean_data()
    return {name: [[TITLES[name]], list(HEADERS[name]), *rows] for name, rows in data.items()}


def make_book(sheets: dict[str, list[list[Any]]]) -> Workbook:
    """A workbook with one sheet per entry, rows written from A1 (None leaves a cell empty)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
    # codes and NIPs are text, as the template formats them
    return wb


def clean_book() -> Workbook:
    """The clean, fully consistent workbook (no finding)."""
    return make_book(clean_sheets())


# template version 2's PK columns, after Anggaran (L): M Target TW I, N Target TW II,
# O Target TW III, P Target Renstra, Q Standar Nasional; then R Target Tahun Lalu,
# S Realisasi Tahun Lalu, T Keterangan
V2_COLUMNS = ["Target TW I", "Target TW II", "Target TW III", "Target Renstra", "Standar Nasional"]


def v2_sheets(targets: dict[int, dict[str, Any]] | None = None,
              triwulan: str = "I") -> dict[str, list[list[Any]]]:
    """The clean workbook as a template version 2 workbook (Versi Template 2) of `triwulan`:
    PK with the columns version 2 adds, filled from `targets` ({PK sheet row: {column name:
    value}}, blank otherwise)."""
    sheets = clean_sheets()
    pk = sheets["PK"]
    at = pk[1].index("Anggaran") + 1
    pk[1][at:at] = V2_COLUMNS
    for r, row in enumerate(pk[2:], start=3):
        given = (targets or {}).get(r, {})
        row[at:at] = [given.get(name) for name in V2_COLUMNS]
    ident = {row[0]: row for row in sheets["Identitas"][2:]}
    ident["Versi Template"][1] = 2
    ident["Triwulan"][1] = triwulan
    return sheets


def v2_book(targets: dict[int, dict[str, Any]] | None = None, triwulan: str = "I") -> Workbook:
    return make_book(v2_sheets(targets, triwulan))


def set_row(ws, row: int, values: list[Any]) -> None:
    """Overwrite row `row` from column A with `values` (None clears a cell)."""
    for c, value in enumerate(values, start=1):
        ws.cell(row=row, column=c).value = value  # (cell(value=None) would not clear)


def clear_row(ws, row: int) -> None:
    """Empty every cell of row `row`."""
    for c in range(1, ws.max_column + 1):
        ws.cell(row=row, column=c).value = None


def replace_data(ws, rows: list[list[Any]], first: int = 3) -> None:
    """Replace every data row of `ws` (from row `first`) by `rows`."""
    for r in range(first, ws.max_row + 1):
        clear_row(ws, r)
    for i, row in enumerate(rows):
        set_row(ws, first + i, row)


def rename(wb: Workbook, old: str, new: str) -> None:
    """Rename a sheet (through a temporary name: openpyxl would turn `PK` -> `Pk` into `Pk1`)."""
    ws = wb[old]
    ws.title = "__tmp__"
    ws.title = new


def save(wb: Workbook, tmp_path: Path, name: str = "lkj.xlsx") -> Path:
    path = Path(tmp_path) / name
    wb.save(path)
    return path


def clean_path(tmp_path: Path) -> Path:
    return save(clean_book(), tmp_path)


def set_cached_values(path: Path, sheet_title: str, values: dict[str, Any]) -> None:
    """Give formula cells written by openpyxl (which stores no cached value) a cached value,
    by editing the sheet XML in the saved file, as Excel would after recalculating."""
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index(sheet_title) + 1
    member = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    xml = parts[member].decode("utf-8")
    for ref, value in values.items():
        pattern = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>.*?</f>)(?:<v\s*/>|<v>\s*</v>)?(</c>)')
        assert pattern.search(xml), f"no formula cell {ref} in {member}"
        xml = pattern.sub(rf"\g<1>\g<2><v>{value}</v>\g<3>", xml)
    parts[member] = xml.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in parts.items():
            zf.writestr(name, blob)
    Path(path).write_bytes(buf.getvalue())


def run(wb: Workbook | Path | bytes, tmp_path: Path | None = None, name: str = "lkj.xlsx") -> FileReport:
    """Save `wb` (when it is a Workbook) and check it."""
    if isinstance(wb, Workbook):
        wb = save(wb, tmp_path, name)
    display = name if isinstance(wb, bytes) else str(wb)
    return check_source(wb, display)


def keys(rep: FileReport) -> list[tuple[str, str | None, str | None]]:
    """The findings as sorted (check, sheet, cell) tuples (a multiset: repeats kept)."""
    return sorted(((f.check, f.sheet, f.cell) for f in rep.findings),
                  key=lambda t: tuple("" if x is None else x for x in t))


def show(rep: FileReport) -> str:
    """The findings, one a line, for assertion messages."""
    return "\n".join(f"{f.check} {f.sheet}!{f.cell} kode={f.kode} found={f.found!r} "
                     f"expected={f.expected!r}: {f.message}" for f in rep.findings) or "(none)"


def only(rep: FileReport, check: str) -> Any:
    """The single finding with id `check`."""
    found = [f for f in rep.findings if f.check == check]
    assert len(found) == 1, show(rep)
    return found[0]


SEN = 100  # amounts in the read data are integer sen
