"""The Fasilitasi sheet: an item written twice (docs/pemeriksaan.md#facilitationduplicate)."""

from __future__ import annotations

from .. import catalogue as C
from ..figures.lists import FacilitationFigure
from ..findings import Finding


def duplicate(fac: FacilitationFigure, sheet: str | None, findings: list[Finding]) -> None:
    """facilitation.duplicate: the same item (model.fac_key) on a later row; it counts once."""
    for fr in fac.rows:
        if fr.counted:
            continue
        it = fr.item
        findings.append(C.FACILITATION_DUPLICATE.finding(
            sheet, it.uraian.addr,
            f"Item '{it.uraian.value}' ({it.jenis.value}) sudah tercatat di baris {fr.first_row}; "
            f"dihitung sekali.", found=it.uraian.value))
