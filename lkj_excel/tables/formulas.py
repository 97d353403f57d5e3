"""Formula intents: what a derived value of a table computes (see model.Formula)."""

from __future__ import annotations

import functools
from fractions import Fraction

from .model import Formula, Ref, Rows, Span


def quote(text: str) -> str:
    """A string literal inside a formula."""
    return '"' + str(text).replace('"', '""') + '"'


def sum_rows(col: str, rows: list[int]) -> Formula:
    """The sum of some rows of a column of the same table."""
    return Formula("sum", None, Rows(col, rows))


def sum_span(span: Span) -> Formula:
    return Formula("sum", "=SUM({0})", span)


def ratio(num: Ref, den: Ref) -> Formula:
    """num ÷ den (serapan, a percentage)."""
    return Formula("ratio", "={0}/{1}", num, den)


def difference(a: Ref, b: Ref) -> Formula:
    """a − b (sisa, selisih)."""
    return Formula("difference", "={0}-{1}", a, b)


def ref(cell: Ref) -> Formula:
    """The value of another cell (usually of another table)."""
    return Formula("ref", "={0}", cell)


def not_known() -> Formula:
    """A figure that is not known (#N/A)."""
    return Formula("not_known", "=NA()")


def capaian(target: Ref, realisasi: Ref, arah: str) -> Formula:
    """Realisasi ÷ Target (Arah Naik), (2 × Target − Realisasi) ÷ Target (Arah Turun)."""
    if arah == "Turun":
        return Formula("capaian", "=(2*{0}-{1})/{0}", target, realisasi)
    return Formula("capaian", "={1}/{0}", target, realisasi)


def average(span: Span) -> Formula:
    return Formula("average", "=AVERAGE({0})", span)


@functools.lru_cache(maxsize=32)
def _predikat_template(batas: tuple[float, ...], label: tuple[str, ...], suffix: str = "") -> str:
    """Nested IF over the bands, from the unrounded capaian (ROUND to 12 places only removes
    floating-point noise, so 0.819/0.9 counts as 91%), `suffix` joined to the label."""
    def literal(text: str) -> str:  # a label inside a str.format template
        return quote(text).replace("{", "{{").replace("}", "}}")

    expr = literal(label[-1])
    bands = [(repr(float(Fraction(repr(float(bound))) / 100)), literal(lab))
             for bound, lab in zip(batas, label, strict=False)]
    for frac, lab in reversed(bands):
        expr = f"IF(ROUND({{0}},12)>={frac},{lab},{expr})"
    return "=" + expr + (f"&{literal(suffix)}" if suffix else "")


def predikat(capaian_cell: Ref, settings, suffix: str = "") -> Formula:
    """The predikat band of a capaian cell, from the settings' bands; `suffix` is joined to
    the label (` (terhadap target tahunan)`)."""
    return Formula("predikat", _predikat_template(tuple(settings.batas), tuple(settings.label),
                                                  suffix), capaian_cell)


def formula(op: str, template: str, *args: Ref | Span) -> Formula:
    """Any other intent, named by `op` (count_if, first_of_key, status ...)."""
    return Formula(op, template, *args)
