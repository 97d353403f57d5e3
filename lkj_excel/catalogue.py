"""The check catalogue (docs/pemeriksaan.md#daftar-pemeriksaan): every check the tool can raise,
as a named constant with its stable id, its severity and a one-line description.

A finding is made only through its check, at the place it is raised:
`C.BUDGET_SUM_PAGU.finding(sheet, cell, message, ...)`; `CATALOGUE` lists them all, in the
order `lkj-excel checks` prints them. Never rename an id: auditors and scripts filter on it."""

from __future__ import annotations

from .findings import ERROR, WARNING, Check

FILE_UNREADABLE = Check("file.unreadable", ERROR,
                        "Berkas bukan workbook, rusak, terkunci sandi, atau formatnya tidak dikenal.",
                        advice="Simpan ulang berkas sebagai .xlsx tanpa kata sandi, lalu kirim lagi.")
SHEET_MISSING = Check("sheet.missing", ERROR,
                      "Sheet wajib (atau sheet yang menjadi sumber realisasi PK) tidak ada.",
                      advice="Tambahkan sheet ini seperti di template (lkj-excel template).")
COLUMN_MISSING = Check("column.missing", ERROR,
                       "Kolom wajib tidak ditemukan pada baris judul kolom.",
                       advice="Tambahkan kolom ini di baris judul kolom, dengan nama seperti di template.")
CELL_REQUIRED = Check("cell.required", ERROR, "Sel wajib kosong.",
                      advice="Isi sel ini.")
CELL_INVALID = Check("cell.invalid", ERROR,
                     "Nilai sel tidak dapat dibaca sesuai jenis kolomnya (nominal, persen, tanggal, pilihan, kode, NIP).",
                     advice="Ketik ulang nilai sel ini sesuai jenis kolomnya (angka, tanggal, kode, NIP, atau pilihan dari daftar).")
CELL_NUMBER_AS_TEXT = Check("cell.number_as_text", WARNING,
                            "Nominal atau persen diketik sebagai teks dan tetap dibaca.",
                            advice="Ketik ulang sebagai angka saja, tanpa titik ribuan, Rp atau tanda lain.")
CELL_AMBIGUOUS = Check("cell.ambiguous", WARNING,
                       "Nilai dapat dibaca dua cara; aturan kontrak diterapkan.",
                       advice="Pastikan nilainya: ketik angka tanpa pemisah ribuan, persen sebagai 90 (bukan 0,9).")
CELL_FORMULA_WITHOUT_VALUE = Check("cell.formula_without_value", ERROR,
                                   "Sel rumus tanpa nilai tersimpan (berkas belum dihitung ulang).",
                                   advice="Buka berkas di Excel/LibreOffice, hitung ulang (F9), simpan, lalu kirim lagi.")
IDENTITY_INVALID = Check("identity.invalid", ERROR,
                         "Tahun Anggaran atau Triwulan kosong atau di luar rentang.",
                         advice="Isi Tahun Anggaran (4 angka) dan Triwulan (I, II, III atau IV).")
BUDGET_CODE_FORMAT = Check("budget.code_format", ERROR, "Kode tidak sesuai bentuk nomenklatur.",
                           advice="Perbaiki Kode sesuai nomenklatur (lihat kolom Seharusnya bila ada saran).")
BUDGET_CODE_DUPLICATE = Check("budget.code_duplicate", ERROR,
                              "Kode yang sama muncul lagi pada baris lain.",
                              advice="Perbaiki Kode yang ganda (lihat kolom Seharusnya bila ada saran).")
BUDGET_CODE_ORPHAN = Check("budget.code_orphan", ERROR,
                           "Kode valid tetapi kode induknya tidak punya baris.",
                           advice="Tambahkan baris kode induknya, atau perbaiki Kode baris ini.")
BUDGET_CODE_UNKNOWN = Check("budget.code_unknown", WARNING,
                            "Kode tidak ada di nomenklatur, atau uraiannya berbeda dari nomenklatur.",
                            advice="Samakan Kode dan Uraian dengan nomenklatur/DPA.")
BUDGET_SUM_PAGU = Check("budget.sum_pagu", ERROR,
                        "Pagu program/kegiatan tidak sama dengan jumlah pagu di bawahnya.",
                        advice="Samakan Pagu dengan jumlah rincian di bawahnya, atau perbaiki rinciannya.")
