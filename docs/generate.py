"""Rewrite the generated blocks of docs/*.md from the code.

    python docs/generate.py            # rewrite every stale block in place
    python docs/generate.py --check    # exit 1 and name each stale file; write nothing

A generated block sits between two marker comments, each on a line of its own:

    <!-- BEGIN GENERATED: checks -->
    ...
    <!-- END GENERATED: checks -->

Blocks (the name after `GENERATED:`):

- `checks`: the check catalogue (id, severity, description), from
  `lkj_excel.findings.CATALOGUE`; each id links to its section in pemeriksaan.md;
- `sheets`: the contract sheets (name, required, purpose), from `lkj_excel.contract.SHEETS`;
- `columns:<sheet>`: the columns of one contract sheet (name, required, kind, aliases,
  choices, hint), from `lkj_excel.contract.SHEETS`;
- `identity-items`: the rows of the Identitas sheet, from `lkj_excel.contract.IDENTITY_ITEMS`.

Only these names of the package are used, so that modules can move without breaking the
docs: `lkj_excel.findings.CATALOGUE` (objects with `.id`, `.severity`, `.description`) and
`lkj_excel.contract` (`SHEETS`, `IDENTITY_ITEMS` and the fields of their items). They are
looked up each time a block is rendered, never cached.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

DOCS = Path(__file__).resolve().parent

# A marker is a line of its own (a marker quoted inside a sentence is not one).
BLOCK = re.compile(
    r"^(?P<begin><!-- BEGIN GENERATED: (?P<name>[^>]+?) -->\n)"
    r"(?P<body>.*?)"
    r"^(?P<end><!-- END GENERATED: (?P=name) -->)$",
    re.S | re.M,
)
BEGIN = re.compile(r"^<!-- BEGIN GENERATED: ([^>]+?) -->$", re.M)
NOTE = "<!-- Dibuat oleh docs/generate.py dari {source}; jangan disunting di sini. -->"

SEVERITY = {"error": "kesalahan", "warning": "peringatan"}

# Column kinds (lkj_excel.contract.Kind values) in words; an unknown kind prints as is.
KIND = {
    "any": "bebas",
    "text": "teks",
    "amount": "nominal Rupiah",
    "number": "angka (persen bila Satuan persen)",
    "date": "tanggal",
    "enum": "pilihan",
    "code": "kode (teks)",
    "nip": "NIP (teks)",
    "whole": "bilangan bulat",
    "year": "tahun (2000–2100)",
    "triwulan": "triwulan (I–IV)",
}
REQUIRED_CELLS = {
    "leaf": "Ya, pada baris tanpa rincian",
    "column": "Kolom ya; sel boleh kosong",
}


class DocsError(Exception):
    """A docs page whose markers cannot be read, or a block name nobody renders."""


# --- helpers ------------------------------------------------------------------------


def _cell(text: object) -> str:
    """Text for one cell of a Markdown table."""
    s = "" if text is None else str(text)
    s = " ".join(s.split())  # a line break would end the row
    return s.replace("|", "\\|")


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(_cell(c) or " " for c in row) + " |")
    return "\n".join(lines)


def _kind(kind: object) -> str:
    value = getattr(kind, "value", kind)
    return KIND.get(str(value), str(value))


def _yes(flag: object) -> str:
    return "Ya" if flag else "Tidak"


def anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower-cased, punctuation other than
    `-` and `_` dropped, spaces as `-` (`budget.sum_pagu` -> `budgetsum_pagu`)."""
    text = heading.strip().lower().replace("`", "")
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


# --- blocks -------------------------------------------------------------------------


def _checks() -> str:
    from lkj_excel import findings

    rows = [
        (f"[`{c.id}`](#{anchor(c.id)})", SEVERITY.get(c.severity, c.severity), c.description)
        for c in findings.CATALOGUE
    ]
    return "\n".join([
        NOTE.format(source="lkj_excel.findings.CATALOGUE"),
        "",
        _table(("Pemeriksaan", "Tingkat", "Arti"), rows),
    ])


def _sheets() -> str:
    from lkj_excel import contract

    rows = []
    for sheet in contract.SHEETS:
        required = getattr(sheet, "required", True)
        rows.append((f"[{sheet.name}](#sheet-{anchor(sheet.name)})",
                     "Ya" if required else "Bila ada datanya", getattr(sheet, "purpose", "")))
    return "\n".join([
        NOTE.format(source="lkj_excel.contract.SHEETS"),
        "",
        _table(("Sheet", "Wajib?", "Isi"), rows),
    ])


