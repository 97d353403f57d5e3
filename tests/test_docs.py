"""The project documents itself (issue 10, item 5): the generated blocks of docs/*.md are
current (and the check notices when they are not), every check and every contract sheet
is documented, and every relative link in docs/*.md and README.md points at a file (and
heading) that exists."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from lkj_excel import contract, findings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GENERATOR = DOCS / "generate.py"


def _load_generator():
    spec = importlib.util.spec_from_file_location("docs_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.fixture
def docs_copy(tmp_path: Path) -> Path:
    """A copy of docs/*.md to change."""
    for page in DOCS.glob("*.md"):
        shutil.copy(page, tmp_path / page.name)
    return tmp_path


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(GENERATOR), *args], capture_output=True,
                          text=True, cwd=ROOT)


# --- generated blocks -----------------------------------------------------------------


def test_generated_blocks_are_current():
    assert gen.stale(DOCS) == [], "a generated docs block is stale: run python docs/generate.py"


def test_check_command_passes_on_the_repository():
    result = _run("--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_pages_hold_the_generated_blocks():
    def names(page: str) -> list[str]:
        return gen.BEGIN.findall((DOCS / page).read_text("utf-8"))

    assert names("pemeriksaan.md") == ["checks"]
    assert names("mengisi-template.md") == (
        ["sheets"] + [f"columns:{s.name}" for s in contract.SHEETS[:1]] + ["identity-items"]
        + [f"columns:{s.name}" for s in contract.SHEETS[1:]])


def test_checks_block_lists_the_catalogue_in_order():
    text = (DOCS / "pemeriksaan.md").read_text("utf-8")
    rows = re.findall(r"^\| \[`([^`]+)`\]\(#[^)]+\) \| (\w+) \| (.+) \|$", text, re.M)
    severity = {"error": "kesalahan", "warning": "peringatan"}
    assert rows == [(c.id, severity[c.severity], c.description) for c in findings.CATALOGUE]


def test_a_changed_catalogue_makes_pemeriksaan_stale(monkeypatch, docs_copy):
    first = findings.CATALOGUE[0]
    changed = types.SimpleNamespace(id=first.id, severity=first.severity,
                                    description="Deskripsi yang sudah diubah.")
    monkeypatch.setattr(findings, "CATALOGUE", (changed, *findings.CATALOGUE[1:]))
    page = docs_copy / "pemeriksaan.md"
    assert gen.stale(docs_copy) == [page]
    assert gen.write(docs_copy) == [page]
    assert f"| [`{first.id}`](#{gen.anchor(first.id)}) | kesalahan | Deskripsi yang sudah diubah. |" \
        in page.read_text("utf-8")
    assert gen.stale(docs_copy) == []


def test_a_new_check_makes_pemeriksaan_stale(monkeypatch, docs_copy):
    new = types.SimpleNamespace(id="budget.example", severity="warning",
                                description="Pemeriksaan contoh.")
    monkeypatch.setattr(findings, "CATALOGUE", (*findings.CATALOGUE, new))
    assert gen.stale(docs_copy) == [docs_copy / "pemeriksaan.md"]
    gen.write(docs_copy)
    text = (docs_copy / "pemeriksaan.md").read_text("utf-8")
    assert "| [`budget.example`](#budgetexample) | peringatan | Pemeriksaan contoh. |" in text


def test_a_changed_column_makes_mengisi_template_stale(monkeypatch, docs_copy):
    pk = contract.SHEETS[1]
    target = pk.column("Target")
    column = dataclasses.replace(target, hint="Petunjuk yang sudah diubah.",
                                 aliases=("Target Tahun Ini",))
    sheet = dataclasses.replace(pk, columns=tuple(column if c is target else c
                                                  for c in pk.columns))
    monkeypatch.setattr(contract, "SHEETS", tuple(sheet if s is pk else s
                                                  for s in contract.SHEETS))
    page = docs_copy / "mengisi-template.md"
    assert gen.stale(docs_copy) == [page]
    gen.write(docs_copy)
    assert ("| **Target** | Ya | angka (persen bila Satuan persen) | Petunjuk yang sudah diubah. "
            "| Target Tahun Ini |   |") in page.read_text("utf-8")
    assert gen.stale(docs_copy) == []


def test_a_changed_identity_item_makes_mengisi_template_stale(monkeypatch, docs_copy):
    items = contract.IDENTITY_ITEMS
    changed = dataclasses.replace(items[0], example="Kecamatan Contoh")
    monkeypatch.setattr(contract, "IDENTITY_ITEMS", (changed, *items[1:]))
    assert gen.stale(docs_copy) == [docs_copy / "mengisi-template.md"]
    gen.write(docs_copy)
    assert "| **Perangkat Daerah** | Ya | teks | Kecamatan Contoh |" in \
        (docs_copy / "mengisi-template.md").read_text("utf-8")


def test_check_command_names_the_stale_page_and_writes_nothing(docs_copy):
    page = docs_copy / "pemeriksaan.md"
    original = page.read_text("utf-8")
    edited = original.replace("| kesalahan | Sel wajib kosong. |", "| kesalahan | Sel kosong. |")
    assert edited != original
    page.write_text(edited, "utf-8")
    result = _run("--check", "--dir", str(docs_copy))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"stale: {page} (run: python docs/generate.py)"]
    assert page.read_text("utf-8") == edited
    assert _run("--dir", str(docs_copy)).returncode == 0
    assert page.read_text("utf-8") == original
    assert _run("--check", "--dir", str(docs_copy)).returncode == 0


def test_hand_written_text_outside_blocks_is_kept(docs_copy):
    page = docs_copy / "pemeriksaan.md"
    text = page.read_text("utf-8").replace("## Temuan\n", "## Temuan\n\nKalimat tambahan.\n")
    page.write_text(text, "utf-8")
    assert gen.stale(docs_copy) == []
    gen.write(docs_copy)
    assert page.read_text("utf-8") == text


def test_a_broken_marker_or_unknown_block_is_an_error(docs_copy):
    page = docs_copy / "extra.md"
    page.write_text("<!-- BEGIN GENERATED: checks -->\nno end\n", "utf-8")
    result = _run("--check", "--dir", str(docs_copy))
    assert result.returncode == 2
    assert "BEGIN GENERATED without a matching END: checks" in result.stderr
    page.write_text("<!-- BEGIN GENERATED: nothing -->\n<!-- END GENERATED: nothing -->\n",
                    "utf-8")
    with pytest.raises(gen.DocsError, match="unknown generated block 'nothing'"):
        gen.stale(docs_copy)
    page.write_text("<!-- BEGIN GENERATED: columns:Lampiran -->\n"
                    "<!-- END GENERATED: columns:Lampiran -->\n", "utf-8")
    with pytest.raises(gen.DocsError, match="no contract sheet named 'Lampiran'"):
        gen.stale(docs_copy)


# --- hand-written sections ----------------------------------------------------------------


def test_every_check_has_a_section_and_every_section_a_check():
    text = (DOCS / "pemeriksaan.md").read_text("utf-8")
    sections = re.findall(r"^### `([^`]+)`$", text, re.M)
    ids = [c.id for c in findings.CATALOGUE]
    assert sorted(sections) == sorted(ids)


def test_every_contract_sheet_has_a_section():
    text = (DOCS / "mengisi-template.md").read_text("utf-8")
    for sheet in contract.SHEETS:
        assert re.search(rf"^## Sheet {re.escape(sheet.name)}$", text, re.M), sheet.name


# --- links ---------------------------------------------------------------------------------

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
HEADING = re.compile(r"^#{1,6} +(.+?) *#*$", re.M)


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings, as GitHub makes them (a repeated heading gets
    `-1`, `-2`, ...)."""
    text = FENCE.sub("", page.read_text("utf-8"))
    out: set[str] = set()
    for heading in HEADING.findall(text):
        base = gen.anchor(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading))
        name, n = base, 1
        while name in out:
            name, n = f"{base}-{n}", n + 1
        out.add(name)
    return out


def broken_links(page: Path) -> list[str]:
    """Each relative link of `page` whose file (or `#anchor` in a Markdown file) is missing."""
    text = FENCE.sub("", page.read_text("utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)  # links quoted as code are not links
    problems = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        path, _, fragment = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        if not dest.exists():
            problems.append(f"{page.name}: {target} (no such file)")
        elif fragment and dest.suffix == ".md" and fragment not in anchors(dest):
            problems.append(f"{page.name}: {target} (no such heading)")
    return problems


LINKED_PAGES = sorted(DOCS.glob("*.md")) + [ROOT / "README.md"]


@pytest.mark.parametrize("page", LINKED_PAGES, ids=lambda p: p.name)
def test_relative_links_resolve(page):
    assert broken_links(page) == []


def test_the_link_check_finds_a_missing_file_and_a_missing_heading(tmp_path):
    (tmp_path / "b.md").write_text("# Judul\n\n## Bagian `cell.invalid`\n", "utf-8")
    page = tmp_path / "a.md"
    page.write_text(
        "# A\n\n[ada](b.md#bagian-cellinvalid) [tidak ada](c.md) "
        "[judul salah](b.md#bagian-lain) [di sini](#a) [web](https://example.org/x)\n"
        "`[kode](d.md)`\n\n```\n[blok](e.md)\n```\n", "utf-8")
    assert broken_links(page) == ["a.md: c.md (no such file)",
                                  "a.md: b.md#bagian-lain (no such heading)"]


def test_docs_need_nothing_outside_the_repository():
    for page in LINKED_PAGES:
        assert "/work/shared" not in page.read_text("utf-8"), page.name


# --- the code cites these pages, never the spec ---------------------------------------------
#
# The product spec (template.md, checks.md, output.md, archive.md, document.md,
# sample-entry.md) is not part of this repository. Comments and docstrings in lkj_excel/ cite
# the page that explains a rule as `docs/<page>.md#<anchor>` (or `docs/<page>.md, "Heading"`).

SPEC_CITATION = re.compile(
    r"(?<![\w./-])(?:template|checks|output|archive|document|sample-entry)\.md\b")
DOCS_CITATION = re.compile(r"\bdocs/([\w.-]+?\.md)(?:#([\w-]+)|,\s*\"([^\"\n]+)\")?")
PACKAGE = ROOT / "lkj_excel"


def _text_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def spec_citations(files: list[Path]) -> list[str]:
    """`file:line: name` for every mention of a spec file name."""
    out = []
    for path in files:
        for n, line in enumerate(path.read_text("utf-8", "replace").splitlines(), 1):
            out += [f"{path.name}:{n}: {m.group(0)}" for m in SPEC_CITATION.finditer(line)]
    return out


def docs_citations(root: Path) -> list[tuple[str, str, str | None, str | None]]:
    """(where, page, anchor, quoted heading) of every `docs/<page>.md` cited under `root`."""
    out = []
    for path in _text_files(root):
        text = path.read_text("utf-8", "replace")
        for m in DOCS_CITATION.finditer(text):
            where = f"{path.relative_to(root)}:{text.count(chr(10), 0, m.start()) + 1}"
            out.append((where, m.group(1), m.group(2), m.group(3)))
    return out


def citation_problems(root: Path, docs: Path) -> list[str]:
    """Each citation under `root` of a page missing from `docs`, or of a heading (anchor or
    quoted title) that page does not have."""
    problems = []
    for where, page, fragment, heading in docs_citations(root):
        dest = docs / page
        if not dest.is_file():
            problems.append(f"{where}: docs/{page} (no such page)")
            continue
        wanted = fragment if fragment is not None else (
            gen.anchor(heading) if heading is not None else None)
        if wanted is not None and wanted not in anchors(dest):
            problems.append(f"{where}: docs/{page} {fragment or repr(heading)} (no such heading)")
    return problems


def test_the_code_cites_no_spec_file():
    assert spec_citations(_text_files(PACKAGE)) == []


def test_the_docs_cite_no_spec_file():
    assert spec_citations(LINKED_PAGES) == []


def test_every_docs_page_the_code_cites_exists_with_its_heading():
    cited = docs_citations(PACKAGE)
    assert len(cited) >= 80  # the citations are found at all
    assert {page for _, page, _, _ in cited} >= {
        "mengisi-template.md", "pemeriksaan.md", "angka.md", "keluaran.md", "dokumen.md",
        "arsip.md"}
    assert citation_problems(PACKAGE, DOCS) == []


def test_the_citation_checks_find_spec_names_missing_pages_and_headings(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Judul\n\n## Bagian `cell.invalid`\n", "utf-8")
    code = tmp_path / "pkg"
    code.mkdir()
    (code / "m.py").write_text(
        '"""Rules (docs/a.md#bagian-cellinvalid, docs/a.md, "Judul"; see docs/a.md).\n\n'
        "Also docs/mengisi-template.md and mengisi-template.md are no spec names.\n"
        '"""\n'
        "# (template.md, \"Merged cells\") and checks.md\n"
        "# docs/b.md#x, docs/a.md#lain, docs/a.md, \"Bagian Lain\"\n", "utf-8")
    assert spec_citations(_text_files(code)) == ["m.py:5: template.md", "m.py:5: checks.md"]
    assert citation_problems(code, docs) == [
        "m.py:3: docs/mengisi-template.md (no such page)",
        "m.py:6: docs/b.md (no such page)",
        "m.py:6: docs/a.md lain (no such heading)",
        "m.py:6: docs/a.md 'Bagian Lain' (no such heading)",
    ]
