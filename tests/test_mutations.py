"""Mutation tests (issue 5, item 1): damaged workbooks become findings, never tracebacks.

`test_mutation` runs generated cases (300 in CI, 3000 with `--slow`; see
tests/mutations/damage.py): each is built from `random.Random(seed)` and the seed is in the
test id (`test_mutation[s0042-truncated_zip]`), so `pytest tests/test_mutations.py -k s0042-`
reproduces one. For every case `check_source` must not raise, and its findings must obey
checks.md: known check ids, a sheet and an A1 cell wherever the finding is about a cell,
`readable` False iff the only finding is `file.unreadable`. Every 10th case (every 5th
with --slow) also goes through the CLI (`check --json` and `process --json`, click's
CliRunner, exceptions not caught) with the exit code checks.md gives.

`test_targeted` pins the finding each listed damage must give on the clean workbook;
`test_file_damage` the outcome of file-level damage (zero bytes, truncated, wrong type,
encrypted, corrupt compressed data). `test_resource_damage` runs the small inputs that
could exhaust memory or time (a value at XFD1048576, a merge over whole rows, an .ods with a
million repeated rows) one by one in a subprocess with a memory and a time limit (calamine
aborts the interpreter on a failed allocation). `test_200k_rows` reads a workbook of
200,000 sub kegiatan rows.

`LKJ_MUTATION_CASES=N` and `LKJ_MUTATION_SEED_BASE=S` change the number of generated cases
and the first seed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import (
    HEADERS,
    PROGRAM,
    clean_book,
    clean_sheets,
    rename,
    show,
)
from click.testing import CliRunner
from mutations.damage import (
    CONTRACT_SHEETS,
    ISSUE_DAMAGE,
    KINDS,
    Case,
    case_count,
    encrypted_flag,
    kind_of,
    make_case,
    seed_base,
)

from lkj_excel.cli import main
from lkj_excel.findings import CHECKS
from lkj_excel.pipeline import FileReport, check_source

A1 = re.compile(r"^[A-Z]{1,3}[1-9][0-9]*$")
# findings that may have no cell: the row or column they are about is absent
CELL_OPTIONAL = {"column.missing", "identity.invalid", "cell.required"}
MAX_ROW, MAX_COL = 1_048_576, 16_384


def pytest_generate_tests(metafunc):
    if "mutation_seed" in metafunc.fixturenames:
        slow = bool(metafunc.config.getoption("--slow", default=False))
        first = seed_base()
        seeds = list(range(first, first + case_count(slow)))
        metafunc.parametrize("mutation_seed", seeds,
                             ids=[f"s{s:04d}-{kind_of(s)}" for s in seeds])


# --- the oracle ------------------------------------------------------------------------------


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def expected_exit(rep: FileReport) -> int:
    """checks.md, "Exit codes": 2 unreadable, else 1 when any error finding, else 0."""
    if not rep.readable:
        return 2
    return 1 if any(CHECKS[f.check].severity == "error" for f in rep.findings) else 0


def assert_findings_sane(findings: list[tuple], readable: bool, sheetnames: list[str] | None,
                         context: str) -> None:
    """`findings` as (check, sheet, cell, message, severity) tuples."""
    checks = [f[0] for f in findings]
    assert readable == (checks != ["file.unreadable"]), (
        f"readable={readable} but findings are {checks}\n{context}")
    no_header: dict[str, set] = {}
    severities = []
    for check, sheet, cell, message, severity in findings:
        where = f"{check} {sheet}!{cell}: {message}\n{context}"
        assert check in CHECKS, f"unknown check id {where}"
        assert severity == CHECKS[check].severity, where
        severities.append(severity)
        assert isinstance(message, str) and message.strip(), f"empty message {where}"
        if check == "file.unreadable":
            assert sheet is None and cell is None, where
            continue
        if check == "sheet.missing":
            assert sheet in CONTRACT_SHEETS and cell is None, where
            continue
        assert isinstance(sheet, str) and sheet, f"finding without a sheet {where}"
        if sheetnames is not None:
            assert sheet in sheetnames, f"sheet not in the file {sheetnames} {where}"
        if cell is None:
            assert check in CELL_OPTIONAL, f"finding without a cell {where}"
            if check in ("cell.required", "identity.invalid"):
                assert sheet.replace(" ", "").lower() == "identitas", (
                    f"only an absent Isian row has no cell {where}")
            if check == "column.missing":
                no_header.setdefault(sheet, set()).add(None)
            continue
        assert A1.match(cell), f"not an A1 address {where}"
        letters = "".join(ch for ch in cell if ch.isalpha())
        assert col_number(letters) <= MAX_COL and int(cell[len(letters):]) <= MAX_ROW, where
        if check == "column.missing":
            no_header.setdefault(sheet, set()).add(cell)
    for sheet, cells in no_header.items():
        # without a header row every required column is missing with no cell; with one,
        # every missing column points at that row's first cell
        assert len(cells) == 1, f"column.missing on {sheet} at {cells}\n{context}"
    assert severities == sorted(severities, key=lambda s: s != "error"), (
        f"errors must come before warnings: {checks}\n{context}")


def rows_of(rep: FileReport) -> list[tuple]:
    return [(f.check, f.sheet, f.cell, f.message, f.severity) for f in rep.findings]


def check_case(case: Case) -> FileReport:
    context = case.describe()
    try:
        rep = check_source(case.data, case.filename)
    except BaseException as exc:  # PanicException from calamine is a BaseException
        raise AssertionError(f"check_source raised {type(exc).__name__}: {exc}\n{context}") from exc
    context += "\nfindings:\n" + show(rep)
    assert_findings_sane(rows_of(rep), rep.readable, case.sheetnames, context)
    json.dumps(rep.to_json())  # every finding can be printed as JSON
    if case.expect == "clean":
        assert rep.findings == [], f"a harmless change gave findings\n{context}"
    elif case.expect == "unreadable":
        assert not rep.readable, f"expected file.unreadable\n{context}"
    elif case.expect == "readable":
        assert rep.readable, f"expected a readable workbook\n{context}"
    return rep


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def final_xlsx(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.xlsx") if not p.name.startswith("."))


def run_cli(case: Case, rep: FileReport, tmp: Path) -> None:
    """`check --json` and `process --json` on the case's file: exit codes, JSON, output."""
    context = case.describe() + "\nfindings:\n" + show(rep)
    src = tmp / "in" / case.filename
    src.parent.mkdir(parents=True)
    src.write_bytes(case.data)
    before = sha(src)
    want = expected_exit(rep)
    keys = [(f.check, f.sheet, f.cell) for f in rep.findings]

    res = cli("check", "--json", str(src))
    assert res.exit_code == want, f"check exit {res.exit_code}, want {want}\n{context}"
    doc = json.loads(res.stdout)
    (entry,) = doc["files"]
    assert entry["readable"] == rep.readable, context
    assert [(f["check"], f["sheet"], f["cell"]) for f in entry["findings"]] == keys, context
    assert_findings_sane([(f["check"], f["sheet"], f["cell"], f["message"], f["severity"])
                          for f in entry["findings"]], entry["readable"], case.sheetnames,
                         context)

    out = tmp / "out"
    res = cli("process", str(src), "-o", str(out), "--json")
    assert res.exit_code == want, f"process exit {res.exit_code}, want {want}\n{context}"
    (entry,) = json.loads(res.stdout)["files"]
    assert [(f["check"], f["sheet"], f["cell"]) for f in entry["findings"]] == keys, context
    written = final_xlsx(out) if out.exists() else []
    if rep.readable:
        assert entry["output"] and Path(entry["output"]).is_file(), context
        assert [Path(entry["output"]).resolve()] == [p.resolve() for p in written], context
        with zipfile.ZipFile(entry["output"]) as zf:  # a complete workbook of 12 sheets
            assert zf.testzip() is None
            assert zf.read("xl/workbook.xml").count(b"<sheet ") == 12
    else:
        assert entry["output"] is None and written == [], context
    if out.exists():
        assert not [p.name for p in out.iterdir() if p.name.startswith(".")], (
            f"temporary files left after a normal run\n{context}")
    assert sha(src) == before, f"the input was changed\n{context}"


