"""The exchange bundle: a ZIP with the exchange file and the bytes of every attachment.

Layout (docs/data-exchange.md)::

    kooperation.json          the exchange file, with the section "attachments"
    dateien/<sha256>.<ext>    one entry per distinct file content

A plain JSON export leaves the attachments out (JSON cannot carry their bytes); the bundle
is the lossless form. Reading never extracts to disk and never trusts the archive: entry
names are only looked up, never joined to a path, and the sizes an entry declares are
checked against the limits before anything is read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from ikz.exchange.protocol import ExchangeError

JSON_NAME = "kooperation.json"
FILES_DIR = "dateien/"
ZIP_MAGIC = b"PK\x03\x04"
# The exchange file itself: far beyond any real cooperation (the 100x benchmark is ~10 MB).
JSON_MAX_BYTES = 512 * 1024 * 1024


def is_bundle(raw: bytes) -> bool:
    return raw[:4] == ZIP_MAGIC


def write_bundle(*, text: str, files: Iterable[tuple[str, IO[bytes]]], target: IO[bytes]) -> None:
    """Write the bundle to ``target``: the JSON first, then each file streamed from storage."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JSON_NAME, text.encode("utf-8"))
        for name, handle in files:
            # Documents are mostly compressed already (PDF, Office, images): store, don't deflate.
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            with handle, archive.open(info, "w") as entry:
                while chunk := handle.read(1024 * 1024):
                    entry.write(chunk)


def bundle_bytes(*, text: str, files: Iterable[tuple[str, IO[bytes]]]) -> bytes:
    buffer = io.BytesIO()
    write_bundle(text=text, files=files, target=buffer)
    return buffer.getvalue()


class BundleFiles:
    """The files of an opened bundle, read one at a time and only by their exact name."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        self._entries = {
            info.filename: info
            for info in archive.infolist()
            if info.filename.startswith(FILES_DIR) and not info.is_dir()
        }

    def names(self) -> set[str]:
        return set(self._entries)

    def read(self, name: str, *, path: str) -> bytes:
        info = self._entries.get(name)
        if info is None:
            raise ExchangeError(
                _("Die Datei „%(name)s“ fehlt im ZIP-Paket.") % {"name": name}, path=path
            )
        limit = settings.IKZ_ATTACHMENT_MAX_BYTES
        if info.file_size > limit:
            raise ExchangeError(
                _("Die Datei „%(name)s“ ist größer als die erlaubten %(limit)s Bytes.")
                % {"name": name, "limit": limit},
                path=path,
            )
        try:
            with self._archive.open(info) as entry:
                data = entry.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
            raise ExchangeError(
                _("Die Datei „%(name)s“ im ZIP-Paket ist beschädigt.") % {"name": name},
                path=path,
            ) from None
        if len(data) > limit:  # a lying size in the header
            raise ExchangeError(
                _("Die Datei „%(name)s“ ist größer als die erlaubten %(limit)s Bytes.")
                % {"name": name, "limit": limit},
                path=path,
            )
        return data


def open_bundle(raw: bytes) -> tuple[bytes, BundleFiles]:
    """The exchange file's bytes and the bundle's files, or an ExchangeError saying why not."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ExchangeError(_("Das ZIP-Paket ist beschädigt oder unvollständig.")) from None
    try:
        info = archive.getinfo(JSON_NAME)
    except KeyError:
        raise ExchangeError(
            _("Das ZIP-Paket enthält keine Austauschdatei „%(name)s“.") % {"name": JSON_NAME}
        ) from None
    if info.file_size > JSON_MAX_BYTES:
        raise ExchangeError(_("Die Austauschdatei im ZIP-Paket ist zu groß."))
    try:
        with archive.open(info) as entry:
            text = entry.read(JSON_MAX_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        raise ExchangeError(_("Die Austauschdatei im ZIP-Paket ist beschädigt.")) from None
    if len(text) > JSON_MAX_BYTES:
        raise ExchangeError(_("Die Austauschdatei im ZIP-Paket ist zu groß."))
    return text, BundleFiles(archive)
