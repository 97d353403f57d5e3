"""Sampul, Kata Pengantar (with the signature block), and the Daftar Isi and Daftar Tabel
(TOC fields whose stored results list the headings and the table captions)."""

from __future__ import annotations

from .body import placeholder, run
from .context import Doc
from .fields import toc

INDENT_SIGN = 4820  # the signature block starts 8.5 cm from the margin


def cover(d: Doc) -> None:
    """`LAPORAN KINERJA`, the period, the logo, the office and its Pemerintah Daerah."""
    b = d.body
    b.p(run("LAPORAN KINERJA", bold=True, size=22), align="center", before=1800)
    b.p(run("(LKj)", bold=True, size=16), align="center")
    known = d.report.tahun and d.report.triwulan
    b.p(run(d.period.upper(), bold=True, size=16) if known
        else placeholder("Triwulan dan Tahun Anggaran"), align="center", after=1200)
    if d.logo_xml:
        b.add(d.logo_xml)
    office = d.office
    b.p(run(office.upper(), bold=True, size=18) if office else placeholder("Perangkat Daerah"),
        align="center", before=1200)
    pemda = d.said("Pemerintah Daerah")
    if pemda:
        text = pemda if pemda.lower().startswith("pemerintah") else f"Pemerintah {pemda}"
        b.p(run(text.upper(), bold=True, size=14), align="center")
    else:
        b.p(placeholder("Pemerintah Daerah"), align="center")


def signature(d: Doc) -> None:
    """Place and date, Jabatan Kepala, room to sign, Nama Kepala and NIP (Ringkasan)."""
    b = d.body
    tempat = d.said("Tanggal Laporan", col=2) or d.identity("Tempat Laporan")
    b.p(run(tempat) if tempat else placeholder("Tempat Laporan"), run(", "),
        d.field("Tanggal Laporan", "Tanggal Laporan"), indent=INDENT_SIGN, before=360,
        keep_next=True)
    jabatan = d.said("Jabatan Kepala")
    b.p(run(jabatan.upper()) if jabatan else placeholder("Jabatan Kepala"), indent=INDENT_SIGN,
        keep_next=True)
    for _ in range(3):
        b.p(indent=INDENT_SIGN, keep_next=True)
    nama = d.said("Nama Kepala")
    b.p(run(nama, bold=True, underline=True) if nama else placeholder("Nama Kepala"),
        indent=INDENT_SIGN, keep_next=True)
    nip = d.said("NIP Kepala")
    b.p(run(f"NIP. {nip}") if nip else placeholder("NIP Kepala"), indent=INDENT_SIGN)


def kata_pengantar(d: Doc) -> None:
    b = d.body
    b.heading(1, "KATA PENGANTAR", page_break=True)
    b.todo("Tuliskan kata pengantar: ucapan syukur, dasar penyusunan laporan, isi singkat "
           "laporan, ucapan terima kasih, dan harapan", align="both")
    signature(d)


_TOC_AT = "\x00toc\x00"
_LOT_AT = "\x00lot\x00"


def contents(d: Doc) -> None:
    """The Daftar Isi and the Daftar Tabel; their entries are filled in by `fill`, when
    every heading and caption is known."""
    b = d.body
    b.p(run("DAFTAR ISI"), style=b.styles["TOC Heading"], page_break_before=True)
    b.p(placeholder("Nomor halaman: di Word klik kanan daftar ini lalu pilih Update Field / "
                    "Perbarui Bidang (F9), kemudian hapus catatan ini"))
    b.add(_TOC_AT)
    b.p(run("DAFTAR TABEL"), style=b.styles["TOC Heading"], before=480)
    b.add(_LOT_AT)


def fill(d: Doc) -> None:
    b = d.body
    heads = [e for e in b.entries if e.level > 0]
    captions = [e for e in b.entries if e.level == 0]
    for i, part in enumerate(b.parts):
        if part == _TOC_AT:
            b.parts[i] = toc('TOC \\o "1-3" \\h \\z \\u', heads, b.styles, "Tidak ada judul.")
        elif part == _LOT_AT:
            b.parts[i] = toc('TOC \\h \\z \\c "Tabel"', captions, b.styles, "Tidak ada tabel.")


def logo_paragraph(doc, path: str) -> str:
    """The cover's logo (3 cm high, centred) as paragraph XML; the picture part is added
    to the package by python-docx."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm
    from lxml import etree

    from ...errors import UsageError

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    try:
        p.add_run().add_picture(str(path), height=Cm(3))
    except Exception as exc:  # not an image python-docx can read
        p._p.getparent().remove(p._p)
        raise UsageError(f"Logo {path} tidak dapat dipakai sebagai gambar: {exc}") from None
    xml = etree.tostring(p._p, encoding="unicode")
    p._p.getparent().remove(p._p)
    return xml

