"""The LKj document (.docx, document.md): written beside the workbook from the same tables,
every figure the one the workbook shows (compared cell by cell with the workbook's cached
values, formatted independently), placeholders the only invented text, the DRAF header in
every header of every section while errors remain, fields with stored results, Word's
heading styles, page numbers, the budget table in a landscape section."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import clean_book, save
from docx.enum.section import WD_ORIENT
from docx_read import (
    W,
    all_text,
    body_root,
    find_tables,
    indonesian,
    open_docx,
    part_xml,
    runs,
    sheet_rows,
)

from lkj_excel.api import process
from lkj_excel.settings import Settings
from lkj_excel.tables import build
from lkj_excel.write.document import numbers as N

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
RUN_TIME = dt.datetime(2024, 4, 5, 6, 7, 8)
DRAF = "DRAF — 7 kesalahan belum diperbaiki"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample processed with the document: (report, workbook path, document path)."""
    folder = tmp_path_factory.mktemp("dokumen")
    src = folder / "tempursari-2023-tw1.xlsx"
    shutil.copy(SAMPLE, src)
    rep = process(src, None, None, RUN_TIME, dokumen=True)
    return rep, Path(rep.output), Path(rep.document)


@pytest.fixture(scope="module")
def doc(sample):
    return open_docx(sample[2])


# --- where it goes ---------------------------------------------------------------------------

def test_written_beside_the_workbook_named_after_it(sample, tmp_path):
    rep, xlsx, docx_path = sample
    assert docx_path == xlsx.with_suffix(".docx")
    assert docx_path.name == "LKj-Kecamatan-Tempursari-2023-TW1.docx"
    rep2 = process(SAMPLE, tmp_path / "laporan.xlsx", None, RUN_TIME, dokumen=True)
    assert Path(rep2.document) == tmp_path / "laporan.docx" and Path(rep2.document).is_file()
    assert rep2.to_json()["document"] == str(tmp_path / "laporan.docx")
    assert not list(tmp_path.glob(".*.tmp"))


def test_without_dokumen_no_document_and_the_json_is_unchanged(tmp_path):
    rep = process(SAMPLE, tmp_path / "laporan.xlsx", None, RUN_TIME)
    assert rep.document is None and "document" not in rep.to_json()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.xlsx"]


# --- every figure is the workbook's -------------------------------------------------------------

def _block(rows: list[list[str]], header: list[str]) -> list[list[list[str]]]:
    """The tables of a workbook sheet under each `header` row, up to a blank row or a band."""
    out = []
    for i, row in enumerate(rows):
        if row[:len(header)] == header:
            body = []
            for r in rows[i + 1:]:
                if not any(r) or (r[0] and not any(r[1:])):
                    break
                body.append(r)
            out.append(body)
    return out


def test_bab3_b_budget_figures_are_the_workbooks_cells(sample, doc):
    _rep, xlsx, _d = sample
    (wb_rows,) = _block(sheet_rows(xlsx, "Realisasi Anggaran"),
                        ["Kode", "Uraian", "Pagu", "Realisasi", "Sisa", "Serapan"])
    (doc_rows,) = find_tables(doc, ["Kode", "Uraian", "Pagu (Rp)", "Realisasi (Rp)", "Sisa (Rp)",
                                    "Serapan"])
    wb_rows = [r[:6] for r in wb_rows]
    assert len(wb_rows) == 49
    assert doc_rows[1:] == wb_rows  # every code, name, amount and percentage, row by row
    assert ["", "JUMLAH", "1.913.315.062", "328.094.457", "1.585.220.605", "17,15%"] in doc_rows


CAPAIAN_TW_HEADER = ["No", "Sasaran", "Indikator", "Target TW I", "Target Tahunan", "Realisasi",
                     "Capaian terhadap target triwulan", "Capaian terhadap target tahunan",
                     "Predikat"]


