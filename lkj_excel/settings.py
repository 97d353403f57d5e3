"""Settings (docs/angka.md#pengaturan): an optional TOML file replacing the defaults."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .codes import CODE_RE
from .errors import SettingsError

DEFAULT_BATAS = (91.0, 76.0, 66.0, 51.0)
DEFAULT_LABEL = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
METHODS = ("selisih", "rasio")
# [predikat] tanpa_target_triwulan (docs/angka.md#capaian-triwulan-dan-predikat): in
# TW I-III a capaian without its quarter's target gets no predikat (`kosong`), or the
# predikat of the capaian against the year's target, labelled so (`tampilkan`)
NO_QUARTER_TARGET = ("kosong", "tampilkan")


@dataclass(frozen=True)
class Settings:
    """The settings of a run. The predikat of a capaian is `figures.predikat` (exact), from
    `batas` (lower bounds, percent) and `label`."""

    batas: tuple[float, ...] = DEFAULT_BATAS
    label: tuple[str, ...] = DEFAULT_LABEL
    metode: str = "selisih"
    tanpa_target_triwulan: str = "kosong"
    nomenklatur: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    dokumen: bool = False  # [dokumen] tulis: process also writes the .docx
    templat: str | None = None  # [dokumen] templat: the office's letterhead (.docx/.dotx)
    logo: str | None = None  # [dokumen] logo: an image for the cover
    # [arsip] (docs/arsip.md#letak-arsip): the archive's path, already made absolute against
    # the settings file's folder, and other spellings or old names of an office -> the name
    # to use
    arsip_path: str | None = None
    arsip_alias: dict[str, str] = field(default_factory=dict)


def _finite(x: int | float) -> bool:
    """A number usable as a bound: not NaN, not infinite, representable as a float."""
    try:
        return math.isfinite(float(x))
    except OverflowError:
        return False


def load_settings(path: str | Path | None) -> Settings:
    """Read a settings file; None gives the defaults. Raises SettingsError."""
    if path is None:
        return Settings()
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text("utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"berkas pengaturan {p} tidak ditemukan") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"berkas pengaturan {p} tidak dapat dibaca: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"berkas pengaturan {p} bukan TOML yang sah: {exc}") from None
    allowed = {"predikat": {"batas", "label", "tanpa_target_triwulan"}, "efisiensi": {"metode"}, "nomenklatur": None,
               "dokumen": {"tulis", "templat", "logo"}, "arsip": {"path", "alias"}}
    for key, val in raw.items():
        if key not in allowed:
            raise SettingsError(f"kunci tidak dikenal: [{key}] (yang dikenal: "
                                f"{', '.join(allowed)})")
        if not isinstance(val, dict):
            raise SettingsError(f"[{key}] harus berupa tabel")
        if allowed[key] is not None:
            for sub in val:
                if sub not in allowed[key]:
                    raise SettingsError(f"kunci tidak dikenal: {key}.{sub}")
    pred = raw.get("predikat", {})
    batas = pred.get("batas", list(DEFAULT_BATAS))
    label = pred.get("label", list(DEFAULT_LABEL))
    if (not isinstance(batas, list) or not batas
            or not all(isinstance(b, int | float) and not isinstance(b, bool) for b in batas)):
        raise SettingsError("predikat.batas harus daftar angka, mis. [91, 76, 66, 51]")
    if not all(_finite(b) for b in batas):
        raise SettingsError("predikat.batas harus berisi angka terhingga (bukan nan atau inf), "
                            "mis. [91, 76, 66, 51]")
    if any(a <= b for a, b in zip(batas, batas[1:], strict=False)):
        raise SettingsError("predikat.batas harus menurun (dari batas tertinggi ke terendah)")
    if not isinstance(label, list) or not all(isinstance(x, str) and x.strip() for x in label):
        raise SettingsError("predikat.label harus daftar teks")
    if len(label) != len(batas) + 1:
        raise SettingsError(
            f"predikat.label harus berisi {len(batas) + 1} label (satu lebih banyak dari predikat.batas)")
    tanpa = pred.get("tanpa_target_triwulan", "kosong")
    if tanpa not in NO_QUARTER_TARGET:
        raise SettingsError("predikat.tanpa_target_triwulan harus 'kosong' atau 'tampilkan', "
                            f"bukan {tanpa!r}")
    metode = raw.get("efisiensi", {}).get("metode", "selisih")
    if metode not in METHODS:
        raise SettingsError(f"efisiensi.metode harus 'selisih' atau 'rasio', bukan {metode!r}")
    nomen = raw.get("nomenklatur", {})
    for code, name in nomen.items():
        if not CODE_RE.match(code):
            raise SettingsError(f"nomenklatur.\"{code}\": bukan kode nomenklatur yang sah")
        if not isinstance(name, str) or not name.strip():
            raise SettingsError(f"nomenklatur.\"{code}\": uraian harus teks")
    tulis, templat, logo = _dokumen(raw.get("dokumen", {}), p.parent)
    arsip_path, alias = _arsip(raw.get("arsip", {}), p)
    return Settings(tuple(float(b) for b in batas), tuple(label), metode, tanpa, dict(nomen),
                    str(p), tulis, templat, logo, arsip_path, alias)


def _dokumen(val: dict, folder: Path) -> tuple[bool, str | None, str | None]:
    """[dokumen]: tulis (true/false), templat (a Word document) and logo (an image), the
    paths relative to the settings file's folder; each checked here, so a bad one stops
    the command before any input is read."""
    tulis = val.get("tulis", False)
    if not isinstance(tulis, bool):
        raise SettingsError("dokumen.tulis harus true atau false")
    paths: list[str | None] = []
    for key, check in (("templat", word_document_problem), ("logo", image_problem)):
        name = val.get(key)
        if name is None:
            paths.append(None)
            continue
        if not isinstance(name, str) or not name.strip():
            raise SettingsError(f"dokumen.{key} harus nama berkas (teks)")
        path = Path(name).expanduser()
        if not path.is_absolute():
            path = folder / path
        if not path.is_file():
            raise SettingsError(f"dokumen.{key}: berkas {path} tidak ditemukan")
        problem = check(path)
        if problem:
            raise SettingsError(f"dokumen.{key}: {path} {problem}")
        paths.append(str(path))
    return tulis, paths[0], paths[1]


WORD_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")


def word_document_problem(path: Path) -> str | None:
    """Why `path` cannot serve as the letterhead document (None: it can): a .docx or .dotx
    package, i.e. a zip whose main part is a Word document or template."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            types = z.read("[Content_Types].xml").decode("utf-8", "replace")
            z.getinfo("word/document.xml")
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return "bukan dokumen Word (.docx atau .dotx)"
    if not any(t in types for t in WORD_TYPES):
        return "bukan dokumen Word .docx atau .dotx (dokumen bermakro tidak dapat dipakai)"
    return None


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00",
                b"MM\x00*")


