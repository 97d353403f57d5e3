"""The inbox: many workbooks and e-mails in one run, the Rekap, submission tracking."""

from __future__ import annotations

import hashlib
import json
import mailbox
import shutil
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from lkj_excel.batch import office_key, read_daftar
from lkj_excel.cli import main
from lkj_excel.mail import read_mail, safe_name

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def variant(path: Path, office: str, fix: bool = False, tw: str = "I") -> Path:
    """The sample under another office name; `fix` removes every error of the sample."""
    wb = openpyxl.load_workbook(SAMPLE)
    ident = wb["Identitas"]
    for row in ident.iter_rows(min_row=3):
        label = row[0].value
        if label == "Perangkat Daerah":
            row[1].value = office
        if label == "Triwulan":
            row[1].value = tw
        if fix and label == "Jumlah Desa/Kelurahan":
            row[1].value = 7
        if fix and label == "NIP Kepala":
            row[1].value = "19750712 199703 1 001"
    if fix:
        real = wb["Realisasi"]
        real["C3"] = 1592719562
        real["E3"] = 1307825105
        wb["PK"]["K13"] = "7.01.01.2.01"
        real["C48"] = 178175000
        real["E48"] = 134975000
        real["A4"] = "7.01.01.2.01"
        real["A17"] = "7.01.01.2.06.07"
        real["A23"] = "7.01.01.2.08.01"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def mail_with(path: Path, sender: str, attachments: list[tuple[str, bytes]]) -> Path:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "keuangan@example.go.id"
    msg["Subject"] = "LKj TW I"
    msg["Date"] = "Mon, 03 Apr 2023 09:15:00 +0700"
    msg.set_content("Terlampir LKj.")
    for name, data in attachments:
        maintype, subtype = XLSX.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    path.write_bytes(msg.as_bytes())
    return path


