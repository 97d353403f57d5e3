"""lkj-excel: the Laporan Kinerja (LKj) of a kecamatan, from a filled workbook to a checked report."""

__version__ = "0.1.0"


def check(path, config=None):
    """Check one workbook and return its `FileReport` (findings, data, figures)."""
    from .api import check as _check

    return _check(path, config)


def process(path, output=None, config=None):
    """Check one workbook and write its LKj workbook; `report.output` is the path written."""
    from .process import process as _process

    return _process(path, output, config)


def __getattr__(name):
    if name == "Archive":  # the analysts' archive (pandas), loaded only when asked for
        from .archive.frames import Archive

        return Archive
    if name == "OutputError":
        from .process import OutputError

        return OutputError
    raise AttributeError(name)
