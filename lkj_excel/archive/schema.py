"""The archive's tables (schema version 1). Portable SQL: plain types (INTEGER, TEXT, BLOB),
explicit keys, no SQLite-only features beyond PRAGMAs, so a server database can take the
archive over (docs/arsip.md#ukuran-arsip). Exact numbers are canonical decimal TEXT, money is
INTEGER sen, times are ISO 8601 TEXT, booleans INTEGER 0/1."""

from __future__ import annotations

# `PRAGMA application_id`: "LKJA", how an lkj-excel archive is recognised
APPLICATION_ID = 0x4C4B4A41

TABLES = ("office", "submission", "content", "pk_row", "budget_row", "finding")

V1 = (
    """CREATE TABLE office (
        id INTEGER NOT NULL PRIMARY KEY,
        pemda_key TEXT NOT NULL,
        pd_key TEXT NOT NULL,
        pemda TEXT,
        perangkat_daerah TEXT NOT NULL,
        UNIQUE (pemda_key, pd_key)
    )""",
    """CREATE TABLE submission (
        id INTEGER NOT NULL PRIMARY KEY,
        office_id INTEGER NOT NULL REFERENCES office (id),
        tahun INTEGER NOT NULL,
        triwulan INTEGER NOT NULL,
        versi INTEGER NOT NULL,
        pemda TEXT,
        perangkat_daerah TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        byte_count INTEGER NOT NULL,
        sender TEXT,
        sent_at TEXT,
        processed_at TEXT NOT NULL,
        rechecked_at TEXT,
        tool_version TEXT NOT NULL,
        errors INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        withdrawn_at TEXT,
        UNIQUE (office_id, tahun, triwulan, versi)
    )""",
    "CREATE INDEX submission_bytes ON submission (office_id, tahun, triwulan, sha256)",
    "CREATE INDEX submission_period ON submission (tahun, triwulan)",
    """CREATE TABLE content (
        submission_id INTEGER NOT NULL PRIMARY KEY REFERENCES submission (id),
        bytes BLOB NOT NULL
    )""",
    """CREATE TABLE pk_row (
        submission_id INTEGER NOT NULL REFERENCES submission (id),
        pos INTEGER NOT NULL,
        sheet_row INTEGER,
        tingkat TEXT,
        penanggung_jawab TEXT,
        sasaran TEXT,
        indikator TEXT,
        satuan TEXT,
        is_percent INTEGER NOT NULL,
        arah TEXT,
        kode TEXT,
        target TEXT,
        target_tw1 TEXT,
        target_tw2 TEXT,
        target_tw3 TEXT,
        target_renstra TEXT,
        standar_nasional TEXT,
        target_ll TEXT,
        realisasi_ll TEXT,
        realisasi TEXT,
        realisasi_source TEXT,
        realisasi_typed TEXT,
        capaian_tahunan TEXT,
        capaian_triwulan TEXT,
        PRIMARY KEY (submission_id, pos)
    )""",
    """CREATE TABLE budget_row (
        submission_id INTEGER NOT NULL REFERENCES submission (id),
        pos INTEGER NOT NULL,
        sheet_row INTEGER,
        kode TEXT,
        uraian TEXT,
        tree_level INTEGER,
        is_total INTEGER NOT NULL,
        pagu INTEGER,
        realisasi INTEGER,
        pagu_typed INTEGER,
        pagu_typed_unknown INTEGER NOT NULL,
        realisasi_typed INTEGER,
        realisasi_typed_unknown INTEGER NOT NULL,
        kode_saran TEXT,
        PRIMARY KEY (submission_id, pos)
    )""",
    """CREATE TABLE finding (
        submission_id INTEGER NOT NULL REFERENCES submission (id),
        pos INTEGER NOT NULL,
        check_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        sheet TEXT,
        cell TEXT,
        kode TEXT,
        found_type TEXT,
        found TEXT,
        expected_type TEXT,
        expected TEXT,
        message TEXT NOT NULL,
        PRIMARY KEY (submission_id, pos)
    )""",
)

PK_COLUMNS = (
    "pos", "sheet_row", "tingkat", "penanggung_jawab", "sasaran", "indikator", "satuan",
    "is_percent", "arah", "kode", "target", "target_tw1", "target_tw2", "target_tw3",
    "target_renstra", "standar_nasional", "target_ll", "realisasi_ll", "realisasi",
    "realisasi_source", "realisasi_typed", "capaian_tahunan", "capaian_triwulan",
)
BUDGET_COLUMNS = (
    "pos", "sheet_row", "kode", "uraian", "tree_level", "is_total", "pagu", "realisasi",
    "pagu_typed", "pagu_typed_unknown", "realisasi_typed", "realisasi_typed_unknown",
    "kode_saran",
)
FINDING_COLUMNS = (
    "pos", "check_id", "severity", "sheet", "cell", "kode", "found_type", "found",
    "expected_type", "expected", "message",
)
