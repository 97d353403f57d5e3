"""An output that is open in Excel (issue 11 item 6): on Windows it cannot be replaced (a
sharing violation). The message names the file and asks to close it in Excel and run again;
the batch's other outputs are still written; no temporary file is left behind."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from lkj_excel.cli import main
from lkj_excel.write import atomic

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
LKJ = "LKj-Kecamatan-Tempursari-2023-TW1.xlsx"
ASK = "tutup berkas itu di Excel lalu jalankan lagi"


def sharing_violation(locked: set[str], monkeypatch):
    """os.replace as Windows does it onto a file Excel holds open (WinError 32)."""
    real = os.replace

    def fake(src, dst, *a, **kw):
        if Path(dst).name in locked and Path(dst).exists():
            exc = PermissionError(errno.EACCES, "The process cannot access the file because "
                                                "it is being used by another process", str(dst))
            exc.winerror = 32
            raise exc
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(atomic.os, "replace", fake)


def inbox(tmp_path: Path) -> Path:
    box = tmp_path / "masuk"
    box.mkdir()
    shutil.copy(SAMPLE, box / "tempursari.xlsx")
    wb = openpyxl.load_workbook(SAMPLE)
    wb["Identitas"]["B3"] = "Kecamatan Candipuro"
    wb.save(box / "candipuro.xlsx")
    return box


def test_batch_output_open_in_excel(tmp_path, monkeypatch):
    box, out = inbox(tmp_path), tmp_path / "hasil"
    runner = CliRunner()
    assert runner.invoke(main, ["process", str(box), "-o", str(out), "-q"]).exit_code == 1
    before = (out / LKJ).read_bytes()
    sharing_violation({LKJ, "Rekap-2023-TW1.xlsx"}, monkeypatch)
    result = runner.invoke(main, ["process", str(box), "-o", str(out), "-q"])
    assert result.exit_code == 2
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert f"{LKJ} sedang dibuka di program lain (mis. Excel): {ASK}" in err
    assert f"Rekap-2023-TW1.xlsx sedang dibuka di program lain (mis. Excel): {ASK}" in err
    assert (out / LKJ).read_bytes() == before  # the open file is left as it was
    assert (out / "LKj-Kecamatan-Candipuro-2023-TW1.xlsx").is_file()  # the others are written
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no temporary file


def test_single_output_open_in_excel(tmp_path, monkeypatch):
    shutil.copy(SAMPLE, tmp_path / "isian.xlsx")
    runner = CliRunner()
    assert runner.invoke(main, ["process", str(tmp_path / "isian.xlsx")]).exit_code == 1
    sharing_violation({LKJ}, monkeypatch)
    result = runner.invoke(main, ["process", str(tmp_path / "isian.xlsx")])
    assert result.exit_code == 2
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert str(tmp_path / LKJ) in err and ASK in err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["isian.xlsx", LKJ])


def test_a_really_unreplaceable_target(tmp_path):
    """Without Windows: an immutable file (chattr +i) cannot be replaced, even by root."""
    shutil.copy(SAMPLE, tmp_path / "isian.xlsx")
    target = tmp_path / LKJ
    target.write_bytes(b"versi lama")
    if shutil.which("chattr") is None or subprocess.run(
            ["chattr", "+i", str(target)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        result = CliRunner().invoke(main, ["process", str(tmp_path / "isian.xlsx")])
        assert result.exit_code == 2
        err = result.stderr if hasattr(result, "stderr") else result.output
        assert str(target) in err and ASK in err
        assert target.read_bytes() == b"versi lama"
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["isian.xlsx", LKJ])
    finally:
        subprocess.run(["chattr", "-i", str(target)], capture_output=True)


def test_a_folder_we_may_not_write_is_not_called_open_in_excel(tmp_path):
    """A permission error where the folder itself is not writable keeps the system's words."""
    target = tmp_path / "x.xlsx"
    target.write_bytes(b"")
    exc = PermissionError(errno.EACCES, "Permission denied")
    exc.winerror = 5
    assert atomic.in_use(exc, target)
    assert not atomic.in_use(PermissionError(errno.EACCES, "Permission denied"),
                             tmp_path / "absent.xlsx")
    assert not atomic.in_use(FileNotFoundError(), target)
