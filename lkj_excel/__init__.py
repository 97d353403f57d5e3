"""lkj-excel: the Laporan Kinerja (LKj) of a kecamatan, from a filled workbook to a checked report."""

__version__ = "0.1.0"
