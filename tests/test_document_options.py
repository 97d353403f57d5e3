"""`process --dokumen` and the `[dokumen]` settings: tulis, the office's letterhead `templat`
(its page setup, headers and footers kept, its body cleared; a .dotx read as a .docx; a file
that is not a Word document stops the command with exit 2) and the cover's `logo`."""

from __future__ import annotations

import base64
import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Cm
from docx_read import complaints, open_docx, pdf_words, soffice, to_pdf

from lkj_excel.cli import main
from lkj_excel.settings import SettingsError, load_settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
# a valid 1x1 PNG
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQG"
                       "AhKmMIQAAAABJRU5ErkJggg==")
KOP = "PEMERINTAH KABUPATEN LUMAJANG — KECAMATAN TEMPURSARI"
F4 = (Cm(21.5), Cm(33))


def make_kop(folder: Path, name: str = "kop.docx") -> Path:
    """A letterhead as an office makes it: F4 paper, a header with the kop surat and a
    small logo, a footer line, and some body text."""
    (folder / "lambang.png").write_bytes(PNG)
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = F4
    s.top_margin, s.bottom_margin = Cm(4), Cm(2.5)
    s.left_margin, s.right_margin = Cm(3), Cm(2)
    p = s.header.paragraphs[0]
    p.add_run().add_picture(str(folder / "lambang.png"), width=Cm(1.2))
    p.add_run(KOP)
    s.footer.paragraphs[0].text = "Jl. Raya Tempursari No. 06"
    d.add_paragraph("Teks contoh di templat")
    path = folder / name
    d.save(path)
    return path


def as_dotx(path: Path) -> Path:
    out = path.with_suffix(".dotx")
    src = zipfile.ZipFile(path)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml",
                                    b"wordprocessingml.template.main+xml")
            dst.writestr(info, data)
    return out


def config(folder: Path, text: str) -> Path:
    path = folder / "lkj-excel.toml"
    path.write_text(text, "utf-8")
    return path


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args))


# --- the letterhead ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kop_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kop")
    make_kop(folder)
    (folder / "logo.png").write_bytes(PNG)
    cfg = config(folder, '[dokumen]\ntemplat = "kop.docx"\nlogo = "logo.png"\n')
    out = folder / "hasil"
    result = run_cli("process", str(SAMPLE), "-o", str(out), "--dokumen", "--config", str(cfg))
    return result, out / "LKj-Kecamatan-Tempursari-2023-TW1.docx", folder


def test_letterhead_keeps_the_offices_page_setup_and_header(kop_run):
    result, path, _folder = kop_run
    assert result.exit_code == 1, result.output  # the sample has errors
    assert f"Dokumen ditulis: {path}" in result.output
    d = open_docx(path)
    portrait = [s for s in d.sections if s.page_width < s.page_height]
    landscape = [s for s in d.sections if s.page_width > s.page_height]
    assert len(portrait) == 2 and len(landscape) == 1
    for s in portrait:
        assert abs(s.page_width - F4[0]) < Cm(0.01) and abs(s.page_height - F4[1]) < Cm(0.01)
        assert abs(s.top_margin - Cm(4)) < Cm(0.01) and abs(s.left_margin - Cm(3)) < Cm(0.01)
    assert abs(landscape[0].page_width - F4[1]) < Cm(0.01)
    for s in d.sections:
        texts = [p.text for p in s.header.paragraphs]
        assert KOP in texts[0] and "DRAF — 7 kesalahan belum diperbaiki" in texts
        assert s.header.part.related_parts  # the kop's logo image is still there
        assert any(rel.reltype.endswith("/image") for rel in s.header.part.rels.values())
        assert "Jl. Raya Tempursari No. 06" in [p.text for p in s.footer.paragraphs]
        assert "PAGE" in s.footer._element.xml  # and a page number added
    body = "\n".join(p.text for p in d.paragraphs)
    assert "Teks contoh di templat" not in body  # its body cleared
    assert "BAB I PENDAHULUAN" in body
    assert any(rel.reltype.endswith("/image") for rel in d.part.rels.values())  # cover logo
    names = {s.name for s in d.styles}
    assert {"Heading 1", "Heading 2", "Heading 3", "Caption", "Table Grid"} <= names


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_letterhead_document_prints_on_f4_inside_its_margins(kop_run, tmp_path):
    _result, path, _folder = kop_run
    run, pdf = to_pdf(path, tmp_path)
    assert run.returncode == 0 and complaints(run) == [], run.stdout + run.stderr
    pages = pdf_words(pdf)
    f4 = sorted((21.5 / 2.54 * 72, 33 / 2.54 * 72))
    for n, page in enumerate(pages, 1):
        size = sorted((page["width"], page["height"]))
        assert abs(size[0] - f4[0]) < 1.5 and abs(size[1] - f4[1]) < 1.5, (n, size)
        for w in page["words"]:
            assert 3 / 2.54 * 72 - 1 <= w["x0"] and w["x1"] <= page["width"] - 2 / 2.54 * 72 + 1, \
                (n, w["text"])
    assert any("KECAMATAN TEMPURSARI" in " ".join(x["text"] for x in p["words"]) for p in pages)


