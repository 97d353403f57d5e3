"""Workbooks filled and saved by real spreadsheet programs (issue 11 item 7).

tests/data/libreoffice/ holds the template typed full of the sample's data by LibreOffice in
the id-ID and en-US locales (plus an edited and an errors variant), the sample saved with a
password or a protected structure, and the sample converted by Gnumeric, each as the
program saved it (.xlsx, .ods, .xls); make_files.py there made them and manifest.json says
what each must give. The tests need neither LibreOffice nor Gnumeric.

Each file is compared finding by finding (check, sheet, cell, found, expected) with the
sample's own findings, computed here from samples/tempursari-2023-tw1.xlsx.
"""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from pathlib import Path

import msoffcrypto
import pytest

from lkj_excel.model import Val
from lkj_excel.pipeline import check_source

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
HERE = Path(__file__).resolve().parent / "data" / "libreoffice"
MANIFEST = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
ENTRIES = {e["file"]: e for e in MANIFEST["files"]}
NOT_DATA = {"make_files.py", "manifest.json", "README.md", "lkj-template-v1.xlsx"}  # the form typed into


def key(f) -> tuple:
    return (f.check, f.sheet, f.cell, f.found, f.expected)


@pytest.fixture(scope="module")
def sample() -> list[tuple]:
    rep = check_source(SAMPLE, SAMPLE.name)
    assert rep.readable and rep.findings
    return [key(f) for f in rep.findings]


def moved(findings: list[tuple], rows: dict | None) -> list[tuple]:
    """The sample's findings with the cells below an inserted row moved down."""
    if not rows:
        return findings
    out = []
    for check, sheet, cell, found, expected in findings:
        m = re.fullmatch(r"([A-Z]+)(\d+)", cell or "")
        if sheet == rows["sheet"] and m and int(m[2]) >= rows["from_row"]:
            cell = f"{m[1]}{int(m[2]) + rows['by']}"
        out.append((check, sheet, cell, found, expected))
    return out


def entries(predicate) -> list:
    return [pytest.param(e, id=name) for name, e in ENTRIES.items() if predicate(e)]


@pytest.mark.parametrize("entry", entries(lambda e: "cell_invalid" not in e["expect"]
                                          and e["expect"].get("sample_findings")))
def test_gives_the_sample_findings(entry, sample):
    rep = check_source(HERE / entry["file"], entry["file"])
    assert rep.readable
    assert [key(f) for f in rep.findings] == moved(sample, entry["expect"].get("rows_moved"))


def values(data) -> dict:
    """Every value read from a workbook, without the cells it came from."""
    out: dict = {"identity": {k: v.value for k, v in data.identity.values.items()}}
    for name in ("pk", "budget", "facilitation", "villages", "staff"):
        out[name] = [tuple(getattr(r, f.name).value for f in dataclasses.fields(r)
                           if isinstance(getattr(r, f.name), Val)) for r in getattr(data, name)]
    return out


V2_FIELDS = {"Target TW I": "target_tw1", "Target TW II": "target_tw2",
             "Target TW III": "target_tw3", "Target Renstra": "target_renstra",
             "Standar Nasional": "standar_nasional"}


def sample_values(entry) -> dict:
    """The sample's values; for a version 2 file with the targets typed in too."""
    data = check_source(SAMPLE, SAMPLE.name).data
    if entry["variant"] == "v2":
        data.identity.values["Versi Template"].value = entry["expect"]["versi_template"]
        for row, given in MANIFEST["v2"]["targets"].items():
            pk = next(r for r in data.pk if r.row == int(row))
            for name, value in given.items():
                setattr(pk, V2_FIELDS[name], Val(float(value)))
    return values(data)


@pytest.mark.parametrize("entry", entries(lambda e: "cell_invalid" not in e["expect"]
                                          and e["expect"].get("sample_findings")))
def test_reads_the_sample_values(entry):
    """Findings do not cover every value (a Target of 90 read as 0.9 or a date would not
    always show): every value read must be the sample's, exactly."""
    got = values(check_source(HERE / entry["file"], entry["file"]).data)
    assert got == sample_values(entry)


