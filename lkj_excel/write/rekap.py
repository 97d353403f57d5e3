"""The batch summary workbook: Rekap, Semua Temuan and, with a list of offices, Belum Mengirim."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..contract import triwulan_number
from ..figures import has_sen, rupiah
from ..pipeline import FileReport
from ..settings import Settings
from .atomic import atomic_path


def rekap_name(reports: list[FileReport]) -> str:
    """`Rekap-<tahun>-TW<n>.xlsx` when all readable inputs share one period, else `Rekap.xlsx`."""
    periods = {(r.tahun, r.triwulan) for r in reports if r.readable}
    if len(periods) == 1:
        tahun, tw = next(iter(periods))
        if tahun and (n := triwulan_number(tw)):
            return f"Rekap-{tahun}-TW{n}.xlsx"
    return "Rekap.xlsx"


def status(rep: FileReport) -> str:
    if not rep.readable:
        return "Tidak terbaca"
    return "Perlu diperbaiki" if rep.errors else "Konsisten"


# (name, width): widths that keep each sheet one page wide at 8 pt or more (text wraps)
REKAP_COLUMNS = [
    ("File", 16), ("Perangkat Daerah", 16), ("Tahun", 6), ("Triwulan", 9), ("Pagu", 15),
    ("Realisasi", 15), ("Serapan", 8), ("Capaian rata-rata", 9), ("Kesalahan", 10),
    ("Peringatan", 11), ("Status", 11), ("Versi", 6), ("Sebelumnya", 16), ("Berkas LKj", 16),
    ("Salinan Bertanda", 16),
    ("Pengirim", 16), ("Tanggal Kirim", 12), ("Catatan", 18),
]
TEMUAN_COLUMNS = [
    ("File", 18), ("No", 5), ("Check", 20), ("Tingkat", 11), ("Sheet", 10), ("Sel", 6),
    ("Kode", 14), ("Ditemukan", 14), ("Seharusnya", 14), ("Selisih", 13), ("Keterangan", 36),
]
WRAP = "wrap"


def write_rekap(reports: list[FileReport], not_sent: list[str], path: Path, settings: Settings,
                run_time: dt.datetime, with_daftar: bool) -> Path:
    """Write the Rekap workbook atomically (a re-run replaces it)."""
    import xlsxwriter

    from .styles import DATE_ID, Formats
    from .workbook import FONT

    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False,
                                            "default_date_format": DATE_ID,
                                            # the LKj's font: the print width estimates hold
                                            "default_format_properties": dict(FONT)})
        wb.set_properties({"title": "Rekap LKj", "author": "lkj-excel", "created": run_time.replace(tzinfo=None)})
        fm = Formats(wb)
        _rekap_sheet(wb, fm, reports, not_sent, run_time)
        _temuan_sheet(wb, fm, reports, run_time)
        if with_daftar:
            _not_sent_sheet(wb, fm, not_sent, run_time)
        wb.close()
    return path


class _Heights:
    """Row heights for wrapped text (Excel does not grow a row for it when opening a file)."""

    def __init__(self, widths: list[float]) -> None:
        self.widths, self.lines = widths, {}

    def note(self, r: int, c: int, text: str) -> None:
        from .workbook.measure import text_lines

        n = text_lines(text, self.widths[c])
        if n > self.lines.get(r, 1):
            self.lines[r] = n

    def apply(self, ws) -> None:
        from .workbook.layout import LINE_PT

        for r, n in sorted(self.lines.items()):
            ws.set_row(r, n * LINE_PT + 2.0)


def _setup(ws, title: str, run_time: dt.datetime, columns, fm) -> int:
    """Title, header row, widths and the print setup (like the LKj:
    docs/keluaran.md#workbook-rekap-batch)."""
    from .workbook.layout import (
        FOOTER,
        LINE_PT,
        MARGIN_BOTTOM,
        MARGIN_LR,
        MARGIN_TOP,
        PAPER_A4,
        print_scale,
    )

    ws.write_string(0, 0, title, fm.get("title"))
    ws.write_string(1, 0, f"Dibuat {run_time.strftime('%d-%m-%Y %H:%M')} oleh lkj-excel")
    for c, (name, width) in enumerate(columns):
        ws.write_string(3, c, name, fm.get("header"))
        ws.set_column(c, c, width)
    ws.set_row(3, 2 * LINE_PT + 2.0)  # header names wrap onto two lines at most
    ws.freeze_panes(4, 0)
    ws.repeat_rows(0, 3)
    ws.set_paper(PAPER_A4)
    ws.set_landscape()
    wide, _scale = print_scale(w for _n, w in columns)
    if wide:
        ws.fit_to_pages(wide, 0)
    else:
        ws.set_print_scale(80)
    ws.set_margins(left=MARGIN_LR, right=MARGIN_LR, top=MARGIN_TOP, bottom=MARGIN_BOTTOM)
    ws.set_footer(FOOTER)
    return 4


def _text(ws, r, c, value, fmt=None, heights: _Heights | None = None):
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_string(r, c, str(value), fmt)
        if heights is not None:
            heights.note(r, c, str(value))


def _rekap_rows(reports, not_sent) -> list[dict]:
    """One dict per Rekap row: column name -> (value, kind), kind one of text, wrap,
    number, amount, percent, ratio (Serapan: Realisasi ÷ Pagu, a formula), datetime."""
    rows = []
    for rep in reports:
        m = rep.meta
        pagu, real = m.get("pagu"), m.get("realisasi")
        notes = []
        if m.get("capaian_tahunan"):
            notes.append("Capaian rata-rata terhadap target tahunan (target triwulan tidak "
                         "lengkap)")
        if m.get("duplikat"):
            notes.append(f"Ganda: kantor dan periode sama dengan {m['duplikat']}")
        if not rep.readable and rep.findings:
            notes.append(rep.findings[0].message)
        if m.get("write_error"):
            notes.append(f"LKj tidak dapat ditulis: {m['write_error']}")
        if m.get("arsip_error"):
            notes.append(f"Tidak tercatat di arsip: {m['arsip_error']}")
        elif m.get("arsip_alasan"):
            notes.append(f"Tidak diarsipkan: {m['arsip_alasan']}")
        if m.get("salinan_error"):
            notes.append(f"Salinan bertanda tidak dapat ditulis: {m['salinan_error']}")
        sent = m.get("Tanggal Kirim")
        rows.append({
            "File": (rep.file, WRAP), "Perangkat Daerah": (rep.perangkat_daerah, WRAP),
            "Tahun": (rep.tahun or None, "number"), "Triwulan": (rep.triwulan, "text"),
            "Pagu": (pagu, "amount"), "Realisasi": (real, "amount"),
            "Serapan": (real / pagu if pagu and real is not None else None, "ratio"),
            "Capaian rata-rata": (m.get("capaian"), "percent"),
            "Kesalahan": (rep.errors, "number"), "Peringatan": (rep.warnings, "number"),
            "Status": (status(rep), WRAP),
            # from the archive: this input's version, and the one before it
            "Versi": (m.get("versi"), "number"), "Sebelumnya": (m.get("sebelumnya"), WRAP),
            "Berkas LKj": (Path(rep.output).name if rep.output else None, WRAP),
            # the copy returned to the office (--tandai)
            "Salinan Bertanda": (Path(m["salinan"]).name if m.get("salinan") else None, WRAP),
            "Pengirim": (m.get("Pengirim"), WRAP),
            "Tanggal Kirim": (sent if isinstance(sent, dt.datetime) else None, "datetime"),
            "Catatan": ("; ".join(notes) or None, WRAP),
        })
    for name in not_sent:
        rows.append({"Perangkat Daerah": (name, WRAP), "Status": ("Belum mengirim", "text")})
    return rows


def _rekap_sheet(wb, fm, reports, not_sent, run_time) -> None:
    from .styles import DATE_ID

    ws = wb.add_worksheet("Rekap")
    rows = _rekap_rows(reports, not_sent)
    # a column empty in every row (Pengirim and Tanggal Kirim when nothing came by e-mail)
    # is left out (docs/keluaran.md#workbook-rekap-batch)
    columns = [(n, w) for n, w in REKAP_COLUMNS
               if not rows or any(r.get(n, (None,))[0] is not None for r in rows)]
    row = _setup(ws, "REKAP LAPORAN KINERJA", run_time, columns, fm)
    first = row
    col = {n: c for c, (n, _w) in enumerate(columns)}
    heights = _Heights([w for _n, w in columns])
    when = wb.add_format({"num_format": DATE_ID.replace("yyyy", "yyyy hh:mm"), "align": "left",
                          "valign": "top"})
    for values in rows:
        for name, (value, kind) in values.items():
            c = col.get(name)
            if c is None or value is None:
                continue
            if kind in ("text", WRAP):
                _text(ws, row, c, value, fm.get("wrap") if kind == WRAP else fm.get("top"), heights)
            elif kind == "amount":
                ws.write_number(row, c, rupiah(value),
                                fm.get("amount2" if has_sen(value) else "amount", "top"))
            elif kind == "ratio":
                p, q = (f"{_letter(col['Realisasi'])}{row + 1}", f"{_letter(col['Pagu'])}{row + 1}")
                ws.write_formula(row, c, f"={p}/{q}", fm.get("percent", "top"), value)
            elif kind == "percent":
                ws.write_number(row, c, value, fm.get("percent", "top"))
            elif kind == "datetime":
                ws.write_datetime(row, c, value.replace(tzinfo=None), when)
            else:
                ws.write_number(row, c, value, fm.get("top"))
        row += 1
    heights.apply(ws)
    if row == first:
        ws.write_string(row, 0, "Tidak ada data")
    else:
        ws.autofilter(first - 1, 0, row - 1, len(columns) - 1)


def _letter(c: int) -> str:
    from .workbook.a1 import col

    return col(c)


def _temuan_sheet(wb, fm, reports, run_time) -> None:
    from ..tables.findings import findings_table
    from .findings_table import write_findings
    from .workbook.context import Placement

    ws = wb.add_worksheet("Semua Temuan")
    row = _setup(ws, "SEMUA TEMUAN", run_time, TEMUAN_COLUMNS, fm)
    first = row
    cells = _TemuanCells(ws, fm, _Heights([w for _n, w in TEMUAN_COLUMNS]))
    for rep in reports:
        table = findings_table(rep.findings, file=rep.file, table_id="semua_temuan")
        rows = list(range(row, row + len(table.rows)))
        cells.here = Placement("Semua Temuan", rows, {c.key: k for k, c in enumerate(table.columns)})
        write_findings(cells, table, rows)
        row += len(rows)
    cells.heights.apply(ws)
    if row == first:
        ws.write_string(row, 0, "Tidak ada temuan")
    else:
        ws.autofilter(first - 1, 0, row - 1, len(TEMUAN_COLUMNS) - 1)


class _TemuanCells:
    """The findings-table writer's cell interface over the Rekap's plain cells."""

    WRAPPED = ("file", "check", "kode", "ditemukan", "seharusnya", "keterangan")

    def __init__(self, ws, fm, heights: _Heights) -> None:
        self.ws, self.fm, self.heights, self.here = ws, fm, heights, None

    def text(self, r: int, c: int, key: str, value, bold: bool) -> None:
        wrap = key in self.WRAPPED
        _text(self.ws, r, c, value, self.fm.get("wrap") if wrap else self.fm.get("top"),
              self.heights if wrap else None)

    def number(self, r: int, c: int, key: str, value, style: str) -> None:
        if key == "no":
            self.ws.write_number(r, c, value, self.fm.get("top"))
        elif value is not None:
            self.ws.write_number(r, c, value, self.fm.get(style, "top") if style else self.fm.get("top"))

    def formula(self, r: int, c: int, key: str, formula: str, value, style: str) -> None:
        self.ws.write_formula(r, c, formula, self.fm.get(style, "top") if style else self.fm.get("top"),
                              value)

    def excel(self, v, r: int) -> str:
        from .workbook.context import excel

        return excel(v.formula, self.here, r)


def _not_sent_sheet(wb, fm, not_sent, run_time) -> None:
    ws = wb.add_worksheet("Belum Mengirim")
    row = _setup(ws, "BELUM MENGIRIM", run_time, [("No", 5), ("Perangkat Daerah", 40)], fm)
    if not not_sent:
        ws.write_string(row, 0, "Semua perangkat daerah dalam daftar sudah mengirim.")
    for i, name in enumerate(not_sent, start=1):
        ws.write_number(row, 0, i)
        ws.write_string(row, 1, name)
        row += 1
