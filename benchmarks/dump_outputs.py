"""Dump written workbooks by content, to compare the outputs of two versions of the tool.

    python benchmarks/dump_outputs.py make DIR        # write the outputs of this checkout to DIR
    python benchmarks/dump_outputs.py compare A B     # compare two such folders, list differences

`make` runs the installed `lkj_excel` on: the sample, the sample's findings variant, the
benchmark workbook (a) at scale 0.25 with and without mistakes, a batch of the sample and
the mistake variant (its Rekap), and the template. Each written workbook is dumped to JSON
(`<name>.json`): per sheet every cell (value, type, formula, number format, font, fill,
border, alignment), merged ranges, column widths and outline levels, row heights and
outline levels, frozen panes, print titles, page setup, margins, header and footer,
manual page breaks, autofilter, data validations, comments; and every chart part's XML.
Comparing by content, never by bytes: the order in which formats and shared strings are
first used (and the creation time) may change without changing what a user sees.

It is a development tool (issue 10: "every output unchanged"); it needs openpyxl.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

RUN_TIME = "2024-01-02T03:04:05"


def _style(cell) -> dict:
    f, fill, b, a = cell.font, cell.fill, cell.border, cell.alignment

    def side(s):
        return None if s is None or s.style is None else [s.style, _color(s.color)]

    return {
        "fmt": cell.number_format,
        "font": [f.name, f.sz, f.b, f.i, f.u, _color(f.color)],
        "fill": [fill.fill_type, _color(fill.fgColor)] if fill.fill_type else None,
        "border": [side(b.left), side(b.right), side(b.top), side(b.bottom)],
        "align": [a.horizontal, a.vertical, a.wrap_text, a.indent, a.shrink_to_fit],
        "prot": [cell.protection.locked, cell.protection.hidden],
    }


def _color(c):
    if c is None:
        return None
    return c.rgb if c.type == "rgb" else f"{c.type}:{c.value}"


def _value(v):
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def dump_workbook(path: Path) -> dict:
    from openpyxl import load_workbook

    wb_f = load_workbook(path)  # formulas
    wb_v = load_workbook(path, data_only=True)  # cached values
    out: dict = {"sheets": {}, "sheet_order": wb_f.sheetnames, "charts": {}}
    for ws in wb_f.worksheets:
        wv = wb_v[ws.title]
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                cv = wv[c.coordinate].value
                cells[c.coordinate] = {"v": _value(c.value), "cached": _value(cv),
                                       "t": c.data_type, **_style(c)}
        ps = ws.page_setup
        sp = ws.sheet_properties
        out["sheets"][ws.title] = {
            "state": ws.sheet_state,
            "cells": cells,
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "cols": {k: [d.width, d.hidden, d.outlineLevel, d.collapsed, d.min, d.max]
                     for k, d in sorted(ws.column_dimensions.items())},
            "rows": {k: [d.height, d.hidden, d.outlineLevel] for k, d in sorted(ws.row_dimensions.items())
                     if d.height is not None or d.hidden or d.outlineLevel},
            "freeze": ws.freeze_panes,
            "print_titles": [ws.print_title_rows, ws.print_title_cols],
            "print_area": ws.print_area,
            "page": [ps.orientation, ps.paperSize, ps.fitToWidth, ps.fitToHeight, ps.scale,
                     sp.pageSetUpPr.fitToPage if sp.pageSetUpPr else None],
            "outline": [sp.outlinePr.summaryBelow, sp.outlinePr.summaryRight] if sp.outlinePr else None,
            "margins": [ws.page_margins.left, ws.page_margins.right, ws.page_margins.top,
                        ws.page_margins.bottom, ws.page_margins.header, ws.page_margins.footer],
            "header_footer": [ws.oddHeader.left.text, ws.oddHeader.center.text, ws.oddHeader.right.text,
                              ws.oddFooter.left.text, ws.oddFooter.center.text, ws.oddFooter.right.text],
            "row_breaks": [b.id for b in ws.row_breaks.brk],
            "col_breaks": [b.id for b in ws.col_breaks.brk],
            "autofilter": ws.auto_filter.ref,
            "validations": sorted([str(v.sqref), v.type, v.formula1, v.formula2, v.allow_blank,
                                   v.showInputMessage, v.promptTitle, v.prompt, v.showErrorMessage,
                                   v.errorTitle, v.error] for v in ws.data_validations.dataValidation),
            "comments": {c.coordinate: [c.comment.text, c.comment.author]
                         for row in ws.iter_rows() for c in row if c.comment is not None},
            "conditional": sorted(str(r.sqref) for r in ws.conditional_formatting),
            "protection": ws.protection.sheet,
        }
    with zipfile.ZipFile(path) as zf:
        for name in sorted(zf.namelist()):
            if name.startswith("xl/charts/") or name.startswith("xl/drawings/") \
                    or name in ("xl/workbook.xml",):
                text = zf.read(name).decode("utf-8")
                out["charts"][name] = text
    return out


def _fix_zip(path: Path) -> None:
    """Give a workbook saved by openpyxl fixed timestamps, so its bytes (and SHA-256) repeat."""
    with zipfile.ZipFile(path) as zf:
        parts = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data)


def _lkj(args: list[str], cwd: Path) -> None:
    exe = shutil.which("lkj-excel") or "lkj-excel"
    subprocess.run([exe, *args], cwd=cwd, check=False, capture_output=True)


def make(dest: Path) -> None:
    """Write the outputs of this checkout to `dest` and dump them."""
    import generate
    from openpyxl import load_workbook

    dest.mkdir(parents=True, exist_ok=True)
    dest = dest.resolve()
    work = dest / "work"
    if work.exists():
        shutil.rmtree(work)
    inputs = work / "in"
    inputs.mkdir(parents=True)
    sample = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
    shutil.copy(sample, inputs / "sample.xlsx")
    # the findings variant of the sample: a few more mistakes typed in
    wb = load_workbook(sample)
    ws = wb["Realisasi"]
    ws["C6"] = "1.234"
    ws["D7"] = 999
    wb["PK"]["H5"] = None
    wb.save(inputs / "variant.xlsx")
    _fix_zip(inputs / "variant.xlsx")
    scale = float(os.environ.get("LKJ_DUMP_SCALE", "0.25"))
    generate.big_workbook(inputs / "big.xlsx", scale=scale, seed=1)
    generate.big_workbook(inputs / "bigf.xlsx", scale=scale, seed=1, findings=True)
    os.chdir(work)  # relative paths: the outputs name their inputs the same way in any DEST
    inputs = Path("in")
    # single files, with a fixed run time through the library
    import lkj_excel.single as P
    from lkj_excel.settings import load_settings

    run_time = dt.datetime.fromisoformat(RUN_TIME).astimezone()
    out = Path("out")
    for name, cfg in (("sample", None), ("variant", None), ("big", inputs / "big.toml"),
                      ("bigf", None)):
        src = inputs / f"{name}.xlsx"
        settings = load_settings(cfg)
        P.process_one(src, src.name, out / f"{name}.xlsx", settings, run_time)
    # a batch: its Rekap
    from lkj_excel.batch import run_batch

    batch_in = Path("batch")
    batch_in.mkdir()
    shutil.copy(inputs / "sample.xlsx", batch_in / "a.xlsx")
    shutil.copy(inputs / "variant.xlsx", batch_in / "b.xlsx")
    (batch_in / "c.xlsx").write_bytes(b"not a workbook")
    import lkj_excel.batch as B

    real_now = dt.datetime

    class _Fixed(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return real_now.fromisoformat(RUN_TIME) if tz is None else real_now.fromisoformat(RUN_TIME).replace(tzinfo=tz)

    B.dt.datetime = _Fixed
    try:
        res = run_batch([str(batch_in)], Path("batch-out"), load_settings(None), 1, None)
    finally:
        B.dt.datetime = real_now
    shutil.copy(res.rekap, out / "rekap.xlsx")
    from lkj_excel.write.template import make_template

    make_template(out / "template.xlsx", {})
    make_template(out / "template-filled.xlsx", {"Perangkat Daerah": "Kecamatan Tempursari",
                                                   "Tahun Anggaran": 2023, "Triwulan": "I"})
    out = work / "out"
    for f in sorted(out.glob("*.xlsx")):
        data = dump_workbook(f)
        (dest / f"{f.stem}.json").write_text(json.dumps(data, indent=1, sort_keys=True,
                                                        ensure_ascii=False, default=str))
        print(f"{f.stem}: {sum(len(s['cells']) for s in data['sheets'].values())} cells")


def _diff(a, b, path: str, out: list[str], limit: int = 60) -> None:
    if len(out) >= limit:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a:
                out.append(f"{path}/{k}: only in B: {str(b[k])[:200]}")
            elif k not in b:
                out.append(f"{path}/{k}: only in A: {str(a[k])[:200]}")
            else:
                _diff(a[k], b[k], f"{path}/{k}", out, limit)
    elif a != b:
        if isinstance(a, str) and isinstance(b, str) and len(a) > 200:
            a = re.sub(r"\s+", " ", a)
            b = re.sub(r"\s+", " ", b)
            i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            out.append(f"{path}: differs at {i}: A …{a[max(0, i - 60):i + 80]}… B …{b[max(0, i - 60):i + 80]}…")
        else:
            out.append(f"{path}: A {str(a)[:200]} != B {str(b)[:200]}")


def compare(a: Path, b: Path) -> int:
    bad = 0
    names = sorted({p.name for p in a.glob("*.json")} | {p.name for p in b.glob("*.json")})
    for name in names:
        pa, pb = a / name, b / name
        if not pa.exists() or not pb.exists():
            print(f"{name}: only in {'B' if not pa.exists() else 'A'}")
            bad += 1
            continue
        out: list[str] = []
        _diff(json.loads(pa.read_text()), json.loads(pb.read_text()), name, out)
        if out:
            bad += 1
            print(f"{name}: DIFFERS")
            for line in out:
                print("  " + line)
        else:
            print(f"{name}: same")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 2 and argv[0] == "make":
        make(Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
