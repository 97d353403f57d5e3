"""The archive in `process`, `check` and `lkj-excel archive` (docs/arsip.md): what a run
records, in which order, what it reads, and what it never touches."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from archive_builders import book_bytes
from click.testing import CliRunner

from lkj_excel import api
from lkj_excel.api_archive import archive_add, archive_get, archive_list, archive_withdraw
from lkj_excel.archive import OfficeKey, Store
from lkj_excel.archiving import ArchiveRun
from lkj_excel.cli import main
from lkj_excel.pipeline import FileReport

ROOT = Path(__file__).resolve().parent.parent
TEMPURSARI = OfficeKey("kabupatenlumajang", "kecamatantempursari")


def run(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def _year(folder: Path, **extra: bytes) -> Path:
    """Tempursari's TW IV 2022, TW I and TW II 2023 and Pasirian's TW I 2023 in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "a-2022-4.xlsx": book_bytes(2022, "IV"),
        "b-2023-1.xlsx": book_bytes(2023, "I"),
        "c-2023-2.xlsx": book_bytes(2023, "II", cells={"Realisasi": {"D3": 1}}),
        "d-pasirian-2023-1.xlsx": book_bytes(2023, "I", pd="Kecamatan Pasirian"),
        **extra,
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


def _versions(path: Path) -> list[tuple]:
    with Store.open_read(path) as s:
        return [(r.office.perangkat_daerah, r.tahun, r.triwulan, r.versions, r.latest.versi,
                 Path(r.latest.file_name).name, r.latest.errors, r.latest.warnings)
                for r in s.listing()]