def test_a_dotx_letterhead_is_read_as_a_docx(tmp_path):
    dotx = as_dotx(make_kop(tmp_path))
    cfg = config(tmp_path, f'[dokumen]\ntulis = true\ntemplat = "{dotx.name}"\n')
    result = run_cli("process", str(SAMPLE), "-o", str(tmp_path / "laporan.xlsx"),
                     "--config", str(cfg))  # tulis = true: no --dokumen needed
    assert result.exit_code == 1, result.output
    d = open_docx(tmp_path / "laporan.docx")
    assert KOP in d.sections[0].header.paragraphs[0].text
    with zipfile.ZipFile(tmp_path / "laporan.docx") as z:
        assert b"template.main+xml" not in z.read("[Content_Types].xml")


@pytest.mark.parametrize("content", [b"bukan dokumen Word\n", "xlsx", "broken"])
def test_a_templat_that_is_not_a_word_document_exits_2(tmp_path, content):
    path = tmp_path / "kop.docx"
    if content == "xlsx":
        shutil.copy(SAMPLE, path)
    elif content == "broken":  # a Word package whose document part is damaged
        buf = io.BytesIO()
        with zipfile.ZipFile(make_kop(tmp_path, "asli.docx")) as src, \
                zipfile.ZipFile(buf, "w") as dst:
            for info in src.infolist():
                data = src.read(info)
                dst.writestr(info, b"<w:document" if info.filename == "word/document.xml"
                             else data)
        path.write_bytes(buf.getvalue())
    else:
        path.write_bytes(content)
    cfg = config(tmp_path, '[dokumen]\ntemplat = "kop.docx"\n')
    out = tmp_path / "hasil"
    result = run_cli("process", str(SAMPLE), "-o", str(out), "--dokumen", "--config", str(cfg))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "bukan dokumen Word" in result.output
    assert str(path) in result.output
    assert not list(out.glob("*.docx")) if out.exists() else True


# --- the settings keys ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,key", [
    ("[dokumen]\ntulis = \"ya\"\n", "dokumen.tulis"),
    ("[dokumen]\nwarna = 1\n", "dokumen.warna"),
    ("[dokumen]\ntemplat = 3\n", "dokumen.templat"),
    ("[dokumen]\ntemplat = \"tidak-ada.docx\"\n", "dokumen.templat"),
    ("[dokumen]\nlogo = \"tidak-ada.png\"\n", "dokumen.logo"),
    ("[dokumen]\nlogo = \"lkj-excel.toml\"\n", "dokumen.logo"),  # not an image
])
def test_bad_dokumen_settings_name_the_key(tmp_path, text, key):
    cfg = config(tmp_path, text)
    with pytest.raises(SettingsError, match=key.replace(".", r"\.")):
        load_settings(cfg)
    result = run_cli("process", str(SAMPLE), "-o", str(tmp_path / "hasil"), "--config", str(cfg))
    assert result.exit_code == 2 and key in result.output


def test_dokumen_paths_are_relative_to_the_settings_folder(tmp_path, monkeypatch):
    folder = tmp_path / "pengaturan"
    folder.mkdir()
    make_kop(folder)
    (folder / "logo.png").write_bytes(PNG)
    cfg = config(folder, '[dokumen]\ntemplat = "kop.docx"\nlogo = "logo.png"\n')
    monkeypatch.chdir(tmp_path)
    s = load_settings(cfg)
    assert (s.dokumen, s.templat, s.logo) == (False, str(folder / "kop.docx"),
                                              str(folder / "logo.png"))
    assert load_settings(None).templat is None


def test_batch_with_dokumen_names_each_document_after_its_workbook(tmp_path):
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / "a.xlsx")
    shutil.copy(SAMPLE, inbox / "b.xlsx")
    out = tmp_path / "hasil"
    result = run_cli("process", str(inbox), "-o", str(out), "--dokumen", "-j", "2", "-q")
    assert result.exit_code == 1, result.output
    xlsx = sorted(p.stem for p in out.glob("LKj-*.xlsx"))
    assert xlsx == ["LKj-Kecamatan-Tempursari-2023-TW1", "LKj-Kecamatan-Tempursari-2023-TW1-2"]
    assert sorted(p.stem for p in out.glob("*.docx")) == xlsx
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert "2 dokumen LKj (.docx) ditulis" in result.output


def test_process_without_dokumen_writes_no_document(tmp_path):
    result = run_cli("process", str(SAMPLE), "-o", str(tmp_path / "hasil"))
    assert result.exit_code == 1
    assert not list((tmp_path / "hasil").glob("*.docx"))
    assert "Dokumen ditulis" not in result.output
