"""Generate the benchmark inputs, reproducibly (same seed, same bytes).

(a) `big_workbook(path, scale=1.0, seed=1)`: one large input workbook to the contract
    (template version 1, `lkj_excel.contract`): at scale 1, 6 programs, 594 kegiatan
    (99 per program, the most a 2-digit `GG` allows), 5,000 sub kegiatan, 300 PK rows,
    2,000 fasilitasi items, 500 villages x 3 documents and 100 staff. The workbook is
    CONSISTENT: codes of the shape `7.01.PP.2.GG.SSSS`, typed totals that equal the sums
    of their children, Sisa = Pagu - Realisasi, PK codes that exist with Anggaran equal to
    their Pagu, typed derived realisations equal to the counts, valid unique NIPs, the head
    in Pegawai with the NIP of Identitas. Codes that are not in the shipped nomenclature
    are listed in a settings file written beside the workbook (`<stem>.toml`, its
    `[nomenklatur]` table), so `lkj-excel check big.xlsx --config big.toml` has no finding.
    With `findings=True` the same data gets about 2 % of mistakes (wrong totals, amounts
    typed as text, repeated items, NIP/sex mismatches) and no settings file, so every
    unknown code is also a `budget.code_unknown` warning: a run with many findings.

(b) `batch(folder, n=200, seed=1)`: `n` copies of the Tempursari sample, each under its
    own Perangkat Daerah name (edited in the sheet XML, zip entries copied with their
    fixed timestamps, so the copies are byte-reproducible).

Run as a script to write them: `python benchmarks/generate.py [--scale 1] [--out DIR]`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import zipfile
from importlib import resources
from pathlib import Path

import xlsxwriter

from lkj_excel.contract import SHEETS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"

# Full-size (scale 1) counts, from the issue.
FULL = {"sub_kegiatan": 5000, "kegiatan": 594, "pk": 300, "fasilitasi": 2000,
        "villages": 500, "staff": 100}
PROGRAMS = 6
MAX_KEGIATAN_PER_PROGRAM = 99  # GG is two digits

TAHUN = 2024
TRIWULAN = "III"
PERIOD_END = dt.date(2024, 9, 30)
PERIOD_START = dt.date(2024, 1, 1)
FIXED_TIME = dt.datetime(2024, 9, 30, 0, 0, 0)

# The contract's own sheet and column names: the benchmark follows contract.py, as a
# template version 1 workbook (its rows have version 1's columns; Versi Template 1).
HEADERS = {sheet.name: [c.name for c in sheet.columns_of(1)] for sheet in SHEETS}
TITLES = {sheet.name: sheet.title for sheet in SHEETS}
TEXT_COLUMNS = {"Kode", "NIP"}
AMOUNT_COLUMNS = {("Realisasi", "Pagu"), ("Realisasi", "Realisasi"), ("Realisasi", "Sisa"),
                  ("PK", "Anggaran")}
DATE_COLUMNS = {"Tanggal", "Batas Waktu", "Tanggal Penetapan"}

# --- words for names ---------------------------------------------------------------------

VERBS = ("Penyediaan", "Pengadaan", "Pemeliharaan", "Koordinasi", "Fasilitasi", "Pembinaan",
         "Penyusunan", "Pelaksanaan", "Pengelolaan", "Penyelenggaraan", "Pendataan",
         "Evaluasi", "Monitoring", "Sosialisasi", "Peningkatan")
OBJECTS = ("Dokumen Perencanaan", "Sarana dan Prasarana Kantor", "Jasa Komunikasi, Sumber "
           "Daya Air dan Listrik", "Peralatan dan Perlengkapan Kantor", "Bahan Logistik",
           "Administrasi Kepegawaian", "Laporan Keuangan", "Barang Milik Daerah",
           "Kegiatan Pemberdayaan Masyarakat", "Ketentraman dan Ketertiban Umum",
           "Pelayanan Administrasi Terpadu", "Pemerintahan Desa", "Musrenbang Kecamatan",
           "Forum Koordinasi Pimpinan", "Lembaga Kemasyarakatan Desa", "Data Kependudukan",
           "Gedung Kantor dan Bangunan Lainnya", "Kendaraan Dinas Operasional",
           "Kegiatan Keagamaan", "Ketahanan Pangan Keluarga")
PLACES = ("Tingkat Kecamatan", "di Wilayah Kerja Kecamatan", "Perangkat Daerah",
          "Desa dan Kelurahan", "Lintas Sektor", "Tahunan", "Triwulanan")
VILLAGE_HEADS = ("Sumber", "Tegal", "Kali", "Suko", "Karang", "Wono", "Sido", "Pundung",
                 "Tempur", "Bulu", "Puro", "Jati", "Gunung", "Banyu", "Rowo", "Candi")
VILLAGE_TAILS = ("rejo", "sari", "mulyo", "agung", "harjo", "makmur", "jaya", "wangi",
                 "kerto", "asri", "urip", "anyar")
FIRST_NAMES = ("AHMAD", "SITI", "BUDI", "SRI", "AGUS", "DWI", "EKO", "NUR", "RINA",
               "HENDRA", "YULI", "ARIF", "DEWI", "SLAMET", "WAHYU", "ENDANG", "TRI", "RUDI",
               "LILIK", "MOH.", "INDAH", "JOKO", "FITRI")
LAST_NAMES = ("SANTOSO", "RAHAYU", "WIBOWO", "LESTARI", "HIDAYAT", "PURNOMO", "SUSANTI",
              "SETIAWAN", "WAHYUNI", "KURNIAWAN", "HARTONO", "YULIANTI", "SUPRIADI",
              "MULYANI", "SUGIARTO", "NINGSIH", "PRASETYO", "ANGGRAINI")
GELAR = ("", "", "", ", S.Sos", ", SE", ", S.IP", ", SH", ", S.Kom", ", SAP", ", M.Si")
PANGKAT = ("Pengatur (II/c)", "Pengatur Tk. I (II/d)", "Penata Muda (III/a)",
           "Penata Muda Tk. I (III/b)", "Penata (III/c)", "Penata Tk. I (III/d)",
           "Pembina (IV/a)")
JABATAN = ("Sekretaris Kecamatan", "Kasi Pemerintahan", "Kasi Pelayanan Umum",
           "Kasi Pemberdayaan Masyarakat", "Kasi Ketentraman dan Ketertiban",
           "Kasubag Keuangan", "Kasubag Umum dan Kepegawaian", "Staf Pelaksana",
           "Pengadministrasi Umum", "Pengemudi", "Pramu Kantor", "Tenaga Pendamping Desa")
PENDIDIKAN = ("SMA", "D.III", "S.1", "S.2", "SMP")
PENANGGUNG_JAWAB = ("Sekretaris Kecamatan", "Kasi Pemerintahan", "Kasi Pelayanan Umum",
                    "Kasi Pemberdayaan Masyarakat", "Kasi Ketentraman dan Ketertiban",
                    "Kasubag Keuangan", "Kasubag Umum dan Kepegawaian")
FAS_TOPICS = ("penyusunan Perdes", "Musdes", "Musrenbangdes", "penetapan APBDes",
              "pengisian perangkat desa", "pembentukan BUMDes", "penyaluran Dana Desa",
              "penanganan sengketa batas desa", "pemilihan BPD", "administrasi kependudukan",
              "penanggulangan bencana", "pengamanan hari besar", "posyandu dan PKK",
              "pelayanan perizinan", "rekomendasi izin keramaian")


def _k(scale: float, name: str, floor: int) -> int:
    return max(floor, round(FULL[name] * scale))


def _shipped_names() -> dict[str, str]:
    """The shipped nomenclature (code -> name), read from the installed package's data."""
    text = resources.files("lkj_excel").joinpath("data/nomenklatur-7.01.csv").read_text("utf-8")
    return {r["kode"].strip(): r["uraian"] for r in csv.DictReader(io.StringIO(text))}


