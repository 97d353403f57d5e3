"""Additions to the office's styles.xml: the cell formats of the Hasil Pemeriksaan sheet and
the differential formats (fills) of the marks. Existing entries are never changed or
renumbered; an entry equal to one already there is reused, so a second check adds nothing.
"""

from __future__ import annotations

import re

from .xmltext import (
    MAIN_NS,
    El,
    append_child,
    children,
    esc,
    get_attr,
    insert_child,
    replace,
    root,
    set_attr,
)

ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
         "dxfs", "tableStyles", "colors", "extLst")
_ITEM = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border",
         "cellXfs": "xf", "dxfs": "dxf"}
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9,
                    "0.00%": 10, "@": 49}
EMPTY = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN_NS}">'
         '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
         '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill '
         'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/>'
         '<bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" '
         'fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" '
         'fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle '
         'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def argb(color: str) -> str:
    return "FF" + color.lstrip("#").upper()


class Styles:
    """styles.xml as text, with `xf(spec)` and `dxf_fill(color)` adding what is missing."""

    def __init__(self, text: str | None) -> None:
        self.text = text or EMPTY
        self.p = root(self.text).prefix
        self._xf: dict[tuple, int] = {}

    def _list(self, name: str) -> El:
        top = root(self.text)
        for c in children(self.text, top):
            if c.local == name:
                return c
        new = f'<{self.p}{name} count="0"></{self.p}{name}>'
        self.text = insert_child(self.text, top, new, name, ORDER)
        return self._list(name)

    def items(self, name: str) -> list[str]:
        el = self._list(name)
        return [self.text[c.start:c.end] for c in children(self.text, el)
                if c.local == _ITEM[name]]

    def add(self, name: str, item: str) -> int:
        """The index of `item` in list `name` (appended when no equal entry exists)."""
        items = self.items(name)
        if item in items:
            return items.index(item)
        self.text = append_child(self.text, self._list(name), item)
        el = self._list(name)
        count = len(items) + 1
        self.text = replace(self.text, el.start, el.head,
                            set_attr(el.tag(self.text), "count", str(count)))
        return count - 1

    def numfmt(self, code: str) -> int:
        if code in _BUILTIN_FORMATS:
            return _BUILTIN_FORMATS[code]
        ids = []
        for item in self.items("numFmts"):
            fid = int(get_attr(item, "numFmtId") or 0)
            ids.append(fid)
            if get_attr(item, "formatCode") == code:
                return fid
        fid = max([163, *ids]) + 1
        self.add("numFmts", f'<{self.p}numFmt numFmtId="{fid}" formatCode="{esc(code)}"/>')
        return fid

    def _base_font(self) -> str:
        """The name, family and scheme of the workbook's default font."""
        fonts = self.items("fonts")
        first = fonts[0] if fonts else ""
        keep = re.findall(r"<(?:\w+:)?(?:name|rFont|family|scheme)\b[^>]*/>", first)
        return "".join(keep) or f'<{self.p}name val="Calibri"/><{self.p}family val="2"/>'

    def _font(self, spec: dict) -> int:
        p = self.p
        parts = []
        if spec.get("bold"):
            parts.append(f"<{p}b/>")
        if spec.get("italic"):
            parts.append(f"<{p}i/>")
        if spec.get("underline"):
            parts.append(f"<{p}u/>")
        parts.append(f'<{p}sz val="{spec.get("font_size", 11)}"/>')
        if spec.get("font_color"):
            parts.append(f'<{p}color rgb="{argb(spec["font_color"])}"/>')
        return self.add("fonts", f"<{p}font>{''.join(parts)}{self._base_font()}</{p}font>")

    def _fill(self, color: str | None) -> int:
        if not color:
            return 0
        p = self.p
        return self.add("fills", f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor '
                                 f'rgb="{argb(color)}"/><{p}bgColor indexed="64"/>'
                                 f"</{p}patternFill></{p}fill>")

    def _border(self, spec: dict) -> int:
        if not spec.get("border"):
            return 0
        p, color = self.p, argb(spec.get("border_color", "#000000"))
        sides = "".join(f'<{p}{s} style="thin"><{p}color rgb="{color}"/></{p}{s}>'
                        for s in ("left", "right", "top", "bottom"))
        return self.add("borders", f"<{p}border>{sides}<{p}diagonal/></{p}border>")

    def xf(self, spec: dict) -> int:
        """The cellXfs index of a cell format given as XlsxWriter-style properties (bold,
        italic, underline, font_size, font_color, bg_color, border, border_color, text_wrap,
        valign, num_format)."""
        key = tuple(sorted(spec.items()))
        if key in self._xf:
            return self._xf[key]
        p = self.p
        num = self.numfmt(spec.get("num_format", "General"))
        font, fill, border = self._font(spec), self._fill(spec.get("bg_color")), self._border(spec)
        align = []
        if spec.get("text_wrap"):
            align.append('wrapText="1"')
        if spec.get("valign"):
            align.append(f'vertical="{spec["valign"]}"')
        body = f"<{p}alignment {' '.join(align)}/>" if align else ""
        head = (f'<{p}xf numFmtId="{num}" fontId="{font}" fillId="{fill}" borderId="{border}" '
                f'xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"'
                f'{" applyAlignment=" + chr(34) + "1" + chr(34) if body else ""}')
        item = f"{head}>{body}</{p}xf>" if body else f"{head}/>"
        self._xf[key] = index = self.add("cellXfs", item)
        return index

    def dxf_fill(self, color: str) -> int:
        """The dxfs index of a solid fill (a conditional format's look)."""
        p, c = self.p, argb(color)
        return self.add("dxfs", f'<{p}dxf><{p}fill><{p}patternFill patternType="solid"><{p}fgColor '
                                f'rgb="{c}"/><{p}bgColor rgb="{c}"/></{p}patternFill></{p}fill></{p}dxf>')
