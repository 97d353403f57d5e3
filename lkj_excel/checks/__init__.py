"""The checks (docs/pemeriksaan.md): one module per area, each check a function that reads the data
and the figures and appends findings. Nothing here computes a figure or reads a file.
`history` compares a report with its office's earlier reports: the pipeline runs it once
they are read (`run` does not)."""

from __future__ import annotations

from ..codes import Nomenclature
from ..findings import Finding
from ..model import WorkbookData
from . import budget_codes, budget_sums, facilitation, identity, pk, staff, villages


def run(data: WorkbookData, fig, nomen: Nomenclature, findings: list[Finding]) -> None:
    """Run every check on a workbook's data and figures (`figures.Figures`)."""
    sheet = data.sheets.get
    identity.invalid(data.identity, findings)
    if fig.budget is not None:
        budget_codes.check(fig.budget, sheet("Realisasi"), nomen, findings)
        budget_sums.check(fig.budget, sheet("Realisasi"), findings)
    if fig.facilitation is not None:
        facilitation.duplicate(fig.facilitation, sheet("Fasilitasi"), findings)
    if fig.villages is not None:
        villages.check(data, fig.villages, findings)
    pk.check(data.pk, sheet("PK"), fig.budget, findings)
    staff.head_nip_problem(data.identity, findings)
    if "Pegawai" in data.present:
        staff.check(data.staff, sheet("Pegawai"), data.identity, findings)
