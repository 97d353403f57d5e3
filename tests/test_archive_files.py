"""The archive file (archive.md): recognised before anything writes to it, never changed
when it is not ours, damaged or newer; read-only opening never creates or changes it;
forward migrations; a run killed with SIGKILL mid-batch and two runs at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from archive_builders import ROOT, book_bytes, submission

from lkj_excel.archive import ArchiveError, ArchiveNeedsRecovery, OfficeKey, Store, migrations
from lkj_excel.archive.schema import APPLICATION_ID

TEMPURSARI = OfficeKey("kabupatenlumajang", "kecamatantempursari")


def _archive(path: Path, n: int = 3) -> Path:
    with Store.open_write(path) as s:
        base = submission(book_bytes())
        for i in range(n):
            s.add(_variant(base, i))
    return path


def _variant(base, i: int):
    from archive_builders import with_content

    return with_content(base, base.content + f"#{i}".encode())


def _side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def test_a_new_archive_carries_its_identity_and_schema_version(tmp_path):
    path = tmp_path / "baru" / "dalam" / "arsip.sqlite"
    Store.open_write(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.current_version() == 1
    conn.close()
    assert _side_files(path) == []  # no temporary file left behind
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0  # personal data: the owner's only


def test_read_only_open_never_creates_a_missing_archive(tmp_path):
    path = tmp_path / "tidak" / "ada" / "arsip.sqlite"
    assert Store.open_read(path) is None
    assert not path.exists() and not path.parent.exists()
    assert not list(tmp_path.iterdir())


def test_read_only_open_changes_nothing(tmp_path):
    from lkj_excel.archive.earlier import earlier_of

    path = _archive(tmp_path / "arsip.sqlite")
    before = path.read_bytes()
    with Store.open_read(path) as s:
        s.listing(), s.summary(), s.latest(TEMPURSARI, 2023, "I"), earlier_of(s, TEMPURSARI, 2023, 2)
    assert path.read_bytes() == before and _side_files(path) == []


def _truncated(path: Path) -> None:
    _archive(path, 5)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _text(path: Path) -> None:
    path.write_text("ini bukan arsip, hanya teks\n", "utf-8")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE submission (id INTEGER)")
    conn.execute("INSERT INTO submission VALUES (1)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    _archive(path, 1)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.current_version() + 1}")
    conn.close()


@pytest.mark.parametrize("make,words", [
    (_truncated, "rusak"),
    (_text, "bukan arsip lkj-excel"),
    (_empty, "bukan arsip lkj-excel"),
    (_foreign, "basis data SQLite lain"),
    (_newer, "lkj-excel yang lebih baru"),
])
@pytest.mark.parametrize("side", ["write", "read"])
def test_a_file_that_is_not_a_usable_archive_stops_and_stays_byte_identical(
        tmp_path, make, words, side):
    path = tmp_path / "arsip.sqlite"
    make(path)
    before = path.read_bytes()
    opener = Store.open_write if side == "write" else Store.open_read
    with pytest.raises(ArchiveError) as exc:
        opener(path)
    assert words in str(exc.value) and str(path) in str(exc.value)
    assert path.read_bytes() == before
    assert _side_files(path) == []  # not even a journal was made


# --- migrations -------------------------------------------------------------------------

def _v2(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE note (submission_id INTEGER NOT NULL, text TEXT)")
    conn.execute("INSERT INTO note (submission_id, text) SELECT id, 'dipindah' FROM submission")


def test_an_older_archive_is_migrated_forward_by_the_writer(tmp_path, monkeypatch):
    path = _archive(tmp_path / "arsip.sqlite", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _v2])
    with Store.open_write(path) as s:
        assert s.schema_version == 2 and not s.outdated
        assert s.conn.execute("SELECT COUNT(*) FROM note").fetchone()[0] == 2
        assert s.latest(TEMPURSARI, 2023, "I").versi == 2  # the data is kept
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def test_an_older_archive_is_read_as_it_is_by_the_reader(tmp_path, monkeypatch):
    path = _archive(tmp_path / "arsip.sqlite", 2)
    before = path.read_bytes()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _v2])
    with Store.open_read(path) as s:
        assert (s.schema_version, s.outdated) == (1, True)
        assert s.latest(TEMPURSARI, 2023, "I").versi == 2
    assert path.read_bytes() == before


def test_a_failed_migration_leaves_the_old_version(tmp_path, monkeypatch):
    path = _archive(tmp_path / "arsip.sqlite", 1)

    def broken(conn):
        conn.execute("CREATE TABLE half (x INTEGER)")
        raise sqlite3.OperationalError("step failed")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(ArchiveError, match="tidak dapat diperbarui ke skema versi 2"):
        Store.open_write(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    conn.close()


# --- crashes and concurrency ------------------------------------------------------------

WRITER = textwrap.dedent('''
    import dataclasses, hashlib, sys
    sys.path.insert(0, {tests!r})
    from archive_builders import book_bytes, submission
    from lkj_excel.archive import Store
    path, tag, count, pad = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    base = submission(book_bytes())
    filler = bytes(range(256)) * (pad // 256)
    with Store.open_write(path, timeout=120) as store:
        for i in range(count):
            content = f"{{tag}}:{{i}}:".encode() + filler
            sub = dataclasses.replace(base, content=content,
                                      sha256=hashlib.sha256(content).hexdigest(),
                                      file_name=f"{{tag}}-{{i}}.xlsx")
            result = store.add(sub)
            print(tag, i, result.version.versi, flush=True)
''').format(tests=str(ROOT / "tests"))


def _writer(path: Path, tag: str, count: int, pad: int = 0) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag, str(count), str(pad)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def _complete(store: Store, expected_rows: tuple[int, int, int]) -> list[str]:
    """Every archived submission whole (its rows and bytes); their file names."""
    names = []
    for v in store.versions(TEMPURSARI, 2023, "I"):
        rep = store.load(v)
        assert (len(rep.pk), len(rep.budget), len(rep.findings)) == expected_rows
        content = store.content(TEMPURSARI, 2023, "I", v.versi)
        tag, i, _ = content.split(b":", 2)
        assert v.file_name == f"{tag.decode()}-{int(i)}.xlsx"
        names.append(v.file_name)
    return names


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_kill_9_during_a_batch_leaves_exactly_the_committed_submissions(tmp_path):
    path = tmp_path / "arsip.sqlite"
    base = submission(book_bytes())
    rows = (len(base.pk), len(base.budget), len(base.findings))
    committed: list[str] = []
    for round_, wait in enumerate((0.0, 0.013, 0.031, 0.057)):
        proc = _writer(path, f"r{round_}", 10_000, pad=400_000)
        seen = 0
        while seen < 3:  # let it commit a few, then kill it at some moment
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            committed.append(f"r{round_}-{line.split()[1]}.xlsx")
            seen += 1
        time.sleep(wait)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        committed += [f"r{round_}-{line.split()[1]}.xlsx" for line in proc.stdout]
        proc.stdout.close()
        proc.stderr.close()
        with Store.open_write(path) as store:  # opens; rolls back the unfinished transaction
            assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            names = _complete(store, rows)
        # every printed submission is there; at most one more, committed just before the kill
        assert names[: len(committed)] == committed
        assert len(names) - len(committed) in (0, 1)
        committed = names
        assert [v.versi for v in Store.open_read(path).versions(TEMPURSARI, 2023, "I")] == list(
            range(1, len(names) + 1))


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_an_interrupted_write_is_reported_to_a_reader_and_recovered_by_a_writer(tmp_path):
    path = _archive(tmp_path / "arsip.sqlite", 1)
    script = textwrap.dedent('''
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1], isolation_level=None)
        c.execute("PRAGMA cache_size = 2")  # spill pages into the file before COMMIT
        c.execute("BEGIN IMMEDIATE")
        c.execute("CREATE TABLE junk (x BLOB)")
        for i in range(4000):
            c.execute("INSERT INTO junk VALUES (?)", (b"x" * 4000,))
        print("spilled", flush=True)
        import time; time.sleep(60)
    ''')
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "spilled"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert Path(f"{path}-journal").exists()
    before = path.read_bytes()
    with pytest.raises(ArchiveNeedsRecovery, match="lkj-excel process"):
        Store.open_read(path)
    assert path.read_bytes() == before
    with Store.open_write(path) as s:
        assert s.latest(TEMPURSARI, 2023, "I").versi == 1
        assert s.conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'junk'"
                              ).fetchone()[0] == 0
    assert not Path(f"{path}-journal").exists()
    assert Store.open_read(path).latest(TEMPURSARI, 2023, "I").versi == 1


def test_two_processes_adding_at_once_both_finish_with_distinct_versions(tmp_path):
    path = tmp_path / "arsip.sqlite"
    procs = [_writer(path, tag, 15) for tag in ("a", "b")]
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    printed = sorted(int(line.split()[2]) for out, _ in outputs for line in out.splitlines())
    assert printed == list(range(1, 31))
    with Store.open_read(path) as store:
        versions = store.versions(TEMPURSARI, 2023, "I")
        assert [v.versi for v in versions] == list(range(1, 31))
        assert sorted(v.file_name for v in versions) == sorted(
            f"{t}-{i}.xlsx" for t in "ab" for i in range(15))


def test_reading_while_another_process_writes(tmp_path):
    path = _archive(tmp_path / "arsip.sqlite", 1)
    proc = _writer(path, "w", 40, pad=200_000)
    seen = []
    while proc.poll() is None:
        with Store.open_read(path) as store:  # never "damaged" while a commit is under way
            seen.append(len(store.versions(TEMPURSARI, 2023, "I")))
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert seen == sorted(seen) and len(seen) > 1
    assert len(Store.open_read(path).versions(TEMPURSARI, 2023, "I")) == 41


def test_an_archive_that_cannot_be_created_is_an_archive_error(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder", "utf-8")
    with pytest.raises(ArchiveError, match="tidak dapat dibuat"):
        Store.open_write(blocker / "arsip.sqlite")
    assert blocker.read_text("utf-8") == "bukan folder"