def _date_between(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randrange((b - a).days + 1))


def _nip(born: dt.date, appointed: tuple[int, int], sex: str, serial: int) -> str:
    """A NIP as staff type it: `YYYYMMDD YYYYMM S NNN`."""
    return (f"{born:%Y%m%d} {appointed[0]:04d}{appointed[1]:02d} "
            f"{'1' if sex == 'L' else '2'} {serial:03d}")


# --- the big workbook --------------------------------------------------------------------


def _budget(rng: random.Random, scale: float, shipped: dict[str, str]):
    """Programs -> kegiatan -> sub kegiatan with amounts in whole Rupiah.

    Returns (rows, extra_nomenclature) where rows are dicts with kode, uraian, level,
    pagu, realisasi (leaf figures; program and kegiatan totals are the sums)."""
    n_sub = _k(scale, "sub_kegiatan", PROGRAMS)
    n_keg = min(max(PROGRAMS, round(FULL["kegiatan"] * scale)),
                PROGRAMS * MAX_KEGIATAN_PER_PROGRAM, n_sub)
    # kegiatan per program: as even as possible; sub kegiatan per kegiatan: at least one,
    # the rest spread at random (some kegiatan have many, as in a real DPA)
    keg_per_prog = [n_keg // PROGRAMS + (1 if p < n_keg % PROGRAMS else 0)
                    for p in range(PROGRAMS)]
    subs = [1] * n_keg
    for _ in range(n_sub - n_keg):
        subs[rng.randrange(n_keg)] += 1
    extra: dict[str, str] = {}

    def name(code: str, made: str) -> str:
        if code in shipped:
            return shipped[code]
        extra[code] = made
        return made

    programs = []
    k = 0
    for p in range(PROGRAMS):
        pcode = f"7.01.{p + 1:02d}"
        prog = {"kode": pcode, "uraian": name(pcode, f"PROGRAM SINTETIS {p + 1}"),
                "kegiatan": []}
        for g in range(keg_per_prog[p]):
            kcode = f"{pcode}.2.{g + 1:02d}"
            keg = {"kode": kcode,
                   "uraian": name(kcode, f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                                         f"{rng.choice(PLACES)} {g + 1}"),
                   "subs": []}
            for s in range(subs[k]):
                scode = f"{kcode}.{s + 1:04d}"
                pagu = rng.randrange(5, 2000) * 250_000
                share = rng.choice((0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0))
                real = min(pagu, int(pagu * share) + rng.randrange(0, 1000) * 1000)
                if share == 0:
                    real = 0
                keg["subs"].append({
                    "kode": scode,
                    "uraian": name(scode, f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                                          f"{rng.choice(PLACES)} {s + 1}"),
                    "pagu": pagu, "realisasi": real,
                    "dana": rng.choices(("DAU", "DAK", "DBH", "PAD"), (85, 5, 5, 5))[0],
                })
            keg["pagu"] = sum(s["pagu"] for s in keg["subs"])
            keg["realisasi"] = sum(s["realisasi"] for s in keg["subs"])
            prog["kegiatan"].append(keg)
            k += 1
        prog["pagu"] = sum(g["pagu"] for g in prog["kegiatan"])
        prog["realisasi"] = sum(g["realisasi"] for g in prog["kegiatan"])
        programs.append(prog)
    return programs, extra


