"""Write the blank input workbook (template version 1), drawn from `lkj_excel.contract`.

Layout of every contract sheet: row 1 the title, row 2 the header row (contract columns in
contract order from column A, frozen, repeated on print, an input message on each header
cell), rows 3-1002 the data rows (column number formats and drop-down lists).
`Petunjuk` comes first, the hidden list sheet `Daftar` last.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from lkj_excel import contract
from lkj_excel.contract import Column, IdentityItem, Kind, Sheet, norm_header
from lkj_excel.write.atomic import atomic_path
from lkj_excel.write.styles import Formats

TITLE_ROW = 1  # 1-based row numbers, as a user sees them
HEADER_ROW = 2
FIRST_DATA_ROW = 3
LAST_DATA_ROW = 1002  # drop-down lists reach this row

DEFAULT_FILENAME = f"lkj-template-v{contract.TEMPLATE_VERSION}.xlsx"

# Excel's limits for data validation texts (longer ones make Excel "repair" the file).
MAX_INPUT_TITLE = 32
MAX_INPUT_MESSAGE = 255
MAX_LIST_FORMULA = 255

_ROMAN = ("I", "II", "III", "IV")
_PAPER_A4 = 9
_LINE_HEIGHT = 15.0  # points per line of 11-pt Calibri

# Sheets printed in landscape (the wide tables); Petunjuk and Identitas stay portrait.
_PORTRAIT = {contract.PETUNJUK, contract.IDENTITAS.name}

# Example values shown in Petunjuk for column kinds whose hint gives none.
_KIND_EXAMPLE = {
    Kind.AMOUNT: "1750000",
    Kind.NUMBER: "90 (untuk 90%)",
    Kind.DATE: "23/02/2023 atau 23 Februari 2023",
    Kind.CODE: "7.01.01.2.01",
    Kind.NIP: "19750712 199703 1 002",
}

# Data-row column format per kind (names from styles.FORMATS, merged).
_KIND_FORMAT: dict[Kind, tuple[str, ...]] = {
    Kind.AMOUNT: ("amount", "top"),
    Kind.NUMBER: ("number", "top"),
    Kind.CODE: ("text", "top"),
    Kind.NIP: ("text", "top"),
    Kind.DATE: ("date", "top"),
    Kind.WHOLE: ("whole", "top"),
    Kind.YEAR: ("whole", "top"),
    Kind.TEXT: ("wrap",),
}

# Identitas Nilai cell format per kind.
_IDENTITY_FORMAT: dict[Kind, tuple[str, ...]] = {
    Kind.NIP: ("input", "text"),
    Kind.DATE: ("input", "date"),
    Kind.YEAR: ("input", "whole"),
    Kind.WHOLE: ("input", "whole"),
}


# --- public API ---------------------------------------------------------------------


def make_template(path: str | os.PathLike, identity: Mapping[str, object] | None = None) -> Path:
    """Write the blank input workbook to `path` (atomically) and return the path written.

    `identity` pre-fills the Identitas sheet: keys are Isian names (`"Perangkat Daerah"`,
    `"Tahun Anggaran"`, `"Triwulan"`, ...) or their `lkj-excel template` option names
    (`"tahun"`, `"perangkat_daerah"`); None or blank values are skipped. When `path` is an
    existing folder, the file is written there under `template_filename(identity)`.
    Raises ValueError (message in Bahasa Indonesia) for an unknown Isian or a bad value.
    """
    import xlsxwriter  # imported here: CLI start-up stays fast

    values = identity_values(identity)
    target = Path(path)
    if target.is_dir():
        target = target / template_filename(identity)

    with atomic_path(target) as tmp:
        workbook = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        try:
            _fill_workbook(workbook, values)
        finally:
            workbook.close()
    return target


def template_filename(identity: Mapping[str, object] | None = None) -> str:
    """A default file name: `lkj-template-v1.xlsx` when nothing is pre-filled, else e.g.
    `LKj-Isian-Kecamatan-Tempursari-2023-TW1.xlsx`."""
    values = identity_values(identity)
    values.pop("Versi Template", None)
    if not values:
        return DEFAULT_FILENAME
    parts = ["LKj-Isian"]
    if "Perangkat Daerah" in values:
        slug = _slug(str(values["Perangkat Daerah"]))
        if slug:
            parts.append(slug)
    if "Tahun Anggaran" in values:
        parts.append(str(values["Tahun Anggaran"]))
    if "Triwulan" in values:
        parts.append(f"TW{_ROMAN.index(str(values['Triwulan'])) + 1}")
    return "-".join(parts) + ".xlsx"


def identity_values(identity: Mapping[str, object] | None) -> dict[str, object]:
    """Validate `identity` and return {Isian: value to write}, without blank values.

    Tahun Anggaran becomes an int (2000-2100), Triwulan a Roman numeral (1-4 accepted),
    whole numbers ints, ISO date text a date, NIPs and text stripped strings.
    """
    if not identity:
        return {}
    by_key: dict[str, IdentityItem] = {}
    for item in contract.IDENTITY_ITEMS:
        by_key[norm_header(item.isian)] = item
        if item.option:
            by_key[norm_header(item.option)] = item
    out: dict[str, object] = {}
    for key, raw in identity.items():
        item = by_key.get(norm_header(key))
        if item is None:
            known = ", ".join(i.isian for i in contract.IDENTITY_ITEMS)
            raise ValueError(f"Isian Identitas tidak dikenal: {key!r}. Yang dikenal: {known}.")
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        out[item.isian] = _coerce_identity(item, raw)
    version = out.get("Versi Template")
    if version is not None and version != contract.TEMPLATE_VERSION:
        raise ValueError(
            f"Versi Template tidak dapat diubah: template ini versi {contract.TEMPLATE_VERSION}."
        )
    return out


def header_message(column: Column) -> str:
    """The input message of a header cell: the column's hint and whether it is required."""
    if not column.required:
        need = "Boleh kosong."
    elif column.required_cells == "leaf":
        need = "Wajib pada sub kegiatan; total program dan kegiatan boleh kosong."
        if "wajib" in column.hint.lower():
            need = "Total program dan kegiatan boleh kosong."
    elif column.required_cells == "column":
        need = "Kolom ini harus ada; sel boleh kosong."
    else:
        need = "Wajib diisi."
    hint = column.hint.lower()
    if need.rstrip(".").lower() in hint or (not column.required and "kosong" in hint):
        need = ""
    return _clip(f"{column.hint} {need}".strip(), MAX_INPUT_MESSAGE)


