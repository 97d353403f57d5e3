"""XML edited as text: the parts of the office's package are changed where they must be and
nowhere else (a parse and re-serialise would rename namespace prefixes, which breaks
`mc:Ignorable`, and reorder attributes).

A small tokenizer finds an element's children (with their spans); helpers read and set
attributes of a start tag, escape text, and insert a child where the schema's order wants
it. Elements named in `skip` (sheetData: every cell of the sheet) are jumped over without
tokenising their content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TAG = re.compile(
    r"""<(?:!--.*?--|\?.*?\?|!\[CDATA\[.*?\]\]|!DOCTYPE[^>]*|(/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(/?))>""",
    re.S)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"


@dataclass
class El:
    """An element found in a text: `start` of its start tag, `head` just after the start tag,
    `inner_end` at its end tag (== head when self-closing), `end` after it."""

    qname: str
    start: int
    head: int
    inner_end: int
    end: int

    @property
    def local(self) -> str:
        return self.qname.rpartition(":")[2]

    @property
    def prefix(self) -> str:
        return self.qname[: len(self.qname) - len(self.local)]

    def tag(self, text: str) -> str:
        return text[self.start:self.head]

    def inner(self, text: str) -> str:
        return text[self.head:self.inner_end]


def esc(text: str) -> str:
    """Text for element content or a double-quoted attribute; characters XML forbids go."""
    text = _ILLEGAL.sub("", str(text))
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def unesc(text: str) -> str:
    def one(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _NAMED[name]
    return _ENTITY.sub(one, text)


def root(text: str) -> El:
    """The document element (its end found from the end of the text)."""
    for m in _TAG.finditer(text):
        if m.group(2) is None or m.group(1):
            continue
        qname, head = m.group(2), m.end()
        if m.group(4):
            return El(qname, m.start(), head, head, head)
        close = text.rfind(f"</{qname}")
        if close < head:
            raise ValueError(f"element {qname} is not closed")
        return El(qname, m.start(), head, close, text.find(">", close) + 1)
    raise ValueError("no root element")


def _jump(text: str, qname: str, pos: int) -> int:
    """After the end tag of a `skip` element (which never nests) opened before `pos`."""
    close = text.find(f"</{qname}", pos)
    if close < 0:
        raise ValueError(f"element {qname} is not closed")
    return text.find(">", close) + 1


def _element(text: str, m: re.Match, skip) -> El:
    qname, start, head = m.group(2), m.start(), m.end()
    if m.group(4):
        return El(qname, start, head, head, head)
    if qname.rpartition(":")[2] in skip:
        end = _jump(text, qname, head)
        return El(qname, start, head, text.rfind("</", head, end), end)
    depth, pos = 1, head
    while True:
        t = _TAG.search(text, pos)
        if t is None:
            raise ValueError(f"element {qname} is not closed")
        pos = t.end()
        name = t.group(2)
        if name is None or t.group(4):
            continue
        if t.group(1):
            depth -= 1
            if depth == 0:
                return El(qname, start, head, t.start(), t.end())
        elif name.rpartition(":")[2] in skip:
            pos = _jump(text, name, pos)
        else:
            depth += 1


def children(text: str, parent: El, skip=("sheetData",)) -> list[El]:
    """The child elements of `parent`, in order."""
    out: list[El] = []
    pos = parent.head
    while True:
        m = _TAG.search(text, pos, parent.inner_end)
        if m is None:
            return out
        if m.group(2) is None or m.group(1):
            pos = m.end()
            continue
        el = _element(text, m, skip)
        out.append(el)
        pos = el.end


def child(text: str, parent: El, local: str) -> El | None:
    return next((c for c in children(text, parent) if c.local == local), None)


_ATTR = r'(\s{0}\s*=\s*)("[^"]*"|\'[^\']*\')'


def get_attr(tag: str, name: str) -> str | None:
    m = re.search(_ATTR.format(re.escape(name)), tag)
    return None if m is None else unesc(m.group(2)[1:-1])


def set_attr(tag: str, name: str, value: str | None) -> str:
    """The start tag with attribute `name` set (or removed for None)."""
    pattern = re.compile(_ATTR.format(re.escape(name)))
    if value is None:
        return pattern.sub("", tag)
    if pattern.search(tag):
        return pattern.sub(lambda m: f'{m.group(1)}"{esc(value)}"', tag, count=1)
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return f'{tag[:end].rstrip()} {name}="{esc(value)}"{tag[end:]}'


def replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def set_tag(text: str, el: El, tag: str) -> str:
    return replace(text, el.start, el.head, tag)


def ns_prefix(text: str, uri: str) -> str | None:
    """The prefix a namespace is declared with on the root element (`r`), '' for the
    default, None if absent there: a declaration on some other element (openpyxl with lxml
    declares `r` on each `<sheet>`) is not in scope for a child added to the root."""
    el = root(text)
    m = re.search(r'xmlns(?::([\w.-]+))?\s*=\s*["\']' + re.escape(uri) + r'["\']',
                  el.tag(text))
    if m is None:
        return None
    return m.group(1) or ""


def ensure_ns(text: str, uri: str, wanted: str) -> tuple[str, str]:
    """(text, prefix) with `uri` declared on the root element (as `wanted`, or a free
    variant of it, when not declared yet)."""
    have = ns_prefix(text, uri)
    if have:
        return text, have
    prefix, n = wanted, 2
    while re.search(rf'xmlns:{re.escape(prefix)}\s*=', text):
        prefix, n = f"{wanted}{n}", n + 1
    el = root(text)
    return set_tag(text, el, set_attr(el.tag(text), f"xmlns:{prefix}", uri)), prefix


def _order_name(text: str, el: El) -> str:
    """The name that places an element in its parent's sequence: an mc:AlternateContent
    counts as the element it wraps."""
    if el.local != "AlternateContent":
        return el.local
    m = re.search(r"<(?:\w+:)?Choice\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)", text[el.head:el.inner_end])
    return m.group(1) if m else el.local


def insert_child(text: str, parent: El, new: str, local: str, order: tuple[str, ...],
                 skip=("sheetData",)) -> str:
    """`new` inserted into `parent` before the first child that comes after `local` in the
    schema's `order` (children the order does not know are passed over), else at its end."""
    rank = order.index(local)
    for c in children(text, parent, skip):
        name = _order_name(text, c)
        if name in order and order.index(name) > rank:
            return replace(text, c.start, c.start, new)
    return append_child(text, parent, new)


def self_closing(text: str, el: El) -> bool:
    return el.head == el.end


def append_child(text: str, el: El, new: str, first: bool = False) -> str:
    """`new` as the last (or `first`) child of `el`, opening a self-closing `el`."""
    if self_closing(text, el):
        opened = el.tag(text)[:-2].rstrip() + ">"
        return replace(text, el.start, el.end, f"{opened}{new}</{el.qname}>")
    at = el.head if first else el.inner_end
    return replace(text, at, at, new)


def remove(text: str, els: list[El]) -> str:
    """`text` without the given (non-overlapping) elements."""
    for el in sorted(els, key=lambda e: e.start, reverse=True):
        text = text[:el.start] + text[el.end:]
    return text


def texts(fragment: str) -> str:
    """The character content of the `t` elements of a rich text (`<r><t>..</t></r>`)."""
    return "".join(unesc(m.group(1) or "") for m in _T.finditer(fragment))


_T = re.compile(r"<(?:\w+:)?t\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?t>)", re.S)
