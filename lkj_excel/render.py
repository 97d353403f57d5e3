"""Findings for a person: one block per file, errors first, each with its sheet!cell."""

from __future__ import annotations

import textwrap

from .pipeline import FileReport


def exit_code(reports: list[FileReport]) -> int:
    """0 no errors, 1 error findings, 2 an unreadable input (docs/pemeriksaan.md#kode-keluar)."""
    if any(not r.readable for r in reports):
        return 2
    if any(r.errors for r in reports):
        return 1
    return 0


def _where(f) -> str:
    if f.sheet and f.cell:
        return f"{f.sheet}!{f.cell}"
    return f.sheet or "-"


def render_text(reports: list[FileReport], width: int = 100) -> str:
    lines: list[str] = []
    for rep in reports:
        who = ", ".join(x for x in (rep.perangkat_daerah,
                                    f"{rep.tahun} TW {rep.triwulan}" if rep.tahun and rep.triwulan else None)
                        if x)
        lines.append(f"{rep.file}" + (f" ({who})" if who else ""))
        if not rep.readable:
            lines.append(f"  TIDAK TERBACA: {rep.findings[0].message}")
        elif not rep.findings:
            lines.append("  Data konsisten: tidak ada temuan.")
        else:
            lines.append(f"  {rep.errors} kesalahan, {rep.warnings} peringatan")
            for title, errs in (("KESALAHAN", True), ("PERINGATAN", False)):
                group = [f for f in rep.findings if f.is_error == errs]
                if not group:
                    continue
                lines.append(f"  {title}")
                w = max(len(_where(f)) for f in group)
                for f in group:
                    head = f"    {_where(f):<{w}}  {f.check}"
                    body = textwrap.wrap(f.message, width=max(40, width - 8))
                    lines.append(head)
                    lines.extend("        " + b for b in body)
        if rep.output:
            lines.append(f"  Laporan ditulis: {rep.output}")
        if rep.meta.get("salinan"):
            lines.append(f"  Salinan bertanda: {rep.meta['salinan']}")
        if rep.meta.get("balasan"):
            lines.append(f"  Teks balasan: {rep.meta['balasan']}")
        if rep.document:
            lines.append(f"  Dokumen ditulis: {rep.document}")
        lines.append("")
    n = len(reports)
    bad = sum(1 for r in reports if not r.readable)
    err = sum(1 for r in reports if r.readable and r.errors)
    lines.append(f"{n} berkas: {n - bad - err} konsisten, {err} perlu diperbaiki, {bad} tidak terbaca.")
    archive = next((r.meta["arsip"] for r in reports if r.meta.get("arsip")), None)
    if archive:  # said once: where the archive is, what was recorded
        lines.extend(archive)
    return "\n".join(lines)


def batch_summary(result) -> str:
    """One screen at the end of a batch: the counts, the files to look at, where things went."""
    reps = result.reports
    bad = [r for r in reps if not r.readable]
    fix = [r for r in reps if r.readable and r.errors]
    ok = len(reps) - len(bad) - len(fix)
    lines = [f"{len(reps)} berkas diproses: {ok} konsisten, {len(fix)} perlu diperbaiki, "
             f"{len(bad)} tidak terbaca."]
    for title, group in (("Perlu diperbaiki", fix), ("Tidak terbaca", bad)):
        if not group:
            continue
        lines.append(f"{title}:")
        for r in group[:15]:
            what = (f"{r.errors} kesalahan, {r.warnings} peringatan" if r.readable
                    else r.findings[0].message)
            lines.append(f"  {r.file}: {what}")
        if len(group) > 15:
            lines.append(f"  ... dan {len(group) - 15} lainnya (lihat Rekap)")
    if result.skipped_mail:
        lines.append(f"{len(result.skipped_mail)} e-mail tanpa lampiran workbook dilewati.")
    for p in result.mail_problems:
        lines.append(f"E-mail tidak terbaca: {p}")
    if result.not_sent:
        lines.append(f"Belum mengirim ({len(result.not_sent)}): {', '.join(result.not_sent)}")
    written = sum(1 for r in reps if r.output)
    lines.append(f"{written} workbook LKj ditulis di {result.outdir}/")
    copies = sum(1 for r in reps if r.meta.get("salinan"))
    if copies:
        lines.append(f"{copies} salinan bertanda ditulis di {result.outdir}/")
    documents = sum(1 for r in reps if r.document)
    if documents:
        lines.append(f"{documents} dokumen LKj (.docx) ditulis di {result.outdir}/")
    if result.rekap:
        lines.append(f"Rekap: {result.rekap}")
    if result.archive is not None:
        lines.extend(result.archive.summary_lines())
    return "\n".join(lines)
