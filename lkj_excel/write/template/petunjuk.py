"""The Petunjuk sheet: how to fill the workbook, written top to bottom from the contract."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lkj_excel import contract
from lkj_excel.contract import Column, Kind
from lkj_excel.write.styles import Formats
from lkj_excel.write.template.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    LINE_HEIGHT,
    PAPER_A4,
    TITLE_ROW,
    line_count,
)
from lkj_excel.write.template.lists import column_synonyms

# Example values shown in Petunjuk for column kinds whose hint gives none.
_KIND_EXAMPLE = {
    Kind.AMOUNT: "1750000",
    Kind.NUMBER: "90 (untuk 90%)",
    Kind.DATE: "23/02/2023 atau 23 Februari 2023",
    Kind.CODE: "7.01.01.2.01",
    Kind.NIP: "19750712 199703 1 002",
}

_P_WIDTHS = (23, 13, 44, 24)  # Kolom, Wajib?, Isi, Contoh / Pilihan
_P_TOTAL = sum(_P_WIDTHS)


def required_label(column: Column) -> str:
    """`Wajib?` in Petunjuk: Ya, Tidak, or when the requirement depends on the row."""
    if not column.required:
        return "Tidak"
    if column.required_cells == "leaf":
        return "Ya, pada sub kegiatan"
    if column.required_cells == "column":
        return "Kolom ya; sel boleh kosong"
    return "Ya"


class _Page:
    """A cursor writing Petunjuk top to bottom over columns A-D."""

    def __init__(self, ws: Any, fmt: Formats) -> None:
        self.ws = ws
        self.fmt = fmt
        self.row = 0

    def title(self, text: str) -> None:
        self.ws.merge_range(self.row, 0, self.row, 3, text, self.fmt.get("title"))
        self.ws.set_row(self.row, 24)
        self.row += 1

    def heading(self, text: str) -> None:
        self.row += 1  # a blank line before each section
        self.ws.merge_range(self.row, 0, self.row, 3, text, self.fmt.get("heading"))
        self.ws.set_row(self.row, 20)
        self.row += 1

    def para(self, text: str, style: str = "wrap") -> None:
        self.ws.merge_range(self.row, 0, self.row, 3, text, self.fmt.get(style))
        self.ws.set_row(self.row, line_count(text, _P_TOTAL) * LINE_HEIGHT)
        self.row += 1

    def items(self, texts: Iterable[str], numbered: bool = False) -> None:
        for n, text in enumerate(texts, start=1):
            self.para(f"{n}. {text}" if numbered else f"• {text}")

    def table(self, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
        for col, text in enumerate(header):
            self.ws.write_string(self.row, col, text, self.fmt.get("header"))
        self.row += 1
        for cells in rows:
            for col, text in enumerate(cells):
                style = ("cell", "bold") if col == 0 else ("cell",)
                self.ws.write_string(self.row, col, text, self.fmt.get(*style))
            lines = max(
                line_count(t, w, bold=col == 0)
                for col, (t, w) in enumerate(zip(cells, _P_WIDTHS, strict=True))
            )
            self.ws.set_row(self.row, lines * LINE_HEIGHT)
            self.row += 1


def write_petunjuk(ws: Any, fmt: Formats) -> None:
    for col, width in enumerate(_P_WIDTHS):
        ws.set_column(col, col, width)
    ws.hide_gridlines(2)
    ws.set_paper(PAPER_A4)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&LPetunjuk pengisian LKj&RHalaman &P dari &N")

    page = _Page(ws, fmt)
    page.title("PETUNJUK PENGISIAN LAPORAN KINERJA (LKj) KECAMATAN")
    page.para(
        f"Template versi {contract.TEMPLATE_VERSION}, dibuat oleh lkj-excel. "
        "Bacalah petunjuk ini sebelum mengisi.",
        "note",
    )

    page.heading("Untuk apa file ini?")
    page.para(
        "File ini adalah formulir isian Laporan Kinerja (LKj) triwulanan kecamatan. "
        "Anda cukup mengetik data dasar: target, realisasi, anggaran, tanggal dan status. "
        "Alat lkj-excel memeriksa isian ini, lalu menyusun laporan LKj lengkap: capaian "
        "kinerja, predikat, serapan anggaran, efisiensi dan semua tabel laporan dihitung "
        "otomatis. Jika ada angka yang tidak cocok (mis. total program berbeda dengan jumlah "
        "kegiatannya), alat menunjukkan selnya."
    )

    page.heading("Urutan pengisian")
    steps = []
    for sheet in contract.SHEETS:
        need = "wajib" if sheet.required else "isi bila ada datanya"
        steps.append(f"Sheet {sheet.name} ({need}): {sheet.purpose}")
    steps.append(
        "Simpan file (.xlsx), lalu periksa dengan lkj-excel check (lihat bagian terakhir)."
    )
    page.items(steps, numbered=True)
    page.para(
        f"Di setiap sheet, baris {TITLE_ROW} berisi judul dan baris {HEADER_ROW} berisi "
        f"judul kolom. Isi data mulai baris {FIRST_DATA_ROW}, satu baris per data. "
        "Klik judul kolom untuk melihat keterangan singkat cara mengisinya. Baris kosong "
        "di tengah tabel boleh."
    )

    page.heading("Aturan penting")
    page.items(
        [
            'Jumlah uang diketik sebagai angka saja, tanpa "Rp", tanpa ",-" dan tanpa '
            "titik ribuan yang diketik sendiri, mis. 1750000. Pemisah ribuan muncul sendiri.",
            "Kode program/kegiatan dan NIP diketik sebagai teks, mis. 7.01.01.2.01 dan "
            "19750712 199703 1 002. Kolomnya sudah berformat teks. Jika menyalin dari file "
            "lain, pastikan kode tidak berubah menjadi angka (7.01 menjadi 7,01) dan NIP "
            "tidak menjadi 1,97507E+17; bila perlu awali dengan tanda petik (').",
            "Persen diketik sebagai angka persen: ketik 90 untuk 90%, bukan 0,9. Di sheet PK, "
            "kolom Satuan yang kosong berarti persen.",
            "Tanggal diketik sebagai tanggal, mis. 23/02/2023 atau 23 Februari 2023.",
            "Jangan mengganti nama sheet, judul kolom atau isian di kolom Isian (sheet "
            "Identitas), dan jangan menghapus baris judul kolom. Kolom tambahan boleh; "
            "alat mengabaikannya.",
            "Jangan mengetik angka turunan: capaian, persentase serapan, rata-rata, predikat "
            "dan efisiensi dihitung oleh alat. Sisa anggaran boleh dikosongkan; jika diisi, "
            "alat memeriksanya.",
            "Di sheet PK, Target adalah target tahunan; Target TW I, TW II dan TW III adalah "
            "target kumulatif sampai akhir triwulan itu, dari Rencana Aksi PK. Isilah: di "
            "laporan triwulan I-III predikat dinilai dari capaian terhadap target triwulan, "
            "dan indikator tanpa target triwulan tidak diberi predikat.",
            "Di sheet Realisasi, total program dan kegiatan boleh dikosongkan: alat "
            "menjumlahkannya dari sub kegiatan. Jika diisi (disalin dari DPA), alat "
            "mencocokkannya dan melaporkan selisihnya.",
            "Kolom pilihan (mis. Tingkat, Jenis, Ditindaklanjuti) punya daftar pilihan "
            "(drop-down). Jika Excel memberi peringatan saat Anda mengetik sinonim yang "
            "dikenal (mis. Y atau Sudah), pilih Ya untuk tetap menyimpan.",
            "Jika memakai rumus, buka dan simpan file di Excel atau LibreOffice sebelum "
            "dikirim, agar hasil rumusnya ikut tersimpan.",
            f"Sheet {contract.LIST_SHEET} (tersembunyi) berisi daftar pilihan; jangan diubah.",
        ]
    )

    page.heading(f"Sheet {contract.IDENTITAS.name}: {contract.IDENTITAS.title.capitalize()}")
    page.para(
        f"{contract.IDENTITAS.purpose} Kolom Isian sudah terisi; ketik nilainya di kolom "
        "Nilai, di baris yang sesuai."
    )
    page.table(
        ("Isian", "Wajib?", "Isi", "Contoh"),
        [
            (
                item.isian,
                "Ya" if item.required else "Tidak",
                item.hint,
                item.example,
            )
            for item in contract.IDENTITY_ITEMS
        ],
    )

    for sheet in contract.SHEETS:
        if sheet is contract.IDENTITAS:
            continue
        need = "wajib" if sheet.required else "isi bila ada datanya"
        page.heading(f"Sheet {sheet.name}: {_sentence_case(sheet.title)} ({need})")
        page.para(sheet.purpose)
        page.table(
            ("Kolom", "Wajib?", "Isi", "Contoh / Pilihan"),
            [
                (column.name, required_label(column), column.hint, _example(column))
                for column in sheet.columns
            ],
        )

    page.heading("Memeriksa sebelum dikirim")
    page.para(
        "Simpan file, lalu jalankan perintah berikut (ganti nama-file.xlsx dengan nama file Anda):"
    )
    page.para("lkj-excel check nama-file.xlsx", "wrap_bold")
    page.para(
        "Alat menampilkan daftar kesalahan (harus diperbaiki) dan peringatan (perlu "
        "diperiksa), masing-masing dengan alamat selnya, mis. Realisasi!C14. Perbaiki, "
        "simpan, dan periksa lagi sampai tidak ada kesalahan. Setelah itu file siap dikirim."
    )


def _example(column: Column) -> str:
    if column.kind is Kind.ENUM:
        text = " / ".join(column.values)
        synonyms = column_synonyms(column)
        if synonyms:
            text += f"\n(juga diterima: {', '.join(synonyms)})"
        return text
    return _KIND_EXAMPLE.get(column.kind, "")


def _sentence_case(title: str) -> str:
    """`DATA PEGAWAI` -> `Data pegawai`, keeping document names such as RKPDes as written."""
    keep = {"RKPDes", "APBDes", "LPPDes", "PK", "DPA"}
    words = []
    for i, word in enumerate(title.split(" ")):
        bare = word.strip("(),")
        if bare in keep:
            words.append(word)
        else:
            words.append(word.capitalize() if i == 0 else word.lower())
    return " ".join(words)
