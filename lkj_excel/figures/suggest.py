"""Suggested codes (docs/pemeriksaan.md#kode-yang-disarankan): for a row whose Kode is
malformed, a repeat of another row's, or unknown to the nomenclature, the code it most
likely means, from its Uraian and the nomenclature (built-in plus settings).

In this order: (1) the one code of the row's level (by its placement) whose name equals the
Uraian; (2) the one code of any level whose name equals it; (3) among the nomenclature's
children of the row it was placed under (of that row's suggestion when that row is itself
mistyped; the programs for a program row), the one whose name is most similar, when the
similarity is at least 0.9 and no other candidate ties it. Names compare lower-cased without
spaces and punctuation. A suggestion is never the row's own code.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..codes import Nomenclature, code_key, is_valid, level_of_key
from ..contract import norm_loose
from ..model import Budget, BudgetRow

SIMILAR = 0.9


def similarity(a: str, b: str) -> float:
    """max of SequenceMatcher's ratio both ways (it is not symmetric)."""
    return max(SequenceMatcher(None, a, b, autojunk=False).ratio(),
               SequenceMatcher(None, b, a, autojunk=False).ratio())


def mistyped(row: BudgetRow, budget: Budget, nomen: Nomenclature) -> bool:
    """Whether a Kode finding names this row: a malformed code, a repeat that does not keep
    the code, or a valid code under a covered program that the nomenclature lacks."""
    code = row.kode.value
    if code is None or row.is_total:
        return False
    if not is_valid(code):
        return True
    key = code_key(code)
    if budget.by_key.get(key) is not row:
        return True  # a repeat: another row keeps the code
    return nomen.covers(key) and nomen.name(key) is None


def suggest(budget: Budget, nomen: Nomenclature) -> None:
    """Set `suggested` (a code key) on every mistyped row that has a suggestion, in input
    order (a row's parent, placed above it, is settled first)."""
    for r in budget.rows:
        r.suggested = None
    for r in budget.rows:
        if mistyped(r, budget, nomen):
            r.suggested = _suggestion(r, budget, nomen)


def _suggestion(r: BudgetRow, budget: Budget, nomen: Nomenclature) -> tuple[str, ...] | None:
    uraian = r.uraian.value
    if not uraian:
        return None
    own = code_key(r.kode.value) if is_valid(r.kode.value) else None
    named = [k for k in nomen.with_name(uraian) if k != own]
    level = r.level
    same_level = [k for k in named if level_of_key(k) == level]
    if len(same_level) == 1:
        return same_level[0]
    if len(named) == 1:
        return named[0]
    base = _base(r, budget, nomen)
    if level != 1 and base is None:
        return None  # placed under nothing, or under a mistyped row without a suggestion
    candidates = [k for k in nomen.children(base) if k != own]
    name = norm_loose(uraian)
    scored = sorted(((similarity(name, norm_loose(nomen.name(k))), k) for k in candidates),
                    reverse=True)
    if not scored or scored[0][0] < SIMILAR:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None  # a tie: no suggestion
    return scored[0][1]


def _base(r: BudgetRow, budget: Budget, nomen: Nomenclature) -> tuple[str, ...] | None:
    """The code whose children a row's suggestion is looked for among: the row it was placed
    under (its suggestion when that row is itself mistyped); None for a program."""
    parent = r.parent
    if r.level == 1 or parent is None:
        return None
    if mistyped(parent, budget, nomen):
        return parent.suggested
    return code_key(parent.kode.value)
