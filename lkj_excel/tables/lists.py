"""The lists realisations derive from: Fasilitasi and the villages' documents
(docs/keluaran.md#7-fasilitasi, docs/keluaran.md#8-dokumen-desa). Each has the list itself and a
summary table whose percentages are the derived realisations of the PK rows (Capaian Kinerja
refers to them)."""

from __future__ import annotations

from .. import figures as F
from ..model import BELUM, TEPAT_WAKTU, TERLAMBAT
from .base import Source
from .formulas import formula, quote, ratio, sum_span
from .model import COUNT, DATE, PERCENT, TEXT, TOTAL, Column, Ref, Span, Table, Value
from .text import text

FAC_ID, FAC_SUM_ID = "fasilitasi", "fasilitasi_jumlah"
DOC_ID, DOC_SUM_ID = "dokumen_desa", "dokumen_desa_jumlah"
JENIS = ("Fasilitasi", "Koordinasi", "Rekomendasi")


def facilitation_tables(src: Source) -> tuple[Table, Table | None, Ref | None]:
    """The items with how each counts, the counts per Jenis with the percentage, and the
    cell of that percentage (None when it cannot be computed)."""
    fac = src.figures.facilitation
    items = Table(FAC_ID, "Fasilitasi", [
        Column("no", "No", COUNT), Column("jenis", "Jenis"), Column("uraian", "Uraian"),
        Column("ya", "Ditindak-lanjuti"), Column("tanggal", "Tanggal", DATE),
        Column("keterangan", "Keterangan"), Column("dihitung", "Item (dihitung sekali)", COUNT),
        Column("ya_dihitung", "Ditindak-lanjuti (dihitung)", COUNT),
        Column("kunci", "Kunci Item")])
    if fac is None or not fac.rows:
        items.empty = ("Sheet Fasilitasi tidak ada di isian." if fac is None
                       else "Sheet Fasilitasi tidak berisi item.")
        return items, None, None
    last = len(fac.rows) - 1
    keys = Span("kunci", 0, last, absolute=True)
    status = Span("ya", 0, last, absolute=True)
    # counted at the first row of its key; Ya when any row of that key says Ya
    first_of_key = formula("first_of_key", "=IF(COUNTIF({0}:{1},{1})=1,1,0)",
                           Ref("kunci", 0, absolute=True), Ref("kunci"))
    any_ya = formula("any_ya", '=IF({0}=1,IF(COUNTIFS({1},{2},{3},"Ya")>0,1,0),0)',
                     Ref("dihitung"), keys, Ref("kunci"), status)
    sheet = "Fasilitasi"
    for i, fr in enumerate(fac.rows, 1):
        it = fr.item
        notes = []
        if text(it.keterangan):
            notes.append(text(it.keterangan))
        if not fr.counted:
            notes.append(f"Sama dengan item baris {fr.first_row} di isian: dihitung sekali")
        ya = text(it.ya) if it.ya.unknown else ("Ya" if it.ya.value else "Tidak")
        tanggal = it.tanggal.value if not it.tanggal.unknown else text(it.tanggal)
        items.add([
            Value(i, COUNT),
            Value(text(it.jenis), source=src.where(sheet, it.jenis)),
            Value(text(it.uraian), source=src.where(sheet, it.uraian)),
            Value(ya, source=src.where(sheet, it.ya)),
            Value(tanggal, DATE, source=src.where(sheet, it.tanggal)),
            Value("; ".join(notes) or None),
            Value(int(fr.counted), COUNT, first_of_key),
            Value(int(fr.ya_counted), COUNT, any_ya),
            Value(fr.key),
        ], key=fr)
    summary = Table(FAC_SUM_ID, "Jumlah per Jenis", [
        Column("jenis", "Jenis"), Column("uraian", "Jumlah"), Column("dihitung", "Item", COUNT),
        Column("ya_dihitung", "Ditindak-lanjuti", COUNT)])
    jenis_rng = Span("jenis", 0, last, FAC_ID, absolute=True)
    for jenis, n, y in fac.by_jenis():
        cells = [Value(jenis), Value(None)]
        for col, val in (("dihitung", n), ("ya_dihitung", y)):
            f = None
            if jenis in JENIS:
                f = formula("sum_if", f"=SUMIF({{0}},{quote(jenis)},{{1}})", jenis_rng,
                            Span(col, 0, last, FAC_ID, absolute=True))
            cells.append(Value(val, COUNT, f))
        summary.add(cells)
    tot = summary.add([
        Value("Jumlah"), Value("Semua item, masing-masing dihitung sekali"),
        Value(fac.total, COUNT, sum_span(Span("dihitung", 0, last, FAC_ID))),
        Value(fac.ya, COUNT, sum_span(Span("ya_dihitung", 0, last, FAC_ID)))], TOTAL)
    pct = None
    if fac.total:
        cell = Value(fac.fraction, PERCENT, ratio(Ref("ya_dihitung", tot), Ref("dihitung", tot)))
    else:
        cell = Value(None)
    r = summary.add([Value("Persentase"),
                     Value("Item ditindaklanjuti ÷ jumlah item (realisasi indikator PK)"),
                     None, cell], TOTAL)
    if fac.total:
        pct = Ref("ya_dihitung", r, FAC_SUM_ID)
    return items, summary, pct


