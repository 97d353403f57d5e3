"""The Identitas sheet's rows (Isian, Nilai, Keterangan), and the values `make_template`
pre-fills them with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from lkj_excel import contract
from lkj_excel.contract import IdentityItem, Kind, norm_header
from lkj_excel.write.styles import Formats
from lkj_excel.write.template.layout import (
    FIRST_DATA_ROW,
    MAX_INPUT_MESSAGE,
    MAX_INPUT_TITLE,
    ROMAN,
    clip,
)
from lkj_excel.write.template.lists import TRIWULAN_KEY, list_validation

# Identitas Nilai cell format per kind.
_IDENTITY_FORMAT: dict[Kind, tuple[str, ...]] = {
    Kind.NIP: ("input", "text"),
    Kind.DATE: ("input", "date"),
    Kind.YEAR: ("input", "whole"),
    Kind.WHOLE: ("input", "whole"),
}


def identity_values(identity: Mapping[str, object] | None) -> dict[str, object]:
    """Validate `identity` and return {Isian: value to write}, without blank values.

    Tahun Anggaran becomes an int (2000-2100), Triwulan a Roman numeral (1-4 accepted),
    whole numbers ints, ISO date text a date, NIPs and text stripped strings.
    """
    if not identity:
        return {}
    by_key: dict[str, IdentityItem] = {}
    for item in contract.IDENTITY_ITEMS:
        by_key[norm_header(item.isian)] = item
        if item.option:
            by_key[norm_header(item.option)] = item
    out: dict[str, object] = {}
    for key, raw in identity.items():
        item = by_key.get(norm_header(key))
        if item is None:
            known = ", ".join(i.isian for i in contract.IDENTITY_ITEMS)
            raise ValueError(f"Isian Identitas tidak dikenal: {key!r}. Yang dikenal: {known}.")
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        out[item.isian] = _coerce_identity(item, raw)
    version = out.get("Versi Template")
    if version is not None and version != contract.TEMPLATE_VERSION:
        raise ValueError(
            f"Versi Template tidak dapat diubah: template ini versi {contract.TEMPLATE_VERSION}."
        )
    return out


def _coerce_identity(item: IdentityItem, raw: object) -> object:
    """The value to write for one Identitas item, or ValueError in Bahasa Indonesia."""
    if item.kind is Kind.YEAR:
        year = _whole(raw)
        if year is None or not 2000 <= year <= 2100:
            raise ValueError(f"{item.isian} harus 4 angka antara 2000 dan 2100, bukan {raw!r}.")
        return year
    if item.kind is Kind.TRIWULAN:
        text = str(raw).strip().upper()
        if text in ROMAN:
            return text
        number = _whole(raw)
        if number is not None and 1 <= number <= 4:
            return ROMAN[number - 1]
        raise ValueError(f"{item.isian} harus I, II, III atau IV (atau 1-4), bukan {raw!r}.")
    if item.kind is Kind.WHOLE:
        number = _whole(raw)
        if number is None or number < 0:
            raise ValueError(f"{item.isian} harus bilangan bulat, bukan {raw!r}.")
        return number
    if item.kind is Kind.DATE:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = str(raw).strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # e.g. "31 Maret 2023": the reader understands Indonesian dates
    return str(raw).strip()


def _whole(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    return None


def item_format(item: IdentityItem) -> tuple[str, ...]:
    """The format names (write.styles) of an Isian's Nilai cell."""
    return _IDENTITY_FORMAT.get(item.kind, ("input",))


def item_validation(item: IdentityItem, triwulan_list: str) -> dict[str, Any]:
    """The data validation of an Isian's Nilai cell: its input message, and the Triwulan
    drop-down (`triwulan_list`: the range of the list, used when it is too long to inline)
    or the Tahun Anggaran range."""
    title = clip(item.isian, MAX_INPUT_TITLE)
    message = clip(item.hint or item.isian, MAX_INPUT_MESSAGE)
    if item.kind is Kind.TRIWULAN:
        options = list_validation(ROMAN, ("1", "2", "3", "4"), triwulan_list, what="Triwulan")
    elif item.kind is Kind.YEAR:
        options = {
            "validate": "integer",
            "criteria": "between",
            "minimum": 2000,
            "maximum": 2100,
            "ignore_blank": True,
            "error_type": "warning",
            "error_title": "Tahun tidak wajar",
            "error_message": "Tahun anggaran ditulis 4 angka antara 2000 dan 2100, "
            "mis. 2023. Pilih Ya untuk tetap menyimpan, Tidak untuk mengubah.",
        }
    else:
        options = {"validate": "any"}
    options.update({"input_title": title, "input_message": message})
    return options


def write_identity_rows(
    ws: Any, fmt: Formats, identity: dict[str, object], lists: dict[str, str]
) -> None:
    """Identitas rows 3..: Isian label (grey), Nilai (formatted by kind), Keterangan."""
    values = {**identity, "Versi Template": contract.TEMPLATE_VERSION}
    label_fmt = fmt.get("label")
    note_fmt = fmt.get("note")
    for i, item in enumerate(contract.IDENTITY_ITEMS):
        row = FIRST_DATA_ROW - 1 + i
        ws.write_string(row, 0, item.isian, label_fmt)
        cell_fmt = fmt.get(*item_format(item))
        value = values.get(item.isian)
        if value is None:
            ws.write_blank(row, 1, None, cell_fmt)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, 1, value, cell_fmt)
        elif isinstance(value, int):
            ws.write_number(row, 1, value, cell_fmt)
        else:
            ws.write_string(row, 1, str(value), cell_fmt)
        if item.isian == "Versi Template":
            need = "jangan diubah"
        else:
            need = "wajib" if item.required else "boleh kosong"
        ws.write_string(row, 2, f"{need}; contoh: {item.example}", note_fmt)

        options = item_validation(item, lists[TRIWULAN_KEY])
        ws.data_validation(row, 1, row, 1, options)