# --- generated cases ------------------------------------------------------------------------


def test_mutation(mutation_seed, tmp_path_factory, slow):
    case = make_case(mutation_seed)
    rep = check_case(case)
    if mutation_seed % (5 if slow else 10) == 0:  # the real CLI: check --json, process
        run_cli(case, rep, tmp_path_factory.mktemp(f"s{mutation_seed}"))


def test_every_listed_damage_is_generated(slow):
    n = case_count(slow)
    assert n >= len(KINDS), "the run must cover every kind at least once"
    for damage, kinds in ISSUE_DAMAGE.items():
        assert kinds and all(k in KINDS for k in kinds), damage


def test_generator_is_reproducible():
    for seed in (0, 7, 13, 101, 250):
        a, b = make_case(seed), make_case(seed)
        assert a.steps == b.steps and a.filename == b.filename and a.base == b.base
        ra, rb = check_source(a.data, a.filename), check_source(b.data, b.filename)
        assert rows_of(ra) == rows_of(rb)


# --- targeted damage on the clean workbook: the finding each must give ----------------------


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _set(sheet: str, ref: str, value) -> Callable:
    def f(wb):
        wb[sheet][ref].value = value
    return f


def _plain(sheet: str, ref: str, value) -> Callable:
    """Set a value in a cell with the General number format (a bare number, not a date)."""
    def f(wb):
        wb[sheet][ref].value = value
        wb[sheet][ref].number_format = "General"
    return f


