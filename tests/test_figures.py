"""The figures of the LKj (output.md "Figures"): capaian, predikat, serapan, efisiensi."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from lkj_excel import figures as F
from lkj_excel.pipeline import check_source
from lkj_excel.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"


# --- capaian ---------------------------------------------------------------------------------

def test_capaian_naik_is_realisasi_over_target():
    assert F.capaian(90, 47.62) == pytest.approx(0.52911, abs=1e-5)
    assert F.capaian(90, 45) == 0.5
    assert F.capaian(6, 3) == 0.5  # not a percentage: the same ratio


def test_capaian_turun_is_two_targets_minus_realisasi_over_target():
    assert F.capaian(10, 8, "Turun") == pytest.approx(1.2)
    assert F.capaian(10, 10, "Turun") == 1.0
    assert F.capaian(10, 25, "Turun") == pytest.approx(-0.5)  # not capped, either way


def test_capaian_is_not_capped():
    assert F.capaian(90, 100) == pytest.approx(1.11111, abs=1e-5)


@pytest.mark.parametrize("target, realisasi", [(None, 50), (0, 50), (-5, 50), (90, None)])
def test_no_capaian_without_target_or_realisation(target, realisasi):
    assert F.capaian(target, realisasi) is None
    assert F.capaian_exact(target, realisasi, "Turun") is None


def test_capaian_exact_uses_the_decimal_values():
    assert F.capaian_exact(90, 81.9) == Fraction(91, 100)


# --- predikat ---------------------------------------------------------------------------------

@pytest.mark.parametrize("pct, label", [
    (91, "Sangat Tinggi"), (90.99, "Tinggi"), (150, "Sangat Tinggi"),
    (76, "Tinggi"), (75.99, "Sedang"),
    (66, "Sedang"), (65.99, "Rendah"),
    (51, "Rendah"), (50.99, "Sangat Rendah"),
    (0, "Sangat Rendah"), (-20, "Sangat Rendah"),
])
def test_predikat_half_open_bands(pct, label):
    assert F.predikat(Fraction(str(pct)) / 100) == label
    assert F.predikat(float(Fraction(str(pct)) / 100)) == label


def test_predikat_from_the_unrounded_value():
    # 90.996% shows as 91.00% but is below the band
    assert F.predikat(0.90996) == "Tinggi"
    # 81.9 / 90 is exactly 91%: float division would say 90.99999…%
    assert F.predikat(F.capaian_exact(90, 81.9)) == "Sangat Tinggi"


def test_predikat_none_without_capaian():
    assert F.predikat(None) is None


def test_predikat_custom_bands():
    st = Settings(batas=(80.0, 50.0), label=("Baik", "Cukup", "Kurang"))
    assert F.predikat(0.8, st) == "Baik"
    assert F.predikat(0.7999, st) == "Cukup"
    assert F.predikat(0.5, st) == "Cukup"
    assert F.predikat(0.4999, st) == "Kurang"


# --- rata-rata ----------------------------------------------------------------------------------

def test_rata_rata_counts_only_rows_with_a_capaian():
    m = F.rata_rata([0.5, None, 1.0])
    assert m.value == 0.75
    assert (m.count, m.total) == (2, 3)
    assert m.label == "rata-rata 2 dari 3 indikator"


def test_rata_rata_of_nothing():
    m = F.rata_rata([None, None])
    assert m.value is None
    assert m.label == "rata-rata 0 dari 2 indikator"


# --- budget figures -------------------------------------------------------------------------------

def test_serapan_and_sisa():
    assert F.serapan(100_000_00, 25_000_00) == 0.25
    assert F.serapan(0, 0) is None
    assert F.serapan(None, 5) is None
    assert F.sisa(191331506200, 32809445700) == 158522060500
    assert F.sisa(None, 1) is None


def test_rupiah_written_as_integer_without_sen():
    assert F.rupiah(191331506200) == 1913315062
    assert isinstance(F.rupiah(191331506200), int)
    assert F.rupiah(150) == 1.5


# --- efisiensi ------------------------------------------------------------------------------------

def test_efisiensi_selisih():
    assert F.efisiensi(0.15, 0.1667) == pytest.approx(1 - 0.15 / 0.1667)
    assert F.efisiensi(0.1, 0.5, "selisih") == pytest.approx(0.8)
    assert F.efisiensi(0.6, 0.5, "selisih") == pytest.approx(-0.2)  # more budget than outcome


def test_efisiensi_rasio():
    assert F.efisiensi(0.25, 0.5, "rasio") == 2.0


def test_efisiensi_zero_divisor_cannot_be_computed():
    assert F.efisiensi(0.2, 0.0, "selisih") is None  # capaian 0
    assert F.efisiensi(0.0, 0.5, "rasio") is None  # serapan 0
    assert F.efisiensi(0.0, 0.5, "selisih") == 1.0  # the divisor is capaian, not serapan
    assert F.efisiensi(None, 0.5) is None
    assert F.efisiensi(0.5, None, "rasio") is None


def test_efisiensi_unknown_method():
    with pytest.raises(ValueError):
        F.efisiensi(0.5, 0.5, "lain")


# --- the sample -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample():
    report = check_source(SAMPLE, str(SAMPLE))
    return report, F.compute(report.data, Settings())


def test_sample_sasaran_strategis(sample):
    _report, fig = sample
    ss = [i for i in fig.indicators if i.level == "Sasaran Strategis"]
    assert len(ss) == 2
    fas, desa = ss
    assert fas.realisasi == pytest.approx(30 / 63 * 100)  # derived, not the typed 49
    assert fas.realisasi_cell == pytest.approx(0.47619, abs=1e-5)
    assert fas.capaian == pytest.approx(0.5291, abs=1e-4)
    assert "30 dari 63 item ditindaklanjuti" in fas.note
    assert desa.realisasi == pytest.approx(100 / 3)
    assert desa.capaian == pytest.approx(0.3704, abs=1e-4)
    assert fig.strategis.value == pytest.approx((0.529100529 + 0.370370370) / 2, abs=1e-6)
    # TW I of a template version 1 workbook: no quarter targets, so no capaian triwulan and
    # no predikat (not "Sangat Rendah" three months into the year); the mean is the annual
    assert fig.quarter == 1 and fas.quarter == desa.quarter == 1
    assert fas.capaian_tw is None and desa.capaian_tw is None
    assert fas.tw_reason == desa.tw_reason == F.TW_TARGET_BLANK == "target triwulan tidak diisi"
    assert fas.predikat is None and desa.predikat is None
    assert fig.strategis.tahunan and fig.strategis.predikat is None
    assert fig.strategis.label == "rata-rata 2 dari 2 indikator terhadap target tahunan"


def test_sample_tables(sample):
    _report, fig = sample
    titles = [t.title for t in fig.tables]
    assert titles == ["Sasaran Strategis", "Sasaran Program",
                      "Sasaran Kegiatan: Sekretaris Kecamatan",
                      "Sasaran Kegiatan: Kasi Pelayanan Umum"]
    assert [t.mean.count for t in fig.tables] == [2, 8, 6, 1]


def test_sample_budget_totals_are_computed(sample):
    _report, fig = sample
    assert fig.pagu == 1_913_315_062_00
    assert fig.realisasi == 328_094_457_00
    assert fig.sisa == 1_585_220_605_00
    first = fig.programs[0]
    assert first.row.kode.value == "7.01.01"
    assert first.pagu == 1_592_719_562_00  # the detail, not the typed 1.587.606.347


def test_sample_cost_per_outcome(sample):
    _report, fig = sample
    groups = {g.penanggung_jawab: g for g in fig.cost}
    assert list(groups) == ["Camat", "Sekretaris Kecamatan", "Kasi Pelayanan Umum"]
    sek = groups["Sekretaris Kecamatan"].rows
    assert [c.kode for c in sek][0] == "7.01.01.01.2"
    first = sek[0]
    assert first.pagu == 10_000_000_00 and first.realisasi == 1_500_000_00
    assert first.serapan == pytest.approx(0.15)
    assert first.efisiensi == pytest.approx(1 - 0.15 / (15 / 90))
    zero = [c for c in sek if c.kode == "7.01.01.2.07"][0]  # capaian 0
    assert zero.efisiensi is None and F.TIDAK_DAPAT in zero.note
    rasio = F.cost_groups(fig.indicators, fig.budget, "rasio")
    kasi = [g for g in rasio if g.penanggung_jawab == "Kasi Pelayanan Umum"][0].rows[0]
    assert kasi.serapan == 0 and kasi.efisiensi is None  # serapan 0 divides in rasio


def test_sample_lists(sample):
    _report, fig = sample
    assert (fig.facilitation.total, fig.facilitation.ya) == (63, 30)
    assert fig.facilitation.fraction == pytest.approx(30 / 63)
    assert fig.villages.n == 7
    assert fig.villages.on_time == {"RKPDes": 0, "APBDes": 0, "LPPDes": 7}
    assert fig.villages.all_fraction == pytest.approx(7 / 21)
    assert fig.staff_status["PNS"] == 10


def test_to_json_uses_percent_units(sample):
    _report, fig = sample
    js = fig.to_json()
    assert js["capaian_rata_rata"] == pytest.approx(44.97, abs=0.01)
    assert js["capaian_rata_rata_terhadap"] == "tahunan" and js["predikat_rata_rata"] is None
    fas = js["indikator"][0]
    assert fas["capaian_tahunan"] == fas["capaian"] == pytest.approx(52.91, abs=0.01)
    assert (fas["target_triwulan"], fas["capaian_triwulan"], fas["predikat"]) == (None, None, None)
    assert js["pagu"] == 1913315062
    assert js["serapan"] == pytest.approx(17.15, abs=0.01)


def test_facilitation_repeat_counts_once_as_ya_if_any_row_says_ya():
    from lkj_excel.model import FacItem, Val

    def item(row, uraian, ya):
        return FacItem(row, Val("Fasilitasi"), Val(uraian), Val(ya), Val(None), Val(None))

    fig = F.facilitation([item(3, "Pembinaan BPD", False), item(4, "pembinaan  BPD.", True),
                          item(5, "Lain", False)])
    assert (fig.total, fig.ya) == (2, 1)
    assert [r.counted for r in fig.rows] == [True, False, True]
    assert fig.rows[0].ya_counted and fig.rows[1].first_row == 3
    assert F.facilitation([]).fraction is None
