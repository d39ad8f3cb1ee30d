"""Which files may be attached, decided by their bytes (magic numbers), not their names.

``filetype`` reads the signature (PDF, images, Office and OpenDocument containers); plain
text has none, so it counts as text when it decodes as UTF-8 without control characters. The
name's extension must fit the detected type ("bericht.pdf" holding a PNG is refused), so that
nobody downloads a file that opens as something else.
"""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _

# detected extension → (MIME type, extensions a file of that type may carry)
ALLOWED: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", ("pdf",)),
    "png": ("image/png", ("png",)),
    "jpg": ("image/jpeg", ("jpg", "jpeg")),
    "gif": ("image/gif", ("gif",)),
    "webp": ("image/webp", ("webp",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("docx", "dotx"),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ("pptx", "potx"),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", ("odt",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", ("ods",)),
    "odp": ("application/vnd.oasis.opendocument.presentation", ("odp",)),
    "doc": ("application/msword", ("doc",)),
    "xls": ("application/vnd.ms-excel", ("xls",)),
    "ppt": ("application/vnd.ms-powerpoint", ("ppt",)),
    "txt": ("text/plain; charset=utf-8", ("txt", "csv", "md")),
}
# The old Office formats share one container (OLE): filetype names them by what it finds.
_OLE = ("doc", "xls", "ppt")


class FileTypeError(ValueError):
    """A German message for the user."""


@dataclass(frozen=True)
class Detected:
    extension: str
    content_type: str


def _is_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # The head may end inside a character: allow a cut of up to three bytes.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)


def detect(head: bytes, name: str) -> Detected:
    """The type of a file from its first bytes (at least 8 KiB if it has them) and its name."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = filetype.guess(head)
    extension = kind.extension if kind is not None else ""
    if extension in _OLE and suffix in _OLE:
        extension = suffix
    if kind is None and head and _is_text(head):
        extension = "txt"
    if extension not in ALLOWED:
        raise FileTypeError(
            _(
                "„%(name)s“ hat keinen erlaubten Dateityp. Erlaubt sind PDF, Word, Excel, "
                "PowerPoint, OpenDocument, Bilder (PNG, JPEG, GIF, WebP) und Text."
            )
            % {"name": name}
        )
    content_type, suffixes = ALLOWED[extension]
    if suffix not in suffixes:
        raise FileTypeError(
            _("„%(name)s“ ist dem Inhalt nach eine %(kind)s-Datei, nicht „.%(suffix)s“.")
            % {"name": name, "kind": extension.upper(), "suffix": suffix or "–"}
        )
    return Detected(extension=suffix, content_type=content_type)
