"""The reference report entered as printed: the tool must find exactly its contradictions."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

import lkj_excel
from lkj_excel.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"

# (check, sheet, cell, kode), in the order `check` reports them: errors first.
EXPECTED = [
    ("staff.head_nip_mismatch", "Identitas", "B8", None),
    ("villages.count_mismatch", "Identitas", "B10", None),
    ("budget.sum_pagu", "Realisasi", "C3", "7.01.01"),
    ("budget.code_format", "Realisasi", "A4", "7.01.01.01.2"),
    ("budget.code_format", "Realisasi", "A17", "7.01.7.01.00.01"),
    ("budget.code_duplicate", "Realisasi", "A23", "7.01.01.2.08.02"),
    ("budget.sum_pagu", "Realisasi", "C48", "7.01.06.2.01"),
    ("pk.derived_mismatch", "PK", "I3", None),
    ("cell.number_as_text", "Realisasi", "C10", "7.01.01.2.02.01"),
    ("cell.number_as_text", "Realisasi", "D10", "7.01.01.2.02.01"),
    ("cell.number_as_text", "Realisasi", "C11", "7.01.01.2.02.02"),
    ("budget.code_unknown", "Realisasi", "B12", "7.01.01.2.02.05"),
    ("cell.number_as_text", "Realisasi", "C12", "7.01.01.2.02.05"),
    ("cell.number_as_text", "Realisasi", "D12", "7.01.01.2.02.05"),
    ("budget.code_unknown", "Realisasi", "B16", "7.01.01.2.06.05"),
    ("budget.code_unknown", "Realisasi", "B18", "7.01.01.2.06.08"),
    ("cell.number_as_text", "Realisasi", "C21", "7.01.01.2.07.06"),
    ("cell.number_as_text", "Realisasi", "C22", "7.01.01.2.08"),
    ("cell.number_as_text", "Realisasi", "D22", "7.01.01.2.08"),
    ("cell.number_as_text", "Realisasi", "D24", "7.01.01.2.08.02"),
    ("budget.code_unknown", "Realisasi", "B29", "7.01.01.2.09.09"),
    ("budget.code_unknown", "Realisasi", "B36", "7.01.03.2.01.02"),
    ("budget.code_unknown", "Realisasi", "B41", "7.01.04.2.01"),
    ("budget.code_unknown", "Realisasi", "A46", "7.01.05.2.01.02"),
    ("budget.code_unknown", "Realisasi", "B48", "7.01.06.2.01"),
    ("budget.code_unknown", "Realisasi", "B49", "7.01.06.2.01.02"),
    ("budget.code_unknown", "Realisasi", "B50", "7.01.06.2.01.06"),
]


def test_sample_full_finding_list():
    rep = lkj_excel.check(SAMPLE)
    got = [(f.check, f.sheet, f.cell, f.kode) for f in rep.findings]
    assert got == EXPECTED
    assert (rep.errors, rep.warnings) == (7, 20)


def test_sample_suggested_codes():
    """checks.md "Suggested codes": the four codes of the reference report and what each
    most likely means; the suggestion is `expected` and ends the message."""
    rep = lkj_excel.check(SAMPLE)
    got = {f.kode: (f.check, f.expected) for f in rep.findings
           if f.check in ("budget.code_format", "budget.code_duplicate")
           or (f.check == "budget.code_unknown" and f.cell.startswith("A"))}
    assert got == {
        "7.01.01.01.2": ("budget.code_format", "7.01.01.2.01"),
        "7.01.7.01.00.01": ("budget.code_format", "7.01.01.2.06.0007"),
        "7.01.01.2.08.02": ("budget.code_duplicate", "7.01.01.2.08.0001"),
        "7.01.05.2.01.02": ("budget.code_unknown", "7.01.05.2.01.0008"),
    }
    for f in rep.findings:
        if f.expected in ("7.01.01.2.01", "7.01.01.2.06.0007", "7.01.01.2.08.0001",
                          "7.01.05.2.01.0008") and f.check.startswith("budget.code"):
            assert f"kemungkinan maksudnya {f.expected} (" in f.message
            assert f.message.endswith(").")
    dup = next(f for f in rep.findings if f.check == "budget.code_duplicate")
    assert "baris 24 (A24), yang memegang kode itu karena uraiannya sesuai nomenklatur" \
        in dup.message
    fmt = next(f for f in rep.findings if f.kode == "7.01.01.01.2")
    assert "4 baris di bawahnya memakai 7.01.01.2.01 sebagai kode induk" in fmt.message


def test_sample_figures_of_the_findings():
    doc = json.loads(CliRunner().invoke(main, ["check", str(SAMPLE), "--json"]).output)
    by = {(f["check"], f["cell"]): f for f in doc["files"][0]["findings"]}
    program = by[("budget.sum_pagu", "C3")]
    assert (program["found"], program["expected"]) == (1587606347, 1592719562)
    assert "Rp 1.587.606.347" in program["message"] and "Rp 1.592.719.562" in program["message"]
    assert "Rp 5.113.215" in program["message"]
    kegiatan = by[("budget.sum_pagu", "C48")]
    assert (kegiatan["found"], kegiatan["expected"]) == (176175000, 178175000)
    derived = by[("pk.derived_mismatch", "I3")]
    assert (derived["found"], derived["expected"]) == (49, 47.62)
    assert "30 dari 63" in derived["message"]
    head = by[("staff.head_nip_mismatch", "B8")]
    assert (head["found"], head["expected"]) == ("197507121997031002", "197507121997031001")
    villages = by[("villages.count_mismatch", "B10")]
    assert (villages["found"], villages["expected"]) == (6, 7)
    text = by[("cell.number_as_text", "C12")]
    assert text["found"] == "1.750.000,-"


def test_sample_budget_is_placed_as_the_office_meant():
    rep = lkj_excel.check(SAMPLE)
    b = rep.figures.budget
    assert [p.kode.value for p in b.programs] == [
        "7.01.01", "7.01.02", "7.01.03", "7.01.04", "7.01.05", "7.01.06"]
    assert b.unplaced == []
    assert b.pagu == 191331506200 and b.realisasi == 32809445700  # sen
    odd = b.find("7.01.01.01.2")
    assert odd.parent.kode.value == "7.01.01" and odd.placed_by_position
    assert [c.kode.value for c in odd.children] == [
        "7.01.01.2.01.01", "7.01.01.2.01.02", "7.01.01.2.01.06", "7.01.01.2.01.07"]
    material = next(r for r in b.rows if r.kode.value == "7.01.7.01.00.01")
    assert material.parent.kode.value == "7.01.01.2.06"
    assert b.find("7.01.01").c_pagu == 159271956200


def test_sample_source_builds_the_committed_workbook(tmp_path, monkeypatch):
    """The CSV sources and the committed workbook say the same thing, cell by cell."""
    spec = importlib.util.spec_from_file_location("build_sample", ROOT / "samples" / "build_sample.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path / "rebuilt.xlsx"
    mod.save_deterministic(mod.build(), out)
    a, b = openpyxl.load_workbook(SAMPLE), openpyxl.load_workbook(out)
    assert a.sheetnames == b.sheetnames
    for ws in a.worksheets:
        other = b[ws.title]
        assert [[c.value for c in row] for row in ws.iter_rows()] == \
            [[c.value for c in row] for row in other.iter_rows()], ws.title


def test_readme_recomputed_mean_is_what_the_tool_computes():
    """samples/README.md's "Capaian Rata-rata 37%" row: the mean with both derived
    realisations (30/63 and 7/21) is the capaian rata-rata the tool shows in Ringkasan."""
    rep = lkj_excel.check(SAMPLE)
    value = rep.figures.strategis.value
    shown = f"{value * 100:.2f}".replace(".", ",")
    assert shown == "44,97"
    readme = (ROOT / "samples" / "README.md").read_text("utf-8")
    row = next(ln for ln in readme.splitlines() if ln.startswith('| "Capaian Rata-rata 37%"'))
    assert f"rata-ratanya {shown}%" in row
