"""The LKj document as LibreOffice prints it: converted to PDF without a warning, every word
inside the page margins (pdftotext -bbox), a sane page count, the budget on landscape pages
with its header row repeated on each, the DRAF line and a page number on every page."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from docx_read import complaints, pdf_words, soffice, to_pdf

from lkj_excel.api import process
from lkj_excel.write.document.package import A4, MARGINS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
RUN_TIME = dt.datetime(2024, 4, 5, 6, 7, 8)
PT = 1 / 20  # a twip in points
TOLERANCE = 1.0  # pt

pytestmark = pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice (soffice) or poppler (pdftotext) missing")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    rep = process(SAMPLE, folder / "laporan.xlsx", None, RUN_TIME, dokumen=True)
    result, pdf = to_pdf(Path(rep.document), folder)
    return rep, result, pdf


@pytest.fixture(scope="module")
def pages(converted):
    _rep, result, pdf = converted
    assert result.returncode == 0, result.stderr
    return pdf_words(pdf)


def test_libreoffice_converts_it_without_warnings(converted):
    _rep, result, pdf = converted
    assert result.returncode == 0, result.stdout + result.stderr
    assert complaints(result) == [], result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_page_count_is_sane(pages):
    # cover, kata pengantar, 2 of contents, Bab I-IV with 21 tables, lampiran
    assert 15 <= len(pages) <= 40, len(pages)


def test_every_word_is_inside_the_page_margins(pages):
    left, right = MARGINS["left"] * PT, MARGINS["right"] * PT
    top, bottom = MARGINS["header"] * PT, MARGINS["footer"] * PT  # header and footer lines
    for n, page in enumerate(pages, 1):
        w, h = page["width"], page["height"]
        assert {round(w), round(h)} == {round(A4[0] * PT), round(A4[1] * PT)}
        for word in page["words"]:
            where = f"page {n}: {word['text']!r} at {word['x0']:.1f}-{word['x1']:.1f}"
            assert word["x0"] >= left - TOLERANCE, where
            assert word["x1"] <= w - right + TOLERANCE, where
            assert word["y0"] >= top - TOLERANCE and word["y1"] <= h - bottom + TOLERANCE, where


def test_every_page_has_the_draf_line_and_every_page_but_the_cover_a_number(pages):
    for n, page in enumerate(pages, 1):
        text = " ".join(w["text"] for w in page["words"])
        assert "DRAF — 7 kesalahan belum diperbaiki" in text, n
        lowest = max(page["words"], key=lambda w: w["y1"])
        if n > 1:
            assert lowest["text"] == str(n), (n, lowest["text"])


def test_the_budget_is_on_landscape_pages_with_its_header_on_each(pages):
    texts = [" ".join(w["text"] for w in p["words"]) for p in pages]
    start = next(i for i, t in enumerate(texts) if "Realisasi Anggaran Triwulan I Tahun 2023" in t
                 and "Serapan" in t.split())  # the caption over the table, not in Daftar Tabel
    end = next(i for i in range(start, len(pages)) if "JUMLAH" in texts[i].split())
    budget = pages[start:end + 1]
    assert len(budget) >= 2  # the table runs over pages: its header repeats
    for page in budget:
        assert page["width"] > page["height"]
        words = [w["text"] for w in page["words"]]
        for word in ("Kode", "Uraian", "Pagu", "Realisasi", "Sisa", "Serapan"):
            assert word in words
    portrait = [p for p in pages if p["width"] < p["height"]]
    assert len(portrait) >= 10


def test_codes_and_nips_are_never_broken_across_lines(converted, pages):
    rep, _result, pdf = converted
    words = {w["text"] for p in pages for w in p["words"]}
    codes = {b.kode.value for b in rep.figures.budget.tree() if b.kode.value}
    assert len(codes) > 40 and codes <= words, sorted(codes - words)
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for nip in ("19750712 199703 1 001", "19720815 200701 1 017"):
        assert nip in text  # one line, as grouped