def test_bab3_a1_capaian_figures_are_the_workbooks_cells(sample, doc):
    _rep, xlsx, _d = sample
    header = CAPAIAN_TW_HEADER
    wb_tables = _block(sheet_rows(xlsx, "Capaian Kinerja"), header)
    doc_tables = find_tables(doc, header)
    assert len(doc_tables) == len(wb_tables) == 4
    compared = 0
    for wb_t, doc_t in zip(wb_tables, doc_tables, strict=True):
        body = doc_t[1:]
        assert len(body) == len(wb_t)
        for w, d in zip(wb_t, body, strict=True):
            if w[0] == "Capaian rata-rata":
                assert d[0] == "Capaian rata-rata" and d[6:10] == w[6:10]
            else:
                assert d[2:10] == w[2:10]  # indicator, targets, realisasi, capaian, predikat, ket.
            compared += 1
    assert compared == 21  # 17 indicators, 4 means
    # TW I without quarter targets: the annual mean, labelled, and no predikat anywhere
    assert ["", "44,97%", "target triwulan tidak diisi",
            "rata-rata 2 dari 2 indikator terhadap target tahunan"] in [
        r[6:10] for t in doc_tables for r in t]
    assert not [r for t in doc_tables for r in t if "Rendah" in " ".join(r)]


def test_generated_sentences_state_the_workbooks_figures(sample, doc):
    _rep, xlsx, _d = sample
    ringkasan = {r[1]: r[2:] for r in sheet_rows(xlsx, "Ringkasan") if len(r) > 2 and r[1]}
    cap = ringkasan["Capaian rata-rata sasaran strategis"]
    assert cap[:3] == ["44,97%", "target triwulan tidak diisi",
                       "rata-rata 2 dari 2 indikator terhadap target tahunan"]
    pagu = ringkasan["Jumlah pagu anggaran (Rp)"][0]
    real = ringkasan["Jumlah realisasi anggaran (Rp)"][0]
    serapan = ringkasan["Serapan anggaran"][0]
    text = "\n".join(p.text for p in doc.paragraphs)
    # no predikat: the sample's TW I has no quarter targets (archive.md)
    assert ("Capaian rata-rata sasaran strategis Kecamatan Tempursari Triwulan I Tahun 2023 "
            f"{cap[0]} ({cap[2]}).") in text
    assert f"Serapan anggaran {serapan}: realisasi Rp {real} dari pagu Rp {pagu}." in text
    assert ("Capaian rata-rata Sasaran Strategis 44,97% (rata-rata 2 dari 2 indikator "
            "terhadap target tahunan).") in text
    assert ", predikat " not in text  # no sentence gives a mean a predikat
    assert "Indikator tanpa target triwulan tidak diberi predikat." in text
    assert "di bawah target triwulan" not in text  # no indicator has a quarter target
    assert "30 dari 63 item fasilitasi ditindaklanjuti (47,62%)." in text
    assert "Jumlah pegawai 26 orang: 10 PNS, 0 PPPK, 8 Non PNS, 8 Pendamping." in text
    assert "Efisiensi (cost per outcome) dihitung dengan metode selisih" in text
    for figure in re.findall(r"\d[\d.]*,\d\d%|Rp [\d.]+", text):
        assert figure.replace("Rp ", "") in all_text(doc)  # no figure the tables lack


def test_rounding_is_half_up_as_excel_shows_it():
    """Python's formatting rounds the binary value half to even; Excel shows half up."""
    assert f"{0.00125 * 100:.2f}" == "0.12"  # what a naive writer would print
    assert N.percent(0.00125) == "0,13%"
    assert N.percent(0.5444999999999999) == "54,45%"  # Excel reads 15 digits: 0.5445
    assert N.ratio(0.125) == "0,13" and N.ratio(-0.125) == "-0,13"
    assert N.amount(159_271_956_200) == "1.592.719.562"
    assert N.amount(123_450) == "1.234,50" and N.amount(-5) == "-0,05"
    assert N.rupiah(159_271_956_200) == "Rp 1.592.719.562"
    assert N.general(55.55) == "55,55" and N.general(6.0) == "6"
    assert N.shown(dt.date(2023, 3, 31), "date") == "31 Maret 2023"
    assert N.shown(65, "unit:Nilai") == "65 Nilai"
    assert N.percent(0.0) == N.percent(-0.0) == "0,00%"


