"""The modules that fill the demo cooperation, in order.

Each exposes ``load(*, cooperation: Cooperation, refs: dict[str, Any]) -> None`` and may read
the named objects that earlier modules left in ``refs`` (see ``ikz.demo.structure`` for the
keys). A later app appends its module, e.g. "ikz.meetings.demo".
"""

from __future__ import annotations

DEMO_MODULES: list[str] = [
    "ikz.demo.structure",
    "ikz.meetings.demo",
    "ikz.surveys.demo",
    "ikz.projects.demo",  # before reports: a report reads the projects
    "ikz.agreements.demo",  # after projects: the agreement implements a project
    "ikz.reports.demo",
]
