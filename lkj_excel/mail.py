"""Workbooks attached to saved e-mails (.eml) and mailboxes (.mbox), read in memory."""

from __future__ import annotations

import email
import email.policy
import mailbox
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath, PureWindowsPath

from .inputs import WORKBOOK_EXT


@dataclass
class Attachment:
    display: str  # <mail path>/<attachment name>
    name: str  # the sanitised attachment name
    content: bytes
    meta: dict = field(default_factory=dict)  # Pengirim, Tanggal Kirim


@dataclass
class MailResult:
    attachments: list[Attachment] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # mails without a workbook attachment
    problems: list[str] = field(default_factory=list)  # mails that could not be parsed


def safe_name(name: str | None, fallback: str = "lampiran") -> str:
    """An attachment name with no folder part, no control characters and no leading dots:
    it can never point outside the folder it is written to."""
    if not name:
        return fallback
    base = PureWindowsPath(PurePosixPath(name).name).name  # strips both / and \ paths
    base = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "_", base).strip().lstrip(".")
    return base[:150] or fallback


def _meta(msg) -> dict:
    sender = str(msg.get("From", "") or "").strip()
    date = None
    raw = msg.get("Date")
    if raw:
        try:
            date = parsedate_to_datetime(str(raw))
        except (TypeError, ValueError, IndexError):
            date = None
    return {"Pengirim": sender or None, "Tanggal Kirim": date}


def _from_message(msg: EmailMessage, where: str, out: MailResult, used: set[str],
                  label: str) -> None:
    found = 0
    meta = _meta(msg)
    for part in msg.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if not filename:
            continue
        name = safe_name(filename)
        if Path(name).suffix.lower() not in WORKBOOK_EXT:
            continue
        try:
            content = part.get_payload(decode=True) or b""
        except Exception:  # a broken transfer encoding
            content = b""
        stem, suffix = Path(name).stem, Path(name).suffix
        unique, n = name, 2
        while unique.lower() in used:  # two attachments with one name
            unique = f"{stem}-{n}{suffix}"
            n += 1
        used.add(unique.lower())
        out.attachments.append(Attachment(f"{where}/{unique}", unique, content, dict(meta)))
        found += 1
    if not found:
        out.skipped.append(label)


def read_mail(path: Path) -> MailResult:
    """The workbook attachments of one .eml or every message of one .mbox."""
    out = MailResult()
    try:
        if path.suffix.lower() == ".mbox":
            box = mailbox.mbox(str(path), factory=None, create=False)
            try:
                used: set[str] = set()
                for i, raw in enumerate(box):
                    msg = email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)
                    _from_message(msg, str(path), out, used, f"{path} (pesan ke-{i + 1})")
            finally:
                box.close()
        else:
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            _from_message(msg, str(path), out, set(), str(path))
    except (OSError, mailbox.Error, ValueError) as exc:
        out.problems.append(f"{path}: {exc}")
    return out