def required_label(column: Column) -> str:
    """`Wajib?` in Petunjuk: Ya, Tidak, or when the requirement depends on the row."""
    if not column.required:
        return "Tidak"
    if column.required_cells == "leaf":
        return "Ya, pada sub kegiatan"
    if column.required_cells == "column":
        return "Kolom ya; sel boleh kosong"
    return "Ya"


# --- workbook -----------------------------------------------------------------------


def _fill_workbook(workbook: Any, identity: dict[str, object]) -> None:
    fmt = Formats(workbook)
    workbook.set_properties(
        {
            "title": "Isian Laporan Kinerja (LKj) Kecamatan",
            "subject": f"Template isian LKj versi {contract.TEMPLATE_VERSION}",
            "author": "lkj-excel",
            "company": "lkj-excel",
            "keywords": "LKj, laporan kinerja, kecamatan, template",
            "comments": "Dibuat oleh lkj-excel template. Periksa dengan: lkj-excel check.",
        }
    )
    petunjuk = workbook.add_worksheet(contract.PETUNJUK)
    sheets = {s.name: workbook.add_worksheet(s.name) for s in contract.SHEETS}
    daftar = workbook.add_worksheet(contract.LIST_SHEET)

    lists = _write_lists(daftar, fmt)
    _write_petunjuk(petunjuk, fmt)
    for sheet in contract.SHEETS:
        ws = sheets[sheet.name]
        _write_table_sheet(ws, sheet, fmt, lists)
        if sheet is contract.IDENTITAS:
            _write_identity_rows(ws, fmt, identity, lists)
    daftar.hide()
    petunjuk.activate()


def _page_setup(ws: Any, name: str, repeat_header: bool = True) -> None:
    ws.set_paper(_PAPER_A4)
    if name in _PORTRAIT:
        ws.set_portrait()
    else:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    if repeat_header:
        ws.repeat_rows(TITLE_ROW - 1, HEADER_ROW - 1)
    ws.set_footer("&L&A&RHalaman &P dari &N")


