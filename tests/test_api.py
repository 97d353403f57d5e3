"""The library API (lkj_excel.api, re-exported by lkj_excel): its functions, its errors."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import lkj_excel
from lkj_excel import api
from lkj_excel.errors import LkjError, OutputError, SettingsError, UsageError
from lkj_excel.findings import CATALOGUE
from lkj_excel.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"


def test_every_api_function_is_documented():
    for name in api.__all__:
        obj = getattr(api, name)
        assert inspect.getdoc(obj), f"api.{name} has no docstring"


def test_error_hierarchy():
    for cls in (UsageError, SettingsError, OutputError):
        assert issubclass(cls, LkjError)
    # callers that caught ValueError before keep working
    assert issubclass(UsageError, ValueError) and issubclass(SettingsError, ValueError)
    assert not issubclass(OutputError, ValueError)
    assert OutputError("x").report is None


def test_package_reexports_the_api():
    assert lkj_excel.check is api.check
    assert lkj_excel.process is api.process
    assert lkj_excel.process_batch is api.process_batch
    assert lkj_excel.make_template is api.make_template
    assert lkj_excel.OutputError is OutputError and lkj_excel.UsageError is UsageError
    assert lkj_excel.FileReport.__name__ == "FileReport"
    assert lkj_excel.Finding.__name__ == "Finding"
    assert set(lkj_excel.__all__) <= set(dir(lkj_excel))
    with pytest.raises(AttributeError):
        lkj_excel.no_such_name  # noqa: B018


def test_no_submodule_shadows_an_api_name():
    """Importing a submodule sets it as an attribute of the package: a module named like an
    API function (lkj_excel/process.py once) replaced `lkj_excel.process` after first use."""
    for mod in pkgutil.walk_packages(lkj_excel.__path__, "lkj_excel."):
        importlib.import_module(mod.name)
    for name in lkj_excel.__all__:
        assert not inspect.ismodule(getattr(lkj_excel, name)), name


def test_process_twice_through_the_package(tmp_path):
    first = lkj_excel.process(SAMPLE, tmp_path / "a")
    second = lkj_excel.process(SAMPLE, tmp_path / "b")
    assert Path(first.output).parent == tmp_path / "a"
    assert Path(second.output).parent == tmp_path / "b"


def test_importing_the_package_is_light():
    code = ("import sys, lkj_excel\n"
            "print(sorted(m for m in sys.modules if m.startswith('lkj_excel') or m in\n"
            "             ('xlsxwriter', 'python_calamine', 'openpyxl', 'pandas')))\n"
            "lkj_excel.check\n"
            "print('lkj_excel.pipeline' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["['lkj_excel']", "False"]


# --- settings -----------------------------------------------------------------------


def test_load_settings(tmp_path):
    given = Settings(metode="rasio")
    assert api.load_settings(given) is given
    assert api.load_settings(None) == Settings()
    bad = tmp_path / "lkj.toml"
    bad.write_text("[efisiensi]\nmetode = 'x'\n")
    with pytest.raises(SettingsError, match="efisiensi.metode"):
        api.load_settings(bad)
    with pytest.raises(SettingsError, match="efisiensi.metode"):
        api.check(SAMPLE, bad)


# --- template -----------------------------------------------------------------------


def test_make_template_default_name_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written = api.make_template(identity={"perangkat_daerah": "Kecamatan Tempursari",
                                          "tahun": 2023, "triwulan": "2", "nip_kepala": None})
    assert written == Path("LKj-Isian-Kecamatan-Tempursari-2023-TW2.xlsx")
    ws = openpyxl.load_workbook(tmp_path / written)["Identitas"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(3, ws.max_row + 1)}
    assert values["Perangkat Daerah"] == "Kecamatan Tempursari"
    assert values["Tahun Anggaran"] == 2023 and values["Triwulan"] == "II"
    assert values["NIP Kepala"] is None
    assert api.make_template() == Path("lkj-template-v2.xlsx")
    assert (tmp_path / "lkj-template-v2.xlsx").is_file()


def test_make_template_bad_value_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as err:
        api.make_template(tmp_path / "x.xlsx", {"Triwulan": "V"})
    assert str(err.value).startswith("Isian tidak valid: Triwulan harus I, II, III atau IV")
    with pytest.raises(UsageError, match="Isian Identitas tidak dikenal: 'Warna'"):
        api.make_template(None, {"Warna": "merah"})
    assert not list(tmp_path.iterdir())


def test_make_template_unwritable_is_an_output_error(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    with pytest.raises(OutputError) as err:
        api.make_template(blocker / "x.xlsx")
    assert str(err.value).startswith(f"{blocker / 'x.xlsx'}: ")


# --- checks, check ------------------------------------------------------------------


def test_checks_is_the_catalogue():
    assert api.checks() == CATALOGUE
    assert [c.id for c in api.checks()][:2] == ["file.unreadable", "sheet.missing"]


def test_check_inputs(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "b.xlsx")
    (tmp_path / "a.xlsx").write_bytes(b"rusak")
    reports, missing = api.check_inputs([str(tmp_path), str(tmp_path / "tidak-ada-*.xlsx")])
    assert [Path(r.file).name for r in reports] == ["a.xlsx", "b.xlsx"]
    assert [r.readable for r in reports] == [False, True]
    assert reports[1].errors == 7
    assert missing == [str(tmp_path / "tidak-ada-*.xlsx")]
    assert not list(tmp_path.glob("LKj-*"))  # checking writes nothing


# --- process ------------------------------------------------------------------------


def test_process_writes_with_local_run_time(tmp_path):
    report = api.process(SAMPLE, tmp_path)
    assert report.output == str(tmp_path / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx")
    wb = openpyxl.load_workbook(report.output)
    stamps = [row[1].value for ws in wb for row in ws.iter_rows(min_col=1, max_col=2)
              if row[0].value == "Waktu proses (ISO 8601)"]
    assert len(stamps) == 1 and stamps[0][-6] in "+-"  # an offset: local time, not naive


def test_process_output_error_keeps_the_report(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    with pytest.raises(OutputError) as err:
        api.process(SAMPLE, blocker / "sub")
    assert "tidak dapat ditulis" in str(err.value)
    assert err.value.report is not None and err.value.report.errors == 7


def test_process_batch_refuses_an_xlsx_outdir(tmp_path):
    with pytest.raises(UsageError, match="^Untuk banyak masukan, -o harus berupa folder.$"):
        api.process_batch([str(SAMPLE)], tmp_path / "hasil.xlsx")
    assert not (tmp_path / "hasil.xlsx").exists()


def test_process_batch_with_a_list_of_names(tmp_path):
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / "a.xlsx")
    result = api.process_batch([str(inbox)], tmp_path / "hasil", jobs=1,
                               daftar=["Kec. Tempursari", "Kecamatan Senduro"])
    assert result.not_sent == ["Kecamatan Senduro"]
    assert [Path(r.output).name for r in result.reports] == ["LKj-Kecamatan-Tempursari-2023-TW1.xlsx"]
    assert result.rekap is not None and result.rekap.parent == tmp_path / "hasil"
    assert result.missing == [] and result.write_errors == []


def test_process_batch_reads_a_daftar_path(tmp_path):
    daftar = tmp_path / "daftar.txt"
    daftar.write_text("# kecamatan\nKecamatan Senduro\n")
    result = api.process_batch([str(SAMPLE)], tmp_path / "hasil", jobs=1, daftar=daftar)
    assert result.not_sent == ["Kecamatan Senduro"]
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"bukan workbook")
    with pytest.raises(UsageError, match=f"^Daftar {re.escape(str(rusak))} tidak dapat dibaca: "):
        api.process_batch([str(SAMPLE)], tmp_path / "hasil2", daftar=rusak)
    assert not (tmp_path / "hasil2").exists()


def test_read_daftar(tmp_path):
    path = tmp_path / "daftar.txt"
    path.write_text("Kecamatan Tempursari\n\n# catatan\nKecamatan Senduro\n")
    assert api.read_daftar(path) == ["Kecamatan Tempursari", "Kecamatan Senduro"]
    with pytest.raises(UsageError, match="tidak dapat dibaca"):
        api.read_daftar(tmp_path / "tidak-ada.txt")