@pytest.mark.parametrize("entry", entries(lambda e: e["variant"] == "v2"))
def test_version_2_file_reads_its_targets_where_they_were_typed(entry):
    """Template version 2 saved by LibreOffice: the sample's PK columns after Anggaran sit
    five columns further right, the five new columns hold what was typed (`22,5` in id-ID)."""
    rep = check_source(HERE / entry["file"], entry["file"])
    assert entry["expect"]["targets"]["PK!M3"] == 22.5
    for where, value in entry["expect"]["targets"].items():
        cell = where.split("!")[1]
        row = next(r for r in rep.data.pk if r.row == int(cell[1:]))
        val = next(getattr(row, f) for f in V2_FIELDS.values() if getattr(row, f).addr == cell)
        assert val.value == value, where
    assert rep.data.pk[0].target_ll.addr == "R3"  # Target Tahun Lalu, moved from M
    assert rep.data.identity.values["Versi Template"].value == 2


def test_version_2_file_gives_the_capaian_triwulan_and_its_predikat(tmp_path):
    """The LibreOffice v2 file processed: TW I judged against Target TW I where typed."""
    import datetime as dt

    import openpyxl

    from lkj_excel.single import process_one

    rep = process_one(HERE / "id-ID-v2.xlsx", "id-ID-v2.xlsx", tmp_path / "lkj.xlsx", None,
                      dt.datetime(2024, 1, 2))
    book = openpyxl.load_workbook(rep.output)
    values_ = openpyxl.load_workbook(rep.output, data_only=True)
    ws, wv = book["Capaian Kinerja"], values_["Capaian Kinerja"]
    assert [ws.cell(5, c).value for c in (4, 5, 7, 8, 9)] == [
        "Target TW I", "Target Tahunan", "Capaian terhadap target triwulan",
        "Capaian terhadap target tahunan", "Predikat"]
    # Sasaran Strategis: 30 of 63 items (47,62%) against Target TW I 22,5 and against 90
    assert (wv["D6"].value, wv["E6"].value) == (0.225, 0.9)
    assert ws["G6"].value == "=F6/D6" and wv["G6"].value == pytest.approx((30 / 63) / 0.225)
    assert ws["H6"].value == "=F6/E6" and wv["H6"].value == pytest.approx((30 / 63) / 0.9)
    assert wv["I6"].value == "Sangat Tinggi"
    assert ws["G8"].value == "=AVERAGE(G6:G7)" and wv["I8"].value == "Sangat Tinggi"
    # Sasaran Program: one Target TW I of 0, one blank: the table's mean is the annual one
    prog = {wv.cell(r, 3).value: r for r in range(11, 20)}
    zero = prog["Persentase Fasilitas Pelayanan Administrasi Kecamatan Sesuai SP dan SOP"]
    assert (wv[f"G{zero}"].value, wv[f"I{zero}"].value) == ("tidak dapat dihitung", None)
    blank = prog["Persentase Desa yang menetapkan LPPdes tepat waktu"]
    assert (wv[f"G{blank}"].value, wv[f"I{blank}"].value) == (None, "target triwulan tidak diisi")
    mean = blank + 1
    assert ws[f"H{mean}"].value.startswith("=AVERAGE(H")
    assert (wv[f"I{mean}"].value, wv[f"J{mean}"].value) == (
        "target triwulan tidak lengkap", "rata-rata 8 dari 8 indikator terhadap target tahunan")
    # ten columns still print one page wide (the narrowing counts what rounding left)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)


@pytest.mark.parametrize("entry", entries(lambda e: "cell_invalid" in e["expect"]))
def test_error_values_are_cell_invalid(entry, sample):
    expect = entry["expect"]
    dropped = {(d["check"], d["sheet"], d["cell"]) for d in expect["dropped"]}
    assert dropped <= {k[:3] for k in sample}, "a dropped finding is not the sample's"
    invalid = [("cell.invalid", c["sheet"], c["cell"], c["found"], None)
               for c in expect["cell_invalid"]]
    assert len({c[:3] for c in invalid} & {k[:3] for k in sample}) == 0
    wanted = [k for k in sample if k[:3] not in dropped] + invalid
    rep = check_source(HERE / entry["file"], entry["file"])
    got = [key(f) for f in rep.findings]
    assert sorted(got, key=repr) == sorted(wanted, key=repr)


