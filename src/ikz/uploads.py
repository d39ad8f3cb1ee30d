"""Limits for uploaded files that hold for their uncompressed content.

An XLSX file is a ZIP archive of XML files. A 500 KB upload can unpack into a 500 MB shared
string or a sheet of ten million empty cells; a parser then needs gigabytes or minutes. So the
archive's directory is read first (sizes as declared and as actually inflated), then each
worksheet is streamed once to count its cells, all before openpyxl sees the file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree


@dataclass(frozen=True)
class XlsxLimits:
    compressed_bytes: int = 5 * 1024 * 1024
    uncompressed_bytes: int = 30 * 1024 * 1024  # all members together
    member_bytes: int = 20 * 1024 * 1024  # one member (a sheet, the shared strings)
    members: int = 500
    cells: int = 1_000_000  # all worksheets together


DEFAULT_LIMITS = XlsxLimits()
_CHUNK = 64 * 1024


class UploadRefused(ValueError):
    """The upload breaks a limit; the message is German and meant for the user."""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}".replace(".", ",")


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> int:
    """Inflate one member without keeping it, stopping as soon as it exceeds ``limit``: the
    sizes in the directory are only what the file claims."""
    total = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                break
    return total


def _count_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> int:
    """The number of ``<c>`` elements of a worksheet, streamed; stops past ``budget``."""
    count = 0
    with archive.open(info) as member:
        for _event, element in etree.iterparse(
            member, events=("end",), resolve_entities=False, no_network=True, huge_tree=False
        ):
            if element.tag.endswith("}c") or element.tag == "c":
                count += 1
                if count > budget:
                    break
            # Free what was read: memory stays flat however long the sheet is.
            if element.tag.endswith("}row"):
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    return count


def check_xlsx(content: bytes, limits: XlsxLimits = DEFAULT_LIMITS) -> None:
    """Raise UploadRefused with a German message unless ``content`` is a small XLSX file."""
    if len(content) > limits.compressed_bytes:
        raise UploadRefused(
            _("Die Datei ist größer als %(size)s MB.")
            % {"size": _megabytes(limits.compressed_bytes)}
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError) as error:
        raise UploadRefused(
            _("Die Datei ist keine lesbare XLSX-Tabelle (Excel 2007 oder neuer).")
        ) from error
    with archive:
        members = archive.infolist()
        if len(members) > limits.members:
            raise UploadRefused(
                _("Die Datei enthält mehr als %(count)s Teile; das ist keine übliche Tabelle.")
                % {"count": limits.members}
            )
        too_big = _(
            "Die Tabelle ist entpackt größer als %(size)s MB. Bitte teilen Sie sie auf "
            "oder entfernen Sie nicht benötigte Blätter."
        ) % {"size": _megabytes(limits.uncompressed_bytes)}
        if sum(info.file_size for info in members) > limits.uncompressed_bytes:
            raise UploadRefused(too_big)
        total = 0
        try:
            for info in members:
                size = _read_bounded(archive, info, limits.member_bytes)
                total += size
                if size > limits.member_bytes or total > limits.uncompressed_bytes:
                    raise UploadRefused(too_big)
            cells = 0
            for info in members:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    cells += _count_cells(archive, info, limits.cells - cells)
                    if cells > limits.cells:
                        raise UploadRefused(
                            _("Die Tabelle hat mehr als %(cells)s Zellen.")
                            % {"cells": f"{limits.cells:,}".replace(",", ".")}
                        )
        except UploadRefused:
            raise
        except (
            zipfile.BadZipFile,
            zlib.error,
            etree.XMLSyntaxError,
            OSError,
            EOFError,
            ValueError,
            RuntimeError,
            NotImplementedError,
        ) as error:
            raise UploadRefused(
                _("Die Datei ist beschädigt und kann nicht gelesen werden.")
            ) from error
