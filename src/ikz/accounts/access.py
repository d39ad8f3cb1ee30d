"""What the current visitor may see and do in one cooperation.

``Access`` is computed once per request (two small queries, ``ikz.cooperation.access``) and
passed to selectors, so that every read is filtered by cooperation and role in one place. The
value lives here, below the cooperation, because the base layers (activity, history) filter by
it too; computing it needs the cooperation's memberships and lives with them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:  # only named in the annotation: the cooperation app sits above accounts
    from ikz.cooperation.models import Cooperation


class Level(enum.IntEnum):
    PUBLIC = 0
    MEMBER = 1
    COORDINATOR = 2


@dataclass(frozen=True)
class Access:
    cooperation: Cooperation
    level: Level
    user_id: int | None = None
    person_id: int | None = None
    municipality_id: int | None = None
    body_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_coordinator(self) -> bool:
        return self.level >= Level.COORDINATOR

    @property
    def is_member(self) -> bool:
        """A member or a coordinator: anyone who belongs to the cooperation."""
        return self.level >= Level.MEMBER

    @property
    def role_label(self) -> str:
        return {
            Level.COORDINATOR: _("Koordination"),
            Level.MEMBER: _("Mitglied"),
            Level.PUBLIC: _("Öffentlichkeit"),
        }[self.level]

    def can_read_body(self, *, body_id: int, is_public: bool) -> bool:
        return is_public or self.is_coordinator or body_id in self.body_ids
