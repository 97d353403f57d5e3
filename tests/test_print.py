"""The printed LKj and Rekap (output.md "Form", sheet 11 Angka Diganti, "The batch"): what a
head of office and an auditor read on paper. The PDF tests convert with LibreOffice, as an
office would print, and read the pages back with poppler's pdftotext."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import openpyxl
import pytest

from lkj_excel.batch import run_batch
from lkj_excel.pipeline import check_source
from lkj_excel.settings import Settings
from lkj_excel.single import process_one
from lkj_excel.write.workbook import write_lkj

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
RUN_TIME = dt.datetime(2023, 4, 10, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
# a word's box in pdftotext -bbox is ~1.30 x the font size (Liberation Sans, measured)
BOX_PER_PT = 1.30


@pytest.fixture(scope="module")
def sample_lkj(tmp_path_factory):
    out = tmp_path_factory.mktemp("print")
    rep = process_one(SAMPLE, str(SAMPLE), out, Settings(), RUN_TIME)
    return rep, Path(rep.output)


# --- Angka Diganti -------------------------------------------------------------------------------

def test_angka_diganti_lists_every_replaced_figure(sample_lkj):
    rep, path = sample_lkj
    ws = openpyxl.load_workbook(path)["Angka Diganti"]
    wv = openpyxl.load_workbook(path, data_only=True)["Angka Diganti"]
    assert [c.value for c in ws[4]] == ["Sheet", "Sel (input)", "Kode", "Tertulis", "Dipakai",
                                        "Selisih", "Sebab"]
    rows = [[c.value for c in r] for r in wv.iter_rows(min_row=5, max_row=10)]
    assert [r[:3] for r in rows] == [
        ["PK", "I3", None], ["PK", "I4", None], ["Realisasi", "C3", "7.01.01"],
        ["Realisasi", "E3", "7.01.01"], ["Realisasi", "C48", "7.01.06.2.01"],
        ["Realisasi", "E48", "7.01.06.2.01"]]
    # Sisa of 7.01.01: typed Rp 1.302.711.890, shown 1.307.825.105 (the example)
    assert rows[3][3:] == [1302711890, 1307825105, -5113215, "dihitung ulang"]
    assert rows[2][3:] == [1587606347, 1592719562, -5113215, "budget.sum_pagu"]
    assert rows[0][3] == pytest.approx(0.49) and rows[0][4] == pytest.approx(30 / 63)
    assert rows[0][6] == "pk.derived_mismatch"
    # Dipakai is the cell that shows the figure, Selisih a live formula
    assert ws["E7"].value.startswith("='Realisasi Anggaran'!C")
    assert ws["E5"].value.startswith("='Capaian Kinerja'!F")  # TW I: F is Realisasi
    assert ws["F7"].value == "=D7-E7"
    assert wv.max_row == 12  # six rows, a blank row and the note


def test_every_highlighted_figure_is_listed_in_angka_diganti(sample_lkj):
    """What the comments carry, the paper copy carries: each highlighted figure with a
    'Tertulis' comment on any sheet appears in Angka Diganti with the same typed figure."""
    _rep, path = sample_lkj
    wb = openpyxl.load_workbook(path, data_only=True)
    listed = {(r[0].value, r[1].value) for r in wb["Angka Diganti"].iter_rows(min_row=5)
              if r[1].value}
    comments = [(ws.title, c.coordinate, c.comment.text) for ws in wb.worksheets
                for row in ws.iter_rows() for c in row
                if c.comment is not None and c.comment.text.startswith("Tertulis")]
    assert len(comments) >= 5
    typed_amounts = {int(m.replace(".", "")) for *_x, t in comments
                     for m in re.findall(r"Rp ([\d.]+)", t)}
    wv = wb["Angka Diganti"]
    tertulis = {r[3].value for r in wv.iter_rows(min_row=5) if r[1].value}
    assert typed_amounts <= {v for v in tertulis if isinstance(v, int)}
    ck = [c for c in comments if c[0] == "Capaian Kinerja"]
    assert [c[2] for c in ck] == ["Tertulis di PK 49%; pk.derived_mismatch", "Tertulis di PK 33%"]
    assert ("PK", "I3") in listed and ("PK", "I4") in listed


def test_angka_diganti_without_replacements_says_so(tmp_path):
    from builders import clean_book, run

    rep = run(clean_book(), tmp_path)
    path = write_lkj(rep, Settings(), tmp_path / "lkj.xlsx", RUN_TIME)
    ws = openpyxl.load_workbook(path, data_only=True)["Angka Diganti"]
    assert ws["A5"].value.startswith("Tidak ada angka yang diganti")


# --- form ------------------------------------------------------------------------------------------

def test_no_is_a_number_on_every_sheet(sample_lkj):
    _rep, path = sample_lkj
    wb = openpyxl.load_workbook(path, data_only=True)
    for name in ("Perjanjian Kinerja", "Capaian Kinerja", "Perbandingan", "Cost per Outcome",
                 "Fasilitasi", "Dokumen Desa", "Pegawai", "Rekonsiliasi"):
        ws = wb[name]
        nos = [c.value for c in ws["A"] if isinstance(c.value, int)]
        assert nos and nos[0] == 1, (name, nos)
        texts = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.isdigit()]
        assert not texts, (name, texts)


def test_dates_carry_the_indonesian_locale(sample_lkj, tmp_path):
    _rep, path = sample_lkj
    wb = openpyxl.load_workbook(path)
    formats = {c.number_format for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if getattr(c, "is_date", False)}
    assert formats == {"[$-421]d mmmm yyyy", "[$-421]d mmmm yyyy hh:mm:ss"}
    box = tmp_path / "in"
    box.mkdir()
    shutil.copy(SAMPLE, box / "a.xlsx")
    res = run_batch([str(box)], tmp_path / "out", Settings(), 1)
    rekap = openpyxl.load_workbook(res.rekap)
    assert all(c.number_format.startswith("[$-421]") for ws in rekap.worksheets
               for row in ws.iter_rows() for c in row if getattr(c, "is_date", False))


def test_rekap_leaves_out_empty_columns_and_fits_a_page(tmp_path):
    box = tmp_path / "in"
    box.mkdir()
    shutil.copy(SAMPLE, box / "kecamatan-tempursari-triwulan-pertama-tahun-2023.xlsx")
    res = run_batch([str(box)], tmp_path / "out", Settings(), 1)
    wb = openpyxl.load_workbook(res.rekap)
    head = [c.value for c in wb["Rekap"][4]]
    assert "Pengirim" not in head and "Tanggal Kirim" not in head  # nothing came by e-mail
    assert head[:3] == ["File", "Perangkat Daerah", "Tahun"]
    ws = wb["Rekap"]
    assert ws["A5"].alignment.wrap_text  # long file names wrap
    assert ws.row_dimensions[5].height and ws.row_dimensions[5].height > 20
    for sheet in wb.worksheets:
        assert sheet.page_setup.fitToWidth in (None, 1), sheet.title
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9


# --- the printed pages (LibreOffice) -------------------------------------------------------------------

def _pdf(xlsx: Path, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and poppler-utils are needed to print")
    profile = out / f"lo-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
                   capture_output=True, text=True, timeout=180, check=True)
    return out / (xlsx.stem + ".pdf")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60, check=True).stdout
    return text.split("\f")[:-1]


def _smallest_words(pdf: Path) -> list[tuple[float, str, int]]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    out = []
    for n, page in enumerate(html.split("<page ")[1:], 1):
        for y0, y1, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<',
                                       page):
            out.append(((float(y1) - float(y0)) / BOX_PER_PT, word, n))
    return sorted(out)[:5]


@pytest.fixture(scope="module")
def printed(sample_lkj, tmp_path_factory):
    _rep, path = sample_lkj
    return _pages(_pdf(path, tmp_path_factory.mktemp("pdf"))), path


def page_of(pages: list[str], text: str, after: int = 0) -> int:
    for i, p in enumerate(pages[after:], after):
        if text in re.sub(r"\s+", " ", p):
            return i
    raise AssertionError(f"{text!r} not printed")


def test_printed_lkj_text_is_never_small_or_cut(printed, sample_lkj, tmp_path):
    pages, path = printed
    assert 15 <= len(pages) <= 30
    assert not [i for i, p in enumerate(pages) if "…" in p or "###" in p]
    pdf = next(tmp_path.parent.glob("pdf*/*.pdf"), None) or _pdf(path, tmp_path)
    smallest = _smallest_words(pdf)
    assert smallest[0][0] >= 8.0 - 0.15, smallest  # no text below 8 pt (box rounding)
    # month names in Indonesian whatever the computer's language
    assert "31 Maret 2023" in "".join(pages)
    assert not re.search(r"\b(March|February)\b", "".join(pages))


def test_printed_lkj_keeps_each_table_on_one_page(printed):
    pages, _path = printed
    # Perjanjian Kinerja: each level with its budget table, whole
    for band, last in (("2. Sasaran Program", "Total"),
                       ("3. Sasaran Kegiatan: Sekretaris Kecamatan", "Jumlah"),
                       ("4. Sasaran Kegiatan: Kasi Pelayanan Umum", "Jumlah")):
        p = page_of(pages, band, page_of(pages, "PERJANJIAN KINERJA"))
        assert last in pages[p].split(band, 1)[1], band
    # Capaian Kinerja: each table with its capaian rata-rata
    ck = page_of(pages, "CAPAIAN KINERJA")
    for band in ("1. Sasaran Strategis", "2. Sasaran Program", "3. Sasaran Kegiatan",
                 "4. Sasaran Kegiatan"):
        p = page_of(pages, band, ck)
        assert "Capaian rata-rata" in pages[p].split(band, 1)[1], band
    # the counts under the lists: never split, never alone with a stray row of the list
    for head, last in (("Jenis Jumlah", "Persentase"), ("Dokumen Tepat Waktu", "Ketiga dokumen"),
                       ("Status Jumlah", "Jumlah pegawai")):
        p = page_of(pages, head)
        assert last in pages[p], head
    peg = page_of(pages, "DATA PEGAWAI")
    assert page_of(pages, "Jumlah pegawai", peg) == peg  # 26 staff and the counts fit one page


def test_printed_headers_stand_only_over_their_own_table(printed):
    pages, _path = printed
    pk = [p for p in pages if "Perjanjian Kinerja" in p.splitlines()[-1]]
    for p in pk:  # a page of Perjanjian Kinerja starts with a table's own heading
        body = [ln.strip() for ln in p.splitlines() if ln.strip()]
        first = next(ln for ln in body if not ln.startswith(("PERJANJIAN", "Kecamatan",
                                                             "Triwulan")))
        assert re.match(r"\d\. Sasaran", first), first
    ring = [p for p in pages if "Ringkasan" in p.splitlines()[-1]]
    for p in ring[1:]:  # the chart pages carry no Uraian/Nilai/Keterangan header
        assert "Keterangan" not in p


def test_printed_rekap_is_readable(tmp_path):
    box = tmp_path / "in"
    box.mkdir()
    for i in range(3):
        shutil.copy(SAMPLE, box / f"kecamatan-dengan-nama-berkas-yang-panjang-{i}.xlsx")
    res = run_batch([str(box)], tmp_path / "out", Settings(), 1)
    pdf = _pdf(res.rekap, tmp_path)
    assert _smallest_words(pdf)[0][0] >= 8.0 - 0.15
    pages = _pages(pdf)
    assert "kecamatan-dengan-nama-berkas-yang-panjang-2.xlsx".replace("-", "") in \
        re.sub(r"[\s-]", "", "".join(pages))


def test_check_source_gives_the_same_findings_as_before_printing():
    """Printing changes nothing of the findings (the sample's)."""
    rep = check_source(SAMPLE, str(SAMPLE))
    assert (rep.errors, rep.warnings) == (7, 20)
