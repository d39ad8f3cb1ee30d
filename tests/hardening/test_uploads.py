"""XLSX uploads are checked for their uncompressed content before openpyxl parses them."""

from __future__ import annotations

import io
import resource
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ikz.surveys import spreadsheets
from ikz.surveys.models import Response
from ikz.uploads import UploadRefused, XlsxLimits, check_xlsx
from tests.conftest import World, client_for
from tests.surveys.helpers import bauhof


def workbook_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_member(content: bytes, name: str, data: bytes) -> bytes:
    """``content`` with one member replaced (or added), compressed as in a real file."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info.filename, source.read(info.filename))
        target.writestr(name, data)
    return buffer.getvalue()


def huge_shared_string(megabytes: int) -> bytes:
    """A shared string table with one string of ``megabytes`` MB (compresses to ~1/1000)."""
    text = b"A" * (megabytes * 1024 * 1024)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>' + text + b"</t></si></sst>"
    )


def many_cells(count: int) -> bytes:
    rows = b"<row>" + b"<c/>" * 100 + b"</row>"
    rows *= count // 100
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        b'org/spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )


def test_a_small_file_with_a_500_mb_string_is_refused_before_parsing() -> None:
    base = workbook_bytes([["ags"]])
    bomb = with_member(base, "xl/sharedStrings.xml", huge_shared_string(100))
    assert len(bomb) < 1024 * 1024  # the upload itself is small
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(UploadRefused, match="entpackt größer als 30 MB"):
        check_xlsx(bomb)
    # Streamed in chunks: the peak memory does not grow by the string's size.
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 50 * 1024


def test_each_member_is_inflated_with_its_own_limit() -> None:
    """The sizes in the ZIP directory are only claims: each member is inflated in chunks and
    counted, so the member limit holds even when the total limit would not catch it."""
    base = workbook_bytes([["ags"]])
    bomb = with_member(base, "xl/sharedStrings.xml", huge_shared_string(25))
    limits = XlsxLimits(uncompressed_bytes=10**12, member_bytes=20 * 1024 * 1024)
    with pytest.raises(UploadRefused, match="entpackt größer"):
        check_xlsx(bomb, limits)


def test_ten_million_cells_are_refused_without_minutes_of_cpu() -> None:
    base = workbook_bytes([["ags"]])
    # Counting is streamed and stops at the limit, before openpyxl builds a single cell
    # (speed itself is for benchmarks, not for timed tests).
    sheet = many_cells(1_200_000)
    bomb = with_member(base, "xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(UploadRefused, match=r"mehr als 1\.000\.000 Zellen"):
        check_xlsx(bomb)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"kein zip", "keine lesbare XLSX-Tabelle"),
        (b"x" * (6 * 1024 * 1024), "größer als 5 MB"),
    ],
)
def test_other_refusals(content: bytes, message: str) -> None:
    with pytest.raises(UploadRefused, match=message):
        check_xlsx(content)


def test_an_ordinary_sheet_passes() -> None:
    check_xlsx(workbook_bytes([["ags", "kommune"], ["", ""], ["14729245", "Borsdorf"]]))


def test_the_import_page_shows_the_refusal_in_german(world: World) -> None:
    survey = bauhof(world)
    bomb = with_member(workbook_bytes([["ags"]]), "xl/sharedStrings.xml", huge_shared_string(60))
    upload = SimpleUploadedFile("antworten.xlsx", bomb, content_type=spreadsheets.XLSX_TYPE)
    response = client_for(world.coordinator).post(
        f"/{world.cooperation.slug}/umfragen/{survey.pk}/import/", {"file": upload}
    )
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "entpackt größer als 30 MB" in html
    assert not Response.objects.filter(survey=survey).exists()
