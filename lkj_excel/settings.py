"""Settings (output.md "Settings"): an optional TOML file replacing the defaults."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .codes import CODE_RE

DEFAULT_BATAS = (91.0, 76.0, 66.0, 51.0)
DEFAULT_LABEL = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
METHODS = ("selisih", "rasio")


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the key, in Bahasa Indonesia."""


@dataclass(frozen=True)
class Settings:
    batas: tuple[float, ...] = DEFAULT_BATAS
    label: tuple[str, ...] = DEFAULT_LABEL
    metode: str = "selisih"
    nomenklatur: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    # [arsip] (archive.md): the archive's path, already made absolute against the settings
    # file's folder, and other spellings or old names of an office -> the name to use
    arsip_path: str | None = None
    arsip_alias: dict[str, str] = field(default_factory=dict)

    def predikat(self, capaian_pct: float | None) -> str | None:
        """The band of an unrounded capaian (percent units), half-open: c >= bound."""
        if capaian_pct is None:
            return None
        for bound, lab in zip(self.batas, self.label, strict=False):
            if capaian_pct >= bound:
                return lab
        return self.label[-1]


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
    allowed = {"predikat": {"batas", "label"}, "efisiensi": {"metode"}, "nomenklatur": None,
               "arsip": {"path", "alias"}}
    for key, val in raw.items():
        if key not in allowed:
            raise SettingsError(f"kunci tidak dikenal: [{key}] (yang dikenal: {', '.join(allowed)})")
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
    metode = raw.get("efisiensi", {}).get("metode", "selisih")
    if metode not in METHODS:
        raise SettingsError(f"efisiensi.metode harus 'selisih' atau 'rasio', bukan {metode!r}")
    nomen = raw.get("nomenklatur", {})
    for code, name in nomen.items():
        if not CODE_RE.match(code):
            raise SettingsError(f"nomenklatur.\"{code}\": bukan kode nomenklatur yang sah")
        if not isinstance(name, str) or not name.strip():
            raise SettingsError(f"nomenklatur.\"{code}\": uraian harus teks")
    arsip_path, alias = _arsip(raw.get("arsip", {}), p)
    return Settings(tuple(float(b) for b in batas), tuple(label), metode, dict(nomen), str(p),
                    arsip_path, alias)


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