@pytest.mark.parametrize("entry", entries(lambda e: "unreadable" in e["expect"]))
def test_password_files_ask_for_a_save_without_one(entry):
    rep = check_source(HERE / entry["file"], entry["file"])
    assert not rep.readable
    assert [(f.check, f.sheet, f.cell) for f in rep.findings] == [("file.unreadable", None, None)]
    message = rep.findings[0].message
    for words in entry["expect"]["unreadable"]:
        assert words in message
    assert "simpan ulang tanpa kata sandi" in message


def encrypted(path: Path) -> bool:
    if path.suffix == ".ods":
        with zipfile.ZipFile(path) as z:
            return b"manifest:encryption-data" in z.read("META-INF/manifest.xml")
    with path.open("rb") as f:
        return msoffcrypto.OfficeFile(f).is_encrypted()


@pytest.mark.parametrize("entry", entries(lambda e: True))
def test_encrypted_exactly_as_listed(entry):
    """The structure-protected .xls is encrypted (with the default key) and still reads like
    the sample; the password files are encrypted; every other file is not."""
    assert encrypted(HERE / entry["file"]) is entry.get("encrypted", False)


def test_manifest_lists_every_file_and_only_those():
    on_disk = {p.name for p in HERE.iterdir()} - NOT_DATA
    assert on_disk == set(ENTRIES)
    assert {e["format"] for e in ENTRIES.values()} == {"xlsx", "ods", "xls"}
    for variant in ("filled", "edited", "errors", "v2"):
        formats = {(e.get("locale"), e["format"]) for e in ENTRIES.values()
                   if e["variant"] == variant}
        locales = {"id-ID", "en-US"} if variant == "filled" else {"id-ID"}
        assert formats == {(loc, fmt) for loc in locales for fmt in ("xlsx", "ods", "xls")}


def test_the_edited_files_hold_the_edits():
    """What the edited variant claims is in the files (a generator that skipped an edit would
    still give the sample's findings)."""
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    edits = MANIFEST["edited"]
    wb = load_workbook(HERE / "id-ID-edited.xlsx")
    merged = {f"{ws.title}!{r}" for ws in wb for r in ws.merged_cells.ranges
              if ws.title != "Petunjuk"}
    assert merged == set(edits["merged"])
    assert wb["PK"]["D11"].value is None and wb["LPPDes"]["D9"].value is None
    assert wb["Realisasi"]["C34"].value == "=SUM(C35,C39)"
    assert wb["Realisasi"]["A27"].value is None and wb["Realisasi"]["A28"].value
    assert wb["Realisasi"]["C10"].value == edits["apostrophe_kept"]["typed"]
    assert wb["Pegawai"].row_dimensions[edits["hidden_row"]["row"]].hidden
    with zipfile.ZipFile(HERE / "id-ID-edited.ods") as z:
        content = z.read("content.xml").decode()
    assert content.count('table:number-rows-spanned="3"') == 2
    assert content.count('table:number-rows-spanned="7"') == 1
    assert 'table:formula="of:=SUM([.C35];[.C39])"' in content
    # a sheet the tool reads is hidden in every format (Petunjuk only in .ods: see the README)
    assert wb["Fasilitasi"].sheet_state == "hidden"
    xls = CalamineWorkbook.from_path(str(HERE / "id-ID-edited.xls"))
    assert {s.name for s in xls.sheets_metadata if s.visible != SheetVisibleEnum.Visible} == \
        {"Fasilitasi", "Daftar"}
    for name in ("id-ID-edited.xlsx", "id-ID-edited.ods", "id-ID-edited.xls"):
        assert "Fasilitasi" in ENTRIES[name]["hidden_sheets"]
    assert "Petunjuk" in ENTRIES["id-ID-edited.ods"]["hidden_sheets"]
