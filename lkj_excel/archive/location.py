"""Where the archive is (docs/arsip.md#letak-arsip): `--arsip PATH`, else `[arsip] path` in the
settings, else the environment variable `LKJ_ARSIP`, else `arsip.sqlite` in the user's data
folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ENV = "LKJ_ARSIP"
FILENAME = "arsip.sqlite"
APP_NAME = "lkj-excel"


def default_path() -> Path:
    """`arsip.sqlite` in `platformdirs.user_data_dir("lkj-excel", appauthor=False)`."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / FILENAME


def _as_file(path: str | os.PathLike) -> Path:
    """A path naming an existing folder means `arsip.sqlite` inside it."""
    p = Path(path).expanduser()
    return p / FILENAME if p.is_dir() else p


def resolve_path(explicit: str | os.PathLike | None = None, settings: Any = None,
                 environ: Mapping[str, str] | None = None) -> Path:
    """The archive's path, in the order of docs/arsip.md#letak-arsip. `settings` is a
    `Settings` (its `arsip_path` is already relative to the settings file's folder);
    `environ` defaults to `os.environ`. Nothing is created or opened."""
    if explicit is not None and str(explicit).strip():
        return _as_file(explicit)
    configured = getattr(settings, "arsip_path", None)
    if configured:
        return _as_file(configured)
    env = (os.environ if environ is None else environ).get(ENV, "")
    if env.strip():
        return _as_file(env.strip())
    return default_path()
