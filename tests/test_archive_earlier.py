"""Which earlier reports a report is compared with (archive.md): the provider the pipeline
asks once the identity is read."""

from __future__ import annotations

import pickle

from archive_builders import book_bytes, submission

from lkj_excel.archive import Store
from lkj_excel.archive.earlier import ArchiveHistory, Known, earlier_of, period_of
from lkj_excel.pipeline import check_source


def _fill(path):
    with Store.open_write(path) as s:
        for tahun, tw in ((2022, "III"), (2022, "IV"), (2023, "I"), (2023, "II")):
            s.add(submission(book_bytes(tahun, tw), f"{tahun}-{tw}.xlsx"))
        # a second, later version of TW I: the latest is the one compared with
        s.add(submission(book_bytes(2023, "I", cells={"Realisasi": {"B40": "catatan"}}),
                         "2023-I-v2.xlsx"))


def test_earlier_reports_of_each_period(tmp_path):
    path = tmp_path / "arsip.sqlite"
    _fill(path)
    rep = check_source(book_bytes(2023, "III"), "tw3.xlsx")
    office, tahun, tw = period_of(rep)
    assert (tahun, tw) == (2023, 3)
    with Store.open_read(path) as s:
        e = earlier_of(s, office, tahun, tw)
        assert [(q.tahun, q.triwulan, q.versi) for q in e.quarters] == [(2023, 1, 2), (2023, 2, 1)]
        assert (e.previous.triwulan, e.last_year.tahun, e.last_year.triwulan) == (2, 2022, 4)
        first = earlier_of(s, office, 2023, 1)
        assert first.previous is None and first.quarters == [] and first.last_year.triwulan == 4
        none = earlier_of(s, office, 2022, 3)
        assert none.empty


def test_the_pipeline_asks_the_archive_and_a_missing_one_gives_nothing(tmp_path):
    path = tmp_path / "arsip.sqlite"
    history = ArchiveHistory(str(path))
    assert check_source(book_bytes(2023, "II"), "a.xlsx", history=history).earlier is None
    assert not path.exists()  # reading never creates it
    _fill(path)
    history = pickle.loads(pickle.dumps(ArchiveHistory(str(path))))  # as a batch worker gets it
    rep = check_source(book_bytes(2023, "II"), "a.xlsx", history=history)
    assert rep.earlier.previous.versi == 2 and rep.earlier.previous.triwulan == 1
    assert rep.slim().earlier is None
    no_period = check_source(book_bytes(2023, None), "b.xlsx", history=history)
    assert no_period.earlier is None
    assert check_source(book_bytes(2023, "II"), "c.xlsx", history=Known(None)).earlier is None
