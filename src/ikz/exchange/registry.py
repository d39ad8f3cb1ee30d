"""The sections of the exchange file, in dependency order.

Each module listed here exposes ``NAME``, ``export_section`` and ``import_section`` (see
``ikz.exchange.protocol``). A later app appends its module, e.g. "ikz.meetings.exchange", after
the sections it refers to. Sections missing from a file are treated as empty, so older files
stay importable; see docs/data-exchange.md for the versioning policy.
"""

from __future__ import annotations

SECTION_MODULES: list[str] = [
    "ikz.cooperation.exchange",
    "ikz.meetings.exchange",
    "ikz.projects.exchange",
    "ikz.agreements.exchange",  # after projects and meetings: refers to projects and points
    "ikz.surveys.exchange",
    "ikz.reports.exchange",
    "ikz.attachments.exchange",  # last: hangs on meetings, items, projects, bodies, agreements
    "ikz.branding.exchange",  # nothing refers to it
]
