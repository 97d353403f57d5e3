"""The benchmark still runs (issue 6): generate + measure at a tiny size. No timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"

FIGURES = ("lkj-excel --help", "process (a)", "floor (a)", "process (a) ¼", "process (a) ½",
           "batch (b) -j 1", "batch (b) -j 2", "time per row", "process (a) / floor (a)",
           "speed-up", "peak RSS", "targets", "check (a)", "process (a) --dokumen",
           "document (a) / workbook (a)", "batch (b) -j 2 arsip", "batch -j 2 archive / tanpa")


def _generate():
    sys.path.insert(0, str(BENCH))
    try:
        import generate
    finally:
        sys.path.remove(str(BENCH))
    return generate


def test_generated_inputs_are_reproducible_and_consistent(tmp_path):
    from lkj_excel.codes import Nomenclature
    from lkj_excel.pipeline import check_source
    from lkj_excel.settings import load_settings

    gen = _generate()
    one = gen.big_workbook(tmp_path / "one" / "big.xlsx", scale=0.02, seed=3)
    two = gen.big_workbook(tmp_path / "two" / "big.xlsx", scale=0.02, seed=3)
    assert one["path"].read_bytes() == two["path"].read_bytes()
    assert one["config"].read_bytes() == two["config"].read_bytes()
    assert one["rows"]["Realisasi"] == 6 + one["kegiatan"] + one["sub_kegiatan"] + 1

    settings = load_settings(one["config"])
    report = check_source(one["path"], str(one["path"]), settings,
                          Nomenclature(settings.nomenklatur))
    assert [f.check for f in report.findings] == []

    paths = gen.batch(tmp_path / "batch", n=3, seed=3)
    again = gen.batch(tmp_path / "batch2", n=3, seed=3)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    offices = set()
    for p in paths:
        zipfile.ZipFile(p).testzip()
        ws = openpyxl.load_workbook(p, read_only=True)["Identitas"]
        offices |= {r[1] for r in ws.iter_rows(values_only=True) if r[0] == "Perangkat Daerah"}
    assert len(offices) == 3


def test_benchmark_runs_at_a_tiny_size(tmp_path):
    out = tmp_path / "bench"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--scale", "0.01", "--batch", "3",
         "--repeat", "1", "--quick", "--out", str(out)],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for name in FIGURES:
        assert name in proc.stdout, name
    results = json.loads((out / "results.json").read_text("utf-8"))
    assert set(results["targets_ok"]) == {"ratio_floor", "speedup", "help", "rss", "flat",
                                          "archive"}
    assert results["findings_a"] == 0
    assert results["lkj_a_cells"] > 0


def test_archive_benchmark_runs_at_a_tiny_size(tmp_path, capsys):
    sys.path.insert(0, str(BENCH))
    try:
        import archive_bench
    finally:
        sys.path.remove(str(BENCH))
    figures = archive_bench.bench(n=3, out=tmp_path)
    assert figures["n"] == 3 and figures["file bytes"] > 0
    assert "add (1 transaction)" in capsys.readouterr().out
    assert (tmp_path / "arsip.sqlite").exists()  # in the folder given, never the user's
