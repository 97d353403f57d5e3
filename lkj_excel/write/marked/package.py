"""The returned copy of an .xlsx/.xlsm: the office's own package with additions.

What changes, and only there:
- each sheet with findings: conditional-format rules filling the finding cells red/yellow
  (the cells' own formats stay untouched) and comments (comments part + VML note shapes);
- `xl/styles.xml`: the fills of those rules and the cell formats of Hasil Pemeriksaan;
- the new first sheet Hasil Pemeriksaan: its part, `xl/workbook.xml` (the sheet first,
  `localSheetId` of defined names and the active tab shifted), the workbook's rels,
  `[Content_Types].xml`, the sheet titles in `docProps/app.xml`; the sheet that was selected
  loses `tabSelected`, so the copy opens on Hasil Pemeriksaan;
- `xl/calcChain.xml` is dropped: it lists formula cells by sheet position, which the new
  first sheet shifts (Excel rebuilds it).
Marks, comments and a Hasil Pemeriksaan sheet from an earlier check are removed first.
Every other member is copied as it is.
"""

from __future__ import annotations

import re

from . import comments as C
from .notes import (
    CF_FORMULA,
    CF_MARK,
    ERROR_FILL,
    SHEET,
    WARNING_FILL,
    Layout,
    comment_text,
    fill_groups,
)
from .opc import CT_COMMENTS, CT_STYLES, CT_VML, CT_WORKSHEET, Package
from .stylesheet import Styles
from .summary import sheet_xml
from .xmltext import (
    MAIN_NS,
    REL_NS,
    El,
    append_child,
    children,
    ensure_ns,
    esc,
    get_attr,
    insert_child,
    ns_prefix,
    remove,
    replace,
    root,
    set_attr,
    set_tag,
    unesc,
)

SHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState",
    "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
    "controls", "webPublishItems", "tableParts", "extLst")
_SHEET_TYPES = ("worksheet", "chartsheet", "dialogsheet", "xlMacrosheet", "xlIntlMacrosheet")


class Unsupported(Exception):
    """The package is not one this editor changes (a Strict Open XML workbook)."""


