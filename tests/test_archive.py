"""The archive's storage (archive.md): submissions built from checked reports, versions,
same bytes, re-checks, withdrawals, the previous and last year's report, exact numbers,
office identity, where the archive is."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import sqlite3
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from archive_builders import (
    SAMPLE,
    book_bytes,
    checked,
    sample_submission,
    submission,
    with_content,
)
from builders import v2_book

from lkj_excel.archive import (
    ADDED,
    RECHECKED,
    SAME,
    ArchiveError,
    NotArchivable,
    OfficeKey,
    Store,
    build_submission,
    default_path,
    newer,
    normalise,
    office_key,
    resolve_path,
    tw_number,
    why_not_archived,
)
from lkj_excel.archive.codec import dec_text, to_decimal
from lkj_excel.figures import capaian_exact
from lkj_excel.settings import Settings, load_settings

TEMPURSARI = OfficeKey("kabupatenlumajang", "kecamatantempursari")


@pytest.fixture
def store(tmp_path):
    with Store.open_write(tmp_path / "arsip.sqlite") as s:
        yield s


# --- the submission ---------------------------------------------------------------------

def test_submission_from_the_sample_holds_what_archive_md_lists():
    content = SAMPLE.read_bytes()
    report = checked(content, "masuk/tempursari.xlsx")
    report.meta = {"Pengirim": "Kasi <kasi@tempursari.go.id>",
                   "Tanggal Kirim": dt.datetime(2023, 4, 10, 8, 30, tzinfo=dt.UTC)}
    sub = build_submission(report, content, tool_version="9.9.9",
                           processed_at=dt.datetime(2023, 4, 11, 9, 0))
    assert (sub.office, sub.pemda, sub.perangkat_daerah) == (
        TEMPURSARI, "Kabupaten Lumajang", "Kecamatan Tempursari")
    assert (sub.tahun, sub.triwulan, sub.file_name) == (2023, 1, "masuk/tempursari.xlsx")
    assert sub.content == content and sub.sha256 == report.sha256
    assert (sub.sender, sub.sent_at) == (report.meta["Pengirim"], report.meta["Tanggal Kirim"])
    assert (sub.tool_version, sub.errors, sub.warnings) == ("9.9.9", 7, 20)
    assert len(sub.pk) == 17 and len(sub.budget) == len(report.data.budget)

    first = sub.pk[0]  # PK!I3: 49 typed, 30 of 63 Fasilitasi items derived
    assert (first.row, first.tingkat, first.penanggung_jawab) == (3, "Sasaran Strategis", "Camat")
    assert first.indikator == "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti"
    assert first.is_percent and first.target == Decimal("90")
    assert (first.target_ll, first.realisasi_ll) == (Decimal("89"), Decimal("94.12"))
    assert first.realisasi == Decimal(repr(report.data.pk[0].derived))
    assert (first.realisasi_source, first.realisasi_typed) == ("Fasilitasi", Decimal("49"))
    assert first.derived
    exact = capaian_exact(90.0, report.data.pk[0].derived) * 100
    assert first.capaian_tahunan == to_decimal(exact)
    # template version 1 has no quarter targets: no capaian triwulan in TW I
    assert (first.target_tw1, first.target_renstra, first.capaian_triwulan) == (None, None, None)
    typed = sub.pk[2]  # PK!I5, typed 18 against 90
    assert (typed.realisasi, typed.realisasi_source, typed.realisasi_typed) == (
        Decimal("18"), None, None)
    assert typed.capaian_tahunan == Decimal("20") and typed.kode == "7.01.01"

    program = sub.budget[0]  # Realisasi!C3 typed Rp 1.587.606.347, computed 1.592.719.562
    assert (program.kode, program.level, program.is_total) == ("7.01.01", 1, False)
    assert (program.pagu, program.pagu_typed) == (159_271_956_200, 158_760_634_700)
    assert program.realisasi == program.realisasi_typed == 28_489_445_700
    assert [(f.check, f.severity, f.sheet, f.cell, f.kode, f.found, f.expected, f.message)
            for f in sub.findings] == [
        (f.check, f.severity, f.sheet, f.cell, f.kode, f.found, f.expected, f.message)
        for f in report.findings]


def test_quarter_targets_of_a_version_2_workbook_are_archived_and_read_back(store):
    wb = v2_book({5: {"Target TW I": 10, "Target TW II": 50, "Target TW III": 75.5,
                      "Target Renstra": 120, "Standar Nasional": 95.25}}, triwulan="II")
    buf = io.BytesIO()
    wb.save(buf)
    content = buf.getvalue()
    sub = submission(content)
    kegiatan = sub.pk[2]  # Sasaran Kegiatan: target 100, realisasi 25
    assert (kegiatan.target_tw1, kegiatan.target_tw2, kegiatan.target_tw3) == (
        Decimal("10"), Decimal("50"), Decimal("75.5"))
    assert (kegiatan.target_renstra, kegiatan.standar_nasional) == (
        Decimal("120"), Decimal("95.25"))
    assert kegiatan.capaian_triwulan == Decimal("50")  # 25 / 50
    assert kegiatan.capaian_tahunan == Decimal("25")  # 25 / 100
    assert kegiatan.quarter_target(2) == Decimal("50") and kegiatan.quarter_target(4) == 100
    assert sub.pk[0].capaian_triwulan is None  # no Target TW II: none
    assert sub.pk[0].target_tw2 is None
    store.add(sub)
    rows = store.conn.execute(
        "SELECT target_tw1, target_tw2, target_tw3, target_renstra, standar_nasional, "
        "capaian_triwulan, capaian_tahunan FROM pk_row ORDER BY pos").fetchall()
    assert rows[2] == ("10", "50", "75.5", "120", "95.25", "50", "25")  # exact decimal text
    assert rows[0][:6] == (None,) * 6
    back = store.latest(sub.office, 2023, 2)
    assert back.pk == sub.pk  # every field read back as it was built


def test_tw_iv_capaian_triwulan_is_against_the_year_target():
    sub = submission(book_bytes(tahun=2022, triwulan="IV"))
    assert sub.pk[2].capaian_triwulan == sub.pk[2].capaian_tahunan == Decimal("25")


@pytest.mark.parametrize("change,reason", [
    ({"pd": None}, "Perangkat Daerah kosong atau tidak terbaca"),
    ({"tahun": "dua ribu"}, "Tahun Anggaran kosong atau tidak valid"),
    ({"triwulan": "V"}, "Triwulan kosong atau tidak valid"),
])
def test_only_valid_office_and_period_is_archived(change, reason):
    content = book_bytes(**change)
    report = checked(content)
    assert why_not_archived(report) == reason
    with pytest.raises(NotArchivable) as exc:
        build_submission(report, content)
    assert exc.value.reason == reason


def test_unreadable_input_is_not_archived():
    report = checked(b"bukan workbook", "rusak.xlsx")
    assert why_not_archived(report) == "berkas tidak terbaca"
    with pytest.raises(NotArchivable):
        build_submission(report, b"bukan workbook")


def test_bytes_must_be_the_input_that_was_checked():
    content = book_bytes()
    with pytest.raises(ValueError):
        build_submission(checked(content), content + b"x")


# --- versions ---------------------------------------------------------------------------

def test_versions_numbered_in_archive_order_same_bytes_add_nothing(store):
    one = submission(book_bytes(), "tw1.xlsx")
    two = submission(book_bytes(cells={"Realisasi": {"D5": 2_000_000, "D4": 3_000_000,
                                                     "D3": 315_345_678}}), "tw1-baru.xlsx")
    first = store.add(one)
    assert (first.status, first.version.versi, first.previous) == (ADDED, 1, None)
    before = store.path.read_bytes()
    again = store.add(one)
    assert (again.status, again.version.versi, again.version.id) == (SAME, 1, first.version.id)
    assert store.path.read_bytes() == before  # nothing written at all
    second = store.add(two)
    assert (second.status, second.version.versi, second.previous.versi) == (ADDED, 2, 1)
    back = store.add(one)  # the bytes of version 1 again: still version 1, nothing new
    assert (back.status, back.version.versi) == (SAME, 1)
    assert [v.versi for v in store.versions(TEMPURSARI, 2023, "I")] == [1, 2]
    assert [v.file_name for v in store.versions(TEMPURSARI, 2023, 1)] == ["tw1.xlsx",
                                                                         "tw1-baru.xlsx"]
    latest = store.latest(TEMPURSARI, 2023, "I")
    assert latest.versi == 2
    row = next(b for b in latest.budget if b.kode == "7.01.01.2.01.0001")
    assert row.realisasi == 200_000_000  # Rp 2.000.000 in sen
    assert store.content(TEMPURSARI, 2023, "I") == two.content
    assert store.content(TEMPURSARI, 2023, "I", versi=1) == one.content
    assert store.conn.execute("SELECT COUNT(*) FROM submission").fetchone()[0] == 2


def test_versions_are_per_office_and_period(store):
    store.add(submission(book_bytes()))
    other_period = store.add(submission(book_bytes(triwulan="II")))
    other_office = store.add(submission(book_bytes(pd="Kecamatan Pasirian")))
    other_pemda = store.add(submission(book_bytes(pemda="Kabupaten Jember")))
    assert [r.version.versi for r in (other_period, other_office, other_pemda)] == [1, 1, 1]
    assert len(store.offices()) == 3


def test_same_bytes_with_a_newer_tool_refresh_data_and_findings(store):
    sub = submission(book_bytes(cells={"Realisasi": {"C3": 1}}), tool_version="0.9.0")
    assert sub.errors > 0
    added = store.add(sub)
    fixed = dataclasses.replace(sub, tool_version="0.10.0", findings=[], errors=0, warnings=0,
                                processed_at=dt.datetime(2030, 1, 2, 3, 4, 5))
    result = store.add(fixed)
    assert (result.status, result.version.versi, result.version.id) == (
        RECHECKED, 1, added.version.id)
    assert (result.version.tool_version, result.version.errors) == ("0.10.0", 0)
    assert result.version.rechecked_at == dt.datetime(2030, 1, 2, 3, 4, 5)
    assert result.version.processed_at == added.version.processed_at
    assert store.latest(TEMPURSARI, 2023, "I").findings == []
    older = store.add(dataclasses.replace(sub, tool_version="0.9.5"))
    assert older.status == SAME
    assert store.latest(TEMPURSARI, 2023, "I").findings == []
    assert store.versions(TEMPURSARI, 2023, "I")[0].tool_version == "0.10.0"


def test_tool_versions_compare_as_numbers():
    assert newer("0.10.0", "0.9.1") and newer("1.0", "0.99") and not newer("0.1.0", "0.1.0")


def test_withdrawn_version_is_kept_and_skipped_everywhere(store):
    one = submission(book_bytes(), "tw1.xlsx")
    two = with_content(one, one.content + b"-2", file_name="salah-kantor.xlsx")
    store.add(one)
    store.add(two)
    v = store.withdraw(TEMPURSARI, 2023, "I", versi=2)
    assert v.withdrawn and v.versi == 2
    assert store.latest(TEMPURSARI, 2023, "I").versi == 1
    assert [x.versi for x in store.versions(TEMPURSARI, 2023, "I")] == [1]
    assert [x.versi for x in store.versions(TEMPURSARI, 2023, "I", include_withdrawn=True)] == [1, 2]
    (line,) = store.listing()
    assert (line.versions, line.latest.versi) == (1, 1)
    summary = store.summary()
    assert (summary.submissions, summary.withdrawn) == (1, 1)
    assert store.content(TEMPURSARI, 2023, "I", versi=2) == two.content  # kept
    again = store.add(dataclasses.replace(one, triwulan=1))  # nothing is renumbered
    assert (again.status, again.version.versi) == (SAME, 1)
    assert store.add(with_content(one, b"3")).version.versi == 3
    store.withdraw(TEMPURSARI, 2023, "I", versi=1)
    store.withdraw(TEMPURSARI, 2023, "I", versi=3)
    assert store.latest(TEMPURSARI, 2023, "I") is None
    assert store.listing() == [] and store.summary().periods == ()
    with pytest.raises(ArchiveError, match="versi 9"):
        store.withdraw(TEMPURSARI, 2023, "I", versi=9)
    with pytest.raises(ArchiveError):
        store.content(TEMPURSARI, 2023, "I")


# --- which earlier report -------------------------------------------------------------

def _year(store):
    """TW IV 2022, then TW II and TW I 2023 (archive order is not period order)."""
    subs = {
        (2022, 4): submission(book_bytes(tahun=2022, triwulan="IV",
                                         cells={"PK": {"I4": 60}}), "2022-tw4.xlsx"),
        (2023, 2): submission(book_bytes(triwulan="II"), "2023-tw2.xlsx"),
        (2023, 1): submission(book_bytes(triwulan="I"), "2023-tw1.xlsx"),
    }
    for sub in subs.values():
        store.add(sub)
    return subs


def _previous(store, office, tahun, triwulan):
    """"The previous report" as the pipeline reads it (archive.earlier.earlier_of)."""
    from lkj_excel.archive.earlier import earlier_of

    return earlier_of(store, office, tahun, tw_number(triwulan)).previous


def test_previous_report_and_last_years_report(store):
    _year(store)
    prev = _previous(store, TEMPURSARI, 2023, "II")
    assert (prev.version.period, prev.versi, prev.version.file_name) == (
        "2023 TW I", 1, "2023-tw1.xlsx")
    assert _previous(store, TEMPURSARI, 2023, "I") is None  # none for TW I
    assert _previous(store, TEMPURSARI, 2023, "IV").version.period == "2023 TW II"  # no TW III
    last = store.last_year(TEMPURSARI, 2023)
    assert last.version.period == "2022 TW IV"
    assert last.pk[1].realisasi == Decimal("60")
    assert store.last_year(TEMPURSARI, 2022) is None
    assert _previous(store, office_key("Kab. Lumajang", "Kec. Pasirian"), 2023, "II") is None
    assert [r.version.period for r in store.year(TEMPURSARI, 2023, before="III")] == [
        "2023 TW I", "2023 TW II"]
    assert [r.version.period for r in store.year(TEMPURSARI, 2023, before="I")] == []


def test_previous_report_is_the_latest_version_not_withdrawn(store):
    subs = _year(store)
    store.add(with_content(subs[(2023, 1)], b"tw1 versi 2"))
    assert _previous(store, TEMPURSARI, 2023, "II").versi == 2
    store.withdraw(TEMPURSARI, 2023, "I", versi=2)
    assert _previous(store, TEMPURSARI, 2023, "II").versi == 1
    store.withdraw(TEMPURSARI, 2023, "I", versi=1)
    assert _previous(store, TEMPURSARI, 2023, "II") is None
    store.withdraw(TEMPURSARI, 2022, "IV", versi=1)
    assert store.last_year(TEMPURSARI, 2023) is None


def test_listing_summary_and_offices(store):
    _year(store)
    store.add(submission(book_bytes(pd="Kecamatan Pasirian"), "pasirian.xlsx"))
    lines = store.listing()
    assert [(x.office.perangkat_daerah, x.tahun, x.triwulan, x.versions) for x in lines] == [
        ("Kecamatan Pasirian", 2023, 1, 1), ("Kecamatan Tempursari", 2022, 4, 1),
        ("Kecamatan Tempursari", 2023, 1, 1), ("Kecamatan Tempursari", 2023, 2, 1)]
    assert [x.latest.file_name for x in store.listing(tahun=2023, triwulan="I")] == [
        "pasirian.xlsx", "2023-tw1.xlsx"]
    assert [x.tahun for x in store.listing(tahun=2022)] == [2022]
    assert lines[0].to_json()["triwulan"] == "I"
    s = store.summary()
    assert (s.offices, s.submissions, s.withdrawn, s.periods) == (
        2, 4, 0, ((2022, 4), (2023, 1), (2023, 2)))
    assert s.to_json()["periode"] == ["2022 TW IV", "2023 TW I", "2023 TW II"]
    assert [o.perangkat_daerah for o in store.offices("Kec. Tempursari")] == [
        "Kecamatan Tempursari"]
    assert store.offices("Kecamatan Tempursari", pemda="Kabupaten Jember") == []
    assert [o.key.perangkat_daerah for o in store.offices_reporting(2023, "II")] == [
        "kecamatantempursari"]
    assert len(store.offices_reporting(2023, "I", pemda="Pemkab Lumajang")) == 2


def test_version_describes_itself():
    sub = sample_submission(processed_at=dt.datetime(2024, 4, 12, 10, 5))
    sub.file_name = "surat/lampiran/tw1.xlsx"
    with Store.open_write(Path(resolve_path())) as store:
        v = store.add(sub).version
    assert v.describe() == "tw1.xlsx versi 1 (2023 TW I, diproses 12-04-2024 10:05)"


# --- exact numbers ------------------------------------------------------------------------

def test_money_and_percentages_round_trip_exactly(store):
    content = book_bytes(cells={
        "Realisasi": {"D6": 1_000_000.55},  # Rp 1.000.000,55
        "PK": {"H4": 70.35, "I4": 65.1, "M3": 85.5, "N3": 88.25},
    })
    sub = submission(content)
    store.add(sub)
    back = store.latest(TEMPURSARI, 2023, "I")
    assert back.pk == sub.pk and back.budget == sub.budget
    assert [(f.check, f.found, f.expected) for f in back.findings] == [
        (f.check, f.found, f.expected) for f in sub.findings]
    row6 = next(b for b in back.budget if b.kode == "7.01.01.2.01.0006")
    assert row6.realisasi == row6.realisasi_typed == 100_000_055
    nilai = back.pk[1]
    assert (nilai.target, nilai.realisasi) == (Decimal("70.35"), Decimal("65.1"))
    assert nilai.capaian_tahunan == Decimal("92.537313432836")  # 65.1/70.35, 12 places
    assert (back.pk[0].target_ll, back.pk[0].realisasi_ll) == (Decimal("85.5"), Decimal("88.25"))
    # a finding's Rupiah with sen come back as the exact Decimal, never a float
    assert [(f.check, f.cell, f.found, f.expected) for f in back.findings] == [
        ("budget.sum_realisasi", "D4", Decimal("3500000"), Decimal("3500000.55")),
        ("budget.sum_sisa", "E6", Decimal("4000000"), Decimal("3999999.45"))]
    assert all(type(x) is Decimal for f in back.findings for x in (f.found, f.expected))
    # nothing is stored as a float
    for table, cols in (("pk_row", ("target", "target_ll", "realisasi_ll", "realisasi",
                                    "realisasi_typed", "capaian_tahunan", "capaian_triwulan")),
                        ("budget_row", ("pagu", "realisasi", "pagu_typed", "realisasi_typed"))):
        for col in cols:
            kinds = {r[0] for r in store.conn.execute(f"SELECT typeof({col}) FROM {table}")}
            assert kinds <= {"text", "null"} if table == "pk_row" else kinds <= {"integer", "null"}
    assert store.conn.execute("SELECT target FROM pk_row WHERE pos = 1").fetchone() == ("70.35",)


def test_decimal_text_is_canonical_and_exact():
    assert [dec_text(x) for x in (90.0, 47.62, Decimal("1E+2"), Decimal("-0.0"), 7, None)] == [
        "90", "47.62", "100", "0", "7", None]
    assert dec_text(Fraction(1, 8)) == "0.125"  # terminating: exact
    assert dec_text(Fraction(2, 3)) == "0.666666666667"  # else 12 places, half-even
    assert dec_text(0.1 + 0.2) == "0.30000000000000004"  # the float as it is, never rounded
    assert dec_text(float("nan")) is None


def test_large_amounts_stay_exact(store):
    sub = submission(book_bytes())
    big = 123_456_789_012_345_678_901  # sen: beyond a float's 53 bits
    sub.budget[0] = dataclasses.replace(sub.budget[0], pagu=2**62 - 1, realisasi=-5)
    sub.pk[0] = dataclasses.replace(sub.pk[0], target=Decimal(big).scaleb(-2))
    store.add(sub)
    back = store.latest(TEMPURSARI, 2023, "I")
    assert (back.budget[0].pagu, back.budget[0].realisasi) == (2**62 - 1, -5)
    assert back.pk[0].target == Decimal("1234567890123456789.01")


# --- office identity ------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Kec. Tempursari", "KECAMATAN  TEMPURSARI"),
    ("Kec Tempursari", "kecamatan-tempursari"),
    ("Kab. Lumajang", "Kabupaten Lumajang"),
    ("Pemerintah Kabupaten Lumajang", "Kabupaten Lumajang"),
    ("Pemkab Lumajang", "KABUPATEN LUMAJANG."),
    ("Pemerintah Kota Batu", "Kota Batu"),
    ("Pemkot Batu", "Kota  Batu"),
])
def test_names_normalise_alike(a, b):
    assert normalise(a) == normalise(b) != ""


def test_same_kecamatan_name_in_two_kabupaten_are_two_offices():
    assert office_key("Kab. Jember", "Kec. Kalisat") != office_key("Kab. Lumajang", "Kalisat")
    assert office_key("Kabupaten Jember", "Kecamatan Kalisat") == office_key(
        "Pemkab Jember", "Kec. Kalisat")
    assert normalise("Kabupaten") != normalise("Kota")


def test_alias_maps_an_old_name_to_one_office(tmp_path, store):
    cfg = tmp_path / "lkj.toml"
    cfg.write_text('[arsip.alias]\n"Kec. Tempursari Lama" = "Kecamatan Tempursari"\n', "utf-8")
    settings = load_settings(cfg)
    assert office_key("Kabupaten Lumajang", "Kecamatan Tempursari Lama",
                      settings.arsip_alias) == TEMPURSARI
    store.add(submission(book_bytes(pemda="Pemkab Lumajang", pd="Kec. Tempursari")))
    renamed = submission(book_bytes(pd="Kecamatan Tempursari Lama"), settings=settings)
    result = store.add(renamed)
    assert result.version.versi == 2 and len(store.offices()) == 1
    assert result.version.perangkat_daerah == "Kecamatan Tempursari Lama"  # as typed
    without = submission(book_bytes(pd="Kecamatan Tempursari Lama"))
    assert store.add(without).version.office.key.perangkat_daerah == "kecamatantempursarilama"


# --- where the archive is ---------------------------------------------------------------

def test_path_order_explicit_settings_environment_default(tmp_path, monkeypatch):
    folder = tmp_path / "conf"
    folder.mkdir()
    cfg = folder / "lkj.toml"
    cfg.write_text('[arsip]\npath = "data/arsip-kab.sqlite"\n', "utf-8")
    settings = load_settings(cfg)
    env = {"LKJ_ARSIP": str(tmp_path / "env.sqlite")}
    assert resolve_path(tmp_path / "x.sqlite", settings, env) == tmp_path / "x.sqlite"
    assert resolve_path(None, settings, env) == folder.absolute() / "data" / "arsip-kab.sqlite"
    assert resolve_path(None, Settings(), env) == tmp_path / "env.sqlite"
    assert resolve_path(None, None, {"LKJ_ARSIP": " "}) == default_path()
    assert resolve_path(tmp_path) == tmp_path / "arsip.sqlite"  # a folder: the file in it
    import platformdirs

    assert default_path() == Path(platformdirs.user_data_dir("lkj-excel", appauthor=False),
                                  "arsip.sqlite")


def test_tests_never_use_the_real_user_folder():
    assert resolve_path() != default_path()
    assert not str(resolve_path()).startswith(str(default_path().parent))


def test_read_only_store_refuses_to_write(tmp_path):
    path = tmp_path / "arsip.sqlite"
    with Store.open_write(path) as s:
        s.add(submission(book_bytes()))
    before = path.read_bytes()
    with Store.open_read(path) as ro:
        assert ro.latest(TEMPURSARI, 2023, "I").versi == 1
        with pytest.raises(ArchiveError, match="hanya-baca"):
            ro.add(submission(book_bytes(triwulan="II")))
        with pytest.raises(ArchiveError):
            ro.withdraw(TEMPURSARI, 2023, "I", 1)
        with pytest.raises(sqlite3.OperationalError):  # even raw SQL cannot write
            ro.conn.execute("DELETE FROM submission")
    assert path.read_bytes() == before
