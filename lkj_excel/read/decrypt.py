"""Encrypted workbooks (docs/mengisi-template.md#format-berkas).

Excel and LibreOffice encrypt an .xls whose workbook structure is protected with the
programs' default key (`VelvetSweatshop`): it opens without asking for a password, so the
tool decrypts and reads it like any other file (msoffcrypto-tool). A file that needs a real
password (.xls, or an .xlsx in its encrypted OLE container) cannot be read: the message
says so and asks the office to save it again without a password.
"""

from __future__ import annotations

import io

from .workbook import Unreadable

DEFAULT_KEY = "VelvetSweatshop"
PASSWORD = "berkas terkunci dengan kata sandi; simpan ulang tanpa kata sandi lalu kirim lagi"


def decrypt(data: bytes) -> bytes:
    """The bytes to read of an OLE (CFB) file: itself when not encrypted, decrypted with the
    default key when that opens it. Raises Unreadable when it needs a password."""
    import msoffcrypto
    from msoffcrypto import exceptions as E

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        if not office.is_encrypted():
            return data
    except E.FileFormatError:
        return data  # not an Office document msoffcrypto knows: let the reader judge it
    try:
        office.load_key(password=DEFAULT_KEY)
        out = io.BytesIO()
        office.decrypt(out)
    except (E.InvalidKeyError, E.DecryptionError):
        raise Unreadable(PASSWORD) from None
    except E.ParseError:
        raise Unreadable("berkas terenkripsi dengan cara yang tidak dikenal; " + PASSWORD) from None
    return out.getvalue()
