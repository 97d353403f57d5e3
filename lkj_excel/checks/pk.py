"""The PK sheet against the budget and the lists its realisations derive from."""

from __future__ import annotations

from ..codes import code_key
from ..findings import Finding
from ..model import PKRow
from ..money import format_percent, format_rp, to_decimal
from .budget import Budget, _typed
from .lists import FacilitationCount, VillageCount

TOLERANCE = 0.5  # percentage points (template.md, "Derived realisations")


def derive(rows: list[PKRow], fac: FacilitationCount | None, vil: VillageCount | None) -> None:
    """Set each row's derived realisation (percent units) and the note saying where it came from."""
    for r in rows:
        src = r.sumber.value
        if not src:
            continue
        if src == "Fasilitasi":
            if fac is None or fac.total == 0:
                r.derived, r.derived_note = None, "daftar Fasilitasi kosong: tidak dapat dihitung"
            else:
                r.derived = fac.ya / fac.total * 100
                r.derived_note = f"{fac.ya} dari {fac.total} item ditindaklanjuti"
        elif vil is None or vil.n == 0:
            r.derived, r.derived_note = None, "daftar desa (LPPDes) kosong: tidak dapat dihitung"
        elif src == "Dokumen Desa":
            done = sum(vil.on_time(d) for d in ("RKPDes", "APBDes", "LPPDes"))
            r.derived = done / (vil.n * 3) * 100
            r.derived_note = f"{done} dari {vil.n * 3} dokumen ({vil.n} desa × 3) tepat waktu"
        else:
            done = vil.on_time(src)
            r.derived = done / vil.n * 100
            r.derived_note = f"{done} dari {vil.n} desa menetapkan {src} tepat waktu"


def check(rows: list[PKRow], sheet: str | None, budget: Budget | None,
          findings: list[Finding]) -> None:
    for r in rows:
        kode = r.kode.value
        if kode is not None and budget is not None:
            brow = budget.by_key.get(code_key(kode))
            if brow is None:
                findings.append(Finding(
                    "pk.code_unknown", sheet, r.kode.addr,
                    f"Kode {kode} di PK ({sheet}!{r.kode.addr}) tidak ada di sheet Realisasi.",
                    kode=kode, found=kode, merged=r.kode.merged))
            else:
                _budget_match(r, brow, sheet, findings)
        _derived_match(r, sheet, findings)


def _budget_match(r: PKRow, brow, sheet, findings) -> None:
    ang = _typed(r.anggaran)
    if ang is None:
        return
    typed, computed = _typed(brow.pagu), brow.c_pagu
    if computed is None:
        return  # the computed Pagu includes an unreadable amount: not compared (checks.md, Edge rules)
    if ang in (typed, computed):
        return
    expected = computed
    msg = (f"Anggaran {r.kode.value} di PK tertulis {format_rp(ang)}, pagunya di sheet Realisasi "
           f"{format_rp(expected)} (selisih {format_rp(abs(ang - expected))})")
    if typed is not None and typed != expected:
        msg += f"; pagu yang tertulis di baris Realisasi {format_rp(typed)}"
    findings.append(Finding("pk.budget_mismatch", sheet, r.anggaran.addr, msg + ".",
                            kode=r.kode.value, found=to_decimal(ang),
                            expected=to_decimal(expected)))


def _derived_match(r: PKRow, sheet, findings) -> None:
    if not r.sumber.value or r.derived is None:
        return
    typed = r.realisasi.value
    if typed is None or r.realisasi.unknown:
        return
    if abs(typed - r.derived) > TOLERANCE:
        findings.append(Finding(
            "pk.derived_mismatch", sheet, r.realisasi.addr,
            f"Realisasi '{r.indikator.value}' tertulis {format_percent(typed)}, hitungan dari "
            f"{r.sumber.value} {format_percent(round(r.derived, 2))} ({r.derived_note}); "
            f"yang dipakai hasil hitungan.",
            kode=r.kode.value, found=float(typed), expected=float(r.derived)))