class Book:
    """The workbook part and its sheets, as they are in the package now."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        main = pkg.rel_of("", "officeDocument")
        if main is None or main.part is None or not pkg.has(main.part):
            raise Unsupported("no workbook part")
        self.part = main.part
        text = self.text
        if ns_prefix(text, MAIN_NS) is None:
            raise Unsupported("not a transitional SpreadsheetML workbook")

    @property
    def text(self) -> str:
        return self.pkg.text(self.part)

    def put(self, text: str) -> None:
        self.pkg.put(self.part, text)

    def sheets_el(self) -> El:
        text = self.text
        return next(c for c in children(text, root(text)) if c.local == "sheets")

    def sheets(self) -> list[dict]:
        """Each sheet: name, rid, part, kind, element."""
        text = self.text
        rels = {r.id: r for r in self.pkg.rels(self.part)}
        out = []
        for el in children(text, self.sheets_el()):
            if el.local != "sheet":
                continue
            tag = el.tag(text)
            rid = next((unesc(v) for k, v in re.findall(r'\s([\w.-]+:id)\s*=\s*"([^"]*)"', tag)), None)
            rel = rels.get(rid or "")
            kind = rel.type.rpartition("/")[2] if rel else ""
            out.append({"name": get_attr(tag, "name") or "", "rid": rid, "el": el, "kind": kind,
                        "part": rel.part if rel and kind in _SHEET_TYPES else None,
                        "sheetId": int(get_attr(tag, "sheetId") or 0)})
        return out

    def shift(self, first: int, delta: int, drop: int | None = None) -> None:
        """Sheet positions >= `first` moved by `delta` in defined names and views; defined
        names local to sheet position `drop` removed."""
        text = self.text
        top = root(text)
        for c in reversed(children(text, top)):
            if c.local == "definedNames":
                names = [d for d in children(text, c) if d.local == "definedName"]
                for d in reversed(names):
                    local = get_attr(d.tag(text), "localSheetId")
                    if local is None or not local.strip().isdigit():
                        continue
                    k = int(local)
                    if k == drop:
                        text = replace(text, d.start, d.end, "")
                    elif k >= first:
                        text = set_tag(text, d, set_attr(d.tag(text), "localSheetId", str(k + delta)))
            elif c.local == "bookViews":
                for v in reversed(children(text, c)):
                    tag = v.tag(text)
                    for attr in ("activeTab", "firstSheet"):
                        k = get_attr(tag, attr)
                        if k is not None and k.isdigit() and int(k) >= first:
                            tag = set_attr(tag, attr, str(max(int(k) + delta, 0)))
                    text = set_tag(text, v, tag)
        self.put(text)


def mark_package(data: bytes, findings: list, layout_for) -> bytes:
    """The marked copy of an .xlsx/.xlsm package. `layout_for(sheet names)` gives the
    Hasil Pemeriksaan rows (`notes.summary`), links made only to sheets the copy has."""
    from .notes import marked_cells

    pkg = Package(data)
    book = Book(pkg)
    _drop_old_summary(book)
    _drop_calc_chain(book)
    sheets = book.sheets()
    styles_rel = pkg.rel_of(book.part, "styles")
    if styles_rel is None or not pkg.has(styles_rel.part):
        styles_part = "xl/styles.xml" if styles_rel is None else styles_rel.part
        if styles_rel is None:
            pkg.add_rel(book.part, "styles", styles_part)
        pkg.add_override(styles_part, CT_STYLES)
        styles = Styles(None)
    else:
        styles_part = styles_rel.part
        styles = Styles(pkg.text(styles_part))
    marks = marked_cells(findings, [s["name"] for s in sheets if s["kind"] == "worksheet"])
    dxf = {}
    if marks:
        dxf = {True: styles.dxf_fill(ERROR_FILL), False: styles.dxf_fill(WARNING_FILL)}
    blocks = [b for n in pkg.names() if n.lower().endswith(".vml") for b in C.vml_blocks(pkg.text(n) or "")]
    state = {"block": max(blocks, default=0) + 1}
    for s in sheets:
        if s["kind"] == "worksheet" and s["part"] and pkg.has(s["part"]):
            _mark_sheet(pkg, s["part"], marks.get(s["name"], {}), dxf, state)
    layout: Layout = layout_for({s["name"] for s in sheets if s["kind"] == "worksheet"})
    summary = sheet_xml(layout, styles)
    pkg.put(styles_part, styles.text)
    _insert_summary(book, sheets, summary)
    _titles(pkg, [s["name"] for s in sheets if s["kind"] == "worksheet"])
    return pkg.to_bytes()


def _drop_old_summary(book: Book) -> None:
    for k, s in enumerate(book.sheets()):
        if s["name"] != SHEET:
            continue
        text = book.text
        book.put(replace(text, s["el"].start, s["el"].end, ""))
        if s["part"]:
            book.pkg.drop_part(s["part"], book.part, s["rid"])
        elif s["rid"]:
            book.pkg.remove_rel(book.part, s["rid"])
        book.shift(k + 1, -1, drop=k)
        return


def _drop_calc_chain(book: Book) -> None:
    rel = book.pkg.rel_of(book.part, "calcChain")
    if rel is not None and rel.part is not None:
        book.pkg.drop_part(rel.part, book.part, rel.id)


def _insert_summary(book: Book, sheets: list[dict], xml: str) -> None:
    pkg = book.pkg
    part = pkg.free("xl/worksheets/sheet{}.xml")
    pkg.put(part, xml)
    pkg.add_override(part, CT_WORKSHEET)
    rid = pkg.add_rel(book.part, "worksheet", part)
    text = book.text
    prefix = ns_prefix(text, REL_NS)
    ns = ""
    if not prefix:
        prefix, ns = "r", f' xmlns:r="{REL_NS}"'
    el = book.sheets_el()
    sheet_id = max((s["sheetId"] for s in sheets), default=0) + 1
    new = f'<{el.prefix}sheet{ns} name="{esc(SHEET)}" sheetId="{sheet_id}" {prefix}:id="{rid}"/>'
    book.put(append_child(text, el, new, first=True))
    book.shift(0, 1)
    text = book.text
    for c in children(text, root(text)):
        if c.local == "bookViews":
            for v in reversed(children(text, c)):
                tag = set_attr(set_attr(v.tag(text), "activeTab", "0"), "firstSheet", "0")
                text = set_tag(text, v, tag)
    book.put(text)
    for s in sheets:
        if s["part"] and pkg.has(s["part"]):
            _unselect(pkg, s["part"])


def _unselect(pkg: Package, part: str) -> None:
    text = pkg.text(part)
    top = root(text)
    views = next((c for c in children(text, top) if c.local == "sheetViews"), None)
    if views is None:
        return
    changed = text
    for v in reversed(children(changed, views)):
        sel = get_attr(v.tag(changed), "tabSelected")
        if v.local == "sheetView" and sel in ("1", "true"):
            changed = set_tag(changed, v, set_attr(v.tag(changed), "tabSelected", None))
    if changed != text:
        pkg.put(part, changed)


_VARIANT = re.compile(r"<(?:\w+:)?(lpstr|i4)>(.*?)</(?:\w+:)?(?:lpstr|i4)>", re.S)
_LPSTR = re.compile(r"<(\w+:)?lpstr>(.*?)</(?:\w+:)?lpstr>", re.S)


def _titles(pkg: Package, worksheets: list[str]) -> None:
    """docProps/app.xml: Hasil Pemeriksaan first among the worksheet titles, when the
    titles list the worksheets as the workbook has them (else it is left as it is)."""
    rel = pkg.rel_of("", "extended-properties")
    part = rel.part if rel is not None else "docProps/app.xml"
    text = pkg.text(part) if part else None
    pairs = re.search(r"<(\w+:)?HeadingPairs\b.*?</(?:\w+:)?HeadingPairs>", text or "", re.S)
    titles = re.search(r"<(\w+:)?TitlesOfParts\b.*?</(?:\w+:)?TitlesOfParts>", text or "", re.S)
    if not pairs or not titles:
        return
    variants = _VARIANT.findall(pairs.group(0))
    counts = [(i // 2, int(variants[i + 1][1])) for i in range(0, len(variants) - 1, 2)
              if variants[i][0] == "lpstr" and variants[i + 1][0] == "i4"
              and variants[i + 1][1].strip().isdigit()]
    items = list(_LPSTR.finditer(titles.group(0)))
    names = [unesc(m.group(2)) for m in items]
    old = [n for n in worksheets if n != SHEET]
    at, group, size = 0, None, 0
    for g, n in counts:
        if names[at:at + n] in (old, [SHEET, *old]):
            group, size = g, n
            break
        at += n
    if group is None or not items:
        return
    new = [SHEET, *old]
    vt = items[0].group(1) or ""
    block = titles.group(0)
    start = items[at].start() if at < len(items) else items[-1].end()
    end = items[at + size - 1].end() if size else start
    block = (block[:start] + "".join(f"<{vt}lpstr>{esc(n)}</{vt}lpstr>" for n in new)
             + block[end:])
    block = re.sub(r'(\bsize\s*=\s*")\d+(")', rf"\g<1>{len(names) - size + len(new)}\g<2>",
                   block, count=1)
    i4 = list(re.finditer(r"(<(?:\w+:)?i4>)\d+(</(?:\w+:)?i4>)", pairs.group(0)))[group]
    head = pairs.group(0)
    head = head[:i4.start()] + f"{i4.group(1)}{len(new)}{i4.group(2)}" + head[i4.end():]
    text = text[:pairs.start()] + head + text[pairs.end():titles.start()] + block + text[titles.end():]
    pkg.put(part, text)


# --- one sheet ------------------------------------------------------------------------

def _mark_sheet(pkg: Package, part: str, cells: dict, dxf: dict, state: dict) -> None:
    text = pkg.text(part)
    before = text
    text = _strip_rules(text)
    if cells:
        text = _add_rules(text, cells, dxf)
    text = _comments(pkg, part, text, cells, state)
    if text != before:
        pkg.put(part, text)


def _strip_rules(text: str) -> str:
    top = root(text)
    drop: list[El] = []
    for c in children(text, top):
        if c.local != "conditionalFormatting" or CF_MARK not in c.inner(text):
            continue
        rules = [r for r in children(text, c) if r.local == "cfRule"]
        ours = [r for r in rules if CF_MARK in text[r.start:r.end]]
        drop.extend([c] if len(ours) == len(rules) else ours)
    return remove(text, drop)


def _add_rules(text: str, cells: dict, dxf: dict) -> str:
    top = root(text)
    p = top.prefix
    priority = max((int(x) for x in re.findall(r'\bpriority\s*=\s*"(\d+)"', text)), default=0)
    blocks = []
    for is_error, group in fill_groups(cells):
        refs = [C.ref(r, c) for r, c in group]
        priority += 1
        blocks.append(f'<{p}conditionalFormatting sqref="{" ".join(refs)}"><{p}cfRule '
                      f'type="expression" dxfId="{dxf[is_error]}" priority="{priority}">'
                      f"<{p}formula>{esc(CF_FORMULA)}</{p}formula></{p}cfRule>"
                      f"</{p}conditionalFormatting>")
    return insert_child(text, top, "".join(blocks), "conditionalFormatting", SHEET_ORDER)


def _comments(pkg: Package, part: str, text: str, cells: dict, state: dict) -> str:
    """The sheet's comments without our earlier ones and with `cells`' findings; returns
    the sheet XML (a legacyDrawing added or removed)."""
    crel = pkg.rel_of(part, "comments")
    cpart = crel.part if crel is not None and pkg.has(crel.part) else None
    drawing = _legacy_drawing(pkg, part, text)
    vpart = drawing[1].part if drawing else None
    ctext = pkg.text(cpart) if cpart else None
    vml = pkg.text(vpart) if vpart else None
    gone: set[str] = set()
    if ctext is not None:
        ctext, gone = C.strip(ctext)
    if vml is not None and gone:
        vml = C.vml_strip(vml, {_zero(g) for g in gone})
    if cells:
        notes = {C.ref(r, c): comment_text(fs) for (r, c), fs in cells.items()}
        ctext, new_cells = C.add(ctext, notes)
        shapes = [(*_zero(c), notes[c].count("\n") + 1 + len(notes[c]) // 60) for c in new_cells]
        if shapes:
            block = state["block"] if vml is None else 0
            if vml is None:
                state["block"] += 1
            vml = C.vml_add(vml, shapes, block)
    if ctext is not None:
        if C.count(ctext) == 0:
            if cpart:
                pkg.drop_part(cpart, part, crel.id)
        else:
            if cpart is None:
                cpart = pkg.free("xl/comments{}.xml")
                pkg.add_override(cpart, CT_COMMENTS)
                pkg.add_rel(part, "comments", cpart)
            pkg.put(cpart, ctext)
    if vml is not None:
        if C.vml_shapes(vml) == 0:
            if drawing:
                pkg.drop_part(drawing[1].part, part, drawing[1].id)
                text = remove(text, [drawing[0]])
        else:
            if vpart is None:
                vpart = pkg.free("xl/drawings/vmlDrawing{}.vml")
                pkg.ensure_default("vml", CT_VML)
                rid = pkg.add_rel(part, "vmlDrawing", vpart)
                text, rp = ensure_ns(text, REL_NS, "r")
                top = root(text)
                broken = [c for c in children(text, top) if c.local == "legacyDrawing"]
                text = remove(text, broken)  # one that pointed nowhere
                top = root(text)
                text = insert_child(text, top, f'<{top.prefix}legacyDrawing {rp}:id="{rid}"/>',
                                    "legacyDrawing", SHEET_ORDER)
            pkg.put(vpart, vml)
    return text


def _zero(cell: str) -> tuple[int, int]:
    from .notes import position

    r, c = position(cell)
    return r - 1, c - 1


def _legacy_drawing(pkg: Package, part: str, text: str):
    el = next((c for c in children(text, root(text)) if c.local == "legacyDrawing"), None)
    if el is None:
        return None
    rid = next((unesc(v) for v in re.findall(r'\s[\w.-]+:id\s*=\s*"([^"]*)"', el.tag(text))), None)
    rel = next((r for r in pkg.rels(part) if r.id == rid), None)
    if rel is None or rel.part is None or not pkg.has(rel.part):
        return None
    return el, rel
