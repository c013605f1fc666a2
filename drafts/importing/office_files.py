"""What kind of office file a person sent, decided from its bytes (its name only tells an old
binary `.doc` from an encrypted `.docx`, which look alike): a Word or Excel file the bot can read,
or the reason it cannot. Pure, no I/O."""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum

# Telegram lets a bot download files of at most 20 MB.
DOWNLOAD_LIMIT = 20 * 1024 * 1024
# A document this small on the wire that unpacks to more than this is a zip bomb, not a standard.
UNPACKED_LIMIT = 200 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files, and encrypted OOXML
_ZIP = b"PK"  # every DOCX and XLSX is a zip archive
_WORD_MAIN = "wordprocessingml.document.main+xml"
_WORD_TEMPLATE = "wordprocessingml.template.main+xml"  # a .dotx: a document all the same
_SHEET_MAIN = "spreadsheetml.sheet.main+xml"
_MACROS = "macroenabled"
# What Word writes when "Save as" picks a web page or rich text and the name still says `.doc`.
_SAVED_AS_OTHER = (b"{\\rtf", b"MIME-Version", b"<html", b"<!DOCTYPE html", b"<?xml")


class Kind(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"


class Unreadable(Exception):
    """The file cannot be read; `key` names the answer in the catalog (`import.file.<key>`)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def as_document(data: bytes) -> bytes:
    """A Word template (.dotx) as the document it is, for a reader that only opens documents:
    the same package with its main part's content type changed; any other file as it is."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
        if _WORD_TEMPLATE.encode() not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for member in archive.infolist():
                content = archive.read(member)
                if member.filename == "[Content_Types].xml":
                    content = types.replace(_WORD_TEMPLATE.encode(), _WORD_MAIN.encode())
                copy.writestr(member, content)
    return out.getvalue()


def office_kind(file_name: str, data: bytes) -> Kind:
    """DOCX or XLSX, or Unreadable with the reason: too large, an old binary file, encrypted,
    with macros, corrupt, or not an office document at all."""
    name = file_name.lower()
    if len(data) > DOWNLOAD_LIMIT:
        raise Unreadable("too_large")
    if name.endswith((".docm", ".dotm", ".xlsm", ".xltm")):
        raise Unreadable("macros")
    if data.startswith(_OLE):
        if name.endswith((".doc", ".dot")):
            raise Unreadable("old_word")
        if name.endswith((".xls", ".xlt")):
            raise Unreadable("old_excel")
        raise Unreadable("encrypted")  # an OOXML file with a password is an OLE container
    if not data.startswith(_ZIP):
        head = data[:512].lstrip(b"\xef\xbb\xbf \r\n\t").lower()
        if name.endswith((".doc", ".dot")) and head.startswith(
            tuple(m.lower() for m in _SAVED_AS_OTHER)
        ):
            raise Unreadable("saved_as_other")
        raise Unreadable("not_office")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > UNPACKED_LIMIT:
                raise Unreadable("too_large")
            names = {member.filename for member in members}
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        raise Unreadable("corrupt") from None
    if _MACROS in types or any(n.endswith("vbaproject.bin") for n in map(str.lower, names)):
        raise Unreadable("macros")
    if _WORD_MAIN in types or _WORD_TEMPLATE in types:
        return Kind.DOCX
    if _SHEET_MAIN in types:
        return Kind.XLSX
    raise Unreadable("not_office")
