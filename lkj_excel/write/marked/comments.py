"""Cell comments as Excel keeps them: a comments part (`xl/commentsN.xml`: authors and each
comment's rich text) and a legacy VML drawing holding the note shape of each comment.

`strip_ours` takes out what an earlier check added (our part of each comment, from
`notes.MARKER` on; a comment left empty goes with its shape), `add` puts our text in: below
the office's own comment on that cell, or as a new comment with a new note shape.
"""

from __future__ import annotations

import re

from .notes import AUTHOR, MARKER, strip_ours
from .xmltext import MAIN_NS, El, append_child, children, esc, get_attr, replace, root, texts, unesc

EMPTY = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="{MAIN_NS}">'
         f"<authors></authors><commentList></commentList></comments>")
_RPR = '<{p}rPr>{b}<{p}sz val="9"/><{p}color indexed="81"/><{p}rFont val="Tahoma"/><{p}family val="2"/></{p}rPr>'


def ref(row: int, col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def _parts(text: str) -> tuple[El, El | None, El | None]:
    top = root(text)
    kids = children(text, top)
    authors = next((c for c in kids if c.local == "authors"), None)
    clist = next((c for c in kids if c.local == "commentList"), None)
    return top, authors, clist


def comments(text: str) -> list[tuple[str, El]]:
    """(cell reference, element) of every comment."""
    _top, _authors, clist = _parts(text)
    if clist is None:
        return []
    return [((get_attr(c.tag(text), "ref") or "").upper(), c)
            for c in children(text, clist, skip=("comment",)) if c.local == "comment"]


def strip(text: str) -> tuple[str, set[str]]:
    """The comments part without our earlier additions, and the cells whose comment was ours
    alone (now removed)."""
    gone: set[str] = set()
    edits: list[tuple[int, int, str]] = []
    for cell, el in comments(text):
        if "lkj-excel" not in text[el.head:el.inner_end]:  # (a quick look before parsing)
            continue
        text_el = next((c for c in children(text, el) if c.local == "text"), None)
        if text_el is None:
            continue
        whole = texts(text_el.inner(text))
        if MARKER not in whole:
            continue
        kept = strip_ours(whole)
        if not kept.strip():
            edits.append((el.start, el.end, ""))
            gone.add(cell)
        else:
            edits.append((text_el.head, text_el.inner_end, _cut(text_el.inner(text), len(kept))))
    out, at = [], 0
    for start, end, new in edits:
        out += [text[at:start], new]
        at = end
    return "".join(out) + text[at:], gone


def _cut(inner: str, keep: int) -> str:
    """A rich text (the content of a comment's `<text>`) keeping its first `keep`
    characters: its runs up to there, the last one shortened."""
    wrapped = f"<w>{inner}</w>"
    out, used = [], 0
    for c in children(wrapped, root(wrapped)):
        piece = wrapped[c.start:c.end]
        if c.local not in ("r", "t"):
            out.append(piece)
            continue
        content = texts(piece)
        if used >= keep:
            continue
        if used + len(content) > keep:
            piece = _shorten(piece, keep - used)
            content = content[:keep - used]
        out.append(piece)
        used += len(content)
    return "".join(out)


def _shorten(piece: str, n: int) -> str:
    m = re.search(r"(<(?:\w+:)?t\b[^>]*>)(.*?)(</(?:\w+:)?t>)", piece, re.S)
    if m is None:
        return piece
    head = m.group(1)
    if "xml:space" not in head:
        head = head[:-1] + ' xml:space="preserve">'
    return piece[:m.start()] + head + esc(unesc(m.group(2))[:n]) + m.group(3) + piece[m.end():]


def _author(text: str) -> tuple[str, int]:
    top, authors, _clist = _parts(text)
    p = top.prefix
    if authors is None:
        text = replace(text, top.head, top.head, f"<{p}authors></{p}authors>")
        top, authors, _clist = _parts(text)
    names = [unesc(a.inner(text)) for a in children(text, authors)
             if a.local == "author"]
    if AUTHOR in names:
        return text, names.index(AUTHOR)
    return append_child(text, authors, f"<{p}author>{AUTHOR}</{p}author>"), len(names)


def _runs(p: str, note: str, after_office: bool) -> str:
    lead, _, rest = note.partition("\n")
    sep = "\n\n" if after_office else ""
    bold = _RPR.format(p=p, b=f"<{p}b/>")
    plain = _RPR.format(p=p, b="")
    return (f'<{p}r>{bold}<{p}t xml:space="preserve">{esc(sep + lead)}</{p}t></{p}r>'
            f'<{p}r>{plain}<{p}t xml:space="preserve">{esc(chr(10) + rest)}</{p}t></{p}r>')


def add(text: str | None, notes: dict[str, str]) -> tuple[str, list[str]]:
    """The comments part with `notes` (cell reference -> our text) added; returns it and the
    cells that got a new comment (those need a note shape)."""
    text = text or EMPTY
    text, author = _author(text)
    have = dict(comments(text))
    new_cells: list[str] = []
    additions = []
    for cell, note in notes.items():
        el = have.get(cell)
        if el is None:
            new_cells.append(cell)
            continue
        additions.append((el, note))
    for el, note in sorted(additions, key=lambda a: a[0].start, reverse=True):
        text = _append(text, el, note)
    top, _authors, clist = _parts(text)
    p = top.prefix
    if clist is None:
        text = replace(text, top.inner_end, top.inner_end, f"<{p}commentList></{p}commentList>")
        top, _authors, clist = _parts(text)
    items = "".join(f'<{p}comment ref="{c}" authorId="{author}"><{p}text>{_runs(p, notes[c], False)}'
                    f"</{p}text></{p}comment>" for c in new_cells)
    return append_child(text, clist, items), new_cells


def _append(text: str, el: El, note: str) -> str:
    """Our text below the office's own comment `el`."""
    p = root(text).prefix
    text_el = next((c for c in children(text, el) if c.local == "text"), None)
    if text_el is None:
        return replace(text, el.inner_end, el.inner_end,
                       f"<{p}text>{_runs(p, note, False)}</{p}text>")
    inner = text_el.inner(text)
    if not re.search(r"<(?:\w+:)?r\b", inner):  # a plain <t>: make it a run first
        inner = re.sub(r"<((?:\w+:)?)t\b", r"<\1r><\1t", inner, count=1)
        inner = re.sub(r"</((?:\w+:)?)t>", r"</\1t></\1r>", inner, count=1)
    inner += _runs(p, note, True)
    return replace(text, text_el.head, text_el.inner_end, inner)


def count(text: str) -> int:
    return len(re.findall(r"<(?:\w+:)?comment\b", text))


# --- the VML drawing ------------------------------------------------------------------

VML_EMPTY = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
             'office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
             '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/></o:shapelayout>'
             '</xml>')