def _required(column: object) -> str:
    if not getattr(column, "required", False):
        return "Tidak"
    return REQUIRED_CELLS.get(getattr(column, "required_cells", "all"), "Ya")


def _choices(column: object) -> str:
    parts = []
    for choice in getattr(column, "choices", ()) or ():
        value = getattr(choice, "value", choice)
        synonyms = tuple(getattr(choice, "synonyms", ()) or ())
        parts.append(f"{value} (juga: {', '.join(synonyms)})" if synonyms else str(value))
    return "; ".join(parts)


def _columns(sheet_name: str) -> str:
    from lkj_excel import contract

    sheet = next((s for s in contract.SHEETS if s.name == sheet_name), None)
    if sheet is None:
        raise DocsError(f"no contract sheet named {sheet_name!r}")
    def name(c: object) -> str:  # a column a later template version added says since when
        since = getattr(c, "since", 1)
        return f"**{c.name}**" + (f" (sejak versi {since})" if since > 1 else "")

    rows = [
        (name(c), _required(c), _kind(c.kind), getattr(c, "hint", ""),
         ", ".join(getattr(c, "aliases", ()) or ()), _choices(c))
        for c in sheet.columns
    ]
    return "\n".join([
        NOTE.format(source=f"lkj_excel.contract, sheet {sheet.name}"),
        "",
        _table(("Kolom", "Wajib?", "Jenis isi", "Petunjuk di template",
                "Judul lain yang dikenali", "Pilihan (dan sinonimnya)"), rows),
    ])


def _identity_items() -> str:
    from lkj_excel import contract

    rows = [
        (f"**{i.isian}**", _yes(i.required), _kind(i.kind), getattr(i, "example", ""),
         getattr(i, "hint", ""))
        for i in contract.IDENTITY_ITEMS
    ]
    return "\n".join([
        NOTE.format(source="lkj_excel.contract.IDENTITY_ITEMS"),
        "",
        _table(("Isian", "Wajib?", "Jenis isi", "Contoh", "Petunjuk di template"), rows),
    ])


def renderer(name: str) -> Callable[[], str]:
    """The function that renders block `name`; DocsError for a name nobody renders."""
    fixed: dict[str, Callable[[], str]] = {
        "checks": _checks,
        "sheets": _sheets,
        "identity-items": _identity_items,
    }
    if name in fixed:
        return fixed[name]
    if name.startswith("columns:"):
        sheet = name.split(":", 1)[1]
        return lambda: _columns(sheet)
    raise DocsError(f"unknown generated block {name!r}")


# --- pages --------------------------------------------------------------------------


def update(text: str, where: str = "") -> str:
    """`text` with every generated block rendered afresh."""
    names = BEGIN.findall(text)
    blocks = list(BLOCK.finditer(text))
    if len(blocks) != len(names):
        found = {m.group("name") for m in blocks}
        broken = [n for n in names if n not in found] or names
        raise DocsError(f"{where}: BEGIN GENERATED without a matching END: {', '.join(broken)}")

    def render(m: re.Match) -> str:
        body = renderer(m.group("name"))().rstrip("\n") + "\n"
        return m.group("begin") + body + m.group("end")

    return BLOCK.sub(render, text)


def pages(docs_dir: Path = DOCS) -> list[Path]:
    """The docs pages that may hold generated blocks."""
    return sorted(Path(docs_dir).glob("*.md"))


def stale(docs_dir: Path = DOCS) -> list[Path]:
    """The pages whose generated blocks differ from what the code gives now."""
    out = []
    for page in pages(docs_dir):
        text = page.read_text("utf-8")
        if update(text, str(page)) != text:
            out.append(page)
    return out


def write(docs_dir: Path = DOCS) -> list[Path]:
    """Rewrite the stale pages in place; return them."""
    changed = []
    for page in pages(docs_dir):
        text = page.read_text("utf-8")
        new = update(text, str(page))
        if new != text:
            page.write_text(new, "utf-8")
            changed.append(page)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rewrite the generated blocks of docs/*.md.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 and name each stale page")
    parser.add_argument("--dir", type=Path, default=DOCS, help="the docs folder (default: docs/)")
    args = parser.parse_args(argv)
    try:
        if args.check:
            old = stale(args.dir)
            for page in old:
                print(f"stale: {page} (run: python docs/generate.py)")
            return 1 if old else 0
        for page in write(args.dir):
            print(f"rewrote {page}")
    except DocsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(DOCS.parent))  # the docs describe this checkout's code
    sys.exit(main())
