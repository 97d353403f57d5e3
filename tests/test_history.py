"""The history checks (archive.md "History checks", checks.md history.*): a report against
the earlier reports of its office, recorded through the real archive from variations of
the clean workbook (tests/builders.py), or given directly as `Earlier` records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from archive_builders import PROCESSED, SAMPLE, book_bytes, history_of
from builders import KEG_201, SUB_201_0002, SUB_202_0001, clean_book, clean_data, show

from lkj_excel import catalogue as C
from lkj_excel.archive import Store
from lkj_excel.archive.earlier import ArchiveHistory, Earlier, Known, earlier_of, period_of
from lkj_excel.checks import history
from lkj_excel.model import Val
from lkj_excel.pipeline import check_source
from lkj_excel.settings import Settings
from lkj_excel.write.workbook import write_lkj

WHEN = PROCESSED.strftime("%d-%m-%Y %H:%M")
TW1 = f"tw1.xlsx versi 1 (2023 TW I, diproses {WHEN})"
LAST_YEAR = f"2022-tw4.xlsx versi 1 (2022 TW IV, diproses {WHEN})"
HISTORY_IDS = {c.id for c in C.HISTORY}


def check(tmp_path, now: bytes, *earlier: tuple[bytes, str], name: str = "tw2.xlsx",
          archive: str = "arsip.sqlite"):
    """Check `now` against a new archive `archive` holding `earlier`."""
    return check_source(now, name, history=history_of(tmp_path / archive, *earlier))


def hist(rep) -> list[tuple]:
    """The history findings: (check, sheet, cell, kode, found, expected), in report order."""
    return [(f.check, f.sheet, f.cell, f.kode, f.found, f.expected)
            for f in rep.findings if f.check in HISTORY_IDS]


def realisasi_rows(*, drop=(), add=()) -> list[list]:
    """The clean Realisasi rows without the codes in `drop`, with `add` (index, row) put in."""
    rows = [r for r in clean_data()["Realisasi"] if r[0] not in drop]
    for i, row in add:
        rows.insert(i, row)
    return rows


TW2 = book_bytes(2023, "II")  # the clean report of TW II: no finding of its own


def test_the_clean_tw2_report_has_no_finding_of_its_own():
    assert check_source(TW2, "tw2.xlsx").findings == []


# --- history.realisasi_decreased -----------------------------------------------------------

def test_a_lower_realisasi_is_reported_at_the_row_that_decreased(tmp_path):
    # TW I reported 3.000.000 on sub kegiatan 7.01.01.2.01.0001 (its parents' computed
    # Realisasi follow); TW II says 2.500.000: one finding, at the sub kegiatan
    tw1 = book_bytes(2023, "I", cells={"Realisasi": {"D5": 3_000_000}})
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"))
    assert hist(rep) == [("history.realisasi_decreased", "Realisasi", "D5", "7.01.01.2.01.0001",
                          Decimal(2_500_000), Decimal(3_000_000))], show(rep)
    f = rep.findings[0]
    assert f.severity == "warning"
    assert f.message == (
        f"Realisasi sub kegiatan 7.01.01.2.01.0001 sekarang Rp 2.500.000, lebih kecil dari "
        f"Rp 3.000.000 di laporan sebelumnya, {TW1} (turun Rp 500.000); realisasi dilaporkan "
        f"kumulatif s.d. triwulan, jadi tidak turun kecuali ada koreksi.")


def test_a_higher_or_equal_realisasi_is_no_finding(tmp_path):
    tw1 = book_bytes(2023, "I", cells={"Realisasi": {"D5": 2_000_000}})
    assert hist(check(tmp_path, TW2, (tw1, "tw1.xlsx"))) == []
    assert hist(check(tmp_path, TW2, (TW2, "tw1-sama.xlsx"), archive="b.sqlite")) == []


def test_a_parent_is_reported_only_when_no_row_below_it_decreased(tmp_path):
    # kegiatan 7.01.01.2.02 without sub kegiatan rows, in both reports: it is the row that
    # decreased; its program decreased too, but because of it
    rows = realisasi_rows(drop=("7.01.01.2.02.0001", "7.01.01.2.02.0002"))
    tw1 = book_bytes(2023, "I", rows={"Realisasi": rows}, cells={"Realisasi": {"D7": 400_000_000}})
    now = book_bytes(2023, "II", rows={"Realisasi": rows})
    rep = check(tmp_path, now, (tw1, "tw1.xlsx"))
    assert hist(rep) == [("history.realisasi_decreased", "Realisasi", "D7", "7.01.01.2.02",
                          Decimal(312_345_678), Decimal(400_000_000))], show(rep)


def test_a_parent_is_not_reported_when_a_row_below_it_went_missing(tmp_path):
    # TW I had sub kegiatan 7.01.01.2.01.0002 (Realisasi 500.000); TW II has no row for it:
    # its kegiatan and program decreased (and their Pagu changed) because of it
    extra = ["7.01.01.2.01.0002", SUB_201_0002, 2_000_000, 500_000, 1_500_000, "DAU"]
    tw1 = book_bytes(2023, "I", rows={"Realisasi": realisasi_rows(add=[(3, extra)])})
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"))
    assert hist(rep) == [("history.code_missing", "Realisasi", None, "7.01.01.2.01.0002",
                          None, "7.01.01.2.01.0002")], show(rep)
    assert rep.findings[0].message == (
        f"Kode 7.01.01.2.01.0002 ({SUB_201_0002}) ada di laporan sebelumnya, {TW1}, tetapi "
        f"tidak ada lagi di sheet Realisasi.")


def test_a_parent_whose_children_only_increased_is_not_reported_for_realisasi(tmp_path):
    # one sub kegiatan lower, its sibling higher by more: the kegiatan rose, only the sub
    # kegiatan that fell is reported
    tw1 = book_bytes(2023, "I", cells={"Realisasi": {"D5": 2_600_000, "D6": 100_000}})
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"))
    assert [(f[0], f[2]) for f in hist(rep)] == [("history.realisasi_decreased", "D5")]


# --- history.pagu_changed ------------------------------------------------------------------

def test_another_pagu_is_reported_at_the_row_that_changed(tmp_path):
    tw1 = book_bytes(2023, "I", cells={"Realisasi": {"C9": 40_000_000}})
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"))
    assert hist(rep) == [("history.pagu_changed", "Realisasi", "C9", "7.01.01.2.02.0002",
                          Decimal(50_000_000), Decimal(40_000_000))], show(rep)
    assert rep.findings[0].message == (
        f"Pagu sub kegiatan 7.01.01.2.02.0002 sekarang Rp 50.000.000, di laporan sebelumnya, "
        f"{TW1}, Rp 40.000.000 (selisih Rp 10.000.000); pagu biasanya hanya berubah sekali "
        f"setahun (APBD Perubahan), selain itu kemungkinan salah ketik.")


def test_a_parent_pagu_is_reported_when_none_of_its_children_changed(tmp_path):
    rows = realisasi_rows(drop=("7.01.01.2.02.0001", "7.01.01.2.02.0002"))
    tw1 = book_bytes(2023, "I", rows={"Realisasi": rows},
                     cells={"Realisasi": {"C7": 1_300_000_000}})
    now = book_bytes(2023, "II", rows={"Realisasi": rows})
    rep = check(tmp_path, now, (tw1, "tw1.xlsx"))
    assert hist(rep) == [("history.pagu_changed", "Realisasi", "C7", "7.01.01.2.02",
                          Decimal(1_250_000_000), Decimal(1_300_000_000))], show(rep)


def test_a_parent_pagu_is_not_reported_when_a_child_appeared(tmp_path):
    # TW I lacked sub kegiatan 7.01.01.2.01.0006 (Pagu 5.000.000): its kegiatan and program
    # have another Pagu now, because a row was added; a new row is no finding
    tw1 = book_bytes(2023, "I", rows={"Realisasi": realisasi_rows(drop=("7.01.01.2.01.0006",))})
    assert hist(check(tmp_path, TW2, (tw1, "tw1.xlsx"))) == []


def test_money_is_compared_exactly_to_the_sen(tmp_path):
    tw1 = book_bytes(2023, "I", cells={"Realisasi": {"C9": 50_000_000.01}})
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"))
    assert hist(rep) == [("history.pagu_changed", "Realisasi", "C9", "7.01.01.2.02.0002",
                          Decimal(50_000_000), Decimal("50000000.01"))], show(rep)


# --- matching budget rows: .02 = .0002, rows sharing a Kode, suggested codes ----------------

def test_a_two_digit_last_part_matches_its_padded_form(tmp_path):
    tw1 = book_bytes(2023, "I", cells={"Realisasi": {"A9": "7.01.01.2.02.02"}})
    assert hist(check(tmp_path, TW2, (tw1, "tw1.xlsx"))) == []


def test_rows_sharing_a_kode_are_summed(tmp_path):
    # both reports write 7.01.01.2.02.0001 (Gaji) as a second 7.01.01.2.02.02: the two rows
    # of that code are one group, whose Realisasi fell
    same = {"A8": "7.01.01.2.02.02"}
    tw1 = book_bytes(2023, "I", cells={"Realisasi": {**same, "D9": 13_000_000}})
    now = book_bytes(2023, "II", cells={"Realisasi": same})
    rep = check(tmp_path, now, (tw1, "tw1.xlsx"))
    assert hist(rep) == [("history.realisasi_decreased", "Realisasi", "D8", "7.01.01.2.02.02",
                          Decimal(312_345_678), Decimal(313_000_000))], show(rep)
    assert "(jumlah baris berkode sama: 2 baris sekarang, 2 baris di laporan sebelumnya)" in \
        rep.findings[-1].message


def test_a_code_fixed_as_suggested_matches_the_earlier_row(tmp_path):
    # TW I wrote kegiatan 7.01.01.2.01 as 7.01.01.01.2 (budget.code_format suggested
    # 7.01.01.2.01); TW II writes it right: the same row, no code_missing, no Pagu change
    tw1 = book_bytes(2023, "I", cells={"Realisasi": {"A4": "7.01.01.01.2"}})
    tw1_rep = check_source(tw1, "tw1.xlsx")
    fmt = next(f for f in tw1_rep.findings if f.check == C.BUDGET_CODE_FORMAT.id)
    assert (fmt.cell, fmt.expected) == ("A4", "7.01.01.2.01")
    assert hist(check(tmp_path, TW2, (tw1, "tw1.xlsx"))) == []


def test_a_mistyped_code_kept_matches_by_itself(tmp_path):
    cells = {"Realisasi": {"A4": "7.01.01.01.2"}}
    tw1 = book_bytes(2023, "I", cells=cells)
    assert hist(check(tmp_path, book_bytes(2023, "II", cells=cells), (tw1, "tw1.xlsx"))) == []


def test_a_duplicate_fixed_as_suggested_is_no_change(tmp_path):
    # TW I wrote Gaji (7.01.01.2.02.0001) as a second 7.01.01.2.02.02; its suggestion is
    # 7.01.01.2.02.0001. Summing it with the row that keeps .0002 would see a Pagu change:
    # matched by its suggestion, it is the row TW II writes right
    tw1 = book_bytes(2023, "I", cells={"Realisasi": {"A8": "7.01.01.2.02.02"}})
    dup = next(f for f in check_source(tw1, "tw1.xlsx").findings
               if f.check == C.BUDGET_CODE_DUPLICATE.id)
    assert (dup.cell, dup.expected) == ("A8", "7.01.01.2.02.0001")
    assert hist(check(tmp_path, TW2, (tw1, "tw1.xlsx"))) == []


def test_a_mistyped_code_without_a_suggestion_is_missing(tmp_path):
    tw1 = book_bytes(2023, "I", cells={"Realisasi": {"A4": "7.01.01.01.2", "B4": "Kegiatan lain"}})
    saran = [f.expected for f in check_source(tw1, "tw1.xlsx").findings
             if f.check == C.BUDGET_CODE_FORMAT.id]
    assert saran == [None]
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"))
    assert hist(rep) == [("history.code_missing", "Realisasi", None, "7.01.01.01.2", None,
                          "7.01.01.01.2")], show(rep)


# --- history.target_changed / history.indicator_missing ------------------------------------

def test_a_changed_target_is_reported_at_its_cell(tmp_path):
    tw1 = book_bytes(2023, "I", cells={"PK": {"H4": 75, "H5": 95.5}})
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"))
    assert hist(rep) == [
        ("history.target_changed", "PK", "H4", "7.01.01", "70", "75"),
        ("history.target_changed", "PK", "H5", "7.01.01.2.01", 100.0, 95.5),
    ], show(rep)
    assert rep.findings[0].message == (
        f"Target indikator 'Nilai SAKIP kecamatan' sekarang 70, di laporan sebelumnya, {TW1}, "
        f"75; target PK ditetapkan sekali setahun, jadi sama di setiap triwulan kecuali PK "
        f"diubah.")
    assert "sekarang 100%" in rep.findings[1].message and "95,5%" in rep.findings[1].message


@pytest.mark.parametrize("then, fires", [(70.004, False), (69.995, False), (70.006, True),
                                         (69.994, True)])
def test_targets_are_compared_at_two_decimals(tmp_path, then, fires):
    tw1 = book_bytes(2023, "I", cells={"PK": {"H4": then}})
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"))
    assert [f[2] for f in hist(rep)] == (["H4"] if fires else [])


def test_a_target_given_now_that_was_blank_before_is_no_change(tmp_path):
    tw1 = book_bytes(2023, "I", cells={"PK": {"H4": None}})
    assert [f.check for f in check_source(tw1, "a.xlsx").findings] == [C.PK_TARGET_MISSING.id]
    assert hist(check(tmp_path, TW2, (tw1, "tw1.xlsx"))) == []


def test_a_target_blank_now_that_was_given_is_a_change(tmp_path):
    now = book_bytes(2023, "II", cells={"PK": {"H4": None}})
    rep = check(tmp_path, now, (book_bytes(2023, "I"), "tw1.xlsx"))
    assert hist(rep) == [("history.target_changed", "PK", "H4", "7.01.01", None, "70")]
    assert "sekarang kosong" in rep.findings[-1].message


def test_quarter_and_renstra_targets_are_compared_where_the_model_has_them(tmp_path):
    # the model's Target TW I-III / Target Renstra fields, where they exist, are compared
    # as Target is (getattr): given here by hand on the rows read and the records archived
    path = tmp_path / "arsip.sqlite"
    history_of(path, (book_bytes(2023, "I"), "tw1.xlsx"))
    rep = check_source(TW2, "tw2.xlsx")
    with Store.open_read(path) as store:
        earlier = earlier_of(store, *period_of(rep))
    rec = earlier.previous.pk[1]
    earlier.previous.pk[1] = dataclasses.replace(
        rec, target_tw1=Decimal("10"), target_tw2=Decimal("20"), target_renstra=Decimal("80"))
    row = rep.data.pk[1]
    cell = row.target.cell
    row.target_tw1 = Val(10.0, dataclasses.replace(cell, addr="P4", col=16))
    row.target_tw2 = Val(25.0, dataclasses.replace(cell, addr="Q4", col=17))
    row.target_renstra = Val(None, None, False, "T4")  # blank now, given before
    findings = []
    history.check(rep.data, earlier, findings)
    assert [(f.check, f.cell, f.found, f.expected) for f in findings] == [
        ("history.target_changed", "Q4", "25", "20"),
        ("history.target_changed", "T4", None, "80"),
    ]
    assert findings[0].message.startswith("Target TW II indikator 'Nilai SAKIP kecamatan'")
    assert findings[1].message.startswith("Target Renstra indikator 'Nilai SAKIP kecamatan' "
                                          "sekarang kosong")


def test_an_indicator_absent_now_is_reported_without_a_cell(tmp_path):
    extra = [4, "Sasaran Kegiatan", "Sekretaris Kecamatan", "Tersusunnya laporan",
             "Jumlah laporan kinerja yang tersusun", "Dokumen", "Naik", 4, 1, None,
             "7.01.01.2.01", 15_000_000, None, None, None]
    tw1 = book_bytes(2023, "I", rows={"PK": [*clean_data()["PK"], extra]})
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"))
    assert hist(rep) == [("history.indicator_missing", "PK", None, "7.01.01.2.01", None,
                          "Jumlah laporan kinerja yang tersusun")], show(rep)
    assert rep.findings[0].message == (
        f"Indikator 'Jumlah laporan kinerja yang tersusun' (Sasaran Kegiatan) ada di laporan "
        f"sebelumnya, {TW1}, tetapi tidak ada lagi di sheet PK; indikator PK berlaku setahun.")


def test_indicators_match_by_tingkat_and_name_normalised(tmp_path):
    # case, spaces and punctuation do not matter; another Tingkat is another indicator
    tw1 = book_bytes(2023, "I", cells={"PK": {"E4": "NILAI  SAKIP Kecamatan.", "H4": 75,
                                              "B5": "sasaran kegiatan "}})
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"))
    assert [f[:3] for f in hist(rep)] == [("history.target_changed", "PK", "H4")]
    tw1 = book_bytes(2023, "I", cells={"PK": {"B4": "Sasaran Strategis", "H4": 75}})
    rep = check(tmp_path, TW2, (tw1, "tw1.xlsx"), archive="b.sqlite")
    assert [f[:3] for f in hist(rep)] == [("history.indicator_missing", "PK", None)]


# --- history.last_year_mismatch ------------------------------------------------------------

def last_year(**pk_cells) -> tuple[bytes, str]:
    """Last year's TW IV report: the clean one with `pk_cells` changed; row 3's realisation
    typed (88) rather than derived from the village documents."""
    cells = {"H3": 85, "I3": 88, "J3": None, **pk_cells}
    return book_bytes(2022, "IV", cells={"PK": cells}), "2022-tw4.xlsx"


def test_typed_last_year_figures_that_agree_are_no_finding(tmp_path):
    # this report types Target Tahun Lalu 85 and Realisasi Tahun Lalu 88 on row 3
    assert hist(check(tmp_path, TW2, last_year())) == []


@pytest.mark.parametrize("then, fires", [(85.5, False), (84.5, False), (85.51, True),
                                         (84.4, True)])
def test_percent_rows_allow_half_a_point(tmp_path, then, fires):
    rep = check(tmp_path, TW2, last_year(H3=then))
    assert hist(rep) == ([("history.last_year_mismatch", "PK", "M3", None, 85.0, then)]
                         if fires else []), show(rep)


def test_the_message_names_last_years_report(tmp_path):
    rep = check(tmp_path, TW2, last_year(H3=80))
    assert rep.findings[-1].message == (
        f"Target Tahun Lalu indikator 'Persentase dokumen desa yang ditetapkan tepat waktu' "
        f"tertulis 85%, di laporan TW IV tahun lalu, {LAST_YEAR}, targetnya 80% (selisih 5 "
        f"poin persen).")


def test_other_rows_differ_at_any_difference(tmp_path):
    # row 4 (Satuan Nilai) types Target/Realisasi Tahun Lalu 70 / 65 this time
    now = book_bytes(2023, "II", cells={"PK": {"M4": 70, "N4": 65}})
    assert hist(check(tmp_path, now, last_year(H4=70, I4=65))) == []
    rep = check(tmp_path, now, last_year(H4=70.1, I4=65), archive="b.sqlite")
    assert hist(rep) == [("history.last_year_mismatch", "PK", "M4", "7.01.01", "70", "70,1")]


def test_this_reports_satuan_decides_whether_a_row_is_percent(tmp_path):
    # last year row 4 was a percent row, this year it is Nilai: any difference counts;
    # last year row 3 was Nilai, this year it is %: half a point is allowed
    now = book_bytes(2023, "II", cells={"PK": {"M4": 70, "N4": 65}})
    rep = check(tmp_path, now, last_year(F4="%", H4=70.3, I4=65, F3="Nilai", H3=85.3))
    assert hist(rep) == [("history.last_year_mismatch", "PK", "M4", "7.01.01", "70", "70,3")]


def test_realisasi_tahun_lalu_is_compared_with_the_realisation_used_last_year(tmp_path):
    # last year's row 3 derived its realisation from the village documents (6 of 6: 100%),
    # not the 90 typed there: that is what Realisasi Tahun Lalu must say
    tw4 = book_bytes(2022, "IV", cells={"PK": {"H3": 85, "I3": 90}})
    rep = check(tmp_path, TW2, (tw4, "2022-tw4.xlsx"))
    assert hist(rep) == [("history.last_year_mismatch", "PK", "N3", None, 88.0, 100.0)], show(rep)
    assert "realisasinya 100%" in rep.findings[-1].message


def test_last_year_is_compared_in_every_quarter_and_only_with_tw_iv(tmp_path):
    tw3 = book_bytes(2022, "III", cells={"PK": {"H3": 50, "I3": 50, "J3": None}})
    rep = check(tmp_path, book_bytes(2023, "I"), (tw3, "2022-tw3.xlsx"), name="tw1.xlsx")
    assert hist(rep) == []
    rep = check(tmp_path, book_bytes(2023, "I"), last_year(H3=80), name="tw1.xlsx",
                archive="b.sqlite")
    assert [f[:3] for f in hist(rep)] == [("history.last_year_mismatch", "PK", "M3")]


def test_a_kept_duplicate_stays_with_its_code_even_when_the_suggested_code_has_a_row(tmp_path):
    # both reports: Gaji written as a second 7.01.01.2.02.02 (suggested .0001) and another
    # row that does use .0001. The mistake is still there, so the earlier row is not moved
    # under .0001: identical reports, no finding
    gaji = ["7.01.01.2.02.0001", SUB_202_0001, 0, 0, 0, "DAU"]
    rows = realisasi_rows(add=[(7, gaji)])
    cells = {"Realisasi": {"A8": "7.01.01.2.02.02"}}
    tw1 = book_bytes(2023, "I", rows={"Realisasi": rows}, cells=cells)
    dup = [(f.cell, f.expected) for f in check_source(tw1, "a.xlsx").findings
           if f.check == C.BUDGET_CODE_DUPLICATE.id]
    assert ("A8", "7.01.01.2.02.0001") in dup
    now = book_bytes(2023, "II", rows={"Realisasi": rows}, cells=cells)
    assert hist(check(tmp_path, now, (tw1, "tw1.xlsx"))) == []


# --- which earlier report; nothing without one ---------------------------------------------

def test_the_latest_version_of_the_previous_quarter_is_named(tmp_path):
    tw1 = book_bytes(2023, "I", cells={"PK": {"H4": 75}})
    tw1_v2 = book_bytes(2023, "I", cells={"PK": {"H4": 72}})
    rep = check(tmp_path, book_bytes(2023, "III"), (tw1, "tw1.xlsx"), (tw1_v2, "tw1-baru.xlsx"),
                name="tw3.xlsx")
    assert hist(rep) == [("history.target_changed", "PK", "H4", "7.01.01", "70", "72")]
    assert f"tw1-baru.xlsx versi 2 (2023 TW I, diproses {WHEN})" in rep.findings[-1].message


def test_nothing_fires_without_an_archive_or_an_earlier_report(tmp_path):
    changed = book_bytes(2023, "II", cells={"PK": {"H4": 75, "M3": 10}})
    plain = check_source(changed, "tw2.xlsx")
    assert hist(plain) == []
    # an archive that does not exist; one without this office; one with only later reports
    none = check_source(changed, "tw2.xlsx", history=ArchiveHistory(str(tmp_path / "tidak")))
    other = check(tmp_path, changed, (book_bytes(2023, "I", pd="Kecamatan Lain"), "lain.xlsx"),
                  archive="lain.sqlite")
    later = check(tmp_path, changed, (book_bytes(2023, "III"), "tw3.xlsx"),
                  (book_bytes(2023, "IV"), "tw4.xlsx"), archive="later.sqlite")
    empty = check_source(changed, "tw2.xlsx", history=Known(Earlier()))
    for rep in (none, other, later, empty):
        assert rep.findings == plain.findings


def test_the_sample_with_an_empty_history_keeps_its_findings():
    content = SAMPLE.read_bytes()
    assert check_source(content, "s.xlsx", history=Known(Earlier())).findings == \
        check_source(content, "s.xlsx").findings


def test_an_unreadable_identity_asks_no_history(tmp_path):
    changed = book_bytes(2023, None, cells={"PK": {"H4": 75}})
    rep = check(tmp_path, changed, (book_bytes(2023, "I"), "tw1.xlsx"))
    assert hist(rep) == [] and rep.earlier is None


# --- order, JSON, Rekonsiliasi -------------------------------------------------------------

def _busy_history(tmp_path):
    """TW II against a TW I that had one more sub kegiatan, one more indicator, another
    target and a higher realisation: findings with and without cells on PK and Realisasi."""
    extra_row = ["7.01.01.2.01.0002", SUB_201_0002, 2_000_000, 500_000, 1_500_000, "DAU"]
    extra_pk = [4, "Sasaran Kegiatan", "Sekretaris Kecamatan", "Tersusunnya laporan",
                "Jumlah laporan kinerja yang tersusun", "Dokumen", "Naik", 4, 1, None,
                None, None, None, None, None]
    tw1 = book_bytes(2023, "I", rows={"Realisasi": realisasi_rows(add=[(3, extra_row)]),
                                      "PK": [*clean_data()["PK"], extra_pk]},
                     cells={"Realisasi": {"D10": 13_000_000}, "PK": {"H4": 75}})
    now = book_bytes(2023, "II", cells={"Realisasi": {"B4": KEG_201 + " x"}})
    return check(tmp_path, now, (tw1, "tw1.xlsx"), last_year(H3=80))


def test_no_cell_history_findings_come_after_the_cell_findings_of_their_sheet(tmp_path):
    rep = _busy_history(tmp_path)
    assert [(f.check, f.sheet, f.cell) for f in rep.findings] == [
        ("history.last_year_mismatch", "PK", "M3"),
        ("history.target_changed", "PK", "H4"),
        ("history.indicator_missing", "PK", None),
        ("budget.code_unknown", "Realisasi", "B4"),
        ("history.realisasi_decreased", "Realisasi", "D9"),
        ("history.code_missing", "Realisasi", None),
    ], show(rep)


def test_json_carries_the_history_findings(tmp_path):
    doc = json.loads(json.dumps(_busy_history(tmp_path).to_json()))
    got = {f["check"]: f for f in doc["findings"]}
    assert doc["warnings"] == 6 and doc["errors"] == 0
    assert {k: got["history.realisasi_decreased"][k] for k in
            ("severity", "sheet", "cell", "kode", "found", "expected")} == {
        "severity": "warning", "sheet": "Realisasi", "cell": "D9",
        "kode": "7.01.01.2.02.0002", "found": 12_345_678, "expected": 13_000_000}
    assert (got["history.last_year_mismatch"]["found"],
            got["history.last_year_mismatch"]["expected"]) == (85, 80)
    assert (got["history.target_changed"]["found"], got["history.target_changed"]["expected"]) \
        == ("70", "75")
    missing = got["history.code_missing"]
    assert (missing["cell"], missing["kode"], missing["found"], missing["expected"]) == \
        (None, "7.01.01.2.01.0002", None, "7.01.01.2.01.0002")
    assert got["history.indicator_missing"]["cell"] is None
    for f in doc["findings"]:
        if f["check"] != "budget.code_unknown":
            assert TW1 in f["message"] or LAST_YEAR in f["message"]


def test_the_rekonsiliasi_sheet_carries_the_history_findings(tmp_path):
    rep = _busy_history(tmp_path)
    path = write_lkj(rep, Settings(), tmp_path / "lkj.xlsx", dt.datetime(2024, 4, 5, 6, 7, 8))
    ws = openpyxl.load_workbook(path, data_only=True)["Rekonsiliasi"]
    rows = [[c.value for c in row][:10] for row in ws.iter_rows(min_row=5)]
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        (f.check, "Peringatan", f.sheet, f.cell, f.kode) for f in rep.findings]
    by_check = {r[1]: r for r in rows}
    dec = by_check["history.realisasi_decreased"]
    assert (dec[6], dec[7], dec[8]) == (12_345_678, 13_000_000, -654_322)
    ly = by_check["history.last_year_mismatch"]
    assert (ly[6], ly[7], ly[8]) == (pytest.approx(0.85), pytest.approx(0.80), pytest.approx(0.05))
    assert by_check["history.code_missing"][7] == "7.01.01.2.01.0002"
    assert by_check["history.indicator_missing"][9] == rep.findings[2].message


def _without(sheet: str, header: str | None = None) -> bytes:
    """The clean TW II report without a sheet, or without one column's header."""
    wb = clean_book()
    wb["Identitas"]["B6"] = "II"
    if header is None:
        del wb[sheet]
    else:
        ws = wb[sheet]
        col = next(c for c in ws[2] if c.value == header)
        col.value = None
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_missing_sheet_or_column_is_not_every_earlier_row_missing(tmp_path):
    tw1 = (book_bytes(2023, "I", cells={"Realisasi": {"D5": 3_000_000}, "PK": {"H4": 75}}),
           "tw1.xlsx")
    no_budget = check(tmp_path, _without("Realisasi"), tw1, archive="a.sqlite")
    assert [f[0] for f in hist(no_budget)] == ["history.target_changed"], show(no_budget)
    no_pk = check(tmp_path, _without("PK"), tw1, archive="b.sqlite")
    assert [f[0] for f in hist(no_pk)] == ["history.realisasi_decreased"], show(no_pk)
    no_kode = check(tmp_path, _without("Realisasi", "Kode"), tw1, archive="c.sqlite")
    assert "history.code_missing" not in [f[0] for f in hist(no_kode)], show(no_kode)
    no_name = check(tmp_path, _without("PK", "Indikator Kinerja"), tw1, archive="d.sqlite")
    assert "history.indicator_missing" not in [f[0] for f in hist(no_name)], show(no_name)