def image_problem(path: Path) -> str | None:
    """Why `path` cannot be the cover's logo (None: it can): PNG, JPEG, GIF, BMP or TIFF."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        return f"tidak dapat dibaca: {exc.strerror or exc}"
    if not head.startswith(_IMAGE_MAGIC):
        return "bukan gambar PNG, JPEG, GIF, BMP atau TIFF"
    return None


def _arsip(table: dict, settings_file: Path) -> tuple[str | None, dict[str, str]]:
    """`[arsip] path` (relative to the settings file's folder) and `[arsip.alias]`."""
    path = table.get("path")
    if path is not None:
        if not isinstance(path, str) or not path.strip():
            raise SettingsError('arsip.path harus teks berisi path berkas arsip, mis. "arsip.sqlite"')
        path = str(settings_file.absolute().parent / Path(path.strip()).expanduser())
    alias = table.get("alias", {})
    if not isinstance(alias, dict):
        raise SettingsError('[arsip.alias] harus berupa tabel, mis. "Kec. Lama" = "Kecamatan Baru"')
    if alias:
        from .archive.identity import normalise

        for name, target in alias.items():
            if not normalise(name):
                raise SettingsError(f'arsip.alias."{name}": nama kantor tidak boleh kosong')
            if not isinstance(target, str) or not normalise(target):
                raise SettingsError(f'arsip.alias."{name}": nama tujuan harus teks berisi '
                                    'nama kantor')
    return path, dict(alias)
