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
NOT_DATA = {"make_files.py", "manifest.json", "README.md"}


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


@pytest.mark.parametrize("entry", entries(lambda e: "cell_invalid" not in e["expect"]
                                          and e["expect"].get("sample_findings")))
def test_reads_the_sample_values(entry):
    """Findings do not cover every value (a Target of 90 read as 0.9 or a date would not
    always show): every value read must be the sample's, exactly."""
    want = values(check_source(SAMPLE, SAMPLE.name).data)
    assert values(check_source(HERE / entry["file"], entry["file"]).data) == want


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
    for variant in ("filled", "edited", "errors"):
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
