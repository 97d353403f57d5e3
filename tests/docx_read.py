"""Reading back what the document writer wrote: the .docx with python-docx and its XML, the
LKj workbook's cached values with openpyxl, LibreOffice's PDF with poppler; and an
Indonesian formatter written independently of lkj_excel's (the tests compare the two)."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
import zipfile
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import openpyxl

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")


# --- the Indonesian display of an Excel number format (independent of lkj_excel) ----------

def _excel(x) -> Decimal:
    """What Excel displays from: the double to 15 significant digits."""
    return Context(prec=15, rounding=ROUND_HALF_UP).create_decimal(repr(float(x)))


def _group(d: Decimal, places: int) -> str:
    q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    neg = q < 0
    whole, _, frac = f"{abs(q):f}".partition(".")
    digits = whole
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    out = ".".join(groups) + ("," + frac if places else "")
    return ("-" if neg and q != 0 else "") + out


def indonesian(value, number_format: str) -> str:
    """A cached cell value as the workbook shows it under an Indonesian locale."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    fmt = number_format or "General"
    if fmt == "0.00%":
        return _group(_excel(value) * 100, 2) + "%"
    if fmt == "#,##0":
        return _group(_excel(value), 0)
    if fmt == "#,##0.00":
        return _group(_excel(value), 2)
    if fmt == "0.00":
        return _group(_excel(value), 2)
    if fmt == "0":
        return _group(_excel(value), 0).replace(".", "")
    if "mmmm" in fmt:
        return f"{value.day} {BULAN[value.month - 1]} {value.year}"
    unit = ""
    m = re.fullmatch(r'General"(.*)"', fmt)
    if m:
        unit = m.group(1)
    text = f"{_excel(value).normalize():f}".replace(".", ",")
    return text + unit


# --- the LKj workbook -----------------------------------------------------------------------

def sheet_rows(xlsx: Path, sheet: str) -> list[list[str]]:
    """Every row of a sheet of the LKj workbook, each cell as shown (cached values)."""
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    ws = wb[sheet]
    return [[indonesian(c.value, c.number_format) for c in row] for row in ws.iter_rows()]


# --- the document ---------------------------------------------------------------------------

def table_texts(table) -> list[list[str]]:
    """A Word table's cell texts, one list per row, merged cells repeated per grid column."""
    return [[c.text for c in row.cells] for row in table.rows]


def find_tables(doc, header: list[str]) -> list[list[list[str]]]:
    """The tables whose first row starts with `header`."""
    out = []
    for t in doc.tables:
        rows = table_texts(t)
        if rows and rows[0][:len(header)] == header:
            out.append(rows)
    return out


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def part_xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def body_root(path: Path) -> ET.Element:
    return ET.fromstring(part_xml(path, "word/document.xml"))


def runs(path: Path):
    """(text, highlighted) of every run of the body."""
    for r in body_root(path).iter(f"{W}r"):
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        hl = r.find(f"{W}rPr/{W}highlight")
        yield text, hl is not None


def open_docx(path: Path):
    return docx.Document(str(path))


# --- LibreOffice and poppler ------------------------------------------------------------------

def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path: Path, outdir: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """Convert with LibreOffice in a private profile; the run and the PDF's path."""
    profile = outdir / f"lo-profile-{uuid.uuid4().hex}"
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)],
        capture_output=True, text=True, timeout=240)
    return result, outdir / (docx_path.stem + ".pdf")


# LibreOffice says this on machines without Java, whatever it converts: not about the file
ENVIRONMENT_NOISE = re.compile(r"^Warning: failed to launch javaldx - java may not function correctly$")


def complaints(result: subprocess.CompletedProcess) -> list[str]:
    """What LibreOffice printed besides the `convert ... -> ...` line and the Java notice."""
    lines = (result.stdout + "\n" + result.stderr).splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("convert ")
            and not ENVIRONMENT_NOISE.match(ln.strip())]


def pdf_words(pdf: Path) -> list[dict]:
    """Every page of the PDF: its size and its words with their boxes (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          timeout=120, check=True).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [dict(x0=float(a), y0=float(b), x1=float(c), y1=float(d), text=t)
                 for a, b, c, d, t in re.findall(
                     r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                     m.group(3))]
        pages.append({"width": float(m.group(1)), "height": float(m.group(2)), "words": words})
    return pages
