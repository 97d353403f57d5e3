"""A seeded, reproducible generator of damaged input workbooks (issue 5, item 1).

`make_case(seed)` builds one damaged workbook from `random.Random(seed)` alone, so a failing
case is re-run with its seed (`pytest tests/test_mutations.py -k s1234-`). Each case starts
from a valid workbook (the clean builder, the Tempursari sample, or the template filled
with the clean data), applies a primary damage chosen by the seed (every kind in `KINDS`
comes round every `len(KINDS)` seeds, so any slice of a few hundred covers them all) and
zero to two random extra damages, is written with openpyxl (inline strings) or xlsxwriter
(shared strings), and may then be damaged at the XML, zip or byte level.

Damages that can only make the reader allocate too much (a value at XFD1048576, a merged
range over a million rows, an .ods with a million repeated rows) are NOT generated here:
they may abort the whole interpreter (calamine aborts on a failed allocation), so
test_mutations.py runs them one by one in a subprocess with a memory limit.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import io
import os
import random
import re
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import builders as B
import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.workbook import Workbook

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
DATA = TESTS / "data"

CI_CASES = 300
SLOW_CASES = 3000


def case_count(slow: bool) -> int:
    """How many generated cases to run: LKJ_MUTATION_CASES, else 3000 with --slow, else 300."""
    env = os.environ.get("LKJ_MUTATION_CASES")
    if env:
        return int(env)
    return SLOW_CASES if slow else CI_CASES


def seed_base() -> int:
    """First seed (LKJ_MUTATION_SEED_BASE, default 0): explore new seeds without editing."""
    return int(os.environ.get("LKJ_MUTATION_SEED_BASE", "0"))


CONTRACT_SHEETS = ("Identitas", "PK", "Realisasi", "Fasilitasi", "LPPDes", "Pegawai")

# column kinds by contract sheet (template.md), used to aim the damage
COLUMNS: dict[str, dict[str, str]] = {
    "Identitas": {"Isian": "label", "Nilai": "any"},
    "PK": {"No": "any", "Tingkat": "enum", "Penanggung Jawab": "text", "Sasaran": "text",
           "Indikator Kinerja": "text", "Satuan": "text", "Arah": "enum", "Target": "number",
           "Realisasi": "number", "Sumber Realisasi": "enum", "Kode": "code",
           "Anggaran": "amount", "Target Tahun Lalu": "number",
           "Realisasi Tahun Lalu": "number", "Keterangan": "text"},
    "Realisasi": {"Kode": "code", "Uraian": "text", "Pagu": "amount", "Realisasi": "amount",
                  "Sisa": "amount", "Sumber Dana": "text"},
    "Fasilitasi": {"No": "any", "Jenis": "enum", "Uraian": "text", "Ditindaklanjuti": "enum",
                   "Tanggal": "date", "Keterangan": "text"},
    "LPPDes": {"No": "any", "Desa": "text", "Dokumen": "enum", "Batas Waktu": "date",
               "Tanggal Penetapan": "date", "Keterangan": "text"},
    "Pegawai": {"No": "any", "Nama": "text", "NIP": "nip", "L/P": "enum",
                "Pangkat/Golongan": "text", "Jabatan": "text", "Pendidikan": "text",
                "Status": "enum"},
}
IDENTITY_KINDS = {
    "perangkatdaerah": "text", "pemerintahdaerah": "text", "tahunanggaran": "year",
    "triwulan": "triwulan", "namakepala": "text", "nipkepala": "nip", "jabatankepala": "text",
    "jumlahdesakelurahan": "whole", "tempatlaporan": "text", "tanggallaporan": "date",
    "versitemplate": "whole",
}
ALIASES = {
    "Kode": ["Kode Rekening", "Kode Program/Kegiatan", "KODE", "kode"],
    "Uraian": ["Program/Kegiatan/Sub Kegiatan", "Nama Program/Kegiatan", "URAIAN"],
    "Pagu": ["Pagu (Rp)", "PAGU", "pagu", "Pagu Anggaran", "Pagu Anggaran (Rp.)"],
    "Realisasi": ["REALISASI", "Realisasi (Rp)"],
    "Sisa": ["Sisa Anggaran", "SISA (Rp)"],
    "Indikator Kinerja": ["Indikator", "INDIKATOR KINERJA"],
    "Desa": ["Nama Desa", "Desa/Kelurahan"],
    "Tanggal Penetapan": ["TANGGAL PENETAPAN", "Tanggal  Penetapan"],
    "L/P": ["Jenis Kelamin", "L / P"],
    "Pangkat/Golongan": ["Pangkat", "Golongan", "Pangkat/Gol"],
    "Tingkat": ["TINGKAT", "Tingkat:"],
    "Nama": ["NAMA", "Nama (lengkap)"],
}

# --- value pools -----------------------------------------------------------------------

AMOUNT_TEXTS = [
    "abc", "Rp 3.000.000", "1.750.000,-", "Rp. 5.113.215.", "1,169,899,860",
    "1.913.315.062,00", "1.234", "1,234", "12,5", "-", "\u2014", "nihil", "0", "1e6", "1E+15",
    "NaN", "inf", "-inf", "Infinity", "\u221e", "\u0663\u0660\u0660\u0660", "\uff11\uff12\uff13",
    "90%", "90 %", "(1.000)", "1.000.000-", "Rp-5", "5.000.000 + 2.000", "1 000 000",
    "1'000'000", "0x10", "1_000", "12.345.678,9", "1..2", ",5", ".5", "5.", "Rp", "Rp.",
    "IDR 1000", "1.000.000,000", "99999999999999999999999", "9" * 400, "1e999999999",
    "-1e999999999", "1E400", "Rp 1.000.000.000.000.000.000", "0,0000001", "- 5", "5 -", "+5",
    "++5", "--5", "Rp 1,5 juta", "satu juta", "1.000,00,00", "Rp\u00a01.000", "1\u202f000",
    "\u200b1000", "1000\u200b", "=1+1", "1.2.3.4", "12.5%", "55,55%", "0.9", "-0", "+0",
]
NUMBERS: list[Any] = [
    10**15, 10**15 + 1, 10**16, -1, -1_000_000, -0.01, 1e300, -1e300,
    1.7976931348623157e308, 5e-324, 0.001, 0.005, 0.015, 123456789.123456, 2**53 + 1, 2**63,
    10**20, -(10**20), 1e-10, 0.1 + 0.2, -0.0, float("inf"), float("-inf"), float("nan"), True,
    False, 0, 0.9999999, 1, 99.995, 12345678901234567890, 2023.5, 1e15, 999_999_999_999_999.99,
]
DATE_TEXTS = [
    "2023-02-23", "23/02/2023", "23 Februari 2023", "23 Feb 2023", "23-02-2023", "02/23/2023",
    "31/02/2023", "2023/02/23", "23.02.2023", "Februari 2023", "23 Pebruari 2023",
    "23 FEBRUARI 2023", "23 februari 2023", "  23 Februari 2023  ", "23  Februari  2023",
    "23Februari2023", "45000", "45000.5", "1 Januari 1900", "29 Februari 2023",
    "29 Februari 2024", "00/00/0000", "23 Februari", "2023-02-23T10:00:00", "2023-02-23 10:00",
    "Senin, 23 Februari 2023", "23/2/23", "23/02/23", "2/23/2023", "23 Feb. 2023",
    "23-Feb-2023", "Feb 23, 2023", "23 Agustus 2023", "23 Agt 2023", "23 Ags 2023",
    "23 Nopember 2023", "23 Mei 2023", "23 Des 2023", "32 Januari 2023", "0 Januari 2023",
    "23 Januari 0", "23 Januari 99999", "9999-12-31", "10000-01-01", "0001-01-01",
    "1899-12-30", "-", "belum", "tgl 23", "23/02/2023 - 25/02/2023",
    "\uff12\uff13/\uff10\uff12/\uff12\uff10\uff12\uff13", "23\u00a0Februari\u00a02023",
    "2023-02-30", "2023-13-01", "23 Marat 2023", "31 April 2023",
]
DATE_VALUES: list[Any] = [
    dt.datetime(2023, 2, 23), dt.date(2023, 2, 23), dt.datetime(1900, 1, 1),
    dt.datetime(1900, 2, 28), dt.datetime(9999, 12, 31), dt.datetime(2023, 2, 23, 23, 59, 59),
    dt.time(10, 0), 45000, 45000.75, -1, 2958466, 1e10, 0,
]
CODES_20: list[Any] = [
    "12345678901234567890", 12345678901234567890, "7.01.01.2.01.00000000000000000001",
    "7" * 20, "0" * 20, " 1234567890 1234567890 ", 197507121997031002, "1975071219970310020",
    "19750712 199703 1 00", 1.2345678901234567e19, "7.01", 7.01, "7.01.01.2.01.0001.0001",
    "07.001.001", "7,01,01", "7.01.01.", ".7.01.01", "7..01.01", "7.01.01 2.01",
    "7.01.01.2.01.0001 ", "\u00a07.01.01", "\uff17.\uff10\uff11.\uff10\uff11", "7.01.01.2.01.1",
    "7.01.01.2.01.001", "7.01.01.2.01.00001", "7 . 01 . 01", "7\u201301\u201301",
    "1975 0712 1997 0310 02", "19750712-199703-1-002", "197507121997031002.0",
]
BLANKS = ["", " ", "   ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2007", "\u202f",
          "\u200b", "\ufeff", " \u00a0 "]
SAFE_BLANKS = ["", " ", "   ", "\t", "\n", "\u00a0", "\u3000", " \u00a0 "]
GARBAGE_TEXT = [
    "\U0001f4a5", "\u0646\u0635 \u0639\u0631\u0628\u064a", "\u05e2\u05d1\u05e8\u05d9\u05ea",
    "a" * 32767, "x" * 5000, "_x0001_", "_x000D_", "_x0000_", "<b>&amp;</b>", "]]>",
    "\"'`", "${jndi:ldap://x}", "%s%n", "{{7*7}}", "NULL", "None", "undefined", "TRUE",
    "FALSE", "Ya\nTidak", "\u202eRTL", "\U0001f600" * 50, "Ｒｅａｌｉｓａｓｉ", "Total",
    "Jumlah", "JUMLAH TOTAL", "Total Anggaran", "'7.01.01", "\\", "/", "..", "../../etc",
    "=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-1-1", "@SUM(1)", "\tTAB", "\rCR",
]
ERRORS = ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
FORMULAS = [
    "=SUM(C4:C5)", "=1/0", '=HYPERLINK("http://x","y")', "=A1", "=NOW()", "=C5*2", "=#REF!",
    '=INDIRECT("A1")', '="7.01.01"', "=2023", "={1,2}", "=Sheet9!A1", "=1+", "=SUM(A:A)",
]
ENUMS = ["Ya", "Tidak", "Y", "V", "\u2713", "Sudah", "T", "Belum", "-", "ya", " YA ", "yes",
         "no", "Strategis", "Program", "Kegiatan", "Sub Kegiatan", "sasaran strategis",
         "Naik", "Turun", "naik", "NAIK!", "Fasilitasi", "Dokumen Desa", "RKPDes", "APBDes",
         "LPPDes", "rkp des", "L", "P", "l", "X", "PNS", "PPPK", "Non PNS", "Pendamping",
         "Koordinasi", "Rekomendasi", "Lainnya", "\u2717", "x", "1", "0", "I", "II", "IV", "V",
         "5", "Triwulan I", "TW 1", "Q1"]
SHEET_NAMES = ["Sheet1", "Lembar1", "PK (2)", "Realisasi 2023", "realisasi", " REALISASI ",
               "Real isasi", "Identitas'", "Identitas\u2026", "\U0001f4a5", "x" * 31,
               "Pegawai ", "P K", "pk", "Identitas 2", "LPPDES", "Fasilitasi (lama)",
               "Ｒｅａｌｉｓａｓｉ", "Data", "Petunjuk"]
HEADER_JUNK = ["", " ", "Plafon", "Target Tahun Lalu", "Pagu Awal", "Realisasi (%)",
               "Kode Kegiatan", "No.", "Nilai Isian", "Uraian Kegiatan", "??", 12345,
               dt.datetime(2023, 1, 1), "=A1", "#N/A", "Pagu\nAnggaran", "P a g u",
               "Anggaran", "Realisasi Anggaran", "Sisa", "Kode", "Uraian", "Jumlah"]
EXTRA_HEADERS = ["Catatan Internal", "Verifikator", "Kolom Bantu", "Paraf", "Lampiran"]


def norm(text: Any) -> str:
    """A header the way template.md matches it: no parentheses, case, spaces, punctuation."""
    if text is None:
        return ""
    s = re.sub(r"\([^)]*\)", "", str(text)).lower()
    return re.sub(r"[\W_]+", "", s)


def norm_sheet(name: str) -> str:
    return re.sub(r"\s+", "", name).lower()


# --- the case -----------------------------------------------------------------------------


@dataclass
class Case:
    seed: int
    kind: str
    base: str = ""
    steps: list[str] = field(default_factory=list)
    data: bytes = b""
    filename: str = "isian.xlsx"
    sheetnames: list[str] | None = None  # the sheet names in the file, when known
    expect: str | None = None  # "clean" (no finding), "unreadable", "readable", or None
    writer: str = "openpyxl"

    def describe(self) -> str:
        return (f"seed={self.seed} kind={self.kind} base={self.base} writer={self.writer} "
                f"file={self.filename} steps=\n  " + "\n  ".join(self.steps))


@dataclass
class State:
    rng: random.Random
    wb: Workbook
    case: Case
    post: list[Callable[[bytes], bytes]] = field(default_factory=list)
    markers: int = 0

    def log(self, text: str) -> None:
        self.case.steps.append(text)


# --- bases ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@functools.lru_cache(maxsize=1)
def template_bytes() -> bytes:
    """`lkj-excel template` output with Identitas pre-filled, as bytes."""
    from lkj_excel.write.template import make_template

    with tempfile.TemporaryDirectory() as d:
        p = make_template(Path(d) / "t.xlsx", {"Perangkat Daerah": "Kecamatan Tempursari",
                                                "Tahun Anggaran": 2023, "Triwulan": "I"})
        return Path(p).read_bytes()


@functools.lru_cache(maxsize=1)
def filled_template_bytes() -> bytes:
    """The template (styles, validations, hidden list sheet) filled with the clean data."""
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    data = B.clean_data()
    ws = wb["Identitas"]
    rows = {norm(ws.cell(r, 1).value): r for r in range(3, ws.max_row + 1)}
    for isian, value in data.pop("Identitas"):
        r = rows.get(norm(isian))
        if r is None:
            r = ws.max_row + 1
            ws.cell(r, 1, isian)
        ws.cell(r, 2).value = value
    for name, rows_ in data.items():
        B.replace_data(wb[name], rows_)
    buf = io.BytesIO()
    wb.save(buf)
    return normalize(buf.getvalue())


def load_base(name: str) -> Workbook:
    if name == "clean":
        return B.clean_book()
    if name == "sample":
        return openpyxl.load_workbook(io.BytesIO(sample_bytes()))
    if name == "template":
        return openpyxl.load_workbook(io.BytesIO(filled_template_bytes()))
    if name == "template-empty":
        return openpyxl.load_workbook(io.BytesIO(template_bytes()))
    raise ValueError(name)


# --- locating cells ----------------------------------------------------------------------


def contract_name(ws) -> str | None:
    key = norm_sheet(ws.title)
    for name in CONTRACT_SHEETS:
        if norm_sheet(name) == key:
            return name
    return None


def header_row(ws, contract: str | None) -> int | None:
    if contract is None:
        return None
    keys = {norm(c) for c in COLUMNS[contract]}
    for a in ALIASES:
        if a in COLUMNS[contract]:
            keys |= {norm(x) for x in ALIASES[a]}
    for r in range(1, min(15, ws.max_row) + 1):
        hits = sum(1 for c in range(1, ws.max_column + 1) if norm(ws.cell(r, c).value) in keys)
        if hits >= 2:
            return r
    return None


def column_map(ws, contract: str, hr: int) -> dict[str, int]:
    keys = {}
    for name in COLUMNS[contract]:
        keys[norm(name)] = name
        for a in ALIASES.get(name, []):
            keys.setdefault(norm(a), name)
    out: dict[str, int] = {}
    for c in range(1, ws.max_column + 1):
        name = keys.get(norm(ws.cell(hr, c).value))
        if name and name not in out:
            out[name] = c
    return out


def targets(wb: Workbook, kinds: set[str]) -> list[tuple[Any, int, int]]:
    """(sheet, row, col) of the data cells whose column kind is in `kinds`."""
    out = []
    for ws in wb.worksheets:
        contract = contract_name(ws)
        hr = header_row(ws, contract)
        if hr is None:
            continue
        cols = column_map(ws, contract, hr)
        last = max(ws.max_row, hr + 1)
        if contract == "Identitas":
            if "Isian" not in cols or "Nilai" not in cols:
                continue
            for r in range(hr + 1, last + 1):
                kind = IDENTITY_KINDS.get(norm(ws.cell(r, cols["Isian"]).value))
                if kind in kinds or ("any" in kinds and kind):
                    out.append((ws, r, cols["Nilai"]))
            continue
        for name, c in cols.items():
            kind = COLUMNS[contract][name]
            if kind in kinds or "any" in kinds:
                out.extend((ws, r, c) for r in range(hr + 1, last + 1))
    return out


def pick_cell(st: State, kinds: set[str]) -> tuple[Any, int, int]:
    found = targets(st.wb, kinds)
    if found:
        return st.rng.choice(found)
    ws = st.rng.choice(st.wb.worksheets)
    return ws, st.rng.randint(1, max(ws.max_row, 1) + 2), st.rng.randint(1, max(ws.max_column, 1) + 1)


def set_cell(ws, r: int, c: int, value: Any, as_text: bool = False) -> None:
    """Set a value; `as_text` keeps `=...` a text cell (openpyxl makes it a formula)."""
    cell = ws.cell(r, c)
    if isinstance(cell, MergedCell):  # write to the range's first cell instead
        for m in ws.merged_cells.ranges:
            if (r, c) in {(x, y) for x, y in m.cells}:
                cell = ws.cell(m.min_row, m.min_col)
                break
        else:
            return
    cell.value = value
    if as_text and isinstance(value, str):
        cell.data_type = "s"


def where(ws, r: int, c: int) -> str:
    return f"{ws.title}!{openpyxl.utils.get_column_letter(c)}{r}"


def contract_sheets(wb: Workbook) -> list:
    return [ws for ws in wb.worksheets if contract_name(ws)]


def pick_contract_sheet(st: State):
    sheets = contract_sheets(st.wb)
    return st.rng.choice(sheets) if sheets else st.rng.choice(st.wb.worksheets)


def safe_rename(wb: Workbook, ws, new: str) -> bool:
    """Rename `ws` to exactly `new`; False (name unchanged) when openpyxl would not."""
    old = ws.title
    if new.lower() in {n.lower() for n in wb.sheetnames if n != old}:
        return False
    try:
        ws.title = "__tmp__"
        ws.title = new
    except ValueError:
        ws.title = old
        return False
    if ws.title != new:
        ws.title = old
        return False
    return True


def _value_of(cell) -> tuple[Any, str]:
    return cell.value, cell.number_format


def rewrite_columns(ws, order: list[int]) -> None:
    """Move column order[i] to column i+1 (values and number formats); merges are dropped."""
    for m in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(m))
    grid = [[_value_of(ws.cell(r, c)) for c in range(1, ws.max_column + 1)]
            for r in range(1, ws.max_row + 1)]
    for r, row in enumerate(grid, start=1):
        for new_c, old_c in enumerate(order, start=1):
            value, fmt = row[old_c - 1] if old_c - 1 < len(row) else (None, "General")
            cell = ws.cell(r, new_c)
            cell.value = value
            cell.number_format = fmt


# --- damage (workbook level) -----------------------------------------------------------------


def d_sheet_delete(st: State) -> None:
    wb = st.wb
    if len(wb.worksheets) <= 1:
        d_sheet_rename(st)
        return
    ws = pick_contract_sheet(st) if st.rng.random() < 0.8 else st.rng.choice(wb.worksheets)
    st.log(f"delete sheet {ws.title!r}")
    wb.remove(ws)
    if st.rng.random() < 0.1:  # keep only one sheet
        for other in list(wb.worksheets)[1:]:
            wb.remove(other)
        st.log("delete every sheet but the first")


def d_sheet_rename(st: State) -> None:
    ws = pick_contract_sheet(st)
    new = st.rng.choice(SHEET_NAMES)
    if st.rng.random() < 0.3:  # take the name of another contract sheet
        new = st.rng.choice(CONTRACT_SHEETS) + st.rng.choice(["", " ", "  "])
    if safe_rename(st.wb, ws, new):
        st.log(f"rename sheet to {new!r}")


def d_sheet_duplicate(st: State) -> None:
    ws = pick_contract_sheet(st)
    copy = st.wb.copy_worksheet(ws)
    variant = st.rng.choice([ws.title.lower(), ws.title.upper(), " " + ws.title,
                             ws.title + " ", ws.title + " (2)"])
    if not safe_rename(st.wb, copy, variant):
        variant = copy.title
    if st.rng.random() < 0.5:
        st.wb.move_sheet(copy, offset=-(len(st.wb.worksheets) - 1))
    if st.rng.random() < 0.5 and copy.max_row > 3:  # the copy differs
        set_cell(copy, st.rng.randint(3, copy.max_row), st.rng.randint(1, copy.max_column),
                 st.rng.choice(AMOUNT_TEXTS + CODES_20))
    st.log(f"duplicate sheet {ws.title!r} as {variant!r}")


def d_sheet_hidden(st: State) -> None:
    wb = st.wb
    for ws in st.rng.sample(wb.worksheets, st.rng.randint(1, len(wb.worksheets))):
        ws.sheet_state = st.rng.choice(["hidden", "veryHidden"])
        st.log(f"hide sheet {ws.title!r} ({ws.sheet_state})")
    _one_visible(wb)


def _one_visible(wb: Workbook) -> None:
    visible = [i for i, ws in enumerate(wb.worksheets) if ws.sheet_state == "visible"]
    if not visible:
        wb.worksheets[-1].sheet_state = "visible"
        visible = [len(wb.worksheets) - 1]
    wb.active = visible[0]
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = False
    wb.worksheets[visible[0]].sheet_view.tabSelected = True


def d_sheet_reorder(st: State) -> None:
    ws = st.rng.choice(st.wb.worksheets)
    st.wb.move_sheet(ws, offset=st.rng.randint(-len(st.wb.worksheets), len(st.wb.worksheets)))
    st.log(f"move sheet {ws.title!r}")


def d_header_delete(st: State) -> None:
    ws = pick_contract_sheet(st)
    hr = header_row(ws, contract_name(ws)) or 2
    cols = list(range(1, ws.max_column + 1))
    for c in st.rng.sample(cols, st.rng.randint(1, min(3, len(cols)))):
        set_cell(ws, hr, c, st.rng.choice([None, "", " "]))
        st.log(f"clear header {where(ws, hr, c)}")


def d_header_rename(st: State) -> None:
    ws = pick_contract_sheet(st)
    contract = contract_name(ws)
    hr = header_row(ws, contract) or 2
    c = st.rng.randint(1, max(ws.max_column, 1))
    old = ws.cell(hr, c).value
    roll = st.rng.random()
    if roll < 0.3 and contract:  # another column's name: a duplicate header
        new = st.rng.choice(list(COLUMNS[contract]))
    elif roll < 0.5 and isinstance(old, str) and old in ALIASES:
        new = st.rng.choice(ALIASES[old])
    else:
        new = st.rng.choice(HEADER_JUNK)
    set_cell(ws, hr, c, new)
    st.log(f"header {where(ws, hr, c)} {old!r} -> {new!r}")


def d_header_move(st: State) -> None:
    ws = pick_contract_sheet(st)
    k = st.rng.choice([1, 5, 12, 13, 14, 20])
    ws.insert_rows(1, k)
    if st.rng.random() < 0.5:
        set_cell(ws, 1, 1, "LAPORAN " * 5)
    st.log(f"insert {k} rows above the header of {ws.title!r}")


def d_columns_shuffle(st: State) -> None:
    ws = pick_contract_sheet(st)
    n = max(ws.max_column, 1)
    order = list(range(1, n + 1))
    st.rng.shuffle(order)
    shift = st.rng.choice([0, 0, 1, 3])
    rewrite_columns(ws, order)
    if shift:
        ws.insert_cols(1, shift)
    st.log(f"shuffle columns of {ws.title!r}: {order} shifted {shift}")


def d_column_delete(st: State) -> None:
    ws = pick_contract_sheet(st)
    c = st.rng.randint(1, max(ws.max_column, 1))
    ws.delete_cols(c, st.rng.choice([1, 1, 2]))
    st.log(f"delete column {c} of {ws.title!r}")


def d_rows(st: State) -> None:
    ws = pick_contract_sheet(st)
    hr = header_row(ws, contract_name(ws)) or 2
    last = max(ws.max_row, hr + 1)
    r = st.rng.randint(hr + 1, last)
    op = st.rng.choice(["delete", "insert", "duplicate", "swap", "delete-header", "clear-all"])
    if op == "delete":
        ws.delete_rows(r, st.rng.randint(1, 3))
    elif op == "insert":
        ws.insert_rows(r, st.rng.randint(1, 3))
    elif op == "duplicate":
        r2 = st.rng.randint(hr + 1, last + 1)
        for c in range(1, ws.max_column + 1):
            set_cell(ws, r2, c, ws.cell(r, c).value)
    elif op == "swap":
        r2 = st.rng.randint(hr + 1, last)
        for c in range(1, ws.max_column + 1):
            a, b = ws.cell(r, c).value, ws.cell(r2, c).value
            set_cell(ws, r, c, b)
            set_cell(ws, r2, c, a)
    elif op == "delete-header":
        ws.delete_rows(hr, 1)
    else:
        ws.delete_rows(hr + 1, last)
    st.log(f"rows {op} at {ws.title!r} row {r}")


def d_hidden_rows(st: State) -> None:
    ws = pick_contract_sheet(st)
    for _ in range(st.rng.randint(1, 4)):
        r = st.rng.randint(1, max(ws.max_row, 1))
        dim = ws.row_dimensions[r]
        dim.hidden = True
        if st.rng.random() < 0.3:
            dim.outlineLevel = st.rng.randint(1, 7)
        st.log(f"hide row {r} of {ws.title!r}")
    if st.rng.random() < 0.5:
        letter = openpyxl.utils.get_column_letter(st.rng.randint(1, max(ws.max_column, 1)))
        ws.column_dimensions[letter].hidden = True
        st.log(f"hide column {letter} of {ws.title!r}")
    if st.rng.random() < 0.3:
        ws.sheet_format.zeroHeight = True
        st.log(f"rows hidden by default on {ws.title!r}")


def d_merge(st: State) -> None:
    ws = pick_contract_sheet(st)
    hr = header_row(ws, contract_name(ws)) or 2
    for _ in range(st.rng.randint(1, 3)):
        roll = st.rng.random()
        if roll < 0.15:  # over the header row and data
            r1 = hr
        elif roll < 0.25:
            r1 = 1
        else:
            r1 = st.rng.randint(hr + 1, max(ws.max_row, hr + 1) + 1)
        c1 = st.rng.randint(1, max(ws.max_column, 1))
        if st.rng.random() < 0.2:  # the whole data column
            r1, r2, c2 = hr + 1, max(ws.max_row, hr + 2) + st.rng.randint(0, 30), c1
        else:
            r2 = r1 + st.rng.randint(0, 4)
            c2 = c1 + st.rng.choice([0, 0, 0, 1, 2])
        if (r1, c1) == (r2, c2):
            r2 += 1
        try:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        except ValueError:
            continue
        st.log(f"merge {where(ws, r1, c1)}:{openpyxl.utils.get_column_letter(c2)}{r2}")


def _put(st: State, kinds: set[str], pool: list[Any], label: str, count: int | None = None,
         as_text: bool = False) -> None:
    for _ in range(count or st.rng.randint(1, 3)):
        ws, r, c = pick_cell(st, kinds)
        value = st.rng.choice(pool)
        set_cell(ws, r, c, value, as_text)
        st.log(f"{label} {where(ws, r, c)} = {value!r:.60}{' (text)' if as_text else ''}")


def d_amount_text(st: State) -> None:
    _put(st, {"amount", "number", "whole", "year"}, AMOUNT_TEXTS, "text in amount", as_text=True)


def d_number_extreme(st: State) -> None:
    kinds = ({"amount", "number", "whole", "year"} if st.rng.random() < 0.8 else
             {"date", "code", "nip", "enum", "text", "triwulan"})
    _put(st, kinds, NUMBERS, "extreme number")


def d_code_20(st: State) -> None:
    _put(st, {"code", "nip", "year", "triwulan", "whole", "any"} if st.rng.random() < 0.2
         else {"code", "nip"}, CODES_20, "20-digit code")


def d_blank(st: State) -> None:
    _put(st, {"any"}, BLANKS, "blank", st.rng.randint(1, 6))


def d_date_text(st: State) -> None:
    pool = DATE_TEXTS + DATE_VALUES if st.rng.random() < 0.8 else DATE_TEXTS
    _put(st, {"date"} if st.rng.random() < 0.85 else {"any"}, pool, "date")


def d_formula(st: State) -> None:
    roll = st.rng.random()
    if roll < 0.15:  # a header cell
        ws = pick_contract_sheet(st)
        hr = header_row(ws, contract_name(ws)) or 2
        c = st.rng.randint(1, max(ws.max_column, 1))
        set_cell(ws, hr, c, st.rng.choice(FORMULAS))
        st.log(f"formula in header {where(ws, hr, c)}")
        return
    _put(st, {"any"}, FORMULAS, "formula without cached value")


def d_errors(st: State) -> None:
    _put(st, {"any"}, ERRORS, "error value")


def d_garbage(st: State) -> None:
    _put(st, {"any"}, GARBAGE_TEXT, "garbage text", as_text=st.rng.random() < 0.7)


def d_enum(st: State) -> None:
    _put(st, {"enum", "triwulan"}, ENUMS, "enum value")


def d_random_cells(st: State) -> None:
    pool = AMOUNT_TEXTS + NUMBERS + DATE_TEXTS + DATE_VALUES + CODES_20 + BLANKS + GARBAGE_TEXT
    pool += ERRORS + FORMULAS + ENUMS
    for _ in range(st.rng.randint(1, 8)):
        ws = st.rng.choice(st.wb.worksheets)
        r = st.rng.randint(1, max(ws.max_row, 1) + 20)
        c = st.rng.randint(1, max(ws.max_column, 1) + 5)
        value = st.rng.choice(pool)
        set_cell(ws, r, c, value)
        st.log(f"random {where(ws, r, c)} = {value!r:.60}")


def d_far_but_safe(st: State) -> None:
    """A stray value far below or right of the table (within bounds the reader copes with)."""
    ws = pick_contract_sheet(st)
    r = st.rng.choice([ws.max_row + 1, ws.max_row + 50, 500, 1500])
    c = st.rng.choice([1, 2, ws.max_column + 1, 30, 60])
    value = st.rng.choice(["x", 1, "Mengetahui", "Camat", "7.01.01"])
    set_cell(ws, r, c, value)
    st.log(f"stray value {where(ws, r, c)} = {value!r}")


def d_identity_rows(st: State) -> None:
    ws = next((w for w in st.wb.worksheets if contract_name(w) == "Identitas"), None)
    if ws is None:
        d_sheet_rename(st)
        return
    hr = header_row(ws, "Identitas") or 2
    r = st.rng.randint(hr + 1, max(ws.max_row, hr + 1))
    op = st.rng.choice(["delete", "label", "repeat", "value"])
    if op == "delete":
        ws.delete_rows(r)
    elif op == "label":
        set_cell(ws, r, 1, st.rng.choice(["TAHUN ANGGARAN:", "Tahun", "Triwulan ke",
                                          "tahun  anggaran", "", None, "Nama Kepala (Camat)"]))
    elif op == "repeat":
        n = ws.max_row + 1
        set_cell(ws, n, 1, ws.cell(r, 1).value)
        set_cell(ws, n, 2, st.rng.choice(NUMBERS + AMOUNT_TEXTS + ENUMS))
    else:
        set_cell(ws, r, 2, st.rng.choice(NUMBERS + CODES_20 + DATE_TEXTS + ENUMS + BLANKS))
    st.log(f"identitas {op} row {r}")


# --- XML, zip and byte damage (applied to the written file) -----------------------------------

XML_CELLS = [
    '<c r="{ref}"><v>1E+400</v></c>', '<c r="{ref}"><v>-1E+400</v></c>',
    '<c r="{ref}"><v>NaN</v></c>', '<c r="{ref}"><v>INF</v></c>', '<c r="{ref}"><v>abc</v></c>',
    '<c r="{ref}"><v></v></c>', '<c r="{ref}"><v>   </v></c>', '<c r="{ref}"/>',
    '<c r="{ref}"><v>1e999999999</v></c>', '<c r="{ref}" t="b"><v>2</v></c>',
    '<c r="{ref}" t="b"><v>1</v></c>', '<c r="{ref}" t="e"><v>#REF!</v></c>',
    '<c r="{ref}" t="e"><v>garbage</v></c>', '<c r="{ref}" t="s"><v>99999</v></c>',
    '<c r="{ref}" t="s"><v>-1</v></c>', '<c r="{ref}" t="d"><v>2023-02-30T00:00:00</v></c>',
    '<c r="{ref}" t="d"><v>garbage</v></c>', '<c r="{ref}" t="d"><v>2023-02-23</v></c>',
    '<c r="{ref}" t="inlineStr"><is><t>=1+1</t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><r><t>10.000</t></r><r><t>.000</t></r></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">  7.01.01  </t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t>&lt;&amp;&gt;&#10;</t></is></c>',
    '<c r="{ref}" t="str"><f>1+1</f><v>2</v></c>', '<c r="{ref}"><f>SUM(A1)</f></c>',
    '<c r="{ref}"><f t="shared" si="0"/></c>', '<c r="{ref}"><f t="array" ref="{ref}">1</f></c>',
    '<c r="{ref}" t="weird"><v>1</v></c>', '<c r="A0"><v>1</v></c>', '<c><v>5</v></c>',
    '<c r="{ref}" s="9999"><v>0.5</v></c>', '<c r="{ref}"><v>5</v><v>6</v></c>',
    '<c r="{low}"><v>5</v></c>', '<c r="{ref}" t="n"><v>9.99e307</v></c>',
    '<c r="{ref}"><v>4294967296123456789</v></c>', '<c r="{ref}"><v>0x1F</v></c>',
    '<c r="{ref}"><v>1,5</v></c>', '<c r="{ref}"><v>-0</v></c>', '<x:c r="{ref}"><x:v>1</x:v></x:c>',
]


def d_xml_cell(st: State) -> None:
    """Put a marker number in a cell; after writing, replace that cell's XML."""
    ws, r, c = pick_cell(st, {"amount", "number", "code", "date", "text", "any"})
    st.markers += 1
    marker = 987654321.125 + st.markers
    set_cell(ws, r, c, marker)
    xml = st.rng.choice(XML_CELLS)
    ref = f"{openpyxl.utils.get_column_letter(c)}{r}"
    text = xml.replace("{ref}", ref).replace("{low}", ref.lower())
    st.log(f"cell XML at {where(ws, r, c)}: {text}")
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?>\s*<v>' +
                         re.escape(repr(marker).encode()) + rb"</v>\s*</c>")

    def apply(data: bytes) -> bytes:
        return _edit_members(data, lambda name, blob: pattern.sub(text.encode(), blob)
                             if name.startswith("xl/worksheets/") else blob)

    st.post.append(apply)


