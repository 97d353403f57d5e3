"""The batch summary workbook: Rekap, Semua Temuan and, with a list of offices, Belum Mengirim."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..figures import has_sen, rupiah
from ..pipeline import FileReport
from ..settings import Settings
from .atomic import atomic_path

ROMAN = ("I", "II", "III", "IV")


def rekap_name(reports: list[FileReport]) -> str:
    """`Rekap-<tahun>-TW<n>.xlsx` when all readable inputs share one period, else `Rekap.xlsx`."""
    periods = {(r.tahun, r.triwulan) for r in reports if r.readable}
    if len(periods) == 1:
        tahun, tw = next(iter(periods))
        if tahun and tw in ROMAN:
            return f"Rekap-{tahun}-TW{ROMAN.index(tw) + 1}.xlsx"
    return "Rekap.xlsx"


def status(rep: FileReport) -> str:
    if not rep.readable:
        return "Tidak terbaca"
    return "Perlu diperbaiki" if rep.errors else "Konsisten"


REKAP_COLUMNS = [
    ("File", 40), ("Perangkat Daerah", 28), ("Tahun", 8), ("Triwulan", 9), ("Pagu", 18),
    ("Realisasi", 18), ("Serapan", 10), ("Capaian rata-rata", 12), ("Kesalahan", 10),
    ("Peringatan", 11), ("Status", 16), ("Berkas LKj", 40), ("Salinan Bertanda", 40),
    ("Pengirim", 28), ("Tanggal Kirim", 18), ("Catatan", 40),
]
# columns left out when no row has a value (the copies returned to offices: --tandai)
OPTIONAL_COLUMNS = {"Salinan Bertanda": "salinan"}


def rekap_columns(reports: list[FileReport]) -> list[tuple[str, int]]:
    """The Rekap's columns for these reports: an optional column only when a row fills it."""
    return [(name, width) for name, width in REKAP_COLUMNS
            if name not in OPTIONAL_COLUMNS
            or any(r.meta.get(OPTIONAL_COLUMNS[name]) for r in reports)]


TEMUAN_COLUMNS = [
    ("File", 40), ("No", 5), ("Check", 26), ("Tingkat", 11), ("Sheet", 12), ("Sel", 7),
    ("Kode", 18), ("Ditemukan", 18), ("Seharusnya", 18), ("Selisih", 16), ("Keterangan", 90),
]


def write_rekap(reports: list[FileReport], not_sent: list[str], path: Path, settings: Settings,
                run_time: dt.datetime, with_daftar: bool) -> Path:
    """Write the Rekap workbook atomically (a re-run replaces it)."""
    import xlsxwriter

    from .styles import Formats

    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False,
                                            "default_date_format": "d mmmm yyyy"})
        wb.set_properties({"title": "Rekap LKj", "author": "lkj-excel", "created": run_time.replace(tzinfo=None)})
        fm = Formats(wb)
        _rekap_sheet(wb, fm, reports, not_sent, run_time)
        _temuan_sheet(wb, fm, reports, run_time)
        if with_daftar:
            _not_sent_sheet(wb, fm, not_sent, run_time)
        wb.close()
    return path


def _setup(ws, title: str, run_time: dt.datetime, columns, fm) -> int:
    ws.write_string(0, 0, title, fm.get("title"))
    ws.write_string(1, 0, f"Dibuat {run_time.strftime('%d-%m-%Y %H:%M')} oleh lkj-excel")
    for c, (name, width) in enumerate(columns):
        ws.write_string(3, c, name, fm.get("header"))
        ws.set_column(c, c, width)
    ws.freeze_panes(4, 0)
    ws.repeat_rows(0, 3)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_footer("&CHalaman &P dari &N")
    return 4


def _text(ws, r, c, value, fmt=None):
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_string(r, c, str(value), fmt)


