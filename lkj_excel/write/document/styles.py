"""The styles the document uses, found by their built-in names (a letterhead made in an
Indonesian Word has other style ids, the same names) and added where the base lacks them:
Word's built-in headings (so the navigation pane and the table of contents work), caption,
table grid, the table-of-contents styles, and three of our own for table text.
"""

from __future__ import annotations

from .package import W_NS, _w

# role -> (style name, type, definition added when the base has none: pPr, rPr, basedOn)
_HEADING_SIZE = {1: 28, 2: 24, 3: 22}
BUILTIN = {
    **{f"heading {n}": ("paragraph", "Normal",
                        f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/>'
                        f'<w:outlineLvl w:val="{n - 1}"/></w:pPr>',
                        f'<w:rPr><w:b/><w:bCs/><w:sz w:val="{_HEADING_SIZE[n]}"/>'
                        f'<w:szCs w:val="{_HEADING_SIZE[n]}"/></w:rPr>') for n in (1, 2, 3)},
    "caption": ("paragraph", "Normal", '<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr>',
                '<w:rPr><w:b/><w:bCs/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'),
    **{f"toc {n}": ("paragraph", "Normal",
                    f'<w:pPr><w:spacing w:after="60"/><w:ind w:left="{220 * (n - 1)}"/></w:pPr>', "")
       for n in (1, 2, 3)},
    "table of figures": ("paragraph", "Normal", '<w:pPr><w:spacing w:after="60"/></w:pPr>', ""),
    "TOC Heading": ("paragraph", "heading 1", '<w:pPr><w:outlineLvl w:val="9"/></w:pPr>', ""),
    "Table Grid": ("table", None, "", ""),
}
_TABLE_GRID_PR = (
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
    + "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
              for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:left w:w="108" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>')
_TABLE_TEXT = ('<w:pPr><w:keepNext w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" '
               'w:lineRule="auto"/><w:ind w:left="0" w:right="0" w:firstLine="0"/>{jc}</w:pPr>'
               '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>{b}'
               '<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>')
# ours: table text (left), numbers (right), row numbers (centred), header cells (bold, centred)
OWN = {
    "tabel": ("LKjTabel", "LKj Tabel", '<w:jc w:val="left"/>', ""),
    "angka": ("LKjAngka", "LKj Angka", '<w:jc w:val="right"/>', ""),
    "tengah": ("LKjTengah", "LKj Tengah", '<w:jc w:val="center"/>', ""),
    "kepala": ("LKjKepala", "LKj Kepala Tabel", '<w:jc w:val="center"/>', "<w:b/><w:bCs/>"),
}
ROLES = (*BUILTIN, *OWN)


def _by_name(styles_el) -> dict[str, str]:
    out = {}
    for st in styles_el.findall(_w("style")):
        name = st.find(_w("name"))
        if name is not None and name.get(_w("val")):
            out.setdefault(name.get(_w("val")).lower(), st.get(_w("styleId")))
    return out


def ensure_styles(doc) -> dict[str, str]:
    """role -> style id for every role in ROLES, adding the styles the base lacks."""
    from docx.oxml import parse_xml

    el = doc.styles.element
    names = _by_name(el)
    ids = {st.get(_w("styleId")) for st in el.findall(_w("style"))}
    normal = names.get("normal", "Normal")
    out: dict[str, str] = {}

    def add(xml: str) -> None:
        el.append(parse_xml(xml))

    def new_id(base: str) -> str:
        sid, n = base, 2
        while sid in ids:
            sid, n = f"{base}{n}", n + 1
        ids.add(sid)
        return sid

    for role, (kind, based, ppr, rpr) in BUILTIN.items():
        sid = names.get(role.lower())
        if sid is None:
            sid = new_id(role.title().replace(" ", ""))
            base = out.get(based, names.get((based or "").lower(), normal)) if based else None
            if kind == "table":
                add(f'<w:style xmlns:w="{W_NS}" w:type="table" w:styleId="{sid}">'
                    f'<w:name w:val="{role}"/><w:uiPriority w:val="59"/>'
                    f'<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                    f"{_TABLE_GRID_PR}</w:style>")
            else:
                add(f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="{sid}">'
                    f'<w:name w:val="{role}"/><w:basedOn w:val="{base}"/>'
                    f'<w:next w:val="{normal}"/><w:uiPriority w:val="39"/><w:qFormat/>'
                    f"{ppr}{rpr}</w:style>")
        out[role] = sid
    for role, (sid, name, jc, bold) in OWN.items():
        existing = names.get(name.lower())
        if existing is None:
            existing = new_id(sid)
            add(f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:customStyle="1" '
                f'w:styleId="{existing}"><w:name w:val="{name}"/><w:basedOn w:val="{normal}"/>'
                f'<w:qFormat/>{_TABLE_TEXT.format(jc=jc, b=bold)}</w:style>')
        out[role] = existing
    return out


def plain_look(doc) -> None:
    """Without a letterhead: Arial, black headings, Indonesian as the proofing language,
    body text justified with space after paragraphs."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    sizes = {"Normal": 11, "Heading 1": 14, "Heading 2": 12, "Heading 3": 11, "Caption": 10}
    for name, size in sizes.items():
        st = doc.styles[name]
        rpr = st.element.get_or_add_rPr()
        fonts = rpr.find(_w("rFonts"))
        if fonts is not None:
            rpr.remove(fonts)
        st.font.name = "Arial"
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor(0, 0, 0)
    normal = doc.styles["Normal"]
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    lang = normal.element.get_or_add_rPr().makeelement(
        _w("lang"), {_w("val"): "id-ID", _w("eastAsia"): "id-ID", _w("bidi"): "ar-SA"})
    normal.element.get_or_add_rPr().append(lang)
    doc.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].paragraph_format.space_before = Pt(12)
        doc.styles[name].paragraph_format.space_after = Pt(6)