def _merge(sheet: str, ref: str) -> Callable:
    def f(wb):
        wb[sheet].merge_cells(ref)
    return f


def _delete_sheet(sheet: str) -> Callable:
    def f(wb):
        wb.remove(wb[sheet])
    return f


def _delete_row(sheet: str, row: int) -> Callable:
    def f(wb):
        wb[sheet].delete_rows(row)
    return f


def _insert_rows(sheet: str, row: int, n: int) -> Callable:
    def f(wb):
        wb[sheet].insert_rows(row, n)
    return f


def _headers(sheet: str, **refs) -> Callable:
    def f(wb):
        for ref, value in refs.items():
            wb[sheet][ref].value = value
    return f


def _hide(wb):
    wb["Pegawai"].sheet_state = "hidden"
    wb["LPPDes"].sheet_state = "veryHidden"
    for r in (3, 5, 8):
        wb["Realisasi"].row_dimensions[r].hidden = True
    wb["PK"].column_dimensions["H"].hidden = True


def _shuffle(wb):
    for name in ("Realisasi", "PK", "Identitas"):
        ws = wb[name]
        grid = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)]
                for r in range(1, ws.max_row + 1)]
        order = list(reversed(range(ws.max_column)))
        for r, row in enumerate(grid, start=1):
            for c, old in enumerate(order, start=1):
                ws.cell(r, c).value = row[old]


def _case_rename(wb):
    rename(wb, "PK", "pk")
    rename(wb, "Realisasi", " REALISASI ")
    rename(wb, "LPPDes", "LPP Des")