_SHAPETYPE = ('<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
              'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path '
              'gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')
_SHAPE = re.compile(r"<(\w+):shape\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(?:/>|>.*?</\1:shape>)", re.S)


def _note_cell(shape: str) -> tuple[int, int] | None:
    if not re.search(r"ObjectType\s*=\s*[\"']Note[\"']", shape):
        return None
    r = re.search(r"<(?:\w+:)?Row>\s*(\d+)\s*<", shape)
    c = re.search(r"<(?:\w+:)?Column>\s*(\d+)\s*<", shape)
    return (int(r.group(1)), int(c.group(1))) if r and c else None


def vml_strip(vml: str, cells: set[tuple[int, int]]) -> str:
    """The drawing without the note shapes of `cells` (0-based row, column)."""
    return _SHAPE.sub(lambda m: "" if _note_cell(m.group(0)) in cells else m.group(0), vml)


def vml_shapes(vml: str) -> int:
    return sum(1 for _ in _SHAPE.finditer(vml))


def vml_blocks(vml: str) -> list[int]:
    """The shape id blocks (`o:idmap data`) a drawing claims."""
    m = re.search(r"<\w+:idmap\b[^>]*\bdata\s*=\s*[\"']([^\"']*)[\"']", vml)
    return [int(x) for x in re.findall(r"\d+", m.group(1))] if m else []


def vml_add(vml: str | None, cells: list[tuple[int, int, int]], block: int) -> str:
    """The drawing with a hidden note shape for each (row, column, lines) cell (0-based).
    A new drawing claims shape block `block`."""
    if vml is None:
        vml = VML_EMPTY.format(block=block)
    ids = [int(x) for x in re.findall(r"_x0000_s(\d+)", vml)]
    first = max(ids, default=(vml_blocks(vml) or [block])[0] * 1024) + 1
    v, o, x = _prefix(vml, "vml", "v"), _prefix(vml, "office:office", "o"), _prefix(vml, "office:excel", "x")
    if "_x0000_t202" not in vml or "shapetype" not in vml:
        vml = _before_end(vml, _SHAPETYPE.replace("v:", f"{v}:").replace("o:", f"{o}:"))
    shapes = "".join(_shape(first + i, r, c, lines, v, o, x) for i, (r, c, lines) in enumerate(cells))
    return _before_end(vml, shapes)


def _prefix(vml: str, urn_tail: str, fallback: str) -> str:
    m = re.search(r'xmlns:(\w+)\s*=\s*["\']urn:schemas-microsoft-com:' + re.escape(urn_tail) + '["\']', vml)
    return m.group(1) if m else fallback


def _before_end(vml: str, piece: str) -> str:
    at = vml.rfind("</xml>")
    if at < 0:
        return vml + piece
    return vml[:at] + piece + vml[at:]


def _shape(sid: int, row: int, col: int, lines: int, v: str, o: str, x: str) -> str:
    height = min(max(lines, 3) + 1, 30)
    anchor = f"{col + 1}, 15, {max(row - 1, 0)}, 10, {col + 5}, 15, {max(row - 1, 0) + height}, 4"
    return (f'<{v}:shape id="_x0000_s{sid}" type="#_x0000_t202" style="position:absolute;'
            f"margin-left:59.25pt;margin-top:1.5pt;width:300pt;height:{height * 15}pt;z-index:{sid};"
            f'visibility:hidden" fillcolor="#ffffe1" {o}:insetmode="auto"><{v}:fill color2="#ffffe1"/>'
            f'<{v}:shadow on="t" color="black" obscured="t"/><{v}:path {o}:connecttype="none"/>'
            f'<{v}:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
            f'</{v}:textbox><{x}:ClientData ObjectType="Note"><{x}:MoveWithCells/><{x}:SizeWithCells/>'
            f"<{x}:Anchor>{anchor}</{x}:Anchor><{x}:AutoFill>False</{x}:AutoFill>"
            f"<{x}:Row>{row}</{x}:Row><{x}:Column>{col}</{x}:Column></{x}:ClientData></{v}:shape>")