BUDGET_SUM_REALISASI = Check("budget.sum_realisasi", ERROR,
                             "Realisasi program/kegiatan tidak sama dengan jumlah realisasi di bawahnya.",
                             advice="Samakan Realisasi dengan jumlah rincian di bawahnya, atau perbaiki rinciannya.")
BUDGET_SUM_SISA = Check("budget.sum_sisa", ERROR,
                        "Sisa yang diketik tidak sama dengan Pagu - Realisasi baris itu.",
                        advice="Isi Sisa = Pagu - Realisasi, atau kosongkan.")
BUDGET_TOTAL = Check("budget.total", ERROR, "Baris total tidak sama dengan jumlah program.",
                     advice="Samakan baris total dengan jumlah program.")
BUDGET_OVER_PAGU = Check("budget.over_pagu", ERROR, "Realisasi melebihi pagu.",
                         advice="Periksa Realisasi dan Pagu baris ini: realisasi tidak boleh melebihi pagu.")
BUDGET_NEGATIVE = Check("budget.negative", ERROR, "Pagu, Realisasi atau Sisa bernilai negatif.",
                        advice="Nilai ini tidak boleh negatif.")
PK_BUDGET_MISMATCH = Check("pk.budget_mismatch", ERROR,
                           "Anggaran di PK berbeda dengan pagu kodenya di sheet Realisasi.",
                           advice="Samakan Anggaran di PK dengan Pagu kode itu di sheet Realisasi.")
PK_CODE_UNKNOWN = Check("pk.code_unknown", ERROR, "Kode di PK tidak ada di sheet Realisasi.",
                        advice="Perbaiki Kode di PK, atau tambahkan baris kode itu di sheet Realisasi.")
PK_TARGET_MISSING = Check("pk.target_missing", ERROR,
                          "Indikator tanpa target yang dapat dipakai (kosong, 0 atau tidak terbaca).",
                          advice="Isi Target dengan angka lebih dari 0.")
PK_DERIVED_MISMATCH = Check("pk.derived_mismatch", WARNING,
                            "Realisasi yang diketik berbeda lebih dari 0,5 poin dari hitungan daftar sumbernya.",
                            advice="Samakan Realisasi dengan hitungan daftar sumbernya, atau perbaiki daftarnya.")
FACILITATION_DUPLICATE = Check("facilitation.duplicate", WARNING,
                               "Item fasilitasi yang sama muncul lagi.",
                               advice="Hapus baris yang ganda, atau bedakan uraiannya.")
VILLAGES_COUNT_MISMATCH = Check("villages.count_mismatch", ERROR,
                                "Jumlah Desa/Kelurahan di Identitas berbeda dengan jumlah desa di LPPDes.",
                                advice="Samakan Jumlah Desa/Kelurahan dengan daftar desa di sheet LPPDes.")
VILLAGES_DUPLICATE = Check("villages.duplicate", ERROR, "Desa dan dokumen yang sama muncul lagi.",
                           advice="Hapus baris yang ganda.")
VILLAGES_DOCUMENT_MISSING = Check("villages.document_missing", WARNING,
                                  "Desa tidak punya baris untuk dokumen yang menjadi sumber realisasi PK.",
                                  advice="Tambahkan baris dokumen desa yang belum ada.")
VILLAGES_DATE_AFTER_PERIOD = Check("villages.date_after_period", WARNING,
                                   "Tanggal Penetapan sesudah akhir triwulan yang dilaporkan.",
                                   advice="Periksa Tanggal Penetapan: sesudah akhir triwulan yang dilaporkan.")
STAFF_NIP_FORMAT = Check("staff.nip_format", ERROR,
                         "NIP bukan 18 angka, atau tanggal lahir/pengangkatannya mustahil.",
                         advice="Periksa NIP: 18 angka, diketik sebagai teks.")
STAFF_NIP_GENDER = Check("staff.nip_gender", WARNING,
                         "Digit jenis kelamin NIP tidak sesuai kolom L/P.",
                         advice="Periksa kolom L/P atau NIP pegawai ini.")
STAFF_NIP_DUPLICATE = Check("staff.nip_duplicate", ERROR, "NIP yang sama muncul lagi.",
                            advice="Periksa NIP yang ganda.")
