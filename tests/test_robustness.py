"""Robustness guarantees of SECURITY.md (issue 5, items 3 and 4).

- Nothing gets in: text starting with `=`, `+`, `-`, `@`, tab or CR typed in any text cell
  is written as text (never a formula, a hyperlink or a DDE link) in the LKj workbook, the
  Rekap and Semua Temuan; the outputs hold no external links.
- Nothing is lost: `kill -9` during a run leaves no partial file under a final name (hidden
  temporary files, `.LKj-*.tmp` / `.lkj-tmp-*.xlsx` / `.Rekap-*.tmp`, may remain: they start
  with `.`, batch runs skip them and the next run replaces the outputs); inputs are byte
  identical after every command; an output folder that cannot be created or written and a
  full disk give exit 2 and a clear message, never a traceback.
"""

from __future__ import annotations

import errno
import hashlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import clean_book, save
from click.testing import CliRunner

from lkj_excel.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-1-1",
    "@SUM(1)",
    "\tTAB",
    "\rCR",
    "=cmd|' /C calc'!A0",
    "\t=1+2",
    "\r\n=1+3",
    ' =HYPERLINK("http://x","z")',
]
# what must never be found inside a formula of an output
FORMULA_MARKERS = ["HYPERLINK", "cmd|", "calc", "SUM(1)", "1+1", "1-1", "1+2", "1+3"]
HOSTILE_FILE_NAMES = ["=1+1.xlsx", "+1+1.xlsx", "-1-1.xlsx", "@SUM(1).xlsx"]

# text cells of the clean workbook (builders.py layout), per sheet: column -> rows
TEXT_CELLS = {
    "Identitas": {"B": [3, 4, 7, 9, 11]},  # Perangkat/Pemerintah Daerah, Nama/Jabatan Kepala, Tempat
    "PK": {c: [3, 4, 5] for c in "ACDEFO"},  # No, Penanggung Jawab, Sasaran, Indikator, Satuan, Ket.
    "Realisasi": {"B": list(range(3, 10)), "F": list(range(3, 11))},  # Uraian, Sumber Dana
    "Fasilitasi": {"C": [3, 4, 5], "F": [3, 4, 5]},  # Uraian, Keterangan
    "LPPDes": {"B": list(range(3, 9)), "F": list(range(3, 9))},  # Desa, Keterangan
    "Pegawai": {c: [3, 4, 5] for c in "BEFG"},  # Nama, Pangkat/Golongan, Jabatan, Pendidikan
}
# typed cells that then give a finding whose `found`/`kode` is the text (Semua Temuan)
FINDING_CELLS = [("Realisasi", "C9"), ("Realisasi", "A9"), ("PK", "K5"), ("Pegawai", "C5"),
                 ("Fasilitasi", "E4"), ("PK", "B5")]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Inputs:
    """The input files of a test, with their hashes: `check()` after every command."""

    def __init__(self, *paths: Path):
        self.paths = list(paths)
        self.files = sorted({f for p in self.paths for f in ([p] if p.is_file() else
                                                            p.rglob("*")) if f.is_file()})
        self.hashes = {f: sha(f) for f in self.files}

    def check(self, after: str) -> None:
        for f, h in self.hashes.items():
            assert f.exists(), f"{f} disappeared after {after}"
            assert sha(f) == h, f"{f} changed after {after}"


