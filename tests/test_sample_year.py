"""The sample year (samples/build_year.py, samples/README.md): last year's TW IV, TW I and
TW II 2023 of Kecamatan Tempursari processed into a fresh archive give every history check
at the cells planted, a Perbandingan with last year, TW I and TW II, and the Realisasi
Anggaran's quarter columns; re-running adds no version, a changed resubmission is version
2 and the Rekap says so."""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx_read import find_tables, open_docx

from lkj_excel.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
YEAR = ("tempursari-2022-tw4.xlsx", "tempursari-2023-tw1.xlsx", "tempursari-2023-tw2.xlsx")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """The samples folder processed once into a fresh archive."""
    base = tmp_path_factory.mktemp("sample-year")
    result = run("process", SAMPLES, "-o", base / "out", "-q", "--arsip", base / "a.sqlite",
                 "--dokumen")
    assert result.exit_code == 1, result.output  # the sample's errors are kept on purpose
    return base


def findings(archive: Path, name: str) -> list[dict]:
    result = run("check", SAMPLES / name, "--json", "--arsip", archive)
    doc = json.loads(result.output)
    return doc["files"][0]["findings"] if "files" in doc else doc["findings"]


def history(archive: Path, name: str) -> list[tuple]:
    return [(f["check"], f["sheet"], f["cell"], f["kode"], f["found"], f["expected"])
            for f in findings(archive, name) if f["check"].startswith("history.")]