def _rekap_sheet(wb, fm, reports, not_sent, run_time) -> None:
    ws = wb.add_worksheet("Rekap")
    columns = rekap_columns(reports)
    at = {name: i for i, (name, _w) in enumerate(columns)}
    row = _setup(ws, "REKAP LAPORAN KINERJA", run_time, columns, fm)
    first = row
    when = wb.add_format({"num_format": "d mmmm yyyy hh:mm", "align": "left"})
    for rep in reports:
        m = rep.meta
        _text(ws, row, 0, rep.file)
        _text(ws, row, 1, rep.perangkat_daerah)
        if rep.tahun:
            ws.write_number(row, 2, rep.tahun)
        _text(ws, row, 3, rep.triwulan)
        pagu, real = m.get("pagu"), m.get("realisasi")
        for col, sen in ((4, pagu), (5, real)):
            if sen is not None:
                ws.write_number(row, col, rupiah(sen), fm.get("amount2" if has_sen(sen) else "amount"))
        if pagu and real is not None:
            ws.write_formula(row, 6, f"=F{row + 1}/E{row + 1}", fm.get("percent"), real / pagu)
        if m.get("capaian") is not None:
            ws.write_number(row, 7, m["capaian"], fm.get("percent"))
        ws.write_number(row, 8, rep.errors)
        ws.write_number(row, 9, rep.warnings)
        _text(ws, row, 10, status(rep))
        _text(ws, row, 11, Path(rep.output).name if rep.output else None)
        if "Salinan Bertanda" in at:
            copy = m.get("salinan")
            _text(ws, row, at["Salinan Bertanda"], Path(copy).name if copy else None)
        _text(ws, row, at["Pengirim"], m.get("Pengirim"))
        sent = m.get("Tanggal Kirim")
        if isinstance(sent, dt.datetime):
            ws.write_datetime(row, at["Tanggal Kirim"], sent.replace(tzinfo=None), when)
        notes = []
        if m.get("duplikat"):
            notes.append(f"Ganda: kantor dan periode sama dengan {m['duplikat']}")
        if not rep.readable and rep.findings:
            notes.append(rep.findings[0].message)
        if m.get("write_error"):
            notes.append(f"LKj tidak dapat ditulis: {m['write_error']}")
        if m.get("salinan_error"):
            notes.append(f"Salinan bertanda tidak dapat ditulis: {m['salinan_error']}")
        _text(ws, row, at["Catatan"], "; ".join(notes) or None)
        row += 1
    for name in not_sent:
        _text(ws, row, 1, name)
        _text(ws, row, 10, "Belum mengirim")
        row += 1
    if row == first:
        ws.write_string(row, 0, "Tidak ada data")
    else:
        ws.autofilter(first - 1, 0, row - 1, len(columns) - 1)


def _temuan_sheet(wb, fm, reports, run_time) -> None:
    from ..tables.findings import findings_table
    from .findings_table import write_findings
    from .workbook.context import Placement

    ws = wb.add_worksheet("Semua Temuan")
    row = _setup(ws, "SEMUA TEMUAN", run_time, TEMUAN_COLUMNS, fm)
    first = row
    cells = _TemuanCells(ws, fm)
    for rep in reports:
        table = findings_table(rep.findings, file=rep.file, table_id="semua_temuan")
        rows = list(range(row, row + len(table.rows)))
        cells.here = Placement("Semua Temuan", rows, {c.key: k for k, c in enumerate(table.columns)})
        write_findings(cells, table, rows)
        row += len(rows)
    if row == first:
        ws.write_string(row, 0, "Tidak ada temuan")
    else:
        ws.autofilter(first - 1, 0, row - 1, len(TEMUAN_COLUMNS) - 1)


class _TemuanCells:
    """The findings-table writer's cell interface over the Rekap's plain cells."""

    def __init__(self, ws, fm) -> None:
        self.ws, self.fm, self.here = ws, fm, None

    def text(self, r: int, c: int, key: str, value, bold: bool) -> None:
        _text(self.ws, r, c, value, self.fm.get("wrap") if key == "keterangan" else None)

    def number(self, r: int, c: int, key: str, value, style: str) -> None:
        if key == "no":
            self.ws.write_number(r, c, value)
        elif value is not None:
            self.ws.write_number(r, c, value, self.fm.get(style))

    def formula(self, r: int, c: int, key: str, formula: str, value, style: str) -> None:
        self.ws.write_formula(r, c, formula, self.fm.get(style), value)

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