# (id, change, findings that must be there as (check, sheet, cell), or "clean")
TARGETED: list[tuple[str, Callable, object]] = [
    # empty strings vs spaces in required cells
    *[(f"blank-{sheet}-{ref}-{i}", _set(sheet, ref, value), [("cell.required", sheet, ref)])
      for i, (sheet, ref, value) in enumerate([
          ("Realisasi", "B5", "   "), ("Realisasi", "B5", ""), ("PK", "D4", "\u00a0"),
          ("Pegawai", "B4", "\t"), ("LPPDes", "B4", ""), ("Fasilitasi", "C4", "\u3000"),
          ("Identitas", "B7", " "), ("Realisasi", "C5", " "), ("Realisasi", "D8", "\n")])],
    ("blank-tahun", _set("Identitas", "B5", "  "), [("identity.invalid", "Identitas", "B5")]),
    ("blank-optional-spaces", lambda wb: [_set(s, r, v)(wb) for s, r, v in [
        ("PK", "O3", " "), ("PK", "K3", ""), ("Realisasi", "F10", "\u00a0"),
        ("LPPDes", "F3", "\t"), ("Realisasi", "A10", "   ")]], "clean"),
    # text in amount cells
    ("amount-text-pagu", _set("Realisasi", "C5", "sepuluh juta"),
     [("cell.invalid", "Realisasi", "C5")]),
    ("amount-text-anggaran", _set("PK", "L4", "Rp sepuluh"), [("cell.invalid", "PK", "L4")]),
    ("amount-number-as-text", _set("Realisasi", "C5", "Rp 10.000.000,-"),
     [("cell.number_as_text", "Realisasi", "C5")]),
    ("target-text", _set("PK", "H4", "tujuh puluh"), [("pk.target_missing", "PK", "H4")]),
    # huge and negative numbers
    ("negative-pagu", _set("Realisasi", "C5", -10_000_000),
     [("budget.negative", "Realisasi", "C5")]),
    ("negative-realisasi", _set("Realisasi", "D9", -1), [("budget.negative", "Realisasi", "D9")]),
    ("huge-pagu", _set("Realisasi", "C5", 10**16), [("cell.invalid", "Realisasi", "C5")]),
    ("huge-pagu-float", _set("Realisasi", "C6", 1e300), [("cell.invalid", "Realisasi", "C6")]),
    ("huge-anggaran", _set("PK", "L5", 10**18), [("cell.invalid", "PK", "L5")]),
    # 20-digit codes
    ("code-20-text", _set("Realisasi", "A5", "12345678901234567890"),
     [("budget.code_format", "Realisasi", "A5")]),
    ("code-20-number", _set("Realisasi", "A5", 12345678901234567890),
     [("cell.invalid", "Realisasi", "A5")]),
    ("nip-20-text", _set("Pegawai", "C4", "12345678901234567890"),
     [("staff.nip_format", "Pegawai", "C4")]),
    ("nip-18-number", _set("Pegawai", "C4", 198203152006042003),
     [("cell.invalid", "Pegawai", "C4")]),
    ("tahun-20-digits", _set("Identitas", "B5", "12345678901234567890"),
     [("identity.invalid", "Identitas", "B5")]),
    ("pk-kode-20", _set("PK", "K4", "12345678901234567890"), [("pk.code_unknown", "PK", "K4")]),
    # dates as text
    *[(f"date-text-ok-{i}", _set("LPPDes", "E3", text), "clean")
      for i, text in enumerate(["2023-01-10", "10/01/2023", "10 Januari 2023", "10 Jan 2023"])],
    *[(f"date-text-ok-identitas-{i}", _set("Identitas", "B12", text), "clean")
      for i, text in enumerate(["2023-03-31", "31/03/2023", "31 Maret 2023", "31 Mar 2023"])],
    *[(f"date-text-bad-{i}", _set("LPPDes", "E3", text), [("cell.invalid", "LPPDes", "E3")])
      for i, text in enumerate(["31/02/2023", "kemarin", "2023-02-30", "32 Januari 2023",
                                "10 Jamuari 2023"])],
    ("date-number-in-date", _plain("LPPDes", "D4", 45000), [("cell.invalid", "LPPDes", "D4")]),
    ("date-text-batas", _set("LPPDes", "D3", "2023-13-01"), [("cell.invalid", "LPPDes", "D3")]),
    ("date-after-period", _set("LPPDes", "E3", "10 Mei 2023"),
     [("villages.date_after_period", "LPPDes", "E3")]),
    # formulas without cached values
    *[(f"formula-{sheet}-{ref}", _set(sheet, ref, "=SUM(1,2)"),
       [("cell.formula_without_value", sheet, ref)])
      for sheet, ref in [("Realisasi", "C5"), ("Realisasi", "D9"), ("PK", "H4"), ("PK", "L5"),
                         ("Pegawai", "C4"), ("LPPDes", "E3"), ("Realisasi", "A5"),
                         ("Fasilitasi", "B3")]],
    ("formula-tahun", _set("Identitas", "B5", "=2020+3"), [("identity.invalid", "Identitas", "B5")]),
    # merged cells: an amount keeps the value in the first row only
    ("merge-amount", _merge("Realisasi", "C5:C6"), [("cell.required", "Realisasi", "C6")]),
    ("merge-same-text", _merge("Realisasi", "F3:F9"), "clean"),
    ("merge-batas-waktu", _merge("LPPDes", "D3:D4"), "clean"),
    # hidden rows and sheets, shuffled columns, sheet names: harmless
    ("hidden", _hide, "clean"),
    ("shuffled-columns", _shuffle, "clean"),
    ("sheet-name-case-spaces", _case_rename, "clean"),
    # deleted / renamed sheets
    ("no-realisasi", _delete_sheet("Realisasi"), [("sheet.missing", "Realisasi", None)]),
    ("no-pk", _delete_sheet("PK"), [("sheet.missing", "PK", None)]),
    ("no-identitas", _delete_sheet("Identitas"), [("sheet.missing", "Identitas", None)]),
    ("no-lppdes-derived", _delete_sheet("LPPDes"), [("sheet.missing", "LPPDes", None)]),
    ("no-pegawai", _delete_sheet("Pegawai"), "clean"),
    ("no-fasilitasi", _delete_sheet("Fasilitasi"), "clean"),
    ("renamed-realisasi", lambda wb: rename(wb, "Realisasi", "Anggaran"),
     [("sheet.missing", "Realisasi", None)]),
    # deleted / renamed headers
    ("header-renamed", _headers("Realisasi", C2="Plafon"), [("column.missing", "Realisasi", "A2")]),
    ("header-deleted-first", _headers("Realisasi", A2=None), [("column.missing", "Realisasi", "B2")]),
    ("header-duplicate", _headers("Realisasi", F2="Pagu"), [("cell.ambiguous", "Realisasi", "F2")]),
    ("header-row-gone", _headers("Realisasi", A2=None, B2=None, C2=None),
     [("column.missing", "Realisasi", None)] * 4),
    ("header-below-row-15", _insert_rows("PK", 1, 14), [("column.missing", "PK", None)] * 5),
    ("header-alias", _headers("Realisasi", A2="Kode Rekening", C2="Pagu (Rp)", E2="SISA ANGGARAN"),
     "clean"),
    ("header-trap", _headers("PK", H2="Target Tahun Lalu"),
     [("column.missing", "PK", "A2"), ("cell.ambiguous", "PK", "M2")]),
    # absent Identitas rows
    ("no-tahun-row", _delete_row("Identitas", 5), [("identity.invalid", "Identitas", None)]),
    ("no-triwulan-row", _delete_row("Identitas", 6), [("identity.invalid", "Identitas", None)]),
    ("no-nama-kepala-row", _delete_row("Identitas", 7), [("cell.required", "Identitas", None)]),
]