def test_the_samples_folder_holds_the_year_and_the_script_rebuilds_it(tmp_path):
    assert sorted(p.name for p in SAMPLES.glob("*.xlsx")) == sorted(YEAR)
    spec = importlib.util.spec_from_file_location("build_year", SAMPLES / "build_year.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    tw1 = mod.base.load()
    for data, name, version in ((mod.last_year(tw1), YEAR[0], 1),
                                (mod.second_quarter(tw1), YEAR[2], 2)):
        out = tmp_path / name
        mod.base.save_deterministic(mod.base.build(data, version=version), out)
        a, b = openpyxl.load_workbook(SAMPLES / name), openpyxl.load_workbook(out)
        for ws in a.worksheets:
            if ws.title == "Petunjuk":
                continue
            assert list(ws.values) == list(b[ws.title].values), (name, ws.title)


def test_tw_ii_has_every_history_check_at_the_planted_cells(year):
    assert history(year / "a.sqlite", YEAR[2]) == [  # TW II is template version 2: PK!S
        ("history.last_year_mismatch", "PK", "S3", None, 94.12, 92.5),
        ("history.target_changed", "PK", "H5", "7.01.01", 95.0, 90.0),
        ("history.indicator_missing", "PK", None, "7.01.01.2.07", None,
         "Persentase fasilitasi pengadaan Barang Milik Daerah"),
        ("history.realisasi_decreased", "Realisasi", "D18", "7.01.01.2.06.08", 500000, 800000),
        ("history.pagu_changed", "Realisasi", "C29", "7.01.01.2.09.09", 42309500, 37309500),
        ("history.code_missing", "Realisasi", None, "7.01.03.2.01.01", None, "7.01.03.2.01.01"),
    ]
    messages = [f["message"] for f in findings(year / "a.sqlite", YEAR[2])
                if f["check"] == "history.pagu_changed"]
    assert "tempursari-2023-tw1.xlsx versi 1 (2023 TW I, diproses " in messages[0]


def test_tw_i_is_compared_with_last_year_only(year):
    assert history(year / "a.sqlite", YEAR[1]) == [
        ("history.last_year_mismatch", "PK", "N3", None, 94.12, 92.5)]
    assert history(year / "a.sqlite", YEAR[0]) == []


def test_the_tw_ii_lkj_shows_the_year(year):
    book = openpyxl.load_workbook(year / "out" / "LKj-Kecamatan-Tempursari-2023-TW2.xlsx")
    ws = book["Perbandingan"]
    assert [c.value for c in ws[5]][:13] == [
        None, None, "Target", "Realisasi", "Capaian", "Sumber", "Target", "Realisasi TW I",
        "Capaian TW I", "Realisasi TW II", "Capaian TW II", "Perubahan Capaian (poin persen)",
        "Naik/ Turun"]
    first = [c.value for c in ws[6]]
    assert first[2:6] == [0.89, 0.925, "=D6/C6", "LKj TW IV 2022, versi 1"]
    assert first[7] == pytest.approx(3000 / 63 / 100)  # TW I: 30 of 63 items, from the archive
    assert ws["D6"].comment.text.startswith("Tertulis di PK 94,12%; dipakai angka "
                                            "tempursari-2022-tw4.xlsx versi 1 (2022 TW IV")
    ra = book["Realisasi Anggaran"]
    header = [c.value for c in ra[4]]
    assert header[6:] == ["Realisasi s.d. Triwulan Lalu (TW I)", "Realisasi Triwulan Ini (TW II)"]
    rows = {r[0].value: (r[0].row, [c.value for c in r])
            for r in ra.iter_rows(min_row=5) if r[0].value}
    at, cells = rows["7.01.01.2.06.09"]
    assert cells[6:] == [12_845_000, f"=D{at}-G{at}"]
    assert rows["7.01.01.2.06.08"][1][6] == 800_000
    diganti = [r for r in book["Angka Diganti"].iter_rows(min_row=5, values_only=True)
               if r[0] == "PK" and r[1] == "S3"]
    assert len(diganti) == 1
    assert diganti[0][2:5] == (None, 0.9412, "='Perbandingan'!D6")
    assert diganti[0][6] == "history.last_year_mismatch"


def test_rerunning_adds_nothing_and_a_changed_resubmission_is_version_2(year, tmp_path):
    archive = tmp_path / "a.sqlite"
    shutil.copy(year / "a.sqlite", archive)
    before = archive.read_bytes()
    listing = json.loads(run("archive", "list", "--json", "--arsip", archive).output)
    again = run("process", SAMPLES, "-o", tmp_path / "again", "-q", "--arsip", archive)
    assert again.exit_code == 1
    assert json.loads(run("archive", "list", "--json", "--arsip", archive).output) == listing
    assert [r["versi"] for r in listing] == [1, 1, 1]
    assert archive.read_bytes() == before  # the same bytes again: nothing written
    # TW II again, with the Pagu change typed back: one warning fewer, version 2
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = openpyxl.load_workbook(SAMPLES / YEAR[2])
    book["Realisasi"]["D18"] = 800_000  # the realisation no longer drops
    book["Realisasi"]["E18"] = 4_200_000
    buf = io.BytesIO()
    book.save(buf)
    (inbox / "tempursari-2023-tw2-perbaikan.xlsx").write_bytes(buf.getvalue())
    out = tmp_path / "out2"
    result = run("process", inbox, "-o", out, "-q", "--arsip", archive)
    assert result.exit_code == 1
    listing = json.loads(run("archive", "list", "--json", "--arsip", archive).output)
    assert [(r["triwulan"], r["versi"]) for r in listing if r["tahun"] == 2023] == \
        [("I", 1), ("II", 2)]
    ws = openpyxl.load_workbook(out / "Rekap-2023-TW2.xlsx")["Rekap"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    head = rows[0]
    row = dict(zip(head, rows[1], strict=True))
    assert row["Versi"] == 2
    assert row["Sebelumnya"].startswith("versi 2: 7 → ")


def test_perbandingan_compares_with_the_renstra_target_and_the_national_standard(year):
    """TW II is a template version 2 workbook: Target Renstra 92 and 95 on the sasaran
    strategis, Standar Nasional 80 on the second; the capaian against each is the
    realisation (63.49 typed and derived 40/63; 33.33 from 7/21 villages) over it."""
    path = year / "out" / "LKj-Kecamatan-Tempursari-2023-TW2.xlsx"
    ws = openpyxl.load_workbook(path)["Perbandingan"]
    head = [c.value for c in ws[4]]
    assert head[13:17] == ["Renstra", None, "Standar Nasional", None]
    assert [c.value for c in ws[5]][13:17] == ["Target", "Capaian", "Standar", "Capaian"]
    assert [c.value for c in ws[6]][13:17] == [0.92, "=J6/N6", None, None]
    assert [c.value for c in ws[7]][13:17] == [0.95, "=J7/N7", 0.8, "=J7/P7"]
    values = openpyxl.load_workbook(path, data_only=True)["Perbandingan"]
    assert values["O6"].value == pytest.approx(40 / 63 / 0.92)
    assert values["O7"].value == pytest.approx(7 / 21 / 0.95)
    assert values["Q7"].value == pytest.approx(7 / 21 / 0.8)
    assert ws["N8"].value is None  # an indicator without a Renstra target


def test_the_tw_ii_document_prints_the_year_and_the_renstra_comparison(year):
    doc = open_docx(year / "out" / "LKj-Kecamatan-Tempursari-2023-TW2.docx")
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "2. Perbandingan Realisasi dan Capaian Kinerja dengan Tahun Lalu" in headings
    assert "3. Perbandingan dengan Target Renstra dan Standar Nasional" in headings
    yearly = find_tables(doc, ["No", "Indikator Kinerja", "Tahun 2022"])
    assert len(yearly) == 1 and yearly[0][1][2:] == [
        "Target", "Realisasi", "Capaian", "Target", "Realisasi TW II", "Capaian TW II",
        "Peru- bahan (poin %)", "Naik/ Turun"]
    assert yearly[0][2][2:4] == ["89,00%", "92,50%"]  # last year's TW IV from the archive
    quarters = find_tables(doc, ["No", "Indikator Kinerja", "Tahun 2023"])
    by_quarter = next(t for t in quarters if "Realisasi TW I" in t[1])
    assert by_quarter[2][3:7] == ["47,62%", "52,91%", "63,49%", "70,55%"]
    renstra = next(t for t in quarters if "Renstra" in t[0])
    assert [r[0] for r in renstra[2:]] == ["1", "2"]  # only the rows with a Renstra target
    assert renstra[3][4:] == ["95,00%", "35,09%", "80,00%", "41,67%"]
    # TW I (template version 1) has no Renstra column: no A.3
    tw1 = open_docx(year / "out" / "LKj-Kecamatan-Tempursari-2023-TW1.docx")
    assert not any("Renstra" in p.text for p in tw1.paragraphs
                   if p.style.name.startswith("Heading"))
