"""`--tandai` on `check` and `process`: where the returned copies go, their names, the
e-mail reply, the Rekap's Salinan Bertanda column (spec document.md)."""

from __future__ import annotations

import os
import shutil
from email.message import EmailMessage
from pathlib import Path

import openpyxl
from builders import clean_book
from click.testing import CliRunner
from markedkit import DATA, SAMPLE, our_comments

from lkj_excel import api
from lkj_excel.cli import main
from lkj_excel.findings import Finding
from lkj_excel.write.marked import reply_name, reply_text
from lkj_excel.write.marked.notes import SHEET
from lkj_excel.write.rekap import REKAP_COLUMNS

SENDER = "Sekretariat Kecamatan Tempursari <tempursari@example.go.id>"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _mail(path: Path, name: str, data: bytes) -> Path:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = SENDER, "keuangan@example.go.id", "LKj TW I"
    msg["Date"] = "Mon, 03 Apr 2023 09:15:00 +0700"
    msg.set_content("Terlampir LKj.")
    msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    path.write_bytes(msg.as_bytes())
    return path


def _stamp(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_process_tandai_writes_the_copy_beside_the_lkj(tmp_path):
    src = tmp_path / "masuk" / "isian.xlsx"
    src.parent.mkdir()
    shutil.copy(SAMPLE, src)
    before = _stamp(src.parent)
    result = run("process", src, "-o", tmp_path / "hasil", "--tandai")
    assert result.exit_code == 1, result.output
    copy = tmp_path / "hasil" / "isian-diperiksa.xlsx"
    assert f"Salinan bertanda: {copy}" in result.output
    assert sorted(p.name for p in (tmp_path / "hasil").iterdir()) == [
        "LKj-Kecamatan-Tempursari-2023-TW1.xlsx", "isian-diperiksa.xlsx"]
    assert _stamp(src.parent) == before  # the input is never touched
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames[0] == SHEET and len(our_comments(wb["Realisasi"])) == 24
    # beside the input, without -o; a re-run replaces it
    for _ in range(2):
        assert run("process", src, "--tandai").exit_code == 1
    assert sorted(p.name for p in src.parent.iterdir()) == [
        "LKj-Kecamatan-Tempursari-2023-TW1.xlsx", "isian-diperiksa.xlsx", "isian.xlsx"]


def test_without_tandai_no_copy_and_a_clean_input_gets_none(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "isian.xlsx")
    assert run("process", tmp_path / "isian.xlsx").exit_code == 1
    assert not list(tmp_path.glob("*diperiksa*"))
    clean_book().save(tmp_path / "bersih.xlsx")
    result = run("check", tmp_path / "bersih.xlsx", "--tandai")
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.glob("*diperiksa*")) and "Salinan" not in result.output


def test_check_tandai_beside_the_input_or_in_o(tmp_path):
    box = tmp_path / "kotak"
    (box / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, box / "isian.xlsx")
    shutil.copy(DATA / "tempursari.ods", box / "sub" / "isian.ods")
    before = _stamp(box)
    result = run("check", box, "--tandai")
    assert result.exit_code == 1, result.output
    new = {str(p.relative_to(box)) for p in box.rglob("*") if p.is_file()} - \
        {str(Path(p).relative_to(box)) for p in before}
    assert new == {"isian-diperiksa.xlsx", "sub/isian-diperiksa.xlsx"}
    out = tmp_path / "kembali"
    result = run("check", box / "isian.xlsx", box / "sub" / "isian.ods", "--tandai", "-o", out)
    assert result.exit_code == 1
    # one folder: the second copy of the same stem gets -2, in sorted path order
    assert sorted(p.name for p in out.iterdir()) == ["isian-diperiksa-2.xlsx", "isian-diperiksa.xlsx"]
    assert openpyxl.load_workbook(out / "isian-diperiksa-2.xlsx")["Identitas"]["B10"].comment
    result = run("check", box / "isian.xlsx", "-o", out)
    assert result.exit_code == 2 and "--tandai" in result.output