STAFF_HEAD_NIP_MISMATCH = Check("staff.head_nip_mismatch", ERROR,
                                "NIP Kepala di Identitas berbeda dengan NIP kepala di sheet Pegawai.",
                                advice="Samakan NIP Kepala di Identitas dengan NIP di sheet Pegawai.")

HISTORY_REALISASI_DECREASED = Check("history.realisasi_decreased", WARNING,
                                    "Realisasi anggaran lebih kecil dari laporan sebelumnya tahun yang sama (realisasi kumulatif).",
                                    advice="Periksa Realisasi baris ini: realisasi s.d. triwulan tidak turun dari laporan sebelumnya, kecuali ada koreksi.")
HISTORY_PAGU_CHANGED = Check("history.pagu_changed", WARNING,
                             "Pagu berbeda dengan laporan sebelumnya tahun yang sama.",
                             advice="Bila tidak ada APBD Perubahan, samakan Pagu dengan laporan sebelumnya (DPA).")
HISTORY_CODE_MISSING = Check("history.code_missing", WARNING,
                             "Kode anggaran laporan sebelumnya tidak ada lagi di sheet Realisasi.",
                             advice="Tambahkan kembali baris kode itu, atau pastikan kode itu memang dihapus dari DPA.")
HISTORY_TARGET_CHANGED = Check("history.target_changed", WARNING,
                               "Target indikator berbeda dengan laporan sebelumnya tahun yang sama.",
                               advice="Samakan target dengan Perjanjian Kinerja tahun ini, kecuali PK memang diubah.")
HISTORY_INDICATOR_MISSING = Check("history.indicator_missing", WARNING,
                                  "Indikator laporan sebelumnya tahun yang sama tidak ada lagi di sheet PK.",
                                  advice="Tambahkan kembali indikator itu, atau periksa Tingkat dan nama Indikator Kinerja-nya.")
HISTORY_LAST_YEAR_MISMATCH = Check("history.last_year_mismatch", WARNING,
                                   "Target/Realisasi Tahun Lalu berbeda dengan laporan triwulan IV tahun lalu.",
                                   advice="Salin Target dan Realisasi Tahun Lalu dari laporan triwulan IV tahun lalu.")

CATALOGUE: tuple[Check, ...] = (
    FILE_UNREADABLE, SHEET_MISSING, COLUMN_MISSING, CELL_REQUIRED, CELL_INVALID,
    CELL_NUMBER_AS_TEXT, CELL_AMBIGUOUS, CELL_FORMULA_WITHOUT_VALUE, IDENTITY_INVALID,
    BUDGET_CODE_FORMAT, BUDGET_CODE_DUPLICATE, BUDGET_CODE_ORPHAN, BUDGET_CODE_UNKNOWN,
    BUDGET_SUM_PAGU, BUDGET_SUM_REALISASI, BUDGET_SUM_SISA, BUDGET_TOTAL, BUDGET_OVER_PAGU,
    BUDGET_NEGATIVE, PK_BUDGET_MISMATCH, PK_CODE_UNKNOWN, PK_TARGET_MISSING,
    PK_DERIVED_MISMATCH, FACILITATION_DUPLICATE, VILLAGES_COUNT_MISMATCH, VILLAGES_DUPLICATE,
    VILLAGES_DOCUMENT_MISSING, VILLAGES_DATE_AFTER_PERIOD, STAFF_NIP_FORMAT, STAFF_NIP_GENDER,
    STAFF_NIP_DUPLICATE, STAFF_HEAD_NIP_MISMATCH, HISTORY_REALISASI_DECREASED,
    HISTORY_PAGU_CHANGED, HISTORY_CODE_MISSING, HISTORY_TARGET_CHANGED,
    HISTORY_INDICATOR_MISSING, HISTORY_LAST_YEAR_MISMATCH,
)
# the checks against the office's earlier reports
# (docs/pemeriksaan.md#riwayat-dibandingkan-dengan-laporan-sebelumnya): their findings
# without a cell sort after the cell findings of their sheet
HISTORY: tuple[Check, ...] = (
    HISTORY_REALISASI_DECREASED, HISTORY_PAGU_CHANGED, HISTORY_CODE_MISSING,
    HISTORY_TARGET_CHANGED, HISTORY_INDICATOR_MISSING, HISTORY_LAST_YEAR_MISMATCH,
)
CHECKS: dict[str, Check] = {c.id: c for c in CATALOGUE}
