"""The input workbook contract (template version 2), described once.

The template writer draws the form from these objects, the reader reads by them, and
`lkj-excel checks` / the Petunjuk sheet print from them. Documented for offices in
docs/mengisi-template.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

TEMPLATE_VERSION = 2  # version 2 adds PK's quarter, Renstra and national targets


class Kind(StrEnum):
    """The type of a column's values."""

    ANY = "any"
    TEXT = "text"
    AMOUNT = "amount"  # Rupiah, exact to the sen
    NUMBER = "number"  # PK target / realisation: percent units when Satuan is a percent
    DATE = "date"
    ENUM = "enum"
    CODE = "code"  # program / kegiatan / sub kegiatan code
    NIP = "nip"
    WHOLE = "whole"  # a whole number
    YEAR = "year"
    TRIWULAN = "triwulan"


_PAREN = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def norm_header(text: object) -> str:
    """Normalise a header (or Isian, or sheet) text the way headers are matched
    (docs/mengisi-template.md#judul-kolom).

    Text in parentheses is dropped, then case, spaces and punctuation are ignored.
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    s = _PAREN.sub("", s).lower()
    return _NON_WORD.sub("", s)


# a triwulan named in a header: `TW I`, `TW 1`, `Tw. II`, `Triwulan III`, `TRW IV`
_TRIWULAN_WORD = re.compile(r"\b(?:tw|trw|triwulan)\s*\.?\s*-?\s*(iv|iii|ii|i|[1-4])\b", re.I)
_ROMAN = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}


def _tw(m: re.Match) -> str:
    n = m.group(1).lower()
    return f" tw{_ROMAN.get(n, n)} "


def _kept_triwulan(m: re.Match) -> str:
    """Text in parentheses: only the triwulan it names is kept (`(s.d. TW I)` -> `TW I`)."""
    found = _TRIWULAN_WORD.findall(m.group(0))
    return " ".join(f" tw{_ROMAN.get(n.lower(), n.lower())} " for n in found)


def header_key(text: object) -> str:
    """A header as `norm_header` reads it, except that a triwulan named in parentheses is
    kept and every triwulan is spelled one way (docs/mengisi-template.md#judul-kolom):
    `Target (TW I)`, `Target Triwulan 1` and `Target TW I` all give `targettwi`, never
    `target`. The reader falls back to `norm_header` when this key names no column, so
    `Realisasi (TW I)` is still Realisasi and `Target (TW IV)` the year's Target."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    s = _PAREN.sub(_kept_triwulan, s)
    s = _TRIWULAN_WORD.sub(_tw, s).lower()
    return _NON_WORD.sub("", s)


def norm_loose(text: object) -> str:
    """Lower-case and drop spaces and punctuation, keeping text in parentheses."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).lower()
    return _NON_WORD.sub("", s)


def norm_sheet(name: str) -> str:
    """Sheet names match after lower-casing and removing spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).lower()


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enumerated column, with its synonyms."""

    value: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    """One column of a contract sheet."""

    name: str
    kind: Kind
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    hint: str = ""
    width: int = 18
    # "column" : only the column must exist, blank cells are fine (Ditindaklanjuti)
    # "leaf"   : required on rows without children (Realisasi's Pagu/Realisasi)
    required_cells: str = "all"
    since: int = 1  # the template version that added the column

    @property
    def keys(self) -> tuple[str, ...]:
        return (header_key(self.name),) + tuple(header_key(a) for a in self.aliases)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def match_choice(self, raw: object) -> str | None:
        """Return the canonical value for `raw`, or None when it is not one of the choices.

        Compared first as typed (trimmed, lower-cased, so `✓` and `-` keep their meaning),
        then the way headers are.
        """
        if raw is None:
            return None
        typed = str(raw).strip().lower()
        for c in self.choices:
            if typed == c.value.lower() or typed in (s.lower() for s in c.synonyms):
                return c.value
        loose = norm_header(raw)
        if not loose:
            return None
        for c in self.choices:
            if loose == norm_header(c.value) or loose in (norm_header(s) for s in c.synonyms):
                return c.value
        return None


@dataclass(frozen=True)
class Sheet:
    """One sheet of the contract."""

    name: str
    title: str
    columns: tuple[Column, ...]
    required: bool = True
    purpose: str = ""

    @property
    def required_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def columns_of(self, version: int) -> tuple[Column, ...]:
        """The columns a workbook of that template version has (version 1: without the
        columns version 2 added)."""
        return tuple(c for c in self.columns if c.since <= version)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


@dataclass(frozen=True)
class IdentityItem:
    """One row of the Identitas sheet."""

    isian: str
    kind: Kind
    required: bool
    example: str
    hint: str = ""
    option: str | None = None  # `lkj-excel template` option that fills it


# --- enumerations -------------------------------------------------------------------

TINGKAT = (
    Choice("Sasaran Strategis", ("Strategis",)),
    Choice("Sasaran Program", ("Program",)),
    Choice("Sasaran Kegiatan", ("Kegiatan",)),
    Choice("Sasaran Sub Kegiatan", ("Sub Kegiatan",)),
)
ARAH = (Choice("Naik"), Choice("Turun"))
SUMBER_REALISASI = (
    Choice("Fasilitasi"),
    Choice("Dokumen Desa"),
    Choice("RKPDes"),
    Choice("APBDes"),
    Choice("LPPDes"),
)
JENIS = (Choice("Fasilitasi"), Choice("Koordinasi"), Choice("Rekomendasi"))
YA_TIDAK = (
    Choice("Ya", ("Y", "V", "✓", "✔", "Sudah")),
    Choice("Tidak", ("T", "Belum", "-")),
)
DOKUMEN = (Choice("RKPDes"), Choice("APBDes"), Choice("LPPDes"))
DOCS = tuple(c.value for c in DOKUMEN)  # the village documents, in this order everywhere
JENIS_KELAMIN = (Choice("L", ("Laki-laki",)), Choice("P", ("Perempuan",)))
STATUS_PEGAWAI = (Choice("PNS"), Choice("PPPK"), Choice("Non PNS"), Choice("Pendamping"))
TRIWULAN = ("I", "II", "III", "IV")  # as the LKj and the JSON write it, whatever was typed
# PK's target of triwulan I-III (template version 2); TW IV's is the year's Target
QUARTER_TARGETS = ("Target TW I", "Target TW II", "Target TW III")

PERCENT_UNITS = ("%", "persen", "persentase", "prosentase")

TOTAL_KODE = ("total", "jumlah")
TOTAL_URAIAN = ("total", "jumlah", "jumlahtotal", "totalanggaran")


def triwulan_number(triwulan: object) -> int | None:
    """1-4 for a triwulan as the reader gives it (`I`-`IV`), else None."""
    return TRIWULAN.index(triwulan) + 1 if triwulan in TRIWULAN else None


def is_percent_unit(satuan: object) -> bool:
    """Whether a PK row's Satuan makes its target and realisation percentages: blank (the
    template's rule) or one of PERCENT_UNITS, in any case."""
    return satuan is None or str(satuan).strip().lower() in ("", *PERCENT_UNITS)