def test_a_capaian_of_0_125_percent_prints_0_13_in_the_document_and_the_workbook(tmp_path):
    wb = clean_book()
    ws = wb["PK"]
    ws["F5"], ws["H5"], ws["I5"] = "dokumen", 800, 1  # capaian 1 ÷ 800 = 0,00125
    rep = process(save(wb, tmp_path), tmp_path / "out.xlsx", None, RUN_TIME, dokumen=True)
    header = CAPAIAN_TW_HEADER
    wb_rows = [r for t in _block(sheet_rows(Path(rep.output), "Capaian Kinerja"), header)
               for r in t]
    row = next(r for r in wb_rows if r[4] == "800 dokumen")
    assert row[5:8] == ["1 dokumen", "", "0,13%"]
    doc_rows = [r for t in find_tables(open_docx(Path(rep.document)), header) for r in t]
    assert next(r for r in doc_rows if r[4] == "800 dokumen")[5:8] == ["1 dokumen", "", "0,13%"]
    # the unit row (Satuan `Nilai`) as General with its unit, as in the workbook
    nilai = next(r for r in doc_rows if r[2] == "Nilai SAKIP kecamatan")
    assert nilai[4:6] == ["70 Nilai", "65 Nilai"]
    assert nilai[4:6] == next(r for r in wb_rows if r[2] == "Nilai SAKIP kecamatan")[4:6]


def test_formatter_of_the_tests_agrees_on_formats():
    assert indonesian(0.00125, "0.00%") == "0,13%"
    assert indonesian(1592719562, "#,##0") == "1.592.719.562"
    assert indonesian(1234.5, "#,##0.00") == "1.234,50"


# --- placeholders and generated text -------------------------------------------------------------

def test_placeholders_are_the_only_highlighted_text(sample):
    _rep, _x, path = sample
    highlighted = [t for t, hl in runs(path) if hl]
    assert len(highlighted) >= 10
    for text in highlighted:
        assert re.fullmatch(r"\[[^\[\]]+\]", text), text
    for text, hl in runs(path):
        if text.startswith("[") and text.endswith("]"):
            assert hl, text  # every bracketed note is a visible placeholder
    assert "[Uraikan penyebab keberhasilan atau kegagalan, peningkatan atau penurunan kinerja, " \
           "serta alternatif solusi yang telah dilakukan]" in highlighted


def test_headers_say_draf_in_every_section_while_errors_remain(sample, doc):
    rep, _x, path = sample
    assert rep.errors == 7
    sections = list(doc.sections)
    assert len(sections) == 3
    for s in sections:
        for hdr in (s.header, s.first_page_header, s.even_page_header):
            assert not hdr.is_linked_to_previous
            assert DRAF in [p.text for p in hdr.paragraphs]
    # every section's properties name all three headers (none inherits a blank one)
    for sect in body_root(path).iter(f"{W}sectPr"):
        kinds = {r.get(f"{W}type") for r in sect.findall(f"{W}headerReference")}
        assert kinds == {"default", "first", "even"}


def test_no_draf_without_errors(tmp_path):
    rep = process(save(clean_book(), tmp_path), tmp_path / "out.xlsx", None, RUN_TIME,
                  dokumen=True)
    assert rep.errors == 0
    import zipfile

    with zipfile.ZipFile(rep.document) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert "DRAF" not in z.read(name).decode("utf-8"), name


# --- structure ------------------------------------------------------------------------------------