def test_batch_copies_replies_and_the_rekap_column(tmp_path):
    box = tmp_path / "kotak"
    (box / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, box / "tempursari.xlsx")
    shutil.copy(SAMPLE, box / "sub" / "tempursari.xlsx")
    clean_book().save(box / "bersih.xlsx")
    _mail(box / "surat.eml", "isian tw1.ods", (DATA / "tempursari.ods").read_bytes())
    before = _stamp(box)
    out = tmp_path / "hasil"
    result = run("process", box, "-o", out, "-j", "2", "-q", "--tandai")
    assert result.exit_code == 1, result.output
    assert _stamp(box) == before
    names = sorted(p.name for p in out.iterdir())
    copies = [n for n in names if "diperiksa" in n or "balasan" in n]
    assert copies == ["isian tw1-balasan.txt", "isian tw1-diperiksa.xlsx",
                      "tempursari-diperiksa-2.xlsx", "tempursari-diperiksa.xlsx"]
    assert "3 salinan bertanda ditulis" in result.output
    ws = openpyxl.load_workbook(out / "Rekap-2023-TW1.xlsx")["Rekap"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    head = rows[0]
    assert head == tuple(name for name, _w in REKAP_COLUMNS)
    copy_of = {str(Path(r[0]).relative_to(box)): r[head.index("Salinan Bertanda")]
               for r in rows[1:]}
    # in sorted path order: kotak/sub/ before kotak/tempursari.xlsx
    assert copy_of == {"bersih.xlsx": None, "sub/tempursari.xlsx": "tempursari-diperiksa.xlsx",
                       "surat.eml/isian tw1.ods": "isian tw1-diperiksa.xlsx",
                       "tempursari.xlsx": "tempursari-diperiksa-2.xlsx"}
    text = (out / "isian tw1-balasan.txt").read_text("utf-8")
    assert text.startswith("Yth. Sekretariat Kecamatan Tempursari,")
    assert "Hasil pemeriksaan: Perlu diperbaiki: 7 kesalahan." in text
    assert "\n1. Identitas!B8: " in text and "\n7. Realisasi!C48: " in text
    assert "isian tw1-diperiksa.xlsx" in text and "12." not in text.split("peringatan")[0]
    # without --tandai the Rekap has no Salinan Bertanda column
    out2 = tmp_path / "hasil2"
    assert run("process", box, "-o", out2, "-j", "1", "-q").exit_code == 1
    head2 = next(openpyxl.load_workbook(out2 / "Rekap-2023-TW1.xlsx")["Rekap"].iter_rows(
        min_row=4, max_row=4, values_only=True))
    assert "Salinan Bertanda" not in head2
    assert head2[head2.index("Berkas LKj") + 1] == "Pengirim"
    assert not [p for p in out2.iterdir() if "diperiksa" in p.name]


def test_api_mark_and_check_inputs(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "isian.xlsx")
    rep = api.check(tmp_path / "isian.xlsx")
    path = api.mark(rep, tmp_path / "isian.xlsx")
    assert path == tmp_path / "isian-diperiksa.xlsx" and rep.meta["salinan"] == str(path)
    assert api.mark(api.check(SAMPLE), SAMPLE.read_bytes(), tmp_path / "lain") == \
        tmp_path / "lain" / "tempursari-2023-tw1-diperiksa.xlsx"
    reports, missing = api.check_inputs([str(tmp_path / "isian.xlsx")], tandai=True,
                                        output=tmp_path / "o")
    assert not missing and reports[0].meta["salinan"] == str(tmp_path / "o" / "isian-diperiksa.xlsx")


def test_a_copy_checked_again_keeps_one_suffix(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "isian.xlsx")
    run("check", tmp_path / "isian.xlsx", "--tandai")
    first = tmp_path / "isian-diperiksa.xlsx"
    result = run("check", first, "--tandai")
    # its own name is the input's: -2, never the input itself
    assert (tmp_path / "isian-diperiksa-2.xlsx").is_file(), result.output
    wb = openpyxl.load_workbook(tmp_path / "isian-diperiksa-2.xlsx")
    assert wb.sheetnames.count(SHEET) == 1
    assert os.path.getsize(first) > 0


def test_reply_text():
    findings = [Finding("budget.sum_pagu", "Realisasi", "C3", "Pagu program salah."),
                Finding("sheet.missing", "LPPDes", None, "Sheet LPPDes tidak ada."),
                Finding("cell.number_as_text", "Realisasi", "C10", "Nominal diketik sebagai teks.")]
    text = reply_text(findings, '"Camat Pasirian" <pasirian@example.go.id>', "x-diperiksa.xlsx",
                      "surat.eml/x.xlsx", "Kecamatan Pasirian, Tahun 2023 Triwulan I")
    assert text.splitlines()[0] == "Yth. Camat Pasirian,"
    assert "laporan x.xlsx (Kecamatan Pasirian, Tahun 2023 Triwulan I)" in text
    assert "Hasil pemeriksaan: Perlu diperbaiki: 2 kesalahan." in text
    assert "1. Realisasi!C3: Pagu program salah.\n2. LPPDes: Sheet LPPDes tidak ada." in text
    assert "Ada juga 1 peringatan" in text and "x-diperiksa.xlsx" in text
    assert "C10" not in text
    only_warn = reply_text(findings[2:], "keuangan@example.go.id", "x-diperiksa.xlsx", "x.xlsx")
    assert only_warn.startswith("Yth. keuangan@example.go.id,")
    assert "Data konsisten" in only_warn and "Mohon perbaiki" not in only_warn
    assert reply_text([], None, "a", "b").startswith("Yth. Bapak/Ibu,")
    assert reply_name("x-diperiksa-2.xlsx") == "x-balasan-2.txt"
    assert reply_name("isian tw1-diperiksa.xlsm") == "isian tw1-balasan.txt"


def test_a_copy_that_cannot_be_written_is_said_not_hidden(tmp_path, monkeypatch):
    import pytest

    import lkj_excel.write.marked as marked

    def fail(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(marked, "mark_copy", fail)
    shutil.copy(SAMPLE, tmp_path / "isian.xlsx")
    with pytest.raises(api.OutputError, match="Salinan bertanda tidak dapat ditulis.*No space"):
        api.process(tmp_path / "isian.xlsx", tmp_path / "hasil", tandai=True)
    assert (tmp_path / "hasil" / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx").is_file()
    shutil.copy(SAMPLE, tmp_path / "lagi.xlsx")
    result = api.process_batch([str(tmp_path / "isian.xlsx"), str(tmp_path / "lagi.xlsx")],
                               tmp_path / "batch", jobs=1, tandai=True)
    assert len(result.write_errors) == 2 and "No space" in result.write_errors[0]
    rows = list(openpyxl.load_workbook(result.rekap)["Rekap"].iter_rows(min_row=5, values_only=True))
    assert all("Salinan bertanda tidak dapat ditulis" in r[-1] for r in rows)
    assert "Salinan Bertanda" not in next(openpyxl.load_workbook(result.rekap)["Rekap"].iter_rows(
        min_row=4, max_row=4, values_only=True))
