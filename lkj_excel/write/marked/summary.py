"""The Hasil Pemeriksaan sheet as worksheet XML (for the office's own package), drawn from
`notes.summary`'s rows; cell formats are cellXfs indices made by `stylesheet.Styles`."""

from __future__ import annotations

from .comments import ref
from .notes import STYLES, Layout, Link
from .stylesheet import Styles
from .xmltext import MAIN_NS, REL_NS, esc


def sheet_xml(layout: Layout, styles: Styles) -> str:
    xf = {name: styles.xf(spec) for name, spec in STYLES.items()}
    width = len(layout.widths)
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                   for i, w in enumerate(layout.widths, 1))
    rows = []
    for r, cells in enumerate(layout.rows, 1):
        out = []
        for c, cell in enumerate(cells, 1):
            if cell is None:
                continue
            style, value = cell
            out.append(_cell(ref(r, c), xf[style], value))
        height = layout.height(r - 1)
        ht = f' ht="{height}" customHeight="1"' if height else ""
        rows.append(f'<row r="{r}"{ht}>{"".join(out)}</row>' if out else f'<row r="{r}"{ht}/>')
    top = layout.header_row + 2  # first finding row, 1-based
    last = max(len(layout.rows), 1)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
            f'<sheetPr><tabColor rgb="FFC00000"/><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="A1:{ref(last, width)}"/>'
            f'<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
            f'<pane ySplit="{top - 1}" topLeftCell="A{top}" activePane="bottomLeft" state="frozen"/>'
            f'<selection pane="bottomLeft" activeCell="A{top}" sqref="A{top}"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
            f'<sheetData>{"".join(rows)}</sheetData>'
            f'<printOptions gridLines="0"/>'
            f'<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
            f'<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
            f'<headerFooter><oddFooter>&amp;L&amp;A&amp;RHalaman &amp;P dari &amp;N</oddFooter>'
            f'</headerFooter></worksheet>')


def _cell(at: str, s: int, value) -> str:
    if value is None or value == "":
        return f'<c r="{at}" s="{s}"/>'
    if isinstance(value, Link):
        return (f'<c r="{at}" s="{s}" t="str"><f>{esc(value.formula)}</f>'
                f"<v>{esc(value.text)}</v></c>")
    if isinstance(value, bool):
        return f'<c r="{at}" s="{s}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{at}" s="{s}"><v>{value!r}</v></c>'
    return (f'<c r="{at}" s="{s}" t="inlineStr"><is><t xml:space="preserve">{esc(value)}</t>'
            f"</is></c>")
