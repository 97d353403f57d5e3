"""Bab III Akuntabilitas Kinerja, A: capaian per indicator with predikat and the capaian
rata-rata (A.1), the comparison with last year (A.2), the analysis of causes with the facts
the data give (A.4). A.3 (Renstra target, national standard) is written only where the
input gives them: template version 1 has neither, so it is left out there. The efisiensi, the
programs and the budget (A.5, A.6, B) are in anggaran.py."""

from __future__ import annotations

from ... import figures as F
from ...tables.model import MEAN, TOTAL
from ...tables.perbandingan import notes
from ..workbook.metode import _bands as bands
from .context import Doc, total_row, untitled, value_text


class Numbering:
    """`1.`, `2.` … for the parts of A (a part left out takes no number)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, title: str) -> str:
        self.n += 1
        return f"{self.n}. {title}"


def bab3_capaian(d: Doc, number: Numbering) -> None:
    """Bab III A. In TW I-III the capaian tables have ten columns (two targets, two
    capaian): Bab III starts the landscape section the budget tables are in, so they fit."""
    b = d.body
    wide = d.figures.quarter is not None
    if wide:
        b.orientation(landscape=True)  # a new section: a new page
    b.heading(1, "BAB III AKUNTABILITAS KINERJA", page_break=not wide)
    office = d.office
    b.heading(2, f"A. Capaian Kinerja{f' {office}' if office else ''}")
    capaian(d, number)
    comparison(d, number)
    causes(d, number)


def capaian(d: Doc, number: Numbering) -> None:
    b = d.body
    b.heading(3, number("Capaian Indikator Kinerja"))
    st = d.settings
    rules = "; ".join(f"{label} bila {rule}" for label, rule in bands(st))
    text = ("Capaian = Realisasi ÷ Target (Arah Naik) atau (2 × Target − Realisasi) ÷ Target "
            "(Arah Turun), tidak dibatasi 100%. ")
    if d.figures.quarter is None:
        text += f"Predikat dari capaian yang belum dibulatkan: {rules}."
    else:  # TW I-III (docs/angka.md#capaian-triwulan-dan-predikat)
        tw = f"triwulan {d.report.triwulan}"
        text += (f"Capaian terhadap target triwulan memakai target {tw} dari Rencana Aksi PK; "
                 f"capaian terhadap target tahunan memakai target tahun ini. Predikat dari "
                 f"capaian terhadap target triwulan yang belum dibulatkan: {rules}. ")
        text += ("Indikator tanpa target triwulan dinilai dari capaian terhadap target "
                 "tahunan, dengan keterangan itu." if st.tanpa_target_triwulan == "tampilkan"
                 else "Indikator tanpa target triwulan tidak diberi predikat.")
    b.text(text, align="both")
    if not d.tables.capaian:
        b.text("Capaian kinerja: tidak ada data. Sheet PK tidak ada atau tidak berisi indikator.")
    for table in d.tables.capaian:
        title = untitled(table.title)
        d.table(table, f"Capaian Kinerja {title}")
        mean = next((r for r in table.rows if r.role == MEAN), None)
        if mean is not None:
            b.text(mean_sentence(title, table, mean))
    b.todo("Jelaskan untuk setiap indikator cara memperoleh realisasinya (rumus dan data "
           "pendukung)", align="both")


def mean_sentence(title: str, table, mean) -> str:
    """`Capaian rata-rata Sasaran Strategis 44,97% (rata-rata 2 dari 2 indikator), predikat
    Sangat Rendah.` from the table's mean row (in TW I-III the mean may be against the
    year's target, labelled so, without a predikat)."""
    cells = mean.cells
    keys = [c.key for c in table.columns]
    pred, label = cells[keys.index("predikat")], cells[keys.index("keterangan")]
    caps = [cells[keys.index(k)] for k in ("capaian_tw", "capaian") if k in keys]
    cap = next((c for c in caps if c is not None and c.value is not None), None)
    value = value_text(cap)
    if cap is None or value is None or isinstance(cap.value, str):
        return f"Capaian rata-rata {title}: {value or F.BELUM_DIUKUR}."
    text = f"Capaian rata-rata {title} {value}"
    if label is not None and label.value:
        text += f" ({label.value})"
    if pred is not None and pred.value and pred.mark != "muted":
        text += f", predikat {pred.value}"
    return text + "."