def test_a4_portrait_with_the_budget_in_a_landscape_section(sample, doc):
    portrait, landscape, last = doc.sections
    for s in (portrait, last):
        assert s.orientation == WD_ORIENT.PORTRAIT
        assert (round(s.page_width.cm, 1), round(s.page_height.cm, 1)) == (21.0, 29.7)
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert (round(landscape.page_width.cm, 1), round(landscape.page_height.cm, 1)) == (29.7, 21.0)
    # the budget table lies between the first and the second section break
    body = body_root(sample[2]).find(f"{W}body")
    section, where = 0, {}
    for el in body:
        if el.tag == f"{W}p" and el.find(f"{W}pPr/{W}sectPr") is not None:
            section += 1
        if el.tag == f"{W}tbl":
            first = "".join(t.text or "" for t in el.find(f"{W}tr").iter(f"{W}t"))
            where.setdefault(first, section)
    assert where["KodeUraianPagu (Rp)Realisasi (Rp)Sisa (Rp)Serapan"] == 1
    assert where["StatusJumlah"] == 0


def test_a6_lists_the_programs_and_kegiatan(sample, doc):
    budget = build(sample[0], Settings()).realisasi_anggaran
    expected = [[r.cells[0].value, r.cells[1].value] for r in budget.rows
                if r.role == "data" and r.level <= 2]
    (listed,) = [t for t in find_tables(doc, ["Kode", "Uraian"]) if len(t[0]) == 2]
    assert listed[1:] == expected and len(expected) == 18  # 6 programs, 12 kegiatan
    assert all(len(k.split(".")) <= 5 for k, _u in listed[1:])  # no sub kegiatan


def test_headings_are_words_built_in_styles(doc):
    heads = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "BAB I PENDAHULUAN") in heads
    assert ("Heading 1", "BAB IV PENUTUP") in heads
    assert ("Heading 2", "B. Realisasi Anggaran") in heads
    assert ("Heading 3", "1. Capaian Indikator Kinerja") in heads
    assert [h for _s, h in heads if h.startswith("BAB")] == [
        "BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP"]


def test_toc_and_captions_are_fields_with_their_results_stored(sample, doc):
    path = sample[2]
    xml = part_xml(path, "word/document.xml")
    settings = part_xml(path, "word/settings.xml")
    assert "updateFields" not in settings and 'w:dirty' not in xml  # no prompt on opening
    instr = [t.text for t in body_root(path).iter(f"{W}instrText")]
    assert ' TOC \\o "1-3" \\h \\z \\u ' in instr and ' TOC \\h \\z \\c "Tabel" ' in instr
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    toc = [p.text for p in doc.paragraphs if re.fullmatch(r"toc \d", p.style.name.lower())]
    assert toc == heads  # the stored result lists every heading, in order
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions and all(c.startswith(f"Tabel {i} ") for i, c in enumerate(captions, 1))
    listed = [p.text for p in doc.paragraphs if p.style.name.lower() == "table of figures"]
    assert listed == captions
    seq = [i for i in instr if i.strip().startswith("SEQ Tabel")]
    assert len(seq) == len(captions) == len(doc.tables)


def test_tables_repeat_their_header_and_align_numbers_right(sample):
    root = body_root(sample[2])
    for tbl in root.iter(f"{W}tbl"):
        first = tbl.find(f"{W}tr")
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    styles = {p.text: p.style.name for t in open_docx(sample[2]).tables for row in t.rows
              for c in row.cells for p in c.paragraphs}
    assert styles["1.913.315.062"] == "LKj Angka" and styles["17,15%"] == "LKj Angka"
    assert styles["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"] == "LKj Tabel"