@pytest.mark.parametrize("change,expect", [(c, e) for _, c, e in TARGETED],
                         ids=[i for i, _, _ in TARGETED])
def test_targeted(change, expect):
    wb = clean_book()
    change(wb)
    names = list(wb.sheetnames)
    rep = check_source(_save(wb), "isian.xlsx")
    context = "findings:\n" + show(rep)
    assert_findings_sane(rows_of(rep), rep.readable, names, context)
    if expect == "clean":
        assert rep.findings == [], context
        return
    got = [(f.check, f.sheet, f.cell) for f in rep.findings]
    for key in set(expect):
        assert got.count(key) >= expect.count(key), f"missing {key}\n{context}"
    if ("sheet.missing", "Identitas", None) in expect:
        # "A missing Identitas sheet gives sheet.missing only" (checks.md, edge rules)
        assert not [k for k in got if k[1] == "Identitas" and k[0] != "sheet.missing"], context


# --- file-level damage with a known outcome --------------------------------------------------

DATA = Path(__file__).parent / "data"
SAMPLE_PATH = Path(__file__).resolve().parent.parent / "samples" / "tempursari-2023-tw1.xlsx"


def _corrupt_deflate(data: bytes, member: str = "docProps/app.xml") -> bytes:
    """Damage the compressed bytes of one member (its CRC and sizes stay)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(member)
    buf = bytearray(data)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(min(8, info.compress_size)):
        buf[start + k] ^= 0xFF
    return bytes(buf)


def _sample() -> bytes:
    return SAMPLE_PATH.read_bytes()


def _deflated_sample() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_sample())) as zin, zipfile.ZipFile(
            out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zin.infolist():
            zo.writestr(info.filename, zin.read(info.filename))
    return out.getvalue()


FILE_CASES = {
    # name: (file name, bytes, readable?)
    "zero-bytes": lambda: ("isian.xlsx", b"", False),
    "csv-named-xlsx": lambda: ("isian.xlsx", b"Kode;Uraian;Pagu\n7.01.01;x;1000\n", False),
    "pdf-named-xlsx": lambda: ("isian.xlsx", b"%PDF-1.4\n%%EOF\n", False),
    "truncated-xlsx-half": lambda: ("isian.xlsx", _sample()[: len(_sample()) // 2], False),
    "truncated-xlsx-last-byte": lambda: ("isian.xlsx", _sample()[:-1], False),
    "truncated-ods": lambda: ("isian.ods", (DATA / "tempursari.ods").read_bytes()[:9000], False),
    "corrupt-deflate-stream": lambda: ("isian.xlsx", _corrupt_deflate(_deflated_sample()), False),
    "zip-encrypted-flag": lambda: ("isian.xlsx", encrypted_flag(_sample()), False),
    "encrypted-workbook": lambda: ("isian.xlsx", (DATA / "terkunci.xlsx").read_bytes(), False),
    "xls-truncated-99pc": lambda: ("isian.xls", (DATA / "tempursari.xls").read_bytes()[
        : int(len((DATA / "tempursari.xls").read_bytes()) * 0.99)], False),
    "xls-named-xlsx": lambda: ("isian.xlsx", (DATA / "tempursari.xls").read_bytes(), True),
    "ods-named-xlsx": lambda: ("isian.xlsx", (DATA / "tempursari.ods").read_bytes(), True),
}


@pytest.mark.parametrize("name", list(FILE_CASES))
def test_file_damage(name, tmp_path):
    filename, data, readable = FILE_CASES[name]()
    try:
        rep = check_source(data, filename)
    except BaseException as exc:
        raise AssertionError(f"{name}: check_source raised {type(exc).__name__}: {exc}") from exc
    assert_findings_sane(rows_of(rep), rep.readable, None, name + "\n" + show(rep))
    assert rep.readable == readable, show(rep)
    if not readable:
        assert "file.unreadable" == rep.findings[0].check and rep.findings[0].message
    src = tmp_path / filename
    src.write_bytes(data)
    res = cli("check", "--json", str(src))
    assert res.exit_code == expected_exit(rep)
    assert src.read_bytes() == data


# --- inputs that can exhaust memory: one subprocess each, with limits ------------------------

MEMORY_LIMIT = 1024**3  # address space of the checking process (the sample needs ~300 MB)
TIME_LIMIT = 10  # seconds (the inputs are tiny files)


def _xlsx_with_sheet_edit(edit: Callable[[str], str], sheet: str = "Realisasi") -> bytes:
    wb = clean_book()
    idx = wb.sheetnames.index(sheet) + 1
    data = _save(wb)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w",
                                                                   zipfile.ZIP_DEFLATED) as zo:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == f"xl/worksheets/sheet{idx}.xml":
                blob = edit(blob.decode()).encode()
            zo.writestr(info.filename, blob)
    return out.getvalue()


def _far_value(ref: str, sheet: str = "Realisasi") -> bytes:
    row = int("".join(ch for ch in ref if ch.isdigit()))
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
    return _xlsx_with_sheet_edit(lambda s: s.replace("</sheetData>", cell + "</sheetData>"), sheet)


def _merge_xml(ref: str) -> bytes:
    merge = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
    return _xlsx_with_sheet_edit(lambda s: s.replace("</sheetData>", "</sheetData>" + merge))


def _ods_repeated(rows: int, cols: int) -> bytes:
    src = Path(__file__).parent / "data" / "tempursari.ods"
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zo:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == "content.xml":
                text = blob.decode()
                start = text.find('table:name="Realisasi"')
                tail = text.find('table:number-rows-repeated="', start)
                at = text.rfind("<table:table-row", start, tail)
                row = (f'<table:table-row table:number-rows-repeated="{rows}">'
                       f'<table:table-cell table:number-columns-repeated="{cols}" '
                       f'office:value-type="string"><text:p>DAU</text:p></table:table-cell>'
                       f"</table:table-row>")
                blob = (text[:at] + row + text[at:]).encode()
            zo.writestr(info, blob, compress_type=zipfile.ZIP_STORED
                        if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
    return out.getvalue()


SLOW = pytest.mark.slow_only
RESOURCE_CASES = {
    # a stray value at the last cell of a sheet (Ctrl+End accidents): 17 billion cells
    "value-at-XFD1048576": lambda: ("isian.xlsx", _far_value("XFD1048576")),
    "value-at-XFD1048576-identitas": lambda: ("isian.xlsx", _far_value("XFD1048576", "Identitas")),
    "value-at-A1048576": lambda: ("isian.xlsx", _far_value("A1048576")),
    "value-at-ZZ100000": lambda: ("isian.xlsx", _far_value("ZZ100000")),
    "invalid-ref-ZZZZ99": lambda: ("isian.xlsx", _far_value("ZZZZ99")),
    # a merged range over whole rows or the whole sheet
    "merge-A12:XFD2000": lambda: ("isian.xlsx", _merge_xml("A12:XFD2000")),
    "merge-G3:XFD1048576": lambda: ("isian.xlsx", _merge_xml("G3:XFD1048576")),
    "merge-A1:XFD1048576": lambda: ("isian.xlsx", _merge_xml("A1:XFD1048576")),
    # LibreOffice: values filled down to the last row are stored once, repeated (18 KB)
    "ods-1M-repeated-rows": lambda: ("isian.ods", _ods_repeated(1_000_000, 1)),
    "ods-1M-rows-6-cols": lambda: ("isian.ods", _ods_repeated(1_000_000, 6)),
    "ods-repeated-16384-cols": lambda: ("isian.ods", _ods_repeated(50, 16384)),
}
# CI runs one case of each family; --slow runs them all
RESOURCE_SLOW = {"value-at-A1048576", "value-at-ZZ100000", "invalid-ref-ZZZZ99",
                 "merge-G3:XFD1048576", "merge-A1:XFD1048576", "ods-1M-repeated-rows"}


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("name", [pytest.param(n, marks=SLOW) if n in RESOURCE_SLOW else n
                                  for n in RESOURCE_CASES])
def test_resource_damage(name, tmp_path):
    """A small file must not make `check` exhaust memory or hang: it is read, or it is
    `file.unreadable` with a reason, within TIME_LIMIT s and MEMORY_LIMIT bytes."""
    filename, data = RESOURCE_CASES[name]()
    path = tmp_path / filename
    path.write_bytes(data)
    started = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-m", "lkj_excel.cli", "check", "--json",
                               str(path)], capture_output=True, text=True, timeout=TIME_LIMIT,
                              preexec_fn=_limits)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name} ({len(data)} bytes): check did not finish in {TIME_LIMIT} s")
    took = time.monotonic() - started
    lines = proc.stderr.strip().splitlines()
    tail = "\n".join(lines[:2] + ["..."] + lines[-6:]) if len(lines) > 8 else "\n".join(lines)
    assert "Traceback" not in proc.stderr and "panicked" not in proc.stderr, (
        f"{name}: crashed (exit {proc.returncode}, {took:.1f} s):\n{tail}")
    assert proc.returncode in (0, 1, 2), f"{name}: killed (exit {proc.returncode}):\n{tail}"
    (entry,) = json.loads(proc.stdout)["files"]
    rows = [(f["check"], f["sheet"], f["cell"], f["message"], f["severity"])
            for f in entry["findings"]]
    assert_findings_sane(rows, entry["readable"], None, name)
    errors = any(f["severity"] == "error" for f in entry["findings"])
    assert proc.returncode == (2 if not entry["readable"] else 1 if errors else 0)


# --- 200,000 rows ----------------------------------------------------------------------------

N_ROWS = 200_000
PER_KEGIATAN = 5_000
PAGU, REAL = 1_000, 400
PROGRAM_CODE = "7.01.90"  # outside the nomenclature: no budget.code_unknown per row
BAD_PAGU_ROW = 150_003  # 1-based sheet rows of planted damage
TEXT_PAGU_ROW = 100_004
DUP_ROW = 199_990
OVER_ROW = 50_010


def write_big(path: Path) -> dict[str, int]:
    """Identitas, PK and a Realisasi of one program, 40 kegiatan and 200,000 sub kegiatan,
    written row by row (xlsxwriter constant_memory); some damage planted deep down."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    date_fmt = wb.add_format({"num_format": "d mmmm yyyy"})
    sheets = clean_sheets()
    ws = wb.add_worksheet("Identitas")
    for r, row in enumerate(sheets["Identitas"]):
        for c, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), date_fmt)
            elif v is not None:
                ws.write(r, c, v)
    ws = wb.add_worksheet("PK")
    ws.write_row(0, 0, ["PERJANJIAN KINERJA"])
    ws.write_row(1, 0, HEADERS["PK"])
    ws.write_row(2, 0, [1, "Sasaran Program", "Camat", "Sasaran", "Indikator", "%", "Naik", 90,
                        50, None, PROGRAM_CODE, None])
    ws = wb.add_worksheet("Realisasi")
    ws.write_string(0, 0, "REALISASI ANGGARAN")
    ws.write_row(1, 0, HEADERS["Realisasi"])
    ws.write_row(2, 0, [PROGRAM_CODE, PROGRAM])
    r = 3
    planted: dict[str, int] = {}
    n_keg = N_ROWS // PER_KEGIATAN
    for k in range(1, n_keg + 1):
        ws.write_row(r, 0, [f"{PROGRAM_CODE}.2.{k:02d}", f"Kegiatan {k}"])
        r += 1
        for s in range(1, PER_KEGIATAN + 1):
            code = f"{PROGRAM_CODE}.2.{k:02d}.{s:04d}"
            pagu, real = PAGU, REAL
            if r + 1 == BAD_PAGU_ROW:
                pagu = "sepuluh ribu"
            elif r + 1 == TEXT_PAGU_ROW:
                pagu = "Rp 1.000,-"
            elif r + 1 == OVER_ROW:
                real = PAGU + 1
            elif r + 1 == DUP_ROW:
                code = f"{PROGRAM_CODE}.2.{k:02d}.0001"
            ws.write_string(r, 0, code)
            ws.write_string(r, 1, f"Sub kegiatan {k}.{s}")
            if isinstance(pagu, str):
                ws.write_string(r, 2, pagu)
            else:
                ws.write_number(r, 2, pagu)
            ws.write_number(r, 3, real)
            ws.write_string(r, 5, "DAU")
            r += 1
    planted["last_row"] = r
    ws.write_row(r, 0, [None, "Jumlah"])
    wb.close()
    return planted


