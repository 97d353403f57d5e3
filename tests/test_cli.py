"""The command line: exit codes, messages, JSON, and agreement with the library API."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import openpyxl
import pytest
from click.testing import CliRunner

import lkj_excel
from lkj_excel.cli import main
from lkj_excel.findings import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_command_has_help():
    for name, cmd in main.commands.items():
        assert cmd.help and cmd.help.strip(), f"{name} has no help"
        result = run(name, "--help")
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_checks_lists_every_check():
    result = run("checks")
    assert result.exit_code == 0
    for c in CATALOGUE:
        line = next(ln for ln in result.output.splitlines() if ln.startswith(c.id + " "))
        assert ("kesalahan" if c.severity == "error" else "peringatan") in line


def test_check_sample_exit_1_and_names_the_program_total():
    result = run("check", str(SAMPLE))
    assert result.exit_code == 1
    assert "Realisasi!C3" in result.output
    assert "Pagu program 7.01.01 tertulis Rp 1.587.606.347" in result.output
    assert "Rp 1.592.719.562" in result.output
    # errors before warnings
    assert result.output.index("KESALAHAN") < result.output.index("PERINGATAN")


def test_check_json_agrees_with_api():
    result = run("check", str(SAMPLE), "--json")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    (entry,) = doc["files"]
    assert entry["file"] == str(SAMPLE)
    assert entry["perangkat_daerah"] == "Kecamatan Tempursari"
    assert entry["tahun"] == 2023 and entry["triwulan"] == "I"
    assert entry["readable"] is True and entry["output"] is None
    api = lkj_excel.check(SAMPLE)
    assert [f["check"] for f in entry["findings"]] == [f.check for f in api.findings]
    assert [f["cell"] for f in entry["findings"]] == [f.cell for f in api.findings]
    assert entry["errors"] == api.errors and entry["warnings"] == api.warnings
    first = next(f for f in entry["findings"] if f["check"] == "budget.sum_pagu")
    assert first == {
        "check": "budget.sum_pagu", "severity": "error", "sheet": "Realisasi", "cell": "C3",
        "kode": "7.01.01", "found": 1587606347, "expected": 1592719562,
        "message": first["message"],
    }
    assert first["message"].startswith(
        "Pagu program 7.01.01 tertulis Rp 1.587.606.347, jumlah pagu kegiatannya "
        "Rp 1.592.719.562 (selisih Rp 5.113.215)")
    derived = next(f for f in entry["findings"] if f["check"] == "pk.derived_mismatch")
    assert derived["found"] == 49 and derived["expected"] == 47.62


def test_unreadable_file_exit_2_and_batch_goes_on(tmp_path):
    (tmp_path / "a-rusak.xlsx").write_bytes(b"not a workbook at all")
    (tmp_path / "b-kosong.xlsx").write_bytes(b"")
    shutil.copy(SAMPLE, tmp_path / "c-sample.xlsx")
    (tmp_path / "~$c-sample.xlsx").write_bytes(b"lock file")
    (tmp_path / "catatan.txt").write_text("ignored")
    result = run("check", str(tmp_path), "--json")
    assert result.exit_code == 2
    doc = json.loads(result.output)
    names = [Path(f["file"]).name for f in doc["files"]]
    assert names == ["a-rusak.xlsx", "b-kosong.xlsx", "c-sample.xlsx"]
    for f in doc["files"][:2]:
        assert f["readable"] is False
        assert [x["check"] for x in f["findings"]] == ["file.unreadable"]
        assert f["findings"][0]["cell"] is None and f["findings"][0]["sheet"] is None
    assert doc["files"][2]["readable"] is True and doc["files"][2]["errors"] > 0


def test_workbook_without_contract_sheets_is_readable_exit_1(tmp_path):
    path = tmp_path / "lain.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "bukan isian LKj"
    wb.save(path)
    result = run("check", str(path), "--json")
    assert result.exit_code == 1
    (entry,) = json.loads(result.output)["files"]
    assert entry["readable"] is True
    assert sorted((f["check"], f["sheet"]) for f in entry["findings"]) == [
        ("sheet.missing", "Identitas"), ("sheet.missing", "PK"), ("sheet.missing", "Realisasi")]


def test_missing_input_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "tidak-ada.xlsx")])
    assert result.exit_code == 2
    assert "Tidak ditemukan" in result.output


def test_bad_config_names_the_key(tmp_path):
    cfg = tmp_path / "lkj-excel.toml"
    cfg.write_text('[predikat]\nbatas = [91, 76]\nwarna = "merah"\n')
    result = CliRunner().invoke(main, ["check", str(SAMPLE), "--config", str(cfg)])
    assert result.exit_code == 2
    assert "predikat.warna" in result.output


def test_config_nomenclature_addition_silences_code_unknown(tmp_path):
    cfg = tmp_path / "lkj-excel.toml"
    cfg.write_text('[nomenklatur]\n"7.01.05.2.01.0002" = "Pelaksanaan Tugas Forum Koordinasi '
                   'Pimpinan di Kecamatan"\n')
    before = {(f.check, f.cell) for f in lkj_excel.check(SAMPLE).findings}
    after = {(f.check, f.cell) for f in lkj_excel.check(SAMPLE, cfg).findings}
    assert before - after == {("budget.code_unknown", "A46")}


def test_input_never_modified(tmp_path):
    import hashlib

    copy = tmp_path / "isian.xlsx"
    shutil.copy(SAMPLE, copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    run("check", str(copy))
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_top_level(args):
    result = run(*args)
    assert result.exit_code == 0


def _all_commands(group: click.Group, path: tuple[str, ...] = ("lkj-excel",)):
    """Every command under `group` (sub-groups included) with its full invocation."""
    for name, cmd in sorted(group.commands.items()):
        yield (*path, name), cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, (*path, name))


@pytest.mark.parametrize(("path", "cmd"), list(_all_commands(main)),
                         ids=lambda x: " ".join(x) if isinstance(x, tuple) else "")
def test_every_command_help_has_an_example(path, cmd):
    """A test fails if a command has no help, or its `--help` shows no `Contoh:` (example)
    block of runs of that command with options it really has."""
    assert cmd.help and cmd.help.strip(), f"{' '.join(path)} has no help"
    result = run(*path[1:], "--help")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "Contoh:" in [ln.strip() for ln in lines], f"{' '.join(path)} --help has no example"
    start = [ln.strip() for ln in lines].index("Contoh:") + 1
    examples = []
    for ln in lines[start:]:
        if not ln.strip():
            break
        examples.append(ln.strip())
    assert examples, f"{' '.join(path)}: Contoh: is empty"
    options = {o for p in cmd.params for o in (*p.opts, *p.secondary_opts)}
    for example in examples:
        words = shlex.split(example)
        words = words[:next((i for i, w in enumerate(words) if w in ("|", ">", "<")),
                            len(words))]
        assert tuple(words[:len(path)]) == path, f"example {example!r} does not run {path}"
        for word in words[len(path):]:
            if word.startswith("-"):
                assert word.split("=")[0] in options, f"{example!r}: no option {word}"


def test_cli_import_and_help_stay_light():
    """`lkj-excel --help` (and each command's --help) must not import the workbook reader
    or writers: they are imported inside the commands that use them."""
    code = (
        "import sys\n"
        "import lkj_excel.cli as cli\n"
        "heavy = ('xlsxwriter', 'python_calamine', 'openpyxl', 'pandas',\n"
        "         'lkj_excel.pipeline', 'lkj_excel.read', 'lkj_excel.write')\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m.split('.')[0] in heavy or\n"
        "                  any(m == h or m.startswith(h + '.') for h in heavy))\n"
        "print('import', loaded())\n"
        "for args in (['--help'], *([c, '--help'] for c in cli.main.commands)):\n"
        "    try:\n"
        "        cli.main(args, prog_name='lkj-excel')\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code == 0, (args, exc.code)\n"
        "print('help', loaded())\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(("import ", "help "))]
    assert lines == ["import []", "help []"], proc.stdout[-2000:]
