"""Data flows one way: read -> figures -> checks (issue 10). The reader knows nothing of the
figures and the checks; the figures nothing of the checks or how a file is read; the
checks nothing of the writers; the shared types (model, contract, catalogue) nothing of any
step. Read from the source with ast, so a wrong import fails here, not in review."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lkj_excel"

STEPS = ("read", "figures", "checks", "write", "pipeline", "process", "batch", "api", "cli")
BASE = ("model", "contract", "codes", "money", "findings", "catalogue", "settings")

# module (or package) -> the lkj_excel modules and packages it must not import
FORBIDDEN = {
    **{m: STEPS for m in BASE},
    "read": tuple(s for s in STEPS if s != "read"),
    "figures": tuple(s for s in STEPS if s != "figures"),
    "checks": tuple(s for s in STEPS if s not in ("checks", "figures", "read")),
}


def _imports(path: Path) -> set[str]:
    """The lkj_excel modules `path` imports, as dotted names below lkj_excel."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
            elif node.module and node.module.startswith("lkj_excel"):
                base = []
            else:
                continue
            module = node.module or ""
            if module.startswith("lkj_excel"):
                module = module[len("lkj_excel"):].lstrip(".")
            target = base + (module.split(".") if module else [])
            for alias in node.names:
                out.add(".".join(target + [alias.name]) if not module else ".".join(target))
                out.add(".".join(target))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("lkj_excel."):
                    out.add(alias.name[len("lkj_excel."):])
    return {m for m in out if m}


def _owner(path: Path) -> str:
    return path.relative_to(PACKAGE).with_suffix("").parts[0]


@pytest.mark.parametrize("owner", sorted(FORBIDDEN))
def test_no_import_against_the_flow(owner):
    paths = [p for p in PACKAGE.rglob("*.py") if _owner(p) == owner]
    assert paths, owner
    wrong = sorted(f"{p.relative_to(PACKAGE)} imports {m}" for p in paths for m in _imports(p)
                   if m.split(".")[0] in FORBIDDEN[owner])
    assert wrong == []


def test_checks_take_from_the_reader_only_how_a_raw_value_is_shown():
    used = {m for p in (PACKAGE / "checks").glob("*.py") for m in _imports(p)
            if m.split(".")[0] == "read"}
    assert used <= {"read", "read.reader"}


def test_the_import_reader_sees_relative_imports():
    """The scanner itself: it resolves `from ..figures.lists import X` and `from . import y`."""
    assert "figures.lists" in _imports(PACKAGE / "checks" / "facilitation.py")
    assert "checks.pk" in _imports(PACKAGE / "checks" / "__init__.py")
    assert "read.reader" in _imports(PACKAGE / "checks" / "pk.py")
