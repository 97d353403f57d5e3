"""The figures of the LKj (docs/angka.md), computed once per workbook by the pipeline
before the checks run (the checks read them; nothing here judges or writes a file).

Conventions:
- percentages are fractions (0.5444) everywhere except `Figures.to_json()`, which gives
  percent units rounded to two decimals (54.44);
- money stays integer sen until it is written (`rupiah()` gives the number to write);
- budget figures are always the *computed* figures of the Realisasi sheet
  (docs/angka.md#angka-anggaran-diketik-dan-dihitung);
- an indicator's realisation is the derived one where Sumber Realisasi is set.

One module per area: `numbers` (single figures), `indicators` (PK rows, derived
realisations, Capaian Kinerja tables), `budget` (the placed budget tree, cost per outcome,
the PK's budget lines), `lists` (Fasilitasi, villages' documents, staff).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..codes import Nomenclature
from ..contract import DOCS, triwulan_number
from ..model import Budget, WorkbookData, sum_known
from ..settings import Settings
from .budget import (
    BudgetLine,
    CostGroup,
    CostRow,
    ProgramFigure,
    budget_lines,
    budget_row,
    cost_groups,
    place,
    subtree,
    sumber_dana,
)
from .indicators import (
    BELUM_DIUKUR,
    GROUPED_LEVELS,
    LEVELS,
    NO_LEVEL,
    TARGET_MISSING,
    TIDAK_DAPAT,
    TW_TARGET_BLANK,
    TW_TARGET_INCOMPLETE,
    CapaianTable,
    Indicator,
    capaian_mean,
    capaian_tables,
    derive,
    indicator,
    no_predikat_text,
    predikat_text,
)
from .lists import (
    STAFF_STATUS,
    FacilitationFigure,
    FacRow,
    VillageFigure,
    facilitation,
    staff_status,
    villages,
)
from .numbers import (
    METODE_TEXT,
    TAHUNAN,
    TERHADAP_TAHUNAN,
    Absorption,
    Mean,
    capaian,
    capaian_exact,
    efisiensi,
    has_sen,
    predikat,
    rata_rata,
    rupiah,
    serapan,
    sisa,
)

__all__ = [
    "BELUM_DIUKUR", "DOCS", "GROUPED_LEVELS", "LEVELS", "METODE_TEXT", "NO_LEVEL", "STAFF_STATUS",
    "TAHUNAN", "TARGET_MISSING", "TERHADAP_TAHUNAN", "TIDAK_DAPAT", "TW_TARGET_BLANK",
    "TW_TARGET_INCOMPLETE", "BudgetLine", "CapaianTable", "CostGroup", "CostRow",
    "FacRow", "FacilitationFigure", "Figures", "Indicator", "Mean", "ProgramFigure",
    "VillageFigure", "budget_lines", "budget_row", "capaian", "capaian_exact", "capaian_mean",
    "capaian_tables", "compute", "cost_groups", "derive", "efisiensi", "facilitation", "has_sen",
    "indicator", "no_predikat_text", "place", "predikat", "predikat_text", "rata_rata", "rupiah",
    "serapan", "sisa", "staff_status", "subtree", "sumber_dana", "villages",
]


@dataclass
class Figures(Absorption):
    """Every figure of one LKj workbook. `budget`, `facilitation` and `villages` are None
    when the workbook has no Realisasi, Fasilitasi or LPPDes sheet."""

    metode: str
    quarter: int | None = None  # the report's triwulan when it is I-III (two capaian)
    indicators: list[Indicator] = field(default_factory=list)
    tables: list[CapaianTable] = field(default_factory=list)
    strategis: Mean = field(default_factory=lambda: Mean(None, 0, 0))
    cost: list[CostGroup] = field(default_factory=list)
    budget: Budget | None = None
    programs: list[ProgramFigure] = field(default_factory=list)
    pagu: int | None = None
    realisasi: int | None = None
    facilitation: FacilitationFigure | None = None
    villages: VillageFigure | None = None
    staff_status: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The headline figures, percentages in percent units (two decimals), Rupiah exact."""
        def pct(x):
            return None if x is None else round(x * 100, 2)

        def rp(sen):
            return None if sen is None else rupiah(sen)

        def basis(tahunan: bool, judged: bool) -> str | None:
            if not judged:
                return None
            return TAHUNAN if tahunan or self.quarter is None else "triwulan"

        st = self.strategis
        return {
            "capaian_rata_rata": pct(st.value),
            "capaian_rata_rata_indikator": [st.count, st.total],
            # which capaian the mean is of: "triwulan" (every sasaran strategis has its
            # quarter's target) or "tahunan"; its predikat where it gets one
            "capaian_rata_rata_terhadap": basis(st.tahunan, st.value is not None),
            "predikat_rata_rata": st.predikat,
            "pagu": rp(self.pagu),
            "realisasi": rp(self.realisasi),
            "sisa": rp(self.sisa),
            "serapan": pct(self.serapan),
            "metode_efisiensi": self.metode,
            "indikator": [
                {"tingkat": i.level, "penanggung_jawab": i.penanggung_jawab,
                 "indikator": i.pk.indikator.value, "target": i.target,
                 "target_triwulan": i.target_tw,
                 "realisasi": None if i.realisasi is None else round(i.realisasi, 2),
                 "capaian": pct(i.capaian),  # = capaian_tahunan (kept for older readers)
                 "capaian_tahunan": pct(i.capaian),
                 "capaian_triwulan": pct(i.capaian_tw),
                 "predikat": i.predikat,
                 "predikat_terhadap": basis(i.predikat_tahunan, i.predikat is not None)}
                for i in self.indicators
            ],
        }


def compute(data: WorkbookData, settings: Settings | None = None,
            nomen: Nomenclature | None = None) -> Figures:
    """Every figure of one workbook's data: the budget placed and summed, the lists counted,
    the derived realisations, then the indicators and tables built on them."""
    settings = settings or Settings()
    fig = Figures(settings.metode)
    present = data.present
    if "Realisasi" in present:
        fig.budget = place(data.budget, nomen or Nomenclature(settings.nomenklatur))
    if "Fasilitasi" in present:
        fig.facilitation = facilitation(data.facilitation)
    if "LPPDes" in present:
        fig.villages = villages(data.villages)
    derive(data.pk, fig.facilitation, fig.villages)
    triwulan = triwulan_number(data.identity.triwulan)
    fig.quarter = triwulan if triwulan in (1, 2, 3) else None
    fig.indicators = [indicator(r, settings, triwulan) for r in data.pk]
    fig.tables = capaian_tables(fig.indicators, settings)
    fig.strategis = capaian_mean([i for i in fig.indicators if i.level == "Sasaran Strategis"],
                                 settings)
    budget = fig.budget
    fig.cost = cost_groups(fig.indicators, budget, settings.metode)
    if budget is not None:
        fig.programs = [ProgramFigure(p, p.c_pagu, p.c_realisasi) for p in budget.programs]
        fig.pagu = sum_known(p.pagu for p in fig.programs)
        fig.realisasi = sum_known(p.realisasi for p in fig.programs)
    if "Pegawai" in present:
        fig.staff_status = staff_status(data.staff)
    return fig
