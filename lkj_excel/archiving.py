"""The archive in a run of `process`, `check` and `archive add` (docs/arsip.md): which file,
opened how, the earlier reports each report is compared with, and the order in which a
run's reports are recorded, so that a batch is the same whatever the number of workers.

    process, archive add   `ArchiveRun.open(write=True)`: created or migrated when needed;
                           only the main process writes, one transaction per submission
    check                  `ArchiveRun.open(write=False)`: read-only; a missing archive is
                           "no archive", an older one is used without the history checks
    --tanpa-arsip          no ArchiveRun: nothing is read or written

A batch (`settle`): every input is first checked against the archive as it was when the run
started; then the submissions are recorded in order of office, year and triwulan (sorted
path order within one period). A report whose earlier report is another input of the same
batch is checked again once that one is recorded (unless that one was already archived
byte for byte), so it is compared with it exactly as if the two had come in two runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pipeline import FileReport


@dataclass
class Recorded:
    """What a run did to the archive (the summary prints it)."""

    added: int = 0
    same: int = 0
    rechecked: int = 0
    not_archived: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    errors: list[str] = field(default_factory=list)


class ArchiveRun:
    """The archive of one run: its path, `[arsip.alias]`, and the open store (None for a
    read-only run without an archive file)."""

    def __init__(self, path: Path, aliases: dict[str, str], store: Any, writable: bool,
                 note: str | None = None) -> None:
        self.path, self.aliases, self.store, self.writable = path, aliases, store, writable
        self.note = note  # said once in the summary: no archive yet, an older schema ...
        self.recorded = Recorded()

    @classmethod
    def open(cls, settings: Any, arsip: str | Path | None = None, *,
             write: bool) -> ArchiveRun:
        """The archive named by `--arsip`, `[arsip] path`, `LKJ_ARSIP` or the default.
        Raises ArchiveError (not an archive, damaged, newer) before anything is read."""
        from .archive import resolve_path
        from .archive.store import Store

        path = resolve_path(arsip, settings)
        aliases = dict(getattr(settings, "arsip_alias", None) or {})
        if write:
            return cls(path, aliases, Store.open_write(path), True)
        store = Store.open_read(path)
        if store is None:
            return cls(path, aliases, None, False,
                       "arsip belum ada; pemeriksaan riwayat dilewati")
        if store.outdated:
            return cls(path, aliases, store, False,
                       f"arsip memakai skema lama (versi {store.schema_version}); pemeriksaan "
                       "riwayat dilewati. Jalankan lkj-excel process untuk memperbaruinya")
        return cls(path, aliases, store, False)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def __enter__(self) -> ArchiveRun:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- reading ------------------------------------------------------------------------

    def history(self):
        """The earlier-reports provider for the pipeline (picklable: batch workers open the
        archive read-only themselves); None when there is nothing to read."""
        from .archive.earlier import ArchiveHistory

        if self.store is None or (not self.writable and self.store.outdated):
            return None
        return ArchiveHistory(str(self.path), self.aliases)

    # --- writing ------------------------------------------------------------------------

    def record(self, rep: FileReport) -> str | None:
        """Record a report's submission (`prepare` made it, in whichever process checked the
        report); the report's `meta` then says its version and the one before it. Returns
        what the archive did (`added`, `same`, `rechecked`), None when nothing was recorded."""
        from .archive import ADDED, RECHECKED
        from .archive.errors import ArchiveError

        sub = rep.meta.pop("submission", None)
        if sub is None:
            if rep.meta.get("arsip_alasan"):
                self.recorded.not_archived.append((rep.file, rep.meta["arsip_alasan"]))
            return None
        try:
            res = self.store.add(sub)
        except ArchiveError as exc:
            rep.meta["arsip_error"] = str(exc)
            self.recorded.errors.append(f"{rep.file}: tidak tercatat di arsip: {exc}")
            return None
        if res.status == ADDED:
            self.recorded.added += 1
        elif res.status == RECHECKED:
            self.recorded.rechecked += 1
        else:
            self.recorded.same += 1
        rep.meta["arsip_periode"] = (sub.office, sub.tahun, sub.triwulan)
        rep.meta["versi"] = res.version.versi
        if res.previous is not None:
            rep.meta["sebelumnya"] = previous_text(res.version.versi, res.previous, rep)
        return res.status

    def settle(self, reports: list[FileReport],
               redo: Callable[[list[int], dict[int, Any]], dict[int, FileReport]]) -> None:
        """Record every report of a run, in order of office, year and triwulan; a report
        whose earlier report was recorded by this run (and was new to the archive) is
        checked again first: `redo(indices, {index: Earlier})` returns the new reports,
        which replace the old ones in `reports` (whose outputs the caller replaces)."""
        from .archive import SAME
        from .archive.earlier import earlier_of

        subs = {i: r.meta["submission"] for i, r in enumerate(reports)
                if r.meta.get("submission") is not None}
        deps = {i: [j for j in subs if _before(subs[j], subs[i])] for i in subs}
        level: dict[int, int] = {}

        def depth(i: int) -> int:
            if i not in level:
                level[i] = 1 + max((depth(j) for j in deps[i]), default=-1)
            return level[i]

        for i in subs:
            depth(i)
        status: dict[int, str | None] = {}
        for wave in sorted(set(level.values())):
            group = sorted((i for i in level if level[i] == wave),
                           key=lambda i: (subs[i].office, subs[i].tahun, subs[i].triwulan,
                                          reports[i].meta.get("index", i)))
            again = [i for i in group if any(status[j] != SAME for j in deps[i])]
            if again:
                fresh = redo(again, {i: earlier_of(self.store, subs[i].office, subs[i].tahun,
                                                    subs[i].triwulan) for i in again})
                for i, rep in fresh.items():
                    reports[i] = rep
            for i in group:
                status[i] = self.record(reports[i])
        for i, rep in enumerate(reports):
            if i not in subs:
                self.record(rep)  # notes why it is not archived

    def not_sent(self, reports: list[FileReport]) -> list[str]:
        """`Belum mengirim` without `--daftar`: the offices of a Pemerintah Daerah of this
        run that reported for the period before one of this run's periods and have nothing
        for that period (the archive now holds this run's reports too)."""
        periods = {(office.pemda, tahun, tw) for office, tahun, tw in
                   (r.meta["arsip_periode"] for r in reports if r.meta.get("arsip_periode"))}
        names: list[str] = []
        for pemda, tahun, tw in sorted(periods):
            before = (tahun, tw - 1) if tw > 1 else (tahun - 1, 4)
            now = {o.key for o in self.store.offices_reporting(tahun, tw)}
            for o in self.store.offices_reporting(*before):
                if o.key.pemda == pemda and o.key not in now and o.perangkat_daerah not in names:
                    names.append(o.perangkat_daerah)
        return names

    def summary_lines(self, single: FileReport | None = None) -> list[str]:
        """Where the archive is and what the run did to it (`single`: the one report of
        `process FILE`), for the end of the run's text."""
        r = self.recorded
        head = f"Arsip: {self.path}"
        if self.note:
            return [f"{head} ({self.note})"]
        if not self.writable:
            return [head]
        if single is not None:
            versi = single.meta.get("versi")
            if versi is None:
                why = single.meta.get("arsip_alasan") or single.meta.get("arsip_error")
                return [f"{head} (tidak diarsipkan: {why})" if why else head]
            what = "sudah ada" if r.same else "diperiksa ulang" if r.rechecked else "ditambahkan"
            return [f"{head} (versi {versi} {what})"]
        parts = [f"{r.added} kiriman baru"]
        if r.rechecked:
            parts.append(f"{r.rechecked} diperiksa ulang")
        if r.same:
            parts.append(f"{r.same} sudah ada")
        lines = [f"{head} ({', '.join(parts)})"]
        if r.not_archived:
            lines.append(f"Tidak diarsipkan ({len(r.not_archived)}):")
            lines.extend(f"  {f}: {why}" for f, why in r.not_archived)
        return lines


def _before(a: Any, b: Any) -> bool:
    """Submission `a` is an earlier report `b` is compared with: same office, an earlier
    triwulan of the same year, or TW IV of the year before."""
    if a.office != b.office:
        return False
    return ((a.tahun == b.tahun and a.triwulan < b.triwulan)
            or (a.tahun == b.tahun - 1 and a.triwulan == 4))


def previous_text(versi: int, previous: Any, rep: FileReport) -> str:
    """The Rekap's Sebelumnya: `versi 2: 11 → 3 kesalahan, 21 → 20 peringatan`."""
    return (f"versi {versi}: {previous.errors} → {rep.errors} kesalahan, "
            f"{previous.warnings} → {rep.warnings} peringatan")


def prepare(rep: FileReport, content: bytes | None, settings: Any,
            run_time: dt.datetime) -> None:
    """In the process that checked `rep` (a batch worker): its submission, for the main
    process to record (`rep.meta["submission"]`), or why it is not one
    (`rep.meta["arsip_alasan"]`)."""
    from .archive import NotArchivable, build_submission

    if not rep.readable:
        return
    if content is None:
        rep.meta["arsip_alasan"] = "berkas tidak dapat dibaca ulang untuk diarsipkan"
        return
    try:
        rep.meta["submission"] = build_submission(rep, content, settings,
                                                  processed_at=run_time)
    except NotArchivable as exc:
        rep.meta["arsip_alasan"] = exc.reason
    except ValueError:  # the file changed while it was being checked
        rep.meta["arsip_alasan"] = "berkas berubah selama diproses"
