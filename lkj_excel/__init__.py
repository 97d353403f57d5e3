"""lkj-excel: the Laporan Kinerja (LKj) of a kecamatan, from a filled workbook to a checked report."""

__version__ = "0.1.0"


def check(path, config=None):
    """Check one workbook and return its `FileReport` (findings, data, figures)."""
    from .api import check as _check

    return _check(path, config)