@pytest.fixture(scope="module")
def big_workbook(tmp_path_factory) -> tuple[Path, float]:
    path = tmp_path_factory.mktemp("besar") / "besar.xlsx"
    started = time.monotonic()
    write_big(path)
    return path, time.monotonic() - started


@pytest.mark.big
def test_200k_rows(big_workbook):
    path, write_time = big_workbook
    written = time.monotonic()
    rep = check_source(path, str(path))
    took = time.monotonic() - written
    context = f"write {write_time:.1f} s, check {took:.1f} s\n" + show(rep)[:5000]
    assert rep.readable, context
    assert_findings_sane(rows_of(rep), rep.readable,
                         ["Identitas", "PK", "Realisasi"], context)
    got = sorted((f.check, f.sheet, f.cell) for f in rep.findings)
    want = sorted([
        ("cell.invalid", "Realisasi", f"C{BAD_PAGU_ROW}"),
        ("cell.number_as_text", "Realisasi", f"C{TEXT_PAGU_ROW}"),
        ("budget.over_pagu", "Realisasi", f"D{OVER_ROW}"),
        ("budget.code_duplicate", "Realisasi", f"A{DUP_ROW}"),
    ])
    assert got == want, context
    print(f"checking 200,000 rows took {took:.1f} s")  # a figure, not a test: see benchmarks/


@pytest.mark.big
@pytest.mark.slow_only
def test_200k_rows_process(big_workbook, tmp_path):
    """`process` writes the LKj workbook of the 200,000-row input (about 50 s here)."""
    path, _ = big_workbook
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    res = cli("process", str(path), "-o", str(tmp_path / "hasil"), "--json")
    assert res.exit_code == 1  # the planted errors
    (entry,) = json.loads(res.stdout)["files"]
    assert entry["output"] and Path(entry["output"]).is_file()
    with zipfile.ZipFile(entry["output"]) as zf:
        assert zf.testzip() is None
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
