"""Word fields with their results already stored: a viewer that does not update fields
(LibreOffice's PDF export included) shows them as they are, and Word opens the document
without asking to update anything (no `updateFields`, no dirty field).

- `SEQ Tabel`: the number of a table caption (its stored result is that number);
- `TOC`: the Daftar Isi (headings 1-3) and the Daftar Tabel (captions `Tabel n …`), whose
  stored result lists every entry as a link to its bookmark. Page numbers are not
  stored (the writer cannot know where a page breaks, and prints nothing it does not
  know); Word adds them when the field is updated (F9);
- `PAGE`: the page number in the footer.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .body import Entry, clean, para, run


def _begin(instr: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')


_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def field(instr: str, result: str) -> str:
    """A field with its stored result (`result`: run XML)."""
    return _begin(instr) + result + _END


def seq(name: str, n: int) -> str:
    """`SEQ name \\* ARABIC` showing `n`."""
    return field(f"SEQ {name} \\* ARABIC", run(str(n)))


def page() -> str:
    """`PAGE`: the current page number (viewers compute it on layout)."""
    return field("PAGE", run("1"))


def toc(instr: str, entries: list[Entry], styles: dict[str, str], empty: str) -> str:
    """A TOC field over several paragraphs: one per entry (a link to its bookmark, in the
    `toc n` style of its level, `table of figures` for captions); `empty` is the stored
    result when there is no entry."""
    if not entries:
        return para(_begin(instr) + run(empty, italic=True) + _END)
    out = []
    last = len(entries) - 1
    for i, e in enumerate(entries):
        style = styles["table of figures"] if e.level == 0 else styles[f"toc {e.level}"]
        link = (f'<w:hyperlink w:anchor="{e.bookmark}" w:history="1">'
                f'{run(clean(e.text))}</w:hyperlink>')
        out.append(para((_begin(instr) if i == 0 else "") + link + (_END if i == last else ""),
                        style=style))
    return "".join(out)
