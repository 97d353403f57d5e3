"""The office's .xlsx/.xlsm package (an OPC zip) opened for additions.

Every member is kept as it came, in its order and with its zip settings, unless it is
replaced (`put`) or removed; new members go at the end. Relationships and content types
are edited as text (`xmltext`), so what they held stays.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote

from .xmltext import append_child, esc, get_attr, root

CT_PART = "[Content_Types].xml"
_REL = re.compile(r"<(?:\w+:)?Relationship\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?/?>")
_OVERRIDE = re.compile(r"<(?:\w+:)?Override\b[^>]*?/?>")
_DEFAULT = re.compile(r"<(?:\w+:)?Default\b[^>]*?/?>")
_RID = re.compile(r"^rId(\d+)$")

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument."
CT_WORKSHEET = CT + "spreadsheetml.worksheet+xml"
CT_COMMENTS = CT + "spreadsheetml.comments+xml"
CT_VML = CT + "vmlDrawing"
CT_STYLES = CT + "spreadsheetml.styles+xml"


@dataclass
class Rel:
    id: str
    type: str
    target: str
    external: bool
    part: str | None  # the part it points at (None for an external target)


class Package:
    """The members of a zip package, read once; changes kept until `bytes()`."""

    def __init__(self, data: bytes) -> None:
        from ...read.parts import guard_zip

        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._infos = {i.filename: i for i in self._zip.infolist() if not i.is_dir()}
        guard_zip(self._infos)  # a zip bomb is refused before anything is unpacked
        self._lower = {n.lower(): n for n in self._infos}
        self._new: dict[str, bytes] = {}  # replaced or added members
        self._gone: set[str] = set()

    # --- members ---------------------------------------------------------------------
    def name(self, part: str) -> str | None:
        """The member's name as stored (part names are case-insensitive)."""
        part = part.lstrip("/")
        for n in (part, self._lower.get(part.lower())):
            if n and (n in self._new or n in self._infos) and n not in self._gone:
                return n
        return None

    def has(self, part: str) -> bool:
        return self.name(part) is not None

    def read(self, part: str) -> bytes | None:
        n = self.name(part)
        if n is None:
            return None
        if n in self._new:
            return self._new[n]
        return self._zip.read(n)

    def text(self, part: str) -> str | None:
        data = self.read(part)
        if data is None:
            return None
        for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
            if data.startswith(bom):
                return data[len(bom):].decode(enc)
        return data.decode("utf-8")

    def put(self, part: str, data: bytes | str) -> None:
        n = self.name(part) or part.lstrip("/")
        self._gone.discard(n)
        self._new[n] = data.encode("utf-8") if isinstance(data, str) else data
        self._lower.setdefault(n.lower(), n)

    def remove(self, part: str) -> None:
        n = self.name(part)
        if n is not None:
            self._gone.add(n)
            self._new.pop(n, None)

    def names(self) -> list[str]:
        kept = [n for n in self._infos if n not in self._gone]
        return kept + [n for n in self._new if n not in self._infos and n not in self._gone]

    def changed(self) -> set[str]:
        return {n for n in self._new if n not in self._gone}

    def free(self, pattern: str) -> str:
        """The first part name `pattern.format(n)` (n = 1, 2 ...) not in the package."""
        n = 1
        while self.has(pattern.format(n)):
            n += 1
        return pattern.format(n)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for n in self.names():
                if n in self._infos:
                    old = self._infos[n]
                    info = zipfile.ZipInfo(n, old.date_time)
                    info.compress_type = old.compress_type
                    info.external_attr = old.external_attr
                    info.create_system = old.create_system
                    data = self._new[n] if n in self._new else self._zip.read(n)
                else:
                    info = zipfile.ZipInfo(n, (1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o600 << 16
                    data = self._new[n]
                zf.writestr(info, data)
        return out.getvalue()

    # --- relationships ----------------------------------------------------------------
    @staticmethod
    def rels_name(part: str) -> str:
        folder, base = posixpath.split(part.lstrip("/"))
        return posixpath.join(folder, "_rels", base + ".rels")

    def rels(self, part: str) -> list[Rel]:
        text = self.text(self.rels_name(part))
        if text is None:
            return []
        out = []
        for m in _REL.finditer(text):
            tag = m.group(0)
            target = get_attr(tag, "Target") or ""
            external = (get_attr(tag, "TargetMode") or "").lower() == "external"
            out.append(Rel(get_attr(tag, "Id") or "", get_attr(tag, "Type") or "", target,
                           external, None if external else resolve(part, target)))
        return out

    def rel_of(self, part: str, type_suffix: str) -> Rel | None:
        return next((r for r in self.rels(part) if r.type.endswith("/" + type_suffix)), None)

    def add_rel(self, part: str, type_suffix: str, target_part: str) -> str:
        """A new relationship from `part` to `target_part`; returns its Id."""
        name = self.rels_name(part)
        text = self.text(name) or ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                   '<Relationships xmlns="http://schemas.openxmlformats.org/'
                                   'package/2006/relationships"></Relationships>')
        used = {r.id for r in self.rels(part)}
        numbers = [int(m.group(1)) for i in used if (m := _RID.match(i))]
        n = max(numbers, default=0) + 1
        while f"rId{n}" in used:
            n += 1
        rid = f"rId{n}"
        target = posixpath.relpath(target_part, posixpath.dirname(part.lstrip("/")) or ".")
        el = root(text)
        new = f'<{el.prefix}Relationship Id="{rid}" Type="{RT}{type_suffix}" Target="{esc(target)}"/>'
        self.put(name, append_child(text, el, new))
        return rid

    def remove_rel(self, part: str, rid: str) -> None:
        name = self.rels_name(part)
        text = self.text(name)
        if text is None:
            return
        text = _REL.sub(lambda m: "" if get_attr(m.group(0), "Id") == rid else m.group(0), text)
        self.put(name, text)

    def drop_part(self, part: str, owner: str | None = None, rid: str | None = None) -> None:
        """Remove a part, its relationships part, its content type override, and the
        relationship `rid` of `owner` that pointed at it."""
        self.remove(part)
        self.remove(self.rels_name(part))
        self.remove_override(part)
        if owner is not None and rid is not None:
            self.remove_rel(owner, rid)

    # --- content types ----------------------------------------------------------------
    def _types(self) -> str:
        return self.text(CT_PART) or ""

    def add_override(self, part: str, content_type: str) -> None:
        name = "/" + part.lstrip("/")
        self.remove_override(part)
        text = self._types()
        el = root(text)
        new = f'<{el.prefix}Override PartName="{esc(name)}" ContentType="{content_type}"/>'
        self.put(CT_PART, append_child(text, el, new))

    def remove_override(self, part: str) -> None:
        text = self._types()
        name = "/" + part.lstrip("/").lower()
        new = _OVERRIDE.sub(lambda m: "" if (get_attr(m.group(0), "PartName") or "").lower() == name
                            else m.group(0), text)
        if new != text:
            self.put(CT_PART, new)

    def ensure_default(self, extension: str, content_type: str) -> None:
        text = self._types()
        for m in _DEFAULT.finditer(text):
            if (get_attr(m.group(0), "Extension") or "").lower() == extension:
                return
        el = root(text)
        new = f'<{el.prefix}Default Extension="{extension}" ContentType="{content_type}"/>'
        self.put(CT_PART, append_child(text, el, new, first=True))

    def content_type(self, part: str) -> str | None:
        text = self._types()
        name = "/" + part.lstrip("/").lower()
        for m in _OVERRIDE.finditer(text):
            if (get_attr(m.group(0), "PartName") or "").lower() == name:
                return get_attr(m.group(0), "ContentType")
        ext = part.rpartition(".")[2].lower()
        for m in _DEFAULT.finditer(text):
            if (get_attr(m.group(0), "Extension") or "").lower() == ext:
                return get_attr(m.group(0), "ContentType")
        return None


def resolve(source: str, target: str) -> str:
    """The part a relationship of `source` points at."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    folder = posixpath.dirname(source.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