def sha(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def inbox(tmp_path) -> Path:
    box = tmp_path / "kotak-masuk"
    box.mkdir()
    shutil.copy(SAMPLE, box / "tempursari.xlsx")
    variant(box / "sub" / "yosowilangun.xlsx", "Kecamatan Yosowilangun", fix=True)
    shutil.copy(SAMPLE, box / "sub" / "tempursari-lagi.xlsx")  # same office and period
    (box / "rusak.xlsx").write_bytes(b"PK\x03\x04 broken")
    (box / "~$tempursari.xlsx").write_bytes(b"lock")
    (box / "catatan.txt").write_text("bukan workbook")
    two = variant(tmp_path / "x" / "pasirian.xlsx", "Kec. Pasirian", fix=True).read_bytes()
    mail_with(box / "surat.eml", "Camat Pasirian <pasirian@example.go.id>",
              [("../../pasirian.xlsx", two), ("pasirian.xlsx", two)])
    mbox = mailbox.mbox(str(box / "arsip.mbox"))
    for office, sender in (("Kecamatan Candipuro", "candipuro@example.go.id"),):
        wbytes = variant(tmp_path / "x" / f"{office}.xlsx", office, fix=True).read_bytes()
        mail_with(tmp_path / "m.eml", sender, [(f"{office}.xlsx", wbytes)])
        mbox.add(mailbox.mboxMessage((tmp_path / "m.eml").read_bytes()))
    mail_with(tmp_path / "kosong.eml", "tanpa@example.go.id", [])
    mbox.add(mailbox.mboxMessage((tmp_path / "kosong.eml").read_bytes()))
    mbox.flush()
    mbox.close()
    return box


def run(args):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def rekap_rows(path: Path) -> list[dict]:
    ws = openpyxl.load_workbook(path)["Rekap"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    head = rows[0]
    return [dict(zip(head, r, strict=True)) for r in rows[1:]]


def test_batch_outputs_rekap_and_exit_code(inbox, tmp_path):
    out = tmp_path / "hasil"
    before = sha(inbox)
    result = run(["process", str(inbox), "-o", str(out), "-j", "1", "-q"])
    assert result.exit_code == 2, result.output  # one unreadable input
    assert sha(inbox) == before  # inputs untouched, nothing written among them
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "LKj-Kec.-Pasirian-2023-TW1-2.xlsx", "LKj-Kec.-Pasirian-2023-TW1.xlsx",
        "LKj-Kecamatan-Candipuro-2023-TW1.xlsx",
        "LKj-Kecamatan-Tempursari-2023-TW1-2.xlsx", "LKj-Kecamatan-Tempursari-2023-TW1.xlsx",
        "LKj-Kecamatan-Yosowilangun-2023-TW1.xlsx", "Rekap-2023-TW1.xlsx",
    ]
    rows = rekap_rows(out / "Rekap-2023-TW1.xlsx")
    by_file = {Path(r["File"]).name if r["File"] else None: r for r in rows}
    assert by_file["rusak.xlsx"]["Status"] == "Tidak terbaca"
    assert "rusak" in by_file["rusak.xlsx"]["Catatan"]
    assert by_file["tempursari.xlsx"]["Status"] == "Perlu diperbaiki"
    assert by_file["tempursari.xlsx"]["Kesalahan"] == 7
    assert by_file["tempursari.xlsx"]["Pagu"] == 1913315062
    assert "Ganda" in by_file["tempursari.xlsx"]["Catatan"]
    assert "Ganda" in by_file["tempursari-lagi.xlsx"]["Catatan"]
    assert by_file["yosowilangun.xlsx"]["Status"] == "Konsisten"
    assert by_file["yosowilangun.xlsx"]["Kesalahan"] == 0
    # the e-mail's two attachments: names sanitised, second renamed, sender recorded
    mail_rows = [r for r in rows if r["File"] and "surat.eml" in r["File"]]
    assert [Path(r["File"]).name for r in mail_rows] == ["pasirian.xlsx", "pasirian-2.xlsx"]
    assert all(r["Pengirim"] == "Camat Pasirian <pasirian@example.go.id>" for r in mail_rows)
    assert all(r["Tanggal Kirim"] is not None for r in mail_rows)
    mbox_rows = [r for r in rows if r["File"] and "arsip.mbox" in r["File"]]
    assert [r["Perangkat Daerah"] for r in mbox_rows] == ["Kecamatan Candipuro"]
    # Semua Temuan: every finding of every file, autofilter on
    ws = openpyxl.load_workbook(out / "Rekap-2023-TW1.xlsx")["Semua Temuan"]
    assert ws.auto_filter.ref
    files = [r[0] for r in ws.iter_rows(min_row=5, values_only=True)]
    assert files.count(str(inbox / "tempursari.xlsx")) == 27
    assert files.count(str(inbox / "rusak.xlsx")) == 1
    assert "1 e-mail tanpa lampiran workbook dilewati" in result.output


def test_workers_do_not_change_results(inbox, tmp_path):
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"hasil-{jobs}"
        r = run(["process", str(inbox), "-o", str(out), "-j", jobs, "-q", "--json"])
        doc = json.loads(r.output)
        for f in doc["files"]:
            f["output"] = f["output"] and Path(f["output"]).name
        outs.append((doc, sorted(p.name for p in out.iterdir()), rekap_rows(out / "Rekap-2023-TW1.xlsx")))
    assert outs[0] == outs[1]


def test_rerun_replaces_outputs_only(inbox, tmp_path):
    out = tmp_path / "hasil"
    run(["process", str(inbox), "-o", str(out), "-q"])
    (out / "catatan-saya.txt").write_text("milik pengguna")
    first = sorted(p.name for p in out.iterdir())
    run(["process", str(inbox), "-o", str(out), "-q"])
    assert sorted(p.name for p in out.iterdir()) == first
    assert (out / "catatan-saya.txt").read_text() == "milik pengguna"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_daftar_marks_offices_that_sent_nothing(inbox, tmp_path):
    daftar = tmp_path / "daftar.txt"
    daftar.write_text("Kecamatan Tempursari\nkec. yosowilangun\nKecamatan Pasirian\n"
                      "Kecamatan Candipuro\nKecamatan Senduro\n")
    out = tmp_path / "hasil"
    result = run(["process", str(inbox), "-o", str(out), "--daftar", str(daftar), "-q"])
    assert "Belum mengirim (1): Kecamatan Senduro" in result.output
    wb = openpyxl.load_workbook(out / "Rekap-2023-TW1.xlsx")
    assert wb.sheetnames == ["Rekap", "Semua Temuan", "Belum Mengirim"]
    rows = rekap_rows(out / "Rekap-2023-TW1.xlsx")
    assert [r["Perangkat Daerah"] for r in rows if r["Status"] == "Belum mengirim"] == [
        "Kecamatan Senduro"]
    listed = [r[1] for r in wb["Belum Mengirim"].iter_rows(min_row=5, values_only=True)]
    assert listed == ["Kecamatan Senduro"]


def test_daftar_from_workbook(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Perangkat Daerah"])
    ws.append([1, "Kecamatan Tempursari"])
    ws.append([2, "Kecamatan Senduro"])
    wb.save(tmp_path / "daftar.xlsx")
    assert read_daftar(tmp_path / "daftar.xlsx") == ["Kecamatan Tempursari", "Kecamatan Senduro"]


def test_office_names_match_loosely():
    assert office_key("Kec. Tempursari") == office_key("KECAMATAN  TEMPURSARI")
    assert office_key("Kec Tempursari") == office_key("kecamatan tempursari")
    assert office_key("Kecamatan Tempursari") != office_key("Kecamatan Tempeh")


@pytest.mark.parametrize("raw,safe", [
    ("../../etc/passwd.xlsx", "passwd.xlsx"),
    ("..\\..\\windows\\lkj.xlsx", "lkj.xlsx"),
    ("/abs/path/isian.xlsx", "isian.xlsx"),
    (".hidden.xlsx", "hidden.xlsx"),
    ("a\x00b.xlsx", "a_b.xlsx"),
    ("", "lampiran"),
])
def test_attachment_names_sanitised(raw, safe):
    assert safe_name(raw) == safe


def test_eml_attachments_in_memory(tmp_path):
    data = SAMPLE.read_bytes()
    path = mail_with(tmp_path / "m.eml", "a@example.go.id",
                     [("isian.xlsx", data), ("foto.jpg", b"\xff\xd8"), ("isian.xlsx", data)])
    res = read_mail(path)
    assert [a.display for a in res.attachments] == [f"{path}/isian.xlsx", f"{path}/isian-2.xlsx"]
    assert res.attachments[0].content == data
    assert res.attachments[0].meta["Pengirim"] == "a@example.go.id"
    assert not list(tmp_path.glob("isian*"))  # nothing saved to disk


def test_single_input_output_beside_it(tmp_path):
    src = tmp_path / "isian.xlsx"
    shutil.copy(SAMPLE, src)
    result = run(["process", str(src)])
    assert result.exit_code == 1
    assert (tmp_path / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx").exists()
    assert not (tmp_path / "Rekap-2023-TW1.xlsx").exists()


def test_single_input_to_named_file(tmp_path):
    result = run(["process", str(SAMPLE), "-o", str(tmp_path / "laporan.xlsx")])
    assert result.exit_code == 1
    assert (tmp_path / "laporan.xlsx").exists()


def test_mixed_periods_give_plain_rekap_name(tmp_path):
    box = tmp_path / "in"
    variant(box / "a.xlsx", "Kecamatan A", fix=True, tw="I")
    variant(box / "b.xlsx", "Kecamatan B", fix=True, tw="II")
    result = run(["process", str(box), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "Rekap.xlsx").exists()


def test_output_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["process", str(SAMPLE), str(SAMPLE), "-o",
                                       str(blocker / "out"), "-q"])
    assert result.exit_code == 2
    assert "tidak dapat dibuat" in result.output


def test_check_reads_mail_attachments_like_process(tmp_path):
    mail_with(tmp_path / "surat.eml", "a@example.go.id", [("isian.xlsx", SAMPLE.read_bytes())])
    result = run(["check", str(tmp_path), "--json"])
    assert result.exit_code == 1
    (entry,) = json.loads(result.output)["files"]
    assert entry["file"] == f"{tmp_path / 'surat.eml'}/isian.xlsx"
    assert entry["errors"] == 7


def test_daftar_workbook_with_header_names_the_column(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DAFTAR KECAMATAN"])
    ws.append([])
    ws.append(["No", "Perangkat Daerah", "Camat"])
    ws.append([1, "Kecamatan Tempursari", "Arif"])
    wb.save(tmp_path / "daftar.xlsx")
    assert read_daftar(tmp_path / "daftar.xlsx") == ["Kecamatan Tempursari"]


@pytest.mark.parametrize("rows,names", [
    # "No | Nama Kecamatan": the numbering column and the header row are not names
    ([["No", "Nama Kecamatan"], [1, "Kecamatan Tempursari"], [2, "Kec. Senduro"]],
     ["Kecamatan Tempursari", "Kec. Senduro"]),
    # a one-word header
    ([["Kecamatan"], ["Kecamatan Tempursari"], ["Kecamatan Senduro"]],
     ["Kecamatan Tempursari", "Kecamatan Senduro"]),
    # a title, a blank row, then the names
    ([["Daftar Perangkat Daerah"], [None], ["Kecamatan Tempursari"], ["Dinas Pendidikan"]],
     ["Kecamatan Tempursari", "Dinas Pendidikan"]),
    # a title over a numbered table with more columns
    ([["DAFTAR KECAMATAN KABUPATEN LUMAJANG"], [None], ["No.", "Nama Kecamatan", "Nama Camat"],
      ["1.", "Kecamatan Tempursari", "Arif"], ["2.", "Kecamatan Pasirian", "Budi"]],
     ["Kecamatan Tempursari", "Kecamatan Pasirian"]),
    # "Nama OPD" with numbers and no "No" header
    ([[None, "Nama OPD"], [1, "Kecamatan Tempursari"], [2, "Kecamatan Senduro"]],
     ["Kecamatan Tempursari", "Kecamatan Senduro"]),
    # no header at all: the first row is a name
    ([["Kecamatan Tempursari"], ["Kecamatan Senduro"]],
     ["Kecamatan Tempursari", "Kecamatan Senduro"]),
    ([[1, "Kecamatan Tempursari"], [2, "Kecamatan Senduro"]],
     ["Kecamatan Tempursari", "Kecamatan Senduro"]),
])
def test_daftar_workbook_without_perangkat_daerah_header(tmp_path, rows, names):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(tmp_path / "daftar.xlsx")
    assert read_daftar(tmp_path / "daftar.xlsx") == names


def test_rekap_never_takes_an_inputs_path(tmp_path):
    out = tmp_path / "hasil"
    first = variant(out / "Rekap-2023-TW1.xlsx", "Kecamatan Tempursari", fix=True)
    second = variant(out / "Rekap-2023-TW1-2.xlsx", "Kecamatan Senduro", fix=True)
    before = {p: p.read_bytes() for p in (first, second)}
    result = run(["process", str(first), str(second), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    for p, data in before.items():
        assert p.read_bytes() == data, f"{p.name} overwritten"
    rekap = out / "Rekap-2023-TW1-3.xlsx"
    assert f"Rekap: {rekap}" in result.output
    assert openpyxl.load_workbook(rekap).sheetnames == ["Rekap", "Semua Temuan"]
    assert [r["Perangkat Daerah"] for r in rekap_rows(rekap)] == [  # sorted path order
        "Kecamatan Senduro", "Kecamatan Tempursari"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_duplicate_suffixes_follow_the_rekap_row_order(tmp_path, jobs):
    box = tmp_path / "in"
    (box / "a").mkdir(parents=True)
    shutil.copy(SAMPLE, box / "a" / "x.xlsx")  # Path order: in/a/x.xlsx < in/a-b.xlsx
    shutil.copy(SAMPLE, box / "a-b.xlsx")  # string order: "in/a-b.xlsx" < "in/a/x.xlsx"
    out = tmp_path / "out"
    run(["process", str(box), "-o", str(out), "-j", jobs, "-q"])
    rows = rekap_rows(out / "Rekap-2023-TW1.xlsx")
    assert [(r["File"], r["Berkas LKj"]) for r in rows] == [
        (str(box / "a" / "x.xlsx"), "LKj-Kecamatan-Tempursari-2023-TW1.xlsx"),
        (str(box / "a-b.xlsx"), "LKj-Kecamatan-Tempursari-2023-TW1-2.xlsx"),
    ]


def test_inputs_in_sorted_path_order_whatever_the_argument_order(tmp_path):
    """output.md: repeats of an office and period get -2, -3 in sorted path order."""
    for name in ("b.xlsx", "a.xlsx"):
        shutil.copy(SAMPLE, tmp_path / name)
    out = tmp_path / "out"
    run(["process", str(tmp_path / "b.xlsx"), str(tmp_path / "a.xlsx"), "-o", str(out), "-q"])
    rows = rekap_rows(out / "Rekap-2023-TW1.xlsx")
    assert [(r["File"], r["Berkas LKj"]) for r in rows] == [
        (str(tmp_path / "a.xlsx"), "LKj-Kecamatan-Tempursari-2023-TW1.xlsx"),
        (str(tmp_path / "b.xlsx"), "LKj-Kecamatan-Tempursari-2023-TW1-2.xlsx"),
    ]


def with_sen(path: Path) -> Path:
    """The sample under another office, with Pagu and Realisasi figures that have sen."""
    variant(path, "Kecamatan Bersen")
    wb = openpyxl.load_workbook(path)
    real = wb["Realisasi"]
    real["C4"] = 10000000.25  # typed kegiatan pagu with sen (its sub kegiatan sum 10000000.50)
    real["C5"] = 3000000.5
    real["D7"] = 1500000.25
    wb.save(path)
    return path


def findings_cells(path: Path, sheet: str, file: str | None = None) -> dict:
    """The rows of a findings sheet (the LKj's Rekonsiliasi, or the Rekap's Semua Temuan
    for one `file`, whose columns are Rekonsiliasi's one to the right), keyed by (check,
    sheet, cell): Ditemukan and Seharusnya as (value, number format of a number), Selisih
    as (is a formula, cached value, number format)."""
    off = 0 if file is None else 1
    ws = openpyxl.load_workbook(path)[sheet]
    cached = openpyxl.load_workbook(path, data_only=True)[sheet]
    head = next(r for r in range(1, 10) if ws.cell(r, 2 + off).value == "Check")
    out = {}
    for r in range(head + 1, ws.max_row + 1):
        if file is not None and ws.cell(r, 1).value != file:
            continue
        key = tuple(ws.cell(r, c + off).value for c in (2, 4, 5))
        found, expected, diff = (ws.cell(r, c + off) for c in (7, 8, 9))
        assert key not in out, key
        out[key] = ((found.value, found.number_format if found.data_type == "n" else None),
                    (expected.value, expected.number_format if expected.data_type == "n" else None),
                    (str(diff.value or "").startswith("="), cached.cell(r, 9 + off).value,
                     diff.number_format if diff.value is not None else None))
    return out


@pytest.fixture(scope="module")
def sen_batch(tmp_path_factory) -> tuple[Path, Path]:
    """The sample and a copy with sen, processed together: (input folder, output folder)."""
    tmp = tmp_path_factory.mktemp("sen")
    box = tmp / "in"
    box.mkdir()
    shutil.copy(SAMPLE, box / "tempursari.xlsx")
    with_sen(box / "bersen.xlsx")
    out = tmp / "out"
    run(["process", str(box), "-o", str(out), "-q"])
    return box, out


def test_rekap_pagu_and_realisasi_show_sen(sen_batch):
    box, out = sen_batch
    path = out / "Rekap-2023-TW1.xlsx"
    ws = openpyxl.load_workbook(path)["Rekap"]
    head = [c.value for c in ws[4]]
    pagu, real = head.index("Pagu") + 1, head.index("Realisasi") + 1
    got = {ws.cell(r, 1).value: [(ws.cell(r, c).value, ws.cell(r, c).number_format)
                                 for c in (pagu, real)] for r in (5, 6)}
    assert got[str(box / "tempursari.xlsx")] == [(1913315062, "#,##0"), (328094457, "#,##0")]
    (p, pf), (q, qf) = got[str(box / "bersen.xlsx")]
    assert (pf, qf) == ("#,##0.00", "#,##0.00")
    assert round(p * 100) == 191331506250 and round(q * 100) == 32809445725


def test_semua_temuan_numbers_as_in_rekonsiliasi(sen_batch):
    box, out = sen_batch
    path = out / "Rekap-2023-TW1.xlsx"
    temuan = openpyxl.load_workbook(path)["Semua Temuan"]
    assert [c.value for c in temuan[4]][7:10] == ["Ditemukan", "Seharusnya", "Selisih"]
    for row in temuan.iter_rows(min_row=5, min_col=8, max_col=10):
        for cell in row:
            if cell.data_type in ("n", "f") and cell.value is not None:
                assert cell.number_format in ("#,##0", "#,##0.00", "0.00%"), cell.coordinate

    # per file, what the LKj's Rekonsiliasi shows: same values, formats, Selisih formulas
    def same(x, y):
        if isinstance(x, float | int) and isinstance(y, float | int):
            return x == pytest.approx(y, abs=1e-9)
        return x == y

    for stem, lkj in (("tempursari", "LKj-Kecamatan-Tempursari-2023-TW1.xlsx"),
                      ("bersen", "LKj-Kecamatan-Bersen-2023-TW1.xlsx")):
        rekap = findings_cells(path, "Semua Temuan", str(box / f"{stem}.xlsx"))
        lkj_rows = findings_cells(out / lkj, "Rekonsiliasi")
        assert rekap.keys() == lkj_rows.keys()
        for key, ((f, ff), (e, ef), (formula, d, df)) in rekap.items():
            (lf, lff), (le, lef), (lformula, ld, ldf) = lkj_rows[key]
            assert (ff, ef, formula, df) == (lff, lef, lformula, ldf), key
            assert same(f, lf) and same(e, le) and same(d, ld), key

    rows = findings_cells(path, "Semua Temuan", str(box / "tempursari.xlsx"))
    assert rows[("budget.sum_pagu", "Realisasi", "C3")] == (
        (1587606347, "#,##0"), (1592719562, "#,##0"), (True, -5113215, "#,##0"))
    (f, ff), (e, ef), (formula, d, df) = rows[("pk.derived_mismatch", "PK", "I3")]
    assert (ff, ef, formula, df) == ("0.00%", "0.00%", True, "0.00%")
    assert f == pytest.approx(0.49) and e == pytest.approx(30 / 63)
    assert d == pytest.approx(0.49 - 30 / 63)
    rows = findings_cells(path, "Semua Temuan", str(box / "bersen.xlsx"))
    (f, ff), (e, ef), (formula, d, df) = rows[("budget.sum_pagu", "Realisasi", "C4")]
    assert (ff, ef, formula, df) == ("#,##0.00", "#,##0.00", True, "#,##0.00")
    assert round(f * 100) == 1000000025 and round(e * 100) == 1000000050
    assert round(d * 100) == -25
    # whole Rupiah against Rupiah with sen: still a Selisih, to the sen
    (f, ff), (e, ef), diff = rows[("budget.sum_pagu", "Realisasi", "C3")]
    assert (ff, ef, diff) == ("#,##0", "#,##0.00", (True, -5113215.5, "#,##0.00"))

