"""The parts of a zipped workbook (.xlsx/.xlsm/.ods): reading members safely, the guards
against zip bombs and XML entity tricks, and small XML helpers."""

from __future__ import annotations

import re
import zipfile
import zlib

from .workbook import Unreadable

# A sheet XML or content.xml larger than this when unpacked is refused (zip bomb).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # unpacked/packed ratio above which a large member is refused

ENTITY = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')


def guard_zip(members: dict[str, zipfile.ZipInfo]) -> None:
    total = 0
    for info in members.values():
        total += info.file_size
        if info.file_size > MAX_UNPACKED_BYTES or (
            info.file_size > 20 * 1024 * 1024
            and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise Unreadable(
                f"berkas ditolak: bagian '{info.filename}' mengembang menjadi "
                f"{info.file_size // (1024 * 1024)} MB (batas {MAX_UNPACKED_BYTES // (1024 * 1024)} MB)"
            )
    if total > 2 * MAX_UNPACKED_BYTES:
        raise Unreadable("berkas ditolak: isi workbook terlalu besar setelah diekstrak")


def read_member(zf: zipfile.ZipFile, name: str, limit: int = -1) -> bytes:
    """A zip member's bytes (its first `limit` bytes); damage becomes `Unreadable`."""
    from .decrypt import PASSWORD

    try:
        with zf.open(name) as fh:
            return fh.read(limit)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        # (NotImplementedError, an unknown compression method, is a RuntimeError: first)
        raise Unreadable(f"berkas rusak: bagian '{name}' tidak dapat diekstrak") from None
    except RuntimeError:  # zipfile: "File ... is encrypted, password required"
        raise Unreadable(PASSWORD) from None


def guard_dtd(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> None:
    """Refuse XML parts that declare a DTD or entities (entity bombs, external entities)
    before any parser sees them; a DTD can only stand in the prolog, so the head suffices."""
    for name in members:
        if not name.endswith((".xml", ".rels")):
            continue
        head = read_member(zf, name, 4096)
        if ENTITY.search(head):
            raise Unreadable(f"berkas ditolak: '{name}' memuat deklarasi DTD/entitas XML")


def attrs(blob: bytes) -> dict[bytes, bytes]:
    return {k.split(b":")[-1] if k != b"r:id" else k: v for k, v in _ATTR.findall(blob)}


def member(zf: zipfile.ZipFile, members, name: str) -> bytes | None:
    if name not in members:
        return None
    blob = read_member(zf, name)
    if ENTITY.search(blob[:4096]):
        raise Unreadable(f"berkas ditolak: '{name}' memuat deklarasi DTD/entitas XML")
    return blob


def xml(blob: bytes, name: str):
    """Parse a small XML part with defusedxml: DTDs and entity expansion are refused."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        return fromstring(blob, forbid_dtd=True)
    except DefusedXmlException:
        raise Unreadable(f"berkas ditolak: '{name}' memuat deklarasi DTD/entitas XML") from None
    except ParseError:
        raise Unreadable(f"berkas rusak: '{name}' bukan XML yang utuh") from None


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def attr(el, name: str) -> str | None:
    for k, v in el.attrib.items():
        if local(k) == name:
            return v
    return None


def unescape(s: str) -> str:
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