def _rekap(folder: Path, name: str = "Rekap.xlsx") -> list[dict]:
    ws = openpyxl.load_workbook(folder / name)["Rekap"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


# --- process records, in order, the same whatever -j ----------------------------------

@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_records_each_input_once_in_office_year_triwulan_order(tmp_path, jobs):
    box = _year(tmp_path / "kotak")
    arsip = tmp_path / "arsip.sqlite"
    result = api.process_batch([str(box)], tmp_path / "hasil", jobs=jobs, arsip=arsip)
    assert [Path(r.file).name for r in result.reports] == sorted(p.name for p in box.iterdir())
    assert {Path(r.file).name: r.meta["versi"] for r in result.reports} == {
        "a-2022-4.xlsx": 1, "b-2023-1.xlsx": 1, "c-2023-2.xlsx": 1, "d-pasirian-2023-1.xlsx": 1}
    listed = _versions(arsip)
    assert [x[:5] for x in listed] == [
        ("Kecamatan Pasirian", 2023, 1, 1, 1), ("Kecamatan Tempursari", 2022, 4, 1, 1),
        ("Kecamatan Tempursari", 2023, 1, 1, 1), ("Kecamatan Tempursari", 2023, 2, 1, 1)]
    with Store.open_read(arsip) as s:  # archived in office, year, triwulan order
        ids = {(v.office.perangkat_daerah, v.tahun, v.triwulan): v.id
               for v in (s.latest(o.key, t, n).version for o in s.offices()
                         for t, n in ((2022, 4), (2023, 1), (2023, 2))
                         if s.latest(o.key, t, n) is not None)}
    assert sorted(ids, key=ids.get) == [("Kecamatan Pasirian", 2023, 1),
                                        ("Kecamatan Tempursari", 2022, 4),
                                        ("Kecamatan Tempursari", 2023, 1),
                                        ("Kecamatan Tempursari", 2023, 2)]
    rekap = _rekap(tmp_path / "hasil")
    assert [r["Versi"] for r in rekap] == [1, 1, 1, 1, None]
    assert "Sebelumnya" not in rekap[0]  # no earlier version of any: the column is left out
    # Pasirian reported TW I and not TW II, one of this batch's periods
    assert (rekap[-1]["Perangkat Daerah"], rekap[-1]["Status"]) == (
        "Kecamatan Pasirian", "Belum mengirim")
    assert result.not_sent == ["Kecamatan Pasirian"]


def test_re_running_adds_no_version_and_a_changed_resubmission_is_version_2(tmp_path):
    box = _year(tmp_path / "kotak")
    arsip = tmp_path / "arsip.sqlite"
    first = run("process", box, "-o", tmp_path / "h1", "--arsip", arsip, "-q", "-j", "2")
    assert "Arsip: " in first.output and "(4 kiriman baru)" in first.output
    before = _versions(arsip)
    again = run("process", box, "-o", tmp_path / "h2", "--arsip", arsip, "-q", "-j", "1")
    assert "(0 kiriman baru, 4 sudah ada)" in again.output
    assert _versions(arsip) == before
    # TW II sent again, its mistake fixed (and one more Realisasi typed)
    (box / "c-2023-2.xlsx").unlink()
    (box / "c-2023-2-perbaikan.xlsx").write_bytes(
        book_bytes(2023, "II", cells={"Realisasi": {"B40": "diperbaiki"}}))
    third = run("process", box, "-o", tmp_path / "h3", "--arsip", arsip, "-q")
    assert "(1 kiriman baru, 3 sudah ada)" in third.output
    after = _versions(arsip)
    assert [x for x in after if x[2] != 2] == [x for x in before if x[2] != 2]
    tw2 = next(x for x in after if x[1:3] == (2023, 2))
    assert tw2[3:6] == (2, 2, "c-2023-2-perbaikan.xlsx")
    old_errors = next(x for x in before if x[1:3] == (2023, 2))[6]
    assert old_errors == 2
    row = next(r for r in _rekap(tmp_path / "h3") if r["File"].endswith("perbaikan.xlsx"))
    assert row["Versi"] == 2
    # the two warnings both versions have: Target and Realisasi Tahun Lalu typed 85 and 88,
    # last year's TW IV (the same clean workbook) says 90 and 100 (history.last_year_mismatch)
    assert row["Sebelumnya"] == f"versi 2: {old_errors} → 0 kesalahan, 2 → 2 peringatan"


def test_every_process_run_names_the_archive_and_tanpa_arsip_touches_none(tmp_path):
    box = _year(tmp_path / "kotak")
    one = run("process", box / "b-2023-1.xlsx", "-o", tmp_path / "x.xlsx",
              "--arsip", tmp_path / "a.sqlite")
    assert one.exit_code == 0, one.output
    assert f"Arsip: {tmp_path / 'a.sqlite'} (versi 1 ditambahkan)" in one.output
    same = run("process", box / "b-2023-1.xlsx", "-o", tmp_path / "x.xlsx",
               "--arsip", tmp_path / "a.sqlite")
    assert f"Arsip: {tmp_path / 'a.sqlite'} (versi 1 sudah ada)" in same.output
    none = run("process", box, "-o", tmp_path / "h", "--arsip", tmp_path / "b.sqlite",
               "--tanpa-arsip", "-q")
    assert none.exit_code == 1 and "Arsip" not in none.output  # c-2023-2 has errors
    assert not (tmp_path / "b.sqlite").exists()
    assert "Versi" not in _rekap(tmp_path / "h")[0]


def test_an_input_without_period_is_processed_but_not_archived(tmp_path):
    box = tmp_path / "kotak"
    box.mkdir()
    (box / "tanpa-triwulan.xlsx").write_bytes(book_bytes(2023, None))
    (box / "b.xlsx").write_bytes(book_bytes(2023, "I"))
    out = run("process", box, "-o", tmp_path / "h", "--arsip", tmp_path / "a.sqlite", "-q")
    assert "(1 kiriman baru)" in out.output
    assert "Tidak diarsipkan (1):" in out.output
    assert "tanpa-triwulan.xlsx: Triwulan kosong atau tidak valid" in out.output
    rows = {Path(r["File"]).name: r for r in _rekap(tmp_path / "h") if r["File"]}
    assert rows["tanpa-triwulan.xlsx"]["Versi"] is None
    assert "Tidak diarsipkan: Triwulan kosong" in rows["tanpa-triwulan.xlsx"]["Catatan"]
    assert rows["tanpa-triwulan.xlsx"]["Berkas LKj"]  # still processed


def test_belum_mengirim_from_the_archive_without_daftar(tmp_path):
    arsip = tmp_path / "arsip.sqlite"
    tw1 = tmp_path / "tw1"
    tw1.mkdir()
    for pd in ("Kecamatan Tempursari", "Kecamatan Pasirian", "Kecamatan Candipuro"):
        (tw1 / f"{pd}.xlsx").write_bytes(book_bytes(2023, "I", pd=pd))
    (tw1 / "lain.xlsx").write_bytes(book_bytes(2023, "I", pd="Kecamatan Kalisat",
                                               pemda="Kabupaten Jember"))
    api.process_batch([str(tw1)], tmp_path / "h1", arsip=arsip)
    tw2 = tmp_path / "tw2"
    tw2.mkdir()
    (tw2 / "t.xlsx").write_bytes(book_bytes(2023, "II"))
    result = api.process_batch([str(tw2)], tmp_path / "h2", arsip=arsip)
    # same Pemerintah Daerah only: Kalisat (Jember) is not expected here
    assert result.not_sent == ["Kecamatan Candipuro", "Kecamatan Pasirian"]
    rows = _rekap(tmp_path / "h2", "Rekap-2023-TW2.xlsx")
    assert [(r["Perangkat Daerah"], r["Status"]) for r in rows[1:]] == [
        ("Kecamatan Candipuro", "Belum mengirim"), ("Kecamatan Pasirian", "Belum mengirim")]
    sheet = openpyxl.load_workbook(tmp_path / "h2" / "Rekap-2023-TW2.xlsx")["Belum Mengirim"]
    assert [c.value for c in sheet["B"][4:6]] == ["Kecamatan Candipuro", "Kecamatan Pasirian"]
    # --daftar, when given, is used instead
    listed = tmp_path / "daftar.txt"
    listed.write_text("Kecamatan Tempursari\nKecamatan Senduro\n", "utf-8")
    result = api.process_batch([str(tw2)], tmp_path / "h3", arsip=arsip, daftar=listed)
    assert result.not_sent == ["Kecamatan Senduro"]


# --- earlier reports inside one batch ---------------------------------------------------

def test_settle_checks_again_a_report_whose_earlier_report_is_in_the_batch(tmp_path):
    """TW II is compared with TW I and last year's TW IV of the same batch, once they are
    recorded; TW I (the earliest) is not checked again."""
    import datetime as dt

    from lkj_excel.archive.earlier import ArchiveHistory
    from lkj_excel.archiving import prepare
    from lkj_excel.pipeline import check_source
    from lkj_excel.settings import Settings

    when = dt.datetime(2023, 7, 10, 9, 0)
    inputs = [("tw2.xlsx", book_bytes(2023, "II")), ("tw1.xlsx", book_bytes(2023, "I")),
              ("tw4.xlsx", book_bytes(2022, "IV")),
              ("lain.xlsx", book_bytes(2023, "II", pd="Kecamatan Pasirian"))]
    arsip = tmp_path / "arsip.sqlite"
    calls: list[tuple] = []
    with ArchiveRun.open(Settings(), arsip, write=True) as archive:
        history = archive.history()

        seen: dict[int, object] = {}  # the earlier reports each check was given

        def checked(i: int, provider) -> FileReport:
            name, content = inputs[i]
            rep = check_source(content, name, None, None, provider)
            seen[i] = rep.earlier  # (slim() drops it below)
            rep.meta["index"] = i
            prepare(rep, content, Settings(), when)
            return rep.slim()

        reports = [checked(i, history) for i in range(len(inputs))]
        # the archive was empty: no earlier report for any of them
        assert all(seen[i] is None or seen[i].empty for i in range(len(inputs)))

        def redo(indices, earlier):
            from lkj_excel.archive.earlier import Known

            calls.append(tuple((inputs[i][0], [(q.tahun, q.triwulan) for q in earlier[i].quarters],
                                earlier[i].last_year and earlier[i].last_year.tahun)
                               for i in indices))
            out = {i: checked(i, Known(earlier[i])) for i in indices}
            assert all(seen[i] is earlier[i] for i in indices)  # checked against them
            return out

        archive.settle(reports, redo)
    # wave 1: TW I (after last year's TW IV); wave 2: TW II (after TW I)
    assert calls == [(("tw1.xlsx", [], 2022),), (("tw2.xlsx", [(2023, 1)], 2022),)]
    assert [r.meta["versi"] for r in reports] == [1, 1, 1, 1]
    assert isinstance(history, ArchiveHistory)


def test_an_input_already_archived_byte_for_byte_is_not_checked_again(tmp_path):
    box = _year(tmp_path / "kotak")
    arsip = tmp_path / "arsip.sqlite"
    api.process_batch([str(box)], tmp_path / "h1", jobs=1, arsip=arsip)
    counted = []

    import lkj_excel.batch as batch

    real = batch._work

    def counting(task):
        counted.append((Path(task.job.display).name, task.attempt))
        return real(task)

    try:
        batch._work = counting
        api.process_batch([str(box)], tmp_path / "h2", jobs=1, arsip=arsip)
    finally:
        batch._work = real
    assert sorted(counted) == sorted((p.name, 0) for p in box.iterdir())


# --- check reads, never writes ----------------------------------------------------------

def test_check_reads_the_archive_and_never_changes_or_creates_it(tmp_path):
    box = _year(tmp_path / "kotak")
    arsip = tmp_path / "arsip.sqlite"
    missing = run("check", box / "b-2023-1.xlsx", "--arsip", arsip)
    assert f"Arsip: {arsip} (arsip belum ada; pemeriksaan riwayat dilewati)" in missing.output
    assert not arsip.exists()
    api.process_batch([str(box)], tmp_path / "h", arsip=arsip)
    before = arsip.read_bytes()
    checked = run("check", box, "--arsip", arsip, "--json")
    assert checked.exit_code == 1
    assert arsip.read_bytes() == before
    assert not Path(f"{arsip}-journal").exists()
    text = run("check", box / "b-2023-1.xlsx", "--arsip", arsip)
    assert text.output.rstrip().endswith(f"Arsip: {arsip}")
    assert text.output.count("Arsip:") == 1


def _damaged(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "arsip.sqlite"
    if kind == "text":
        path.write_text("ini bukan arsip\n", "utf-8")
        return path
    api.process(ROOT / "samples" / "tempursari-2023-tw1.xlsx", tmp_path / "x.xlsx", arsip=path)
    if kind == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2 + 100])
    elif kind == "newer":
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
    return path


