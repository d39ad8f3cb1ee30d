"""The modules that fill the demo cooperation, in order.

Each exposes ``load(*, cooperation: Cooperation, refs: dict[str, Any]) -> None`` and may read
the named objects that earlier modules left in ``refs`` (see ``ikz.demo.structure`` for the
keys). A later app appends its module, e.g. "ikz.meetings.demo".
"""

from __future__ import annotations

# In the layer order, bottom up (docs/architecture.md): a module reads refs of the apps below
# its own only, as its code imports only them.
DEMO_MODULES: list[str] = [
    "ikz.demo.structure",
    "ikz.meetings.demo",
    "ikz.projects.demo",  # links minutes points of the meetings
    "ikz.surveys.demo",  # the evaluation on an agenda, the Kennzahlenabfrage on a project
    "ikz.agreements.demo",  # the agreement implements a project
    "ikz.reports.demo",  # a report reads the projects
]
