"""The reply to an office that sent its workbook by e-mail (`<stem>-balasan.txt`, beside the
returned copy): greeting, the verdict, the errors to fix as a numbered list, the attached
file's name. Short and polite, in Bahasa Indonesia; the finance subsection pastes it into
its reply and attaches the copy."""

from __future__ import annotations

import re
import textwrap
from email.utils import parseaddr
from pathlib import PurePosixPath

from .notes import verdict


def reply_name(copy_name: str) -> str:
    """`x-diperiksa.xlsx` -> `x-balasan.txt` (`x-diperiksa-2.xlsx` -> `x-balasan-2.txt`)."""
    stem = PurePosixPath(copy_name).stem
    if "-diperiksa" in stem:
        head, _, tail = stem.rpartition("-diperiksa")
        return f"{head}-balasan{tail}.txt"
    return f"{stem}-balasan.txt"


def _who(sender: str | None) -> str:
    name, addr = parseaddr(sender or "")
    name = re.sub(r"[\x00-\x1f\x7f]", " ", name).strip().strip('"').strip()
    return name or addr or ""


def reply_text(findings: list, sender: str | None, attached: str, file: str,
               subject: str | None = None) -> str:
    """The reply text. `sender`: the mail's From; `attached`: the returned copy's file name;
    `file`: the name the office sent; `subject`: the office and period."""
    who = _who(sender)
    errors = [f for f in findings if f.is_error]
    warnings = len(findings) - len(errors)
    sent = PurePosixPath(str(file).replace("\\", "/")).name
    about = f" ({subject})" if subject else ""
    lines = [f"Yth. {who}," if who else "Yth. Bapak/Ibu,", "",
             f"Terima kasih, laporan {sent}{about} sudah kami terima dan periksa.", "",
             f"Hasil pemeriksaan: {verdict(findings)}."]
    if errors:
        lines += ["", "Mohon perbaiki kesalahan berikut, lalu kirim kembali workbook-nya:"]
        for i, f in enumerate(errors, 1):
            where = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.sheet or "Berkas")
            body = textwrap.wrap(f"{where}: {f.message}", 90, subsequent_indent="   ")
            lines.append(f"{i}. " + "\n".join(body))
    if warnings:
        lines += ["", f"Ada juga {warnings} peringatan: mohon diperiksa, dan dibiarkan bila "
                      "memang sudah benar."]
    lines += ["", f"Sel yang perlu diperbaiki sudah kami tandai (merah untuk kesalahan, kuning "
                  f"untuk peringatan) dan diberi komentar pada berkas terlampir, {attached}; "
                  f"daftar lengkapnya ada di sheet Hasil Pemeriksaan.", "",
              "Terima kasih atas kerja samanya.", "", "Hormat kami,", ""]
    return "\n".join(lines)
