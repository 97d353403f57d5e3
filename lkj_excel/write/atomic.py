"""Write outputs to a temporary name beside the target, then rename: a crash leaves no half file.

On Windows a file that is open in Excel cannot be replaced (a sharing violation); that case
is `InUse`, whose message names the file and asks to close it and run again."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Windows errors of a file held open by another program: access denied, sharing violation,
# lock violation
_IN_USE_WINERRORS = (5, 32, 33)


class InUse(PermissionError):
    """The output exists and cannot be replaced: it is open in another program."""

    def __init__(self, target: Path) -> None:
        super().__init__(13, f"{target.name} sedang dibuka di program lain (mis. Excel): tutup "
                             f"berkas itu di Excel lalu jalankan lagi", str(target))
        self.target = target


def in_use(exc: BaseException, target: Path) -> bool:
    """Whether replacing `target` failed because another program holds it open: a
    permission error on an existing file, in a folder we may write (on Windows, the
    sharing-violation error codes)."""
    if not isinstance(exc, PermissionError) or not target.exists():
        return False
    winerror = getattr(exc, "winerror", None)
    if winerror is not None:
        return winerror in _IN_USE_WINERRORS
    return os.access(target.parent, os.W_OK)


def replace(tmp: Path, target: Path) -> None:
    """os.replace(tmp, target), raising `InUse` when the target is open elsewhere; the
    temporary file is removed when it cannot take the target's place."""
    try:
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if in_use(exc, Path(target)):
            raise InUse(Path(target)) from exc
        raise


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `target`.

    The temporary name starts with `.` and ends in `.tmp`, so batch runs skip it.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp makes the file private (0600); give it the mode a new file would get
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_path, 0o666 & ~umask)
        replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise
