"""A template written by `lkj-excel template`, filled the way staff fill it, reads back to
the same values with no findings."""

from __future__ import annotations

import datetime as dt

import openpyxl
from click.testing import CliRunner

import lkj_excel
from lkj_excel.cli import main
from lkj_excel.contract import SHEETS

IDENTITAS = {
    "Perangkat Daerah": "Kecamatan Contoh",
    "Pemerintah Daerah": "Kabupaten Lumajang",
    "Tahun Anggaran": 2024,
    "Triwulan": "II",
    "Nama Kepala": "BUDI SANTOSO, S.Sos",
    "NIP Kepala": "19800101 200501 1 003",
    "Jabatan Kepala": "Camat",
    "Jumlah Desa/Kelurahan": 2,
    "Tempat Laporan": "Lumajang",
    "Tanggal Laporan": dt.datetime(2024, 6, 30),
}
# template version 2: after Anggaran, Target TW I, TW II, TW III, Target Renstra, Standar Nasional
PK = [
    ["1", "Sasaran Strategis", "Camat", "Meningkatnya akuntabilitas pemerintahan desa",
     "Rata-rata persentase desa yang menyusun dokumen tepat waktu", None, None, 90, 50,
     "Dokumen Desa", None, None, 20, 40, 65, 95, 87.5, 80, 85, None],
    ["2", "Sasaran Program", "Camat", "Terpenuhinya fasilitas kebutuhan operasional",
     "Persentase pemenuhan fasilitas", "%", "Naik", 90, 45, None, "7.01.01", 4500000, 25, 50,
     75, 100, None, None, None, "DAU"],
    ["3", "Sasaran Kegiatan", "Sekretaris Kecamatan", "Terfasilitasinya administrasi keuangan",
     "Jumlah laporan keuangan", "dokumen", "Naik", 12, 6, None, "7.01.01.2.02", 4500000, 3, 6,
     9, 60, None, None, None, None],
]
REALISASI = [
    ["7.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", 4500000, 1500000,
     3000000, "DAU"],
    ["7.01.01.2.02", "Administrasi Keuangan Perangkat Daerah", None, None, None, "DAU"],
    ["7.01.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", 4000000, 1250000.5, 2749999.5, "DAU"],
    ["7.01.01.2.02.0002", "Penyediaan Administrasi Pelaksanaan Tugas ASN", 500000, 249999.5, None,
     "DAU"],
    [None, "Jumlah", 4500000, 1500000, 3000000, None],
]
LPPDES = [
    [str(i + 1), desa, doc, batas, tgl, None]
    for i, (desa, doc, batas, tgl) in enumerate([
        ("Sukamaju", "RKPDes", dt.datetime(2024, 9, 30), dt.datetime(2024, 5, 2)),
        ("Sukamaju", "APBDes", dt.datetime(2024, 12, 31), None),
        ("Sukamaju", "LPPDes", dt.datetime(2024, 3, 31), dt.datetime(2024, 3, 1)),
        ("Mekarsari", "RKPDes", dt.datetime(2024, 9, 30), None),
        ("Mekarsari", "APBDes", dt.datetime(2024, 12, 31), None),
        ("Mekarsari", "LPPDes", dt.datetime(2024, 3, 31), dt.datetime(2024, 3, 20)),
    ])
]
FASILITASI = [
    ["1", "Fasilitasi", "Fasilitasi penyusunan Perdes APBDes", "Ya", dt.datetime(2024, 4, 5), None],
    ["2", "Koordinasi", "Koordinasi pendampingan desa", "Tidak", None, None],
]
PEGAWAI = [
    ["1", "BUDI SANTOSO, S.Sos", "19800101 200501 1 003", "L", "Penata (III/c)", "Camat", "S.1",
     "PNS"],
    ["2", "SITI AMINAH", "19850505 201001 2 004", "P", "Penata Muda (III/a)", "Sekretaris",
     "S.1", "PNS"],
]


def test_filled_template_reads_back(tmp_path):
    path = tmp_path / "isian.xlsx"
    result = CliRunner().invoke(main, ["template", "-o", str(path), "--perangkat-daerah",
                                       "Kecamatan Contoh", "--tahun", "2024", "--triwulan", "2"])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(path)
    ident = wb["Identitas"]
    for row in ident.iter_rows(min_row=3):
        label = row[0].value
        if label in IDENTITAS:
            row[1].value = IDENTITAS[label]
    for name, rows in (("PK", PK), ("Realisasi", REALISASI), ("Fasilitasi", FASILITASI),
                       ("LPPDes", LPPDES), ("Pegawai", PEGAWAI)):
        ws = wb[name]
        for r, values in enumerate(rows, start=3):
            for c, v in enumerate(values, start=1):
                if v is not None:
                    ws.cell(r, c, v)
    wb.save(path)

    rep = lkj_excel.check(path)
    assert [(f.check, f.cell, f.message) for f in rep.findings] == []
    data = rep.data
    assert data.sheets == {s.name: s.name for s in SHEETS}
    ident_values = {k: v.value for k, v in data.identity.values.items()}
    assert ident_values["Perangkat Daerah"] == "Kecamatan Contoh"
    assert ident_values["Tahun Anggaran"] == 2024 and ident_values["Triwulan"] == "II"
    assert ident_values["NIP Kepala"] == "198001012005011003"
    assert ident_values["Jumlah Desa/Kelurahan"] == 2
    assert ident_values["Tanggal Laporan"] == dt.date(2024, 6, 30)
    assert ident_values["Versi Template"] == 2
    assert [(r.tingkat.value, r.target.value, r.realisasi.value, r.kode.value, r.anggaran.value)
            for r in data.pk] == [
        ("Sasaran Strategis", 90, 50, None, None),
        ("Sasaran Program", 90, 45, "7.01.01", 450000000),
        ("Sasaran Kegiatan", 12, 6, "7.01.01.2.02", 450000000),
    ]
    assert data.pk[2].is_percent is False and data.pk[0].is_percent is True
    assert [(r.target_tw1.value, r.target_tw2.value, r.target_tw3.value, r.target_renstra.value,
             r.standar_nasional.value) for r in data.pk] == [
        (20, 40, 65, 95, 87.5), (25, 50, 75, 100, None), (3, 6, 9, 60, None)]
    # TW II: capaian against Target TW II beside the one against the year's Target
    assert [(i.capaian_tw, i.predikat) for i in rep.figures.indicators] == [
        (1.25, "Sangat Tinggi"), (0.9, "Tinggi"), (1.0, "Sangat Tinggi")]
    assert [round(i.capaian, 4) for i in rep.figures.indicators] == [0.5556, 0.5, 0.5]
    # Dokumen Desa: 2 LPPDes + 1 RKPDes on time out of 2 villages x 3
    assert data.pk[0].derived == 50
    assert [(r.kode.value, r.pagu.value, r.realisasi.value, r.sisa.value) for r in data.budget] == [
        ("7.01.01", 450000000, 150000000, 300000000),
        ("7.01.01.2.02", None, None, None),
        ("7.01.01.2.02.0001", 400000000, 125000050, 274999950),
        ("7.01.01.2.02.0002", 50000000, 24999950, None),
        (None, 450000000, 150000000, 300000000),
    ]
    kegiatan = rep.figures.budget.find("7.01.01.2.02")
    assert (kegiatan.c_pagu, kegiatan.c_realisasi) == (450000000, 150000000)
    assert [(f.uraian.value, f.ya.value) for f in data.facilitation] == [
        ("Fasilitasi penyusunan Perdes APBDes", True), ("Koordinasi pendampingan desa", False)]
    assert [(v.desa.value, v.dokumen.value, v.status) for v in data.villages][:3] == [
        ("Sukamaju", "RKPDes", "Tepat Waktu"), ("Sukamaju", "APBDes", "Belum"),
        ("Sukamaju", "LPPDes", "Tepat Waktu")]
    assert [(s.nama.value, s.nip.value, s.lp.value, s.status.value) for s in data.staff] == [
        ("BUDI SANTOSO, S.Sos", "198001012005011003", "L", "PNS"),
        ("SITI AMINAH", "198505052010012004", "P", "PNS")]
