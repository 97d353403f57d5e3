"""The check catalogue is the code's: every catalogued check can be raised, and every
finding the tool makes is of a catalogued check (lkj_excel/catalogue.py)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from archive_builders import book_bytes, history_of
from builders import (
    SUB_201_0001,
    SUB_201_0002,
    SUB_203_0006,
    clean_book,
    clean_data,
    clear_row,
    run,
)

from lkj_excel import catalogue as C
from lkj_excel.findings import CATALOGUE, CHECKS, Check
from lkj_excel.pipeline import check_source

PACKAGE = Path(__file__).resolve().parent.parent / "lkj_excel"
D = dt.date


# --- every catalogued check can be raised ---------------------------------------------------
# Each case changes the clean workbook (tests/builders.py: no finding at all) so that it
# gives exactly one finding: the check's, at the cell named.

def _cells(*edits):
    """A change: (sheet, cell, value) edits of the clean workbook."""
    def change(wb):
        for sheet, cell, value in edits:
            wb[sheet][cell] = value
        return wb
    return change


def _unreadable(_wb):
    return b"bukan workbook"


def _without(sheet):
    def change(wb):
        del wb[sheet]
        return wb
    return change


def _without_village_document(wb):
    clear_row(wb["LPPDes"], 8)  # Pundungsari has no LPPDes row
    wb["PK"]["I3"] = 83.33  # the typed realisation agrees with the derived 5 of 6
    return wb


def _repeated_village_document(wb):
    ws = wb["LPPDes"]
    for c in "ABCDEF":
        ws[f"{c}9"] = ws[f"{c}8"].value
    return wb


CASES = {
    "file.unreadable": (_unreadable, None, None),
    "sheet.missing": (_without("LPPDes"), "LPPDes", None),
    "column.missing": (_cells(("Fasilitasi", "D2", None)), "Fasilitasi", "A2"),
    "cell.required": (_cells(("Fasilitasi", "C3", None)), "Fasilitasi", "C3"),
    "cell.invalid": (_cells(("Fasilitasi", "E3", "bukan tanggal")), "Fasilitasi", "E3"),
    "cell.number_as_text": (_cells(("Realisasi", "C5", "Rp 10.000.000,00")), "Realisasi", "C5"),
    "cell.ambiguous": (_cells(("PK", "I4", "65.000")), "PK", "I4"),
    "cell.formula_without_value": (_cells(("Fasilitasi", "F3", "=1+1")), "Fasilitasi", "F3"),
    "identity.invalid": (_cells(("Identitas", "B5", 1999)), "Identitas", "B5"),
    "budget.code_format": (_cells(("Realisasi", "A6", "7.01.01.2.01.06.1")), "Realisasi", "A6"),
    "budget.code_duplicate": (_cells(("Realisasi", "A6", "7.01.01.2.01.0001"),
                                     ("Realisasi", "B6", SUB_201_0001)), "Realisasi", "A6"),
    "budget.code_orphan": (_cells(("Realisasi", "A6", "7.01.01.2.03.0006"),
                                  ("Realisasi", "B6", SUB_203_0006)), "Realisasi", "A6"),
    "budget.code_unknown": (_cells(("Realisasi", "B5", "Uraian lain")), "Realisasi", "B5"),
    "budget.sum_pagu": (_cells(("Realisasi", "C4", 15_000_001), ("Realisasi", "E4", 11_500_001)),
                        "Realisasi", "C4"),
    "budget.sum_realisasi": (_cells(("Realisasi", "D4", 3_500_001),
                                    ("Realisasi", "E4", 11_499_999)), "Realisasi", "D4"),
    "budget.sum_sisa": (_cells(("Realisasi", "E5", 7_500_001)), "Realisasi", "E5"),
    "budget.total": (_cells(("Realisasi", "C10", 1_265_000_001), ("Realisasi", "E10", None)),
                     "Realisasi", "C10"),
    "budget.over_pagu": (_cells(("Realisasi", "D6", 6_000_000), ("Realisasi", "E6", None),
                                ("Realisasi", "D4", 8_500_000), ("Realisasi", "E4", None),
                                ("Realisasi", "D3", 320_845_678), ("Realisasi", "E3", None),
                                ("Realisasi", "D10", 320_845_678), ("Realisasi", "E10", None)),
                         "Realisasi", "D6"),
    "budget.negative": (_cells(("Realisasi", "D6", -1_000_000), ("Realisasi", "E6", 6_000_000),
                               ("Realisasi", "D4", 1_500_000), ("Realisasi", "E4", 13_500_000),
                               ("Realisasi", "D3", 313_845_678), ("Realisasi", "E3", 951_154_322),
                               ("Realisasi", "D10", 313_845_678),
                               ("Realisasi", "E10", 951_154_322)), "Realisasi", "D6"),
    "pk.budget_mismatch": (_cells(("PK", "L5", 15_000_001)), "PK", "L5"),
    "pk.code_unknown": (_cells(("PK", "K5", "7.01.01.2.09")), "PK", "K5"),
    "pk.target_missing": (_cells(("PK", "H4", 0)), "PK", "H4"),
    "pk.derived_mismatch": (_cells(("PK", "I3", 90)), "PK", "I3"),
    "facilitation.duplicate": (_cells(("Fasilitasi", "C5", "Fasilitasi penyusunan APBDes")),
                               "Fasilitasi", "C5"),
    "villages.count_mismatch": (_cells(("Identitas", "B10", 3)), "Identitas", "B10"),
    "villages.duplicate": (_repeated_village_document, "LPPDes", "B9"),
    "villages.document_missing": (_without_village_document, "LPPDes", "B6"),
    "villages.date_after_period": (_cells(("LPPDes", "E8", D(2023, 4, 5))), "LPPDes", "E8"),
    "staff.nip_format": (_cells(("Pegawai", "C5", "199001012015131001")), "Pegawai", "C5"),
    "staff.nip_gender": (_cells(("Pegawai", "D5", "P")), "Pegawai", "D5"),
    "staff.nip_duplicate": (_cells(("Pegawai", "C5", "198203152006042003"), ("Pegawai", "D5", "P")),
                            "Pegawai", "C5"),
    "staff.head_nip_mismatch": (_cells(("Identitas", "B8", "198203152006042003")),
                                "Identitas", "B8"),
}

# The history checks compare the clean report of TW II (TW I for last year's) with an
# earlier report of the office, archived first: (earlier report, this report, sheet, cell).

def _with_row(sheet, row, at):
    rows = clean_data()[sheet]
    rows.insert(at, row)
    return {sheet: rows}


_EXTRA_SUB = ["7.01.01.2.01.0002", SUB_201_0002, 0, 0, 0, "DAU"]
_EXTRA_PK = [4, "Sasaran Kegiatan", "Camat", "Tersusunnya laporan", "Jumlah laporan", "Dokumen",
             "Naik", 4, 1, None, None, None, None, None, None]
HISTORY_CASES = {
    "history.realisasi_decreased": (book_bytes(2023, "I", cells={"Realisasi": {"D5": 3_000_000}}),
                                    book_bytes(2023, "II"), "Realisasi", "D5"),
    "history.pagu_changed": (book_bytes(2023, "I", cells={"Realisasi": {"C9": 40_000_000}}),
                             book_bytes(2023, "II"), "Realisasi", "C9"),
    "history.code_missing": (book_bytes(2023, "I", rows=_with_row("Realisasi", _EXTRA_SUB, 3)),
                             book_bytes(2023, "II"), "Realisasi", None),
    "history.target_changed": (book_bytes(2023, "I", cells={"PK": {"H4": 75}}),
                               book_bytes(2023, "II"), "PK", "H4"),
    "history.indicator_missing": (book_bytes(2023, "I", rows=_with_row("PK", _EXTRA_PK, 3)),
                                  book_bytes(2023, "II"), "PK", None),
    "history.last_year_mismatch": (book_bytes(2022, "IV", cells={"PK": {"H3": 80, "I3": 88,
                                                                        "J3": None}}),
                                   book_bytes(2023, "I"), "PK", "M3"),
}


def test_every_catalogued_check_has_a_case():
    assert sorted([*CASES, *HISTORY_CASES]) == sorted(c.id for c in CATALOGUE)
    assert set(HISTORY_CASES) == {c.id for c in C.HISTORY}


@pytest.mark.parametrize("check", CATALOGUE, ids=lambda c: c.id)
def test_every_catalogued_check_can_be_raised(check, tmp_path):
    if check.id in HISTORY_CASES:
        earlier, now, sheet, cell = HISTORY_CASES[check.id]
        history = history_of(tmp_path / "arsip.sqlite", (earlier, "lalu.xlsx"))
        rep = check_source(now, "lkj.xlsx", history=history)
    else:
        change, sheet, cell = CASES[check.id]
        rep = run(change(clean_book()), tmp_path)
    assert [(f.check, f.sheet, f.cell) for f in rep.findings] == [(check.id, sheet, cell)], \
        [(f.check, f.cell, f.message) for f in rep.findings]
    assert rep.findings[0].severity == check.severity


# --- every finding is of a catalogued check -------------------------------------------------

def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text("utf-8"), str(p))) for p in sorted(PACKAGE.rglob("*.py"))]


def test_every_check_constant_is_in_the_catalogue_in_order():
    tree = ast.parse((PACKAGE / "catalogue.py").read_text("utf-8"))
    names = [node.targets[0].id for node in tree.body
             if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
             and getattr(node.value.func, "id", None) == "Check"]
    assert [getattr(C, n) for n in names] == list(CATALOGUE)
    assert names == [c.id.upper().replace(".", "_") for c in CATALOGUE]
    assert CHECKS == {c.id: c for c in CATALOGUE} and len(CHECKS) == len(CATALOGUE)


def test_findings_are_made_only_through_catalogued_checks():
    """A Finding is constructed only by Check.finding, a Check only in the catalogue, and no
    check id is written anywhere else: whatever raises a finding raises a catalogued check."""
    ids = set(CHECKS)
    problems = []
    for path, tree in _modules():
        rel = path.relative_to(PACKAGE.parent).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name == "Finding" and rel != "lkj_excel/findings.py":
                    problems.append(f"{rel}:{node.lineno}: Finding(...) outside Check.finding")
                if name == "Check" and rel != "lkj_excel/catalogue.py":
                    problems.append(f"{rel}:{node.lineno}: Check(...) outside the catalogue")
            if isinstance(node, ast.Constant) and node.value in ids and rel != "lkj_excel/catalogue.py":
                problems.append(f"{rel}:{node.lineno}: check id {node.value!r} written as text")
    assert problems == []


def test_check_finding_gives_a_finding_with_the_id():
    f = C.BUDGET_SUM_PAGU.finding("Realisasi", "C5", "pesan", kode="7.01.01", found=1,
                                  expected=2, merged=True)
    assert (f.check, f.sheet, f.cell, f.message, f.kode, f.found, f.expected, f.merged) == \
        ("budget.sum_pagu", "Realisasi", "C5", "pesan", "7.01.01", 1, 2, True)
    assert f.severity == "error" and isinstance(C.BUDGET_SUM_PAGU, Check)
    assert f.to_json()["check"] == "budget.sum_pagu"