def d_xml_sheet(st: State) -> None:
    """Damage a sheet part: bogus dimension, sheetData junk, duplicate rows, namespaces."""
    edits = [
        (rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"'),
        (rb'<dimension ref="[^"]*"', b'<dimension ref="garbage"'),
        (rb"<sheetData>", b'<sheetData><row r="1"/><row r="1"/>'),
        (rb"<sheetData>", b'<sheetData><row r="0"><c r="A0"><v>1</v></c></row>'),
        (rb"<sheetData>", b'<sheetData><row r="3" spans="1:3" hidden="1" ht="0"/>'),
        (rb"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="B3:B5"/></mergeCells>'),
        (rb"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="garbage"/></mergeCells>'),
        (rb"</sheetData>", b'</sheetData><mergeCells count="2"><mergeCell ref="A3:C4"/><mergeCell ref="B4:D6"/></mergeCells>'),
        (rb"<sheetData>.*?</sheetData>", b"<sheetData/>"),
        (rb' r="[A-Z]+\d+"', b""),  # cells without references
        (rb'<row r="(\d+)"', rb'<row r="\1" hidden="1"'),
        (rb"</worksheet>", b"<extLst><ext uri='x'><junk/></ext></extLst></worksheet>"),
    ]
    pat, rep = st.rng.choice(edits)
    member_pick = st.rng.random()
    st.log(f"sheet XML edit {pat!r} -> {rep!r} (member pick {member_pick:.2f})")

    def apply(data: bytes) -> bytes:
        names = _members(data, "xl/worksheets/sheet")
        if not names:
            return data
        target = names[int(member_pick * len(names))]
        return _edit_members(data, lambda n, b: re.sub(pat, rep, b, count=0, flags=re.S)
                             if n == target else b)

    st.post.append(apply)


def _members(data: bytes, prefix: str) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return sorted(n for n in zf.namelist() if n.startswith(prefix))
    except zipfile.BadZipFile:
        return []


def _edit_members(data: bytes, edit: Callable[[str, bytes], bytes | None],
                  compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Rewrite the zip, passing each member through `edit` (None drops the member)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", compression) as zout:
        for info in zin.infolist():
            blob = edit(info.filename, zin.read(info.filename))
            if blob is not None:
                fixed = zipfile.ZipInfo(info.filename, info.date_time)
                fixed.compress_type = compression
                zout.writestr(fixed, blob)
    return out.getvalue()


DTD_HEADS = [
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE worksheet SYSTEM "http://127.0.0.1:1/x.dtd">',
]


def d_zip_member(st: State) -> None:
    op = st.rng.choice(["missing", "garbage", "truncated-xml", "dtd", "empty", "encoding",
                        "duplicate", "stored", "bzip2", "lzma", "prefix", "suffix", "comment",
                        "encrypted-flag"])
    pick = st.rng.random()
    cut = st.rng.random()
    head = st.rng.choice(DTD_HEADS)
    st.log(f"zip member damage {op} (pick {pick:.2f}, cut {cut:.2f})")

    def apply(data: bytes) -> bytes:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = zf.namelist()
        except zipfile.BadZipFile:
            return data
        target = names[int(pick * len(names))]
        xml_names = [n for n in names if n.endswith((".xml", ".rels"))] or names
        xml_target = xml_names[int(pick * len(xml_names))]
        if op == "missing":
            return _edit_members(data, lambda n, b: None if n == target else b)
        if op == "garbage":
            return _edit_members(data, lambda n, b: bytes(random.Random(pick).randbytes(300))
                                 if n == target else b)
        if op == "truncated-xml":
            return _edit_members(data, lambda n, b: b[: int(len(b) * cut)] if n == xml_target else b)
        if op == "dtd":
            def add_dtd(n: str, b: bytes) -> bytes:
                if n != xml_target:
                    return b
                end = b.find(b"?>") + 2 if b.startswith(b"<?xml") else 0
                return b[:end] + head + b[end:]
            return _edit_members(data, add_dtd)
        if op == "empty":
            return _edit_members(data, lambda n, b: b"" if n == target else b)
        if op == "encoding":
            return _edit_members(data, lambda n, b: b.replace(b'encoding="UTF-8"', b'encoding="UTF-16"')
                                 .replace(b"encoding='UTF-8'", b"encoding='UTF-16'")
                                 if n == xml_target else b)
        if op == "duplicate":
            out = io.BytesIO(data)
            with zipfile.ZipFile(out, "a") as zf, warnings.catch_warnings():
                warnings.simplefilter("ignore")
                zf.writestr(zipfile.ZipInfo(target, (1980, 1, 1, 0, 0, 0)), b"<junk/>")
            return out.getvalue()
        if op in ("stored", "bzip2", "lzma"):
            comp = {"stored": zipfile.ZIP_STORED, "bzip2": zipfile.ZIP_BZIP2,
                    "lzma": zipfile.ZIP_LZMA}[op]
            return _edit_members(data, lambda n, b: b, compression=comp)
        if op == "prefix":
            return b"MZ" + b"\0" * 100 + data
        if op == "encrypted-flag":  # a password-protected zip named .xlsx
            return encrypted_flag(data)
        if op == "suffix":
            return data + b"trailing garbage" * 10
        out = io.BytesIO(data)
        with zipfile.ZipFile(out, "a") as zf:
            zf.comment = b"x" * 1000
        return out.getvalue()

    st.post.append(apply)
    if op in ("dtd", "encrypted-flag"):
        st.case.expect = "unreadable"


def csv_bytes() -> bytes:
    rows = B.clean_sheets()["Realisasi"]
    return "\n".join(";".join("" if v is None else str(v) for v in row) for row in rows).encode()


def _zip_with(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for n, b in members.items():
            zf.writestr(n, b)
    return out.getvalue()


def wrong_type_payloads(rng: random.Random, good: bytes) -> list[tuple[str, bytes]]:
    return [
        ("csv", csv_bytes()),
        ("csv-utf16", "\ufeffKode;Uraian\n7.01.01;x\n".encode("utf-16")),
        ("html", b"<html><body><table><tr><td>Kode</td><td>Pagu</td></tr></table></body></html>"),
        ("pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        ("png", b"\x89PNG\r\n\x1a\n" + bytes(rng.randbytes(200))),
        ("random", bytes(rng.randbytes(rng.randint(1, 5000)))),
        ("gzip", gzip.compress(good)),
        ("docx", _zip_with({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})),
        ("zip-text", _zip_with({"readme.txt": b"hello"})),
        ("empty-zip", b"PK\x05\x06" + b"\0" * 18),
        ("json", b'{"Kode": "7.01.01", "Pagu": 1000}'),
        ("zip-magic-garbage", b"PK\x03\x04" + bytes(rng.randbytes(500))),
        ("cfb-garbage", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rng.randbytes(1000))),
        ("cfb-encrypted", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
         + "EncryptedPackage".encode("utf-16-le") + b"\0" * 500),
        ("ods-like", _zip_with({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                "content.xml": b"<office:document-content/>"})),
        ("one-byte", b"P"),
        ("nul", b"\0" * 4096),
        ("bom", b"\xef\xbb\xbf"),
        ("xml", b'<?xml version="1.0"?><workbook/>'),
        ("tar", b"isian.xlsx".ljust(100, b"\0") + b"0000644\0" + b"\0" * 400),
    ]


def d_truncate(st: State) -> None:
    frac = st.rng.random()
    st.log(f"truncate at {frac:.3f} of the file")
    st.post.append(lambda data: data[: int(len(data) * frac)])
    st.case.expect = "unreadable"


def d_zero_bytes(st: State) -> None:
    st.log("zero bytes")
    st.post.append(lambda data: b"")
    st.case.expect = "unreadable"
    st.case.filename = st.rng.choice(["isian.xlsx", "isian.XLSX", "isian.xlsm", "isian.ods",
                                      "isian.xls", "kosong.xlsx"])


def d_wrong_type(st: State) -> None:
    idx = st.rng.randrange(len(wrong_type_payloads(random.Random(0), b"")))
    sub = random.Random(st.rng.random())

    def apply(data: bytes) -> bytes:
        label, payload = wrong_type_payloads(sub, data)[idx]
        return payload

    st.log(f"wrong file type #{idx} ({wrong_type_payloads(random.Random(0), b'')[idx][0]})")
    st.post.append(apply)
    st.case.expect = "unreadable"
    st.case.filename = st.rng.choice(["isian.xlsx", "isian.xlsx", "laporan TW I.xlsx",
                                      "isian.xlsm", "isian.ods", "isian.xls"])


def d_bit_flip(st: State) -> None:
    n = st.rng.randint(1, 20)
    keep_magic = st.rng.random() < 0.8
    positions = [st.rng.random() for _ in range(n)]
    values = [st.rng.randrange(256) for _ in range(n)]
    st.log(f"flip {n} bytes (keep magic: {keep_magic})")

    def apply(data: bytes) -> bytes:
        buf = bytearray(data)
        lo = 4 if keep_magic else 0
        for p, v in zip(positions, values, strict=True):
            if len(buf) > lo:
                buf[lo + int(p * (len(buf) - lo))] = v
        return bytes(buf)

    st.post.append(apply)


# --- benign changes: the clean workbook must stay without any finding ------------------------


def b_shuffle(st: State) -> None:
    for ws in st.rng.sample(contract_sheets(st.wb), st.rng.randint(1, 3)):
        order = list(range(1, ws.max_column + 1))
        st.rng.shuffle(order)
        rewrite_columns(ws, order)
        st.log(f"benign: shuffle columns of {ws.title!r}: {order}")


def b_table_right(st: State) -> None:
    ws = st.rng.choice(contract_sheets(st.wb))
    k = st.rng.randint(1, 3)
    ws.insert_cols(1, k)
    st.log(f"benign: table of {ws.title!r} starts {k} columns to the right")


def b_title_rows(st: State) -> None:
    ws = st.rng.choice(contract_sheets(st.wb))
    k = st.rng.randint(1, 13)
    ws.insert_rows(1, k)
    set_cell(ws, 1, 1, "PEMERINTAH KABUPATEN LUMAJANG")
    st.log(f"benign: {k} more title rows above the header of {ws.title!r}")


def b_blank_rows(st: State) -> None:
    ws = st.rng.choice(contract_sheets(st.wb))
    hr = header_row(ws, contract_name(ws)) or 2
    r = st.rng.randint(hr + 1, ws.max_row)
    ws.insert_rows(r, st.rng.randint(1, 3))
    st.log(f"benign: blank rows in {ws.title!r} at row {r}")


def b_extra_column(st: State) -> None:
    ws = st.rng.choice(contract_sheets(st.wb))
    hr = header_row(ws, contract_name(ws)) or 2
    c = st.rng.randint(1, ws.max_column + 1)
    ws.insert_cols(c)
    set_cell(ws, hr, c, st.rng.choice(EXTRA_HEADERS))
    for r in range(hr + 1, ws.max_row + 1):
        set_cell(ws, r, c, st.rng.choice(["ok", 1, None, "#N/A", "=1/0", "abc"]))
    st.log(f"benign: extra column {c} in {ws.title!r}")


def b_blank_optional(st: State) -> None:
    """Empty strings and spaces where the clean book has empty optional cells."""
    spots = [("Realisasi", "A10"), ("Realisasi", "F10"), ("PK", "K3"), ("PK", "L3"),
             ("PK", "O3"), ("PK", "O4"), ("PK", "O5"), ("PK", "M4"), ("PK", "N5"),
             ("PK", "J4"), ("Fasilitasi", "E5"), ("Fasilitasi", "F3"), ("LPPDes", "F4"),
             ("Pegawai", "A4"), ("Identitas", "C3"), ("Realisasi", "G20"), ("PK", "A20")]
    for sheet, ref in st.rng.sample(spots, st.rng.randint(1, 6)):
        ws = _clean_sheet(st, sheet)
        if ws is None:
            continue
        value = st.rng.choice(SAFE_BLANKS)
        ws[ref].value = value
        st.log(f"benign: {sheet}!{ref} = {value!r}")


def _clean_sheet(st: State, name: str):
    for ws in st.wb.worksheets:
        if contract_name(ws) == name:
            return ws
    return None


def b_date_text(st: State) -> None:
    forms = {
        (2023, 1, 10): ["2023-01-10", "10/01/2023", "10 Januari 2023", "10 Jan 2023"],
        (2023, 1, 31): ["2023-01-31", "31/01/2023", "31 Januari 2023", "31 Jan 2023"],
        (2023, 3, 31): ["2023-03-31", "31/03/2023", "31 Maret 2023", "31 Mar 2023"],
        (2023, 1, 20): ["2023-01-20", "20/01/2023", "20 Januari 2023", "20 Jan 2023"],
    }
    spots = [("LPPDes", "E3", (2023, 1, 10)), ("LPPDes", "D3", (2023, 1, 31)),
             ("Identitas", "B12", (2023, 3, 31)), ("Fasilitasi", "E3", (2023, 1, 20))]
    for sheet, ref, ymd in st.rng.sample(spots, st.rng.randint(1, len(spots))):
        ws = _clean_sheet(st, sheet)
        text = st.rng.choice(forms[ymd])
        ws[ref].value = text
        st.log(f"benign: date as text {sheet}!{ref} = {text!r}")


def b_enum_synonyms(st: State) -> None:
    spots = [("Fasilitasi", "D3", ["Y", "V", "\u2713", "Sudah", "ya", "YA", " Ya "]),
             ("Fasilitasi", "D5", ["T", "Belum", "-", "tidak", "TIDAK"]),
             ("PK", "B4", ["Program", "sasaran program", "SASARAN PROGRAM"]),
             ("PK", "B3", ["Strategis", "Sasaran  Strategis"]),
             ("Identitas", "B6", ["1", 1, "i", " I "]),
             ("PK", "G4", ["naik", "NAIK"]),
             ("LPPDes", "C3", ["rkpdes", "RKP Des", "RKPDES"])]
    for sheet, ref, values in st.rng.sample(spots, st.rng.randint(1, len(spots))):
        ws = _clean_sheet(st, sheet)
        value = st.rng.choice(values)
        ws[ref].value = value
        st.log(f"benign: synonym {sheet}!{ref} = {value!r}")


def b_merge_same(st: State) -> None:
    """Merges over cells that hold the same value anyway (not amounts)."""
    spots = [("LPPDes", "D3:D4"), ("LPPDes", "D6:D7"), ("Pegawai", "H3:H5"),
             ("Realisasi", "F3:F9")]
    for sheet, ref in st.rng.sample(spots, st.rng.randint(1, 3)):
        ws = _clean_sheet(st, sheet)
        ws.merge_cells(ref)
        st.log(f"benign: merge {sheet}!{ref}")


def b_hidden(st: State) -> None:
    if st.rng.random() < 0.5:
        d_sheet_hidden(st)
    else:
        for ws in st.rng.sample(st.wb.worksheets, st.rng.randint(1, len(st.wb.worksheets))):
            for r in st.rng.sample(range(1, ws.max_row + 1), min(ws.max_row, 3)):
                ws.row_dimensions[r].hidden = True
            letter = openpyxl.utils.get_column_letter(st.rng.randint(1, ws.max_column))
            ws.column_dimensions[letter].hidden = True
            st.log(f"benign: hidden rows and column {letter} in {ws.title!r}")


def b_sheet_name_variant(st: State) -> None:
    ws = st.rng.choice(contract_sheets(st.wb))
    name = ws.title
    new = st.rng.choice([name.lower(), name.upper(), " " + name, name + "  ",
                         " ".join(name), name[:2] + " " + name[2:]])
    if safe_rename(st.wb, ws, new):
        st.log(f"benign: sheet {name!r} renamed {new!r}")


def b_header_variant(st: State) -> None:
    ws = st.rng.choice(contract_sheets(st.wb))
    contract = contract_name(ws)
    hr = header_row(ws, contract) or 2
    for c in range(1, ws.max_column + 1):
        old = ws.cell(hr, c).value
        if not isinstance(old, str) or st.rng.random() < 0.5:
            continue
        choices = [old.upper(), old.lower(), f" {old} ", f"{old}:", f"{old} (Rp)"]
        if old in ALIASES and contract in ("Realisasi", "PK", "LPPDes", "Pegawai"):
            choices += [a for a in ALIASES[old] if norm(a) not in
                        {norm(h) for h in COLUMNS[contract] if h != old}]
        new = st.rng.choice(choices)
        set_cell(ws, hr, c, new)
        st.log(f"benign: header {where(ws, hr, c)} {old!r} -> {new!r}")


def b_sheet_order(st: State) -> None:
    d_sheet_reorder(st)


def b_extra_sheet(st: State) -> None:
    ws = st.wb.create_sheet(st.rng.choice(["Catatan", "Sheet1", "Lampiran", "Rekap Lama"]),
                            st.rng.randint(0, len(st.wb.worksheets)))
    ws["A1"] = "bukan bagian kontrak"
    ws["B2"] = "=1/0"
    ws["C3"] = "Kode"
    ws["D3"] = "Pagu"
    st.log(f"benign: extra sheet {ws.title!r}")


def b_signature(st: State) -> None:
    ws = st.rng.choice([w for w in contract_sheets(st.wb) if contract_name(w) != "Identitas"])
    hr = header_row(ws, contract_name(ws)) or 2
    cols = column_map(ws, contract_name(ws), hr)
    c = cols.get(st.rng.choice(list(cols)))
    r = ws.max_row + st.rng.randint(1, 3)
    for i, text in enumerate(["Mengetahui,", "Camat Tempursari", "", B.HEAD_NAME]):
        set_cell(ws, r + i, c, text or None)
    st.log(f"benign: signature block under {ws.title!r} in column {c}")


def b_identity_extra(st: State) -> None:
    ws = _clean_sheet(st, "Identitas")
    r = ws.max_row + 1
    set_cell(ws, r, 1, st.rng.choice(["Alamat Kantor", "Catatan", "Kode Pos"]))
    set_cell(ws, r, 2, st.rng.choice(["Jl. Raya 1", 67375, "=1/0"]))
    if st.rng.random() < 0.5:
        ws["A5"] = st.rng.choice(["TAHUN ANGGARAN:", "tahun anggaran", "Tahun  Anggaran"])
    st.log("benign: extra Identitas row / label variant")


BENIGN_STRUCTURE = [b_title_rows, b_blank_rows, b_extra_column, b_table_right]
BENIGN_CELLS = [b_blank_optional, b_date_text, b_enum_synonyms, b_merge_same, b_signature,
                b_identity_extra]
BENIGN_COSMETIC = [b_shuffle, b_hidden, b_sheet_name_variant, b_header_variant, b_sheet_order,
                   b_extra_sheet]


def benign(st: State) -> None:
    """1 to 4 changes the contract says are harmless, on the clean workbook."""
    # cells first (they name clean-book addresses), then structure, then looks
    groups = [BENIGN_CELLS, BENIGN_STRUCTURE, BENIGN_COSMETIC]
    chosen = [(g, f) for g in groups for f in g if st.rng.random() < 0.25]
    if not chosen:
        chosen = [(BENIGN_COSMETIC, st.rng.choice(BENIGN_COSMETIC))]
    if any(g is BENIGN_STRUCTURE for g, _ in chosen):
        # openpyxl does not move merged ranges when rows or columns are inserted
        chosen = [(g, f) for g, f in chosen if f is not b_merge_same]
    for _, f in chosen:
        f(st)


# --- the catalogue --------------------------------------------------------------------------

WORKBOOK_DAMAGE: dict[str, Callable[[State], None]] = {
    "sheet_delete": d_sheet_delete,
    "sheet_rename": d_sheet_rename,
    "sheet_duplicate": d_sheet_duplicate,
    "sheet_hidden": d_sheet_hidden,
    "sheet_reorder": d_sheet_reorder,
    "header_delete": d_header_delete,
    "header_rename": d_header_rename,
    "header_move": d_header_move,
    "columns_shuffle": d_columns_shuffle,
    "column_delete": d_column_delete,
    "rows": d_rows,
    "hidden_rows": d_hidden_rows,
    "merged_cells": d_merge,
    "amount_text": d_amount_text,
    "number_extreme": d_number_extreme,
    "code_20_digits": d_code_20,
    "blank_vs_spaces": d_blank,
    "date_text": d_date_text,
    "formula_no_value": d_formula,
    "error_values": d_errors,
    "garbage_text": d_garbage,
    "enum_values": d_enum,
    "random_cells": d_random_cells,
    "stray_value": d_far_but_safe,
    "identity_rows": d_identity_rows,
}
FILE_DAMAGE: dict[str, Callable[[State], None]] = {
    "xml_cell": d_xml_cell,
    "xml_sheet": d_xml_sheet,
    "zip_member": d_zip_member,
    "truncated_zip": d_truncate,
    "zero_bytes": d_zero_bytes,
    "wrong_type": d_wrong_type,
    "bit_flip": d_bit_flip,
}
OTHER = ["benign", "other_format"]
KINDS: list[str] = list(WORKBOOK_DAMAGE) + list(FILE_DAMAGE) + OTHER

# The damage listed in issue 5, and the kinds that produce it (a test checks the mapping).
ISSUE_DAMAGE = {
    "deleted/renamed sheets": ["sheet_delete", "sheet_rename", "sheet_duplicate"],
    "deleted/renamed headers": ["header_delete", "header_rename", "header_move"],
    "shuffled columns": ["columns_shuffle"],
    "merged cells": ["merged_cells"],
    "text in amount cells": ["amount_text"],
    "huge and negative numbers": ["number_extreme"],
    "20-digit codes": ["code_20_digits"],
    "empty strings vs spaces": ["blank_vs_spaces"],
    "dates as text in every form": ["date_text"],
    "formulas without cached values": ["formula_no_value"],
    "hidden rows and sheets": ["hidden_rows", "sheet_hidden"],
    "truncated zip": ["truncated_zip"],
    "wrong file type with an .xlsx name": ["wrong_type"],
    "zero-byte files": ["zero_bytes"],
}


def kind_of(seed: int) -> str:
    return KINDS[seed % len(KINDS)]


# --- writing --------------------------------------------------------------------------------


def save_openpyxl(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def save_xlsxwriter(wb: Workbook) -> bytes:
    """Write `wb` again with xlsxwriter (shared strings, its own XML), keeping values,
    number formats, merges, hidden rows, columns and sheets, and formulas without values."""
    import xlsxwriter

    buf = io.BytesIO()
    out = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False,
                                    "strings_to_formulas": False, "strings_to_urls": False,
                                    "nan_inf_to_errors": True})
    formats: dict[str, Any] = {}

    def fmt(code: str | None):
        if not code or code == "General":
            return None
        if code not in formats:
            formats[code] = out.add_format({"num_format": code})
        return formats[code]

    def write(o, r: int, c: int, cell) -> None:
        v = cell.value
        f = fmt(cell.number_format)
        if v is None:
            return
        if cell.data_type == "f":
            o.write_formula(r, c, str(v), f, "")
        elif cell.data_type == "e":
            o.write_formula(r, c, "=NA()", f, str(v))
        elif isinstance(v, bool):
            o.write_boolean(r, c, v, f)
        elif isinstance(v, (int, float)):
            if isinstance(v, int) and abs(v) > 2**63:
                o.write_string(r, c, str(v), f)
            else:
                o.write_number(r, c, v, f)
        elif isinstance(v, (dt.datetime, dt.date, dt.time)):
            o.write_datetime(r, c, v, f or fmt("yyyy-mm-dd"))
        else:
            o.write_string(r, c, str(v), f)

    first_visible = None
    sheets = []
    for i, ws in enumerate(wb.worksheets):
        o = out.add_worksheet(ws.title)
        sheets.append((ws, o))
        if ws.sheet_state == "visible" and first_visible is None:
            first_visible = i
    if first_visible is not None:
        sheets[first_visible][1].activate()
    for ws, o in sheets:
        anchors = set()
        for m in ws.merged_cells.ranges:
            try:
                o.merge_range(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1, "")
            except Exception:  # overlapping or single-cell ranges: keep the values only
                continue
            anchors.add((m.min_row, m.min_col))
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell, MergedCell):
                    continue
                write(o, cell.row - 1, cell.column - 1, cell)
        for r, dim in ws.row_dimensions.items():
            if dim.hidden:
                o.set_row(r - 1, None, None, {"hidden": True})
        for _letter, dim in ws.column_dimensions.items():
            if dim.hidden and dim.min and dim.max:
                o.set_column(dim.min - 1, dim.max - 1, None, None, {"hidden": True})
        if ws.sheet_state == "hidden":
            o.hide()
        elif ws.sheet_state == "veryHidden":
            o.very_hidden()
    out.close()
    return buf.getvalue()


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def normalize(data: bytes) -> bytes:
    """The same workbook always gives the same bytes: fixed zip and document timestamps
    (so a damage aimed at a byte offset hits the same byte on every run)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _STAMP.sub(rb"\g<1>2023-04-01T00:00:00Z\g<2>", blob)
            fixed = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, blob)
    return out.getvalue()


def serialize(st: State) -> bytes:
    if st.case.writer == "xlsxwriter":
        try:
            return normalize(save_xlsxwriter(st.wb))
        except Exception as exc:  # a name or value xlsxwriter refuses: openpyxl writes it
            st.log(f"xlsxwriter refused ({type(exc).__name__}: {exc}); written by openpyxl")
            st.case.writer = "openpyxl"
    return normalize(save_openpyxl(st.wb))


# --- one case ------------------------------------------------------------------------------


def make_case(seed: int) -> Case:
    """The damaged workbook of `seed` (deterministic: same seed, same bytes)."""
    rng = random.Random(seed)
    kind = kind_of(seed)
    case = Case(seed, kind)
    if kind == "other_format":
        return _other_format(rng, case)
    if kind == "benign":
        case.base = "clean"
        case.expect = "clean"
    else:
        case.base = rng.choice(["clean", "clean", "sample", "sample", "template",
                                "template-empty"])
    case.writer = rng.choice(["openpyxl", "openpyxl", "xlsxwriter"])
    if (kind in FILE_DAMAGE and kind != "xml_cell" and rng.random() < 0.3
            and case.base in ("sample", "template")):
        # damage the original file, as written by its own writer (shared strings)
        case.writer = "original"
        case.data = sample_bytes() if case.base == "sample" else template_bytes()
        st = State(rng, None, case)  # type: ignore[arg-type]
        FILE_DAMAGE[kind](st)
        for post in st.post:
            case.data = post(case.data)
        return case
    wb = load_base(case.base)
    st = State(rng, wb, case)
    if kind == "benign":
        benign(st)
    elif kind in WORKBOOK_DAMAGE:
        WORKBOOK_DAMAGE[kind](st)
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        if kind == "benign":
            break
        extra = rng.choice(list(WORKBOOK_DAMAGE))
        WORKBOOK_DAMAGE[extra](st)
    if kind in FILE_DAMAGE:
        FILE_DAMAGE[kind](st)
    if st.post and case.writer == "xlsxwriter" and kind == "xml_cell":
        case.writer = "openpyxl"  # the marker regex knows openpyxl's cell XML best
    case.data = serialize(st)
    # the names stay known unless the zip or the bytes were damaged
    case.sheetnames = list(wb.sheetnames) if kind not in FILE_DAMAGE or kind.startswith("xml") \
        else None
    for post in st.post:
        case.data = post(case.data)
    if rng.random() < 0.1 and case.expect is None:
        case.filename = rng.choice(["Laporan TW I (final) \u00e9.xlsx", "ISIAN.XLSX",
                                    "isian.xlsm", "isian"])
    return case


def _other_format(rng: random.Random, case: Case) -> Case:
    """The .ods and .xls fixtures and the encrypted workbook, renamed and/or damaged."""
    src = rng.choice(["tempursari.ods", "tempursari.xls", "terkunci.xlsx"])
    case.base = src
    case.writer = "original"
    data = (DATA / src).read_bytes()
    case.filename = rng.choice(["isian.xlsx", src, "isian.xlsm", "isian.ods", "isian.xls"])
    op = rng.choice(["as-is", "as-is", "truncate", "bit_flip", "zip_member"])
    case.steps.append(f"{src} named {case.filename}: {op}")
    if op == "as-is":
        case.expect = "unreadable" if src == "terkunci.xlsx" else "readable"
    elif op == "truncate":
        data = data[: int(len(data) * rng.random())]
        case.expect = "unreadable" if src.endswith(".ods") else None
    else:
        st = State(rng, None, case)  # type: ignore[arg-type]
        (d_bit_flip if op == "bit_flip" else d_zip_member)(st)
        for post in st.post:
            data = post(data)
        if not src.endswith(".ods"):
            case.expect = None  # zip damage does not apply to a CFB file; its result is open
    case.data = data
    return case


def encrypted_flag(data: bytes) -> bytes:
    """Set the "encrypted" bit of every zip entry (a password-protected zip named .xlsx)."""
    buf = bytearray(data)
    for sig, offset in ((b"PK\x01\x02", 8), (b"PK\x03\x04", 6)):
        i = buf.find(sig)
        while i >= 0:
            buf[i + offset] |= 1
            i = buf.find(sig, i + 4)
    return bytes(buf)
