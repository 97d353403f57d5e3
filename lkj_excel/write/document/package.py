"""The Word package around the body: the base document (python-docx's own, or the office's
letterhead `templat`), its page setup, the styles the LKj needs, the headers (the DRAF
line) and footers (page numbers), and the final file with the body spliced in.

With a letterhead the office's document is the base: its page setup wins (F4 is common),
its headers and footers (kop surat, logo) are kept, its body is cleared, and the built-in
styles the LKj uses are added where it lacks them. A `.dotx` is read as a `.docx` (its
content type is changed in memory). Without one: A4 portrait, Arial, black headings.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import UsageError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TEMPLATE_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
A4 = (11906, 16838)  # twips
MARGINS = {"top": 1418, "right": 1418, "bottom": 1418, "left": 1701, "header": 709,
           "footer": 709, "gutter": 0}  # 2.5 cm, 3 cm on the binding side
MARKER = "@@LKJ-EXCEL-BODY@@"
HDRFTR = ("default", "first", "even")


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def open_base(template: str | Path | None):
    """The python-docx Document to write into: the letterhead with its body cleared, or
    python-docx's default document. Raises UsageError for a file that is not a readable
    Word document."""
    import docx

    if template is None:
        return docx.Document()
    path = Path(template)
    try:
        data = path.read_bytes()
        if zipfile.is_zipfile(io.BytesIO(data)):
            data = _as_document(data)
        doc = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a zip that is not a Word document, a damaged package ...
        raise UsageError(f"Templat dokumen {path} bukan dokumen Word (.docx/.dotx) yang dapat "
                         f"dibaca: {exc}") from None
    _clear_body(doc)
    return doc


def _as_document(data: bytes) -> bytes:
    """A .dotx package with the content type of a .docx (nothing else changes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    types = src.read("[Content_Types].xml")
    if _TEMPLATE_CT.encode() not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(_TEMPLATE_CT.encode(), _DOCUMENT_CT.encode())
            dst.writestr(info, body)
    return out.getvalue()


def _clear_body(doc) -> None:
    """Remove the letterhead's body, keeping its last section's properties with the
    headers and footers each page of that section shows (a reference inherited from an
    earlier section is copied onto it)."""
    body = doc.element.body
    sects = list(body.iter(_w("sectPr")))
    final = body.find(_w("sectPr"))
    if final is None:
        final = body.makeelement(_w("sectPr"), {})
        body.append(final)
    refs: dict[tuple[str, str], str] = {}
    for s in sects:
        for kind in ("headerReference", "footerReference"):
            for ref in s.findall(_w(kind)):
                refs[(kind, ref.get(_w("type")) or "default")] = ref.get(f"{{{R_NS}}}id")
    for child in list(body):
        if child is not final:
            body.remove(child)
    have = {(el.tag.split("}")[1], el.get(_w("type")) or "default")
            for el in final if el.tag in (_w("headerReference"), _w("footerReference"))}
    for (kind, typ), rid in refs.items():
        if (kind, typ) not in have:
            el = final.makeelement(_w(kind), {_w("type"): typ, f"{{{R_NS}}}id": rid})
            final.insert(0, el)


@dataclass
class Page:
    """The page setup of the document (the letterhead's, or A4), and the section
    properties of a portrait or landscape section."""

    sect: object  # the final w:sectPr (lxml)
    template: bool
    size: tuple[int, int] = A4
    margins: dict[str, int] = field(default_factory=lambda: dict(MARGINS))

    @classmethod
    def of(cls, doc, template: bool) -> Page:
        sect = doc.element.body.find(_w("sectPr"))
        page = cls(sect, template)
        if not template:
            page.apply()
            return page
        sz = sect.find(_w("pgSz"))
        if sz is not None and sz.get(_w("w")) and sz.get(_w("h")):
            page.size = (int(sz.get(_w("w"))), int(sz.get(_w("h"))))
        mar = sect.find(_w("pgMar"))
        for k in page.margins:
            v = mar.get(_w(k)) if mar is not None else None
            if v is not None and re.fullmatch(r"-?\d+", v):
                page.margins[k] = abs(int(v))
        return page

    def apply(self) -> None:
        """A4 portrait with the default margins on the final section."""
        sz = self.sect.find(_w("pgSz"))
        sz.set(_w("w"), str(A4[0]))
        sz.set(_w("h"), str(A4[1]))
        mar = self.sect.find(_w("pgMar"))
        for k, v in self.margins.items():
            mar.set(_w(k), str(v))

    def width(self, landscape: bool) -> int:
        w, h = self.size
        page_w = max(w, h) if landscape else w
        m = self.margins
        return page_w - m["left"] - m["right"] - m["gutter"]

    def sect_pr(self, landscape: bool, first: bool) -> str:
        """The properties of a section ending here: a copy of the final section's (its
        headers and footers included), turned to landscape when asked; the first section
        of a document without a letterhead has its own first-page header and footer (the
        cover: no page number); page numbering restarts nowhere after the first."""
        from lxml import etree

        s = copy.deepcopy(self.sect)
        if landscape:
            w, h = self.size
            sz = s.find(_w("pgSz"))
            sz.set(_w("w"), str(max(w, h)))
            sz.set(_w("h"), str(min(w, h)))
            sz.set(_w("orient"), "landscape")
        if not self.template:
            title = s.find(_w("titlePg"))
            if first and title is None:
                _insert_ordered(s, s.makeelement(_w("titlePg"), {}))
            elif not first and title is not None:
                s.remove(title)
        if not first:
            num = s.find(_w("pgNumType"))
            if num is not None and num.get(_w("start")) is not None:
                del num.attrib[_w("start")]
        return etree.tostring(s, encoding="unicode")


# w:sectPr children in schema order (those that may follow titlePg)
_AFTER_TITLE = ("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
                "sectPrChange")


def _insert_ordered(sect, el) -> None:
    for child in sect:
        if child.tag.split("}")[1] in _AFTER_TITLE:
            child.addprevious(el)
            return
    sect.append(el)


def headers_and_footers(doc, page: Page, errors: int) -> None:
    """Every header of the (one, final) section defined: default, first page and even
    pages; each gets the DRAF line while errors remain. Footers get a PAGE field where they
    have none (the cover's first-page footer of a document without letterhead stays
    empty). Intermediate sections reuse these parts (Page.sect_pr)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import RGBColor

    from .fields import page as page_field

    section = doc.sections[-1]
    headers = (section.header, section.first_page_header, section.even_page_header)
    footers = (section.footer, section.first_page_footer, section.even_page_footer)
    for part in (*headers, *footers):
        part.is_linked_to_previous = False
    if errors:
        for hdr in headers:
            paras = hdr.paragraphs
            blank = len(paras) == 1 and not paras[0].text and "<w:drawing" not in paras[0]._p.xml
            p = paras[0] if blank else hdr.add_paragraph()  # a new header's empty paragraph
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(draf_text(errors))
            r.bold = True
            r.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    for typ, ftr in zip(HDRFTR, footers, strict=True):
        if typ == "first" and not page.template:
            continue
        xml = "".join(p._p.xml for p in ftr.paragraphs)
        if "PAGE" in xml and "instr" in xml:
            continue
        if len(ftr.paragraphs) == 1 and not ftr.paragraphs[0].text and not page.template:
            ftr._element.remove(ftr.paragraphs[0]._p)
        ftr._element.append(parse_xml(
            f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="center"/></w:pPr>{page_field()}</w:p>'))


def draf_text(errors: int) -> str:
    return f"DRAF — {errors} kesalahan belum diperbaiki"


def save(doc, body: list[str], target: Path) -> None:
    """Write the package with the parts of `body` (XML text) as the body's content, before
    its final section properties, to `target` (a path the caller replaces atomically). The
    document part is streamed into the zip: the body is never joined into one string."""
    from docx.oxml import parse_xml

    sect = doc.element.body.find(_w("sectPr"))
    sect.addprevious(parse_xml(f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{MARKER}</w:t></w:r></w:p>'))
    buf = io.BytesIO()
    doc.save(buf)
    src = zipfile.ZipFile(buf)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename != "word/document.xml":
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            head, tail = _around_marker(data.decode("utf-8"))
            out = zipfile.ZipInfo(info.filename, info.date_time)
            out.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(out, "w", force_zip64=True) as f:
                f.write(head.encode("utf-8"))
                for part in body:
                    f.write(part.encode("utf-8"))
                f.write(tail.encode("utf-8"))


def _around_marker(xml: str) -> tuple[str, str]:
    """The document part before and after the marker paragraph; the root declares the w
    and r prefixes the body uses."""
    at = xml.index(MARKER)
    start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
    end = xml.index("</w:p>", at) + len("</w:p>")
    m = re.search(r"<(?:[\w.-]+:)?document\b[^>]*>", xml)
    root_end = m.end() - 1
    root = xml[:root_end]
    decls = ""
    if f'xmlns:w="{W_NS}"' not in root:
        decls += f' xmlns:w="{W_NS}"'
    if f'xmlns:r="{R_NS}"' not in root:
        decls += f' xmlns:r="{R_NS}"'
    return root + decls + xml[root_end:start], xml[end:]