def _write_table_sheet(ws: Any, sheet: Sheet, fmt: Formats, lists: dict[str, str]) -> None:
    """Title, header row with input messages, column formats and drop-down lists."""
    columns: list[Column | None] = list(sheet.columns)
    if sheet is contract.IDENTITAS:
        columns.append(None)  # the Keterangan column, outside the contract

    ws.write_string(TITLE_ROW - 1, 0, sheet.title, fmt.get("title"))
    ws.set_row(TITLE_ROW - 1, 22)
    header_lines = 1
    for col, column in enumerate(columns):
        if column is None:
            name, width, title = "Keterangan", 45, "Keterangan"
            message = "Penjelasan isian: wajib atau boleh kosong, dan contohnya. Tidak dibaca alat."
            col_fmt = fmt.get("note")
        else:
            name, width = column.name, column.width
            title = _clip(column.name, MAX_INPUT_TITLE)
            message = header_message(column)
            if sheet is contract.IDENTITAS:  # per-item requirements are in Keterangan
                message = _clip(column.hint, MAX_INPUT_MESSAGE)
            col_fmt = None
            if sheet is not contract.IDENTITAS and column.kind in _KIND_FORMAT:
                col_fmt = fmt.get(*_KIND_FORMAT[column.kind])
        ws.write_string(HEADER_ROW - 1, col, name, fmt.get("header"))
        ws.set_column(col, col, width, col_fmt)
        header_lines = max(header_lines, _lines(name, width))
        ws.data_validation(
            HEADER_ROW - 1,
            col,
            HEADER_ROW - 1,
            col,
            {"validate": "any", "input_title": title, "input_message": message},
        )
        if column is not None and column.kind is Kind.ENUM and sheet is not contract.IDENTITAS:
            ws.data_validation(
                FIRST_DATA_ROW - 1,
                col,
                LAST_DATA_ROW - 1,
                col,
                _list_validation(column.values, _synonyms(column), lists[_list_key(sheet, column)]),
            )
    ws.set_row(HEADER_ROW - 1, max(2, header_lines) * _LINE_HEIGHT)
    ws.freeze_panes(HEADER_ROW, 0)
    _page_setup(ws, sheet.name)


def _write_identity_rows(
    ws: Any, fmt: Formats, identity: dict[str, object], lists: dict[str, str]
) -> None:
    """Identitas rows 3..: Isian label (grey), Nilai (formatted by kind), Keterangan."""
    values = {**identity, "Versi Template": contract.TEMPLATE_VERSION}
    label_fmt = fmt.get("label")
    note_fmt = fmt.get("note")
    for i, item in enumerate(contract.IDENTITY_ITEMS):
        row = FIRST_DATA_ROW - 1 + i
        ws.write_string(row, 0, item.isian, label_fmt)
        cell_fmt = fmt.get(*_IDENTITY_FORMAT.get(item.kind, ("input",)))
        value = values.get(item.isian)
        if value is None:
            ws.write_blank(row, 1, None, cell_fmt)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, 1, value, cell_fmt)
        elif isinstance(value, int):
            ws.write_number(row, 1, value, cell_fmt)
        else:
            ws.write_string(row, 1, str(value), cell_fmt)
        if item.isian == "Versi Template":
            need = "jangan diubah"
        else:
            need = "wajib" if item.required else "boleh kosong"
        ws.write_string(row, 2, f"{need}; contoh: {item.example}", note_fmt)

        title = _clip(item.isian, MAX_INPUT_TITLE)
        message = _clip(item.hint or item.isian, MAX_INPUT_MESSAGE)
        if item.kind is Kind.TRIWULAN:
            options = _list_validation(
                _ROMAN, ("1", "2", "3", "4"), lists[_TRIWULAN_KEY], what="Triwulan"
            )
        elif item.kind is Kind.YEAR:
            options = {
                "validate": "integer",
                "criteria": "between",
                "minimum": 2000,
                "maximum": 2100,
                "ignore_blank": True,
                "error_type": "warning",
                "error_title": "Tahun tidak wajar",
                "error_message": "Tahun anggaran ditulis 4 angka antara 2000 dan 2100, "
                "mis. 2023. Pilih Ya untuk tetap menyimpan, Tidak untuk mengubah.",
            }
        else:
            options = {"validate": "any"}
        options.update({"input_title": title, "input_message": message})
        ws.data_validation(row, 1, row, 1, options)


# --- drop-down lists ----------------------------------------------------------------

_TRIWULAN_KEY = "Identitas Triwulan"


def _list_key(sheet: Sheet, column: Column) -> str:
    return f"{sheet.name} {column.name}"


def _enum_lists() -> list[tuple[str, tuple[str, ...]]]:
    """Every drop-down list of the template: (header on Daftar, values)."""
    out = [(_TRIWULAN_KEY, _ROMAN)]
    for sheet in contract.SHEETS:
        for column in sheet.columns:
            if column.kind is Kind.ENUM:
                out.append((_list_key(sheet, column), column.values))
    return out