@pytest.mark.parametrize("kind,message", [
    ("text", "bukan arsip lkj-excel"),
    ("truncated", "rusak"),
    ("newer", "lebih baru"),
])
@pytest.mark.parametrize("command", ["process", "check", "archive"])
def test_a_damaged_foreign_or_newer_archive_stops_with_exit_2_and_is_left_as_it_was(
        tmp_path, kind, message, command):
    path = _damaged(tmp_path, kind)
    before = path.read_bytes()
    sample = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
    args = {"process": ("process", sample, "-o", tmp_path / "out.xlsx", "--arsip", path),
            "check": ("check", sample, "--arsip", path),
            "archive": ("archive", "--arsip", path, "list")}[command]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Arsip tidak dapat dipakai" in result.output and message in result.output
    assert path.read_bytes() == before
    assert not (tmp_path / "out.xlsx").exists()


# --- crashes and two runs at once -------------------------------------------------------

KILLED = """
import sys
from lkj_excel import api
api.process_batch([sys.argv[1]], sys.argv[2], jobs=1, arsip=sys.argv[3])
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_kill_9_during_a_batch_leaves_an_archive_holding_the_finished_submissions(tmp_path):
    box = tmp_path / "kotak"
    box.mkdir()
    for i in range(40):
        (box / f"k{i:02d}.xlsx").write_bytes(book_bytes(2023, "I", pd=f"Kecamatan K{i:02d}"))
    arsip = tmp_path / "arsip.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(box), str(tmp_path / "h"),
                             str(arsip)], cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill it once the main process is recording
        if arsip.exists() and arsip.stat().st_size > 200_000:
            break
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store.open_write(arsip) as s:  # opens (rolling back an unfinished one)
        assert s.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        kept = s.listing()
        assert 1 <= len(kept) <= 40
        for row in kept:  # every recorded submission whole: rows, findings, bytes
            rep = s.latest(row.office.key, 2023, 1)
            assert len(rep.pk) == 3 and len(rep.budget) > 3 and s.content(row.office.key, 2023, 1)
    # the next run records the rest, none twice
    api.process_batch([str(box)], tmp_path / "h2", jobs=2, arsip=arsip)
    with Store.open_read(arsip) as s:
        assert [r.versions for r in s.listing()] == [1] * 40


def test_two_process_runs_at_once_on_one_archive_both_finish(tmp_path):
    arsip = tmp_path / "arsip.sqlite"
    boxes = []
    for tag in "ab":
        box = tmp_path / f"kotak-{tag}"
        box.mkdir()
        for i in range(8):
            (box / f"{tag}{i}.xlsx").write_bytes(
                book_bytes(2023, "I", pd=f"Kecamatan {tag.upper()}{i}"))
        boxes.append(box)
    procs = [subprocess.Popen([sys.executable, "-m", "lkj_excel.cli", "process", str(box), "-o",
                               str(tmp_path / f"h-{box.name}"), "-q", "-j", "1", "--arsip",
                               str(arsip)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for box in boxes]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, out + err
        assert "(8 kiriman baru)" in out
    with Store.open_read(arsip) as s:
        assert len(s.listing()) == 16 and s.summary().submissions == 16


# --- lkj-excel archive ------------------------------------------------------------------

def test_archive_commands(tmp_path):
    box = _year(tmp_path / "kotak")
    arsip = tmp_path / "arsip.sqlite"
    added = run("archive", "add", box, "--arsip", arsip)
    assert added.exit_code == 0, added.output
    assert "(4 kiriman baru)" in added.output
    # `archive add` checks against the archive as `process` does: TW II's typed Tahun Lalu
    # (85, 88) differs from last year's TW IV (90, 100), two history.last_year_mismatch
    assert f"{box / 'c-2023-2.xlsx'}: 2 kesalahan, 2 peringatan, versi 1" in added.output
    summary = run("archive", "--arsip", arsip)
    assert summary.output.splitlines() == [
        f"Arsip: {arsip} (skema versi 1)", "2 kantor, 4 kiriman",
        "Periode: 2022 TW IV, 2023 TW I, 2023 TW II"]
    listed = run("archive", "list", "--arsip", arsip, "--tahun", "2023", "--triwulan", "I")
    assert [ln.split(" 2023 TW I:")[0] for ln in listed.output.splitlines()] == [
        "Kecamatan Pasirian (Kabupaten Lumajang)", "Kecamatan Tempursari (Kabupaten Lumajang)"]
    got = run("archive", "get", "Kec. Tempursari", "2023", "I", "-o", tmp_path / "g.xlsx",
              "--arsip", arsip)
    assert got.exit_code == 0, got.output
    assert (tmp_path / "g.xlsx").read_bytes() == (box / "b-2023-1.xlsx").read_bytes()
    nothing = run("archive", "get", "Kecamatan Tempursari", "2023", "III", "-o",
                  tmp_path / "n.xlsx", "--arsip", arsip)
    assert nothing.exit_code == 2 and "tidak memuat kiriman" in nothing.output
    unknown = run("archive", "get", "Kecamatan Entah", "2023", "I", "-o", tmp_path / "n.xlsx",
                  "--arsip", arsip)
    assert unknown.exit_code == 2 and "Kecamatan Entah tidak ada di arsip" in unknown.output
    gone = run("archive", "withdraw", "Kecamatan Tempursari", "2023", "II", "--versi", "1",
               "--arsip", arsip)
    assert gone.output.strip() == "Ditarik: Kecamatan Tempursari 2023 TW II versi 1 (" + str(
        box / "c-2023-2.xlsx") + ")"
    assert [(r.office.perangkat_daerah, r.tahun, r.triwulan) for r in archive_list(arsip=arsip)
            ] == [("Kecamatan Pasirian", 2023, 1), ("Kecamatan Tempursari", 2022, 4),
                  ("Kecamatan Tempursari", 2023, 1)]
    # the withdrawn version can still be fetched by number
    assert archive_get("Kecamatan Tempursari", 2023, "II", tmp_path / "w.xlsx", versi=1,
                       arsip=arsip).read_bytes() == (box / "c-2023-2.xlsx").read_bytes()
    exported = run("archive", "export", tmp_path / "riwayat.xlsx", "--arsip", arsip)
    assert exported.exit_code == 0, exported.output
    wb = openpyxl.load_workbook(tmp_path / "riwayat.xlsx")
    assert wb.sheetnames == ["Kiriman", "Capaian", "Anggaran", "Temuan", "Capaian per Triwulan"]
    assert wb["Kiriman"].max_row == 4  # header + 3 submissions: the withdrawn one is skipped


def test_archive_add_records_like_process_and_pemda_picks_an_office(tmp_path):
    arsip = tmp_path / "arsip.sqlite"
    box = tmp_path / "kotak"
    box.mkdir()
    (box / "a.xlsx").write_bytes(book_bytes(2023, "I", pd="Kecamatan Kalisat",
                                            pemda="Kabupaten Jember"))
    (box / "b.xlsx").write_bytes(book_bytes(2023, "I", pd="Kecamatan Kalisat",
                                            pemda="Kabupaten Lumajang"))
    res = archive_add([str(box)], arsip=arsip)
    assert [r.meta["versi"] for r in res.reports] == [1, 1] and not res.errors
    with pytest.raises(api.UsageError, match="Pilih dengan --pemda"):
        archive_withdraw("Kecamatan Kalisat", 2023, "I", 1, arsip=arsip)
    v = archive_withdraw("Kecamatan Kalisat", 2023, "I", 1, pemda="Kab. Jember", arsip=arsip)
    assert (v.pemda, v.withdrawn) == ("Kabupaten Jember", True)
    with pytest.raises(api.UsageError, match="triwulan 'V' tidak valid"):
        archive_list(triwulan="V", arsip=arsip)
    missing = run("archive", "list", "--arsip", tmp_path / "belum.sqlite")
    assert missing.exit_code == 2 and "belum ada" in missing.output
    assert not (tmp_path / "belum.sqlite").exists()


@pytest.fixture(scope="module")
def module_archive_path():
    from lkj_excel.archive import resolve_path

    return resolve_path()


def test_module_fixtures_never_see_the_user_folder(module_archive_path):
    """A module-scoped fixture runs before any test's own setting of LKJ_ARSIP: the
    session and module fixtures of conftest.py keep it away from the user's folder too."""
    from lkj_excel.archive import default_path

    assert not str(module_archive_path).startswith(str(default_path().parent))