def test_budget_rows_are_indented_by_level_and_programs_kegiatan_bold(doc):
    (table,) = [t for t in doc.tables if t.rows[0].cells[0].text == "Kode"
                and len(t.columns) == 6]
    seen = set()
    for row in table.rows[1:-1]:
        kode, uraian = row.cells[0], row.cells[1]
        parts = len(kode.text.split("."))
        indent = uraian.paragraphs[0].paragraph_format.left_indent
        bold = any(r.bold for r in uraian.paragraphs[0].runs)
        level = 1 if parts == 3 else 3 if parts == 6 else 2
        assert (indent or 0) == (0 if level == 1 else (level - 1) * 170 * 635), kode.text
        assert bold == (level < 3), kode.text
        seen.add(level)
    assert seen == {1, 2, 3}


def test_page_numbers_in_the_footer(doc):
    for s in doc.sections:
        xml = s.footer._element.xml
        assert "PAGE" in xml and "fldChar" in xml


def test_cover_and_signature(doc):
    text = [p.text for p in doc.paragraphs]
    for line in ("LAPORAN KINERJA", "TRIWULAN I TAHUN 2023", "KECAMATAN TEMPURSARI",
                 "PEMERINTAH KABUPATEN LUMAJANG", "Lumajang, 31 Maret 2023", "CAMAT",
                 "ARIF MUSTOFA, SAP", "NIP. 19750712 199703 1 002"):
        assert line in text, line


def test_help_does_not_import_python_docx():
    code = ("import sys, lkj_excel.cli, lkj_excel.write.document as d; "
            "print('docx' in sys.modules or 'lxml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


# --- inputs with parts missing, text that is not ours ------------------------------------------

def _drop(*names):
    def mutate(wb):
        for n in names:
            wb.remove(wb[n])
    return mutate


def _no_identity(wb):
    for r in range(3, 14):
        wb["Identitas"].cell(row=r, column=2).value = None


def _hostile(wb):
    wb["Realisasi"]["B3"] = 'PROGRAM <b>&amp; "x" =HYPERLINK("a")\nbaris dua\tTab'


@pytest.mark.parametrize("mutate,expected", [
    (_drop("PK"), ["Perjanjian Kinerja: tidak ada data. Sheet PK tidak ada atau tidak berisi "
                   "indikator.",
                   "Capaian kinerja: tidak ada data. Sheet PK tidak ada atau tidak berisi "
                   "indikator."]),
    (_drop("Realisasi"), ["Realisasi Anggaran Triwulan I Tahun 2023: tidak ada data. Sheet "
                          "Realisasi tidak ada atau tidak berisi baris anggaran."]),
    (_drop("Fasilitasi", "LPPDes", "Pegawai"),
     ["Jumlah Pegawai per Status: tidak ada data. Sheet Pegawai tidak ada di isian.",
      "Dokumen Administrasi Pemerintahan Desa: tidak ada data. Sheet LPPDes tidak ada di "
      "isian."]),
    (_no_identity, ["[Perangkat Daerah]", "[Pemerintah Daerah]",
                    "[Triwulan dan Tahun Anggaran]", "[Nama Kepala]", "[Tanggal Laporan]"]),
    # a line break and a tab typed in a name read as spaces (docs/mengisi-template.md)
    (_hostile, ['PROGRAM <b>&amp; "x" =HYPERLINK("a") baris dua Tab']),
])
def test_a_document_for_inputs_with_parts_missing(tmp_path, mutate, expected):
    wb = clean_book()
    mutate(wb)
    rep = process(save(wb, tmp_path), tmp_path / "out.xlsx", None, RUN_TIME, dokumen=True)
    d = open_docx(Path(rep.document))
    text = all_text(d)
    for line in expected:
        assert line in text, line
    assert any(p.style.name == "Heading 1" and p.text == "BAB IV PENUTUP" for p in d.paragraphs)


def test_characters_xml_cannot_hold_are_dropped():
    from xml.etree import ElementTree as ET

    from lkj_excel.write.document.body import run

    xml = run("a\x07b\x0bc <&> \ud800d")
    root = ET.fromstring(f'<w:p xmlns:w="{W[1:-1]}">{xml}</w:p>')
    assert "".join(t.text for t in root.iter(f"{W}t")) == "abc <&> d"
