"""Settings (output.md "Settings"): bad values are an error naming the key, never ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lkj_excel import figures as F
from lkj_excel.cli import main
from lkj_excel.settings import DEFAULT_BATAS, SettingsError, load_settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"

NON_FINITE = ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "1e400"]


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lkj-excel.toml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("bad", NON_FINITE)
@pytest.mark.parametrize("where", [0, 1, 3])
def test_non_finite_bound_is_rejected(tmp_path, bad, where):
    bounds = ["91", "76", "66", "51"]
    bounds[where] = bad
    cfg = config(tmp_path, f"[predikat]\nbatas = [{', '.join(bounds)}]\n")
    with pytest.raises(SettingsError, match=r"predikat\.batas"):
        load_settings(cfg)


@pytest.mark.parametrize("command", ["check", "process"])
def test_cli_non_finite_bound_exits_2_naming_the_key(tmp_path, command):
    cfg = config(tmp_path, "[predikat]\nbatas = [nan, 76, 66, 51]\n")
    args = [command, str(SAMPLE), "--config", str(cfg)]
    if command == "process":
        args += ["-o", str(tmp_path / "hasil")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Kesalahan pengaturan" in result.output
    assert "predikat.batas" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "hasil").exists() or not list((tmp_path / "hasil").iterdir())


def test_finite_bounds_still_accepted(tmp_path):
    cfg = config(tmp_path, "[predikat]\nbatas = [90.5, 75, 65.25, 50]\n")
    s = load_settings(cfg)
    assert s.batas == (90.5, 75.0, 65.25, 50.0)
    assert F.predikat(0.905, s) == "Sangat Tinggi"  # capaian 90,5%
    assert F.predikat(0.9049, s) == "Tinggi"
    assert load_settings(None).batas == DEFAULT_BATAS


@pytest.mark.parametrize("text,key", [
    ("[predikat]\nbatas = [91, 76, true, 51]\n", "predikat.batas"),
    ("[predikat]\nbatas = []\n", "predikat.batas"),
    ("[predikat]\nbatas = [76, 91, 66, 51]\n", "predikat.batas"),
    ("[predikat]\nlabel = ['A', 'B']\n", "predikat.label"),
    ("[efisiensi]\nmetode = 'kali'\n", "efisiensi.metode"),
    ("[predikat]\nbatass = [91]\n", "predikat.batass"),
])
def test_other_bad_values_name_the_key(tmp_path, text, key):
    with pytest.raises(SettingsError, match=key.replace(".", r"\.")):
        load_settings(config(tmp_path, text))


# --- [arsip] (archive.md) ------------------------------------------------------------------

def test_arsip_path_is_relative_to_the_settings_file_folder(tmp_path):
    folder = tmp_path / "kabupaten"
    folder.mkdir()
    s = load_settings(config(folder, '[arsip]\npath = "data/arsip.sqlite"\n'))
    assert Path(s.arsip_path) == folder.absolute() / "data" / "arsip.sqlite"
    absolute = tmp_path / "di-sini.sqlite"
    s = load_settings(config(folder, f'[arsip]\npath = "{absolute.as_posix()}"\n'))
    assert Path(s.arsip_path) == absolute
    assert load_settings(None).arsip_path is None and load_settings(None).arsip_alias == {}


def test_arsip_alias_is_read(tmp_path):
    s = load_settings(config(tmp_path, '[arsip.alias]\n"Kec. Tempursari Lama" = '
                                       '"Kecamatan Tempursari"\n"Lumajang" = "Kabupaten Lumajang"\n'))
    assert s.arsip_alias == {"Kec. Tempursari Lama": "Kecamatan Tempursari",
                             "Lumajang": "Kabupaten Lumajang"}


@pytest.mark.parametrize("text,key", [
    ("[arsip]\npath = 5\n", "arsip.path"),
    ("[arsip]\npath = '  '\n", "arsip.path"),
    ("[arsip]\nlokasi = 'a.sqlite'\n", "arsip.lokasi"),
    ("[arsip]\nalias = 'x'\n", "arsip.alias"),
    ("[arsip.alias]\n'Kec. Lama' = 3\n", 'arsip.alias."Kec. Lama"'),
    ("[arsip.alias]\n'Kec. Lama' = ' . '\n", 'arsip.alias."Kec. Lama"'),
    ("[arsip.alias]\n' ' = 'Kecamatan Baru'\n", 'arsip.alias." "'),
    ("arsip = 'a.sqlite'\n", "[arsip]"),
])
def test_bad_arsip_values_name_the_key(tmp_path, text, key):
    import re

    with pytest.raises(SettingsError, match=re.escape(key)):
        load_settings(config(tmp_path, text))