# the Kode aliases are not limited to one sheet (PK and Realisasi):
# docs/mengisi-template.md#judul-kolom
KODE_ALIASES = ("Kode Rekening", "Kode Program/Kegiatan")


def _no() -> Column:
    return Column("No", Kind.ANY, hint="Nomor urut (boleh dikosongkan).", width=5)


# --- sheets -------------------------------------------------------------------------

IDENTITAS = Sheet(
    "Identitas",
    "IDENTITAS LAPORAN",
    (
        Column("Isian", Kind.TEXT, required=True, hint="Nama isian. Jangan diubah.", width=30),
        Column("Nilai", Kind.ANY, required=True, hint="Isi nilainya di kolom ini.", width=45),
    ),
    purpose="Siapa yang melapor dan untuk periode apa.",
)

IDENTITY_ITEMS: tuple[IdentityItem, ...] = (
    IdentityItem("Perangkat Daerah", Kind.TEXT, True, "Kecamatan Tempursari",
                 "Nama perangkat daerah, mis. Kecamatan Tempursari.", "perangkat_daerah"),
    IdentityItem("Pemerintah Daerah", Kind.TEXT, True, "Kabupaten Lumajang",
                 "Nama kabupaten/kota, mis. Kabupaten Lumajang.", "pemerintah_daerah"),
    IdentityItem("Tahun Anggaran", Kind.YEAR, True, "2023",
                 "Tahun anggaran, 4 angka (2000-2100).", "tahun"),
    IdentityItem("Triwulan", Kind.TRIWULAN, True, "I",
                 "Triwulan yang dilaporkan: I, II, III atau IV.", "triwulan"),
    IdentityItem("Nama Kepala", Kind.TEXT, True, "ARIF MUSTOFA, SAP",
                 "Nama kepala perangkat daerah yang menandatangani.", "nama_kepala"),
    IdentityItem("NIP Kepala", Kind.NIP, False, "19750712 199703 1 002",
                 "NIP 18 angka, ketik sebagai teks (spasi boleh).", "nip_kepala"),
    IdentityItem("Jabatan Kepala", Kind.TEXT, True, "Camat",
                 "Jabatan penandatangan, mis. Camat.", "jabatan_kepala"),
    IdentityItem("Jumlah Desa/Kelurahan", Kind.WHOLE, False, "7",
                 "Jumlah desa/kelurahan di wilayah (bilangan bulat).", None),
    IdentityItem("Tempat Laporan", Kind.TEXT, False, "Lumajang",
                 "Tempat laporan ditandatangani.", None),
    IdentityItem("Tanggal Laporan", Kind.DATE, False, "31 Maret 2023",
                 "Tanggal laporan (format tanggal).", None),
    IdentityItem("Versi Template", Kind.WHOLE, False, str(TEMPLATE_VERSION),
                 "Versi template. Jangan diubah.", None),
)