def comparison(d: Doc, number: Numbering) -> None:
    """A.2: this year against last year, and the quarters of this year so far (when there
    is more than one) in a table of their own, so that each fits the portrait page."""
    b = d.body
    b.heading(3, number("Perbandingan Realisasi dan Capaian Kinerja dengan Tahun Lalu"))
    table = d.tables.perbandingan
    tahun = d.report.tahun
    years = f" Tahun {tahun - 1} dan Tahun {tahun}" if tahun else ""
    keys = [c.key for c in table.columns]
    quarters = [k for k in keys if k.startswith("realisasi_") and k[-1].isdigit()]
    # the source of last year's figures is said under the tables (notes), not in a column
    yearly = ["no", "indikator", "target_ll", "realisasi_ll", "capaian_ll", "target",
              "realisasi", "capaian", "perubahan", "naik_turun"]
    d.table(table, f"Perbandingan Realisasi dan Capaian Kinerja{years}", keys=yearly,
            names={"perubahan": "Peru- bahan (poin %)"})
    if quarters and not table.empty:
        by_quarter = ["no", "indikator", "target",
                      *(k for q in quarters for k in (q, "capaian_" + q.split("_")[1])),
                      "realisasi", "capaian"]
        d.table(table, f"Realisasi dan Capaian Kinerja per Triwulan Tahun {tahun}",
                keys=by_quarter)
    if not table.empty:
        for line in notes(table):
            b.text(line)
    b.todo("Uraikan perbandingan realisasi dan capaian kinerja tahun ini dengan tahun lalu",
           align="both")
    plans(d, number)


def plans(d: Doc, number: Numbering) -> None:
    """A.3: capaian against the Renstra target and the national standard, only where the
    input gives them (template version 2)."""
    table = d.tables.perbandingan
    keys = [c.key for c in table.columns]
    extra = [k for k in ("target_renstra", "capaian_renstra", "standar_nasional",
                         "capaian_standar") if k in keys]
    if not extra or table.empty:
        return
    b = d.body
    b.heading(3, number("Perbandingan dengan Target Renstra dan Standar Nasional"))
    given = [table.col(k) for k in ("target_renstra", "standar_nasional") if k in keys]

    def has_target(row) -> bool:  # only the indicators with a Renstra target or a standard
        return any(row.cells[c] is not None and row.cells[c].value is not None for c in given)

    d.table(table, "Capaian Kinerja terhadap Target Renstra dan Standar Nasional",
            keys=["no", "indikator", "target", "realisasi", *extra], rows=has_target)
    b.text("Capaian terhadap target Renstra = realisasi ÷ target akhir Renstra; terhadap "
           "standar nasional = realisasi ÷ standar nasional (Arah Turun: (2 × target − "
           "realisasi) ÷ target).", align="both")
    b.todo("Uraikan perbandingan capaian dengan target jangka menengah (Renstra) dan standar "
           "nasional", align="both")


def causes(d: Doc, number: Numbering) -> None:
    b = d.body
    b.heading(3, number("Analisis Penyebab Keberhasilan atau Kegagalan"))
    b.todo("Uraikan penyebab keberhasilan atau kegagalan, peningkatan atau penurunan kinerja, "
           "serta alternatif solusi yang telah dilakukan", align="both")
    known = facts(d)
    if known:
        b.text("Yang tercatat di data laporan ini:", keep_next=True)
        b.bullets(known)


def facts(d: Doc) -> list[str]:
    """What the tables say about the causes, in sentences of facts only."""
    out = []
    t = d.tables
    fac = total_row(t.fasilitasi_jumlah)
    if fac is not None:
        n, ya = value_text(fac.cells[2]), value_text(fac.cells[3])
        pct = t.fasilitasi_jumlah.rows[-1].cells[3]
        line = f"{ya} dari {n} item fasilitasi ditindaklanjuti"
        if value_text(pct):
            line += f" ({value_text(pct)})"
        out.append(line + ".")
    docs = t.dokumen_desa_jumlah
    if docs is not None:
        for row in docs.rows:
            name, tepat, lambat, belum, desa, pct = (value_text(c) for c in row.cells)
            if row.role == TOTAL:
                out.append(f"{name}: {tepat} dari {desa} dokumen ditetapkan tepat waktu"
                           f"{f' ({pct})' if pct else ''}.")
            else:
                out.append(f"{name}: {tepat} dari {desa} desa tepat waktu, {lambat} terlambat, "
                           f"{belum} belum{f' ({pct} tepat waktu)' if pct else ''}.")
    unmeasured = sum(1 for tab in t.capaian for r in tab.rows
                     if r.role != MEAN and r.cells[tab.col("capaian")] is not None
                     and r.cells[tab.col("capaian")].value == F.BELUM_DIUKUR)
    if unmeasured:
        out.append(f"{unmeasured} indikator belum diukur (realisasi belum diisi).")
    return out