def _villages(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    out = []
    while len(out) < n:
        base = rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_TAILS)
        nm = base
        i = 2
        while nm.lower() in seen:
            nm = f"{base} {i}"
            i += 1
        seen.add(nm.lower())
        out.append(nm)
    return out


def _staff(rng: random.Random, n: int) -> list[dict]:
    out = []
    used: set[str] = set()
    for i in range(n):
        head = i == 0
        status = "PNS" if head else rng.choices(("PNS", "PPPK", "Non PNS", "Pendamping"),
                                                (60, 10, 20, 10))[0]
        sex = "L" if head else rng.choice("LP")
        nama = (f"{rng.choice(FIRST_NAMES).upper()} {rng.choice(LAST_NAMES)}"
                f"{rng.choice(GELAR)}")
        nip = None
        if status in ("PNS", "PPPK"):
            while True:
                born = _date_between(rng, dt.date(1965, 1, 1), dt.date(1998, 12, 31))
                if status == "PNS":
                    year = rng.randrange(born.year + 19, min(born.year + 35, TAHUN) + 1)
                    appointed = (year, rng.randrange(1, 13))
                    if appointed > (PERIOD_END.year, PERIOD_END.month):
                        continue
                else:
                    appointed = (2022, 10)
                nip = _nip(born, appointed, sex, rng.randrange(1, 1000))
                if nip.replace(" ", "") not in used:
                    used.add(nip.replace(" ", ""))
                    break
        out.append({
            "Nama": nama, "NIP": nip, "L/P": sex,
            "Pangkat/Golongan": rng.choice(PANGKAT) if status == "PNS" else None,
            "Jabatan": "Camat" if head else rng.choice(JABATAN),
            "Pendidikan": rng.choice(PENDIDIKAN), "Status": status,
        })
    return out