PK = Sheet(
    "PK",
    "PERJANJIAN KINERJA DAN REALISASINYA",
    (
        _no(),
        Column("Tingkat", Kind.ENUM, required=True, choices=TINGKAT, width=22,
               hint="Sasaran Strategis, Sasaran Program, Sasaran Kegiatan atau Sasaran Sub Kegiatan."),
        Column("Penanggung Jawab", Kind.TEXT, required=True, width=24,
               hint="Pejabat yang bertanggung jawab, mis. Camat, Sekretaris Kecamatan."),
        Column("Sasaran", Kind.TEXT, required=True, width=40,
               hint="Teks sasaran. Satu baris per indikator; sasaran dengan 3 indikator = 3 baris."),
        Column("Indikator Kinerja", Kind.TEXT, required=True, aliases=("Indikator",), width=40,
               hint="Teks indikator kinerja."),
        Column("Satuan", Kind.TEXT, width=10,
               hint="Satuan target. Kosong berarti persen (%)."),
        Column("Arah", Kind.ENUM, choices=ARAH, width=8,
               hint="Naik (makin tinggi makin baik, bawaan) atau Turun (makin rendah makin baik)."),
        Column("Target", Kind.NUMBER, required=True, width=10,
               hint="Target tahun ini (= target triwulan IV), angka > 0. Untuk persen ketik 90, bukan 0,9."),
        Column("Realisasi", Kind.NUMBER, width=10,
               hint="Realisasi kumulatif sampai akhir triwulan ini. Kosong = belum diukur."),
        Column("Sumber Realisasi", Kind.ENUM, choices=SUMBER_REALISASI, width=16,
               hint="Kosong (diketik) atau daftar asal realisasi: Fasilitasi, Dokumen Desa, RKPDes, APBDes, LPPDes."),
        Column("Kode", Kind.CODE, aliases=KODE_ALIASES, width=20,
               hint="Kode program/kegiatan/sub kegiatan sasaran ini, sama dengan sheet Realisasi. Ketik sebagai teks."),
        Column("Anggaran", Kind.AMOUNT, width=18,
               hint="Anggaran di PK untuk Kode ini (Rupiah)."),
        *(Column(f"Target TW {n}", Kind.NUMBER, width=10, aliases=(f"Target Triwulan {n}",),
                 since=2,
                 hint=f"Target kumulatif sampai akhir triwulan {n}, dari Rencana Aksi PK. "
                      f"Bila kosong, capaian triwulan {n} tidak diberi predikat.")
          for n in TRIWULAN[:3]),
        Column("Target Renstra", Kind.NUMBER, width=10, since=2,
               aliases=("Target Akhir Renstra", "Target Jangka Menengah"),
               hint="Target Renstra untuk tahun terakhir Renstra (angka)."),
        Column("Standar Nasional", Kind.NUMBER, width=10, since=2,
               aliases=("Target Nasional", "Rata-rata Nasional"),
               hint="Standar atau rata-rata nasional, bila ada (angka)."),
        Column("Target Tahun Lalu", Kind.NUMBER, width=10, hint="Target tahun lalu (angka)."),
        Column("Realisasi Tahun Lalu", Kind.NUMBER, width=10, hint="Realisasi tahun lalu (angka)."),
        Column("Keterangan", Kind.TEXT, width=24, hint="Keterangan bebas."),
    ),
    purpose="Perjanjian Kinerja: satu baris per indikator, dengan target dan realisasinya.",
)