def village_tables(src: Source) -> tuple[Table, Table | None, dict[str, Ref]]:
    """Villages × documents with their status, the counts per document with the derived
    percentages, and the cell of each percentage (by document, and `Dokumen Desa`)."""
    vf = src.figures.villages
    docs = Table(DOC_ID, "Dokumen Desa", [
        Column("no", "No", COUNT), Column("desa", "Desa"), Column("dokumen", "Dokumen"),
        Column("batas", "Batas Waktu", DATE), Column("tanggal", "Tanggal Penetapan", DATE),
        Column("status", "Status"), Column("keterangan", "Keterangan")])
    if vf is None or vf.n == 0:
        docs.empty = ("Sheet LPPDes tidak ada di isian." if vf is None
                      else "Sheet LPPDes tidak berisi desa.")
        return docs, None, {}
    status_of = formula("status", '=IF({0}="","Belum",IF({1}="","Tidak Diketahui",'
                                  'IF({0}<={1},"Tepat Waktu","Terlambat")))',
                        Ref("tanggal"), Ref("batas"))
    sheet = "LPPDes"
    for n, key in enumerate(vf.villages, 1):
        for k, doc in enumerate(F.DOCS):
            d = vf.docs.get((key, doc))
            notes = []
            cells = [Value(n, COUNT) if k == 0 else Value(None), Value(vf.names.get(key)),
                     Value(doc)]
            if d is None:
                cells += [Value(None), Value(None)]
                notes.append("Tidak ada baris untuk dokumen ini di isian")
                status = "Belum"
            else:
                for v in (d.batas, d.tanggal):
                    if v.unknown:
                        cells.append(Value(None, source=src.where(sheet, v)))
                        notes.append(f"Tanggal tidak terbaca: '{text(v)}'")
                    else:
                        cells.append(Value(v.value, DATE, source=src.where(sheet, v)))
                status = d.status
                if text(d.keterangan):
                    notes.append(text(d.keterangan))
            cells += [Value(status, TEXT, status_of), Value("; ".join(notes) or None)]
            docs.add(cells, key=(key, doc))
    last = len(docs.rows) - 1
    doc_rng = Span("dokumen", 0, last, DOC_ID, absolute=True)
    st_rng = Span("status", 0, last, DOC_ID, absolute=True)
    no_rng = Span("no", 0, last, DOC_ID, absolute=True)
    summary = Table(DOC_SUM_ID, "Jumlah per Dokumen", [
        Column("dokumen", "Dokumen"), Column("tepat", "Tepat Waktu", COUNT),
        Column("terlambat", "Terlambat", COUNT), Column("belum", "Belum", COUNT),
        Column("desa", "Jumlah Desa", COUNT), Column("persen", "Persentase Tepat Waktu", PERCENT)])
    pct: dict[str, Ref] = {}
    statuses = (("tepat", TEPAT_WAKTU), ("terlambat", TERLAMBAT), ("belum", BELUM))
    totals = {col: 0 for col, _s in statuses}
    for doc in F.DOCS:
        counts = vf.statuses[doc]
        cells = [Value(doc)]
        for col, status in statuses:
            totals[col] += counts[status]
            cells.append(Value(counts[status], COUNT, formula(
                "count_ifs", f'=COUNTIFS({{0}},"{doc}",{{1}},"{status}")', doc_rng, st_rng)))
        cells.append(Value(vf.n, COUNT, formula("count", "=COUNT({0})", no_rng)))
        cells.append(Value(vf.fraction(doc), PERCENT, ratio(Ref("tepat"), Ref("desa"))))
        pct[doc] = Ref("persen", summary.add(cells), DOC_SUM_ID)
    first, lastdoc = 0, len(F.DOCS) - 1
    cells = [Value("Ketiga dokumen (desa × 3)")]
    for col, _status in statuses:
        cells.append(Value(totals[col], COUNT, sum_span(Span(col, first, lastdoc))))
    cells.append(Value(vf.n * 3, COUNT, formula("times", "={0}*3", Ref("desa", first))))
    cells.append(Value(vf.all_fraction, PERCENT, ratio(Ref("tepat"), Ref("desa"))))
    pct["Dokumen Desa"] = Ref("persen", summary.add(cells, TOTAL), DOC_SUM_ID)
    return docs, summary, pct