def invoke(*args: str):
    """Run the CLI in-process; any exception other than the exit is a test failure that
    shows its traceback (the user would have seen it)."""
    res = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        tb = "".join(traceback.format_exception(res.exception))
        pytest.fail(f"lkj-excel {' '.join(map(str, args))} raised:\n{tb}")
    return res


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 180):
    """Run the real `lkj-excel` in a subprocess."""
    return subprocess.run([sys.executable, "-m", "lkj_excel.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=timeout)


def final_names(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


# --- nothing gets in -----------------------------------------------------------------------


def put_text(ws, ref: str, text: str) -> None:
    """A text cell, even for `=...` (openpyxl would otherwise write a formula)."""
    cell = ws[ref]
    cell.value = text
    cell.data_type = "s"


def hostile_book(payload: str):
    wb = clean_book()
    for sheet, cols in TEXT_CELLS.items():
        ws = wb[sheet]
        for col, rows in cols.items():
            for i, r in enumerate(rows):
                # one exact copy per column; the other rows differ (no duplicate items)
                put_text(ws, f"{col}{r}", payload if i == 0 else f"{payload} {i}")
    for sheet, ref in FINDING_CELLS:
        put_text(wb[sheet], ref, payload)
    return wb


def zip_problems(path: Path) -> list[str]:
    """External links, DDE, OLE links, external relationships, payloads in formulas."""
    problems = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            low = name.lower()
            if "externallink" in low or "connections" in low or "vbaproject" in low:
                problems.append(f"part {name}")
            blob = zf.read(name)
            for marker in (b"ddeLink", b"ddeService", b"oleLink", b"externalReference",
                           b"externalBook"):
                if marker in blob:
                    problems.append(f"{marker.decode()} in {name}")
            if name.endswith(".rels"):
                for target_mode in re.findall(rb'TargetMode="([^"]*)"', blob):
                    problems.append(f"TargetMode={target_mode.decode()} in {name}")
                if b"http://x" in blob or b"hyperlink" in blob.lower():
                    problems.append(f"hyperlink relationship in {name}")
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                if b"<hyperlink" in blob:
                    problems.append(f"hyperlink element in {name}")
                for f in re.findall(rb"<f(?:\s[^>]*)?>(.*?)</f>", blob, re.S):
                    text = html.unescape(f.decode("utf-8"))
                    hits = [m for m in FORMULA_MARKERS if m in text]
                    if hits:
                        problems.append(f"formula {text!r} in {name}")
    return problems


def cells_by_type(path: Path) -> tuple[set[str], list[str]]:
    """(values of the text cells, formulas) of every sheet, read with openpyxl."""
    wb = openpyxl.load_workbook(path)
    strings: set[str] = set()
    formulas: list[str] = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                if cell.data_type == "f":
                    formulas.append(str(cell.value))
                elif cell.data_type == "s":
                    strings.add(str(cell.value))
                if cell.hyperlink is not None:
                    formulas.append(f"hyperlink {cell.hyperlink.target}")
    return strings, formulas


def forms(payload: str) -> set[str]:
    """The payload as it may be shown: as typed, or trimmed (the reader trims text)."""
    return {payload, payload.strip()}


def test_hostile_text_stays_text(tmp_path, monkeypatch):
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    names = []
    for k, payload in enumerate(PAYLOADS):
        name = HOSTILE_FILE_NAMES[k] if k < len(HOSTILE_FILE_NAMES) else f"isian-{k}.xlsx"
        save(hostile_book(payload), inbox, name)
        names.append(name)
    inputs = Inputs(inbox)
    out = tmp_path / "hasil"
    # `.` as the input: the file names (`=1+1.xlsx`) reach the Rekap as they are
    proc = run_cli("process", ".", "-o", out, "--json", cwd=inbox)
    inputs.check("process")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr  # every file has findings (errors)
    doc = json.loads(proc.stdout)
    by_file = {f["file"]: f for f in doc["files"]}
    assert sorted(by_file) == sorted(names)
    outputs = sorted(out.glob("*.xlsx"))
    rekap = [p for p in outputs if p.name.startswith("Rekap")]
    assert len(rekap) == 1 and len(outputs) == len(PAYLOADS) + 1, [p.name for p in outputs]

    for path in outputs:
        assert zip_problems(path) == [], path.name
        strings, formulas = cells_by_type(path)
        bad = [f for f in formulas if any(m in f for m in FORMULA_MARKERS)]
        assert bad == [], f"{path.name}: input text became a formula or link: {bad}"
    for k, (name, payload) in enumerate(zip(names, PAYLOADS, strict=True)):
        entry = by_file[name]
        assert entry["output"], entry
        lkj = Path(entry["output"])
        if not lkj.is_absolute():
            lkj = inbox / lkj
        strings, _ = cells_by_type(lkj)
        assert strings & forms(payload), f"payload {k} {payload!r} not written as text in {lkj.name}"
        # every text column's first copy is in the LKj workbook somewhere, as text
        assert any(f"{payload.strip()} 1" in s for s in strings), (
            f"payload {k}: the copies in the lists are missing from {lkj.name}")
    strings, _ = cells_by_type(rekap[0])
    for k, payload in enumerate(PAYLOADS):
        assert strings & forms(payload), f"payload {k} {payload!r} not in the Rekap as text"
    for name in HOSTILE_FILE_NAMES:
        assert name in strings, f"file name {name!r} not in the Rekap as text"
    wb = openpyxl.load_workbook(rekap[0])
    temuan = {str(c.value) for row in wb["Semua Temuan"].iter_rows() for c in row
              if c.value is not None and c.data_type == "s"}
    for k, payload in enumerate(PAYLOADS):
        assert any(payload.strip() in v for v in temuan), (
            f"payload {k} {payload!r} (a finding's Ditemukan/Kode) not in Semua Temuan")

    # `check --json` prints the same text, escaped, and leaves the inputs alone
    proc = run_cli("check", ".", "--json", cwd=inbox)
    inputs.check("check")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    for f in json.loads(proc.stdout)["files"]:
        payload = PAYLOADS[names.index(f["file"])]
        assert f["perangkat_daerah"] in forms(payload), f


def test_hostile_text_single_file_process(tmp_path):
    """The single-file path (no batch, no Rekap) writes the same way."""
    payload = "=cmd|' /C calc'!A0"
    src = save(hostile_book(payload), tmp_path, "isian.xlsx")
    inputs = Inputs(src)
    res = invoke("process", src, "-o", tmp_path / "hasil")
    inputs.check("process")
    assert res.exit_code == 1
    (lkj,) = (tmp_path / "hasil").glob("*.xlsx")
    assert zip_problems(lkj) == []
    strings, formulas = cells_by_type(lkj)
    assert payload in strings
    assert not [f for f in formulas if any(m in f for m in FORMULA_MARKERS)]


# --- nothing is lost: kill -9 ----------------------------------------------------------------


@pytest.fixture(scope="module")
def inbox30(tmp_path_factory) -> Path:
    inbox = tmp_path_factory.mktemp("kotak-masuk")
    for i in range(1, 31):
        shutil.copy(SAMPLE, inbox / f"isian-{i:02d}.xlsx")
    return inbox


def _kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the command's process, then what is left of its group (pool workers)."""
    try:
        os.kill(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    time.sleep(0.2)


def assert_no_partial_files(out: Path) -> list[str]:
    """Every file under a final name opens; return the hidden leftovers."""
    for p in final_names(out):
        assert p.suffix == ".xlsx", p
        with zipfile.ZipFile(p) as zf:
            assert zf.testzip() is None, f"{p.name} is damaged"
        openpyxl.load_workbook(p)  # opens: not a partial file
    return sorted(p.name for p in out.rglob(".*"))


def test_kill_9_leaves_no_partial_file(inbox30, tmp_path, slow):
    """`process` on 30 workbooks (about 4 s here), killed with SIGKILL at several delays:
    whatever is under a final name opens; then a new run completes over the leftovers."""
    inputs = Inputs(inbox30)
    delays = [0.2, 0.5, 1.0, 1.5, 2.0, 3.0] if slow else [0.5, 1.5]
    killed = 0
    for delay in delays:
        out = tmp_path / f"hasil-{delay}"
        proc = subprocess.Popen([sys.executable, "-m", "lkj_excel.cli", "process", str(inbox30),
                                 "-o", str(out), "-q"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        _kill_group(proc)
        killed += proc.returncode == -signal.SIGKILL
        inputs.check(f"kill -9 after {delay} s")
        leftovers = assert_no_partial_files(out) if out.exists() else []
        # hidden temporary files may remain; batch runs skip them, the next run replaces
        assert all(n.startswith(".") for n in leftovers)
    assert killed, "every run ended before it was killed: nothing was tested"
    res = run_cli("process", inbox30, "-o", out, "-q")
    inputs.check("the run after kill -9")
    assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr
    finals = final_names(out)
    assert len([p for p in finals if p.name.startswith("LKj-")]) == 30, finals
    assert len([p for p in finals if p.name.startswith("Rekap")]) == 1, finals
    for p in finals:
        with zipfile.ZipFile(p) as zf:
            assert zf.testzip() is None


SLOW_DISK = """
import sys, time, zipfile
for name in ("write", "writestr"):
    orig = getattr(zipfile.ZipFile, name)
    def slow(self, *a, _orig=orig, **k):
        if self.mode != "r":
            time.sleep(0.15)
        return _orig(self, *a, **k)
    setattr(zipfile.ZipFile, name, slow)
from lkj_excel.cli import main
sys.argv = ["lkj-excel", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("mode", ["single", "batch"])
def test_kill_9_mid_write(tmp_path, inbox30, mode):
    """A slow disk (every zip member takes 0.15 s): kill -9 while an output is being
    written; nothing may exist under a final name."""
    out = tmp_path / "hasil"
    out.mkdir()
    src = inbox30 / "isian-01.xlsx" if mode == "single" else inbox30
    inputs = Inputs(src)
    args = ["process", str(src), "-o", str(out), "-q"] + (["-j", "1"] if mode == "batch" else [])
    proc = subprocess.Popen([sys.executable, "-c", SLOW_DISK, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if [p for p in out.iterdir() if p.stat().st_size > 0]:
            break
        time.sleep(0.05)
    time.sleep(0.3)  # well inside the write: the file has more than 20 members
    assert proc.poll() is None, "the run finished before it could be killed"
    _kill_group(proc)
    inputs.check("kill -9 mid-write")
    assert final_names(out) == [], "a partial output under a final name"
    leftovers = assert_no_partial_files(out)
    assert leftovers, "the write had started: its hidden temporary file is expected"


# --- nothing is lost: inputs, output folder, permissions, full disk ---------------------------


def test_inputs_unchanged_by_every_command(tmp_path):
    folder = tmp_path / "isian"
    folder.mkdir()
    src = folder / "isian.xlsx"
    shutil.copy(SAMPLE, src)
    broken = folder / "rusak.xlsx"
    broken.write_bytes(SAMPLE.read_bytes()[:5000])
    inputs = Inputs(folder)
    for args in (["check", src], ["check", folder, "--json"], ["process", src],
                 ["process", src, "-o", src], ["process", src, "-o", folder],
                 ["process", folder, "-o", folder], ["process", folder],
                 ["process", src, "-o", tmp_path / "a" / "b" / "c"], ["checks"]):
        res = run_cli(*args, cwd=tmp_path)
        inputs.check(" ".join(map(str, args)))
        assert "Traceback" not in res.stderr, (args, res.stderr)
        assert res.returncode in (0, 1, 2), (args, res.returncode)


def test_output_over_the_input_keeps_the_input(tmp_path):
    src = tmp_path / "isian.xlsx"
    shutil.copy(SAMPLE, src)
    inputs = Inputs(src)
    res = invoke("process", src, "-o", src)
    inputs.check("process -o <the input>")
    assert res.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["isian-2.xlsx", "isian.xlsx"]


def test_output_folder_is_created(tmp_path):
    src = tmp_path / "isian.xlsx"
    shutil.copy(SAMPLE, src)
    out = tmp_path / "a" / "b" / "hasil"
    res = invoke("process", src, "-o", out)
    assert res.exit_code == 1
    assert [p.name for p in final_names(out)] == ["LKj-Kecamatan-Tempursari-2023-TW1.xlsx"]
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / "isian.xlsx")
    res = invoke("process", inbox, "-o", tmp_path / "x" / "y")  # batch: LKj and Rekap
    assert res.exit_code == 1
    assert len(final_names(tmp_path / "x" / "y")) == 2


def _no_traceback(res) -> str:
    text = res.stdout + (res.stderr or "")
    assert "Traceback" not in text, text
    return text


@pytest.mark.parametrize("mode", ["single", "single-xlsx", "batch"])
def test_output_folder_under_a_file(tmp_path, mode):
    src = tmp_path / "isian.xlsx"
    shutil.copy(SAMPLE, src)
    blocker = tmp_path / "bukan-folder.txt"
    blocker.write_text("saya berkas, bukan folder")
    inputs = Inputs(src, blocker)
    out = blocker / ("hasil.xlsx" if mode == "single-xlsx" else "hasil")
    args = ["process", src, "-o", out] + ([tmp_path / "lain.xlsx"] if mode == "batch" else [])
    if mode == "batch":
        shutil.copy(SAMPLE, tmp_path / "lain.xlsx")
    res = invoke(*args)
    inputs.check("process")
    assert res.exit_code == 2
    _no_traceback(res)
    assert "Gagal menulis" in res.stderr and "tidak dapat" in res.stderr, res.stderr
    assert str(blocker) in res.stderr, res.stderr
    # the reason is the system's ("Not a directory"; "File exists" when the .xlsx's folder
    # is the file itself)
    assert "Not a directory" in res.stderr or "File exists" in res.stderr, res.stderr
    # the real command: same exit, no traceback
    proc = run_cli(*args)
    inputs.check("process (subprocess)")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
@pytest.mark.parametrize("mode", ["single", "batch"])
def test_read_only_output_folder(tmp_path, mode):
    src = tmp_path / "isian.xlsx"
    shutil.copy(SAMPLE, src)
    out = tmp_path / "hasil"
    out.mkdir()
    out.chmod(0o555)
    try:
        args = ["process", src, "-o", out] + ([src.parent] if mode == "batch" else [])
        res = invoke(*args)
        assert res.exit_code == 2
        _no_traceback(res)
        assert "Gagal menulis" in res.stderr and "Permission denied" in res.stderr, res.stderr
        assert final_names(out) == []
    finally:
        out.chmod(0o755)


def _enospc(*_a, **_k):
    raise OSError(errno.ENOSPC, "No space left on device")


def _patch_full_disk(monkeypatch, how: str) -> None:
    import xlsxwriter

    if how == "close":  # the workbook cannot be closed (written)
        monkeypatch.setattr(xlsxwriter.Workbook, "close", _enospc)
    else:  # the disk fills while the zip is written: xlsxwriter wraps it (FileCreateError)
        for name in ("write", "writestr"):
            orig = getattr(zipfile.ZipFile, name)

            def full(self, *a, _orig=orig, **k):
                if self.mode != "r":
                    _enospc()
                return _orig(self, *a, **k)

            monkeypatch.setattr(zipfile.ZipFile, name, full)


@pytest.mark.parametrize("how", ["close", "zip-write"])
@pytest.mark.parametrize("mode", ["single", "batch"])
def test_full_disk(tmp_path, monkeypatch, mode, how):
    src = tmp_path / "masuk" / "isian.xlsx"
    src.parent.mkdir()
    shutil.copy(SAMPLE, src)
    shutil.copy(SAMPLE, src.parent / "isian-2.xlsx")
    inputs = Inputs(src.parent)
    out = tmp_path / "hasil"
    _patch_full_disk(monkeypatch, how)
    args = (["process", src, "-o", out] if mode == "single"
            else ["process", src.parent, "-o", out, "-j", "1"])
    res = invoke(*args)
    inputs.check("process on a full disk")
    assert res.exit_code == 2, res.output
    _no_traceback(res)
    assert "No space left on device" in res.stderr, res.stderr
    assert "Gagal menulis" in res.stderr, res.stderr
    if out.exists():
        assert final_names(out) == [], "a file under a final name"
        assert list(out.iterdir()) == [], f"temporary files left: {list(out.iterdir())}"


def test_full_disk_json_still_reports(tmp_path, monkeypatch):
    """With --json on a full disk the findings are still printed for a batch."""
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / "a.xlsx")
    shutil.copy(SAMPLE, inbox / "b.xlsx")
    _patch_full_disk(monkeypatch, "close")
    res = invoke("process", inbox, "-o", tmp_path / "hasil", "-j", "1", "--json")
    assert res.exit_code == 2
    doc = json.loads(res.stdout)
    assert len(doc["files"]) == 2 and all(f["output"] is None for f in doc["files"])


# --- extreme numbers through `process` (a crash there is a crash of the command) -------------

EXTREME = [
    ("PK", "H4", 5e-324),  # a denormal target: capaian overflows a float
    ("PK", "H4", 1e-310),
    ("PK", "H4", 1e-10, "PK", "I4", 1e300),
    ("PK", "M4", 5e-324, "PK", "N4", 100),
    ("PK", "N4", 1e308),
    ("Identitas", "B10", 1e300),
    ("Realisasi", "C5", 999_999_999_999_999.99),
]


def _cells_id(cells: tuple) -> str:
    return "+".join(f"{cells[i]}!{cells[i + 1]}={cells[i + 2]!r}" for i in range(0, len(cells), 3))


@pytest.mark.parametrize("cells", EXTREME, ids=[_cells_id(e) for e in EXTREME])
@pytest.mark.parametrize("mode", ["single", "batch"])
def test_process_extreme_numbers(tmp_path, cells, mode):
    wb = clean_book()
    for i in range(0, len(cells), 3):
        sheet, ref, value = cells[i:i + 3]
        wb[sheet][ref] = value
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    src = save(wb, inbox, "isian.xlsx")
    if mode == "batch":
        shutil.copy(SAMPLE, inbox / "contoh.xlsx")
    inputs = Inputs(inbox)
    check = invoke("check", src, "--json")
    res = invoke(*(["process", src, "-o", tmp_path / "hasil", "--json"] if mode == "single" else
                   ["process", inbox, "-o", tmp_path / "hasil", "-j", "1", "--json"]))
    inputs.check("process")
    assert res.exit_code in (0, 1), res.output
    if mode == "single":
        assert res.exit_code == check.exit_code
    for f in json.loads(res.stdout)["files"]:
        assert f["output"] and Path(f["output"]).is_file(), f
        openpyxl.load_workbook(f["output"])


@pytest.mark.parametrize("sheet,ref", [("LPPDes", "E3"), ("Identitas", "B12"),
                                       ("Fasilitasi", "E3")])
def test_date_excel_cannot_show_is_not_written_as_a_date(tmp_path, sheet, ref):
    """`0001-01-01` (a typo) is read as a date; Excel has no date before 1900, so the LKj
    workbook must not hold it as a date serial (openpyxl: "outside the limits for dates",
    Excel shows ####). `10000-01-01` is cell.invalid; the year-1 date is not."""
    wb = clean_book()
    wb[sheet][ref] = "0001-01-01"
    src = save(wb, tmp_path)
    inputs = Inputs(src)
    res = invoke("process", src, "-o", tmp_path / "hasil", "--json")
    inputs.check("process")
    assert res.exit_code in (0, 1)
    (entry,) = json.loads(res.stdout)["files"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        openpyxl.load_workbook(entry["output"])