def big_workbook(path: str | Path, scale: float = 1.0, seed: int = 1,
                 findings: bool = False) -> dict:
    """Write the large input workbook (a) at `scale` to `path`; see the module docstring.

    Returns a summary: the data rows per sheet (`rows`), their total (`total_rows`), and
    `config`, the settings file with the nomenclature of the generated codes (None when
    `findings` is set: then every code outside the shipped list is reported)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    shipped = _shipped_names()
    programs, extra = _budget(rng, scale, shipped)
    village_names = _villages(rng, _k(scale, "villages", 2))
    staff = _staff(rng, _k(scale, "staff", 3))
    n_fas = _k(scale, "fasilitasi", 3)
    n_pk = _k(scale, "pk", 11)
    flaw = random.Random(seed + 1000)  # the mistakes of the findings variant

    def mistake() -> bool:
        return findings and flaw.random() < 0.02

    # --- Realisasi rows
    real_rows: list[list] = []
    for prog in programs:
        real_rows.append([prog["kode"], prog["uraian"], prog["pagu"], prog["realisasi"],
                          prog["pagu"] - prog["realisasi"], "DAU"])
        for keg in prog["kegiatan"]:
            pagu = keg["pagu"] + (1_000_000 if mistake() else 0)
            real_rows.append([keg["kode"], keg["uraian"], pagu, keg["realisasi"],
                              pagu - keg["realisasi"], "DAU"])
            for s in keg["subs"]:
                pagu_cell: object = s["pagu"]
                if mistake():  # typed as text the Indonesian way
                    pagu_cell = f"{s['pagu']:,}".replace(",", ".") + ",-"
                real_rows.append([s["kode"], s["uraian"], pagu_cell, s["realisasi"],
                                  s["pagu"] - s["realisasi"], s["dana"]])
    tot_p = sum(p["pagu"] for p in programs)
    tot_r = sum(p["realisasi"] for p in programs)
    real_rows.append([None, "Jumlah", tot_p, tot_r, tot_p - tot_r, None])

    # --- Fasilitasi
    fas_rows: list[list] = []
    seen_fas: set[str] = set()
    ya = 0
    for i in range(n_fas):
        jenis = rng.choices(("Fasilitasi", "Koordinasi", "Rekomendasi"), (80, 15, 5))[0]
        while True:
            village = rng.choice(village_names)
            uraian = (f"{jenis} {rng.choice(FAS_TOPICS)} Desa {village} "
                      f"({rng.choice(('tahap', 'sesi', 'agenda'))} {rng.randrange(1, 50)})")
            if uraian.lower() not in seen_fas:
                break
        seen_fas.add(uraian.lower())
        done = rng.random() < 0.6
        ya += done
        fas_rows.append([i + 1, jenis, uraian, "Ya" if done else "Tidak",
                         _date_between(rng, PERIOD_START, PERIOD_END) if done else None,
                         rng.choice((None, None, None, "Berita acara", "Notulen", "Surat"))])
    if findings:  # repeated items
        for r in list(fas_rows[: max(1, n_fas // 50)]):
            fas_rows.append([len(fas_rows) + 1, r[1], r[2], "Tidak", None, None])

    # --- LPPDes: each village, three documents
    deadlines = {"RKPDes": dt.date(TAHUN, 9, 30), "APBDes": dt.date(TAHUN - 1, 12, 31),
                 "LPPDes": dt.date(TAHUN, 3, 31)}
    on_time = {d: 0 for d in deadlines}
    lpp_rows: list[list] = []
    for v in village_names:
        for doc, deadline in deadlines.items():
            r = rng.random()
            if r < 0.7:
                set_on = _date_between(rng, deadline - dt.timedelta(days=60), deadline)
                on_time[doc] += 1
            elif r < 0.85:
                set_on = min(PERIOD_END, deadline + dt.timedelta(days=rng.randrange(1, 60)))
                if set_on <= deadline:
                    on_time[doc] += 1
            else:
                set_on = None
            lpp_rows.append([len(lpp_rows) + 1, v, doc, deadline, set_on,
                             None if set_on else "Belum ditetapkan"])
    n_vil = len(village_names)
    pct = {d: on_time[d] / n_vil * 100 for d in deadlines}
    dokumen_desa = sum(on_time.values()) / (n_vil * 3) * 100

    # --- PK
    pk_rows: list[list] = []

    def pk(tingkat, pj, sasaran, indikator, target, realisasi, sumber=None, kode=None,
           anggaran=None, satuan=None, arah=None, lalu=(None, None), ket=None):
        pk_rows.append([len(pk_rows) + 1, tingkat, pj, sasaran, indikator, satuan, arah,
                        target, realisasi, sumber, kode, anggaran, lalu[0], lalu[1], ket])

    pk("Sasaran Strategis", "Camat", "Mengoptimalkan fasilitasi dan koordinasi kecamatan",
       "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti", 90,
       round(ya / n_fas * 100, 2), "Fasilitasi", lalu=(89, 85.5))
    pk("Sasaran Strategis", "Camat", "Meningkatnya akuntabilitas pemerintahan desa",
       "Rata-rata persentase desa yang menyusun dokumen desa tepat waktu", 90,
       round(dokumen_desa, 2), "Dokumen Desa", lalu=(83, 86))
    p6 = programs[-1]
    for j, doc in enumerate(("RKPDes", "APBDes", "LPPDes")):
        pk("Sasaran Program", "Camat",
           "Meningkatnya Fasilitas Pembinaan dan Pengawasan Pemerintahan Desa",
           f"Persentase desa yang menetapkan {doc} tepat waktu", 90, round(pct[doc], 2), doc,
           p6["kode"], p6["pagu"] if j == 0 else None)
    for prog in programs[:-1]:
        pk("Sasaran Program", "Camat", f"Terlaksananya {prog['uraian'].lower()}",
           f"Persentase capaian {prog['uraian'].lower()}", 90, rng.randrange(10, 100),
           kode=prog["kode"], anggaran=prog["pagu"], ket="DAU")
    kegiatan = [g for p in programs for g in p["kegiatan"]]
    subs = [s for g in kegiatan for s in g["subs"]]
    left = max(0, n_pk - len(pk_rows))
    n_keg_rows = min(len(kegiatan), (left * 3) // 5)
    chosen = rng.sample(kegiatan, n_keg_rows) + rng.sample(subs, min(len(subs),
                                                                      left - n_keg_rows))
    for item in chosen:
        is_sub = len(item["kode"].split(".")) == 6
        satuan, target = rng.choice(((None, 100), (None, 90), ("Dokumen", rng.randrange(1, 13)),
                                     ("Kegiatan", rng.randrange(4, 40)), ("%", 80)))
        realisasi = round(target * rng.uniform(0.1, 1.1), 2) if rng.random() < 0.9 else None
        arah = "Turun" if rng.random() < 0.05 else None
        lalu = ((target, round(target * rng.uniform(0.5, 1.05), 2)) if rng.random() < 0.3
                else (None, None))
        anggaran = item["pagu"] + (5_000_000 if mistake() else 0)
        pk("Sasaran Sub Kegiatan" if is_sub else "Sasaran Kegiatan",
           rng.choice(PENANGGUNG_JAWAB), f"Terlaksananya {item['uraian'].lower()}",
           f"Persentase {item['uraian'].lower()} yang terlaksana", target, realisasi,
           kode=item["kode"], anggaran=anggaran, satuan=satuan, arah=arah, lalu=lalu)

    # --- Pegawai
    peg_rows = []
    for i, s in enumerate(staff):
        lp = s["L/P"]
        if mistake() and s["NIP"]:
            lp = "P" if lp == "L" else "L"
        peg_rows.append([i + 1, s["Nama"], s["NIP"], lp, s["Pangkat/Golongan"], s["Jabatan"],
                         s["Pendidikan"], s["Status"]])
    head = staff[0]

    ident_rows = [
        ["Perangkat Daerah", "Kecamatan Sumberagung Benchmark"],
        ["Pemerintah Daerah", "Kabupaten Lumajang"],
        ["Tahun Anggaran", TAHUN],
        ["Triwulan", TRIWULAN],
        ["Nama Kepala", head["Nama"]],
        ["NIP Kepala", head["NIP"]],
        ["Jabatan Kepala", "Camat"],
        ["Jumlah Desa/Kelurahan", n_vil],
        ["Tempat Laporan", "Lumajang"],
        ["Tanggal Laporan", PERIOD_END],
        ["Versi Template", 1],
    ]

    sheets = {"Identitas": ident_rows, "PK": pk_rows, "Realisasi": real_rows,
              "Fasilitasi": fas_rows, "LPPDes": lpp_rows, "Pegawai": peg_rows}
    _write(path, sheets)

    config = None
    if not findings:
        config = path.with_suffix(".toml")
        lines = ["# Nomenklatur kode sintetis benchmark (kode di luar daftar bawaan).",
                 "[nomenklatur]"]
        lines += [f"{json.dumps(k)} = {json.dumps(v, ensure_ascii=False)}"
                  for k, v in extra.items()]
        config.write_text("\n".join(lines) + "\n", "utf-8")
    rows = {name: len(r) for name, r in sheets.items()}
    return {"path": path, "config": config, "rows": rows, "total_rows": sum(rows.values()),
            "sub_kegiatan": len(subs), "kegiatan": len(kegiatan), "programs": len(programs)}


def _write(path: Path, sheets: dict[str, list[list]]) -> None:
    """The workbook as the template lays it out: title row 1, header row 2, data from 3."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                         "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"title": "Isian LKj (benchmark)", "author": "benchmarks/generate.py",
                       "created": FIXED_TIME})
    bold = wb.add_format({"bold": True})
    text = wb.add_format({"num_format": "@"})
    amount = wb.add_format({"num_format": "#,##0"})
    date = wb.add_format({"num_format": "d mmmm yyyy"})
    petunjuk = wb.add_worksheet("Petunjuk")
    petunjuk.write_string(0, 0, "Workbook benchmark lkj-excel (data sintetis, konsisten).")
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        headers = HEADERS[name]
        ws.write_string(0, 0, TITLES[name], bold)
        for c, h in enumerate(headers):
            ws.write_string(1, c, h, bold)
        fmts = []
        for h in headers:
            if name == "Identitas":
                fmts.append(None)
            elif h in TEXT_COLUMNS:
                fmts.append(text)
            elif (name, h) in AMOUNT_COLUMNS:
                fmts.append(amount)
            elif h in DATE_COLUMNS:
                fmts.append(date)
            else:
                fmts.append(None)
        for r, row in enumerate(rows, start=2):
            for c, v in enumerate(row):
                if v is None:
                    continue
                f = fmts[c]
                if isinstance(v, str):
                    ws.write_string(r, c, v, f)
                elif isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), f or date)
                else:
                    ws.write_number(r, c, v, f)
        ws.freeze_panes(2, 0)
    wb.close()


