"""The body of the document as WordprocessingML text: runs, paragraphs, headings, section
breaks, placeholders. The body is built as strings (fast for tables of thousands of rows)
and spliced into the package python-docx writes (see package.py).

Text from the input is escaped and written as text only; characters XML cannot hold are
dropped. Everything the office must write is a placeholder: one highlighted run `[…]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"(\r\n|\r|\n|\t)")


def clean(text: object) -> str:
    """Text as XML can hold it: characters outside XML 1.0 dropped."""
    return _BAD_XML.sub("", str(text))


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def text_xml(text: object) -> str:
    """The run content of a text: `w:t`, with `w:br` for line breaks and `w:tab` for tabs."""
    s = clean(text)
    if "\n" not in s and "\r" not in s and "\t" not in s:
        return _t(s)
    out = []
    for part in _BREAKS.split(s):
        if part in ("\r\n", "\r", "\n"):
            out.append("<w:br/>")
        elif part == "\t":
            out.append("<w:tab/>")
        elif part:
            out.append(_t(part))
    return "".join(out)


def rpr(bold: bool = False, italic: bool = False, color: str | None = None,
        size: float | None = None, highlight: str | None = None, underline: bool = False,
        caps: bool = False) -> str:
    """Run properties in schema order."""
    p = []
    if bold:
        p.append("<w:b/><w:bCs/>")
    if italic:
        p.append("<w:i/><w:iCs/>")
    if caps:
        p.append("<w:caps/>")
    if color:
        p.append(f'<w:color w:val="{color}"/>')
    if size:
        half = int(round(size * 2))
        p.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if highlight:
        p.append(f'<w:highlight w:val="{highlight}"/>')
    if underline:
        p.append('<w:u w:val="single"/>')
    return f"<w:rPr>{''.join(p)}</w:rPr>" if p else ""


def run(text: object, **props) -> str:
    """One run of text (props: see rpr)."""
    return f"<w:r>{rpr(**props)}{text_xml(text)}</w:r>"


PLACEHOLDER_HIGHLIGHT = "yellow"


def placeholder(text: str) -> str:
    """What the office must write: `[text]` in one highlighted run."""
    inner = text.strip().strip("[]").strip()
    return run(f"[{inner}]", highlight=PLACEHOLDER_HIGHLIGHT)


def ppr(style: str | None = None, align: str | None = None, keep_next: bool = False,
        page_break_before: bool = False, indent: int | None = None, hanging: int | None = None,
        before: int | None = None, after: int | None = None, sect: str = "") -> str:
    """Paragraph properties in schema order (twips for indent and spacing)."""
    p = []
    if style:
        p.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        p.append("<w:keepNext/>")
    if page_break_before:
        p.append("<w:pageBreakBefore/>")
    if before is not None or after is not None:
        attrs = "".join(f' w:{k}="{v}"' for k, v in (("before", before), ("after", after))
                        if v is not None)
        p.append(f"<w:spacing{attrs}/>")
    if indent is not None or hanging is not None:
        attrs = f' w:left="{indent or 0}"' + (f' w:hanging="{hanging}"' if hanging else "")
        p.append(f"<w:ind{attrs}/>")
    if align:
        p.append(f'<w:jc w:val="{align}"/>')
    p.append(sect)
    inner = "".join(p)
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


def para(content: str = "", **props) -> str:
    """A paragraph of runs (`content`: run XML; props: see ppr)."""
    return f"<w:p>{ppr(**props)}{content}</w:p>"


@dataclass
class Entry:
    """A heading or a caption, for the Daftar Isi and the Daftar Tabel."""

    level: int  # 1-3 for headings, 0 for a table caption
    text: str
    bookmark: str


@dataclass
class Body:
    """The body being written, with the headings and captions it holds (for the table of
    contents) and the sections it has closed."""

    styles: dict[str, str]  # role -> style id (package.STYLE_ROLES)
    page: object  # package.Page: text widths, the sectPr of each orientation
    parts: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    tables: int = 0  # captions numbered so far
    landscape: bool = False
    first_section: bool = True
    _marks: int = 0

    def add(self, xml: str) -> None:
        self.parts.append(xml)

    def bookmark(self) -> tuple[int, str]:
        self._marks += 1
        return self._marks, f"_Toc{self._marks:08d}"

    def heading(self, level: int, text: str, page_break: bool = False) -> None:
        """A heading (Word's built-in Heading 1-3), bookmarked for the Daftar Isi."""
        n, name = self.bookmark()
        self.entries.append(Entry(level, text, name))
        self.add(para(f'<w:bookmarkStart w:id="{n}" w:name="{name}"/>{run(text)}'
                      f'<w:bookmarkEnd w:id="{n}"/>',
                      style=self.styles[f"heading {level}"], page_break_before=page_break))

    def p(self, *runs: str, **props) -> None:
        self.add(para("".join(runs), **props))

    def text(self, text: str, **props) -> None:
        """A paragraph of plain text (generated from the figures)."""
        self.add(para(run(text), **props))

    def todo(self, text: str, **props) -> None:
        """A paragraph holding one placeholder."""
        self.add(para(placeholder(text), **props))

    def bullets(self, items: list[str]) -> None:
        """A list of facts, each a paragraph with a dash (no numbering part needed)."""
        for it in items:
            self.add(para(run(f"–\t{it}"), indent=567, hanging=283))

    def caption(self, title: str) -> None:
        """`Tabel n title`, n a SEQ field with its stored result, bookmarked for the
        Daftar Tabel; kept with the table below it."""
        from .fields import seq

        self.tables += 1
        n, name = self.bookmark()
        text = f"Tabel {self.tables} {title}"
        self.entries.append(Entry(0, text, name))
        self.add(para(f'<w:bookmarkStart w:id="{n}" w:name="{name}"/>{run("Tabel ")}'
                      f'{seq("Tabel", self.tables)}{run(" " + title)}<w:bookmarkEnd w:id="{n}"/>',
                      style=self.styles["caption"], keep_next=True))

    def page_break(self) -> None:
        self.add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def orientation(self, landscape: bool) -> None:
        """End the current section (when the orientation changes): what follows is on a
        new page in `landscape` or portrait."""
        if landscape == self.landscape:
            return
        sect = self.page.sect_pr(self.landscape, first=self.first_section)
        self.add(para(sect=sect))
        self.landscape = landscape
        self.first_section = False

    @property
    def width(self) -> int:
        """The text width of the current section (twips)."""
        return self.page.width(self.landscape)