def _write_lists(ws: Any, fmt: Formats) -> dict[str, str]:
    """Write each list in its own column of the hidden list sheet; return key -> range."""
    from xlsxwriter.utility import quote_sheetname, xl_col_to_name

    refs: dict[str, str] = {}
    ws.write_string(0, 0, "Daftar pilihan untuk drop-down. Jangan diubah.", fmt.get("bold"))
    for col, (key, values) in enumerate(_enum_lists()):
        ws.write_string(1, col, key, fmt.get("header"))
        for i, value in enumerate(values):
            ws.write_string(2 + i, col, value)
        ws.set_column(col, col, max(12, len(key) + 2))
        letter = xl_col_to_name(col)
        refs[key] = (
            f"={quote_sheetname(contract.LIST_SHEET)}!${letter}$3:${letter}${2 + len(values)}"
        )
    return refs


def _list_validation(
    values: Iterable[str], synonyms: Iterable[str], range_ref: str, what: str = ""
) -> dict[str, Any]:
    """A drop-down list with a warning alert, so known synonyms can still be typed."""
    values = tuple(values)
    synonyms = tuple(synonyms)
    joined = ",".join(values)
    inline = len(joined) + 2 <= MAX_LIST_FORMULA and not any("," in v or '"' in v for v in values)
    shown = ", ".join(values)
    if synonyms:
        extra = f"Sinonim yang dikenal ({', '.join(synonyms)}) tetap diterima. "
    else:
        extra = "Alat akan memeriksa nilai ini. "
    subject = f"{what} " if what else ""
    message = (
        f"{subject}Pilih dari daftar: {shown}. {extra}"
        "Pilih Ya untuk tetap menyimpan, Tidak untuk mengubah."
    )
    if len(message) > MAX_INPUT_MESSAGE:
        message = _clip(
            f"Pilih dari daftar. {extra}Pilih Ya untuk tetap menyimpan, Tidak untuk mengubah.",
            MAX_INPUT_MESSAGE,
        )
    return {
        "validate": "list",
        "source": list(values) if inline else range_ref,
        "ignore_blank": True,
        "dropdown": True,
        "error_type": "warning",
        "error_title": "Tidak ada di daftar",
        "error_message": message,
    }


def _synonyms(column: Column) -> tuple[str, ...]:
    return tuple(s for c in column.choices for s in c.synonyms)


# --- Petunjuk -----------------------------------------------------------------------

_P_WIDTHS = (23, 13, 44, 24)  # Kolom, Wajib?, Isi, Contoh / Pilihan
_P_TOTAL = sum(_P_WIDTHS)


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
        self.ws.set_row(self.row, _lines(text, _P_TOTAL) * _LINE_HEIGHT)
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
                _lines(t, w, bold=col == 0)
                for col, (t, w) in enumerate(zip(cells, _P_WIDTHS, strict=True))
            )
            self.ws.set_row(self.row, lines * _LINE_HEIGHT)
            self.row += 1


def _write_petunjuk(ws: Any, fmt: Formats) -> None:
    for col, width in enumerate(_P_WIDTHS):
        ws.set_column(col, col, width)
    ws.hide_gridlines(2)
    ws.set_paper(_PAPER_A4)
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
        synonyms = _synonyms(column)
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


# --- helpers ------------------------------------------------------------------------


def _coerce_identity(item: IdentityItem, raw: object) -> object:
    """The value to write for one Identitas item, or ValueError in Bahasa Indonesia."""
    if item.kind is Kind.YEAR:
        year = _whole(raw)
        if year is None or not 2000 <= year <= 2100:
            raise ValueError(f"{item.isian} harus 4 angka antara 2000 dan 2100, bukan {raw!r}.")
        return year
    if item.kind is Kind.TRIWULAN:
        text = str(raw).strip().upper()
        if text in _ROMAN:
            return text
        number = _whole(raw)
        if number is not None and 1 <= number <= 4:
            return _ROMAN[number - 1]
        raise ValueError(f"{item.isian} harus I, II, III atau IV (atau 1-4), bukan {raw!r}.")
    if item.kind is Kind.WHOLE:
        number = _whole(raw)
        if number is None or number < 0:
            raise ValueError(f"{item.isian} harus bilangan bulat, bukan {raw!r}.")
        return number
    if item.kind is Kind.DATE:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = str(raw).strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # e.g. "31 Maret 2023": the reader understands Indonesian dates
    return str(raw).strip()


def _whole(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    return None


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[^\w.]+", "-", text).strip("-.")


def _clip(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters at a word boundary, marking the cut with `…`."""
    if len(text) <= limit:
        return text
    return textwrap.shorten(text, width=limit, placeholder="…")


def _lines(text: str, width: float, bold: bool = False) -> int:
    """Lines a wrapped cell of `width` character units needs (estimated, on the safe side)."""
    per_line = max(1, int(width * (0.95 if bold else 1.15)) - 1)
    return sum(max(1, len(textwrap.wrap(p, per_line))) for p in str(text).split("\n"))