REALISASI = Sheet(
    "Realisasi",
    "REALISASI ANGGARAN",
    (
        Column("Kode", Kind.CODE, required=True, aliases=KODE_ALIASES,
               width=20, hint="Kode program (7.01.01), kegiatan (7.01.01.2.01) atau sub kegiatan (7.01.01.2.01.0001). Ketik sebagai teks."),
        Column("Uraian", Kind.TEXT, required=True,
               aliases=("Program/Kegiatan/Sub Kegiatan", "Nama Program/Kegiatan"), width=50,
               hint="Nama program/kegiatan/sub kegiatan seperti di DPA."),
        Column("Pagu", Kind.AMOUNT, required=True,
               aliases=("Pagu Anggaran", "Anggaran", "Nilai Pagu", "Anggaran DPA", "Pagu DPA"), width=18,
               required_cells="leaf", hint="Pagu anggaran (Rupiah). Wajib pada sub kegiatan."),
        Column("Realisasi", Kind.AMOUNT, required=True,
               aliases=("Realisasi Anggaran", "Realisasi Keuangan"), width=18,
               required_cells="leaf", hint="Realisasi kumulatif sampai akhir triwulan ini (Rupiah)."),
        Column("Sisa", Kind.AMOUNT, aliases=("Sisa Anggaran",), width=18,
               hint="Boleh kosong: dihitung Pagu - Realisasi. Jika diisi, diperiksa."),
        Column("Sumber Dana", Kind.TEXT, width=12, hint="DAU, DAK, DBH, PAD, ..."),
    ),
    purpose="Anggaran dan realisasinya per program, kegiatan dan sub kegiatan, seperti di DPA.",
)

FASILITASI = Sheet(
    "Fasilitasi",
    "FASILITASI, KOORDINASI DAN REKOMENDASI",
    (
        _no(),
        Column("Jenis", Kind.ENUM, required=True, choices=JENIS, width=14,
               hint="Fasilitasi, Koordinasi atau Rekomendasi."),
        Column("Uraian", Kind.TEXT, required=True, width=60, hint="Uraian item, setiap item sekali."),
        Column("Ditindaklanjuti", Kind.ENUM, required=True, choices=YA_TIDAK, width=16,
               required_cells="column", hint="Ya atau Tidak. Kosong berarti Tidak."),
        Column("Tanggal", Kind.DATE, width=14, hint="Tanggal tindak lanjut."),
        Column("Keterangan", Kind.TEXT, width=30, hint="Keterangan, bukti."),
    ),
    required=False,
    purpose="Daftar fasilitasi, koordinasi dan rekomendasi; wajib jika ada PK dengan Sumber Realisasi Fasilitasi.",
)

LPPDES = Sheet(
    "LPPDes",
    "DOKUMEN DESA (RKPDes, APBDes, LPPDes)",
    (
        _no(),
        Column("Desa", Kind.TEXT, required=True, aliases=("Nama Desa", "Desa/Kelurahan"), width=20,
               hint="Nama desa/kelurahan."),
        Column("Dokumen", Kind.ENUM, required=True, choices=DOKUMEN, width=12,
               hint="RKPDes, APBDes atau LPPDes."),
        Column("Batas Waktu", Kind.DATE, required=True, width=16,
               hint="Tanggal terakhir dokumen boleh ditetapkan."),
        Column("Tanggal Penetapan", Kind.DATE,
               aliases=("Tanggal", "Tgl. Surat", "Tanggal Surat"), width=18,
               hint="Tanggal desa menetapkan dokumen. Kosong jika belum."),
        Column("Keterangan", Kind.TEXT, width=30, hint="Keterangan."),
    ),
    required=False,
    purpose="Satu baris per desa dan dokumen; wajib jika ada PK yang diturunkan dari dokumen desa.",
)

PEGAWAI = Sheet(
    "Pegawai",
    "DATA PEGAWAI",
    (
        _no(),
        Column("Nama", Kind.TEXT, required=True, width=30, hint="Nama pegawai."),
        Column("NIP", Kind.NIP, width=24,
               hint="NIP 18 angka, ketik sebagai teks (spasi boleh). Kosong untuk non-PNS."),
        Column("L/P", Kind.ENUM, choices=JENIS_KELAMIN, aliases=("Jenis Kelamin",), width=6,
               hint="L atau P."),
        Column("Pangkat/Golongan", Kind.TEXT, aliases=("Pangkat", "Golongan", "Pangkat/Gol"),
               width=24, hint="Pangkat/golongan, mis. Penata Tk. I (III/d)."),
        Column("Jabatan", Kind.TEXT, width=30, hint="Jabatan."),
        Column("Pendidikan", Kind.TEXT, width=12, hint="Pendidikan terakhir."),
        Column("Status", Kind.ENUM, choices=STATUS_PEGAWAI, width=12,
               hint="PNS, PPPK, Non PNS atau Pendamping."),
    ),
    required=False,
    purpose="Data pegawai kantor.",
)

PETUNJUK = "Petunjuk"
LIST_SHEET = "Daftar"

SHEETS: tuple[Sheet, ...] = (IDENTITAS, PK, REALISASI, FASILITASI, LPPDES, PEGAWAI)
SHEET_BY_NAME = {s.name: s for s in SHEETS}

# Sumber Realisasi -> the sheet it derives from
DERIVED_SHEET = {
    "Fasilitasi": "Fasilitasi",
    "Dokumen Desa": "LPPDes",
    "RKPDes": "LPPDes",
    "APBDes": "LPPDes",
    "LPPDes": "LPPDes",
}

