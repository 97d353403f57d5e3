"""Template version 2 and the quarterly targets (template.md "Template version 2",
archive.md "Quarterly targets and the predikat"): the five new PK columns read like Target,
header aliases and the "(TW I)" rule, the capaian triwulan and its predikat, the capaian
tahunan without a predikat where a quarter's target is missing, the table means, the setting
`[predikat] tanpa_target_triwulan`, and the LKj workbook, Ringkasan, Rekap, JSON and
document that show them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from builders import V2_COLUMNS, clean_book, keys, make_book, run, save, show, v2_book, v2_sheets
from test_lkj import Evaluator

from lkj_excel import figures as F
from lkj_excel.api import process
from lkj_excel.errors import SettingsError
from lkj_excel.figures.numbers import exact
from lkj_excel.settings import Settings, load_settings

RUN_TIME = dt.datetime(2024, 7, 1, 8, 0, 0)
TW_HEADER = ["No", "Sasaran", "Indikator", "Target TW II", "Target Tahunan", "Realisasi",
             "Capaian terhadap target triwulan", "Capaian terhadap target tahunan", "Predikat",
             "Keterangan"]
# the clean book's PK rows: 3 Sasaran Strategis (90%, realisation 100% derived from Dokumen
# Desa), 4 Sasaran Program (Nilai 70, realisation 65), 5 Sasaran Kegiatan (100%, 25%)
ALL_TW2 = {3: {"Target TW II": 80}, 4: {"Target TW II": 60}, 5: {"Target TW II": 50}}


def cells_of(ws, row: int, first: str = "A", last: str = "J") -> list:
    return [c.value for c in ws[f"{first}{row}:{last}{row}"][0]]


def lkj(wb, tmp_path: Path, settings: Settings | None = None, **options):
    rep = process(save(wb, tmp_path), tmp_path / "out.xlsx", settings, RUN_TIME, **options)
    book = openpyxl.load_workbook(rep.output)
    values = openpyxl.load_workbook(rep.output, data_only=True)
    return rep, book, values


def formulas_hold(book, values, sheet: str) -> int:
    """Every formula of `sheet` gives the value stored beside it; how many were checked."""
    n = 0
    for row in book[sheet].iter_rows():
        for cell in row:
            if cell.data_type == "f":
                stored = values[sheet][cell.coordinate].value
                got = Evaluator(values, sheet)(cell.value)
                if isinstance(stored, int | float):
                    assert got == pytest.approx(stored), cell.coordinate
                else:
                    assert got == stored, cell.coordinate
                n += 1
    return n


# --- reading -----------------------------------------------------------------------------

def test_version_2_columns_are_read_with_the_rules_of_target(tmp_path):
    rep = run(v2_book({3: {"Target TW I": 22.5, "Target TW II": 45, "Target TW III": 67.5,
                           "Target Renstra": 95, "Standar Nasional": 80},
                       4: {"Target TW I": 15, "Target Renstra": 75}}), tmp_path)
    assert rep.findings == [], show(rep)
    ss, sp, sk = rep.data.pk
    assert [(getattr(ss, f).value, getattr(ss, f).addr) for f in (
        "target_tw1", "target_tw2", "target_tw3", "target_renstra", "standar_nasional")] == [
        (22.5, "M3"), (45, "N3"), (67.5, "O3"), (95, "P3"), (80, "Q3")]
    assert (sp.target_tw1.value, sp.target_tw2.value, sp.target_renstra.value) == (15, None, 75)
    assert sk.target_tw1.value is None and sk.target_tw1.addr == "M5"  # blank, with its cell
    # the columns after them keep their meaning
    assert (ss.target_ll.value, ss.realisasi_ll.value, ss.target_ll.addr) == (85, 88, "R3")


def test_version_1_workbook_reads_as_before(tmp_path):
    rep = run(clean_book(), tmp_path)
    assert rep.findings == []
    for r in rep.data.pk:
        for f in ("target_tw1", "target_tw2", "target_tw3", "target_renstra", "standar_nasional"):
            v = getattr(r, f)
            assert (v.value, v.cell, v.addr, v.unknown) == (None, None, None, False)
    assert [(r.target.addr, r.target_ll.addr) for r in rep.data.pk] == [
        ("H3", "M3"), ("H4", "M4"), ("H5", "M5")]


def test_percent_cells_of_the_new_columns(tmp_path):
    wb = v2_book({3: {"Target TW I": "sembilan puluh", "Target TW II": 0.45,
                      "Target TW III": "67,5 %", "Target Renstra": "#N/A"},
                  4: {"Target TW I": 0.5}})  # a Nilai row: 0.5 is a plain number
    rep = run(wb, tmp_path)
    assert keys(rep) == [("cell.ambiguous", "PK", "N3"), ("cell.invalid", "PK", "M3"),
                         ("cell.invalid", "PK", "P3"), ("cell.number_as_text", "PK", "O3")]
    ss, sp, _ = rep.data.pk
    assert ss.target_tw1.unknown and ss.target_renstra.unknown
    assert (ss.target_tw2.value, ss.target_tw3.value, sp.target_tw1.value) == (45.0, 67.5, 0.5)
    invalid = next(f for f in rep.findings if f.cell == "M3")
    assert invalid.message.startswith("Target TW I di PK!M3 tidak dapat dibaca")
    assert next(f for f in rep.findings if f.cell == "P3").found == "#N/A"


@pytest.mark.parametrize("header,column", [
    ("Target (TW I)", "target_tw1"), ("TARGET TW 1", "target_tw1"),
    ("Target Triwulan II", "target_tw2"), ("Target (s.d. Triwulan 2)", "target_tw2"),
    ("Target Tw.III (%)", "target_tw3"), ("Target Akhir Renstra", "target_renstra"),
    ("Target Jangka Menengah", "target_renstra"), ("Target Nasional", "standar_nasional"),
    ("Rata-rata Nasional", "standar_nasional"),
])
def test_header_aliases(tmp_path, header, column):
    sheets = v2_sheets({3: {name: 11 for name in V2_COLUMNS}})
    pk = sheets["PK"]
    for name in V2_COLUMNS:  # only the column under test keeps a header
        pk[1][pk[1].index(name)] = None
    at = 12 + {"target_tw1": 0, "target_tw2": 1, "target_tw3": 2, "target_renstra": 3,
               "standar_nasional": 4}[column]
    pk[1][at] = header
    rep = run(make_book(sheets), tmp_path)
    assert rep.findings == [], show(rep)
    assert getattr(rep.data.pk[0], column).value == 11
    assert rep.data.pk[0].target.value == 90  # Target is still Target


def test_a_triwulan_in_parentheses_is_never_target(tmp_path):
    """`Target (TW I)` is Target TW I, never Target: without a Target column it is missing."""
    sheets = v2_sheets()
    header = sheets["PK"][1]
    header[header.index("Target")] = "Target (TW I)"
    header[header.index("Target TW I")] = None
    rep = run(make_book(sheets), tmp_path)
    assert keys(rep) == [("column.missing", "PK", "A2")]
    assert "'Target'" in rep.findings[0].message
    assert rep.data.pk[0].target_tw1.value == 90 and rep.data.pk[0].target_tw1.addr == "H3"


def test_other_parentheses_are_dropped_as_before(tmp_path):
    """`Realisasi (TW I)` names no column of its own: it is Realisasi; `Target (TW IV)` is
    the year's Target (TW IV's target)."""
    sheets = v2_sheets()
    header = sheets["PK"][1]
    header[header.index("Realisasi")] = "Realisasi (TW I)"
    header[header.index("Target")] = "Target (TW IV)"
    rep = run(make_book(sheets), tmp_path)
    assert rep.findings == [], show(rep)
    assert (rep.data.pk[1].target.value, rep.data.pk[1].realisasi.value) == (70, 65)


def test_two_headers_for_one_quarter_target_are_ambiguous(tmp_path):
    sheets = v2_sheets({3: {"Target TW I": 30}})
    sheets["PK"][1].append("Target (Triwulan I)")
    rep = run(make_book(sheets), tmp_path)
    assert keys(rep) == [("cell.ambiguous", "PK", "U2")]
    assert rep.data.pk[0].target_tw1.value == 30  # the leftmost


# --- figures ------------------------------------------------------------------------------

def test_capaian_triwulan_per_arah(tmp_path):
    wb = v2_book(ALL_TW2, triwulan="II")
    wb["PK"]["G5"] = "Turun"  # Sasaran Kegiatan: lower is better
    fig = run(wb, tmp_path).figures
    ss, sp, sk = fig.indicators
    assert (ss.target_tw, ss.capaian_tw_exact, ss.capaian_exact) == (80, exact(100) / 80,
                                                                     exact(100) / 90)
    assert sp.capaian_tw_exact == exact(65) / 60 and sp.capaian_exact == exact(65) / 70
    assert sk.capaian_tw_exact == exact(2 * 50 - 25) / 50  # (2 × 50 − 25) ÷ 50 = 150%
    assert sk.capaian_exact == exact(2 * 100 - 25) / 100
    assert [i.predikat for i in fig.indicators] == ["Sangat Tinggi"] * 3
    assert not any(i.predikat_tahunan for i in fig.indicators)


def test_predikat_judges_the_capaian_triwulan(tmp_path):
    fig = run(v2_book(ALL_TW2, triwulan="II"), tmp_path).figures
    sk = fig.indicators[2]  # 25 against Target TW II 50: 50%; against the year's 100: 25%
    assert (sk.capaian_tw, sk.capaian, sk.predikat) == (0.5, 0.25, "Sangat Rendah")
    # every row has its quarter's target: the means are of the capaian triwulan
    assert [(t.mean.basis, t.mean.predikat) for t in fig.tables] == [
        (None, "Sangat Tinggi"), (None, "Sangat Tinggi"), (None, "Sangat Rendah")]
    assert fig.strategis.value == pytest.approx(1.25) and not fig.strategis.tahunan


@pytest.mark.parametrize("value,reason", [(None, F.TW_TARGET_BLANK), (0, F.TIDAK_DAPAT),
                                          (-5, F.TIDAK_DAPAT)])
def test_no_usable_quarter_target(tmp_path, value, reason):
    rep = run(v2_book({3: {"Target TW II": value}, 4: {"Target TW II": 60},
                       5: {"Target TW II": 50}}, triwulan="II"), tmp_path)
    assert rep.findings == [], show(rep)  # 0 is not pk.target_missing (template.md)
    ss = rep.figures.indicators[0]
    assert (ss.target_tw, ss.capaian_tw, ss.tw_reason, ss.predikat) == (None, None, reason, None)
    assert ss.capaian == pytest.approx(100 / 90)  # the capaian tahunan stands
    if value is not None:
        assert f"Target TW II {value}: capaian triwulan tidak dapat dihitung" in ss.note
    # the Sasaran Strategis table lacks a quarter target: its mean is the annual one
    assert rep.figures.strategis.tahunan and rep.figures.strategis.predikat is None


def test_an_unreadable_quarter_target_gives_no_capaian_triwulan(tmp_path):
    rep = run(v2_book({3: {"Target TW II": "delapan puluh"}}, triwulan="II"), tmp_path)
    assert keys(rep) == [("cell.invalid", "PK", "N3")]
    ss = rep.figures.indicators[0]
    assert (ss.capaian_tw, ss.tw_reason) == (None, F.TIDAK_DAPAT)
    assert "Target TW II tidak terbaca: capaian triwulan tidak dapat dihitung" in ss.note


def test_tw_iv_has_one_capaian_against_the_year_target(tmp_path):
    targets = {r: {"Target TW I": 10, "Target TW II": 20, "Target TW III": 30} for r in (3, 4, 5)}
    fig = run(v2_book(targets, triwulan="IV"), tmp_path).figures
    assert fig.quarter is None
    for i in fig.indicators:
        assert not i.two_capaian and i.capaian_tw_exact == i.capaian_exact
        assert i.target_tw == i.target
    assert [i.predikat for i in fig.indicators] == ["Sangat Tinggi", "Sangat Tinggi",
                                                     "Sangat Rendah"]
    assert fig.strategis.basis is None and fig.strategis.predikat == "Sangat Tinggi"


def test_setting_tampilkan_judges_the_capaian_tahunan_labelled(tmp_path):
    targets = {4: {"Target TW II": 60}}  # only the program row has its quarter's target
    st = Settings(tanpa_target_triwulan="tampilkan")
    fig = F.compute(run(v2_book(targets, triwulan="II"), tmp_path).data, st)
    ss, sp, sk = fig.indicators
    assert (ss.predikat, ss.predikat_tahunan) == ("Sangat Tinggi", True)  # 100 ÷ 90
    assert (sk.predikat, sk.predikat_tahunan) == ("Sangat Rendah", True)  # 25 ÷ 100
    assert (sp.predikat, sp.predikat_tahunan) == ("Sangat Tinggi", False)  # 65 ÷ 60
    assert F.predikat_text(sk.predikat, sk.predikat_tahunan) == \
        "Sangat Rendah (terhadap target tahunan)"
    assert fig.strategis.tahunan and fig.strategis.predikat == "Sangat Tinggi"


@pytest.mark.parametrize("text,ok", [('"kosong"', "kosong"), ('"tampilkan"', "tampilkan"),
                                     ('"ya"', None), ("true", None)])
def test_setting_values(tmp_path, text, ok):
    cfg = tmp_path / "lkj-excel.toml"
    cfg.write_text(f"[predikat]\ntanpa_target_triwulan = {text}\n")
    if ok:
        assert load_settings(cfg).tanpa_target_triwulan == ok
    else:
        with pytest.raises(SettingsError, match="predikat.tanpa_target_triwulan"):
            load_settings(cfg)
    assert Settings().tanpa_target_triwulan == "kosong"


def test_mean_of_a_table_with_one_quarter_target_missing_is_annual(tmp_path):
    fig = run(v2_book({3: {"Target TW II": 80}, 4: {"Target TW II": 60}}, triwulan="II"),
              tmp_path).figures
    assert [(t.title, t.mean.basis) for t in fig.tables] == [
        ("Sasaran Strategis", None), ("Sasaran Program", None),
        ("Sasaran Kegiatan: Sekretaris Kecamatan", "tahunan")]
    mean = fig.tables[2].mean
    assert (mean.value, mean.predikat) == (0.25, None)
    assert mean.label == "rata-rata 1 dari 1 indikator terhadap target tahunan"


# --- the LKj workbook ---------------------------------------------------------------------

def test_capaian_kinerja_with_quarter_targets(tmp_path):
    rep, book, values = lkj(v2_book(ALL_TW2, triwulan="II"), tmp_path)
    ws, wv = book["Capaian Kinerja"], values["Capaian Kinerja"]
    assert cells_of(ws, 5) == TW_HEADER
    assert cells_of(wv, 6) == [1, "Meningkatnya tata kelola pemerintahan desa",
                               "Persentase dokumen desa yang ditetapkan tepat waktu", 0.8, 0.9,
                               1.0, pytest.approx(1.25), pytest.approx(100 / 90),
                               "Sangat Tinggi", wv["J6"].value]
    assert ws["D6"].value == 0.8 and ws["D6"].number_format == "0.00%"
    assert ws["G6"].value == "=F6/D6" and ws["H6"].value == "=F6/E6"
    assert ws["I6"].value.startswith("=IF(ROUND(G6,12)>=0.91,")
    # the mean: of the capaian triwulan (every row has its quarter's target), with predikat
    assert cells_of(ws, 7, "G", "J") == ["=AVERAGE(G6:G6)", None, ws["I7"].value,
                                         "rata-rata 1 dari 1 indikator"]
    assert ws["I7"].value.startswith("=IF(ROUND(G7,12)>=0.91,")
    assert cells_of(wv, 7, "G", "I") == [pytest.approx(1.25), None, "Sangat Tinggi"]
    # the program row: a Nilai unit, its quarter's target in that unit
    assert cells_of(wv, 10, "D", "I") == [60, 70, 65, pytest.approx(65 / 60),
                                          pytest.approx(65 / 70), "Sangat Tinggi"]
    assert ws["D10"].number_format == 'General" Nilai"'
    assert cells_of(wv, 14, "G", "I") == [0.5, 0.25, "Sangat Rendah"]
    # per row capaian triwulan, capaian tahunan, predikat (and the derived realisation of
    # row 6); per table the mean and its predikat
    assert formulas_hold(book, values, "Capaian Kinerja") == 16
    # Metode gives the example formulas at the cells where they are
    met = {r[0]: r[1] for r in values["Metode"].iter_rows(min_row=5, values_only=True)}
    assert met["Capaian (Arah Naik)"].endswith("=F6/E6")
    assert "=F6/D6" in met["Capaian terhadap target triwulan"]


def test_capaian_kinerja_rows_without_a_quarter_target(tmp_path):
    rep, book, values = lkj(v2_book({3: {"Target TW II": 0}, 4: {"Target TW II": 60}},
                                    triwulan="II"), tmp_path)
    ws, wv = book["Capaian Kinerja"], values["Capaian Kinerja"]
    # Target TW II 0: shown, no capaian triwulan, no predikat, a note saying why
    assert cells_of(wv, 6, "D", "I") == [0, 0.9, 1.0, "tidak dapat dihitung",
                                         pytest.approx(100 / 90), None]
    assert "Target TW II 0: capaian triwulan tidak dapat dihitung" in wv["J6"].value
    assert ws["G6"].font.i
    # Target TW II blank: the predikat cell says so, the capaian tahunan stands
    assert cells_of(wv, 14, "D", "I") == [None, 1.0, 0.25, None, 0.25,
                                          "target triwulan tidak diisi"]
    assert ws["H14"].value == "=F14/E14" and ws["I14"].font.i
    # the tables' means: the annual one where a row lacks its quarter's target
    assert cells_of(ws, 7, "G", "J") == [None, "=AVERAGE(H6:H6)", "target triwulan tidak diisi",
                                         "rata-rata 1 dari 1 indikator terhadap target tahunan"]
    assert ws["G11"].value == "=AVERAGE(G10:G10)" and wv["I11"].value == "Sangat Tinggi"
    assert cells_of(wv, 15, "H", "J") == [0.25, "target triwulan tidak diisi",
                                          "rata-rata 1 dari 1 indikator terhadap target tahunan"]
    # Ringkasan: the annual mean of the sasaran strategis, labelled, without a predikat
    rv = values["Ringkasan"]
    r = next(r for r in range(1, rv.max_row + 1)
             if rv[f"B{r}"].value == "Capaian rata-rata sasaran strategis")
    assert book["Ringkasan"][f"C{r}"].value == "='Capaian Kinerja'!H7"
    assert cells_of(rv, r, "C", "E") == [pytest.approx(100 / 90), "target triwulan tidak diisi",
                                         "rata-rata 1 dari 1 indikator terhadap target tahunan"]
    assert formulas_hold(book, values, "Capaian Kinerja") > 0
    assert formulas_hold(book, values, "Ringkasan") > 0


def test_capaian_kinerja_with_the_setting_tampilkan(tmp_path):
    st = Settings(tanpa_target_triwulan="tampilkan")
    rep, book, values = lkj(v2_book({4: {"Target TW II": 60}}, triwulan="II"), tmp_path, st)
    ws, wv = book["Capaian Kinerja"], values["Capaian Kinerja"]
    assert wv["I6"].value == "Sangat Tinggi (terhadap target tahunan)"
    assert ws["I6"].value.startswith("=IF(ROUND(H6,12)>=0.91,")
    assert ws["I6"].value.endswith('&" (terhadap target tahunan)"')
    assert wv["I10"].value == "Sangat Tinggi"  # judged against its Target TW II
    assert wv["I7"].value == "Sangat Tinggi (terhadap target tahunan)"  # the annual mean
    rv = values["Ringkasan"]
    r = next(r for r in range(1, rv.max_row + 1)
             if rv[f"B{r}"].value == "Capaian rata-rata sasaran strategis")
    assert rv[f"D{r}"].value == "Sangat Tinggi (terhadap target tahunan)"
    assert formulas_hold(book, values, "Capaian Kinerja") > 0
    assert formulas_hold(book, values, "Ringkasan") > 0


def test_tw_iv_workbook_has_one_capaian_column(tmp_path):
    rep, book, values = lkj(v2_book({3: {"Target TW III": 1}}, triwulan="IV"), tmp_path)
    ws, wv = book["Capaian Kinerja"], values["Capaian Kinerja"]
    assert cells_of(ws, 5, "A", "H") == ["No", "Sasaran", "Indikator", "Target", "Realisasi",
                                         "Capaian", "Predikat", "Keterangan"]
    assert ws["F6"].value == "=E6/D6" and wv["G6"].value == "Sangat Tinggi"
    assert ws["F7"].value == "=AVERAGE(F6:F6)" and wv["H7"].value == "rata-rata 1 dari 1 indikator"
    assert ws["I5"].value is None
    assert formulas_hold(book, values, "Capaian Kinerja") > 0


def test_cost_per_outcome_and_perbandingan_use_the_capaian_tahunan(tmp_path):
    rep, book, values = lkj(v2_book(ALL_TW2, triwulan="II"), tmp_path)
    cpo, cpv = book["Cost per Outcome"], values["Cost per Outcome"]
    r = next(r for r in range(1, cpv.max_row + 1) if cpv[f"D{r}"].value == "7.01.01.2.01")
    assert cpo[f"H{r}"].value == "='Capaian Kinerja'!E14"  # the year's Target
    assert cpv[f"J{r}"].value == 0.25  # 25 ÷ 100, not 25 ÷ 50
    per = values["Perbandingan"]
    row = next(row for row in per.iter_rows(values_only=True) if row[1] and "dokumen desa" in row[1])
    # the year's Target, TW I (no archive here: empty), this quarter's realisation and its
    # capaian against the year's target
    assert (row[6], row[7], row[9], row[10]) == (0.9, None, 1.0, pytest.approx(100 / 90))
    assert formulas_hold(book, values, "Cost per Outcome") > 0


# --- JSON, Rekap, document ----------------------------------------------------------------

def test_json_carries_both_capaian(tmp_path):
    js = run(v2_book({3: {"Target TW II": 80}, 4: {"Target TW II": 60}}, triwulan="II"),
             tmp_path).figures.to_json()
    ss, sp, sk = js["indikator"]
    assert (ss["target_triwulan"], ss["capaian_triwulan"], ss["capaian_tahunan"]) == (
        80, 125.0, 111.11)
    assert (ss["predikat"], ss["predikat_terhadap"]) == ("Sangat Tinggi", "triwulan")
    assert (sk["target_triwulan"], sk["capaian_triwulan"], sk["capaian_tahunan"]) == (
        None, None, 25.0)
    assert (sk["predikat"], sk["predikat_terhadap"]) == (None, None)
    assert (js["capaian_rata_rata"], js["capaian_rata_rata_terhadap"],
            js["predikat_rata_rata"]) == (125.0, "triwulan", "Sangat Tinggi")


def test_rekap_labels_an_annual_mean(tmp_path):
    from lkj_excel.api import process_batch

    inbox = tmp_path / "masuk"
    inbox.mkdir()
    v2_book(ALL_TW2, triwulan="II").save(inbox / "a-lengkap.xlsx")
    book = v2_book({4: {"Target TW II": 60}}, triwulan="II")
    book["Identitas"]["B3"] = "Kecamatan Pundungsari"
    book.save(inbox / "b-tanpa.xlsx")
    result = process_batch([str(inbox)], tmp_path / "hasil", jobs=1)
    ws = openpyxl.load_workbook(result.rekap, data_only=True)["Rekap"]
    header = [c.value for c in ws[4]]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in ws.iter_rows(min_row=5)]
    assert [(Path(r["File"]).name, r["Capaian rata-rata"]) for r in rows] == [
        ("a-lengkap.xlsx", pytest.approx(1.25)), ("b-tanpa.xlsx", pytest.approx(100 / 90))]
    assert rows[0]["Catatan"] is None
    assert rows[1]["Catatan"] == "Capaian rata-rata terhadap target tahunan (target triwulan " \
                                 "tidak lengkap)"


def test_document_names_the_indicators_below_their_quarter_target(tmp_path):
    from docx_read import open_docx

    rep, _book, _values = lkj(v2_book(ALL_TW2, triwulan="II"), tmp_path, dokumen=True)
    doc = open_docx(Path(rep.document))
    text = "\n".join(p.text for p in doc.paragraphs)
    # the ten-column capaian tables: Bab III starts the landscape section (still three)
    sections = list(doc.sections)
    assert len(sections) == 3
    assert [s.page_width > s.page_height for s in sections] == [False, True, False]
    bab3 = next(p for p in doc.paragraphs if p.text == "BAB III AKUNTABILITAS KINERJA")
    assert not bab3.paragraph_format.page_break_before  # the section break is the new page
    assert ("Indikator dengan capaian di bawah target triwulan II: Persentase dokumen "
            "perencanaan yang tersusun tepat waktu (50,00%).") in text
    assert "Capaian rata-rata Sasaran Strategis 125,00% (rata-rata 1 dari 1 indikator), " \
           "predikat Sangat Tinggi." in text
    assert "Predikat dari capaian terhadap target triwulan yang belum dibulatkan" in text


def test_document_without_quarter_targets_names_none_and_judges_none(tmp_path):
    from docx_read import open_docx

    rep, _book, _values = lkj(v2_book(triwulan="II"), tmp_path, dokumen=True)
    text = "\n".join(p.text for p in open_docx(Path(rep.document)).paragraphs)
    assert "di bawah target triwulan" not in text
    assert "Capaian rata-rata Sasaran Strategis 111,11% (rata-rata 1 dari 1 indikator " \
           "terhadap target tahunan)." in text
    assert "Indikator tanpa target triwulan tidak diberi predikat." in text