# --- the batch ---------------------------------------------------------------------------

KEC_NAMES = ("Tempursari", "Pronojiwo", "Candipuro", "Pasirian", "Tempeh", "Kunir",
             "Yosowilangun", "Rowokangkung", "Tekung", "Lumajang", "Sumbersuko", "Padang",
             "Sukodono", "Senduro", "Gucialit", "Klakah", "Ranuyoso", "Randuagung",
             "Jatiroto", "Kedungjajang", "Pasrujambe")
_OFFICE_CELL = re.compile(rb"<t>Kecamatan Tempursari</t>")


def batch(folder: str | Path, n: int = 200, seed: int = 1) -> list[Path]:
    """Write `n` sample-sized workbooks (the Tempursari sample under other office names)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    with zipfile.ZipFile(SAMPLE) as z:
        entries = [(info, z.read(info)) for info in z.infolist()]
    hits = [i for i, (_, data) in enumerate(entries) if _OFFICE_CELL.search(data)]
    if len(hits) != 1:
        raise RuntimeError(f"{SAMPLE}: expected the Perangkat Daerah cell in one sheet")
    out = []
    for i in range(n):
        office = f"Kecamatan {rng.choice(KEC_NAMES)} {i + 1:03d}"
        path = folder / f"isian-{i + 1:03d}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for j, (info, data) in enumerate(entries):
                if j == hits[0]:
                    data = _OFFICE_CELL.sub(f"<t>{office}</t>".encode(), data)
                z.writestr(info, data)
        out.append(path)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="size of (a); 1 = full size")
    ap.add_argument("--batch", type=int, default=200, help="number of workbooks in (b)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--findings", action="store_true", help="(a) with ~2%% mistakes")
    ap.add_argument("--out", default=str(HERE / "out"), help="folder (default benchmarks/out)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    info = big_workbook(out / "big.xlsx", args.scale, args.seed, args.findings)
    print(f"(a) {info['path']}: {info['rows']} (config {info['config']})")
    paths = batch(out / "batch", args.batch, args.seed)
    print(f"(b) {len(paths)} workbooks in {out / 'batch'}")


if __name__ == "__main__":
    main()
